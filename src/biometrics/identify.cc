#include "biometrics/identify.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace openpact::biometrics {

Signature MakeSignature(const PreparedFinger& f) {
  constexpr float kTwoPi = 6.28318530717958647692f;
  Signature sig;
  for (const PreparedMinutia& m : f.minutiae) {
    for (int t = 0; t < m.neighbour_count; ++t) {
      const int d = std::min(7, static_cast<int>(m.nd[t] / 16.0f));
      const int a = std::min(7, static_cast<int>(m.na[t] / kTwoPi * 8));
      const int r = std::min(7, static_cast<int>(m.nr[t] / kTwoPi * 8));
      const int cell = (d * 8 + a) * 8 + r;
      if (sig.counts[cell] < 255) ++sig.counts[cell];
    }
  }
  return sig;
}

double SignatureSimilarity(const Signature& a, const Signature& b) {
  int both = 0, na = 0, nb = 0;
  for (int c = 0; c < 512; ++c) {
    both += std::min(a.counts[c], b.counts[c]);
    na += a.counts[c];
    nb += b.counts[c];
  }
  return na == 0 || nb == 0 ? 0 : both / std::sqrt(static_cast<double>(na) * nb);
}

void Gallery::Add(const std::string& id, const FingerprintTemplate& t) {
  GalleryRecord* record = nullptr;
  if (!records_.empty() && records_.back().id == id) record = &records_.back();
  if (record == nullptr) {
    records_.push_back(GalleryRecord{id, {}, {}});
    record = &records_.back();
  }
  for (const FingerView& v : t.views) {
    record->fingers.emplace_back(v.position, PreparedFinger::FromView(v));
    record->signatures.push_back(MakeSignature(record->fingers.back().second));
  }
}

size_t Gallery::fingers() const {
  size_t n = 0;
  for (const auto& r : records_) n += r.fingers.size();
  return n;
}

size_t Gallery::MemoryBytes() const {
  size_t bytes = records_.capacity() * sizeof(GalleryRecord);
  for (const auto& r : records_) {
    bytes += r.id.capacity() + r.fingers.capacity() * sizeof(std::pair<uint8_t, PreparedFinger>) +
             r.signatures.capacity() * sizeof(Signature);
    for (const auto& f : r.fingers) bytes += f.second.minutiae.capacity() * sizeof(PreparedMinutia);
  }
  return bytes;
}

std::vector<Candidate> Gallery::Search(const FingerprintTemplate& probe, const SearchOptions& options,
                                       const Calibration& calibration) const {
  const size_t top = options.top;
  std::vector<std::pair<uint8_t, PreparedFinger>> probes;
  std::vector<Signature> probe_signatures;
  for (const FingerView& v : probe.views) {
    probes.emplace_back(v.position, PreparedFinger::FromView(v));
    probes.back().second.BuildIndex();
    probe_signatures.push_back(MakeSignature(probes.back().second));
  }
  // Pre-selection: rank records by signature overlap (summed over the probe's fingers), keep the
  // best share; the full matcher then scores only those.
  std::vector<size_t> selected;
  if (options.preselect_fraction < 1.0) {
    std::vector<std::pair<double, size_t>> ranked(records_.size());
    for (size_t r = 0; r < records_.size(); ++r) {
      double s = 0;
      for (size_t p = 0; p < probes.size(); ++p) {
        double best = 0;
        for (size_t f = 0; f < records_[r].fingers.size(); ++f) {
          const uint8_t pos = probes[p].first, gpos = records_[r].fingers[f].first;
          if (pos != 0 && gpos != 0 && pos != gpos) continue;
          best = std::max(best, SignatureSimilarity(probe_signatures[p], records_[r].signatures[f]));
        }
        s += best;
      }
      ranked[r] = {s, r};
    }
    const size_t keep = std::min(records_.size(),
                                 std::max(top, static_cast<size_t>(options.preselect_fraction * records_.size())));
    std::partial_sort(ranked.begin(), ranked.begin() + keep, ranked.end(),
                      [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    for (size_t k = 0; k < keep; ++k) selected.push_back(ranked[k].second);
  } else {
    selected.resize(records_.size());
    for (size_t r = 0; r < records_.size(); ++r) selected[r] = r;
  }
  const int workers = std::max(1, options.threads);
  std::vector<std::vector<Candidate>> partial(static_cast<size_t>(workers));
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      Matcher m;
      auto& best = partial[static_cast<size_t>(w)];
      auto worse = [](const Candidate& a, const Candidate& b) { return a.score > b.score; };
      for (size_t k = static_cast<size_t>(w); k < selected.size(); k += static_cast<size_t>(workers)) {
        const GalleryRecord& rec = records_[selected[k]];
        Candidate c{rec.id, 0, {}};
        for (const auto& [pos, pf] : probes) {
          double finger = 0;
          for (const auto& [gpos, gf] : rec.fingers) {
            if (pos != 0 && gpos != 0 && pos != gpos) continue;
            finger = std::max(finger, m.Score(pf, gf, calibration));
          }
          c.score += finger;
          if (finger >= kDefaultThreshold) c.fingers_matched.push_back(pos);
        }
        // Keep a bounded min-heap of the best `top`.
        if (best.size() < top) {
          best.push_back(std::move(c));
          std::push_heap(best.begin(), best.end(), worse);
        } else if (top > 0 && c.score > best.front().score) {
          std::pop_heap(best.begin(), best.end(), worse);
          best.back() = std::move(c);
          std::push_heap(best.begin(), best.end(), worse);
        }
      }
    });
  }
  for (auto& t : pool) t.join();
  std::vector<Candidate> all;
  for (auto& p : partial) all.insert(all.end(), p.begin(), p.end());
  std::sort(all.begin(), all.end(), [](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  if (all.size() > top) all.resize(top);
  return all;
}

}  // namespace openpact::biometrics
