// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/load_generator.hpp — runs the phases (warmup, then profiling) over N shards and
// hands every finished record, in completion order, to an observer on a separate processing
// thread (the results collector), so shard threads only do I/O.  Parameterised on the schedule
// type only: the endpoint reaches the shards erased (endpoint_decoder), the records go out
// through a plain callback.
#pragma once
#include <aiperf/clock.hpp>
#include <aiperf/concepts/schedule.hpp>
#include <aiperf/runner/endpoint_decoder.hpp>
#include <aiperf/runner/phase.hpp>
#include <aiperf/runner/prepared_dataset.hpp>
#include <aiperf/runner/sampler.hpp>
#include <aiperf/runner/shard.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {

struct generator_config {
  url target = {};
  std::vector<url> targets = {};          // several --url, in order (empty: `target` alone)
  client_options client = {};
  std::uint32_t workers = 1;              // shards (threads)
  std::uint64_t seed = 0;                 // --random-seed
  sampling_strategy sampling = sampling_strategy::shuffle;
  phase_limits profiling = {};            // stop conditions of the measured phase
  std::optional<phase_limits> warmup = {};  // optional warmup phase before it
};

/// When and how a run ended, on both clocks.
struct run_times {
  clock_anchor anchor;                    // steady <-> wall conversion for the whole run
  std::int64_t profiling_start_ns = 0;    // steady
  std::int64_t profiling_end_ns = 0;      // steady
};

/// Called on the processing thread for every finished record (warmup and profiling).
using record_observer = std::function<void(request_record const&)>;

/// What a front end may do to a running generator from another thread (signal handling).
class run_control {
 public:
  /// Stop issuing, let in-flight requests finish.
  virtual void request_stop() = 0;
  /// Stop issuing and cancel in-flight requests now.
  virtual void cancel() = 0;
  /// Requests completed so far, all shards.
  [[nodiscard]] virtual std::uint64_t completed() const noexcept = 0;

 protected:
  ~run_control() = default;
};

template <Schedule S>
class load_generator final : public run_control {
 public:
  load_generator(endpoint_decoder decoder, prepared_dataset data, generator_config cfg)
      : cfg_(std::move(cfg)),
        data_(std::move(data)),
        sampler_(cfg_.sampling, data_.turns.size(), cfg_.seed),
        times_{clock_anchor::now(), 0, 0} {
    const std::uint32_t n = std::max<std::uint32_t>(1, cfg_.workers);
    for (std::uint32_t i = 0; i < n; ++i)
      shards_.push_back(
          std::make_unique<shard<S>>(i, cfg_.targets.empty() ? std::vector<url>{cfg_.target} : cfg_.targets, cfg_.client, decoder, data_, sampler_, times_.anchor, cfg_.seed));
  }

  /// Runs warmup (when cfg.warmup is set, with `warmup_schedule`, or `schedule` if none is
  /// given) then profiling with `schedule`.  Blocks until both are over.
  run_times run(S const& schedule, record_observer observer = {}, std::optional<S> const& warmup_schedule = std::nullopt) {
    std::atomic<bool> done{false};
    std::thread processor([&] { process(observer, done); });
    std::uint64_t sessions = 0;
    if (cfg_.warmup && !stop_.load())
      sessions = run_phase(*cfg_.warmup, warmup_schedule ? *warmup_schedule : schedule, 0, nullptr);
    if (!stop_.load()) run_phase(cfg_.profiling, schedule, sessions, &times_);
    done.store(true);
    processor.join();
    return times_;
  }

  /// Thread-safe (signal thread): stop issuing, let in-flight requests finish.
  void request_stop() override {
    stop_.store(true);
    for (auto& s : shards_) s->request_stop();
  }
  /// Thread-safe: stop issuing and cancel in-flight requests now.
  void cancel() override {
    stop_.store(true);
    for (auto& s : shards_) s->cancel_in_flight();
  }
  [[nodiscard]] bool stopped() const noexcept { return stop_.load(); }

  [[nodiscard]] std::uint64_t completed() const noexcept override {
    std::uint64_t n = 0;
    for (auto const& s : shards_) n += s->completed();
    return n;
  }
  /// Per-shard CPU doing work (pacing spins excluded) and wall time of the phases run so far
  /// (call after run()).
  [[nodiscard]] std::vector<std::pair<std::int64_t, std::int64_t>> shard_load() const {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (auto const& s : shards_) out.emplace_back(std::max<std::int64_t>(0, s->cpu_ns() - s->spin_ns()), s->wall_ns());
    return out;
  }
  /// Open-loop ticks that found no free concurrency slot and were not sent (call after run()).
  [[nodiscard]] std::uint64_t skipped() const noexcept {
    std::uint64_t n = 0;
    for (auto const& s : shards_) n += s->skipped();
    return n;
  }
  [[nodiscard]] prepared_dataset const& data() const noexcept { return data_; }
  [[nodiscard]] run_times const& times() const noexcept { return times_; }

 private:
  std::uint64_t run_phase(phase_limits const& limits, S const& schedule, std::uint64_t session_base, run_times* times) {
    const auto n = static_cast<std::uint32_t>(shards_.size());
    phase_shared ps;
    ps.limits = limits;
    ps.session_base = session_base;
    // Start slightly in the future so every shard thread is up before the first deadline.
    ps.start_ns = steady_ns() + 2'000'000;
    if (limits.duration_ns) {
      ps.send_end_ns = ps.start_ns + *limits.duration_ns;
      if (limits.grace_ns) ps.cancel_at_ns = ps.send_end_ns + *limits.grace_ns;
    }
    std::vector<std::thread> threads;
    // C slots split as evenly as possible; a shard with none sits the phase out.  (A ramped
    // limit is shared the same way at every step: the shard follows its share itself.)
    auto share = [n](std::optional<std::int64_t> c, std::uint32_t i) -> std::int64_t {
      return c ? shard_share(*c, i, n) : 0;
    };
    for (std::uint32_t i = 0; i < n; ++i) {
      const shard_slots slots{share(limits.concurrency, i), share(limits.prefill_concurrency, i), n};
      if ((limits.concurrency && slots.sessions == 0) || (limits.prefill_concurrency && slots.prefill == 0)) continue;
      threads.emplace_back([this, i, n, slots, &ps, &schedule] {
        shards_[i]->run_phase(ps, S(schedule.shard(i, n)), slots);
      });
    }
    for (auto& t : threads) t.join();
    if (times) {
      times->profiling_start_ns = ps.start_ns;
      times->profiling_end_ns = steady_ns();
    }
    const std::uint64_t started = ps.next_session.load();
    return limits.session_count ? std::min(started, *limits.session_count) : started;
  }

  /// The processing thread: hands records to the observer as shards publish them.
  void process(record_observer const& observer, std::atomic<bool> const& done) {
    std::vector<std::size_t> seen(shards_.size(), 0);
    for (;;) {
      const bool last = done.load();  // read before draining: nothing is missed after it
      bool any = false;
      for (std::size_t s = 0; s < shards_.size(); ++s) {
        record_log& log = shards_[s]->log();
        const std::size_t first = seen[s];
        for (const std::size_t n = log.size(); seen[s] < n; ++seen[s])
          if (observer) observer(log[seen[s]]);
        if (seen[s] != first) {
          log.release(seen[s]);  // the observer has what it needs: the shard may reuse the memory
          any = true;
        }
      }
      if (last) return;
      if (!any) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  generator_config cfg_;
  prepared_dataset data_;
  conversation_sampler sampler_;
  run_times times_;
  std::vector<std::unique_ptr<shard<S>>> shards_;
  std::atomic<bool> stop_{false};
};

}  // namespace v0
}  // namespace aiperf
