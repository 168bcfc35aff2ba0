// The Eurodac registry at scale, on synthetic persons (a harness printing figures).
//
//   build/release/bench/openpact_registry_bench --records 10000 --fingers 10 --probes 20
//
// Stores N synthetic records (resettlement_admitted: stored without a comparison of their own,
// so the store fills in one pass) in a fresh SQLite store, then measures:
// - loading the resident index a server keeps (RegistryIndex::Load): time and memory;
// - P comparisons of an apprehended person (irregular_crosser, another capture of a stored
//   person's fingers, spread over the registry) against it, as `registry search` over the API
//   runs them: mean and worst latency, and how many find their stored record as a hit;
// - one comparison as the CLI runs it (the index loaded for the one command).
// --preselect S (0 < S <= 1) has the full matcher score only the share S of eligible records
// that the triplet index ranks best (1: exhaustive, the default).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "bench_util.h"
#include "core/parallel.h"
#include "registry/registry.h"
#include "rules/procedure.h"
#include "store/store.h"

namespace {

using namespace openpact;
using bench::Now;
using bench::RssKiB;

int Usage() {
  std::fprintf(stderr, "usage: openpact_registry_bench [--records N] [--fingers F] [--probes P] [--preselect S] [--db PATH]\n");
  return 2;
}

[[noreturn]] void Die(const Status& s) {
  std::fprintf(stderr, "openpact_registry_bench: %s\n", s.ToString().c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  long records = 10000, fingers = 10, probes = 20;
  double preselect = 1.0;
  std::string db = "/tmp/openpact_registry_bench.db";
  for (int i = 1; i < argc; ++i) {
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (!std::strcmp(argv[i], "--records") && (v = value())) records = std::atol(v);
    else if (!std::strcmp(argv[i], "--fingers") && (v = value())) fingers = std::atol(v);
    else if (!std::strcmp(argv[i], "--probes") && (v = value())) probes = std::atol(v);
    else if (!std::strcmp(argv[i], "--preselect") && (v = value())) preselect = std::atof(v);
    else if (!std::strcmp(argv[i], "--db") && (v = value())) db = v;
    else return Usage();
  }
  if (records < 1 || fingers < 1 || fingers > 10 || probes < 1 || probes > records || !(preselect > 0 && preselect <= 1)) {
    return Usage();
  }
  auto rules = rules::RulesData::Load(OPENPACT_DATA_DIR);
  if (!rules.ok()) Die(rules.status());
  std::remove(db.c_str());
  std::remove((db + "-wal").c_str());
  std::remove((db + "-shm").c_str());
  auto opened = store::Store::Open(db);
  if (!opened.ok()) Die(opened.status());
  store::Store* store = opened->get();
  if (Status s = store->Migrate(); !s.ok()) Die(s);

  // Fill: one transaction, records of persons 1..N, capture 1.
  double t0 = Now();
  {
    registry::Registry fill(store, &*rules);
    auto tx = store::Transaction::Begin(store);
    if (!tx.ok()) Die(tx.status());
    for (long p = 1; p <= records; ++p) {
      registry::SyntheticRecordSpec spec;
      spec.category = "resettlement_admitted";
      spec.member_state = p % 2 ? "ITA" : "ESP";
      spec.person = static_cast<uint64_t>(p);
      spec.fingers = static_cast<int>(fingers);
      auto record = registry::ParseRecord(registry::SyntheticRecordJson(spec), *rules);
      if (!record.ok()) Die(record.status());
      auto answer = fill.Enrol(*record, true, *Date::Parse("2026-07-03"), "bench");
      if (!answer.ok()) Die(answer.status());
      if (p % 10000 == 0) std::fprintf(stderr, "stored %ld of %ld\n", p, records);
    }
    if (Status s = tx->Commit(); !s.ok()) Die(s);
  }
  std::printf("stored %ld synthetic records of %ld fingers in %.1f s\n", records, fingers, Now() - t0);

  const long rss0 = RssKiB();
  t0 = Now();
  auto index = registry::RegistryIndex::Load(store, HardwareThreads(), registry::RegistryIndex::kDefaultPageRecords,
                                             /*preselection=*/preselect < 1);
  if (!index.ok()) Die(index.status());
  if (preselect < 1) (*index)->BuildPreselection();  // as a pre-selecting server does at start
  const double load_s = Now() - t0;
  // The gallery's size includes the pre-selection index's fixed tables (tens of MiB per finger
  // position), which a small registry does not amortise.
  std::printf("resident index: %zu records loaded in %.2f s on %d threads; gallery %.0f MiB, RSS +%.0f MiB\n",
              (*index)->records(), load_s, HardwareThreads(), static_cast<double>((*index)->MemoryBytes()) / (1 << 20),
              static_cast<double>(RssKiB() - rss0) / 1024.0);

  // Comparisons: persons spread over the registry, fingers captured again, from GRC.
  std::vector<registry::Record> queries;
  for (long k = 0; k < probes; ++k) {
    registry::SyntheticRecordSpec spec;
    spec.category = "irregular_crosser";
    spec.member_state = "GRC";
    spec.person = static_cast<uint64_t>(1 + k * (records / probes));
    spec.capture = 2;
    spec.fingers = static_cast<int>(fingers);
    auto record = registry::ParseRecord(registry::SyntheticRecordJson(spec), *rules);
    if (!record.ok()) Die(record.status());
    queries.push_back(std::move(*record));
  }
  registry::Registry resident(store, &*rules, index->get());
  resident.set_preselect_fraction(preselect);
  double total = 0, worst = 0;
  int found = 0;
  for (const registry::Record& q : queries) {
    t0 = Now();
    auto answer = resident.Enrol(q, false, *Date::Parse("2026-07-03"), "bench", HardwareThreads());
    const double s = Now() - t0;
    if (!answer.ok()) Die(answer.status());
    total += s;
    worst = std::max(worst, s);
    const auto j = nlohmann::json::parse(*answer);
    found += !j["hits"].empty();
  }
  std::printf("comparisons (resident index, %s): %ld, mean %.3f s, worst %.3f s; stored person found as a hit: %d of %ld\n",
              preselect < 1 ? ("pre-selected share " + std::to_string(preselect)).c_str() : "exhaustive", probes,
              total / static_cast<double>(probes), worst, found, probes);

  // Enrolments one after another, as a server takes them: each compares, stores, and adds its
  // record to the resident index (a pre-selected comparison after it merges the addition into
  // the pre-selection index first).
  total = worst = 0;
  const long enrols = 5;
  for (long k = 0; k < enrols; ++k) {
    registry::SyntheticRecordSpec spec;
    spec.category = "irregular_crosser";
    spec.member_state = "GRC";
    spec.person = static_cast<uint64_t>(records + 1 + k);
    spec.fingers = static_cast<int>(fingers);
    auto record = registry::ParseRecord(registry::SyntheticRecordJson(spec), *rules);
    if (!record.ok()) Die(record.status());
    t0 = Now();
    auto tx = store::Transaction::Begin(store);
    if (!tx.ok()) Die(tx.status());
    auto answer = resident.Enrol(*record, true, *Date::Parse("2026-07-03"), "bench", HardwareThreads());
    if (!answer.ok()) Die(answer.status());
    if (Status st = tx->Commit(); !st.ok()) Die(st);
    resident.Committed();
    const double s = Now() - t0;
    total += s;
    worst = std::max(worst, s);
  }
  std::printf("enrolments (resident index, compared and stored): %ld, mean %.3f s, worst %.3f s; index now %zu records\n",
              enrols, total / static_cast<double>(enrols), worst, (*index)->records());

  registry::Registry cli(store, &*rules);
  cli.set_preselect_fraction(preselect);
  t0 = Now();
  auto answer = cli.Enrol(queries[0], false, *Date::Parse("2026-07-03"), "bench", HardwareThreads());
  if (!answer.ok()) Die(answer.status());
  std::printf("one comparison as the CLI runs it (the index loaded for it): %.2f s\n", Now() - t0);
  return 0;
}
