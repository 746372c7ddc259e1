// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/signals.hpp — SIGINT/SIGTERM handling for a run (users-and-conventions B6): the
// first signal stops issuing and drains (results are written, was_cancelled = true, exit 0);
// a second one cancels what is still in flight, and so does the drain bound (--drain-timeout):
// a stalled server cannot hold the drain for the whole request timeout.  Signals are blocked in every thread and
// received by one watcher thread with sigtimedwait, so no async-signal-safety games.
#pragma once
#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <functional>
#include <thread>

namespace aiperf::driver {

class signal_watcher {
 public:
  /// Blocks SIGINT and SIGTERM in the calling thread; threads created afterwards inherit it.
  /// Call before any other thread starts.
  static void block_in_this_thread() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
  }

  /// `on_first` runs on the first signal, `on_second` on every later one; `on_drain_expired`
  /// once when `drain_bound` has passed since the first signal and no second one came.
  signal_watcher(std::function<void(int)> on_first, std::function<void(int)> on_second,
                 std::chrono::nanoseconds drain_bound = std::chrono::nanoseconds::max(),
                 std::function<void()> on_drain_expired = {})
      : first_(std::move(on_first)),
        second_(std::move(on_second)),
        drain_expired_(std::move(on_drain_expired)),
        drain_bound_(drain_bound),
        thread_([this] { loop(); }) {}

  ~signal_watcher() {
    stop_.store(true);
    thread_.join();
  }

  [[nodiscard]] int signals_received() const noexcept { return count_.load(); }

 private:
  void loop() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    const timespec tick{0, 100'000'000};
    std::chrono::steady_clock::time_point first_at{};
    bool drain_ended = false;
    while (!stop_.load()) {
      const int sig = sigtimedwait(&set, nullptr, &tick);
      if (sig <= 0) {
        if (count_.load() == 1 && !drain_ended && drain_expired_ &&
            std::chrono::steady_clock::now() - first_at >= drain_bound_) {
          drain_ended = true;
          drain_expired_();
        }
        continue;
      }
      if (count_.fetch_add(1) == 0) {
        first_at = std::chrono::steady_clock::now();
        if (first_) first_(sig);
      } else if (second_) {
        second_(sig);
      }
    }
  }

  std::function<void(int)> first_, second_;
  std::function<void()> drain_expired_;
  std::chrono::nanoseconds drain_bound_;
  std::atomic<bool> stop_{false};
  std::atomic<int> count_{0};
  std::thread thread_;
};

}  // namespace aiperf::driver
