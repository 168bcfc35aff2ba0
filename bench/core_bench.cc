// Micro-benchmarks of the foundation: time-limit arithmetic, audit appends and token checks.
// Run: make bench (or build/release/bench/openpact_bench).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "audit/audit.h"
#include "core/crypto.h"
#include "core/time_limits.h"
#include "store/store.h"

namespace openpact {
namespace {

const HolidayCalendar& Calendar() {
  static const HolidayCalendar cal =
      *HolidayCalendar::Load(std::string(OPENPACT_DATA_DIR) + "/holidays/public_holidays.csv");
  return cal;
}

void BM_TimeLimitWorkingDays(benchmark::State& state) {
  const Date event = *Date::Parse("2026-12-23");
  const Period p = *Period::Parse("7 working_days");
  for (auto _ : state) {
    auto r = ComputeTimeLimit(event, p, "ITA", Calendar(), ComputationRule::kApr73);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_TimeLimitWorkingDays);

void BM_TimeLimitMonths(benchmark::State& state) {
  const Date event = *Date::Parse("2026-01-31");
  const Period p = *Period::Parse("2 months");
  for (auto _ : state) {
    auto r = ComputeTimeLimit(event, p, "DEU", Calendar(), ComputationRule::kAmmr75);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_TimeLimitMonths);

void BM_AuditAppendSqlite(benchmark::State& state) {
  (void)crypto::Init();
  const std::string dir = std::filesystem::temp_directory_path() / "openpact-bench-audit";
  std::filesystem::remove_all(dir);
  auto store = std::move(*store::Store::Open(dir + "/bench.db"));
  (void)store->Migrate();
  auto key = *audit::SigningKey::LoadOrCreate(dir + "/key");
  audit::AuditLog log(store.get(), &key);
  for (auto _ : state) {
    auto e = log.Append({"bench", "registry_operator", "registry.enrol", "record:1", "bench", "ok"});
    benchmark::DoNotOptimize(e);
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_AuditAppendSqlite)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace openpact
