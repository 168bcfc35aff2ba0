// Host side of the portable matcher (portable_matcher.h): a prepared finger converted to the
// port's minutiae, and a probe's index borrowed from its PreparedFinger.
#pragma once

#include <algorithm>
#include <vector>

#include "biometrics/matcher.h"
#include "biometrics/portable_matcher.h"

namespace openpact::biometrics::portable {

// Appends f's minutiae to *out, as a candidate (in order of x, RawScore's layout) or as a probe
// (in their order, which the probe's index refers to); false (nothing appended) for a finger the
// port does not handle.
enum class Role { kCandidate, kProbe };
inline bool AppendPortable(const PreparedFinger& f, std::vector<Minutia>* out, Role role = Role::kCandidate) {
  if (f.minutiae.size() > static_cast<size_t>(kMaxMinutiae)) return false;
  const size_t first = out->size();
  for (const PreparedMinutia& m : f.minutiae) {
    Minutia p{};
    for (int t = 0; t < kNeighbours; ++t) {
      p.nd[t] = m.nd[t], p.na[t] = m.na[t], p.nr[t] = m.nr[t];
      p.cell[t] = static_cast<uint16_t>(m.cell[t]);
    }
    p.x = m.x, p.y = m.y, p.angle = m.angle, p.weight = m.weight;
    p.neighbour_count = m.neighbour_count;
    p.type = m.type;
    p.index = static_cast<uint8_t>(out->size() - first);
    out->push_back(p);
  }
  if (role == Role::kCandidate) {
    std::sort(out->begin() + static_cast<long>(first), out->end(),
              [](const Minutia& a, const Minutia& b) { return a.x != b.x ? a.x < b.x : a.index < b.index; });
  }
  return true;
}

// The probe view of an indexed finger whose minutiae were converted into `minutiae`; f must stay
// alive (its index is borrowed).
inline Probe ProbeOf(const PreparedFinger& f, const std::vector<Minutia>& minutiae) {
  return Probe{minutiae.data(), static_cast<int>(minutiae.size()), static_cast<int>(f.mask_words),
               f.cell_masks.data(), f.need_masks.data()};
}

}  // namespace openpact::biometrics::portable
