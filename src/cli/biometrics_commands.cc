// `openpact fp ...` and `openpact synth fingerprints`: the fingerprint engine from the command
// line. These read only the template files named on the command line.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <unistd.h>

#include "biometrics/evaluation.h"
#include "biometrics/identify.h"
#ifdef OPENPACT_HAVE_CUDA
#include "biometrics/gpu_scan.h"
#endif
#include "biometrics/synthetic.h"
#include "cli/commands.h"
#include "core/parallel.h"

namespace openpact::cli {
namespace {

// Each probe finger's own evidence, for fp match and fp identify: its position, its best score,
// how many comparisons that best was taken over, and whether it met a finger of unknown position.
nlohmann::ordered_json FingersJson(std::span<const biometrics::FingerResult> fingers) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& f : fingers) {
    out.push_back({{"position", f.position},
                   {"score", f.evidence.score},
                   {"compared", f.evidence.compared},
                   {"shared", f.evidence.shared}});
  }
  return out;
}

// What the template readers noted and let pass (trailing bytes ignored, ...) goes to stderr: the
// first few in full, then how many more, so that a gallery of a million padded files does not bury
// the answer. Printed when the object goes (after the command's output).
class TemplateWarnings {
 public:
  void Add(const std::string& file, const biometrics::FingerprintTemplate& t) {
    for (const std::string& w : t.warnings) Add(file + ": " + w);
  }
  void Add(const std::string& file_and_warning) {
    if (shown_ < kShown) {
      std::fprintf(stderr, "openpact: warning: %s\n", file_and_warning.c_str());
      ++shown_;
    } else {
      ++more_;
    }
  }
  ~TemplateWarnings() {
    if (more_ > 0) std::fprintf(stderr, "openpact: warning: %zu more template warning(s) not shown\n", more_);
  }

 private:
  static constexpr size_t kShown = 10;
  size_t shown_ = 0, more_ = 0;
};

// The .iso files under `dir`, sub-folders too, sorted.
std::vector<std::filesystem::path> TemplateFiles(const std::string& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".iso") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A large folder takes minutes to read: "fp COMMAND: WHAT N of TOTAL templates" on stderr, a line
// each tenth, when asked or from 10,000 files when stderr is a terminal.
class FileProgress {
 public:
  FileProgress(const char* command, size_t files, bool asked)
      : command_(command), on_(asked || (files >= 10000 && isatty(STDERR_FILENO) != 0)),
        step_(std::max<size_t>(1, (files + 9) / 10)) {}
  void Say(const char* what, size_t done, size_t total) const {
    if (on_ && (done % step_ == 0 || done == total)) std::fprintf(stderr, "fp %s: %s %zu of %zu templates\n", command_, what, done, total);
  }
  bool on() const { return on_; }
  size_t step() const { return step_; }

 private:
  const char* command_;
  bool on_;
  size_t step_;
};

// Templates by source: the folder a record lies in and what the record says of its capture
// (equipment, image size, resolution); records from different pipelines often carry the same
// header (the development set's four databases do), so the folder counts too. Keeps each view's
// minutiae aspect only (biometrics::MinutiaeAspect), so a large gallery costs little.
class SourceTally {
 public:
  struct Key {
    std::string folder;
    uint16_t equipment, width, height, res_x, res_y;
    auto operator<=>(const Key&) const = default;
  };
  struct Tally {
    size_t records = 0;
    std::vector<double> aspects;
  };
  void Add(const std::string& folder, const biometrics::FingerprintTemplate& t) {
    Tally& tally = sources_[Key{folder, t.capture_equipment, t.width, t.height, t.res_x, t.res_y}];
    ++tally.records;
    for (size_t v = 0; v < t.views.size(); ++v) {
      if (const auto a = biometrics::MinutiaeAspect(biometrics::ViewAtReferenceResolution(t, v))) tally.aspects.push_back(*a);
    }
  }
  const std::map<Key, Tally>& sources() const { return sources_; }
  // A warning on stderr for each suspect source: searches among its templates will be weak.
  void WarnOfSuspects(const char* command) const {
    for (const auto& [key, tally] : sources_) {
      const biometrics::SourceGeometry g = biometrics::GeometryFromAspects(tally.aspects);
      if (!g.suspect) continue;
      std::fprintf(stderr,
                   "openpact: warning: %s: the templates in '%s' look squeezed along one axis (minutiae %.2f times as "
                   "wide as tall, fingertips about %.2f): captured from resized images? Their matches are weak; "
                   "`openpact fp geometry` tells more\n",
                   command, key.folder.c_str(), g.median_aspect, biometrics::kReferenceMinutiaeAspect);
    }
  }

 private:
  std::map<Key, Tally> sources_;
};

// A template file the reader refused, as bad input to `option`: the option, then the byte offset
// or field the reader named, then its message (which names the file once).
Status TemplateFileError(const Status& s, const std::string& option) {
  return Status::InvalidArgument(s.field().empty() ? s.message() : s.field() + ": " + s.message(), option);
}

}  // namespace

int RunFpMatch(const GlobalOptions& g, const std::string& a, const std::string& b) {
  if (Status calibrated = biometrics::Calibration::DefaultStatus(); !calibrated.ok()) return Fail(calibrated);
  auto ta = biometrics::ReadTemplateFile(a);
  if (!ta.ok()) return Fail(TemplateFileError(ta.status(), "a"));
  auto tb = biometrics::ReadTemplateFile(b);
  if (!tb.ok()) return Fail(TemplateFileError(tb.status(), "b"));
  TemplateWarnings warnings;
  warnings.Add(a, *ta);
  warnings.Add(b, *tb);
  const biometrics::TemplateMatch m = biometrics::MatchTemplates(*ta, *tb);
  if (g.json) {
    const nlohmann::ordered_json out = {{"score", m.score},
                                        {"threshold", biometrics::kDefaultThreshold},
                                        {"match", m.score >= biometrics::kDefaultThreshold},
                                        {"fingers", FingersJson(m.fingers)}};
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << m.score << "\n";
  }
  return 0;
}

int RunFpEval(const GlobalOptions& g, const FpEvalArgs& args) {
  const std::string &dir = args.dir, &scores_file = args.scores_file, &calibration_file = args.calibration_file,
                    &baseline_file = args.baseline_file;
  // A previous evaluation's scores (fp eval --scores) to measure the change against.
  std::optional<biometrics::BaselineScores> baseline;
  if (!baseline_file.empty()) {
    auto b = biometrics::BaselineScores::ReadCsv(baseline_file);
    if (!b.ok()) return Fail(Status::InvalidArgument(b.status().message(), "--baseline-scores"));
    baseline = std::move(*b);
  }
  // Another calibration table, e.g. one fitted on another impostor population (fp calibrate --out).
  std::optional<biometrics::Calibration> calibration;
  if (!calibration_file.empty()) {
    auto c = biometrics::Calibration::FromCsv(calibration_file);
    if (!c.ok()) return Fail(Status::InvalidArgument(c.status().message(), "--calibration"));
    calibration = std::move(*c);
  }
  std::ofstream scores;
  if (!scores_file.empty()) {
    scores.open(scores_file);
    if (!scores) return Fail(Status::InvalidArgument("cannot write " + scores_file, "--scores"));
    scores << "db,a,b,score\n";
  }
  if (!calibration) {
    if (Status calibrated = biometrics::Calibration::DefaultStatus(); !calibrated.ok()) return Fail(calibrated);
  }
  biometrics::EvaluationOptions options;
  options.threads = HardwareThreads();
  options.scores_csv = scores_file.empty() ? nullptr : &scores;
  options.correct_geometry = args.correct_geometry;
  options.skip_invalid = args.skip_invalid;
  options.baseline = baseline ? &*baseline : nullptr;
  // An evaluation compares every ordered pair of each database (a held-out set of 800 templates a
  // database takes about ten seconds each on 2 cores): say where it stands.
  if (args.progress || isatty(STDERR_FILENO) != 0) {
    options.on_progress = [start = std::chrono::steady_clock::now()](const biometrics::DatabaseProgress& p) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr, "fp eval: %s %s (%zu templates; database %zu of %zu) at %.1f s\n", p.name.c_str(),
                   p.done ? "measured" : "comparing", p.templates, p.index, p.databases, seconds);
    };
  }
  auto r = biometrics::EvaluateDirectory(dir, calibration ? *calibration : biometrics::Calibration::Default(), options);
  if (!r.ok()) return Fail(r.status());
  TemplateWarnings warnings;
  for (const std::string& w : r->template_warnings) warnings.Add(w);
  std::cout << (g.json ? biometrics::EvaluationToJson(*r) + "\n" : biometrics::EvaluationToText(*r));
  return 0;
}

int RunFpIdentify(const GlobalOptions& g, const FpIdentifyArgs& args) {
  const std::string& gallery_dir = args.gallery;
  const std::vector<std::string>& probe_files = args.probes;
  const int top = args.top;
  const double preselect = args.preselect, threshold = args.threshold;
  const bool progress = args.progress, gpu = args.gpu;
  if (!(preselect > 0 && preselect <= 1)) {  // NaN fails too
    return Fail(Status::InvalidArgument("must be in (0, 1]", "--preselect"));
  }
  if (gpu && preselect < 1) {
    return Fail(Status::InvalidArgument("the GPU runs exhaustive scans: leave out --preselect", "--gpu"));
  }
  if (Status calibrated = biometrics::Calibration::DefaultStatus(); !calibrated.ok()) return Fail(calibrated);
#ifndef OPENPACT_HAVE_CUDA
  if (gpu) {
    return Fail(Status::InvalidArgument("this openpact was built without CUDA: build it with `make gpu` (needs nvcc)",
                                        "--gpu"));
  }
#endif
  if (!(threshold > 0) || !std::isfinite(threshold)) {
    return Fail(Status::InvalidArgument("must be a positive number (a search score: -10 log10 FPIR)", "--threshold"));
  }
  namespace fs = std::filesystem;
  if (top < 1) return Fail(Status::InvalidArgument("must be at least 1", "--top"));
  if (!fs::is_directory(gallery_dir)) return Fail(Status::InvalidArgument("not a directory: " + gallery_dir, "--gallery"));
  std::vector<biometrics::FingerprintTemplate> probes;
  TemplateWarnings warnings;
  for (const std::string& file : probe_files) {
    auto probe = biometrics::ReadTemplateFile(file);
    if (!probe.ok()) return Fail(TemplateFileError(probe.status(), "--probe"));
    warnings.Add(file, *probe);
    probes.push_back(std::move(*probe));
  }
  const std::vector<fs::path> files = TemplateFiles(gallery_dir);
  const FileProgress report("identify", files.size(), progress);
  SourceTally sources;
  const size_t step = report.step();
  // Read every file first (a bad one stops the command before any work), then prepare the
  // records on all threads.
  std::vector<std::pair<std::string, biometrics::FingerprintTemplate>> records;
  size_t skipped = 0;
  for (size_t n = 0; n < files.size(); ++n) {
    const fs::path& f = files[n];
    report.Say("read", n + 1, files.size());
    // The probes themselves are not candidates.
    if (std::any_of(probe_files.begin(), probe_files.end(), [&](const std::string& p) { return fs::equivalent(f, p); })) {
      continue;
    }
    auto t = biometrics::ReadTemplateFile(f.string());
    if (!t.ok() && args.skip_invalid) {
      warnings.Add("skipped (--skip-invalid): " + t.status().message());
      ++skipped;
      continue;
    }
    if (!t.ok()) return Fail(TemplateFileError(t.status(), "--gallery"));
    warnings.Add(f.string(), *t);
    sources.Add(fs::relative(f.parent_path(), gallery_dir).string(), *t);
    records.emplace_back(fs::relative(f, gallery_dir).replace_extension().string(), std::move(*t));
  }
  biometrics::Gallery gallery;
  for (size_t first = 0; first < records.size(); first += step) {
    const size_t last = std::min(records.size(), first + step);
    const std::vector<std::pair<std::string, biometrics::FingerprintTemplate>> chunk(
        std::make_move_iterator(records.begin() + static_cast<long>(first)),
        std::make_move_iterator(records.begin() + static_cast<long>(last)));
    if (Status added = gallery.AddBatch(chunk, HardwareThreads()); !added.ok()) return Fail(added);
    report.Say("prepared", last, records.size());
  }
  records.clear();
  sources.WarnOfSuspects("fp identify");
  if (skipped > 0) {
    std::fprintf(stderr, "fp identify: %zu gallery template(s) that do not parse were left out; the candidates are "
                 "among the other %zu records\n", skipped, gallery.records());
  }
  if (gallery.records() == 0) {
    // Not an error (a registry starts empty), but an answer without candidates should say why.
    std::fprintf(stderr, "fp identify: the gallery %s holds no .iso template besides the probes\n", gallery_dir.c_str());
  }
#ifdef OPENPACT_HAVE_CUDA
  if (gpu) {
    // No usable GPU is the machine's state, not bad input: exit 1, the cause named.
    auto accelerator = biometrics::GpuScanAccelerator::Create();
    if (!accelerator.ok()) return Fail(accelerator.status().WithContext("--gpu"));
    if (Status used = gallery.UseAccelerator(std::move(*accelerator), HardwareThreads()); !used.ok()) {
      return Fail(used.WithContext("--gpu"));
    }
  }
#endif
  if (report.on()) std::fprintf(stderr, "fp identify: searching %zu probe(s) over %zu records\n", probes.size(), gallery.records());
  biometrics::SearchOptions options;
  options.top = static_cast<size_t>(top);
  options.threads = HardwareThreads();
  options.preselect_fraction = preselect;
  biometrics::SearchStats stats;
  const auto results = gallery.SearchBatch(probes, options, biometrics::Calibration::Default(), &stats);
  if (!stats.accelerator_error.empty()) {
    // The CPU answered instead: the same candidates, only slower.
    std::fprintf(stderr, "fp identify: the GPU failed, the CPU answered: %s\n", stats.accelerator_error.c_str());
  }
  if (g.json) {
    // One probe: its object; several: an array of them, in the order given.
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (size_t p = 0; p < probes.size(); ++p) {
      nlohmann::ordered_json out = {{"probe", probe_files[p]}, {"gallery_records", gallery.records()},
                                    {"gallery_skipped", skipped}, {"threshold", threshold},
                                    {"threshold_applies_to", "search_score"}};
      if (gpu) out["scan"] = stats.accelerated ? "gpu" : "cpu";
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      const auto& candidates = results[p];
      for (size_t i = 0; i < candidates.size(); ++i) {
        // A hit is decided on the search's scale (FPIR), not one comparison's: a gallery of N
        // records gives N chances at a false one.
        list.push_back({{"rank", i + 1}, {"id", candidates[i].id}, {"score", candidates[i].score},
                        {"search_score", candidates[i].search_score},
                        {"hit", candidates[i].search_score >= threshold},
                        {"fingers_matched", candidates[i].fingers_matched},
                        {"fingers", FingersJson(candidates[i].fingers)}});
      }
      out["candidates"] = list;
      all.push_back(std::move(out));
    }
    std::cout << (all.size() == 1 ? all[0] : all).dump(2) << "\n";
  } else {
    for (size_t p = 0; p < probes.size(); ++p) {
      if (probes.size() > 1) std::printf("%sprobe %s\n", p > 0 ? "\n" : "", probe_files[p].c_str());
      const auto& candidates = results[p];
      std::printf("%4s  %-24s %8s %13s\n", "rank", "id", "score", "search score");
      for (size_t i = 0; i < candidates.size(); ++i) {
        std::printf("%4zu  %-24s %8.2f %13.2f%s\n", i + 1, candidates[i].id.c_str(), candidates[i].score,
                    candidates[i].search_score,
                    candidates[i].search_score >= threshold ? "  hit" : "");
      }
    }
  }
  return 0;
}

int RunFpGeometry(const GlobalOptions& g, const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) return Fail(Status::InvalidArgument("not a directory: " + dir, "DIR"));
  const std::vector<fs::path> files = TemplateFiles(dir);
  const FileProgress report("geometry", files.size(), false);
  SourceTally sources;
  TemplateWarnings warnings;
  for (size_t n = 0; n < files.size(); ++n) {
    const fs::path& f = files[n];
    report.Say("read", n + 1, files.size());
    auto t = biometrics::ReadTemplateFile(f.string());
    if (!t.ok()) return Fail(TemplateFileError(t.status(), "DIR"));
    warnings.Add(f.string(), *t);
    sources.Add(fs::relative(f.parent_path(), dir).string(), *t);
  }
  if (files.empty()) return Fail(Status::InvalidArgument("no .iso templates in " + dir + " or its sub-folders", "DIR"));
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  if (!g.json) {
    std::printf("%-16s %-9s %-9s %-9s %8s %8s %7s %8s  %s\n", "folder", "equipment", "image", "px/cm", "records",
                "measured", "aspect", "stretch", "verdict");
  }
  for (const auto& [key, tally] : sources.sources()) {
    const biometrics::SourceGeometry geometry = biometrics::GeometryFromAspects(tally.aspects);
    const char* verdict = geometry.suspect ? "suspect: an axis looks squeezed"
                          : geometry.templates < biometrics::kMinGeometryTemplates ? "too few to tell"
                                                                                   : "plausible";
    if (g.json) {
      all.push_back({{"folder", key.folder}, {"capture_equipment", key.equipment}, {"width", key.width}, {"height", key.height},
                     {"res_x", key.res_x}, {"res_y", key.res_y}, {"records", tally.records},
                     {"views_measured", geometry.templates},
                     {"median_aspect", geometry.templates > 0 ? nlohmann::ordered_json(geometry.median_aspect) : nullptr},
                     {"x_scale", geometry.templates > 0 ? nlohmann::ordered_json(geometry.x_scale) : nullptr},
                     {"suspect", geometry.suspect}});
      continue;
    }
    const std::string image = std::to_string(key.width) + "x" + std::to_string(key.height);
    const std::string ppcm = std::to_string(key.res_x) + "x" + std::to_string(key.res_y);
    char aspect[16] = "-", stretch[16] = "-";
    if (geometry.templates > 0) {
      std::snprintf(aspect, sizeof aspect, "%.2f", geometry.median_aspect);
      std::snprintf(stretch, sizeof stretch, "%.2f", geometry.x_scale);
    }
    std::printf("%-16s 0x%04x    %-9s %-9s %8zu %8d %7s %8s  %s\n", key.folder.c_str(), key.equipment, image.c_str(),
                ppcm.c_str(), tally.records, geometry.templates, aspect, stretch, verdict);
  }
  if (g.json) {
    std::cout << all.dump(2) << "\n";
  } else {
    std::printf("aspect: median sd(x) / sd(y) of the minutiae over views of 10 or more (fingertips: about %.2f);\n"
                "stretch: the x factor that would bring it there; suspect beyond a factor %.1f with %d views or more\n"
                "(templates extracted from resized images; docs/biometrics.md, Source geometry)\n",
                biometrics::kReferenceMinutiaeAspect, biometrics::kGeometryTolerance, biometrics::kMinGeometryTemplates);
  }
  return 0;
}

int RunFpCalibrate(const GlobalOptions& g, int templates, unsigned long long seed, const std::string& population,
                   int flow_archetypes, const std::string& out) {
  if (population != "related" && population != "independent") {
    return Fail(Status::InvalidArgument("must be related or independent, not '" + population + "'", "--population"));
  }
  auto fit = biometrics::FitCalibration(templates, seed, HardwareThreads(),
                                        population == "related" ? biometrics::CalibrationPopulation::kRelated
                                                                : biometrics::CalibrationPopulation::kIndependent,
                                        flow_archetypes);
  if (!fit.ok()) return Fail(fit.status());
  if (!out.empty()) {
    std::ofstream f(out, std::ios::trunc);
    f << fit->csv;
    if (!f) return Fail(Status::InvalidArgument("cannot write " + out, "--out"));
    std::cerr << "fitted on " << fit->pairs << " synthetic impostor pairs; wrote " << out << "\n";
  } else {
    std::cout << fit->csv;
  }
  return 0;
}

int RunSynthFingerprints(const GlobalOptions& g, int fingers, int impressions, const std::string& out,
                         unsigned long long seed) {
  Status s = biometrics::WriteSyntheticSet(out, fingers, impressions, seed);
  if (!s.ok()) return Fail(s);
  std::cerr << "wrote " << fingers * impressions << " SYNTHETIC templates (" << fingers << " fingers x " << impressions
            << " impressions, seed " << seed << ") to " << out << "\n";
  return 0;
}

}  // namespace openpact::cli
