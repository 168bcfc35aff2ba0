#include "biometrics/synthetic.h"

#include <algorithm>
#include <cmath>
#include <cerrno>
#include <complex>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

namespace openpact::biometrics {
namespace {

constexpr double kPi = 3.14159265358979323846;

// SplitMix64's output function: a bijection of 64-bit words that scatters nearby inputs.
uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// SplitMix64: a portable, fully specified generator (std::uniform_*_distribution is not portable).
// Its state only advances by a constant, so it must not start at a linear function of the seed:
// then Rng(seed + 1) replays Rng(seed)'s stream one draw later, and fingers made from nearby
// seeds (callers number them 1, 2, 3, ...) share a third of their minutiae. The seed is mixed
// first, which puts nearby seeds at unrelated points of the stream.
struct Rng {
  uint64_t s;
  Rng(uint64_t seed, bool overlapping_streams)
      : s(overlapping_streams ? seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull
                              : Mix64(seed + 0x632BE59BD9B4E019ull)) {}
  uint64_t Next() { return Mix64(s += 0x9E3779B97F4A7C15ull); }
  double Uniform(double lo = 0, double hi = 1) { return lo + (hi - lo) * (Next() >> 11) * (1.0 / 9007199254740992.0); }
  double Normal(double mean, double sd) {
    const double u1 = std::max(Uniform(), 1e-300), u2 = Uniform();
    return mean + sd * std::sqrt(-2 * std::log(u1)) * std::cos(2 * kPi * u2);
  }
};

struct Singular {
  std::complex<double> z;
  bool core;
};

double Orientation(const std::vector<Singular>& sp, double base, double x, double y) {
  // Zero-pole model (Sherlock & Monro 1993): half the sum of delta arguments minus core arguments.
  double theta = base;
  const std::complex<double> z(x, y);
  for (const Singular& s : sp) theta += (s.core ? -0.5 : 0.5) * std::arg(z - s.z);
  return theta;
}

}  // namespace

MasterFinger MakeMasterFinger(uint64_t seed, const SyntheticOptions& o) {
  Rng rng(seed, o.overlapping_streams);
  // The ridge flow's draws come from the finger's own stream, or from its archetype's.
  Rng archetype(o.flow_archetypes > 0 ? (seed % static_cast<uint64_t>(o.flow_archetypes)) ^ 0x5EED0F1A7ull : 0,
                o.overlapping_streams);
  Rng& flow = o.flow_archetypes > 0 ? archetype : rng;
  MasterFinger m;
  const double cx = o.width / 2.0, cy = o.height / 2.0 + flow.Uniform(-15, 15);
  const double ax = o.width * 0.42, ay = o.height * 0.44;
  const double pattern_draw = flow.Uniform();
  m.pattern = pattern_draw < 0.1 ? 0 : pattern_draw < 0.7 ? 1 : 2;
  std::vector<Singular> sp;
  // A point's two draws in a fixed order, y before x: the order of a constructor's arguments is
  // unspecified in C++, and GCC, whose order every shipped synthetic figure and the calibration
  // table were made with, draws the second first; clang drew the first first, so the sanitizer
  // build made other fingers from the same seed.
  auto draw_point = [&flow](double x_lo, double x_hi, double y_lo, double y_hi) {
    const double y = flow.Uniform(y_lo, y_hi);
    const double x = flow.Uniform(x_lo, x_hi);
    return std::complex<double>(x, y);
  };
  if (m.pattern >= 1) {
    const std::complex<double> offset = draw_point(-30, 30, 0, 60);
    const std::complex<double> core(cx + offset.real(), cy - offset.imag());
    sp.push_back({core, true});
    sp.push_back({core + draw_point(-90, 90, 90, 150), false});
  }
  if (m.pattern == 2) {
    const std::complex<double> core2 = sp[0].z + draw_point(-20, 20, 20, 40);
    sp.push_back({core2, true});
    sp.push_back({core2 + draw_point(60, 120, 80, 140), false});
  }
  const double base = flow.Uniform(-0.3, 0.3);
  // Poisson-disk sampling by dart throwing inside the finger ellipse.
  const int target = static_cast<int>(std::clamp(rng.Normal(45, 10), 20.0, 80.0));
  const double min_dist = 11.0;
  for (int attempt = 0; attempt < 20000 && static_cast<int>(m.minutiae.size()) < target; ++attempt) {
    const double x = rng.Uniform(0, o.width), y = rng.Uniform(0, o.height);
    const double ex = (x - cx) / ax, ey = (y - cy) / ay;
    if (ex * ex + ey * ey > 1) continue;
    bool close = false;
    for (const Minutia& q : m.minutiae) {
      const double dx = q.x - x, dy = q.y - y;
      if (dx * dx + dy * dy < min_dist * min_dist) {
        close = true;
        break;
      }
    }
    if (close) continue;
    Minutia mi;
    mi.x = static_cast<uint16_t>(x);
    mi.y = static_cast<uint16_t>(y);
    // Ridge direction from the field (image y points down: negate for the counter-clockwise angle).
    double dir = -Orientation(sp, base, x, y);
    if (rng.Uniform() < 0.5) dir += kPi;
    mi.angle = Minutia::AngleFromRadians(dir);
    mi.type = rng.Uniform() < 0.55 ? 1 : 2;
    mi.quality = static_cast<uint8_t>(std::clamp(rng.Normal(70, 15), 20.0, 100.0));
    m.minutiae.push_back(mi);
  }
  return m;
}

FingerprintTemplate MakeImpression(const MasterFinger& master, uint64_t seed, uint8_t position, uint8_t impression,
                                   const SyntheticOptions& o) {
  Rng rng(seed ^ 0xA5A5A5A5DEADBEEFull, o.overlapping_streams);
  const double rot = rng.Uniform(-0.45, 0.45);  // about +-25 degrees
  const double tx = rng.Uniform(-30, 30), ty = rng.Uniform(-30, 30);
  const double cx = o.width / 2.0, cy = o.height / 2.0;
  // Smooth non-linear distortion: a low-frequency displacement field plus a local stretch.
  const double amp = rng.Uniform(0, 7), fx = rng.Uniform(0.005, 0.02), fy = rng.Uniform(0.005, 0.02);
  const double px = rng.Uniform(0, 2 * kPi), py = rng.Uniform(0, 2 * kPi);
  const double stretch = rng.Uniform(-0.05, 0.05);
  const double drop = rng.Uniform(0.1, 0.3);
  // Partial capture: a window that may cut one side of the finger.
  const double wx0 = rng.Uniform(0, 40), wx1 = o.width - rng.Uniform(0, 40);
  const double wy0 = rng.Uniform(0, 70), wy1 = o.height - rng.Uniform(0, 70);
  FingerprintTemplate t;
  t.width = static_cast<uint16_t>(o.width);
  t.height = static_cast<uint16_t>(o.height);
  t.res_x = t.res_y = static_cast<uint16_t>(o.resolution_ppcm);
  FingerView view;
  view.position = position;
  view.view_number = impression & 0x0F;
  view.quality = static_cast<uint8_t>(std::clamp(rng.Normal(60, 20), 1.0, 100.0));
  const double c = std::cos(rot), s = std::sin(rot);
  for (const Minutia& m : master.minutiae) {
    if (rng.Uniform() < drop) continue;
    double x = m.x - cx, y = m.y - cy;
    x += amp * std::sin(fx * m.y + px) + stretch * x;
    y += amp * std::sin(fy * m.x + py) + stretch * y;
    const double rx = c * x - s * y + cx + tx + rng.Normal(0, 1.5);
    const double ry = s * x + c * y + cy + ty + rng.Normal(0, 1.5);
    if (rx < wx0 || rx >= wx1 || ry < wy0 || ry >= wy1) continue;
    Minutia out = m;
    out.x = static_cast<uint16_t>(rx);
    out.y = static_cast<uint16_t>(ry);
    // Image rotation by +rot (y down) turns counter-clockwise angles by -rot.
    out.angle = Minutia::AngleFromRadians(m.AngleRadians() - rot + rng.Normal(0, 0.08));
    if (rng.Uniform() < 0.1) out.type = out.type == 1 ? 2 : 1;  // endings and bifurcations get confused
    view.minutiae.push_back(out);
  }
  const int spurious = static_cast<int>(rng.Uniform(0, 7));
  for (int i = 0; i < spurious && view.minutiae.size() < 255; ++i) {
    Minutia m;
    m.x = static_cast<uint16_t>(rng.Uniform(wx0, wx1));
    m.y = static_cast<uint16_t>(rng.Uniform(wy0, wy1));
    m.angle = Minutia::AngleFromRadians(rng.Uniform(0, 2 * kPi));
    m.type = rng.Uniform() < 0.5 ? 1 : 2;
    m.quality = static_cast<uint8_t>(rng.Uniform(10, 60));
    view.minutiae.push_back(m);
  }
  view.extended.push_back(ExtendedBlock{kSyntheticBlockType, kSyntheticBlockText});
  t.views.push_back(std::move(view));
  return t;
}

Status WriteSyntheticSet(const std::string& dir, int fingers, int impressions, uint64_t seed) {
  if (fingers < 1 || fingers > 1000000) return Status::InvalidArgument("must be 1..1000000", "--fingers");
  if (impressions < 1 || impressions > 100) return Status::InvalidArgument("must be 1..100", "--impressions");
  // One file per impression, about 250 bytes each: a million files (a gallery of the size the
  // benchmarks use) is plenty, 100 million (both limits at once) would fill a disk with inodes.
  if (static_cast<long long>(fingers) * impressions > 2000000) {
    return Status::InvalidArgument("at most 2,000,000 templates in all (--fingers x --impressions)", "--fingers");
  }
  auto path_of = [&](int f, int i) { return dir + "/" + std::to_string(f) + "_" + std::to_string(i) + ".iso"; };
  // Never over another file: a folder of real templates uses the same names. Checked for every
  // file first, so a refused run writes nothing (and each file is then created exclusively, so a
  // file that appears meanwhile is not replaced either).
  std::string first_taken;
  long long taken = 0;
  std::error_code dir_error;
  const bool fresh = !std::filesystem::exists(dir, dir_error) && !dir_error;
  for (int f = 1; f <= fingers && !fresh; ++f) {
    for (int i = 1; i <= impressions; ++i) {
      std::error_code exists_error;
      const bool exists = std::filesystem::exists(path_of(f, i), exists_error);
      if (exists_error) return Status::IOError("cannot check " + path_of(f, i) + ": " + exists_error.message());
      if (exists && taken++ == 0) first_taken = path_of(f, i);
    }
  }
  if (taken > 0) {
    return Status::InvalidArgument(first_taken + " already exists" +
                                       (taken > 1 ? " (and " + std::to_string(taken - 1) + " more of the files this run writes)" : "") +
                                       ": synthetic templates never replace files; choose an empty folder",
                                   "--out");
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IOError("cannot create " + dir + ": " + ec.message());
  for (int f = 1; f <= fingers; ++f) {
    const MasterFinger master = MakeMasterFinger(seed * 1000003ull + static_cast<uint64_t>(f));
    for (int i = 1; i <= impressions; ++i) {
      const FingerprintTemplate t = MakeImpression(master, (seed * 1000003ull + f) * 131ull + i, 0, static_cast<uint8_t>(i));
      OP_ASSIGN_OR_RETURN(std::string bytes, WriteIso19794_2(t));
      const std::string path = path_of(f, i);
      std::FILE* out = std::fopen(path.c_str(), "wbx");  // "x": fails if the file exists
      if (out == nullptr) return Status::IOError("cannot create " + path + ": " + std::strerror(errno));
      const bool written = std::fwrite(bytes.data(), 1, bytes.size(), out) == bytes.size();
      if (std::fclose(out) != 0 || !written) return Status::IOError("cannot write " + path);
    }
  }
  return Status::OK();
}

}  // namespace openpact::biometrics
