// FVC-style evaluation of the matcher on a folder of templates named <finger>_<impression>.iso
// (each sub-folder is one database; other files are ignored). Per database: genuine pairs are all
// same-finger pairs, impostor pairs all cross-finger pairs, a pair's score is the maximum of both
// directions. Reports EER, FMR100, FMR1000, FNMR at the default threshold and the closed-set rank-1
// identification rate, and the recall of the 1:N pre-selection at 10 % of each database.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "biometrics/matcher.h"
#include "core/status.h"

namespace openpact::biometrics {

// A rate that nothing measures (an EER without genuine or without impostor pairs, a rank-1 rate of
// one template): printed as "-", null in JSON, never 0, which would read as perfect.
constexpr double kUnmeasured = -1;

struct ErrorRates {
  double eer = kUnmeasured;      // equal error rate
  double fmr100 = kUnmeasured;   // lowest FNMR with FMR <= 1 %
  double fmr1000 = kUnmeasured;  // lowest FNMR with FMR <= 0.1 %
  double fnmr_at_threshold = kUnmeasured;  // needs genuine pairs
  double fmr_at_threshold = kUnmeasured;   // needs impostor pairs
};
// Genuine and impostor scores -> error rates (fractions, 0..1; kUnmeasured where a side is empty).
ErrorRates ComputeErrorRates(std::vector<double> genuine, std::vector<double> impostor, double threshold);

// How precise an EER is. The subsets bootstrap (Bolle, Ratha and Pankanti, "Error analysis of
// pattern recognition systems: the subsets bootstrap", Computer Vision and Image Understanding 93,
// 2004): the fingers, not the pairs, are drawn with replacement, because the pairs of one finger
// rise and fall together (a finger with one bad impression spoils seven genuine pairs), so pairs
// resampled alone would claim far more precision than a database of ten fingers has. A resample
// keeps every genuine pair of each finger drawn, and the impostor pairs between draws of different
// fingers; its EER (ComputeErrorRates') is kUnmeasured when it holds no genuine or no impostor pair.
inline constexpr int kBootstrapResamples = 1000;
std::vector<double> BootstrapEers(const std::vector<int>& finger, const std::vector<double>& score, int resamples,
                                  uint64_t seed);
struct Interval {
  double low = kUnmeasured, high = kUnmeasured;
};
// The central 95 % of the measured values (2.5th and 97.5th percentiles, nearest rank), or
// unmeasured when fewer than 75 % of them are measured (two fingers: half the resamples draw one
// finger twice and hold no impostor pair).
Interval PercentileInterval95(std::vector<double> values);
// The value of nearest rank ceil(q n) (1-based, clamped to 1..n) in `sorted` (ascending), or
// kUnmeasured when it is empty.
double NearestRank(const std::vector<double>& sorted, double q);

// Where a database's pair scores lie (calibrated, a pair's larger direction): how far apart its
// mates and impostors are, beyond the one point the EER gives (nearest rank; kUnmeasured where a
// side has no pair). A deployment reads from it how much room a threshold has.
struct ScoreSpread {
  double genuine_p10 = kUnmeasured, genuine_median = kUnmeasured;
  double impostor_median = kUnmeasured, impostor_p99 = kUnmeasured, impostor_max = kUnmeasured;
};
ScoreSpread SpreadOf(std::vector<double> genuine, std::vector<double> impostor);

// The background-normalised EER (DatabaseResult::eer_background_normalised) of templates with
// the given finger labels, from their ordered-pair scores (score[a * n + b], a the probe).
double BackgroundNormalisedEer(const std::vector<int>& finger, const std::vector<double>& score);

// Source geometry (ninth round): whether a set of templates from one source looks squeezed along
// one axis, as templates extracted from resized images are (FVC2004 DB1's 640 x 480 images as 300 x
// 400: x squeezed 1.77 times against y; rotations between impressions then become shears the
// rigid matcher cannot follow). One template cannot tell (fingers differ); a source can: the
// minutiae of a fingertip spread about 0.62 times as wide as tall (kReferenceMinutiaeAspect).
// A diagnostic: the matcher's scores do not use it.
//
// The median of sd(x) / sd(y) of the minutiae over the development set's three databases whose
// images were not resized (FVC2004 B-sets DB2 0.60, DB3 0.58, DB4 0.66; `fp eval` prints each).
inline constexpr double kReferenceMinutiaeAspect = 0.62;
// A source is suspect when its median lies more than this factor off the reference (those three
// lie within 1.07 of it, this project's synthetic fingers, 0.76, within 1.23) ...
inline constexpr double kGeometryTolerance = 1.4;
// ... measured on at least this many templates of 10 minutiae or more.
inline constexpr int kMinGeometryTemplates = 20;

struct SourceGeometry {
  int templates = 0;           // views measured (10 minutiae or more)
  double median_aspect = 0;    // their median sd(x) / sd(y)
  double x_scale = 1;          // kReferenceMinutiaeAspect / median_aspect: the stretch that undoes it
  bool suspect = false;
};
SourceGeometry EstimateSourceGeometry(std::span<const FingerView> views);
// The same in two steps, for sets too large to hold: each view's sd(x) / sd(y) (none for fewer
// than 10 minutiae or no spread), then the geometry of those values.
std::optional<double> MinutiaeAspect(const FingerView& view);
SourceGeometry GeometryFromAspects(std::vector<double> aspects);
// The view with x multiplied by `factor` and each direction transformed with it (the direction
// (cos a, sin a) becomes (factor cos a, sin a)).
FingerView StretchX(const FingerView& view, double factor);

struct DatabaseResult {
  std::string name;
  int templates = 0;
  int skipped = 0;  // templates left out because they do not parse (EvaluationOptions::skip_invalid)
  long long genuine_pairs = 0, impostor_pairs = 0;
  ErrorRates rates;
  ScoreSpread spread;
  // The 95 % bootstrap interval of rates.eer (BootstrapEers, kBootstrapResamples; the seed fixed,
  // so a run repeats its figures), and the resamples' EERs it came from.
  Interval eer_interval;
  std::vector<double> eer_resamples;
  double rank1 = kUnmeasured;  // fraction of probes with a mate here whose best candidate is the same finger
  // Pre-selection recall: the fraction of probes whose exhaustive rank-1 candidate (best
  // probe-to-candidate score, as a 1:N search ranks) is among the top 10 % of the other templates
  // (at least 1) by triplet-index votes (Gallery's pre-selection).
  double preselect_recall = kUnmeasured;
  // The same among the probes whose exhaustive rank-1 reaches the threshold (hits); kUnmeasured if none.
  double preselect_recall_hits = kUnmeasured;
  int hits = 0, hits_kept = 0;
  // An experiment, not the matcher's score: the EER when each template's scores as a probe are
  // standardised by their mean and spread against the templates of other fingers in its database
  // (a background of other people, as a random sample of a large gallery would be); a pair's score
  // is the larger of its two standardised directions. kUnmeasured when a template has no such background.
  double eer_background_normalised = kUnmeasured;
  SourceGeometry geometry;
  bool geometry_corrected = false;  // the templates were stretched back before measuring (correct_geometry)
  // Another experiment: the EER with every template's x stretched by geometry.x_scale, for a
  // suspect source only (kUnmeasured otherwise); with geometry_corrected, rates.eer itself.
  double eer_x_stretched = kUnmeasured;
  // With EvaluationOptions::baseline: the baseline's EER on the same pairs, and its resamples with
  // the same draws of fingers as eer_resamples.
  double baseline_eer = kUnmeasured;
  std::vector<double> baseline_eer_resamples;
};

// A previous evaluation's scores, to measure a change of the matcher against: the CSV `fp eval
// --scores` writes (db,a,b,score: every compared ordered pair, a and b file stems).
struct BaselineScores {
  std::map<std::string, std::map<std::pair<std::string, std::string>, double>> by_database;
  // Refused naming the row and column for a missing column, a score that is not a finite number,
  // or a pair given twice. `name` names the text in errors.
  static Result<BaselineScores> Parse(std::string_view csv, const std::string& name);
  static Result<BaselineScores> ReadCsv(const std::string& path);
};

struct EvaluationReport {
  std::vector<DatabaseResult> databases;
  // What the template readers noted and let pass (trailing bytes ignored, a minutia outside the
  // image, an implausible resolution), as "file: warning", in file order.
  std::vector<std::string> template_warnings;
  // The templates left out (EvaluationOptions::skip_invalid), as "file: error", in file order.
  std::vector<std::string> skipped_templates;
  // Means over the databases: kUnmeasured where a database's rate is.
  ErrorRates mean;
  // The mean EER's interval: each resample's mean over the databases (each resampled on its own).
  Interval mean_eer_interval;
  double mean_rank1 = kUnmeasured;
  double mean_preselect_recall = kUnmeasured;
  double pooled_preselect_recall_hits = kUnmeasured;  // over every database's hits together
  double mean_eer_background_normalised = kUnmeasured;
  // The mean EER with each suspect source's x stretched and the others as they are; kUnmeasured
  // when no source is suspect.
  double mean_eer_x_stretched = kUnmeasured;
  // The calibration checked: over all databases, the impostor comparisons (ordered pairs, one
  // direction at a time) reaching calibrated scores 10, 20, 30, 40 and 50, whose nominal rates are
  // 10 %, 1 %, 0.1 %, 0.01 % and 0.001 %.
  struct CalibrationCheckRow {
    double score = 0;
    long long reached = 0;
    double nominal_fmr() const;  // what the calibration claims at this score: 10^(-score/10)
  };
  std::vector<CalibrationCheckRow> calibration_check;
  long long impostor_comparisons = 0;
  double threshold = kDefaultThreshold;
  // With EvaluationOptions::baseline: how the mean EER changed from the baseline, judged by a paired
  // subsets bootstrap (each resample draws the same fingers for both score sets, so the difference
  // is measured finger for finger; kBootstrapResamples of them).
  struct BaselineComparison {
    double baseline_mean_eer = kUnmeasured;
    // The resamples where both sides of every database are measured; the rest is unset without them.
    int resamples = 0;
    // This mean EER less the baseline's (fractions, negative when lower now): the median over the
    // resamples and their central 95 %.
    double median_change = 0, change_low = 0, change_high = 0;
    int lower = 0, higher = 0;  // resamples where this mean EER is lower, higher
  };
  std::optional<BaselineComparison> baseline;
};

// Where an evaluation stands (EvaluationOptions::on_progress).
struct DatabaseProgress {
  std::string name;
  size_t index = 0;      // 1-based
  size_t databases = 0;  // folders holding template files (one whose every template is skipped is left out)
  size_t templates = 0;
  bool done = false;     // false: its comparisons begin; true: every figure of it is measured
};

struct EvaluationOptions {
  int threads = 1;
  // If not null, receives "db,a,b,score" for every compared ordered pair.
  std::ostream* scores_csv = nullptr;
  // A suspect database's templates are stretched back (StretchX by its geometry.x_scale) before
  // anything is measured, and every figure of that database is theirs.
  bool correct_geometry = false;
  // A template that does not parse is left out and listed (skipped_templates, each database's
  // skipped) instead of failing the evaluation: the figures are then those of the others.
  bool skip_invalid = false;
  // If not null, the change of the mean EER from these scores is measured (every ordered pair of
  // every database evaluated must be in them, else the evaluation is refused naming the pair).
  const BaselineScores* baseline = nullptr;
  // If set, called as each database's measurement begins (its name and templates read) and when it
  // is done, so that a long evaluation can report progress.
  std::function<void(const DatabaseProgress&)> on_progress = nullptr;
};
Result<EvaluationReport> EvaluateDirectory(const std::string& dir, const Calibration& calibration,
                                           const EvaluationOptions& options);
std::string EvaluationToJson(const EvaluationReport& r);
std::string EvaluationToText(const EvaluationReport& r);

// Fits the raw -> calibrated mapping (score ~ -10 log10 FMR) on synthetic impostor comparisons:
// `templates` impressions of as many different synthetic fingers, every unordered pair compared
// once (templates = 1415 gives 1,000,405 pairs). Writes the table as CSV text into `csv`.
//
// The impostor population: kRelated draws the fingers with overlapping random streams
// (SyntheticOptions::overlapping_streams: about 1 % of the pairs are fingers sharing a third of
// their minutiae), kIndependent with independent ones. The shipped table is kRelated: on the real
// impostor comparisons of the development set it is close at FMR 1 % and conservative below,
// whereas kIndependent underestimates their false-match rate a hundredfold at the default
// threshold (docs/biometrics.md). Independent synthetic fingers are easier to tell apart than
// real ones; a principled model of that similarity is still missing.
enum class CalibrationPopulation { kRelated, kIndependent };
struct CalibrationFit {
  long long pairs = 0;
  std::string csv;
  Calibration calibration{{{0.0, 0.0}, {1.0, 100.0}}};
};
// flow_archetypes > 0 (independent population only): fingers share ridge flows with every
// flow_archetypes-th other (SyntheticOptions::flow_archetypes), an experiment.
Result<CalibrationFit> FitCalibration(int templates, uint64_t seed, int threads,
                                      CalibrationPopulation population = CalibrationPopulation::kRelated,
                                      int flow_archetypes = 0);

// Reads and parses a template file (ISO 19794-2 or ANSI 378), refusing files over 1 MiB.
Result<FingerprintTemplate> ReadTemplateFile(const std::string& path);

}  // namespace openpact::biometrics
