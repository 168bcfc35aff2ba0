// Fingerprint engine speed on synthetic templates:
//   BM_Compare        1:1 comparisons of prepared templates (1 and 2 threads)
//   BM_PrepareProbe   probe preparation (local structures)
//   BM_PrepareGalleryFinger  a stored finger's local structures, rebuilt per comparison in a scan
//   BM_TripletKeys/W  a finger's pre-selection keys: as stored (W = 0, computed for every finger
//                     a pre-selecting gallery or registry loads) and as a probe looks them up (1)
//   BM_Identify/N     one 1:N search (exhaustive, all threads) over N synthetic records;
//                     counters: comparisons/s and bytes per template in memory
//   BM_IdentifyPreselected/N/permille  recall of the exhaustive rank-1 and search time with the
//                     triplet-index pre-selection
// A million records: the harness bench/identify_scale.cc (openpact_identify_bench).
// Run: build/release/bench/openpact_bench --benchmark_filter='Compare|Prepare|Identify'
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "biometrics/identify.h"
#include "biometrics/synthetic.h"
#include "biometrics/triplet_index.h"
#include "core/parallel.h"

namespace openpact::biometrics {
namespace {

const std::vector<PreparedFinger>& Pool() {
  static const std::vector<PreparedFinger>* pool = [] {
    auto* v = new std::vector<PreparedFinger>;
    for (uint64_t i = 0; i < 512; ++i) {
      v->push_back(PreparedFinger::FromView(MakeImpression(MakeMasterFinger(i / 2), i).views[0]));
      v->back().BuildIndex();
    }
    return v;
  }();
  return *pool;
}

void BM_Compare(benchmark::State& state) {
  const auto& pool = Pool();
  Matcher m;
  size_t i = static_cast<size_t>(state.thread_index()) * 7919;
  for (auto _ : state) {
    const double s = m.Score(pool[i % pool.size()], pool[(i * 31 + 1) % pool.size()]);
    benchmark::DoNotOptimize(s);
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Compare)->Threads(1)->Threads(2)->UseRealTime();

void BM_PrepareProbe(benchmark::State& state) {
  const FingerprintTemplate t = MakeImpression(MakeMasterFinger(3), 3);
  for (auto _ : state) {
    PreparedFinger p = PreparedFinger::FromView(t.views[0]);
    p.BuildIndex();
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_PrepareProbe)->Unit(benchmark::kMicrosecond);

// What a gallery scan does before each comparison: a stored finger's local structures rebuilt
// from its minutiae, into reused storage.
void BM_PrepareGalleryFinger(benchmark::State& state) {
  std::vector<FingerprintTemplate> fingers;
  for (uint64_t i = 0; i < 64; ++i) fingers.push_back(MakeImpression(MakeMasterFinger(i), i));
  double minutiae = 0;
  for (const auto& f : fingers) minutiae += static_cast<double>(f.views[0].minutiae.size());
  PreparedFinger p;
  size_t i = 0;
  for (auto _ : state) {
    PreparedFinger::FromMinutiae(fingers[i++ % fingers.size()].views[0].minutiae, &p);
    benchmark::DoNotOptimize(p.minutiae.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["minutiae"] = minutiae / static_cast<double>(fingers.size());
}
BENCHMARK(BM_PrepareGalleryFinger)->Unit(benchmark::kMicrosecond);

void BM_TripletKeys(benchmark::State& state) {
  const bool widened = state.range(0) != 0;
  std::vector<PreparedFinger> fingers;
  for (uint64_t i = 0; i < 64; ++i)
    fingers.push_back(PreparedFinger::FromView(MakeImpression(MakeMasterFinger(i), i).views[0]));
  size_t i = 0, keys = 0;
  for (auto _ : state) {
    const std::vector<uint32_t> k = TripletKeys(fingers[i++ % fingers.size()], widened);
    keys += k.size();
    benchmark::DoNotOptimize(k.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["keys"] = static_cast<double>(keys) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_TripletKeys)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_Identify(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  Gallery gallery;
  for (size_t i = 0; i < n; ++i) {
    if (!gallery.Add(std::to_string(i), MakeImpression(MakeMasterFinger(i), i * 2 + 1)).ok()) std::abort();
  }
  gallery.Compact();
  const FingerprintTemplate probe = MakeImpression(MakeMasterFinger(n / 2), 999999);
  const int threads = HardwareThreads();
  for (auto _ : state) {
    auto c = gallery.Search(probe, 10, threads);
    benchmark::DoNotOptimize(c);
  }
  state.counters["comparisons_per_s"] =
      benchmark::Counter(static_cast<double>(n) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["bytes_per_template"] = static_cast<double>(gallery.MemoryBytes()) / n;
}
BENCHMARK(BM_Identify)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace
}  // namespace openpact::biometrics

namespace openpact::biometrics {
namespace {

// Pre-selection: the share of probes whose exhaustive rank-1 record survives the pre-selection
// (recall against the exhaustive scan), and the time of a pre-selected search. Gallery: N synthetic
// fingers (one impression each); probes: 100 other impressions of gallery fingers.
void BM_IdentifyPreselected(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const double fraction = state.range(1) / 1000.0;
  Gallery gallery;
  for (size_t i = 0; i < n; ++i) {
    if (!gallery.Add(std::to_string(i), MakeImpression(MakeMasterFinger(i), i * 2 + 1)).ok()) std::abort();
  }
  const int threads = HardwareThreads();
  std::vector<FingerprintTemplate> probes;
  for (size_t k = 0; k < 100; ++k) probes.push_back(MakeImpression(MakeMasterFinger(k * (n / 100)), 7777777 + k));
  int kept = 0;
  for (const auto& p : probes) {
    SearchOptions all;
    all.top = 1;
    all.threads = threads;
    SearchOptions pre = all;
    pre.preselect_fraction = fraction;
    kept += gallery.Search(p, all)[0].id == gallery.Search(p, pre)[0].id;
  }
  SearchOptions pre;
  pre.top = 10;
  pre.threads = threads;
  pre.preselect_fraction = fraction;
  size_t k = 0;
  for (auto _ : state) {
    auto c = gallery.Search(probes[k++ % probes.size()], pre);
    benchmark::DoNotOptimize(c);
  }
  state.counters["recall_of_exhaustive_rank1"] = kept / 100.0;
  state.counters["fraction_scored"] = fraction;
}
BENCHMARK(BM_IdentifyPreselected)
    ->Args({10'000, 100})
    ->Args({10'000, 20})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(10)
    ->UseRealTime();

}  // namespace
}  // namespace openpact::biometrics
