#include "biometrics/evaluation.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>

#include "biometrics/synthetic.h"
#include "biometrics/triplet_index.h"
#include "core/csv.h"
#include "core/parallel.h"

namespace openpact::biometrics {
namespace {

namespace fs = std::filesystem;

// The bootstrap's seed (each database adds its position): fixed, so that fp eval repeats itself.
constexpr uint64_t kBootstrapSeed = 20261129;

struct Entry {
  std::string stem;
  int finger = 0;
};

std::string Pct(double v) {
  if (v < 0) return "-";  // kUnmeasured
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f %%", 100 * v);
  return buf;
}

}  // namespace

Result<FingerprintTemplate> ReadTemplateFile(const std::string& path) {
  OP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(path, 1 << 20));
  auto t = ParseTemplate(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
  if (!t.ok()) return t.status().WithContext(path);
  if (t->views.empty()) return Status::InvalidArgument(path + ": the record holds no finger view", "views");
  return t;
}

ErrorRates ComputeErrorRates(std::vector<double> genuine, std::vector<double> impostor, double threshold) {
  ErrorRates r;
  std::sort(genuine.begin(), genuine.end());
  std::sort(impostor.begin(), impostor.end());
  const double ng = static_cast<double>(genuine.size()), ni = static_cast<double>(impostor.size());
  // At threshold t: FNMR = share of genuine < t; FMR = share of impostors >= t.
  auto fnmr = [&](double t) { return (std::lower_bound(genuine.begin(), genuine.end(), t) - genuine.begin()) / ng; };
  auto fmr = [&](double t) { return (impostor.end() - std::lower_bound(impostor.begin(), impostor.end(), t)) / ni; };
  if (!genuine.empty()) r.fnmr_at_threshold = fnmr(threshold);
  if (!impostor.empty()) r.fmr_at_threshold = fmr(threshold);
  if (genuine.empty() || impostor.empty()) return r;
  std::vector<double> thresholds = genuine;
  thresholds.insert(thresholds.end(), impostor.begin(), impostor.end());
  thresholds.push_back(impostor.back() + 1e-9);
  std::sort(thresholds.begin(), thresholds.end());
  thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
  double best_gap = 2;
  r.fmr100 = r.fmr1000 = 1;
  for (double t : thresholds) {
    const double a = fmr(t), b = fnmr(t);
    if (std::fabs(a - b) < best_gap) {
      best_gap = std::fabs(a - b);
      r.eer = (a + b) / 2;
    }
    if (a <= 0.01) r.fmr100 = std::min(r.fmr100, b);
    if (a <= 0.001) r.fmr1000 = std::min(r.fmr1000, b);
  }
  return r;
}

std::vector<double> BootstrapEers(const std::vector<int>& finger, const std::vector<double>& score, int resamples,
                                  uint64_t seed) {
  const size_t n = finger.size();
  // Fingers numbered 0..F-1 in order of first appearance.
  std::map<int, size_t> number;
  std::vector<size_t> f(n);
  for (size_t a = 0; a < n; ++a) f[a] = number.try_emplace(finger[a], number.size()).first->second;
  const size_t fingers = number.size();
  // Every pair once, in ascending order of score, with its fingers. A resample holds each genuine
  // pair of finger x as often as x was drawn (m[x]) and each impostor pair of fingers x and y as
  // often as two different draws give x and y (m[x] m[y]): the same multiset as concatenating the
  // pairs draw by draw, so one sweep of this list with those multiplicities gives the resample's
  // EER exactly as ComputeErrorRates would on the concatenated lists, without copying or sorting
  // them (thousands of resamples of a large set would otherwise take longer than its comparisons).
  struct Pair {
    double score;
    uint32_t x, y;  // fingers, x <= y
  };
  std::vector<Pair> pairs;
  pairs.reserve(n * (n - 1) / 2);
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = a + 1; b < n; ++b) {
      pairs.push_back(Pair{std::max(score[a * n + b], score[b * n + a]), static_cast<uint32_t>(std::min(f[a], f[b])),
                           static_cast<uint32_t>(std::max(f[a], f[b]))});
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& p, const Pair& q) { return p.score < q.score; });
  std::vector<double> eers;
  eers.reserve(static_cast<size_t>(std::max(0, resamples)));
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> m(fingers);
  for (int r = 0; r < resamples; ++r) {
    std::fill(m.begin(), m.end(), 0);
    for (size_t d = 0; d < fingers; ++d) ++m[rng() % fingers];
    auto weight = [&](const Pair& p) { return p.x == p.y ? m[p.x] : m[p.x] * m[p.y]; };
    uint64_t genuine_total = 0, impostor_total = 0;
    double highest_impostor = 0;
    for (const Pair& p : pairs) {
      const uint64_t w = weight(p);
      if (w == 0) continue;
      if (p.x == p.y) {
        genuine_total += w;
      } else {
        impostor_total += w;
        highest_impostor = p.score;  // ascending: the last one kept is the highest
      }
    }
    if (genuine_total == 0 || impostor_total == 0) {
      eers.push_back(kUnmeasured);
      continue;
    }
    // ComputeErrorRates' thresholds, in ascending order: the resample's distinct scores and one just
    // above its highest impostor (at t, FNMR counts genuine < t, FMR impostors >= t; the first
    // threshold with the smallest gap gives the EER); below: the weights under the threshold.
    const double above = highest_impostor + 1e-9;
    const double ng = static_cast<double>(genuine_total), ni = static_cast<double>(impostor_total);
    uint64_t genuine_below = 0, impostor_below = 0;
    double best_gap = 2, eer = kUnmeasured;
    bool above_tried = false;
    auto consider = [&]() {
      const double fmr = static_cast<double>(impostor_total - impostor_below) / ni;
      const double fnmr = static_cast<double>(genuine_below) / ng;
      if (std::fabs(fmr - fnmr) < best_gap) {
        best_gap = std::fabs(fmr - fnmr);
        eer = (fmr + fnmr) / 2;
      }
    };
    for (size_t k = 0; k < pairs.size();) {
      const double t = pairs[k].score;
      // Pairs at score t: t is a threshold when the resample holds one of them.
      uint64_t at_genuine = 0, at_impostor = 0;
      for (; k < pairs.size() && pairs[k].score == t; ++k) (pairs[k].x == pairs[k].y ? at_genuine : at_impostor) += weight(pairs[k]);
      const bool held = at_genuine + at_impostor > 0;
      if (!above_tried && above <= t) {
        above_tried = true;
        if (above < t || !held) consider();  // a threshold of its own (equal to a held t, it is t's)
      }
      if (!held) continue;
      consider();
      genuine_below += at_genuine;
      impostor_below += at_impostor;
    }
    if (!above_tried) consider();
    eers.push_back(eer);
  }
  return eers;
}

double NearestRank(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kUnmeasured;
  const double rank = std::ceil(q * static_cast<double>(sorted.size()));  // 1-based
  return sorted[static_cast<size_t>(std::clamp(rank, 1.0, static_cast<double>(sorted.size()))) - 1];
}

Interval PercentileInterval95(std::vector<double> values) {
  const size_t all = values.size();
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return v < 0; }), values.end());
  if (values.empty() || 4 * values.size() < 3 * all) return {};
  std::sort(values.begin(), values.end());
  return Interval{NearestRank(values, 0.025), NearestRank(values, 0.975)};
}

ScoreSpread SpreadOf(std::vector<double> genuine, std::vector<double> impostor) {
  std::sort(genuine.begin(), genuine.end());
  std::sort(impostor.begin(), impostor.end());
  return ScoreSpread{NearestRank(genuine, 0.10), NearestRank(genuine, 0.50), NearestRank(impostor, 0.50),
                     NearestRank(impostor, 0.99), impostor.empty() ? kUnmeasured : impostor.back()};
}

namespace {

// The EER of templates with the given finger labels from their ordered-pair scores (score[a * n +
// b], a the probe), a pair's score the larger of its two directions; kUnmeasured without genuine
// or without impostor pairs.
double EerOfPairs(const std::vector<int>& finger, const std::vector<double>& score) {
  const size_t n = finger.size();
  std::vector<double> genuine, impostor;
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = a + 1; b < n; ++b) {
      (finger[a] == finger[b] ? genuine : impostor).push_back(std::max(score[a * n + b], score[b * n + a]));
    }
  }
  if (genuine.empty() || impostor.empty()) return kUnmeasured;
  return ComputeErrorRates(genuine, impostor, kDefaultThreshold).eer;
}

// Every ordered pair's calibrated score, split across threads by probe (the diagonal stays 0).
std::vector<double> ScoreAllPairs(const std::vector<PreparedFinger>& fingers, const Calibration& calibration,
                                  int threads) {
  const size_t n = fingers.size();
  std::vector<double> score(n * n, 0);
  std::vector<Matcher> matchers(static_cast<size_t>(std::max(1, threads)));
  ParallelFor(n, threads, [&](int w, size_t a) {
    for (size_t b = 0; b < n; ++b) {
      if (a != b) score[a * n + b] = matchers[static_cast<size_t>(w)].Score(fingers[a], fingers[b], calibration);
    }
  });
  return score;
}

// Each view prepared as a probe (with its index: every template is a probe once), x multiplied by
// x_scale first unless it is 1.
std::vector<PreparedFinger> PrepareAll(const std::vector<FingerView>& views, double x_scale) {
  std::vector<PreparedFinger> prepared;
  prepared.reserve(views.size());
  for (const FingerView& v : views) {
    prepared.push_back(PreparedFinger::FromView(x_scale == 1.0 ? v : StretchX(v, x_scale)));
    prepared.back().BuildIndex();
  }
  return prepared;
}

}  // namespace

double BackgroundNormalisedEer(const std::vector<int>& finger, const std::vector<double>& score) {
  const size_t n = finger.size();
  if (score.size() != n * n) return kUnmeasured;
  std::vector<double> mean(n, 0), spread(n, 0);
  for (size_t a = 0; a < n; ++a) {
    double sum = 0, sum2 = 0;
    int count = 0;
    for (size_t b = 0; b < n; ++b) {
      if (finger[b] == finger[a]) continue;
      sum += score[a * n + b];
      sum2 += score[a * n + b] * score[a * n + b];
      ++count;
    }
    if (count < 2) return kUnmeasured;
    mean[a] = sum / count;
    spread[a] = std::sqrt(std::max(0.0, sum2 / count - mean[a] * mean[a]));
    if (spread[a] == 0) spread[a] = 1;  // a template scoring the same against everyone: shift only
  }
  std::vector<double> standardised(n * n, 0);
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = 0; b < n; ++b) standardised[a * n + b] = (score[a * n + b] - mean[a]) / spread[a];
  }
  return EerOfPairs(finger, standardised);
}

std::optional<double> MinutiaeAspect(const FingerView& view) {
  if (view.minutiae.size() < 10) return std::nullopt;  // too few to say how they spread
  double sx = 0, sy = 0, sxx = 0, syy = 0;
  for (const Minutia& m : view.minutiae) {
    const double x = m.x, y = m.y;
    sx += x, sy += y, sxx += x * x, syy += y * y;
  }
  const double k = static_cast<double>(view.minutiae.size());
  const double vx = sxx / k - (sx / k) * (sx / k), vy = syy / k - (sy / k) * (sy / k);
  if (!(vx > 0 && vy > 0)) return std::nullopt;
  return std::sqrt(vx / vy);
}

SourceGeometry GeometryFromAspects(std::vector<double> aspects) {
  SourceGeometry g;
  g.templates = static_cast<int>(aspects.size());
  if (aspects.empty()) return g;
  std::sort(aspects.begin(), aspects.end());
  const size_t h = aspects.size() / 2;
  g.median_aspect = aspects.size() % 2 == 1 ? aspects[h] : (aspects[h - 1] + aspects[h]) / 2;
  g.x_scale = kReferenceMinutiaeAspect / g.median_aspect;
  g.suspect = g.templates >= kMinGeometryTemplates &&
              (g.x_scale > kGeometryTolerance || g.x_scale < 1 / kGeometryTolerance);
  return g;
}

SourceGeometry EstimateSourceGeometry(std::span<const FingerView> views) {
  std::vector<double> aspects;
  for (const FingerView& v : views) {
    if (const auto a = MinutiaeAspect(v)) aspects.push_back(*a);
  }
  return GeometryFromAspects(std::move(aspects));
}

FingerView StretchX(const FingerView& view, double factor) { return ScaleAxes(view, factor, 1.0); }

Result<BaselineScores> BaselineScores::ReadCsv(const std::string& path) {
  OP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return Parse(text, path);
}

Result<BaselineScores> BaselineScores::Parse(std::string_view csv, const std::string& name) {
  OP_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, name));
  OP_ASSIGN_OR_RETURN(size_t c_db, t.Column("db"));
  OP_ASSIGN_OR_RETURN(size_t c_a, t.Column("a"));
  OP_ASSIGN_OR_RETURN(size_t c_b, t.Column("b"));
  OP_ASSIGN_OR_RETURN(size_t c_score, t.Column("score"));
  BaselineScores out;
  for (size_t i = 0; i < t.size(); ++i) {
    const std::vector<std::string>& row = t.row(i);
    OP_ASSIGN_OR_RETURN(const double v, t.FiniteNumber(i, c_score, "score"));
    if (!out.by_database[row[c_db]].emplace(std::make_pair(row[c_a], row[c_b]), v).second) {
      return Status::InvalidArgument("the pair " + row[c_a] + "," + row[c_b] + " of " + row[c_db] + " is given twice",
                                     t.Where(i, "a"));
    }
  }
  return out;
}

Result<EvaluationReport> EvaluateDirectory(const std::string& dir, const Calibration& calibration,
                                           const EvaluationOptions& options) {
  std::ostream* const scores_csv = options.scores_csv;
  const int threads = options.threads;
  const bool correct_geometry = options.correct_geometry;
  if (!fs::is_directory(dir)) return Status::InvalidArgument("not a directory: " + dir, "DIR");
  static const std::regex kName("([0-9]+)_([0-9]+)\\.iso");
  // Databases: each sub-folder holding matching files; or the folder itself.
  std::vector<fs::path> dbs;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_directory()) dbs.push_back(e.path());
  }
  std::sort(dbs.begin(), dbs.end());
  dbs.push_back(fs::path(dir));
  // Each database's template files, sorted; folders without any are not databases.
  std::vector<std::pair<fs::path, std::vector<fs::path>>> databases;
  for (const fs::path& db : dbs) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(db)) {
      const std::string name = e.path().filename().string();
      if (e.is_regular_file() && std::regex_match(name, kName)) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    if (!files.empty()) databases.emplace_back(db, std::move(files));
  }
  EvaluationReport report;
  report.threshold = kDefaultThreshold;
  for (double level : {10.0, 20.0, 30.0, 40.0, 50.0}) report.calibration_check.push_back({level, 0});
  size_t db_index = 0;
  for (const auto& [db, files] : databases) {
    ++db_index;
    std::vector<Entry> entries;
    std::vector<FingerView> views;  // at the reference resolution
    std::map<std::string, int> finger_numbers;
    int skipped = 0;
    for (const fs::path& f : files) {
      Result<FingerprintTemplate> read = ReadTemplateFile(f.string());
      if (!read.ok() && options.skip_invalid) {
        report.skipped_templates.push_back(read.status().ToString());
        ++skipped;
        continue;
      }
      OP_ASSIGN_OR_RETURN(FingerprintTemplate t, std::move(read));
      for (const std::string& w : t.warnings) report.template_warnings.push_back(f.string() + ": " + w);
      std::smatch m;
      const std::string name = f.filename().string();
      std::regex_match(name, m, kName);
      // Fingers are told apart by their number, leading zeros aside (101 and 0101 are one finger),
      // numbered densely here: a file name's number may be longer than any integer type.
      std::string number = m[1].str();
      number.erase(0, std::min(number.find_first_not_of('0'), number.size() - 1));
      const auto [it, added] = finger_numbers.try_emplace(number, static_cast<int>(finger_numbers.size()));
      entries.push_back(Entry{f.stem().string(), it->second});
      views.push_back(ViewAtReferenceResolution(t, 0));
    }
    if (entries.empty()) continue;  // every template skipped: listed, nothing to measure
    const std::string db_name = db == fs::path(dir) ? fs::path(dir).filename().string() : db.filename().string();
    DatabaseProgress progress{db_name, db_index, databases.size(), entries.size(), false};
    if (options.on_progress) options.on_progress(progress);
    const SourceGeometry geometry = EstimateSourceGeometry(views);
    const bool corrected = correct_geometry && geometry.suspect;
    const std::vector<PreparedFinger> prepared = PrepareAll(views, corrected ? geometry.x_scale : 1.0);
    const size_t n = entries.size();
    const std::vector<double> score = ScoreAllPairs(prepared, calibration, threads);
    DatabaseResult res;
    res.name = db_name;
    res.templates = static_cast<int>(n);
    res.skipped = skipped;
    std::vector<double> genuine, impostor;
    // Closed-set identification counts the probes whose finger has another template here: a
    // probe without one cannot be found, whatever the matcher does.
    int hits = 0, probes_with_mate = 0;
    for (size_t a = 0; a < n; ++a) {
      double best = -1;
      int best_finger = -1;
      bool has_mate = false;
      for (size_t b = 0; b < n; ++b) {
        if (a == b) continue;
        if (scores_csv != nullptr) {
          // Every digit a double holds, so that the file read back as a baseline gives these scores.
          char value[32];
          std::snprintf(value, sizeof value, "%.17g", score[a * n + b]);
          *scores_csv << res.name << "," << entries[a].stem << "," << entries[b].stem << "," << value << "\n";
        }
        if (entries[a].finger != entries[b].finger) {
          ++report.impostor_comparisons;
          for (auto& row : report.calibration_check) row.reached += score[a * n + b] >= row.score;
        }
        const double pair = std::max(score[a * n + b], score[b * n + a]);
        if (pair > best) {
          best = pair;
          best_finger = entries[b].finger;
        }
        if (b > a) (entries[a].finger == entries[b].finger ? genuine : impostor).push_back(pair);
        has_mate |= entries[a].finger == entries[b].finger;
      }
      probes_with_mate += has_mate;
      hits += has_mate && best_finger == entries[a].finger;
    }
    std::vector<int> fingers(n);
    for (size_t a = 0; a < n; ++a) fingers[a] = entries[a].finger;
    res.eer_background_normalised = BackgroundNormalisedEer(fingers, score);
    res.geometry = geometry;
    res.geometry_corrected = corrected;
    if (res.geometry.suspect && !corrected) {
      res.eer_x_stretched = EerOfPairs(fingers, ScoreAllPairs(PrepareAll(views, geometry.x_scale), calibration, threads));
    }
    // Pre-selection: the triplet index over this database, each template a probe against the others.
    TripletIndex index;
    for (size_t a = 0; a < n; ++a) index.Add(static_cast<uint32_t>(a), prepared[a]);
    index.Build();
    const size_t keep = std::max<size_t>(1, static_cast<size_t>(std::ceil(0.1 * static_cast<double>(n - 1))));
    int kept = 0, hits_total = 0, hits_kept = 0;
    std::vector<float> affinity;
    // (A lone template has no candidate, so no rank-1: nothing to measure.)
    for (size_t a = 0; a < n && n > 1; ++a) {
      size_t rank1 = a == 0 ? 1 : 0;
      for (size_t b = 0; b < n; ++b) {
        if (b != a && score[a * n + b] > score[a * n + rank1]) rank1 = b;
      }
      index.Score(TripletKeys(prepared[a], true), &affinity);
      size_t ahead = 0;  // candidates the pre-selection ranks before rank1 (ties: lower index first)
      for (size_t b = 0; b < n; ++b) {
        if (b != a && b != rank1 && (affinity[b] > affinity[rank1] || (affinity[b] == affinity[rank1] && b < rank1))) ++ahead;
      }
      kept += ahead < keep;
      if (score[a * n + rank1] >= report.threshold) {
        ++hits_total;
        hits_kept += ahead < keep;
      }
    }
    if (n > 1) res.preselect_recall = static_cast<double>(kept) / n;
    if (hits_total > 0) res.preselect_recall_hits = static_cast<double>(hits_kept) / hits_total;
    res.hits = hits_total;
    res.hits_kept = hits_kept;
    res.genuine_pairs = static_cast<long long>(genuine.size());
    res.impostor_pairs = static_cast<long long>(impostor.size());
    res.rates = ComputeErrorRates(genuine, impostor, report.threshold);
    res.spread = SpreadOf(genuine, impostor);
    // One seed per database: a baseline's scores are resampled with the same draws of fingers.
    const uint64_t resample_seed = kBootstrapSeed + report.databases.size();
    res.eer_resamples = BootstrapEers(fingers, score, kBootstrapResamples, resample_seed);
    res.eer_interval = PercentileInterval95(res.eer_resamples);
    if (corrected) res.eer_x_stretched = res.rates.eer;
    if (probes_with_mate > 0) res.rank1 = static_cast<double>(hits) / probes_with_mate;
    if (options.baseline != nullptr) {
      // The baseline's scores of the same ordered pairs, resampled with the same draws.
      const auto db_scores = options.baseline->by_database.find(res.name);
      if (db_scores == options.baseline->by_database.end()) {
        return Status::InvalidArgument("the baseline scores have no database '" + res.name + "'", "--baseline-scores");
      }
      std::vector<double> base(n * n, 0);
      for (size_t a = 0; a < n; ++a) {
        for (size_t b = 0; b < n; ++b) {
          if (a == b) continue;
          const auto it = db_scores->second.find({entries[a].stem, entries[b].stem});
          if (it == db_scores->second.end()) {
            return Status::InvalidArgument("the baseline scores have no score for " + res.name + "," + entries[a].stem +
                                               "," + entries[b].stem,
                                           "--baseline-scores");
          }
          base[a * n + b] = it->second;
        }
      }
      res.baseline_eer = EerOfPairs(fingers, base);
      res.baseline_eer_resamples = BootstrapEers(fingers, base, kBootstrapResamples, resample_seed);
    }
    report.databases.push_back(res);
    progress.done = true;
    if (options.on_progress) options.on_progress(progress);
  }
  if (report.databases.empty()) {
    return Status::InvalidArgument("no <finger>_<impression>.iso templates in " + dir + " or its sub-folders", "DIR");
  }
  // The mean of one rate over the databases, unmeasured where any database's is (a mean over the
  // others would be a different figure under the same name).
  auto mean_of = [&](auto rate) {
    double sum = 0;
    for (const DatabaseResult& d : report.databases) {
      if (rate(d) < 0) return kUnmeasured;
      sum += rate(d);
    }
    return sum / static_cast<double>(report.databases.size());
  };
  report.mean.eer = mean_of([](const DatabaseResult& d) { return d.rates.eer; });
  report.mean.fmr100 = mean_of([](const DatabaseResult& d) { return d.rates.fmr100; });
  report.mean.fmr1000 = mean_of([](const DatabaseResult& d) { return d.rates.fmr1000; });
  report.mean.fnmr_at_threshold = mean_of([](const DatabaseResult& d) { return d.rates.fnmr_at_threshold; });
  report.mean.fmr_at_threshold = mean_of([](const DatabaseResult& d) { return d.rates.fmr_at_threshold; });
  if (report.mean.eer >= 0) {
    std::vector<double> means(kBootstrapResamples, 0);
    for (size_t r = 0; r < means.size(); ++r) {
      for (const DatabaseResult& d : report.databases) {
        if (d.eer_resamples[r] < 0 || means[r] < 0) {
          means[r] = kUnmeasured;
        } else {
          means[r] += d.eer_resamples[r] / static_cast<double>(report.databases.size());
        }
      }
    }
    report.mean_eer_interval = PercentileInterval95(std::move(means));
  }
  report.mean_rank1 = mean_of([](const DatabaseResult& d) { return d.rank1; });
  report.mean_preselect_recall = mean_of([](const DatabaseResult& d) { return d.preselect_recall; });
  report.mean_eer_background_normalised = mean_of([](const DatabaseResult& d) { return d.eer_background_normalised; });
  if (std::any_of(report.databases.begin(), report.databases.end(), [](const DatabaseResult& d) { return d.geometry.suspect; })) {
    report.mean_eer_x_stretched =
        mean_of([](const DatabaseResult& d) { return d.geometry.suspect ? d.eer_x_stretched : d.rates.eer; });
  }
  int hits = 0, hits_kept = 0;
  for (const DatabaseResult& d : report.databases) hits += d.hits, hits_kept += d.hits_kept;
  if (hits > 0) report.pooled_preselect_recall_hits = static_cast<double>(hits_kept) / hits;
  if (options.baseline != nullptr) {
    EvaluationReport::BaselineComparison c;
    c.baseline_mean_eer = mean_of([](const DatabaseResult& d) { return d.baseline_eer; });
    // Per resample, the mean over the databases of (this EER less the baseline's); a resample
    // where either side of a database is unmeasured does not count.
    std::vector<double> changes;
    for (size_t r = 0; r < static_cast<size_t>(kBootstrapResamples); ++r) {
      double change = 0;
      bool measured = true;
      for (const DatabaseResult& d : report.databases) {
        measured = measured && d.eer_resamples[r] >= 0 && d.baseline_eer_resamples[r] >= 0;
        change += (d.eer_resamples[r] - d.baseline_eer_resamples[r]) / static_cast<double>(report.databases.size());
      }
      if (!measured) continue;
      changes.push_back(change);
      c.lower += change < 0;
      c.higher += change > 0;
    }
    // (Not PercentileInterval95: a change below zero is a measurement, not a missing one.)
    std::sort(changes.begin(), changes.end());
    c.resamples = static_cast<int>(changes.size());
    if (!changes.empty()) {
      c.median_change = NearestRank(changes, 0.5);
      c.change_low = NearestRank(changes, 0.025);
      c.change_high = NearestRank(changes, 0.975);
    }
    report.baseline = c;
  }
  return report;
}

Result<CalibrationFit> FitCalibration(int templates, uint64_t seed, int threads, CalibrationPopulation population,
                                      int flow_archetypes) {
  if (templates < 100) return Status::InvalidArgument("needs at least 100 templates", "--templates");
  // Every pair is compared: 10,000 templates are 50 million pairs, about 20 minutes on 2 cores
  // (1,415 give the 1,000,405 of the shipped table in 24 s); beyond, a typo would run for days.
  if (templates > 10000) {
    return Status::InvalidArgument("at most 10000 templates (50 million pairs, about 20 minutes on 2 cores)", "--templates");
  }
  if (flow_archetypes < 0) return Status::InvalidArgument("must be 0 or more", "--flow-archetypes");
  if (flow_archetypes > 0 && population == CalibrationPopulation::kRelated) {
    return Status::InvalidArgument("only with --population independent", "--flow-archetypes");
  }
  SyntheticOptions options;
  options.overlapping_streams = population == CalibrationPopulation::kRelated;
  options.flow_archetypes = flow_archetypes;
  std::vector<PreparedFinger> prepared;
  prepared.reserve(static_cast<size_t>(templates));
  for (int i = 0; i < templates; ++i) {
    const MasterFinger master = MakeMasterFinger(seed * 7919ull + static_cast<uint64_t>(i), options);
    prepared.push_back(PreparedFinger::FromView(MakeImpression(master, seed * 104729ull + i, 0, 0, options).views[0]));
    prepared.back().BuildIndex();
  }
  const size_t n = prepared.size();
  std::vector<std::vector<double>> per_thread(static_cast<size_t>(std::max(1, threads)));
  std::vector<Matcher> matchers(per_thread.size());
  ParallelFor(n, threads, [&](int w, size_t a) {
    auto& out = per_thread[static_cast<size_t>(w)];
    for (size_t b = a + 1; b < n; ++b) out.push_back(matchers[static_cast<size_t>(w)].RawScore(prepared[a], prepared[b]));
  });
  std::vector<double> raw;
  for (auto& v : per_thread) raw.insert(raw.end(), v.begin(), v.end());
  std::sort(raw.begin(), raw.end());
  const double total = static_cast<double>(raw.size());
  // For each target FMR 10^(-k/10), the raw threshold reaching it; then the exact FMR there.
  std::vector<std::pair<double, double>> points = {{0.0, 0.0}};
  for (int k = 1; k <= 100; ++k) {
    const double fmr = std::pow(10.0, -k / 10.0);
    if (fmr * total < 1) break;
    const size_t above = static_cast<size_t>(std::ceil(fmr * total));
    const double threshold = raw[raw.size() - above];
    const double exceed = static_cast<double>(raw.end() - std::lower_bound(raw.begin(), raw.end(), threshold));
    const double calibrated = -10.0 * std::log10(exceed / total);
    if (threshold <= points.back().first) continue;
    points.emplace_back(threshold, calibrated);
  }
  // Beyond the highest impostor score there is no evidence: extend linearly to raw 1.0 -> 100.
  if (points.back().first < 1.0) points.emplace_back(1.0, 100.0);
  CalibrationFit fit;
  fit.pairs = static_cast<long long>(raw.size());
  fit.calibration = Calibration(points);
  char line[128];
  const std::string population_name =
      population == CalibrationPopulation::kRelated
          ? "related"
          : flow_archetypes > 0 ? "independent --flow-archetypes " + std::to_string(flow_archetypes) : "independent";
  fit.csv = "# Raw matcher score -> calibrated score (~ -10 log10 FMR), fitted on " + std::to_string(fit.pairs) +
            " SYNTHETIC impostor comparisons\n# (" + std::to_string(templates) + " synthetic fingers, seed " +
            std::to_string(seed) + ", " + population_name + " population): openpact fp calibrate --templates " +
            std::to_string(templates) + " --seed " + std::to_string(seed) + " --population " + population_name +
            "\n# The last point (raw 1.0 -> 100) is an extrapolation beyond the highest impostor score.\nraw,calibrated\n";
  for (const auto& [r, c] : points) {
    std::snprintf(line, sizeof line, "%.9g,%.4f\n", r, c);
    fit.csv += line;
  }
  return fit;
}

double EvaluationReport::CalibrationCheckRow::nominal_fmr() const { return std::pow(10.0, -score / 10); }

std::string EvaluationToJson(const EvaluationReport& r) {
  using json = nlohmann::ordered_json;
  auto PctOrNull = [](double v) { return v < 0 ? json(nullptr) : json(100 * v); };
  auto rates = [&](const ErrorRates& e) {
    return json{{"eer_pct", PctOrNull(e.eer)}, {"fmr100_pct", PctOrNull(e.fmr100)}, {"fmr1000_pct", PctOrNull(e.fmr1000)},
                {"fnmr_at_threshold_pct", PctOrNull(e.fnmr_at_threshold)},
                {"fmr_at_threshold_pct", PctOrNull(e.fmr_at_threshold)}};
  };
  auto interval = [&](const Interval& i) {
    return i.low < 0 ? json(nullptr) : json{{"low", 100 * i.low}, {"high", 100 * i.high}};
  };
  json dbs = json::array();
  for (const DatabaseResult& d : r.databases) {
    json j = {{"name", d.name}, {"templates", d.templates}, {"skipped", d.skipped}, {"genuine_pairs", d.genuine_pairs},
              {"impostor_pairs", d.impostor_pairs}};
    j.update(rates(d.rates));
    j["eer_interval95_pct"] = interval(d.eer_interval);
    auto score = [](double v) { return v == kUnmeasured ? json(nullptr) : json(v); };
    j["scores"] = {{"genuine_p10", score(d.spread.genuine_p10)},
                   {"genuine_median", score(d.spread.genuine_median)},
                   {"impostor_median", score(d.spread.impostor_median)},
                   {"impostor_p99", score(d.spread.impostor_p99)},
                   {"impostor_max", score(d.spread.impostor_max)}};
    j["rank1_pct"] = PctOrNull(d.rank1);
    j["preselect_recall_at_10pct_pct"] = PctOrNull(d.preselect_recall);
    j["preselect_recall_at_10pct_of_hits_pct"] = PctOrNull(d.preselect_recall_hits);
    j["eer_background_normalised_pct"] = PctOrNull(d.eer_background_normalised);
    j["geometry"] = {{"templates_measured", d.geometry.templates},
                     {"median_aspect", d.geometry.median_aspect},
                     {"x_scale", d.geometry.x_scale},
                     {"suspect", d.geometry.suspect},
                     {"corrected", d.geometry_corrected},
                     {"eer_x_stretched_pct", PctOrNull(d.eer_x_stretched)}};
    if (r.baseline) j["baseline_eer_pct"] = PctOrNull(d.baseline_eer);
    dbs.push_back(j);
  }
  json mean = rates(r.mean);
  mean["eer_interval95_pct"] = interval(r.mean_eer_interval);
  mean["rank1_pct"] = PctOrNull(r.mean_rank1);
  mean["preselect_recall_at_10pct_pct"] = PctOrNull(r.mean_preselect_recall);
  mean["preselect_recall_at_10pct_of_hits_pct"] = PctOrNull(r.pooled_preselect_recall_hits);
  mean["eer_background_normalised_pct"] = PctOrNull(r.mean_eer_background_normalised);
  mean["eer_x_stretched_pct"] = PctOrNull(r.mean_eer_x_stretched);
  json check = json::array();
  for (const auto& row : r.calibration_check) {
    check.push_back({{"score", row.score},
                     {"nominal_fmr_pct", 100 * row.nominal_fmr()},
                     {"impostor_comparisons_reaching", row.reached},
                     {"observed_fmr_pct", r.impostor_comparisons > 0
                                              ? json(100.0 * static_cast<double>(row.reached) /
                                                     static_cast<double>(r.impostor_comparisons))
                                              : json(nullptr)}});
  }
  json out = {{"threshold", r.threshold},
              {"eer_interval95", {{"method", "subsets bootstrap over fingers"},
                                  {"resamples", kBootstrapResamples},
                                  {"seed", kBootstrapSeed}}},
              {"databases", dbs},
              {"mean", mean},
              {"impostor_comparisons", r.impostor_comparisons},
              {"calibration_check", check},
              {"skipped_templates", r.skipped_templates}};
  if (r.baseline) {
    const auto& b = *r.baseline;
    const bool measured = b.resamples > 0;
    auto points = [&](double v) { return measured ? json(100 * v) : json(nullptr); };
    out["baseline"] = {{"method", "paired subsets bootstrap over fingers: the same draws for both score sets"},
                       {"mean_eer_pct", PctOrNull(b.baseline_mean_eer)},
                       {"resamples", b.resamples},
                       {"change_median_points", points(b.median_change)},
                       {"change_interval95_points", measured ? json::array({100 * b.change_low, 100 * b.change_high})
                                                             : json(nullptr)},
                       {"resamples_lower", b.lower},
                       {"resamples_higher", b.higher}};
  }
  return out.dump(2);
}

std::string EvaluationToText(const EvaluationReport& r) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-10s %5s %8s %9s %9s %9s %12s %8s %8s %8s %8s\n", "database", "n", "EER", "FMR100",
                "FMR1000", "FNMR@thr", "FMR@thr", "rank-1", "pre@10%", "of hits", "EER bg");
  out += line;
  auto row = [&](const std::string& name, int n, const ErrorRates& e, double rank1, double pre, double pre_hits,
                 double eer_background) {
    std::snprintf(line, sizeof line, "%-10s %5d %8s %9s %9s %9s %12s %8s %8s %8s %8s\n", name.c_str(), n,
                  Pct(e.eer).c_str(), Pct(e.fmr100).c_str(), Pct(e.fmr1000).c_str(), Pct(e.fnmr_at_threshold).c_str(),
                  Pct(e.fmr_at_threshold).c_str(), Pct(rank1).c_str(), Pct(pre).c_str(),
                  Pct(pre_hits).c_str(), Pct(eer_background).c_str());
    out += line;
  };
  int total = 0;
  for (const DatabaseResult& d : r.databases) {
    row(d.name, d.templates, d.rates, d.rank1, d.preselect_recall, d.preselect_recall_hits, d.eer_background_normalised);
    total += d.templates;
  }
  row("mean", total, r.mean, r.mean_rank1, r.mean_preselect_recall, r.pooled_preselect_recall_hits,
      r.mean_eer_background_normalised);
  // Left out with --skip-invalid: the figures above are the other templates'; say so first.
  if (!r.skipped_templates.empty()) {
    out += "skipped " + std::to_string(r.skipped_templates.size()) +
           " template(s) that do not parse; the figures are the other templates':\n";
    constexpr size_t kShown = 20;
    for (size_t i = 0; i < r.skipped_templates.size() && i < kShown; ++i) out += "  " + r.skipped_templates[i] + "\n";
    if (r.skipped_templates.size() > kShown) {
      out += "  ... and " + std::to_string(r.skipped_templates.size() - kShown) + " more (--json lists them all)\n";
    }
  }
  // How precise each EER is: a database of ten fingers has few independent genuine pairs.
  if (r.mean_eer_interval.low >= 0 ||
      std::any_of(r.databases.begin(), r.databases.end(), [](const DatabaseResult& d) { return d.eer_interval.low >= 0; })) {
    out += "EER 95 % intervals (bootstrap over fingers, " + std::to_string(kBootstrapResamples) + " resamples):\n ";
    auto range = [](const Interval& i) {
      return i.low < 0 ? std::string("-") : Pct(i.low).substr(0, Pct(i.low).size() - 2) + "-" + Pct(i.high);
    };
    for (const DatabaseResult& d : r.databases) out += " " + d.name + " " + range(d.eer_interval) + ",";
    out += " mean " + range(r.mean_eer_interval) + "\n";
  }
  // A change of the matcher against a previous evaluation's scores, finger for finger.
  if (r.baseline) {
    const auto& b = *r.baseline;
    out += "against the baseline scores: mean EER " + Pct(b.baseline_mean_eer) + " then, " + Pct(r.mean.eer) + " now";
    if (b.resamples > 0) {
      char change[160];
      std::snprintf(change, sizeof change,
                    "; the change (paired bootstrap over fingers, %d resamples): median %+.2f points, 95 %% "
                    "interval %+.2f to %+.2f; lower in %d, higher in %d\n",
                    b.resamples, 100 * b.median_change, 100 * b.change_low, 100 * b.change_high, b.lower, b.higher);
      out += change;
    } else {
      out += "; the change is not measured (no resample holds both sides of every database)\n";
    }
  }
  // Where the pair scores lie: how far apart mates and impostors are, beyond the EER's one point.
  if (std::any_of(r.databases.begin(), r.databases.end(),
                  [](const DatabaseResult& d) { return d.genuine_pairs > 0 && d.impostor_pairs > 0; })) {
    out += "pair scores (calibrated, the larger direction): genuine 10th percentile / median, impostor median / "
           "99th percentile / max\n";
    auto score = [](double v) {
      char cell[32];
      std::snprintf(cell, sizeof cell, "%.1f", v);
      return v == kUnmeasured ? std::string("-") : std::string(cell);
    };
    for (const DatabaseResult& d : r.databases) {
      out += "  " + d.name + " " + score(d.spread.genuine_p10) + " / " + score(d.spread.genuine_median) + ", " +
             score(d.spread.impostor_median) + " / " + score(d.spread.impostor_p99) + " / " +
             score(d.spread.impostor_max) + "\n";
    }
  }
  out += "threshold " + std::to_string(static_cast<int>(r.threshold)) + " (calibrated score; ~ FMR 0.01 %)\n";
  if (r.impostor_comparisons > 0) {
    out += "calibration check: the " + std::to_string(r.impostor_comparisons) +
           " impostor comparisons (one direction at a time) reaching a score\n";
    std::snprintf(line, sizeof line, "%8s %12s %10s %13s\n", "score", "nominal FMR", "reached", "observed FMR");
    out += line;
    for (const auto& row : r.calibration_check) {
      std::snprintf(line, sizeof line, "%8.0f %10g %% %10lld %13s\n", row.score, 100 * row.nominal_fmr(),
                    row.reached,
                    Pct(static_cast<double>(row.reached) / static_cast<double>(r.impostor_comparisons)).c_str());
      out += line;
    }
  }
  for (const DatabaseResult& d : r.databases) {
    if (!d.geometry.suspect) continue;
    char geometry[640];
    std::snprintf(geometry, sizeof geometry,
                  "source geometry: %s's minutiae spread %.2f times as wide as tall (median of %d templates;\n"
                  "  fingertips: about %.2f), as if its x axis were scaled by %.2f against y (images resized\n"
                  "  before extraction?): rotations between impressions then become shears the matcher does\n"
                  "  not follow.",
                  d.name.c_str(), d.geometry.median_aspect, d.geometry.templates, kReferenceMinutiaeAspect,
                  1 / d.geometry.x_scale);
    out += geometry;
    if (d.geometry_corrected) {
      std::snprintf(geometry, sizeof geometry, " Its row above is measured with x multiplied by %.2f\n  (--correct-geometry).\n",
                    d.geometry.x_scale);
    } else {
      std::snprintf(geometry, sizeof geometry,
                    " An experiment, not the matcher's score: with x multiplied by %.2f, EER %s\n",
                    d.geometry.x_scale, Pct(d.eer_x_stretched).c_str());
    }
    out += geometry;
  }
  const bool experiment = std::any_of(r.databases.begin(), r.databases.end(),
                                      [](const DatabaseResult& d) { return d.geometry.suspect && !d.geometry_corrected; });
  if (experiment && r.mean_eer_x_stretched >= 0) {
    out += "  (mean EER with each such database corrected: " + Pct(r.mean_eer_x_stretched) + "; fp eval --correct-geometry)\n";
  }
  out += "pre@10%: probes whose exhaustive rank-1 is in the pre-selection's top 10 % of the database;\n"
         "of hits: the same among probes whose exhaustive rank-1 reaches the threshold (mean row: all hits pooled)\n"
         "EER bg: an experiment, not the matcher's score: each template's scores standardised against the\n"
         "templates of other fingers in its database (a background of other people); docs/biometrics.md\n";
  return out;
}

}  // namespace openpact::biometrics
