// libFuzzer target: the matcher on any minutiae a valid ISO/IEC 19794-2 record can carry (14-bit
// coordinates, up to 255 minutiae per view, repeated and coincident minutiae). Each view is
// compared with the next (the last with the first), as a probe with and without its candidate-pair
// index: the scores must be equal (the index only skips structures that cannot agree), finite and
// within [0, 1]. The pre-selection's triangle keys of each view, stored and widened, must be those
// of the tests' plain computation (tests/biometrics/triplet_reference.h), and so sorted without
// repeats. The whole record compared with itself as a template (MatchTemplates: comparable
// positions, both directions, fused) must give a finite score of at least 0, the fusion of the
// per-finger evidence it reports (FuseProbeFingers). The accelerators' port (portable_matcher.h)
// must give the CPU matcher's score bit for bit on every pair (a differential check: degenerate
// minutiae sets are where two implementations part). Under the sanitizers this also checks every
// read of the neighbour searches, the index's bit sets, the consolidation's grid and the port's
// fixed-size scratch.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "biometrics/identify.h"
#include "biometrics/matcher.h"
#include "biometrics/portable_export.h"
#include "biometrics/template.h"
#include "biometrics/triplet_index.h"
#include "biometrics/triplet_reference.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace openpact::biometrics;
  auto t = ParseIso19794_2(std::span<const uint8_t>(data, size));
  if (!t.ok() || t->views.empty()) return 0;
  Matcher matcher;
  const size_t views = std::min<size_t>(t->views.size(), 4);
  for (size_t v = 0; v < views; ++v) {
    const PreparedFinger candidate = PreparedFinger::FromView(ViewAtReferenceResolution(*t, (v + 1) % views));
    PreparedFinger probe = PreparedFinger::FromView(ViewAtReferenceResolution(*t, v));
    const double plain = matcher.RawScore(probe, candidate);
    probe.BuildIndex();
    const double indexed = matcher.RawScore(probe, candidate);
    if (!(plain >= 0 && plain <= 1) || indexed != plain) std::abort();
    std::vector<portable::Minutia> probe_minutiae, candidate_minutiae;
    if (portable::AppendPortable(probe, &probe_minutiae, portable::Role::kProbe) &&
        portable::AppendPortable(candidate, &candidate_minutiae)) {
      static portable::Scratch scratch;
      const double ported = portable::RawScore(portable::ProbeOf(probe, probe_minutiae), candidate_minutiae.data(),
                                               static_cast<int>(candidate_minutiae.size()), scratch);
      if (ported != plain) std::abort();
    }
    for (bool widened : {false, true}) {
      if (TripletKeys(probe, widened) != testing::ReferenceTripletKeys(probe, widened)) std::abort();
    }
  }
  if (t->views.size() <= 4) {
    const TemplateMatch self = MatchTemplates(*t, *t);
    for (const FingerResult& f : self.fingers) {
      if (!std::isfinite(f.evidence.score) || f.evidence.compared < 2) std::abort();  // each view meets itself
    }
    if (!std::isfinite(self.score) || self.score < 0 || self.score != FuseProbeFingers(self.fingers)) std::abort();
    if (SearchScore(self.score, 1000) > self.score) std::abort();
  }
  return 0;
}
