// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/shard.hpp — one shard (DESIGN §3): the non-template shard_core plus the only part
// that knows the Schedule type, pump(): which credit is due, pacing it to its absolute deadline
// (timer, then spin), the concurrency gate, and the catch-up rule.  A custom main gets a shard of
// its own schedule type (static, inlined); the driver uses shard<any_schedule>.
#pragma once
#include <aiperf/clock.hpp>
#include <aiperf/concepts/schedule.hpp>
#include <aiperf/runner/pacer.hpp>
#include <aiperf/runner/shard_core.hpp>

#include <cstdint>
#include <optional>
#include <utility>

namespace aiperf {
inline namespace v0 {

template <Schedule S>
class shard final : public shard_core {
 public:
  using shard_core::shard_core;

  /// Runs one phase on the calling thread (see shard_core::run_phase_loop) with `sched`, this
  /// shard's part of the phase's schedule.
  void run_phase(phase_shared& ps, S sched, shard_slots slots) {
    sched_.emplace(std::move(sched));
    next_.reset();
    slot_backlog_ = false;
    run_phase_loop(ps, slots);
  }

 private:
  void pump() override {
    if (waiting_) return;
    int issued = 0;
    while (!sending_done_) {
      // A long run of due credits (a burst, or catching up) yields to the event loop now and
      // then so responses are read and slots freed while it goes.
      if (issued == max_issue_per_pump) return schedule_pump();
      if (!next_) {
        next_ = sched_->next();
        if (!next_) return end_sending();
      }
      std::int64_t intended;
      if (next_->closed_loop()) {
        if (sessions_full()) return;  // a completion (or a ramp step) calls pump() again
        if (prefill_full()) return;                       // so does a first token
        intended = steady_ns();
        if (intended < ps_->start_ns) intended = pacing::spin_until(ps_->start_ns);  // burst at the start
        if (intended >= ps_->send_end_ns) return end_sending();
      } else {
        intended = ps_->start_ns + next_->offset_ns + shift_ns_;
        if (intended >= ps_->send_end_ns) return end_sending();
        std::int64_t now = steady_ns();
        if (intended - now > pacing::spin_window_ns) return pump_at(intended - pacing::spin_window_ns);
        if (intended > now) {
          slot_backlog_ = false;  // on time again
          // Close to the deadline.  With requests in flight, wait through the event loop (a
          // posted pump runs after the reactor's poll), so responses arriving meanwhile are
          // read instead of queueing behind the spin; only the last stretch is spun here.
          if (in_flight_ > 0 && intended - now > pacing::inline_spin_ns) {
            if (spin_since_ == 0) spin_since_ = now;
            return schedule_pump();
          }
          const std::int64_t before = now;
          now = pacing::spin_until(intended);
          spin_ns_ += now - (spin_since_ ? spin_since_ : before);
          spin_since_ = 0;
        } else if (now - intended > pacing::max_catchup_ns) {
          // Too far behind (a stall): re-anchor rather than fire a burst of late requests.  Not
          // while credits queue behind a full concurrency cap: that lateness is the cap's
          // doing, each keeps its trace time and its record shows the wait.
          if (!slot_backlog_) {
            shift_ns_ += now - intended;
            intended = now;
          }
        } else {
          slot_backlog_ = false;
        }
        // Concurrency as a ceiling: a rate tick that finds no free slot is skipped (AIPerf's
        // sleep-then-gate), never sent late; a trace entry or a user's turn waits for one.
        if (sessions_full()) {
          if (next_->wait_for_slot) {
            slot_backlog_ = true;
            return;  // the completion that frees a slot calls pump() again
          }
          next_.reset();
          ++skipped_;
          continue;
        }
      }
      const credit c = *next_;
      next_.reset();
      if (!start_session(c, intended)) return end_sending();
      ++issued;
    }
  }

  std::optional<S> sched_;
  std::optional<credit> next_;
  bool slot_backlog_ = false;  // due credits queue behind a full concurrency cap (wait_for_slot)
};

}  // namespace v0
}  // namespace aiperf
