#include "biometrics/identify.h"

#include <algorithm>
#include <thread>

namespace openpact::biometrics {

void Gallery::Add(const std::string& id, const FingerprintTemplate& t) {
  GalleryRecord* record = nullptr;
  if (!records_.empty() && records_.back().id == id) record = &records_.back();
  if (record == nullptr) {
    records_.push_back(GalleryRecord{id, {}});
    record = &records_.back();
  }
  for (const FingerView& v : t.views) record->fingers.emplace_back(v.position, PreparedFinger::FromView(v));
}

size_t Gallery::fingers() const {
  size_t n = 0;
  for (const auto& r : records_) n += r.fingers.size();
  return n;
}

size_t Gallery::MemoryBytes() const {
  size_t bytes = records_.capacity() * sizeof(GalleryRecord);
  for (const auto& r : records_) {
    bytes += r.id.capacity() + r.fingers.capacity() * sizeof(std::pair<uint8_t, PreparedFinger>);
    for (const auto& f : r.fingers) bytes += f.second.minutiae.capacity() * sizeof(PreparedMinutia);
  }
  return bytes;
}

std::vector<Candidate> Gallery::Search(const FingerprintTemplate& probe, size_t top, int threads,
                                       const Calibration& calibration) const {
  std::vector<std::pair<uint8_t, PreparedFinger>> probes;
  for (const FingerView& v : probe.views) {
    probes.emplace_back(v.position, PreparedFinger::FromView(v));
    probes.back().second.BuildIndex();
  }
  const int workers = std::max(1, threads);
  std::vector<std::vector<Candidate>> partial(static_cast<size_t>(workers));
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      Matcher m;
      auto& best = partial[static_cast<size_t>(w)];
      auto worse = [](const Candidate& a, const Candidate& b) { return a.score > b.score; };
      for (size_t r = static_cast<size_t>(w); r < records_.size(); r += static_cast<size_t>(workers)) {
        const GalleryRecord& rec = records_[r];
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
