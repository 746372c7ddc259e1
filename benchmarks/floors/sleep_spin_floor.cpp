// SPDX-License-Identifier: Apache-2.0
// sleep_spin_floor — the G3 pacing floor: how late can a bare thread hit absolute Poisson deadlines?
//
// It does exactly what a perfect open-loop sender does minus all I/O: draw an exponential
// schedule at the given rate, sleep on CLOCK_MONOTONIC until a little before each absolute
// deadline (clock_nanosleep TIMER_ABSTIME, timer slack 1 ns), spin the rest, and record
// "now - deadline".  Whatever lateness this shows is the machine's (scheduler, timer, VM), not
// the client's, so aiperf's send lateness is judged against it in the same run.
//
// Build: g++ -O2 -std=c++20 -o sleep_spin_floor sleep_spin_floor.cpp
// Usage: sleep_spin_floor --rate R [--duration S] [--spin-us U] [--seed N]
// Output: one line of key=value pairs (microseconds for lateness), parsed by g3_open_loop.sh.
#include <sys/prctl.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

std::int64_t now_ns() noexcept {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Linear interpolation between closest ranks (the same definition aiperf's summaries and the
// G3 analysis use), so floor and client percentiles are comparable.
double percentile(std::vector<std::int64_t> const& sorted, double q) {
  if (sorted.empty()) return 0.0;
  const double pos = q / 100.0 * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  const double frac = pos - static_cast<double>(lo);
  return static_cast<double>(sorted[lo]) +
         frac * static_cast<double>(sorted[hi] - sorted[lo]);
}

[[noreturn]] void usage_error(char const* msg, char const* arg) {
  std::fprintf(stderr, "sleep_spin_floor: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
  std::fprintf(stderr,
               "usage: sleep_spin_floor --rate R [--duration S] [--spin-us U] [--seed N]\n");
  std::exit(2);
}

double parse_positive(char const* flag, char const* text) {
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text, &end);
  if (errno != 0 || end == text || *end != '\0' || !(v > 0.0) || !std::isfinite(v)) {
    std::fprintf(stderr, "sleep_spin_floor: %s expects a positive number, got '%s'\n", flag,
                 text);
    std::exit(2);
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  double rate = 0.0;
  double duration_s = 2.0;
  double spin_us = 200.0;  // aiperf's pacing::spin_window_ns, so both pace the same way
  std::uint64_t seed = 42;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) usage_error("missing value for", argv[i]);
    if (a == "--rate") {
      rate = parse_positive("--rate", argv[++i]);
    } else if (a == "--duration") {
      duration_s = parse_positive("--duration", argv[++i]);
    } else if (a == "--spin-us") {
      spin_us = parse_positive("--spin-us", argv[++i]);
    } else if (a == "--seed") {
      seed = static_cast<std::uint64_t>(parse_positive("--seed", argv[++i]));
    } else {
      usage_error("unknown flag", argv[i]);
    }
  }
  if (rate <= 0.0) usage_error("--rate is required", nullptr);

  // Default slack (50 µs) lets the kernel coalesce wake-ups; a pacer must not allow that.
  ::prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);

  // The whole schedule is drawn before the clock starts, as aiperf does, so drawing costs
  // nothing on the timed path.
  std::mt19937_64 rng(seed);
  std::exponential_distribution<double> gap(rate);
  std::vector<std::int64_t> offsets;
  offsets.reserve(static_cast<std::size_t>(rate * duration_s * 1.1) + 16);
  const auto horizon = static_cast<std::int64_t>(duration_s * 1e9);
  for (double t = gap(rng); static_cast<std::int64_t>(t * 1e9) < horizon; t += gap(rng))
    offsets.push_back(static_cast<std::int64_t>(t * 1e9));
  if (offsets.empty()) usage_error("rate x duration yields no deadline", nullptr);

  const auto spin_ns = static_cast<std::int64_t>(spin_us * 1e3);
  std::vector<std::int64_t> late;
  late.reserve(offsets.size());
  const std::int64_t t0 = now_ns() + 20'000'000;  // settle before the first deadline
  std::int64_t first_fire = 0, last_fire = 0;
  for (const std::int64_t off : offsets) {
    const std::int64_t deadline = t0 + off;
    std::int64_t now = now_ns();
    if (deadline - now > spin_ns) {
      const std::int64_t wake = deadline - spin_ns;
      timespec ts{static_cast<time_t>(wake / 1'000'000'000), static_cast<long>(wake % 1'000'000'000)};
      while (::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
      }
      now = now_ns();
    }
    while (now < deadline) {
      cpu_relax();
      now = now_ns();
    }
    if (first_fire == 0) first_fire = now;
    last_fire = now;
    late.push_back(now - deadline);
  }

  const double scheduled_span = static_cast<double>(offsets.back() - offsets.front());
  const double fired_span = static_cast<double>(last_fire - first_fire);
  const double n = static_cast<double>(late.size());
  std::sort(late.begin(), late.end());
  const double scheduled_rate = n > 1 && scheduled_span > 0 ? (n - 1) / scheduled_span * 1e9 : 0;
  const double delivered_rate = n > 1 && fired_span > 0 ? (n - 1) / fired_span * 1e9 : 0;
  std::printf(
      "floor rate=%.0f duration_s=%.3f spin_us=%.0f n=%zu scheduled_rate=%.3f "
      "delivered_rate=%.3f p50_us=%.3f p90_us=%.3f p99_us=%.3f p999_us=%.3f max_us=%.3f\n",
      rate, duration_s, spin_us, late.size(), scheduled_rate, delivered_rate,
      percentile(late, 50) / 1e3, percentile(late, 90) / 1e3, percentile(late, 99) / 1e3,
      percentile(late, 99.9) / 1e3, static_cast<double>(late.back()) / 1e3);
  return 0;
}
