// Exhaustive 1:N scans on a CUDA GPU: every probe against every gallery finger with the full
// matcher (portable_matcher.h, the same scores as Matcher::RawScore up to rare last-bit
// differences in cos, sin, atan2 and exp; docs/biometrics.md gives the measured agreement).
// Optional: built only with -DOPENPACT_CUDA=ON (the `gpu` preset, `make gpu`); nothing else in
// OpenPact depends on it. No CUDA type appears here, so C++ code includes it freely.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "biometrics/matcher.h"
#include "biometrics/portable_matcher.h"
#include "core/status.h"

namespace openpact::biometrics {

struct GpuInfo {
  std::string name;
  int multiprocessors = 0;
  size_t memory_bytes = 0;
};

// A gallery held in GPU memory: fingers as runs of portable minutiae.
class GpuGallery {
 public:
  // The device's description, or an error when no CUDA device can be used.
  static Result<GpuInfo> Device();
  // Copies the fingers to the GPU: finger g is minutiae[offsets[g] .. offsets[g + 1]), each run
  // at most portable::kMaxMinutiae long.
  static Result<std::unique_ptr<GpuGallery>> Upload(std::span<const portable::Minutia> minutiae,
                                                    std::span<const uint32_t> offsets);
  ~GpuGallery();
  GpuGallery(const GpuGallery&) = delete;
  GpuGallery& operator=(const GpuGallery&) = delete;

  size_t fingers() const { return fingers_; }
  size_t device_bytes() const { return device_bytes_; }
  // Raw scores (Matcher::RawScore) of each probe against every gallery finger, into
  // (*out)[p * fingers() + g]. Probes must be indexed (BuildIndex) and hold at most
  // portable::kMaxMinutiae minutiae. *kernel_seconds: the GPU's time for the scan alone.
  Status Score(std::span<const PreparedFinger> probes, std::vector<double>* out, double* kernel_seconds);

 private:
  GpuGallery() = default;
  void* minutiae_ = nullptr;  // device pointers
  void* offsets_ = nullptr;
  size_t fingers_ = 0, device_bytes_ = 0;
};

}  // namespace openpact::biometrics
