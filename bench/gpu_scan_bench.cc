// Exhaustive 1:N searches on a CUDA GPU (a harness printing figures): the gallery of
// openpact_identify_bench (N synthetic fingers, in records of K), searched exhaustively by every
// probe through Gallery::SearchBatch with a GpuScanAccelerator, and the same searches on the
// CPU for the first C probes, compared candidate by candidate.
//
//   build/gpu/bench/openpact_gpu_scan_bench --gallery 1000000 --probes 100 --check 4
//
// Prints the gallery's build, the accelerator's load (every finger prepared and copied to the
// GPU), per batch of B probes the GPU's scan time alone (comparisons per second over the
// comparable pairs) and the searches' wall time, the share of probes whose rank-1 is the mate,
// and for the first C probes whether the CPU scan returns the same candidates (ids, scores,
// per-finger evidence) and how fast it ran on this machine's cores.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "biometrics/gpu_scan.h"
#include "biometrics/synthetic.h"
#include "synthetic_records.h"
#include "core/parallel.h"

namespace {

using namespace openpact::biometrics;

double Now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

int Usage() {
  std::fprintf(stderr,
               "usage: openpact_gpu_scan_bench [--gallery N] [--fingers K] [--probes P] [--check C] [--batch B]\n"
               "                               [--threads T]\n"
               "  defaults: N 1000000 fingers in records of K = 1 (positions 1..K when K > 1), P 100 probes,\n"
               "  C 4 checked on the CPU, B 25 probes per GPU scan, T = hardware threads\n");
  return 2;
}

bool SameCandidates(const std::vector<Candidate>& a, const std::vector<Candidate>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].id != b[i].id || a[i].score != b[i].score || a[i].fingers.size() != b[i].fingers.size()) return false;
    for (size_t f = 0; f < a[i].fingers.size(); ++f) {
      if (a[i].fingers[f].evidence.score != b[i].fingers[f].evidence.score) return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = 1000000, per_record = 1, probes = 100, check = 4, batch = 25;
  int threads = openpact::HardwareThreads();
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return Usage();
    const char* v = argv[++i];
    if (a == "--gallery") n = std::strtoull(v, nullptr, 10);
    else if (a == "--fingers") per_record = std::strtoull(v, nullptr, 10);
    else if (a == "--probes") probes = std::strtoull(v, nullptr, 10);
    else if (a == "--check") check = std::strtoull(v, nullptr, 10);
    else if (a == "--batch") batch = std::strtoull(v, nullptr, 10);
    else if (a == "--threads") threads = std::atoi(v);
    else return Usage();
  }
  if (n < 100 || per_record < 1 || per_record > 10 || probes == 0 || batch == 0 || threads < 1) return Usage();
  const size_t records = n / per_record;
  n = records * per_record;
  if (probes > records) return Usage();
  check = std::min(check, probes);
  auto device = GpuScanAccelerator::Device();
  if (!device.ok()) {
    std::fprintf(stderr, "%s\n", device.status().ToString().c_str());
    return 1;
  }
  std::printf("device: %s, %d multiprocessors, %.1f GiB; %d host threads\n", device->name.c_str(),
              device->multiprocessors, static_cast<double>(device->memory_bytes) / (1u << 30), threads);

  // The gallery and probes of openpact_identify_bench: record r's finger f is master finger
  // m = r K + f, its gallery impression seed 2m + 1; probe k's finger f the impression
  // 7777777 + k K + f of record k (N / P)'s.
  auto record_template = [&](size_t record, auto seed_of) {
    return openpact::bench::SyntheticRecord(record, per_record, seed_of);
  };
  double t0 = Now();
  Gallery gallery;
  if (auto added = openpact::bench::AddSyntheticRecords(&gallery, records, per_record, threads); !added.ok()) {
    std::fprintf(stderr, "%s\n", added.ToString().c_str());
    return 1;
  }
  std::printf("gallery: %zu synthetic fingers (%zu records of %zu) built in %.1f s\n", n, records, per_record, Now() - t0);
  t0 = Now();
  auto created = GpuScanAccelerator::Create();
  if (!created.ok()) {
    std::fprintf(stderr, "%s\n", created.status().ToString().c_str());
    return 1;
  }
  GpuScanAccelerator* gpu = created->get();
  if (auto used = gallery.UseAccelerator(std::move(*created), threads); !used.ok()) {
    std::fprintf(stderr, "%s\n", used.ToString().c_str());
    return 1;
  }
  std::printf("accelerator loaded in %.2f s (fingers prepared on the host, copied): %.0f bytes per finger on the GPU\n",
              Now() - t0, static_cast<double>(gpu->device_bytes()) / static_cast<double>(n));

  std::vector<FingerprintTemplate> probe_templates;
  std::vector<std::string> mates;
  for (size_t k = 0; k < probes; ++k) {
    const size_t record = k * (records / probes);
    probe_templates.push_back(record_template(record, [&](size_t, size_t f) { return 7777777 + k * per_record + f; }));
    mates.push_back(std::to_string(record));
  }

  SearchOptions options;
  options.top = 10;
  options.threads = threads;
  std::vector<std::vector<Candidate>> answers;
  double kernel = 0, wall = 0;
  size_t comparisons = 0;
  for (size_t first = 0; first < probes; first += batch) {
    const size_t count = std::min(batch, probes - first);
    SearchStats stats;
    const double w0 = Now();
    auto part = gallery.SearchBatch(std::span(probe_templates).subspan(first, count), options, Calibration::Default(), &stats);
    wall += Now() - w0;
    if (!stats.accelerated) {
      std::fprintf(stderr, "the GPU did not answer: %s\n", stats.accelerator_error.c_str());
      return 1;
    }
    kernel += gpu->last_kernel_seconds();
    for (auto& a : part) answers.push_back(std::move(a));
    // Comparable pairs: with K fingers per record at positions 1..K, each probe finger meets one
    // finger per record; with K = 1 (unknown positions) every finger.
    comparisons += count * per_record * records;
    std::fprintf(stderr, "\rGPU: %zu / %zu probes", first + count, probes);
  }
  std::fprintf(stderr, "\n");
  std::printf("GPU exhaustive searches: %zu probes, %zu comparisons in %.3f s of GPU scan time: %.0f comparisons/s; "
              "%.3f s per search with everything else (probe upload, scores back, fusion, ranking)\n",
              probes, comparisons, kernel, static_cast<double>(comparisons) / kernel, wall / static_cast<double>(probes));
  size_t rank1_mate = 0;
  for (size_t k = 0; k < probes; ++k) rank1_mate += !answers[k].empty() && answers[k][0].id == mates[k];
  std::printf("rank-1 = mate: %zu / %zu probes\n", rank1_mate, probes);

  if (check > 0) {
    options.use_accelerator = false;
    t0 = Now();
    const auto cpu = gallery.SearchBatch(std::span(probe_templates).first(check), options);
    const double cpu_seconds = Now() - t0;
    size_t same = 0;
    for (size_t k = 0; k < check; ++k) same += SameCandidates(cpu[k], answers[k]);
    std::printf("CPU check: the same 10 candidates (ids, scores, per-finger evidence) for %zu / %zu probes; "
                "the CPU scan ran %.0f comparisons/s on %d threads (batch of %zu)\n",
                same, check, static_cast<double>(check * per_record * records) / cpu_seconds, threads, check);
    if (same != check) return 1;
  }
  return 0;
}
