// The CUDA side of gpu_scan.h: one thread per (probe finger, gallery finger) pair, each running
// the portable matcher with its scratch in local memory. Built with --fmad=false so that every
// product and sum rounds as on the CPU (no fused multiply-add); division and square roots are
// IEEE (nvcc's defaults), and the matcher's cos, sin, exp and atan2 are its own arithmetic.
#include "biometrics/gpu_scan.h"

#include <cuda_runtime.h>

#include "biometrics/portable_export.h"

namespace openpact::biometrics {
namespace {

Status CudaError(cudaError_t e, const char* what) {
  return Status::Unavailable(std::string("CUDA: ") + what + ": " + cudaGetErrorString(e));
}
#define OP_CUDA(call, what)                                                     \
  do {                                                                          \
    if (cudaError_t e_ = (call); e_ != cudaSuccess) return CudaError(e_, what); \
  } while (0)

// Probe finger b is compared with the fingers of its list: thread t of row b takes finger
// list[b][t], or finger t when the probe's position is unknown (every finger is comparable). The
// lists hold the fingers at the probe's position and those of unknown position (Comparable,
// identify.h), so no thread is spent on a pair that is never compared.
__global__ void ScanKernel(const portable::Minutia* gallery, const uint32_t* offsets, uint32_t fingers,
                           const portable::Probe* probes, const uint32_t* const* lists, const uint32_t* list_sizes,
                           double* out) {
  const uint32_t t = blockIdx.x * blockDim.x + threadIdx.x;
  const uint32_t b = blockIdx.y;
  if (t >= list_sizes[b]) return;
  const uint32_t g = lists[b] != nullptr ? lists[b][t] : t;
  double& score = out[static_cast<size_t>(b) * fingers + g];
  portable::Scratch scratch;
  const uint32_t start = offsets[g];
  score = portable::RawScore(probes[b], gallery + start, static_cast<int>(offsets[g + 1] - start), scratch);
}

// Device memory freed on every path.
struct DeviceBuffer {
  void* p = nullptr;
  ~DeviceBuffer() {
    if (p != nullptr) cudaFree(p);
  }
  cudaError_t Allocate(size_t bytes) { return cudaMalloc(&p, bytes); }
};

}  // namespace

Result<GpuInfo> GpuScanAccelerator::Device() {
  int count = 0;
  if (cudaError_t e = cudaGetDeviceCount(&count); e == cudaErrorInsufficientDriver || e == cudaErrorNoDevice) {
    return Status::Unavailable(std::string("no usable CUDA device (is an NVIDIA driver for CUDA ") +
                               std::to_string(CUDART_VERSION / 1000) + " installed?): " + cudaGetErrorString(e));
  } else if (e != cudaSuccess) {
    return CudaError(e, "counting devices");
  }
  if (count == 0) return Status::Unavailable("no CUDA device");
  cudaDeviceProp prop{};
  OP_CUDA(cudaGetDeviceProperties(&prop, 0), "reading device 0");
  return GpuInfo{prop.name, prop.multiProcessorCount, prop.totalGlobalMem};
}

Result<std::unique_ptr<GpuScanAccelerator>> GpuScanAccelerator::Create() {
  OP_ASSIGN_OR_RETURN(GpuInfo info, Device());
  (void)info;
  return Result<std::unique_ptr<GpuScanAccelerator>>(std::unique_ptr<GpuScanAccelerator>(new GpuScanAccelerator()));
}

void GpuScanAccelerator::Free() {
  for (void* p : {minutiae_, offsets_, lists_}) {
    if (p != nullptr) cudaFree(p);
  }
  minutiae_ = offsets_ = lists_ = nullptr;
  fingers_ = device_bytes_ = 0;
  list_start_.fill(0);
  list_size_.fill(0);
}

GpuScanAccelerator::~GpuScanAccelerator() { Free(); }

Status GpuScanAccelerator::Load(std::span<const portable::Minutia> minutiae, std::span<const uint32_t> offsets,
                                std::span<const uint8_t> positions) {
  Free();
  if (offsets.empty() || offsets.back() != minutiae.size() || positions.size() + 1 != offsets.size()) {
    return Status::InvalidArgument("offsets must end at the number of minutiae, one position per finger", "offsets");
  }
  for (size_t g = 0; g + 1 < offsets.size(); ++g) {
    if (offsets[g + 1] < offsets[g] || offsets[g + 1] - offsets[g] > static_cast<uint32_t>(portable::kMaxMinutiae)) {
      return Status::InvalidArgument("finger " + std::to_string(g) + ": more than " +
                                         std::to_string(portable::kMaxMinutiae) + " minutiae or a decreasing offset",
                                     "offsets");
    }
  }
  // Per known position 1-10, the fingers a probe finger there is compared with: those at that
  // position and those of unknown position, laid end to end.
  std::vector<uint32_t> lists;
  for (uint8_t p = 1; p < kPositions; ++p) {
    list_start_[p] = lists.size();
    for (size_t g = 0; g < positions.size(); ++g) {
      if (positions[g] >= kPositions) return Status::InvalidArgument("finger position above " + std::to_string(kMaxFingerPosition), "positions");
      if (Comparable(p, positions[g])) lists.push_back(static_cast<uint32_t>(g));
    }
    list_size_[p] = lists.size() - list_start_[p];
  }
  const size_t mbytes = std::max<size_t>(1, minutiae.size()) * sizeof(portable::Minutia);
  const size_t obytes = offsets.size() * sizeof(uint32_t), lbytes = std::max<size_t>(1, lists.size()) * sizeof(uint32_t);
  OP_CUDA(cudaMalloc(&minutiae_, mbytes), "allocating the gallery's minutiae");
  OP_CUDA(cudaMalloc(&offsets_, obytes), "allocating the gallery's offsets");
  OP_CUDA(cudaMalloc(&lists_, lbytes), "allocating the gallery's position lists");
  OP_CUDA(cudaMemcpy(minutiae_, minutiae.data(), minutiae.size() * sizeof(portable::Minutia), cudaMemcpyHostToDevice),
          "copying the gallery's minutiae");
  OP_CUDA(cudaMemcpy(offsets_, offsets.data(), obytes, cudaMemcpyHostToDevice), "copying the offsets");
  OP_CUDA(cudaMemcpy(lists_, lists.data(), lists.size() * sizeof(uint32_t), cudaMemcpyHostToDevice),
          "copying the position lists");
  fingers_ = offsets.size() - 1;
  list_size_[0] = fingers_;  // a probe finger of unknown position meets every finger
  device_bytes_ = mbytes + obytes + lbytes;
  return Status::OK();
}

Status GpuScanAccelerator::Score(std::span<const PreparedFinger> probes, std::span<const uint8_t> positions,
                                 std::vector<double>* out) {
  out->assign(probes.size() * fingers_, 0.0);
  last_kernel_seconds_ = 0;
  if (positions.size() != probes.size()) return Status::InvalidArgument("one position per probe finger", "positions");
  if (probes.empty() || fingers_ == 0) return Status::OK();
  if (probes.size() > 65535) return Status::InvalidArgument("at most 65,535 probe fingers per scan", "probes");
  // Each probe's minutiae and index in one buffer, then the Probe records pointing into it.
  std::vector<std::vector<portable::Minutia>> minutiae(probes.size());
  size_t bytes = 0;
  for (size_t p = 0; p < probes.size(); ++p) {
    if (!probes[p].indexed()) return Status::InvalidArgument("probe finger " + std::to_string(p) + " has no index", "probes");
    if (!portable::AppendPortable(probes[p], &minutiae[p], portable::Role::kProbe)) {
      return Status::InvalidArgument("probe finger " + std::to_string(p) + " has more than " +
                                         std::to_string(portable::kMaxMinutiae) + " minutiae", "probes");
    }
    bytes += minutiae[p].size() * sizeof(portable::Minutia) + 3 * 16;
    bytes += (probes[p].cell_masks.size() + probes[p].need_masks.size()) * sizeof(uint64_t);
  }
  DeviceBuffer data, records, lists, sizes, scores;
  OP_CUDA(data.Allocate(bytes), "allocating the probes");
  OP_CUDA(records.Allocate(probes.size() * sizeof(portable::Probe)), "allocating the probe records");
  OP_CUDA(lists.Allocate(probes.size() * sizeof(const uint32_t*)), "allocating the probe lists");
  OP_CUDA(sizes.Allocate(probes.size() * sizeof(uint32_t)), "allocating the probe list sizes");
  OP_CUDA(scores.Allocate(out->size() * sizeof(double)), "allocating the scores");
  // Pairs that are never compared keep 0.
  OP_CUDA(cudaMemset(scores.p, 0, out->size() * sizeof(double)), "clearing the scores");
  std::vector<portable::Probe> host_records(probes.size());
  char* base = static_cast<char*>(data.p);
  size_t at = 0;
  auto put = [&](const void* src, size_t n) -> Result<const void*> {
    at = (at + 15) / 16 * 16;
    void* dst = base + at;
    if (n > 0) OP_CUDA(cudaMemcpy(dst, src, n, cudaMemcpyHostToDevice), "copying a probe");
    at += n;
    return static_cast<const void*>(dst);
  };
  for (size_t p = 0; p < probes.size(); ++p) {
    OP_ASSIGN_OR_RETURN(const void* m, put(minutiae[p].data(), minutiae[p].size() * sizeof(portable::Minutia)));
    OP_ASSIGN_OR_RETURN(const void* cells, put(probes[p].cell_masks.data(), probes[p].cell_masks.size() * 8));
    OP_ASSIGN_OR_RETURN(const void* need, put(probes[p].need_masks.data(), probes[p].need_masks.size() * 8));
    host_records[p] = portable::Probe{static_cast<const portable::Minutia*>(m), static_cast<int>(minutiae[p].size()),
                                      static_cast<int>(probes[p].mask_words), static_cast<const uint64_t*>(cells),
                                      static_cast<const uint64_t*>(need)};
  }
  OP_CUDA(cudaMemcpy(records.p, host_records.data(), host_records.size() * sizeof(portable::Probe),
                     cudaMemcpyHostToDevice), "copying the probe records");
  std::vector<const uint32_t*> host_lists(probes.size());
  std::vector<uint32_t> host_sizes(probes.size());
  size_t widest = 0;
  for (size_t p = 0; p < probes.size(); ++p) {
    if (positions[p] >= kPositions) return Status::InvalidArgument("finger position above " + std::to_string(kMaxFingerPosition), "positions");
    host_lists[p] = positions[p] == 0 ? nullptr : static_cast<const uint32_t*>(lists_) + list_start_[positions[p]];
    host_sizes[p] = static_cast<uint32_t>(list_size_[positions[p]]);
    widest = std::max<size_t>(widest, host_sizes[p]);
  }
  OP_CUDA(cudaMemcpy(lists.p, host_lists.data(), host_lists.size() * sizeof(const uint32_t*), cudaMemcpyHostToDevice),
          "copying the probe lists");
  OP_CUDA(cudaMemcpy(sizes.p, host_sizes.data(), host_sizes.size() * sizeof(uint32_t), cudaMemcpyHostToDevice),
          "copying the probe list sizes");
  cudaEvent_t begin, end;
  OP_CUDA(cudaEventCreate(&begin), "creating an event");
  if (cudaError_t e = cudaEventCreate(&end); e != cudaSuccess) {
    cudaEventDestroy(begin);
    return CudaError(e, "creating an event");
  }
  constexpr unsigned kThreads = 128;
  const dim3 grid(static_cast<unsigned>(std::max<size_t>(1, (widest + kThreads - 1) / kThreads)),
                  static_cast<unsigned>(probes.size()));
  cudaEventRecord(begin);
  ScanKernel<<<grid, kThreads>>>(static_cast<const portable::Minutia*>(minutiae_), static_cast<const uint32_t*>(offsets_),
                                 static_cast<uint32_t>(fingers_), static_cast<const portable::Probe*>(records.p),
                                 static_cast<const uint32_t* const*>(lists.p), static_cast<const uint32_t*>(sizes.p),
                                 static_cast<double*>(scores.p));
  cudaEventRecord(end);
  const cudaError_t launched = cudaGetLastError();
  const cudaError_t done = cudaEventSynchronize(end);
  float ms = 0;
  if (launched == cudaSuccess && done == cudaSuccess) cudaEventElapsedTime(&ms, begin, end);
  cudaEventDestroy(begin);
  cudaEventDestroy(end);
  OP_CUDA(launched, "launching the scan");
  OP_CUDA(done, "running the scan");
  last_kernel_seconds_ = ms / 1000.0;
  OP_CUDA(cudaMemcpy(out->data(), scores.p, out->size() * sizeof(double), cudaMemcpyDeviceToHost), "copying the scores");
  return Status::OK();
}

}  // namespace openpact::biometrics
