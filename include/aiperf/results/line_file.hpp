// SPDX-License-Identifier: Apache-2.0
// aiperf/results/line_file.hpp — an append-only file of complete lines (profile_export.jsonl),
// for the promises of docs/artifacts.md (issue #12 items 5 and 6):
//   * on time: a background flusher writes what was appended at least every flush_interval,
//     whether or not another line arrives (a stalled server no longer holds the last record
//     back, and a SIGKILL loses at most one interval);
//   * complete: the file only ever grows by whole lines.  Every write is checked; when one
//     fails (disk full, EFBIG) the file is cut back to its last complete line, writing stops,
//     and error() says which file and why.  The run goes on: its summary still has every record.
#pragma once
#include <aiperf/config.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace aiperf {
inline namespace v0 {
namespace results {

class line_file {
 public:
  static constexpr std::chrono::milliseconds flush_interval{100};

  line_file() = default;
  /// Closes (final flush) if still open.
  AIPERF_DECL ~line_file();
  line_file(line_file const&) = delete;
  line_file& operator=(line_file const&) = delete;

  /// Creates (truncates) `path` and starts the flusher; throws std::runtime_error naming the
  /// path when it cannot be created.
  AIPERF_DECL void open(std::string path);
  [[nodiscard]] bool is_open() const noexcept { return fd_ >= 0; }

  /// Appends one line; `line` must end with '\n'.  Buffered; never blocks on the disk unless
  /// the buffer is large (then it is written at once).
  AIPERF_DECL void append(std::string_view line);

  /// Stops the flusher, writes what is buffered and closes the file.  Idempotent.
  AIPERF_DECL void close();

  /// Why the file is incomplete ("cannot write <path>: <reason> (after N complete lines)"),
  /// or nothing when every appended line reached it.
  [[nodiscard]] AIPERF_DECL std::optional<std::string> error() const;

 private:
  AIPERF_DECL void flush_locked();

  std::string path_;
  int fd_ = -1;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::string pending_;             // complete lines not yet written
  std::uint64_t committed_ = 0;     // bytes of complete lines in the file
  std::uint64_t lines_written_ = 0;
  std::optional<std::string> error_;
  bool stopping_ = false;
  std::thread flusher_;
};

}  // namespace results
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/results/impl/line_file.ipp>
#endif
