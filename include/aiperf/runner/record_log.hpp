// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/record_log.hpp — where a shard puts finished records.  One writer (the shard
// thread) appends; one reader (the record processor) reads every record up to the published
// count at any time, without a lock: records live in fixed-size blocks that never move, and the
// block table is reserved up front so appending never reallocates it.  The reader releases what
// it has consumed, and the writer reuses released blocks, so a run's memory is the records in
// flight to the processor, not every record of the run.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/record.hpp>

#include <atomic>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <vector>

namespace aiperf {
inline namespace v0 {

class record_log {
 public:
  static constexpr std::size_t block_size = 1024;
  static constexpr std::size_t max_blocks = 1 << 16;  // 67M records per shard

  record_log() { blocks_.reserve(max_blocks); }
  record_log(record_log const&) = delete;
  record_log& operator=(record_log const&) = delete;

  /// Writer only.  Moves `r` into the log and publishes it to the reader.
  void append(request_record&& r) {
    const std::size_t n = size_.load(std::memory_order_relaxed);
    if (n / block_size == blocks_.size()) {
      if (blocks_.size() == max_blocks) throw std::length_error("record_log: too many records");
      reclaim_released_blocks();
      if (spare_.empty()) {
        blocks_.push_back(std::make_unique<request_record[]>(block_size));
        ++allocated_blocks_;
      } else {
        blocks_.push_back(std::move(spare_.back()));
        spare_.pop_back();
      }
    }
    blocks_[n / block_size][n % block_size] = std::move(r);
    size_.store(n + 1, std::memory_order_release);
  }

  /// Number of records readers may access.
  [[nodiscard]] std::size_t size() const noexcept { return size_.load(std::memory_order_acquire); }

  /// Reader access to a published record (i < size(), not released).
  [[nodiscard]] request_record const& operator[](std::size_t i) const noexcept {
    return blocks_[i / block_size][i % block_size];
  }

  /// Reader only: records [0, n) (n <= size(), never decreasing) will not be read again.  Their
  /// whole blocks go back to the writer, which reuses them for later records.
  void release(std::size_t n) noexcept { released_.store(n, std::memory_order_release); }

  /// Writer only: blocks allocated so far (reused blocks count once).
  [[nodiscard]] std::size_t allocated_blocks() const noexcept { return allocated_blocks_; }

 private:
  // Moves the blocks the reader has released out of the table into the spare list.  The reader
  // no longer touches them: its release() happens-before this acquire load.
  void reclaim_released_blocks() {
    const std::size_t whole_blocks = released_.load(std::memory_order_acquire) / block_size;
    for (; reclaimed_ < whole_blocks; ++reclaimed_) spare_.push_back(std::move(blocks_[reclaimed_]));
  }

  std::vector<std::unique_ptr<request_record[]>> blocks_;
  std::atomic<std::size_t> size_{0};
  std::atomic<std::size_t> released_{0};  // written by the reader, read by the writer
  // Writer-only state.
  std::vector<std::unique_ptr<request_record[]>> spare_;
  std::size_t reclaimed_ = 0;
  std::size_t allocated_blocks_ = 0;
};

}  // namespace v0
}  // namespace aiperf
