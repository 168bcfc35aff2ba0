// 1:N identification at scale, on synthetic fingers (a harness printing figures; too slow for
// Google Benchmark's repetitions at a million records).
//
//   build/release/bench/openpact_identify_bench --gallery 1000000 --probes 100 --exhaustive 10
//
// Builds a gallery of N synthetic fingers (one impression each), then searches P probes (other
// impressions of gallery fingers, spread over the gallery) with each pre-selection share, and
// prints per share: mean and worst latency, the pre-selection and matching parts, the share of
// probes whose rank-1 is the mate, and the share whose rank-1 equals the exhaustive scan's rank-1
// (over the first E probes, which are also searched exhaustively; that scan's rate is printed),
// overall and among the probes whose exhaustive rank-1 reaches the decision threshold (a hit).
// "mate hits found": among the probes whose mate scores at least the threshold against them
// (checked with one comparison each, so over all P probes, not only the E exhaustive ones), those
// whose search returns the mate first: the hits the pre-selection keeps. Under each share's row:
// the searches fp identify would call a hit (the rank-1's search score, its score for the
// gallery's size, at least the threshold), with the mate and with another record.
//
// --fingers F (1-10) makes every record and every probe hold F fingers at positions 1..F (a
// ten-print search with F = 10): N still counts fingers, so there are N / F records; a mate's
// score is the fusion of its fingers' scores (FuseFingerScores). With F = 1 (the default) the
// fingers' position is unknown (0), as in the FVC folders.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <span>
#include <string>
#include <vector>

#include "biometrics/identify.h"
#include "biometrics/synthetic.h"
#include "synthetic_records.h"
#include "bench_util.h"
#include "core/parallel.h"

namespace {

using namespace openpact::biometrics;
using openpact::Status;
using openpact::bench::Now;
using openpact::bench::PeakRssKiB;
using openpact::bench::RssKiB;

int Usage() {
  std::fprintf(stderr,
               "usage: openpact_identify_bench [--gallery N] [--probes P] [--exhaustive E] [--preselect F,F,...]\n"
               "                               [--threads T] [--batch B,B,...] [--fingers K]\n"
               "  defaults: N 100000, P 100, E 10, F 0.01,0.02,0.05, T = hardware threads, B 1, K 1\n"
               "  N counts fingers: N / K records of K fingers (positions 1..K; unknown when K = 1)\n"
               "  B: exhaustive reference scans answered B at a time (Gallery::SearchBatch: one pass\n"
               "     over the gallery, each gallery finger prepared once for the B probes); with\n"
               "     several, the scans run once per batch size, back to back on the same gallery\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = 100000, probes = 100, exhaustive = 10, per_record = 1;
  std::vector<size_t> batches = {1};
  std::vector<double> shares = {0.01, 0.02, 0.05};
  int threads = openpact::HardwareThreads();
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return Usage();
    const char* v = argv[++i];
    if (a == "--gallery") {
      n = std::strtoull(v, nullptr, 10);
    } else if (a == "--probes") {
      probes = std::strtoull(v, nullptr, 10);
    } else if (a == "--exhaustive") {
      exhaustive = std::strtoull(v, nullptr, 10);
    } else if (a == "--batch") {
      batches.clear();
      for (const char* p = v; *p;) {
        char* end = nullptr;
        batches.push_back(std::strtoull(p, &end, 10));
        if (end == p || batches.back() < 1) return Usage();
        p = *end == ',' ? end + 1 : end;
      }
    } else if (a == "--fingers") {
      per_record = std::strtoull(v, nullptr, 10);
    } else if (a == "--threads") {
      threads = std::atoi(v);
    } else if (a == "--preselect") {
      shares.clear();
      for (const char* p = v; *p;) {
        char* end = nullptr;
        shares.push_back(std::strtod(p, &end));
        if (end == p || shares.back() <= 0 || shares.back() > 1) return Usage();
        p = *end == ',' ? end + 1 : end;
      }
    } else {
      return Usage();
    }
  }
  if (n < 100 || probes == 0 || threads < 1 || per_record < 1 || per_record > 10) return Usage();
  exhaustive = std::min(exhaustive, probes);
  const size_t records = n / per_record;
  n = records * per_record;
  if (probes > records) return Usage();
  // Record i's finger at position p (1..K) is master finger m = i * K + p - 1, with position 0
  // when K is 1; its gallery impression has the seed 2m + 1, probe k's finger f 7777777 + kK + f
  // (synthetic_records.h).
  auto record_template = [&](size_t record, auto seed_of) {
    return openpact::bench::SyntheticRecord(record, per_record, seed_of);
  };
  auto gallery_seed = openpact::bench::GallerySeed;

  // Gallery, built in chunks so the templates need not all be held.
  const long rss_before = RssKiB();
  double t0 = Now();
  Gallery gallery;
  if (Status added = openpact::bench::AddSyntheticRecords(&gallery, records, per_record, threads); !added.ok()) {
    std::fprintf(stderr, "%s\n", added.ToString().c_str());
    return 1;
  }
  std::printf("gallery: %zu synthetic fingers (%zu records of %zu) built in %.1f s on %d threads\n", n, records,
              per_record, Now() - t0, threads);
  std::printf("memory: %.0f bytes per template (gallery structures), process RSS grew %.0f MiB, peaked at %ld kB while built\n",
              static_cast<double>(gallery.MemoryBytes()) / static_cast<double>(n),
              static_cast<double>(RssKiB() - rss_before) / 1024.0, PeakRssKiB());

  std::vector<FingerprintTemplate> probe_templates;
  std::vector<std::string> mates;
  // Whether each probe's mate scores at least the decision threshold against it (one comparison
  // each): the searches that ought to end in a hit, whatever the pre-selection does.
  std::vector<double> mate_score(probes);
  for (size_t k = 0; k < probes; ++k) {
    const size_t record = k * (records / probes);
    probe_templates.push_back(record_template(record, [&](size_t, size_t f) { return 7777777 + k * per_record + f; }));
    mates.push_back(std::to_string(record));
  }
  openpact::ParallelFor(probes, threads, [&](int, size_t k) {
    const FingerprintTemplate mate = record_template(k * (records / probes), gallery_seed);
    std::vector<FingerEvidence> evidence;
    for (size_t f = 0; f < per_record; ++f) {
      PreparedFinger probe = PreparedFinger::FromView(probe_templates[k].views[f]);
      probe.BuildIndex();
      evidence.push_back({Matcher().Score(probe, PreparedFinger::FromView(mate.views[f])), 1});
    }
    mate_score[k] = FuseFingerScores(evidence);
  });
  auto mate_hit = [&](size_t k) { return mate_score[k] >= kDefaultThreshold; };
  size_t mate_hits_possible = 0;
  for (size_t k = 0; k < probes; ++k) mate_hits_possible += mate_hit(k);
  std::printf("probes: %zu, of which %zu have a mate scoring at least the threshold (%.0f)\n", probes, mate_hits_possible,
              kDefaultThreshold);
  std::vector<std::string> exhaustive_rank1;
  std::vector<bool> exhaustive_hit;  // the exhaustive rank-1 reaches the decision threshold
  if (exhaustive > 0) {
    SearchOptions all;
    all.top = 1;
    all.threads = threads;
    for (size_t batch : batches) {
      std::vector<std::string> rank1;
      std::vector<bool> hit;
      t0 = Now();
      int mate_hits = 0;
      for (size_t first = 0; first < exhaustive; first += batch) {
        const size_t count = std::min(batch, exhaustive - first);
        const auto answers = gallery.SearchBatch(std::span(probe_templates).subspan(first, count), all);
        for (size_t k = first; k < first + count; ++k) {
          const Candidate& best = answers[k - first][0];
          rank1.push_back(best.id);
          hit.push_back(best.score >= kDefaultThreshold);
          mate_hits += rank1.back() == mates[k];
        }
        std::fprintf(stderr, "\rexhaustive: %zu / %zu", first + count, exhaustive);
      }
      const double secs = Now() - t0;
      std::fprintf(stderr, "\n");
      std::printf("exhaustive: %zu probes, %.2f s each, %.0f full comparisons/s on %d threads (batches of %zu), rank-1 = mate %d / %zu%s\n",
                  exhaustive, secs / static_cast<double>(exhaustive),
                  static_cast<double>(n) * static_cast<double>(exhaustive) / secs, threads, batch, mate_hits, exhaustive,
                  exhaustive_rank1.empty() ? "" : rank1 == exhaustive_rank1 ? ", the same rank-1s" : ", OTHER RANK-1S");
      if (exhaustive_rank1.empty()) exhaustive_rank1 = rank1, exhaustive_hit = hit;
    }
  }
  const size_t hits = static_cast<size_t>(std::count(exhaustive_hit.begin(), exhaustive_hit.end(), true));
  std::printf("%9s %10s %10s %12s %10s %14s %16s %22s %22s %14s %13s\n", "share", "mean s", "worst s", "preselect s",
              "match s", "rank-1 = mate", "mate hits found", "= exhaustive rank-1", "(those >= threshold)", "preselect M/s",
              "match cmp/s");
  for (double share : shares) {
    SearchOptions o;
    o.top = 10;
    o.threads = threads;
    o.preselect_fraction = share;
    double sum = 0, worst = 0, pre = 0, match = 0, preselected = 0, matched = 0;
    int mate_hits = 0, mate_hits_found = 0, kept = 0, kept_hits = 0;
    // The decision fp identify takes: a hit when the rank-1's search score (its score for the
    // gallery's size, -10 log10 FPIR) reaches the threshold; right when the rank-1 is the mate.
    int search_hits = 0, false_search_hits = 0;
    std::string missed;
    for (size_t k = 0; k < probes; ++k) {
      SearchStats stats;
      const double s = Now();
      const auto c = gallery.Search(probe_templates[k], o, Calibration::Default(), &stats);
      const double dt = Now() - s;
      sum += dt;
      worst = std::max(worst, dt);
      pre += stats.preselect_seconds;
      match += stats.match_seconds;
      preselected += static_cast<double>(stats.records_preselected);
      matched += static_cast<double>(stats.records_matched);
      const bool mate_first = !c.empty() && c[0].id == mates[k];
      mate_hits += mate_first;
      if (!c.empty() && c[0].search_score >= kDefaultThreshold) (mate_first ? search_hits : false_search_hits) += 1;
      mate_hits_found += mate_first && mate_hit(k);
      if (mate_hit(k) && !mate_first) {  // what happened to a hit the search did not return first
        const auto at = std::find_if(c.begin(), c.end(), [&](const Candidate& x) { return x.id == mates[k]; });
        char line[200];
        std::snprintf(line, sizeof line, "  hit not returned first: probe %zu, mate %s scores %.1f; rank-1 %s at %.1f; the mate %s\n",
                      k, mates[k].c_str(), mate_score[k], c.empty() ? "-" : c[0].id.c_str(), c.empty() ? 0.0 : c[0].score,
                      at == c.end() ? "not in the top 10" : ("at rank " + std::to_string(at - c.begin() + 1)).c_str());
        missed += line;
      }
      if (k < exhaustive_rank1.size()) {
        const bool same = !c.empty() && c[0].id == exhaustive_rank1[k];
        kept += same;
        kept_hits += same && exhaustive_hit[k];
      }
    }
    const double p = static_cast<double>(probes);
    // Rates: records ranked by the pre-selection per second (millions), and full-matcher
    // comparisons per second on the records it kept (harder than random pairs: they look alike;
    // a record of K fingers is K comparisons).
    std::printf("%8.2f%% %10.3f %10.3f %12.3f %10.3f %8d / %-4zu %9d / %-4zu %15d / %-4zu %15d / %-4zu %14.1f %13.0f\n",
                share * 100, sum / p, worst, pre / p, match / p, mate_hits, probes, mate_hits_found, mate_hits_possible, kept,
                exhaustive_rank1.size(), kept_hits, hits, pre > 0 ? preselected / pre / 1e6 : 0.0,
                match > 0 ? matched * static_cast<double>(per_record) / match : 0.0);
    std::printf("          hits on the search's scale (rank-1 search score >= %.0f): %d / %zu the mate, %d another record\n",
                kDefaultThreshold, search_hits, probes, false_search_hits);
    std::fputs(missed.c_str(), stdout);
  }
  return 0;
}
