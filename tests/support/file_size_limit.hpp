// SPDX-License-Identifier: Apache-2.0
// A full disk, unprivileged: RLIMIT_FSIZE caps the size of any file this process writes, and with
// SIGXFSZ ignored a write past the cap fails with EFBIG (after a short write up to the cap), as
// write() does on a full disk with ENOSPC.  Restores the limit and the signal when it ends.
#pragma once
#include <sys/resource.h>

#include <csignal>

namespace aiperf_test {

class file_size_limit {
 public:
  explicit file_size_limit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    saved_signal_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit capped = saved_;
    capped.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &capped);
  }
  file_size_limit(file_size_limit const&) = delete;
  file_size_limit& operator=(file_size_limit const&) = delete;
  ~file_size_limit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, saved_signal_);
  }

 private:
  rlimit saved_{};
  void (*saved_signal_)(int) = nullptr;
};

}  // namespace aiperf_test
