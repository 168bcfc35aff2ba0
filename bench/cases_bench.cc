// What a Dublin unit's daily reads cost as its store grows: the work list (each open file's newest
// case decided again on the day, AMMR Arts. 39-46) and the report with its time limits passed
// (every file decided on the period's last day), on N synthetic files in a SQLite store.
//   BM_ResponsibilityWorkList/N   `responsibility-file list --member-state DEU --limit 500` (the most a
//                                 list holds: of 1,000 files the 500 nearest are decided)
//   BM_ResponsibilityReport/N     `responsibility-file report --member-state DEU --from --to`
// Run: build/release/bench/openpact_bench --benchmark_filter='Responsibility(WorkList|Report)'
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "cases/responsibility_files.h"
#include "rules/procedure.h"
#include "store/store.h"

namespace openpact::cases {
namespace {

const rules::RulesData& Data() {
  static const rules::RulesData* d = new rules::RulesData(std::move(*rules::RulesData::Load(OPENPACT_DATA_DIR)));
  return *d;
}

// SYNTHETIC case i of Germany's: registered over two months; a spouse in France (Art. 26), a visa
// of Spain (Art. 29) or an irregular crossing into Italy (Art. 33); some requests sent, some
// replied to and transferred, so the decisions run through the procedure's stages.
std::string SyntheticCase(int i) {
  const int day = 1 + i % 28;
  const std::string registered = std::string("2026-0") + (i % 2 ? "8" : "9") + "-" + (day < 10 ? "0" : "") +
                                 std::to_string(day);
  static const char* kFacts[] = {
      R"("family":[{"relation":"spouse","member_state":"FRA","status":"beneficiary","family_existed_in_country_of_origin":true,"wish_in_writing":true}])",
      R"("documents":[{"type":"visa","issued_by":"ESP","valid_from":"2026-06-01","valid_until":"2026-12-01"}])",
      R"("eurodac_hits":[{"category":"irregular_crosser","member_state":"ITA","date":"2026-07-01","hit_received_on":"2026-07-20"}])"};
  std::string c = R"({"decision_date":"2026-10-15","member_state":"DEU","registered_on":")" + registered +
                  R"(","applicant":{"nationality":"AFG","date_of_birth":"1990-01-01"},)" + kFacts[i % 3];
  if (i % 4 != 0) c += R"(,"take_charge_request_sent_on":"2026-10-01","personal_interview":{"held_on":"2026-09-30"})";
  if (i % 4 == 3) c += R"(,"accepted_on":"2026-10-10","reply_received_on":"2026-10-10")";
  return c + "}";
}

// A SQLite store in a fresh temporary folder holding `n` synthetic files.
struct Fixture {
  std::string dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<ResponsibilityFileStore> files;

  explicit Fixture(int n) {
    char pattern[] = "/tmp/openpact-bench-XXXXXX";
    dir = mkdtemp(pattern);
    store = std::move(*store::Store::Open(dir + "/bench.db"));
    if (!store->Migrate().ok()) std::abort();
    files = std::make_unique<ResponsibilityFileStore>(store.get(), &Data());
    for (int i = 0; i < n; ++i) {
      if (!files->Open(SyntheticCase(i), "bench").ok()) std::abort();
    }
  }
  ~Fixture() {
    files.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
};

void BM_ResponsibilityWorkList(benchmark::State& state) {
  Fixture f(static_cast<int>(state.range(0)));
  const Date at = *Date::Parse("2026-10-20");
  for (auto _ : state) {
    auto list = f.files->ListOpen("DEU", at, std::nullopt, 500);
    if (!list.ok()) state.SkipWithError(list.status().ToString().c_str());
    benchmark::DoNotOptimize(list);
  }
  state.SetItemsProcessed(state.iterations() * std::min<int64_t>(state.range(0), 500));  // files decided
}
BENCHMARK(BM_ResponsibilityWorkList)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_ResponsibilityReport(benchmark::State& state) {
  Fixture f(static_cast<int>(state.range(0)));
  const Date from = *Date::Parse("2026-08-01");
  const Date to = *Date::Parse("2026-11-30");
  for (auto _ : state) {
    auto report = f.files->Report("DEU", from, to);
    if (!report.ok()) state.SkipWithError(report.status().ToString().c_str());
    benchmark::DoNotOptimize(report);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ResponsibilityReport)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace openpact::cases
