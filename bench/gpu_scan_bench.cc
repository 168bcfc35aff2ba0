// Exhaustive 1:N scans on a CUDA GPU (a harness printing figures): a synthetic gallery of N
// fingers scanned in full by every probe with the full matcher (GpuGallery), timed, and checked
// against the CPU matcher on the same machine.
//
//   build/gpu/bench/openpact_gpu_scan_bench --gallery 1000000 --probes 100 --check 4
//
// Prints the gallery's build and upload, the GPU's comparisons per second (kernel time, and
// wall time with the probes' upload and the scores' download), the share of probes whose rank-1
// is the mate, and for the first C probes the CPU matcher's scores over the whole gallery
// (all host threads): how many of the N scores are bit-identical, the largest difference, and
// whether rank-1 and the top 10 agree. The gallery and probes are those of
// openpact_identify_bench (finger m's gallery impression seed 2m + 1, probe k the impression
// 7777777 + k of finger k * (N / P)).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <string>
#include <vector>

#include "biometrics/gpu_scan.h"
#include "biometrics/portable_export.h"
#include "biometrics/synthetic.h"
#include "core/parallel.h"

namespace {

using namespace openpact::biometrics;

double Now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

int Usage() {
  std::fprintf(stderr,
               "usage: openpact_gpu_scan_bench [--gallery N] [--probes P] [--check C] [--batch B] [--threads T]\n"
               "  defaults: N 1000000, P 100, C 4, B 25 (probes per kernel launch), T = hardware threads\n");
  return 2;
}

// The best k finger indexes by score (ties by index).
std::vector<uint32_t> Top(const double* scores, size_t n, size_t k) {
  std::vector<uint32_t> idx(n);
  std::iota(idx.begin(), idx.end(), 0u);
  auto better = [&](uint32_t a, uint32_t b) { return scores[a] != scores[b] ? scores[a] > scores[b] : a < b; };
  k = std::min(k, n);
  std::partial_sort(idx.begin(), idx.begin() + static_cast<long>(k), idx.end(), better);
  idx.resize(k);
  return idx;
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = 1000000, probes = 100, check = 4, batch = 25;
  int threads = openpact::HardwareThreads();
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return Usage();
    const char* v = argv[++i];
    if (a == "--gallery") n = std::strtoull(v, nullptr, 10);
    else if (a == "--probes") probes = std::strtoull(v, nullptr, 10);
    else if (a == "--check") check = std::strtoull(v, nullptr, 10);
    else if (a == "--batch") batch = std::strtoull(v, nullptr, 10);
    else if (a == "--threads") threads = std::atoi(v);
    else return Usage();
  }
  if (n < 100 || probes == 0 || probes > n || batch == 0 || threads < 1) return Usage();
  check = std::min(check, probes);
  auto device = GpuGallery::Device();
  if (!device.ok()) {
    std::fprintf(stderr, "%s\n", device.status().ToString().c_str());
    return 1;
  }
  std::printf("device: %s, %d multiprocessors, %.1f GiB\n", device->name.c_str(), device->multiprocessors,
              static_cast<double>(device->memory_bytes) / (1u << 30));

  // Gallery: synthetic fingers prepared on the host, converted to the port's minutiae.
  double t0 = Now();
  std::vector<std::vector<Minutia>> views(n);
  std::vector<std::vector<portable::Minutia>> ported(n);
  openpact::ParallelFor(n, threads, [&](int, size_t m) {
    views[m] = MakeImpression(MakeMasterFinger(m), m * 2 + 1).views[0].minutiae;
    if (!portable::AppendPortable(PreparedFinger::FromMinutiae(views[m]), &ported[m])) std::abort();  // <= 80 minutiae
  });
  std::vector<uint32_t> offsets(n + 1, 0);
  for (size_t m = 0; m < n; ++m) offsets[m + 1] = offsets[m] + static_cast<uint32_t>(ported[m].size());
  std::vector<portable::Minutia> all(offsets[n]);
  openpact::ParallelFor(n, threads, [&](int, size_t m) {
    std::copy(ported[m].begin(), ported[m].end(), all.begin() + offsets[m]);
    std::vector<portable::Minutia>().swap(ported[m]);
  });
  std::printf("gallery: %zu synthetic fingers, %u minutiae, built on %d host threads in %.1f s\n", n, offsets[n],
              threads, Now() - t0);
  t0 = Now();
  auto gallery = GpuGallery::Upload(all, offsets);
  if (!gallery.ok()) {
    std::fprintf(stderr, "%s\n", gallery.status().ToString().c_str());
    return 1;
  }
  std::printf("uploaded in %.2f s: %.0f bytes per finger on the GPU\n", Now() - t0,
              static_cast<double>((*gallery)->device_bytes()) / static_cast<double>(n));

  // Probes.
  std::vector<PreparedFinger> prepared(probes);
  std::vector<size_t> mate(probes);
  openpact::ParallelFor(probes, threads, [&](int, size_t k) {
    mate[k] = k * (n / probes);
    prepared[k] = PreparedFinger::FromView(MakeImpression(MakeMasterFinger(mate[k]), 7777777 + k).views[0]);
    prepared[k].BuildIndex();
  });

  // GPU scans, B probes per launch (the first launch also loads the kernel: timed apart).
  std::vector<double> gpu(probes * n);
  double kernel = 0, wall = 0, first_kernel = 0;
  for (size_t first = 0; first < probes; first += batch) {
    const size_t count = std::min(batch, probes - first);
    std::vector<double> scores;
    double seconds = 0;
    const double w0 = Now();
    if (auto s = (*gallery)->Score(std::span(prepared).subspan(first, count), &scores, &seconds); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 1;
    }
    const double w = Now() - w0;
    std::copy(scores.begin(), scores.end(), gpu.begin() + static_cast<long>(first * n));
    if (first == 0) first_kernel = seconds;
    kernel += seconds;
    wall += w;
    std::fprintf(stderr, "\rGPU: %zu / %zu probes", first + count, probes);
  }
  std::fprintf(stderr, "\n");
  const double comparisons = static_cast<double>(probes) * static_cast<double>(n);
  std::printf("GPU exhaustive scan: %zu probes x %zu fingers in %.3f s of kernel time (first launch %.3f s): "
              "%.0f comparisons/s; %.3f s per probe; with transfers %.0f comparisons/s\n",
              probes, n, kernel, first_kernel, comparisons / kernel, kernel / static_cast<double>(probes),
              comparisons / wall);
  size_t rank1_mate = 0;
  for (size_t k = 0; k < probes; ++k) rank1_mate += Top(&gpu[k * n], n, 1)[0] == mate[k];
  std::printf("rank-1 = mate: %zu / %zu probes\n", rank1_mate, probes);

  // The CPU matcher over the whole gallery for the first C probes (each gallery finger prepared
  // once for all of them).
  if (check > 0) {
    std::vector<double> cpu(check * n);
    t0 = Now();
    openpact::ParallelFor(n, threads, [&](int, size_t m) {
      thread_local Matcher matcher;
      const PreparedFinger f = PreparedFinger::FromMinutiae(views[m]);
      for (size_t k = 0; k < check; ++k) cpu[k * n + m] = matcher.RawScore(prepared[k], f);
    });
    const double cpu_seconds = Now() - t0;
    size_t identical = 0, rank1_same = 0, top10_same = 0;
    double max_diff = 0, max_calibrated_diff = 0;
    const Calibration& cal = Calibration::Default();
    for (size_t k = 0; k < check; ++k) {
      for (size_t m = 0; m < n; ++m) {
        const double a = gpu[k * n + m], b = cpu[k * n + m];
        identical += a == b;
        max_diff = std::max(max_diff, std::abs(a - b));
        if (a != b) max_calibrated_diff = std::max(max_calibrated_diff, std::abs(cal.Apply(a) - cal.Apply(b)));
      }
      rank1_same += Top(&gpu[k * n], n, 1) == Top(&cpu[k * n], n, 1);
      top10_same += Top(&gpu[k * n], n, 10) == Top(&cpu[k * n], n, 10);
    }
    std::printf("CPU check (%d host threads, %.0f comparisons/s): %zu of %zu scores bit-identical, largest raw "
                "difference %.3g (calibrated %.3g); rank-1 the same for %zu / %zu probes, top 10 for %zu / %zu\n",
                threads, static_cast<double>(check) * static_cast<double>(n) / cpu_seconds, identical, check * n,
                max_diff, max_calibrated_diff, rank1_same, check, top10_same, check);
  }
  return 0;
}
