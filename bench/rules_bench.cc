// Throughput of the procedure decision (issue target: >= 200,000 decisions per second on one core,
// batch mode, policy loaded once). Two figures:
//   BM_DecideProcedure        the engine on parsed cases (admissibility, acceleration, border,
//                             every deadline with holidays)
//   BM_DecideProcedureJsonl   what `openpact decide procedure --batch` does per line: parse and
//                             validate the JSON case, decide, serialise the answer
//   BM_DecideResponsibilityJsonl  the same for `openpact decide responsibility --batch`
// Run: build/release/bench/openpact_bench --benchmark_filter='Procedure|Responsibility'
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "rules/decisions.h"
#include "rules/procedure.h"

namespace openpact::rules {
namespace {

const RulesData& Data() {
  static const RulesData* d = new RulesData(std::move(*RulesData::Load(OPENPACT_DATA_DIR)));
  return *d;
}

// A mix of synthetic cases: in-territory and border, several nationalities and grounds.
std::vector<std::string> CaseTexts() {
  const char* nationalities[] = {"MAR", "AFG", "SYR", "PAK", "TUN", "GEO", "BGD", "TUR"};
  const char* contexts[] = {"in_territory", "border_crossing_point", "sar_disembarkation", "in_territory"};
  std::vector<std::string> out;
  for (int i = 0; i < 64; ++i) {
    out.push_back(std::string(R"({"decision_date":"2026-07-15","member_state":"ITA","applicant":{"nationality":")") +
                  nationalities[i % 8] + R"(","date_of_birth":"1995-03-02"},"application":{"made_on":"2026-07-10",)"
                  R"("registered_on":"2026-07-11","lodged_on":"2026-07-14","context":")" + contexts[i % 4] +
                  R"(","after_screening":true},"facts":{"misled_authorities":)" + (i % 5 == 0 ? "true" : "false") +
                  R"(},"capacity":{"adequate_capacity_reached":)" + (i % 7 == 0 ? "true" : "false") + "}}");
  }
  return out;
}

void BM_DecideProcedure(benchmark::State& state) {
  std::vector<ProcedureCase> cases;
  for (const std::string& t : CaseTexts()) cases.push_back(*ParseProcedureCase(t, Data().countries));
  size_t i = 0;
  for (auto _ : state) {
    auto d = DecideProcedure(cases[i++ % cases.size()], Data());
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideProcedure);

void BM_DecideProcedureJsonl(benchmark::State& state) {
  const std::vector<std::string> texts = CaseTexts();
  size_t i = 0;
  for (auto _ : state) {
    auto out = DecideDocument(DecisionKind::kProcedure, texts[i++ % texts.size()], Data(), std::nullopt, -1);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideProcedureJsonl);

// Responsibility cases that reach different criteria: family, visa, irregular entry with a hit,
// the residual rule.
std::vector<std::string> ResponsibilityCaseTexts() {
  const char* parts[] = {
      R"("family":[{"relation":"spouse","member_state":"FRA","status":"beneficiary","family_existed_in_country_of_origin":true,"wish_in_writing":true}])",
      R"("documents":[{"type":"visa","issued_by":"ESP","valid_from":"2026-06-01","valid_until":"2026-09-01"}])",
      R"("eurodac_hits":[{"category":"irregular_crosser","member_state":"ITA","date":"2026-07-01","hit_received_on":"2026-08-20"}])",
      R"("diplomas":[{"issued_by":"NLD","issued_on":"2019-06-30"}])"};
  std::vector<std::string> out;
  for (int i = 0; i < 64; ++i) {
    out.push_back(std::string(R"({"decision_date":"2026-09-01","member_state":"DEU","registered_on":"2026-08-20",)") +
                  R"("applicant":{"nationality":"AFG","date_of_birth":"1990-01-01"},)" + parts[i % 4] + "}");
  }
  return out;
}

void BM_DecideResponsibilityJsonl(benchmark::State& state) {
  const std::vector<std::string> texts = ResponsibilityCaseTexts();
  size_t i = 0;
  for (auto _ : state) {
    auto out = DecideDocument(DecisionKind::kResponsibility, texts[i++ % texts.size()], Data(), std::nullopt, -1);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideResponsibilityJsonl);

}  // namespace
}  // namespace openpact::rules
