#include "biometrics/identify.h"

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "biometrics/portable_export.h"
#include "core/parallel.h"

namespace openpact::biometrics {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// ln(sum of exp(t)) over the terms, without overflow: the largest factored out.
double LogSumExp(const std::vector<double>& terms) {
  const double most = *std::max_element(terms.begin(), terms.end());
  double sum = 0;
  for (double t : terms) sum += std::exp(t - most);
  return most + std::log(sum);
}

// ln Gamma(x) for x > 0, safe to call from the scan's threads at once: std::lgamma also writes the
// global signgam (POSIX), a data race ThreadSanitizer reports; lgamma_r (glibc) returns the sign
// through its argument instead, with the same value.
double LogGamma(double x) {
  int sign = 0;
  return ::lgamma_r(x, &sign);
}

// ln(sum_{j<k} y^j / j!), the lower part of exp(y)'s series, without overflow for large y or k.
double LogExpSeries(double y, int k) {
  if (y <= 0) return 0;  // only the j = 0 term: 1
  std::vector<double> terms(static_cast<size_t>(k));
  for (int j = 0; j < k; ++j) terms[static_cast<size_t>(j)] = j * std::log(y) - LogGamma(j + 1.0);
  return LogSumExp(terms);
}

double LogBinomial(int n, int k) { return LogGamma(n + 1.0) - LogGamma(k + 1.0) - LogGamma(n - k + 1.0); }

// Finger positions index the per-position triplet indexes: the readers refuse others, and so does
// the gallery for templates built in code.
Status CheckPositions(const std::string& id, const FingerprintTemplate& t) {
  for (size_t k = 0; k < t.views.size(); ++k) {
    if (t.views[k].position > kMaxFingerPosition) {
      return Status::InvalidArgument("record " + id + ": finger position " + std::to_string(t.views[k].position) +
                                         " is not 0.." + std::to_string(kMaxFingerPosition),
                                     "views[" + std::to_string(k) + "].position");
    }
  }
  return Status::OK();
}

}  // namespace

double FuseFingerScores(std::span<const FingerEvidence> fingers) {
  // One finger compared once (every single-finger search, once per record): its own score, which
  // the formulas below give back only up to rounding.
  const auto compared = [](const FingerEvidence& f) { return f.compared > 0; };
  if (std::count_if(fingers.begin(), fingers.end(), compared) == 1) {
    const FingerEvidence& only = *std::find_if(fingers.begin(), fingers.end(), compared);
    if (only.compared == 1) return std::max(0.0, only.score);
  }
  // ln p per finger compared: p = 10^(-s/10), then 1 - (1 - p)^m for m chances.
  std::vector<double> log_p;
  for (const FingerEvidence& f : fingers) {
    if (!compared(f)) continue;
    const double s = std::max(0.0, f.score);
    if (f.compared == 1) {
      log_p.push_back(-s * std::log(10.0) / 10);
    } else {
      const double p = std::pow(10.0, -s / 10);
      log_p.push_back(std::log(-std::expm1(f.compared * std::log1p(-p))));
    }
  }
  if (log_p.empty()) return 0;
  const int n = static_cast<int>(log_p.size());
  const double log_tau = -kFusionEvidenceFloor * std::log(10.0) / 10;
  double log_w = 0, log_min = 0;
  bool any = false;
  for (double lp : log_p) {
    log_min = std::min(log_min, lp);
    if (lp <= log_tau) log_w += lp, any = true;
  }
  double log_tail;
  if (!any) {
    // No finger reaches the floor: the statistic is the smallest p, P = 1 - (1 - p_min)^n.
    log_tail = std::log(-std::expm1(n * std::log1p(-std::exp(log_min))));
  } else {
    // P(W <= w) = sum over k fingers at or below tau of C(n, k) (1 - tau)^(n - k) times
    // w sum_{j<k} y^j / j! with y = k ln tau - ln w when w <= tau^k, else tau^k (Zaykin et al.,
    // eq. 1); summed in logarithms.
    const double log_keep = std::log1p(-std::exp(log_tau));
    std::vector<double> terms;
    for (int k = 1; k <= n; ++k) {
      const double base = LogBinomial(n, k) + (n - k) * log_keep;
      const double y = k * log_tau - log_w;
      terms.push_back(y >= 0 ? base + log_w + LogExpSeries(y, k) : base + k * log_tau);
    }
    log_tail = LogSumExp(terms);
  }
  return std::max(0.0, -10 * log_tail / std::log(10.0));
}

double FuseProbeFingers(std::span<const FingerResult> fingers) {
  std::array<FingerEvidence, kMaxFingerPosition + 1> by_position{};  // the readers and Add check positions
  for (const FingerResult& f : fingers) {
    if (f.evidence.compared <= 0) continue;
    FingerEvidence& e = by_position[f.evidence.shared ? 0 : std::min<size_t>(f.position, by_position.size() - 1)];
    e.score = std::max(e.score, f.evidence.score);
    e.compared += f.evidence.compared;
  }
  return FuseFingerScores(by_position);
}

double SearchScore(double score, size_t records) {
  if (records <= 1) return std::max(0.0, score);
  const double p = std::pow(10.0, -std::max(0.0, score) / 10);
  if (p >= 1) return 0;
  return std::max(0.0, -10 * std::log10(-std::expm1(static_cast<double>(records) * std::log1p(-p))));
}

TemplateMatch MatchTemplates(const FingerprintTemplate& a, const FingerprintTemplate& b, const Calibration& calibration) {
  std::vector<PreparedFinger> prepared_b;
  for (size_t k = 0; k < b.views.size(); ++k) {
    prepared_b.push_back(PreparedFinger::FromView(ViewAtReferenceResolution(b, k)));
    prepared_b.back().BuildIndex();
  }
  Matcher matcher;
  TemplateMatch out;
  for (size_t i = 0; i < a.views.size(); ++i) {
    PreparedFinger pa = PreparedFinger::FromView(ViewAtReferenceResolution(a, i));
    pa.BuildIndex();
    FingerEvidence e;
    for (size_t j = 0; j < b.views.size(); ++j) {
      if (!Comparable(a.views[i].position, b.views[j].position)) continue;
      const double both = std::max(matcher.Score(pa, prepared_b[j], calibration), matcher.Score(prepared_b[j], pa, calibration));
      e.score = std::max(e.score, both);
      e.compared += 2;  // each direction a chance
      e.shared = e.shared || b.views[j].position == 0;
    }
    out.fingers.push_back(FingerResult{a.views[i].position, e});
  }
  out.score = FuseProbeFingers(out.fingers);
  return out;
}

Status Gallery::Add(const std::string& id, const FingerprintTemplate& t) {
  if (fingers_.size() + t.views.size() > kMaxFingers) {
    return Status::FailedPrecondition("gallery full (" + std::to_string(kMaxFingers) + " fingers): record " + id + " not added");
  }
  OP_RETURN_IF_ERROR(CheckPositions(id, t));
  Append(id, PrepareViews(t));
  return Status::OK();
}

Status Gallery::AddBatch(const std::vector<std::pair<std::string, FingerprintTemplate>>& batch, int threads) {
  size_t views = 0;
  for (const auto& [id, t] : batch) views += t.views.size();
  if (fingers_.size() + views > kMaxFingers) {
    return Status::FailedPrecondition("gallery full (" + std::to_string(kMaxFingers) + " fingers): batch not added");
  }
  for (const auto& [id, t] : batch) OP_RETURN_IF_ERROR(CheckPositions(id, t));
  std::vector<std::vector<PreparedView>> prepared(batch.size());
  ParallelFor(batch.size(), std::max(1, threads), [&](int, size_t i) { prepared[i] = PrepareViews(batch[i].second); });
  for (size_t i = 0; i < batch.size(); ++i) Append(batch[i].first, prepared[i]);
  return Status::OK();
}

std::vector<Gallery::PreparedView> Gallery::PrepareViews(const FingerprintTemplate& t) const {
  std::vector<PreparedView> out;
  for (size_t k = 0; k < t.views.size(); ++k) {
    PreparedView p{ViewAtReferenceResolution(t, k), {}};
    if (preselection_) p.keys = TripletKeys(PreparedFinger::FromView(p.view), false);
    out.push_back(std::move(p));
  }
  return out;
}

void Gallery::Append(const std::string& id, const std::vector<PreparedView>& views) {
  accelerator_.reset();  // it holds the fingers as they were
  // Views of the last record's id add to it (Add's callers give a record's views together); a
  // record removed since starts anew (a retransmission: the registry forgets, then adds, an id).
  if (records_.empty() || ids_.back() != id || removed_.back() != 0) {
    ids_.push_back(id);
    records_.push_back(Record{static_cast<uint32_t>(fingers_.size()), 0});
    removed_.push_back(0);
  }
  std::lock_guard<std::mutex> lock(*index_mutex_);
  for (const auto& [v, keys] : views) {
    std::unique_ptr<PositionIndex>& at = indexes_[v.position];  // the readers and Add check it
    if (at == nullptr) at = std::make_unique<PositionIndex>();
    at->index.AddKeys(static_cast<uint32_t>(at->global.size()), keys);
    at->global.push_back(static_cast<uint32_t>(fingers_.size()));
    fingers_.push_back(Finger{minutiae_.size(), static_cast<uint16_t>(v.minutiae.size()), v.position});
    minutiae_.Append(v.minutiae.data(), v.minutiae.size());
    ++records_.back().finger_count;
  }
}

size_t Gallery::MemoryBytes() const {
  size_t bytes = ids_.capacity() * sizeof(std::string) + records_.capacity() * sizeof(Record) +
                 fingers_.capacity() * sizeof(Finger) + minutiae_.capacity() * sizeof(Minutia);
  for (const auto& at : indexes_) {
    if (at != nullptr) bytes += sizeof(PositionIndex) + at->index.MemoryBytes() + at->global.capacity() * sizeof(uint32_t);
  }
  for (const std::string& id : ids_) {
    if (id.capacity() > 15) bytes += id.capacity() + 1;  // beyond the short-string buffer
  }
  return bytes;
}

Status Gallery::UseAccelerator(std::unique_ptr<ScanAccelerator> accelerator, int threads, size_t score_bytes) {
  // Where each finger's minutiae go (a prepared finger keeps its minutiae count), checked before
  // any work; then every finger prepared and converted into its place, in parallel.
  std::vector<uint32_t> offsets(fingers_.size() + 1, 0);
  std::vector<uint8_t> positions(fingers_.size());
  for (size_t g = 0; g < fingers_.size(); ++g) {
    if (fingers_[g].count > portable::kMaxMinutiae) {
      return Status::FailedPrecondition("finger " + std::to_string(g) + " has more than " +
                                        std::to_string(portable::kMaxMinutiae) + " minutiae: no accelerator");
    }
    if (offsets[g] + fingers_[g].count > UINT32_MAX) {
      return Status::FailedPrecondition("more than 2^32 minutiae: too many for the accelerator");
    }
    offsets[g + 1] = offsets[g] + fingers_[g].count;
    positions[g] = fingers_[g].position;
  }
  std::vector<portable::Minutia> all(offsets.back());
  const int workers = std::max(1, threads);
  std::vector<PreparedFinger> prepared(static_cast<size_t>(workers));
  std::vector<std::vector<portable::Minutia>> ported(static_cast<size_t>(workers));
  ParallelFor(fingers_.size(), workers, [&](int w, size_t g) {
    Prepare(fingers_[g], &prepared[static_cast<size_t>(w)]);
    std::vector<portable::Minutia>& one = ported[static_cast<size_t>(w)];
    one.clear();
    portable::AppendPortable(prepared[static_cast<size_t>(w)], &one);  // within kMaxMinutiae: checked above
    std::copy(one.begin(), one.end(), all.begin() + offsets[g]);
  });
  OP_RETURN_IF_ERROR(accelerator->Load(all, offsets, positions));
  accelerator_ = std::move(accelerator);
  accelerator_score_bytes_ = score_bytes;
  return Status::OK();
}

Status Gallery::AcceleratedScores(const std::vector<std::vector<ProbeFinger>>& probes,
                                  std::vector<std::vector<double>>* scores, RawRows* rows) const {
  std::vector<PreparedFinger> fingers;
  std::vector<uint8_t> positions;
  for (const auto& probe : probes) {
    for (const ProbeFinger& f : probe) {
      fingers.push_back(f.prepared);
      positions.push_back(f.position);
    }
  }
  // As many probe fingers per scan as the score budget allows (at least one).
  const size_t per_scan =
      std::max<size_t>(1, accelerator_score_bytes_ / (sizeof(double) * std::max<size_t>(1, fingers_.size())));
  std::vector<const double*> row_of(fingers.size());
  scores->clear();
  for (size_t first = 0; first < fingers.size(); first += per_scan) {
    const size_t count = std::min(per_scan, fingers.size() - first);
    scores->emplace_back();
    std::vector<double>& part = scores->back();
    {
      std::lock_guard<std::mutex> lock(*accelerator_mutex_);
      OP_RETURN_IF_ERROR(accelerator_->Score(std::span<const PreparedFinger>(fingers).subspan(first, count),
                                             std::span<const uint8_t>(positions).subspan(first, count), &part));
    }
    if (part.size() != count * fingers_.size()) {
      return Status::Internal("the accelerator returned " + std::to_string(part.size()) + " scores, not " +
                              std::to_string(count * fingers_.size()));
    }
    for (size_t k = 0; k < count; ++k) row_of[first + k] = part.data() + k * fingers_.size();
  }
  rows->assign(probes.size(), {});
  size_t k = 0;
  for (size_t b = 0; b < probes.size(); ++b) {
    for (size_t p = 0; p < probes[b].size(); ++p, ++k) (*rows)[b].push_back(row_of[k]);
  }
  return Status::OK();
}

void Gallery::Compact(int threads) {
  ids_.shrink_to_fit();
  records_.shrink_to_fit();
  fingers_.shrink_to_fit();
  minutiae_.ShrinkToFit();
  // glibc keeps what a build freed (the templates and prepared views of every batch, spread over
  // each thread's arena) for reuse: 125-150 MiB after a million-finger build. Handed back to the
  // system first, so that the merge below grows the index into that room, not on top of it; and
  // again after it, for the merge's own working space.
  malloc_trim(0);
  {
    std::lock_guard<std::mutex> lock(*index_mutex_);
    std::vector<PositionIndex*> positions;
    for (const auto& at : indexes_) {
      if (at != nullptr) positions.push_back(at.get());
    }
    // The positions' indexes share nothing, so several merge at once (a registry's ten positions
    // each walk their 4 M posting lists); each adds its merge's working space to the peak.
    ParallelFor(positions.size(), threads, [&](int, size_t k) {
      positions[k]->index.Build();  // merged in full, not kept apart as recent additions
      positions[k]->global.shrink_to_fit();
    });
  }
  malloc_trim(0);
}

const std::array<std::unique_ptr<Gallery::PositionIndex>, Gallery::kPositions>& Gallery::Indexes() const {
  std::lock_guard<std::mutex> lock(*index_mutex_);
  for (const auto& at : indexes_) {
    if (at != nullptr) at->index.Prepare();
  }
  return indexes_;
}

void Gallery::Prepare(const Finger& f, PreparedFinger* out) const {
  PreparedFinger::FromMinutiae(std::span<const Minutia>(minutiae_.data() + f.first, f.count), out);
}

std::vector<Gallery::ProbeFinger> Gallery::PrepareProbe(const FingerprintTemplate& probe) {
  std::vector<ProbeFinger> fingers;
  for (size_t k = 0; k < probe.views.size(); ++k) {
    const FingerView v = ViewAtReferenceResolution(probe, k);
    fingers.push_back(ProbeFinger{v.position, PreparedFinger::FromView(v)});
    fingers.back().prepared.BuildIndex();
  }
  return fingers;
}

void Gallery::Remove(size_t r) {
  if (r >= records_.size() || removed_[r]) return;
  accelerator_.reset();  // it holds the fingers as they were
  const Record& rec = records_[r];
  for (uint32_t f = rec.first_finger; f < rec.first_finger + rec.finger_count; ++f) {
    std::fill_n(minutiae_.data() + fingers_[f].first, fingers_[f].count, Minutia{});
  }
  removed_[r] = 1;
  ++removed_count_;
}

std::vector<size_t> Gallery::Pool(const SearchOptions& options) const {
  std::vector<size_t> pool;
  pool.reserve(records_.size());
  const bool filtered = !options.eligible.empty();
  for (size_t r = 0; r < records_.size(); ++r) {
    if (removed_[r]) continue;
    if (filtered && (r >= options.eligible.size() || options.eligible[r] == 0)) continue;
    pool.push_back(r);
  }
  return pool;
}

std::vector<size_t> Gallery::Preselect(const std::vector<ProbeFinger>& probe, const std::vector<size_t>& pool, size_t keep,
                                       size_t* fingers_scored) const {
  const auto& indexes = Indexes();
  // A record's score is the sum over the probe's fingers of its best comparable finger's
  // affinity. Only the indexes of comparable positions are scored; the other fingers keep 0, which
  // the comparability test below ignores anyway.
  std::vector<float> prescore(records_.size(), 0.f), affinity(fingers_.size()), local;
  for (const ProbeFinger& pf : probe) {
    const std::vector<uint32_t> keys = TripletKeys(pf.prepared, true);
    for (uint8_t position = 0; position < kPositions; ++position) {
      const PositionIndex* at = indexes[position].get();
      if (at == nullptr || !Comparable(pf.position, position)) continue;
      at->index.Score(keys, &local);
      for (size_t f = 0; f < local.size(); ++f) affinity[at->global[f]] = local[f];
      *fingers_scored += local.size();
    }
    for (size_t r = 0; r < records_.size(); ++r) {
      float best = 0;
      for (uint32_t f = records_[r].first_finger; f < records_[r].first_finger + records_[r].finger_count; ++f) {
        if (Comparable(pf.position, fingers_[f].position)) best = std::max(best, affinity[f]);
      }
      prescore[r] += best;
    }
  }
  // The best `keep` of the pool by score, ties by record order.
  std::vector<size_t> selected = pool;
  auto better = [&](size_t a, size_t b) { return prescore[a] != prescore[b] ? prescore[a] > prescore[b] : a < b; };
  std::nth_element(selected.begin(), selected.begin() + static_cast<long>(keep), selected.end(), better);
  selected.resize(keep);
  return selected;
}

std::vector<std::vector<Candidate>> Gallery::Scan(const std::vector<size_t>& selected,
                                                  const std::vector<std::vector<ProbeFinger>>& probes, size_t top,
                                                  int threads, const Calibration& calibration, size_t population,
                                                  const RawRows* raw) const {
  const int workers = std::max(1, threads);
  const size_t batch = probes.size();
  // Per worker: per probe the best records so far (a bounded heap of (score, record)), the
  // matcher's scratch space, the gallery finger being compared and the scores of each probe's
  // fingers, all reused.
  struct Worker {
    std::vector<std::vector<std::pair<double, size_t>>> best;
    Matcher matcher;
    PreparedFinger prepared;
    std::vector<std::vector<FingerResult>> finger_scores;
  };
  std::vector<Worker> work(static_cast<size_t>(workers));
  for (Worker& my : work) {
    my.best.resize(batch);
    my.finger_scores.resize(batch);
  }
  // The finger scores of record r for probes first..last-1: per probe finger the best of the
  // record's comparable fingers and how many they were (my.finger_scores[b]; fused, a probe's
  // score for the record). Each gallery finger is prepared once for all of them.
  auto ScoreRecord = [&](Worker& my, size_t r, size_t first, size_t last) {
    for (size_t b = first; b < last; ++b) {
      my.finger_scores[b].resize(probes[b].size());
      for (size_t p = 0; p < probes[b].size(); ++p) my.finger_scores[b][p] = FingerResult{probes[b][p].position, {}};
    }
    const Record& rec = records_[r];
    for (uint32_t f = rec.first_finger; f < rec.first_finger + rec.finger_count; ++f) {
      const Finger& g = fingers_[f];
      bool ready = false;
      for (size_t b = first; b < last; ++b) {
        for (size_t p = 0; p < probes[b].size(); ++p) {
          if (!Comparable(probes[b][p].position, g.position)) continue;
          FingerEvidence& e = my.finger_scores[b][p].evidence;
          if (raw != nullptr) {  // the accelerator's RawScore: Matcher::Score is its calibration
            e.score = std::max(e.score, calibration.Apply((*raw)[b][p][f]));
          } else {
            if (!ready) Prepare(g, &my.prepared), ready = true;
            e.score = std::max(e.score, my.matcher.Score(probes[b][p].prepared, my.prepared, calibration));
          }
          ++e.compared;
          e.shared = e.shared || g.position == 0;
        }
      }
    }
  };
  // One order everywhere (RanksBefore), so the top `top` do not depend on the thread count.
  auto better = [&](const std::pair<double, size_t>& a, const std::pair<double, size_t>& b) {
    return RanksBefore(a.first, ids_[a.second], b.first, ids_[b.second]);
  };
  ParallelFor(selected.size(), workers, [&](int w, size_t k) {
    Worker& my = work[static_cast<size_t>(w)];
    ScoreRecord(my, selected[k], 0, batch);
    for (size_t b = 0; b < batch; ++b) {
      // Keep a bounded min-heap of the best `top`.
      const std::pair<double, size_t> c(FuseProbeFingers(my.finger_scores[b]), selected[k]);
      auto& best = my.best[b];
      if (best.size() < top) {
        best.push_back(c);
        std::push_heap(best.begin(), best.end(), better);  // the worst kept on top
      } else if (top > 0 && better(c, best.front())) {
        std::pop_heap(best.begin(), best.end(), better);
        best.back() = c;
        std::push_heap(best.begin(), best.end(), better);
      }
    }
  });
  std::vector<std::vector<Candidate>> out(batch);
  for (size_t b = 0; b < batch; ++b) {
    std::vector<std::pair<double, size_t>> all;
    for (const Worker& my : work) all.insert(all.end(), my.best[b].begin(), my.best[b].end());
    std::sort(all.begin(), all.end(), better);
    if (all.size() > top) all.resize(top);
    // Only the records returned are scored per finger again, for this probe alone, to say which
    // fingers reached the threshold (the scan keeps just the fused score).
    Worker& my = work[0];
    for (const auto& [score, r] : all) {
      Candidate c{ids_[r], score, SearchScore(score, population), {}, {}};
      ScoreRecord(my, r, b, b + 1);
      for (size_t p = 0; p < probes[b].size(); ++p) {
        const FingerResult& f = my.finger_scores[b][p];
        if (f.evidence.score >= kDefaultThreshold) c.fingers_matched.push_back(f.position);
        c.fingers.push_back(f);
      }
      out[b].push_back(std::move(c));
    }
  }
  return out;
}

std::vector<std::vector<Candidate>> Gallery::SearchBatch(std::span<const FingerprintTemplate> probes,
                                                         const SearchOptions& options, const Calibration& calibration,
                                                         SearchStats* stats) const {
  SearchStats local_stats;
  std::vector<std::vector<ProbeFinger>> prepared;
  for (const FingerprintTemplate& t : probes) prepared.push_back(PrepareProbe(t));
  std::vector<std::vector<Candidate>> out;
  const std::vector<size_t> pool = Pool(options);
  if (options.preselect_fraction < 1.0 && preselection_) {
    // Pre-selection: every record is ranked by its pre-selection score (summed over the probe's
    // fingers, the best comparable gallery finger each); the full matcher scores only the best
    // share. The shares kept differ from probe to probe, so each is scanned on its own.
    const size_t keep = std::min(
        pool.size(),
        std::max(options.top, static_cast<size_t>(std::ceil(options.preselect_fraction * static_cast<double>(pool.size())))));
    for (auto& probe : prepared) {
      auto start = std::chrono::steady_clock::now();
      const std::vector<size_t> selected = Preselect(probe, pool, keep, &local_stats.fingers_preselected);
      local_stats.records_preselected += pool.size();
      local_stats.preselect_seconds += SecondsSince(start);
      start = std::chrono::steady_clock::now();
      std::vector<std::vector<ProbeFinger>> one;
      one.push_back(std::move(probe));
      out.push_back(std::move(Scan(selected, one, options.top, options.threads, calibration, pool.size())[0]));
      local_stats.records_matched += selected.size();
      local_stats.match_seconds += SecondsSince(start);
    }
  } else {
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::vector<double>> scores;
    RawRows rows;
    if (accelerator_ != nullptr && options.use_accelerator) {
      const Status accelerated = AcceleratedScores(prepared, &scores, &rows);
      local_stats.accelerated = accelerated.ok();
      if (!accelerated.ok()) local_stats.accelerator_error = accelerated.ToString();
    }
    out = Scan(pool, prepared, options.top, options.threads, calibration, pool.size(),
               local_stats.accelerated ? &rows : nullptr);
    local_stats.records_matched = pool.size() * probes.size();
    local_stats.match_seconds = SecondsSince(start);
  }
  if (stats != nullptr) *stats = local_stats;
  return out;
}

std::vector<Candidate> Gallery::Search(const FingerprintTemplate& probe, const SearchOptions& options,
                                       const Calibration& calibration, SearchStats* stats) const {
  return std::move(SearchBatch(std::span<const FingerprintTemplate>(&probe, 1), options, calibration, stats)[0]);
}

}  // namespace openpact::biometrics
