// 1:N identification over an in-memory gallery of person records with up to ten fingers each.
//
// Every probe finger is compared with the record's finger at the same position (or, when either
// position is unknown, with each of the record's fingers, keeping the best). A record's fused
// score keeps the calibrated scale of one comparison, ~ -10 log10 of the chance that an impostor
// record scores as well, so that one threshold serves probes of one finger and of ten
// (FuseProbeFingers, FuseFingerScores); a hit is decided on the search's scale (SearchScore). The
// scan is multi-threaded and exhaustive by default; a pre-selection stage
// can rank every record cheaply first and leave only the best share to the full matcher
// (docs/biometrics.md).
//
// Templates at other resolutions than 500 dpi are brought to it first (ViewAtReferenceResolution).
// Memory: a gallery finger is kept compact, as its minutiae (10 bytes each) and its triangles in the
// pre-selection index (4 bytes each); the matcher's local structures are rebuilt when the finger is
// compared in full.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "biometrics/malloc_array.h"
#include "biometrics/matcher.h"
#include "biometrics/portable_matcher.h"
#include "biometrics/template.h"
#include "biometrics/triplet_index.h"
#include "core/status.h"

namespace openpact::biometrics {

// Whether a probe finger at one position is compared with a gallery finger at another: the same
// finger, or either position unknown (0).
inline bool Comparable(uint8_t probe_position, uint8_t gallery_position) {
  return probe_position == 0 || gallery_position == 0 || probe_position == gallery_position;
}

// One probe finger against one record: the best calibrated score among the record's fingers it
// was compared with, and how many those were (more than one when a position is unknown).
struct FingerEvidence {
  double score = 0;
  int compared = 0;
  // Compared with a finger of unknown position, which the probe's other fingers were compared with
  // too: their evidence is then not independent (FuseProbeFingers pools it).
  bool shared = false;
};

// Scores at or above this much evidence count in a multi-finger fusion; weaker ones count only
// through the best of them. The development set's real impostors reach calibrated 20 as often as
// the calibration says (1.15 % against 1 %), but they reach 10 four times as often (42.6 % against
// 10 %): a fusion that added up every finger's weak score would turn that excess into false hits.
inline constexpr double kFusionEvidenceFloor = 20.0;

// A record's fused score from its fingers' evidence (those compared at least once), on the scale
// of one comparison: -10 log10 of the probability that an impostor record does at least as well,
// taking the fingers as independent and each calibrated score s as an impostor tail probability
// p = 10^(-s/10). A finger compared with m fingers keeps 1 - (1 - p)^m (the best of m chances).
// The fingers are combined with the truncated product method (Zaykin, Zhivotovsky, Westfall and
// Weir, Genet. Epidemiol. 22:170, 2002): the statistic is the product w of the p at or below
// tau = 10^(-kFusionEvidenceFloor/10), or, when no finger reaches the floor, the smallest p; its
// exact tail probability under independence is returned. One finger compared once keeps its
// score exactly; more evidence, or more chances, moves the score the way it should; 0 when no
// finger was compared. A sum of scores, which fusion used before, reads a ten-finger impostor with
// typical scores of 4-5 per finger as a hit at 40.
double FuseFingerScores(std::span<const FingerEvidence> fingers);

struct SearchOptions {
  size_t top = 10;
  int threads = 1;
  // Pre-selection: the full matcher scores only this share of the gallery (the records with the
  // best triplet-index scores, votes for one rotation: TripletIndex::Score), at least `top`.
  // 1.0 = exhaustive.
  double preselect_fraction = 1.0;
  // Exhaustive searches run on the gallery's ScanAccelerator when it has one; false keeps them on
  // the CPU (the same candidates, for checks and comparisons).
  bool use_accelerator = true;
  // The records the search may return, by index in the order they were added (eligible[r] != 0);
  // empty: every record. A search scores and ranks only these, and its search scale
  // (Candidate::search_score) counts only these: the records it could have returned. A registry
  // uses it for who may be compared with whom.
  std::span<const uint8_t> eligible;
};

// What a search did, for reports and benchmarks.
struct SearchStats {
  size_t records_preselected = 0;  // records the pre-selection scanned (0 when exhaustive)
  size_t fingers_preselected = 0;  // gallery fingers it counted votes for, over the probe's fingers
  size_t records_matched = 0;      // records the full matcher scored
  double preselect_seconds = 0, match_seconds = 0;
  bool accelerated = false;        // the full matcher ran on the gallery's ScanAccelerator
  // Why the accelerator was not used although the gallery has one (the CPU scan answered
  // instead, with the same result); empty otherwise.
  std::string accelerator_error;
};

// A device that runs the full matcher for exhaustive scans: probe fingers against every finger of
// a gallery, giving exactly Matcher::RawScore's values (gpu_scan.h implements it for CUDA GPUs,
// with portable_matcher.h). A gallery with one hands it the comparisons and keeps everything else
// (calibration, fusion, ranking), so its candidates are those of the CPU scan.
class ScanAccelerator {
 public:
  virtual ~ScanAccelerator() = default;
  // Takes the gallery's fingers: finger g is minutiae[offsets[g] .. offsets[g + 1]) in the port's
  // candidate layout (portable::AppendPortable), positions[g] its position (0 unknown).
  virtual Status Load(std::span<const portable::Minutia> minutiae, std::span<const uint32_t> offsets,
                      std::span<const uint8_t> positions) = 0;
  // Raw scores of each probe finger (indexed: PreparedFinger::BuildIndex) against every loaded
  // finger, into (*out)[k * fingers + g]; a pair whose positions are both known and differ may
  // be left 0 (it is never compared).
  virtual Status Score(std::span<const PreparedFinger> probes, std::span<const uint8_t> positions,
                       std::vector<double>* out) = 0;
};

// One probe finger's position and its evidence against a record or template.
struct FingerResult {
  uint8_t position = 0;
  FingerEvidence evidence;
};

// A candidate's score on the scale of the whole search: -10 log10 of the chance that at least one
// impostor record of a gallery of `records` scores as well (the false-positive identification
// rate, FPIR, of a threshold at `score`): 1 - (1 - p)^records with p = 10^(-score/10). A score of
// 40 in a search over 10,000 records is one chance in a thousand that some record got there by
// chance (search score 10); a hit at FPIR 0.01 % needs 40 + 10 log10(records). MOSIP's ABIS
// interface states its thresholds this way (targetFPIR = -10 log10 FPIR).
double SearchScore(double score, size_t records);

// A probe's fused score against a record or template from its fingers' evidence: the views of one
// finger are not independent evidence, so the views at one position count as one finger (the best
// score, every comparison a chance), and so do all views of unknown position (they may be one
// finger; a template without positions gains nothing from several views) together with every view
// compared with a finger of unknown position (FingerEvidence::shared: several probe fingers may
// have met the same one); then FuseFingerScores.
double FuseProbeFingers(std::span<const FingerResult> fingers);

struct Candidate {
  std::string id;
  double score = 0;                     // fused calibrated score (FuseProbeFingers)
  double search_score = 0;              // SearchScore(score, records in the gallery)
  std::vector<uint8_t> fingers_matched;  // positions whose score reached the threshold
  // Per probe finger, in the probe's order (what the fused score was computed from), for the
  // expert who checks a hit.
  std::vector<FingerResult> fingers;
};

// The order of a search's candidates: the higher fused score first, ties by id, so that the top
// `top` depend neither on the thread count nor on how the result was put together (a registry's
// search caught up with the records changed since it ran keeps this order too).
inline bool RanksBefore(double score_a, const std::string& id_a, double score_b, const std::string& id_b) {
  return score_a != score_b ? score_a > score_b : id_a < id_b;
}

// 1:1 comparison of two templates of one finger or more: each view of `a` against the views of
// `b` it can be compared with (the same position, or either unknown), each pair scored in both
// directions and the better kept, which counts as two chances (FingerEvidence::compared); the
// views of `a` fused as a search fuses a record's fingers. The result does not depend on the
// order of a and b when each holds one view. Views are brought to the reference resolution.
struct TemplateMatch {
  double score = 0;                  // fused calibrated score
  std::vector<FingerResult> fingers;  // per view of a; compared 0 where b has no comparable view
};
TemplateMatch MatchTemplates(const FingerprintTemplate& a, const FingerprintTemplate& b,
                             const Calibration& calibration = Calibration::Default());

class Gallery {
 public:
  Gallery() = default;
  // A gallery that will only be searched exhaustively can keep no pre-selection keys (with
  // `preselection` false): no triplet keys are computed or held, which is most of a gallery's
  // memory; its searches are then exhaustive whatever SearchOptions::preselect_fraction says.
  explicit Gallery(bool preselection) : preselection_(preselection) {}
  bool preselection() const { return preselection_; }
  // Adds or extends a record with every view of `t`. Fails, adding nothing, when the gallery
  // would exceed kMaxFingers. Not to be called while a search runs.
  Status Add(const std::string& id, const FingerprintTemplate& t);
  // Adds many records, preparing them on `threads` threads (the same result as Add in order);
  // checks the size limit for the whole batch first.
  Status AddBatch(const std::vector<std::pair<std::string, FingerprintTemplate>>& batch, int threads);
  // Fingers are numbered with 27 bits in the pre-selection index (134,217,728 fingers).
  static constexpr size_t kMaxFingers = TripletIndex::kMaxFingers;
  size_t records() const { return records_.size(); }
  // The id of record `r` (0 <= r < records()), in the order records were added.
  const std::string& id(size_t r) const { return ids_[r]; }
  // Forgets record `r`'s fingers: its minutiae are overwritten with zeros at once and it is never
  // returned again (its pre-selection keys stay in the index, unused, until the gallery is
  // rebuilt). For erasure: the biometric data of an erased record do not linger in memory.
  void Remove(size_t r);
  // Records not removed.
  size_t live_records() const { return records_.size() - removed_count_; }
  size_t fingers() const { return fingers_.size(); }
  // Memory held by the gallery (fingers and pre-selection index), in bytes.
  size_t MemoryBytes() const;
  // Finishes the pre-selection index and returns spare capacity (call after the last Add; a search
  // does the first part itself). The finger positions' indexes are merged `threads` at a time.
  void Compact(int threads = 1);
  // Exhaustive searches run their comparisons on `accelerator` from now on; it is loaded here
  // with every finger (prepared on `threads` threads; about 100 bytes a minutia are held on the
  // host meanwhile), so call this after the last Add: an Add drops it. Fails, keeping the CPU
  // scan, when the accelerator cannot take the gallery (or a finger has more minutiae than
  // portable::kMaxMinutiae). If a search's comparisons fail on it, the CPU scan answers
  // (SearchStats::accelerator_error says why). A batch's scores (8 bytes per probe finger and
  // gallery finger) are asked for in scans of at most `score_bytes` each.
  static constexpr size_t kDefaultAcceleratorScoreBytes = size_t{1} << 30;
  Status UseAccelerator(std::unique_ptr<ScanAccelerator> accelerator, int threads,
                        size_t score_bytes = kDefaultAcceleratorScoreBytes);
  bool accelerated() const { return accelerator_ != nullptr; }

  // The `top` best records for the probe, best first.
  std::vector<Candidate> Search(const FingerprintTemplate& probe, size_t top, int threads,
                                const Calibration& calibration = Calibration::Default()) const {
    SearchOptions o;
    o.top = top;
    o.threads = threads;
    return Search(probe, o, calibration);
  }
  std::vector<Candidate> Search(const FingerprintTemplate& probe, const SearchOptions& options,
                                const Calibration& calibration = Calibration::Default(),
                                SearchStats* stats = nullptr) const;
  // Several searches, each answered exactly as Search would. Exhaustive searches share one pass
  // over the gallery: each gallery finger is prepared once for all the probes (the preparation is
  // about a quarter of a comparison's cost), so a batch answers more searches per second.
  // Pre-selected searches keep different records and run one after another. `stats` sums over
  // the probes.
  std::vector<std::vector<Candidate>> SearchBatch(std::span<const FingerprintTemplate> probes,
                                                  const SearchOptions& options,
                                                  const Calibration& calibration = Calibration::Default(),
                                                  SearchStats* stats = nullptr) const;

 private:
  struct Finger {
    uint64_t first;  // offset into minutiae_ (64-bit: a national gallery can exceed 2^32 minutiae)
    uint16_t count;
    uint8_t position;
  };
  struct Record {
    uint32_t first_finger;
    uint32_t finger_count;
  };
  void Prepare(const Finger& f, PreparedFinger* out) const;
  // A probe's fingers at the reference resolution, prepared and indexed.
  struct ProbeFinger {
    uint8_t position;
    PreparedFinger prepared;
  };
  static std::vector<ProbeFinger> PrepareProbe(const FingerprintTemplate& probe);
  // The `keep` records the pre-selection ranks best for the probe; adds the fingers it scored
  // to `*fingers_scored`.
  std::vector<size_t> Preselect(const std::vector<ProbeFinger>& probe, const std::vector<size_t>& pool, size_t keep,
                                size_t* fingers_scored) const;
  // The records a search may return: not removed, and eligible under `options`.
  std::vector<size_t> Pool(const SearchOptions& options) const;
  // The full matcher over the selected records, for each probe: the `top` best records each.
  // With `raw` (an accelerator's scores: raw[b][p][g] for probe b's finger p against finger g)
  // the comparisons are read from it instead of computed.
  using RawRows = std::vector<std::vector<const double*>>;
  // `population`: the records the search could return (its search scale, SearchScore).
  std::vector<std::vector<Candidate>> Scan(const std::vector<size_t>& selected,
                                           const std::vector<std::vector<ProbeFinger>>& probes, size_t top,
                                           int threads, const Calibration& calibration, size_t population,
                                           const RawRows* raw = nullptr) const;
  // The accelerator's scores for the probes' fingers, in scans of at most accelerator_score_bytes_
  // (*scores holds them, one vector per scan; *rows points into them).
  Status AcceleratedScores(const std::vector<std::vector<ProbeFinger>>& probes,
                           std::vector<std::vector<double>>* scores, RawRows* rows) const;
  // A view at the reference resolution with its triplet keys: what Add computes before it appends.
  struct PreparedView {
    FingerView view;
    std::vector<uint32_t> keys;
  };
  std::vector<PreparedView> PrepareViews(const FingerprintTemplate& t) const;
  void Append(const std::string& id, const std::vector<PreparedView>& views);
  // One triplet index per finger position (0 = unknown, 1..10), created when a finger of that
  // position is first added: a probe finger at a known position looks only at the fingers it can
  // be compared with (those at its position and those of unknown position), so a ten-print probe
  // ranks a ten-print gallery for about what one finger against every finger costs, not ten times
  // that. An index numbers its fingers densely from 0; `global` maps them to fingers_.
  struct PositionIndex {
    TripletIndex index;
    std::vector<uint32_t> global;
  };
  static constexpr size_t kPositions = kMaxFingerPosition + 1;
  // The triplet indexes are built on the first pre-selected search after an Add.
  const std::array<std::unique_ptr<PositionIndex>, kPositions>& Indexes() const;
  std::vector<std::string> ids_;
  std::vector<Record> records_;
  std::vector<uint8_t> removed_;  // per record
  size_t removed_count_ = 0;
  std::vector<Finger> fingers_;
  MallocArray<Minutia> minutiae_;  // grown and trimmed by realloc: never held twice
  bool preselection_ = true;  // triplet keys kept for the pre-selection
  mutable std::array<std::unique_ptr<PositionIndex>, kPositions> indexes_;
  mutable std::unique_ptr<std::mutex> index_mutex_ = std::make_unique<std::mutex>();
  std::unique_ptr<ScanAccelerator> accelerator_;
  size_t accelerator_score_bytes_ = kDefaultAcceleratorScoreBytes;
  mutable std::unique_ptr<std::mutex> accelerator_mutex_ = std::make_unique<std::mutex>();  // one scan at a time on it
};

}  // namespace openpact::biometrics
