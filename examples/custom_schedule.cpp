// SPDX-License-Identifier: Apache-2.0
// examples/custom_schedule.cpp — a user-written Schedule: a linear ramp of the request rate from
// r0 to r1 requests/s over a ramp time, then steady at r1 (a warm-up ramp, or a search for the
// rate where latency breaks).  It composes with the built-in chat endpoint, synthetic dataset
// and standard metrics through run_benchmark, and runs statically: the shards are shard<ramp>,
// no type erasure.
//
// usage: example_custom_schedule [URL]
#include <aiperf/aiperf.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>

//! [schedule]
/// Arrival k (k = 1, 2, ...) is sent when the expected number of arrivals so far reaches k:
/// Λ(t) = r0·t + (r1 − r0)·t²/(2T) during the ramp, then r1 per second.  Like the built-in
/// constant schedule the times are deterministic and absolute (no accumulated drift).
class linear_ramp {
 public:
  linear_ramp(double r0_per_s, double r1_per_s, double ramp_s) : r0_(r0_per_s), r1_(r1_per_s), ramp_s_(ramp_s) {
    if (!(r0_ > 0) || !(r1_ > 0) || !(ramp_s_ > 0)) throw std::invalid_argument("linear_ramp: rates and ramp time must be > 0");
  }

  /// The next arrival of this shard.
  std::optional<aiperf::credit> next() {
    const double k = static_cast<double>(first_ + step_ * count_++);
    return aiperf::credit{static_cast<std::int64_t>(std::llround(time_of(k) * 1e9)), -1};
  }

  /// Shard i of n sends arrivals i+1, i+1+n, i+1+2n, ...: the n shards together send every
  /// arrival of the whole exactly once, and each keeps the ramp's shape.
  [[nodiscard]] linear_ramp shard(std::uint32_t i, std::uint32_t n) const {
    linear_ramp part = *this;
    part.first_ = first_ + step_ * i;
    part.step_ = step_ * n;
    part.count_ = 0;
    return part;
  }

 private:
  /// Seconds after the phase start at which the expected count reaches k.
  [[nodiscard]] double time_of(double k) const {
    const double a = (r1_ - r0_) / (2 * ramp_s_);
    const double in_ramp = r0_ * ramp_s_ + a * ramp_s_ * ramp_s_;  // arrivals expected during the ramp
    if (k > in_ramp) return ramp_s_ + (k - in_ramp) / r1_;
    // a·t² + r0·t − k = 0, in the form that stays exact when a is 0 (no ramp) or negative.
    return 2 * k / (r0_ + std::sqrt(r0_ * r0_ + 4 * a * k));
  }

  double r0_, r1_, ramp_s_;
  std::uint64_t first_ = 1, step_ = 1, count_ = 0;
};

static_assert(aiperf::Schedule<linear_ramp>);
//! [schedule]

int main(int argc, char** argv) {
  using namespace aiperf;
  // 20 -> 100 requests/s over one second: the 40 requests go out in about 0.8 s, ever faster.
  auto metrics = make_metric_set(metrics::ttft{}, metrics::request_latency{}, metrics::osl{});
  run_report report = run_benchmark(linear_ramp(20.0, 100.0, 1.0),
                                    endpoints::openai_chat({.model = "my-model", .streaming = true}),
                                    datasets::synthetic{.isl_mean = 64, .osl_mean = 32, .num_entries = 10}, metrics,
                                    run_settings{.url = argc > 1 ? argv[1] : "http://127.0.0.1:8000",
                                                 .requests = 40,
                                                 .workers = 2});  // two shards: shard(0, 2) and shard(1, 2)
  std::fputs(report.to_string().c_str(), report ? stdout : stderr);
  std::printf("%zu requests ok, %zu failed\n", report.ok(), report.failed());
  return report && report.ok() > 0 && report.failed() == 0 ? 0 : 1;
}
