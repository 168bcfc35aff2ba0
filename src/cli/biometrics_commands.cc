// `openpact fp ...` and `openpact synth fingerprints`: the fingerprint engine from the command
// line. These read only the template files named on the command line.
#include <fstream>
#include <iostream>
#include <thread>

#include "biometrics/evaluation.h"
#include "biometrics/synthetic.h"
#include "cli/commands.h"

namespace openpact::cli {
namespace {

int Threads() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace

int RunFpMatch(const GlobalOptions& g, const std::string& a, const std::string& b) {
  auto ta = biometrics::ReadTemplateFile(a);
  if (!ta.ok()) return Fail(Status::InvalidArgument(ta.status().message(), ta.status().field().empty() ? a : ta.status().field()));
  auto tb = biometrics::ReadTemplateFile(b);
  if (!tb.ok()) return Fail(Status::InvalidArgument(tb.status().message(), tb.status().field().empty() ? b : tb.status().field()));
  biometrics::Matcher m;
  const auto pa = biometrics::PreparedFinger::FromView(ta->views[0]);
  const auto pb = biometrics::PreparedFinger::FromView(tb->views[0]);
  const double score = std::max(m.Score(pa, pb), m.Score(pb, pa));
  if (g.json) {
    std::cout << "{\"score\": " << score << ", \"threshold\": " << biometrics::kDefaultThreshold
              << ", \"match\": " << (score >= biometrics::kDefaultThreshold ? "true" : "false") << "}\n";
  } else {
    std::cout << score << "\n";
  }
  return 0;
}

int RunFpEval(const GlobalOptions& g, const std::string& dir, const std::string& scores_file) {
  std::ofstream scores;
  if (!scores_file.empty()) {
    scores.open(scores_file);
    if (!scores) return Fail(Status::InvalidArgument("cannot write " + scores_file, "--scores"));
    scores << "db,a,b,score\n";
  }
  auto r = biometrics::EvaluateDirectory(dir, biometrics::Calibration::Default(), scores_file.empty() ? nullptr : &scores,
                                         Threads());
  if (!r.ok()) return Fail(r.status());
  std::cout << (g.json ? biometrics::EvaluationToJson(*r) + "\n" : biometrics::EvaluationToText(*r));
  return 0;
}

int RunFpCalibrate(const GlobalOptions& g, int templates, unsigned long long seed, const std::string& out) {
  auto fit = biometrics::FitCalibration(templates, seed, Threads());
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
