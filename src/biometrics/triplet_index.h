// Pre-selection for 1:N search: an inverted index of minutia triplets (after Germain, Califano and
// Colville's FLASH, 1997, and Bhanu and Tan's triplet indexing, 2003).
//
// Every finger contributes the triangles formed by each minutia and pairs of its nearest
// neighbours. A triangle is described without reference to finger placement: its three side
// lengths (in canonical order, longest first), its orientation, and each vertex's ridge direction
// relative to the longest side; quantised, that is one key. The index maps each key to the fingers
// having such a triangle. A probe looks up its own triangles' keys, widened to the neighbouring bins
// (distortion and quantisation), and every finger collects one vote per hit; the fingers with the
// most votes go on to the full matcher. A lookup touches only the matching posting lists, so the
// cost grows with the gallery far more slowly than a scan does.
#pragma once

#include <cstdint>
#include <vector>

#include "biometrics/matcher.h"

namespace openpact::biometrics {

// The keys of a finger's triangles: exactly one per triangle (`widened` false, as stored), or
// each triangle with its neighbouring bins (`widened` true, as looked up). Sorted, no repeats.
std::vector<uint32_t> TripletKeys(const PreparedFinger& f, bool widened);

class TripletIndex {
 public:
  // Fingers are numbered by the caller, densely from 0. Add in any order, then Build. Adds are
  // merged into the posting lists in batches as they come.
  void Add(uint32_t finger, const PreparedFinger& f) { AddKeys(finger, TripletKeys(f, false)); }
  // The same with the keys computed by the caller (TripletKeys(f, false)), e.g. on other threads.
  void AddKeys(uint32_t finger, const std::vector<uint32_t>& keys);
  // Merges everything added into the posting lists (again after further Adds).
  void Build();
  bool built() const { return pending_.empty(); }
  // votes[f] += number of the probe's widened keys found for finger f; votes must have a slot per
  // finger added.
  void Vote(const std::vector<uint32_t>& probe_keys, std::vector<uint16_t>* votes) const;
  // Triangles stored per finger.
  uint16_t triangles(uint32_t finger) const { return finger < triangles_.size() ? triangles_[finger] : 0; }
  // The pre-selection score of a finger: its votes divided by its triangle count (a finger with
  // many triangles collects chance hits in proportion; measured better than the raw count or its
  // square root). 0 for a finger without triangles.
  float Affinity(uint16_t votes, uint32_t finger) const {
    const uint16_t t = triangles(finger);
    return t == 0 ? 0.f : static_cast<float>(votes) / static_cast<float>(t);
  }
  size_t MemoryBytes() const;

 private:
  std::vector<std::pair<uint32_t, uint32_t>> pending_;  // (key, finger) added since the last Build
  // kKeys + 1 offsets into postings_: 64-bit, since a ten-print gallery of millions of people holds
  // more than 2^32 triangles.
  std::vector<uint64_t> key_start_;
  std::vector<uint32_t> postings_;                      // fingers, grouped by key
  std::vector<uint16_t> triangles_;
};

}  // namespace openpact::biometrics
