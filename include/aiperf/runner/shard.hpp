// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/shard.hpp — one shard: a thread's worth of load generation (DESIGN §3).  It
// owns an io_context, an HTTP client with its keep-alive pool, its copy of the Endpoint, its
// slice of the schedule and its record log.  Nothing here is shared with other shards except
// the phase's atomics (phase.hpp) and the read-only prepared dataset.
//
// Per request: the schedule's credit is paced to its absolute deadline (timer, then spin),
// the pre-encoded bytes are written (the transport stamps the send), every socket read is
// stamped before parsing, SSE events go through the Endpoint into the record, and the
// finished record is appended to the log.  No formatting and no locks on this path.
#pragma once
#include <aiperf/clock.hpp>
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/record.hpp>
#include <aiperf/response_sink.hpp>
#include <aiperf/runner/any_schedule.hpp>
#include <aiperf/runner/pacer.hpp>
#include <aiperf/runner/phase.hpp>
#include <aiperf/runner/prepared_dataset.hpp>
#include <aiperf/runner/record_log.hpp>
#include <aiperf/runner/sampler.hpp>
#include <aiperf/transport/http_client.hpp>
#include <aiperf/transport/sse.hpp>
#include <aiperf/transport/sse_error.hpp>

#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace aiperf {
inline namespace v0 {

template <Endpoint E>
class shard {
 public:
  shard(std::uint32_t index, url const& target, client_options const& copts, E endpoint,
        prepared_dataset const& data, conversation_sampler const& sampler, clock_anchor anchor)
      : index_(index),
        client_(ioc_, target, copts),
        endpoint_(std::move(endpoint)),
        data_(&data),
        sampler_(&sampler),
        anchor_(anchor),
        pace_timer_(ioc_),
        phase_timer_(ioc_),
        cancel_timer_(ioc_) {}

  shard(shard const&) = delete;
  shard& operator=(shard const&) = delete;

  /// Runs one phase on the calling thread until its sending is over and every request it
  /// started has completed (or was cancelled).  `sched` is this shard's part of the schedule,
  /// `slots` its share of the concurrency (<= 0: unlimited).
  void run_phase(phase_shared& ps, any_schedule sched, std::int64_t slots) {
    pacing::set_thread_timer_slack();
    ps_ = &ps;
    sched_.emplace(std::move(sched));
    slots_ = slots;
    next_.reset();
    sending_done_ = false;
    turns_done_ = false;
    stop_requested_ = false;
    pending_continuations_ = 0;
    shift_ns_ = 0;
    spin_since_ = 0;
    pump_posted_ = false;
    waiting_ = false;
    ioc_.restart();
    if (ps.send_end_ns != std::numeric_limits<std::int64_t>::max()) {
      phase_timer_.expires_at(to_time_point(ps.send_end_ns));
      phase_timer_.async_wait([this](std::error_code ec) {
        if (!ec) {
          turns_done_ = true;  // the duration is over: no request of any turn goes out
          end_sending();
        }
      });
    }
    if (ps.cancel_at_ns != std::numeric_limits<std::int64_t>::max()) {
      cancel_timer_.expires_at(to_time_point(ps.cancel_at_ns));
      cancel_timer_.async_wait([this](std::error_code ec) {
        if (!ec) client_.cancel_all();
      });
    }
    // Every shard starts issuing at the common phase start, closed-loop ones included.
    waiting_ = true;
    pace_timer_.expires_at(to_time_point(ps.start_ns - pacing::spin_window_ns));
    pace_timer_.async_wait([this](std::error_code) {
      waiting_ = false;
      pump();
    });
    const std::int64_t cpu0 = thread_cpu_ns(), wall0 = steady_ns();
    ioc_.run();
    cpu_ns_ += thread_cpu_ns() - cpu0;
    wall_ns_ += steady_ns() - wall0;
    phase_timer_.cancel();
    cancel_timer_.cancel();
    ioc_.poll();  // let the cancelled timers' handlers run before the next phase reuses them
    ps_ = nullptr;
  }

  /// Thread-safe: stop issuing; in-flight requests finish normally.
  void request_stop() {
    asio::post(ioc_, [this] {
      stop_requested_ = true;
      turns_done_ = true;
      end_sending();
    });
  }
  /// Thread-safe: stop issuing and cancel everything in flight (second Ctrl-C).
  void cancel_in_flight() {
    asio::post(ioc_, [this] {
      stop_requested_ = true;
      turns_done_ = true;
      end_sending();
      client_.cancel_all();
    });
  }

  [[nodiscard]] record_log const& log() const noexcept { return log_; }
  [[nodiscard]] std::uint64_t completed() const noexcept { return completed_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint32_t index() const noexcept { return index_; }
  /// CPU time this shard's thread spent running phases, and the wall time they took: the
  /// client's own cost (PERFORMANCE G10 flags a shard busier than 85%).  Read after run().
  [[nodiscard]] std::int64_t cpu_ns() const noexcept { return cpu_ns_; }
  /// Part of cpu_ns() spent waiting for pacing deadlines (spinning, by design): not load.
  [[nodiscard]] std::int64_t spin_ns() const noexcept { return spin_ns_; }
  [[nodiscard]] std::int64_t wall_ns() const noexcept { return wall_ns_; }
  /// Open-loop ticks dropped because every concurrency slot was busy (AIPerf's
  /// sleep-then-gate: such a tick is never sent late).  Read after run().
  [[nodiscard]] std::uint64_t skipped() const noexcept { return skipped_; }

 private:
  // -- per-request state: the transport's handler ---------------------------------------
  struct request_state {
    shard* owner = nullptr;
    request_record rec;
    response_sink sink{rec};
    sse_framer framer;
    std::string body;
    bool sse = false;
    std::size_t conversation = 0;

    void on_sent(std::int64_t ns) {
      rec.start_ns = ns;
      rec.wall_start_ns = owner->anchor_.to_wall(ns);
    }
    void on_headers(int status, std::string_view content_type, std::int64_t ns) {
      rec.http_status = status;
      rec.ack_ns = ns;
      sse = content_type.substr(0, 17) == "text/event-stream";
    }
    void on_body(std::string_view bytes, std::int64_t recv_ns) {
      if (!sse) {
        body.append(bytes);
        return;
      }
      framer.feed(bytes, [&](sse_event const& ev) { owner->deliver_event(*this, ev, recv_ns); });
    }
    void on_complete(std::int64_t end_ns) {
      if (sse) {
        framer.finish([&](sse_event const& ev) { owner->deliver_event(*this, ev, end_ns); });
      } else {
        sink.begin_unit(end_ns);  // a whole body is one response, stamped when it completed
        owner->endpoint_.on_body(body, sink);
      }
      rec.end_ns = end_ns;
      owner->finish(*this);
    }
    void on_error(error_info err, std::int64_t end_ns) {
      if (!rec.error) rec.error = std::move(err);
      if (rec.error->code == 499) {
        rec.was_cancelled = true;
        rec.cancel_ns = end_ns;
      }
      rec.end_ns = end_ns;
      owner->finish(*this);
    }
  };

  static std::int64_t thread_cpu_ns() noexcept {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
  }

  static std::chrono::steady_clock::time_point to_time_point(std::int64_t ns) {
    return std::chrono::steady_clock::time_point(std::chrono::nanoseconds(ns));
  }

  void deliver_event(request_state& st, sse_event const& ev, std::int64_t recv_ns) {
    if (st.sink.is_done()) return;  // data after [DONE] carries nothing
    st.sink.begin_unit(recv_ns);
    if (ev.has_data) endpoint_.on_event(ev.data, st.sink);
    // `event: error` (spec §9.3; a structured error in the data was already recorded by the
    // Endpoint, which parsed it anyway).  Only typed events pay for the check.
    if (!ev.event.empty() && !st.rec.error)
      if (auto e = check_sse_error(ev)) st.sink.error(e->code, "SSEResponseError", e->message);
  }

  // -- issuing --------------------------------------------------------------------------
  void end_sending() {
    sending_done_ = true;
    pace_timer_.cancel();
    maybe_finish();
  }

  void maybe_finish() {
    if (sending_done_ && in_flight_ == 0 && pending_continuations_ == 0) ioc_.stop();
  }

  /// Issues every credit that is due; arms the pace timer for the next one.
  void pump() {
    if (waiting_) return;
    int issued = 0;
    while (!sending_done_) {
      // A long run of due credits (a burst, or catching up) yields to the event loop now and
      // then so responses are read and slots freed while it goes.
      if (issued == max_issue_per_pump) return schedule_pump();
      if (!next_) {
        next_ = sched_->next();
        if (!next_) {
          end_sending();
          return;
        }
      }
      std::int64_t intended;
      if (next_->closed_loop()) {
        if (slots_ > 0 && in_flight_ >= slots_) return;  // a completion calls pump() again
        intended = steady_ns();
        if (intended < ps_->start_ns) intended = pacing::spin_until(ps_->start_ns);  // burst at the start
        if (intended >= ps_->send_end_ns) return end_sending();
      } else {
        intended = ps_->start_ns + next_->offset_ns + shift_ns_;
        if (intended >= ps_->send_end_ns) return end_sending();
        std::int64_t now = steady_ns();
        if (intended - now > pacing::spin_window_ns) {
          waiting_ = true;
          pace_timer_.expires_at(to_time_point(intended - pacing::spin_window_ns));
          pace_timer_.async_wait([this](std::error_code) {
            waiting_ = false;
            pump();
          });
          return;
        }
        if (intended > now) {
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
          // Too far behind (a stall): re-anchor rather than fire a burst of late requests.
          shift_ns_ += now - intended;
          intended = now;
        }
        // Concurrency as a ceiling on a rate: a tick that finds no free slot is skipped
        // (AIPerf's sleep-then-gate), never sent late.
        if (slots_ > 0 && in_flight_ >= slots_) {
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

  bool start_session(credit const& c, std::int64_t intended) {
    auto s = ps_->claim_session();
    if (!s) return false;
    auto k = ps_->claim_request();
    if (!k) return false;
    const std::uint64_t session = *s;
    const std::size_t conv = c.conversation >= 0
                                 ? static_cast<std::size_t>(c.conversation) % data_->turns.size()
                                 : sampler_->at(ps_->session_base + session);
    ++in_flight_;
    send(conv, 0, *k, session, intended);
    return true;
  }

  void send(std::size_t conv, std::size_t turn, std::uint64_t request_num, std::uint64_t session,
            std::int64_t intended) {
    request_state& st = acquire_state();
    prepared_turn const& pt = data_->turns[conv][turn];
    st.conversation = conv;
    auto& r = st.rec;
    r.request_num = request_num;
    r.session_num = session;
    r.conversation_index = static_cast<std::uint32_t>(conv);
    r.turn_index = static_cast<std::uint32_t>(turn);
    r.worker = index_;
    r.phase = ps_->limits.phase;
    r.intended_ns = intended;
    r.input_tokens = pt.input_tokens;
    r.max_tokens = pt.max_tokens;
    // One allocation per request, sized for the expected stream, so tokens never allocate.
    r.chunks.reserve(static_cast<std::size_t>(pt.max_tokens > 0 ? pt.max_tokens + 4 : 64));
    client_.send(pt.wire, st);
  }

  void finish(request_state& st) {
    request_record& r = st.rec;
    if (r.ok() && r.first_content() < 0 && !r.usage.any())
      r.error = error_info{0, "InvalidInferenceResults", "Invalid inference results: no responses were received"};
    const std::size_t conv = st.conversation;
    const std::size_t next_turn = r.turn_index + 1u;
    const std::uint64_t session = r.session_num;
    const bool more = next_turn < data_->turns[conv].size() && !stop_requested_;
    log_.append(std::move(r));
    completed_.fetch_add(1, std::memory_order_relaxed);
    release_state(st);
    if (more && !turns_done_) {
      continue_session(conv, next_turn, session);
    } else {
      --in_flight_;
    }
    schedule_pump();
    maybe_finish();
  }

  /// Refills free slots from the event loop rather than from inside a completion, so a
  /// transport that completes synchronously (connection refused) cannot recurse.
  void schedule_pump() {
    if (pump_posted_ || sending_done_ || waiting_) return;
    pump_posted_ = true;
    asio::post(ioc_, [this] {
      pump_posted_ = false;
      pump();
    });
  }

  /// The next turn of a session goes after its delay, on this shard, keeping the slot.
  void continue_session(std::size_t conv, std::size_t turn, std::uint64_t session) {
    const std::int64_t delay_ms = data_->turns[conv][turn].delay_ms;
    auto go = [this, conv, turn, session] {
      auto k = turns_done_ ? std::nullopt : ps_->claim_request();
      if (!k) {
        --in_flight_;
        maybe_finish();
        return;
      }
      send(conv, turn, *k, session, steady_ns());
    };
    if (delay_ms <= 0) return go();
    ++pending_continuations_;
    auto timer = std::make_shared<asio::steady_timer>(ioc_, std::chrono::milliseconds(delay_ms));
    timer->async_wait([this, timer, go](std::error_code) {
      --pending_continuations_;
      go();
    });
  }

  request_state& acquire_state() {
    if (free_.empty()) {
      states_.push_back(std::make_unique<request_state>());
      states_.back()->owner = this;
      return *states_.back();
    }
    request_state* st = free_.back();
    free_.pop_back();
    return *st;
  }
  void release_state(request_state& st) {
    st.rec = request_record{};
    st.sink = response_sink(st.rec);
    st.framer.reset();
    st.body.clear();
    st.sse = false;
    free_.push_back(&st);
  }

  std::uint32_t index_;
  asio::io_context ioc_{1};
  http_client client_;
  E endpoint_;
  prepared_dataset const* data_;
  conversation_sampler const* sampler_;
  clock_anchor anchor_;
  asio::steady_timer pace_timer_, phase_timer_, cancel_timer_;
  record_log log_;
  std::atomic<std::uint64_t> completed_{0};
  std::int64_t cpu_ns_ = 0, wall_ns_ = 0, spin_ns_ = 0, spin_since_ = 0;
  std::uint64_t skipped_ = 0;
  static constexpr int max_issue_per_pump = 32;

  phase_shared* ps_ = nullptr;
  std::optional<any_schedule> sched_;
  std::optional<credit> next_;
  std::int64_t slots_ = 0;
  std::int64_t in_flight_ = 0;
  std::int64_t pending_continuations_ = 0;
  std::int64_t shift_ns_ = 0;
  bool sending_done_ = false;  // no new sessions start
  bool turns_done_ = false;    // no request at all goes out (duration over, stop requested)
  bool stop_requested_ = false;
  bool waiting_ = false;
  bool pump_posted_ = false;
  std::vector<std::unique_ptr<request_state>> states_;
  std::vector<request_state*> free_;
};

}  // namespace v0
}  // namespace aiperf
