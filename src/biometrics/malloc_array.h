// An array of trivially copyable values in one malloc'd block, grown and trimmed by realloc: for
// a gallery's largest arrays (the triplet index's postings, the minutiae). glibc serves a block
// this large by mmap and answers realloc by moving its pages (mremap) rather than copying them
// into a second block, so growing or trimming the array never holds it twice; std::vector's growth
// and shrink_to_fit copy, and a million-finger gallery's build peaked at that copy
// (docs/biometrics.md, "Building without holding the index twice").
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <type_traits>
#include <utility>

namespace openpact::biometrics {

template <typename T>
class MallocArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                "realloc moves the values as bytes");

 public:
  MallocArray() = default;
  MallocArray(const MallocArray& other) { *this = other; }
  MallocArray& operator=(const MallocArray& other) {
    if (this != &other) {
      Resize(other.size_);
      if (size_ > 0) std::memcpy(data_, other.data_, size_ * sizeof(T));
    }
    return *this;
  }
  MallocArray(MallocArray&& other) noexcept { Swap(other); }
  MallocArray& operator=(MallocArray&& other) noexcept {
    Swap(other);
    return *this;
  }
  ~MallocArray() { std::free(data_); }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return capacity_; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }

  // n elements: the first min(n, size()) kept, the others uninitialised (to be written by the
  // caller). The block grows to exactly n when it is smaller and is never trimmed here
  // (ShrinkToFit). std::bad_alloc, the array unchanged, when the memory cannot be had.
  void Resize(size_t n) {
    if (n > capacity_) Reallocate(n);
    size_ = n;
  }
  // The n values at `values` (not within this array) appended; the block grows by half its size
  // at least, so appending one record at a time costs a constant per value. std::bad_alloc, the
  // array unchanged, when the memory cannot be had.
  void Append(const T* values, size_t n) {
    if (n == 0) return;
    if (n > capacity_ - size_) Reallocate(std::max(size_ + n, capacity_ + capacity_ / 2));
    std::memcpy(data_ + size_, values, n * sizeof(T));
    size_ += n;
  }
  // The block trimmed to the values held (freed when none). Should realloc refuse (it may, even
  // when shrinking), the larger block is kept: nothing is lost, and a caller that trims while
  // changing other state need not handle a failure.
  void ShrinkToFit() noexcept {
    if (capacity_ == size_) return;
    if (size_ == 0) {
      std::free(data_);
      data_ = nullptr;
      capacity_ = 0;
      return;
    }
    if (void* trimmed = std::realloc(data_, size_ * sizeof(T)); trimmed != nullptr) {
      data_ = static_cast<T*>(trimmed);
      capacity_ = size_;
    }
  }

 private:
  void Reallocate(size_t capacity) {
    if (capacity > std::numeric_limits<size_t>::max() / sizeof(T)) throw std::bad_alloc();
    void* moved = std::realloc(data_, capacity * sizeof(T));
    if (moved == nullptr) throw std::bad_alloc();  // data_ is still valid and unchanged
    data_ = static_cast<T*>(moved);
    capacity_ = capacity;
  }
  void Swap(MallocArray& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
  }
  T* data_ = nullptr;
  size_t size_ = 0, capacity_ = 0;
};

}  // namespace openpact::biometrics
