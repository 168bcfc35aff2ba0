// Synthetic fingerprints for tests, benchmarks and the demo: never real people. Every template
// carries OpenPact's synthetic-data block (FingerprintTemplate::IsSynthetic).
//
// A master finger has minutiae spread over an elliptical finger area (Poisson-disk spacing,
// 20-80 minutiae, like real 500 dpi captures), with directions that follow a ridge-flow model:
// the zero-pole orientation field of Sherlock and Monro, built from the finger's cores and deltas
// (arch, loop or whorl). Each impression applies a rotation, a translation, a smooth non-linear
// distortion, position and angle noise, drops some minutiae, adds spurious ones and crops to a
// partial capture window. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "biometrics/template.h"
#include "core/status.h"

namespace openpact::biometrics {

struct SyntheticOptions {
  int width = 300, height = 400;  // pixels
  int resolution_ppcm = 197;      // ~500 dpi
  // The generator's seeding before the third round: the random streams of nearby seeds overlap,
  // so fingers a few seeds apart share about a third of their minutiae positions. Kept only as
  // the impostor population of the shipped calibration (FitCalibration, `related`), whose check on
  // real impostors is documented; everything else uses independent streams.
  bool overlapping_streams = false;
  // An experiment in modelling how alike a population's fingers are: when K > 0, a finger's ridge
  // flow (pattern, cores, deltas, base direction, centre) is that of archetype seed mod K, shared
  // with every K-th finger; its minutiae stay its own. 0: every finger its own flow.
  int flow_archetypes = 0;
};

struct MasterFinger {
  std::vector<Minutia> minutiae;
  int pattern = 0;  // 0 arch, 1 loop, 2 whorl
};

MasterFinger MakeMasterFinger(uint64_t seed, const SyntheticOptions& options = {});
FingerprintTemplate MakeImpression(const MasterFinger& master, uint64_t seed, uint8_t position = 0,
                                   uint8_t impression = 0, const SyntheticOptions& options = {});

// Writes fingers x impressions templates as DIR/<finger>_<impression>.iso (fingers from 1). Refuses,
// writing nothing, when any of those files exists already.
Status WriteSyntheticSet(const std::string& dir, int fingers, int impressions, uint64_t seed);

}  // namespace openpact::biometrics
