// What-if simulation throughput (issue target: 1,000,000 simulated applicants in under 10 s on
// 2 cores). The scenario is generated here: 15 Member States x 12 nationalities x 6 months
// (July-December 2026), 4 arrival contexts, 1,000,000 applicants in all.
// Run: build/release/bench/openpact_bench --benchmark_filter=Simulate
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>

#include "stats/stats.h"

namespace openpact::stats {
namespace {

std::string WriteScenario(long long total) {
  const char* ms[] = {"ITA", "GRC", "ESP", "DEU", "FRA", "POL", "HUN", "AUT", "NLD", "BEL", "CYP", "MLT", "BGR", "HRV", "ROU"};
  const char* nat[] = {"MAR", "AFG", "SYR", "PAK", "BGD", "TUN", "EGY", "GEO", "TUR", "COL", "IRQ", "ERI"};
  const char* ctx[] = {"sar_disembarkation", "apprehended_irregular_crossing", "border_crossing_point", "in_territory"};
  const std::string path = (std::filesystem::temp_directory_path() / "openpact-bench-arrivals.csv").string();
  std::ofstream out(path);
  out << "month,member_state,nationality,arrivals,context\n";
  const long long cells = 6 * 15 * 12;
  long long written = 0, cell = 0;
  for (int m = 7; m <= 12; ++m) {
    for (const char* s : ms) {
      for (const char* n : nat) {
        const long long count = total / cells + (cell < total % cells ? 1 : 0);
        out << "2026-" << (m < 10 ? "0" : "") << m << "," << s << "," << n << "," << count << "," << ctx[cell % 4] << "\n";
        written += count;
        ++cell;
      }
    }
  }
  return path;
}

void BM_Simulate(benchmark::State& state) {
  static const rules::RulesData* rules = new rules::RulesData(std::move(*rules::RulesData::Load(OPENPACT_DATA_DIR)));
  static const solidarity::ReferenceData* ref =
      new solidarity::ReferenceData(std::move(*solidarity::ReferenceData::Load(OPENPACT_DATA_DIR, rules->countries)));
  const std::string path = WriteScenario(state.range(0));
  SimulationOptions o;
  for (auto _ : state) {
    auto r = Simulate(path, *rules, *ref, o);
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  std::filesystem::remove(path);
}
BENCHMARK(BM_Simulate)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace openpact::stats
