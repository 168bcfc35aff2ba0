// Exhaustive 1:N scans on a CUDA GPU: a ScanAccelerator (identify.h) that runs the full matcher,
// one thread per (probe finger, gallery finger) pair, with portable_matcher.h: the same scores as
// Matcher::RawScore, bit for bit (docs/biometrics.md gives the measured agreement and speed).
// Optional: built only with -DOPENPACT_CUDA=ON (`make gpu`); nothing else in OpenPact needs it.
// No CUDA type appears here, so C++ code includes it freely.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "biometrics/identify.h"
#include "core/status.h"

namespace openpact::biometrics {

struct GpuInfo {
  std::string name;
  int multiprocessors = 0;
  size_t memory_bytes = 0;
};

class GpuScanAccelerator final : public ScanAccelerator {
 public:
  // The first CUDA device's description, or Unavailable when none can be used.
  static Result<GpuInfo> Device();
  // An accelerator on the first CUDA device; Unavailable when there is none.
  static Result<std::unique_ptr<GpuScanAccelerator>> Create();
  ~GpuScanAccelerator() override;
  GpuScanAccelerator(const GpuScanAccelerator&) = delete;
  GpuScanAccelerator& operator=(const GpuScanAccelerator&) = delete;

  // Copies the fingers to GPU memory (replacing any loaded before).
  Status Load(std::span<const portable::Minutia> minutiae, std::span<const uint32_t> offsets,
              std::span<const uint8_t> positions) override;
  Status Score(std::span<const PreparedFinger> probes, std::span<const uint8_t> positions,
               std::vector<double>* out) override;

  size_t fingers() const { return fingers_; }
  size_t device_bytes() const { return device_bytes_; }
  double last_kernel_seconds() const { return last_kernel_seconds_; }  // the last Score's scan alone

 private:
  GpuScanAccelerator() = default;
  void Free();
  static constexpr size_t kPositions = kMaxFingerPosition + 1;
  void* minutiae_ = nullptr;  // device pointers
  void* offsets_ = nullptr;
  void* lists_ = nullptr;  // per position 1-10, the comparable fingers' numbers
  std::array<size_t, kPositions> list_start_{}, list_size_{};
  size_t fingers_ = 0, device_bytes_ = 0;
  double last_kernel_seconds_ = 0;
};

}  // namespace openpact::biometrics
