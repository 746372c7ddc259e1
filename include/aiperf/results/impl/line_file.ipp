// SPDX-License-Identifier: Apache-2.0
// aiperf/results/impl/line_file.ipp — definitions for line_file.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/results/line_file.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace aiperf {
inline namespace v0 {
namespace results {

AIPERF_DECL line_file::~line_file() { close(); }

AIPERF_DECL void line_file::open(std::string path) {
  close();
  path_ = std::move(path);
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
  committed_ = lines_written_ = 0;
  error_.reset();
  stopping_ = false;
  flusher_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, flush_interval, [this] { return stopping_; });
      flush_locked();
    }
  });
}

AIPERF_DECL void line_file::append(std::string_view line) {
  constexpr std::size_t write_through = std::size_t{1} << 20;  // a burst of records: write at 1 MiB
  std::lock_guard lock(mutex_);
  if (fd_ < 0 || error_) return;
  pending_.append(line);
  if (pending_.size() >= write_through) flush_locked();
}

AIPERF_DECL void line_file::flush_locked() {
  if (pending_.empty() || fd_ < 0 || error_) return;
  std::size_t done = 0;
  while (done < pending_.size()) {
    const ::ssize_t n = ::write(fd_, pending_.data() + done, pending_.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    // Disk full, file too large, I/O error: keep the whole lines that did reach the file, cut
    // the partial one (a reader then sees whole records only), and stop writing.
    const int err = n < 0 ? errno : ENOSPC;
    const std::size_t last_newline = done == 0 ? std::string::npos : pending_.rfind('\n', done - 1);
    const std::size_t kept = last_newline == std::string::npos ? 0 : last_newline + 1;
    committed_ += kept;
    lines_written_ += static_cast<std::uint64_t>(std::count(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(kept), '\n'));
    if (::ftruncate(fd_, static_cast<::off_t>(committed_)) == 0) (void)::lseek(fd_, static_cast<::off_t>(committed_), SEEK_SET);
    error_ = "cannot write " + path_ + ": " + std::strerror(err) + " (the file holds the first " +
             std::to_string(lines_written_) + " records, each complete)";
    pending_.clear();
    return;
  }
  committed_ += done;
  lines_written_ += static_cast<std::uint64_t>(std::count(pending_.begin(), pending_.end(), '\n'));
  pending_.clear();
}

AIPERF_DECL void line_file::close() {
  if (flusher_.joinable()) {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    flusher_.join();
  }
  std::lock_guard lock(mutex_);
  flush_locked();
  if (fd_ >= 0) {
    if (::close(fd_) != 0 && !error_) error_ = "cannot write " + path_ + ": " + std::strerror(errno);
    fd_ = -1;
  }
}

AIPERF_DECL std::optional<std::string> line_file::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

}  // namespace results
}  // namespace v0
}  // namespace aiperf
