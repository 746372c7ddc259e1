// SPDX-License-Identifier: Apache-2.0
// aiperf/detail/parallel_for.hpp — a loop over [0, n) split over a few threads, for the dataset
// steps done once before a run (prompt blocks, token counts).  Not for the request path.
#pragma once
#include <aiperf/config.hpp>

#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace detail {

/// Calls f(t, i) for every i in [0, n): thread t of `threads` (clamped to [1, n]) takes
/// i = t, t + threads, ...; the calling thread is thread 0.  The first exception of the
/// lowest-numbered thread that threw is rethrown here after every thread has finished.
template <class F>
void parallel_for(std::size_t n, unsigned threads, F&& f) {
  if (threads > n) threads = static_cast<unsigned>(n);
  if (threads == 0) threads = 1;
  std::vector<std::exception_ptr> failed(threads);
  auto work = [&](unsigned t) {
    try {
      for (std::size_t i = t; i < n; i += threads) f(t, i);
    } catch (...) {
      failed[t] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  for (auto const& e : failed)
    if (e) std::rethrow_exception(e);
}

/// Threads for a one-off dataset step: the hardware's, at most 8.
inline unsigned dataset_threads() noexcept {
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : (hw < 8 ? hw : 8);
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
