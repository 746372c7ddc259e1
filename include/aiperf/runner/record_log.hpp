// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/record_log.hpp — where a shard puts finished records.  One writer (the shard
// thread) appends; readers (the record processor, the exporters) read every record up to
// the published count at any time, without a lock: records live in fixed-size blocks that
// never move, and the block table is reserved up front so appending never reallocates it.
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

  /// Writer only.  Moves `r` into the log and publishes it to readers.
  void append(request_record&& r) {
    const std::size_t n = size_.load(std::memory_order_relaxed);
    if (n / block_size == blocks_.size()) {
      if (blocks_.size() == max_blocks) throw std::length_error("record_log: too many records");
      blocks_.push_back(std::make_unique<request_record[]>(block_size));
    }
    blocks_[n / block_size][n % block_size] = std::move(r);
    size_.store(n + 1, std::memory_order_release);
  }

  /// Number of records readers may access.
  [[nodiscard]] std::size_t size() const noexcept { return size_.load(std::memory_order_acquire); }

  /// Reader access to a published record (i < size()).
  [[nodiscard]] request_record const& operator[](std::size_t i) const noexcept {
    return blocks_[i / block_size][i % block_size];
  }

 private:
  std::vector<std::unique_ptr<request_record[]>> blocks_;
  std::atomic<std::size_t> size_{0};
};

}  // namespace v0
}  // namespace aiperf
