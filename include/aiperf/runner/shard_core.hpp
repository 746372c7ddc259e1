// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/shard_core.hpp — the non-template body of a shard (DESIGN §3): one thread's
// io_context, its HTTP client and keep-alive pool, its copy of the Endpoint (erased:
// endpoint_decoder), the per-request state the transport reports into, multi-turn
// continuations, the record log and the shard's own accounting.  The schedule-dependent part —
// which credit goes when — is shard<S>::pump() (runner/shard.hpp); everything else exists once,
// whatever schedules and endpoints a program uses.
//
// Per request: the credit is paced to its absolute deadline (pump), the pre-encoded bytes are
// written with the live values filled in (request and session ids, a multi-turn session's
// earlier answers: prepared_dataset.hpp) (the transport stamps the send), every socket read is stamped before parsing, SSE
// events go through the Endpoint into the record, and the finished record is appended to the
// log.  No formatting and no locks on this path.
#pragma once
#include <aiperf/clock.hpp>
#include <aiperf/concepts/schedule.hpp>
#include <aiperf/config.hpp>
#include <aiperf/detail/uuid.hpp>
#include <aiperf/record.hpp>
#include <aiperf/response_sink.hpp>
#include <aiperf/runner/endpoint_decoder.hpp>
#include <aiperf/runner/phase.hpp>
#include <aiperf/runner/prepared_dataset.hpp>
#include <aiperf/runner/record_log.hpp>
#include <aiperf/runner/sampler.hpp>
#include <aiperf/schedules/ramp.hpp>
#include <aiperf/transport/http_client.hpp>
#include <aiperf/transport/sse.hpp>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace aiperf {
inline namespace v0 {

/// A shard's share of a phase's limits (0: unlimited).
struct shard_slots {
  std::int64_t sessions = 0;  // of --concurrency
  std::int64_t prefill = 0;   // of --prefill-concurrency
  std::uint32_t shards = 1;   // the phase's shard count: a ramped limit is shared as it grows
};

class shard_core {
 public:
  /// `seed` (--random-seed) seeds this shard's own random streams (request cancellation).
  /// `targets` are the servers (several --url): one keep-alive pool each; a session goes to
  /// target (session number mod count) for all its turns (spec §8.2's round robin).
  AIPERF_DECL shard_core(std::uint32_t index, std::vector<url> const& targets, client_options const& copts,
                         endpoint_decoder decoder,
                         prepared_dataset const& data, conversation_sampler const& sampler, clock_anchor anchor,
                         std::uint64_t seed = 0);
  shard_core(shard_core const&) = delete;
  shard_core& operator=(shard_core const&) = delete;
  virtual ~shard_core() = default;

  /// Thread-safe: stop issuing; in-flight requests finish normally.
  AIPERF_DECL void request_stop();
  /// Thread-safe: stop issuing and cancel everything in flight (second Ctrl-C).
  AIPERF_DECL void cancel_in_flight();

  [[nodiscard]] record_log const& log() const noexcept { return log_; }
  /// The processing thread's access: it reads and then releases what it has consumed.
  [[nodiscard]] record_log& log() noexcept { return log_; }
  [[nodiscard]] std::uint64_t completed() const noexcept { return completed_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint32_t index() const noexcept { return index_; }
  /// CPU time this shard's thread spent running phases, and the wall time they took: the
  /// client's own cost (PERFORMANCE G10 flags a shard busier than 85%).  Read after a run.
  [[nodiscard]] std::int64_t cpu_ns() const noexcept { return cpu_ns_; }
  /// Part of cpu_ns() spent waiting for pacing deadlines (spinning, by design): not load.
  [[nodiscard]] std::int64_t spin_ns() const noexcept { return spin_ns_; }
  [[nodiscard]] std::int64_t wall_ns() const noexcept { return wall_ns_; }
  /// Open-loop ticks dropped because every concurrency slot was busy (AIPerf's
  /// sleep-then-gate: such a tick is never sent late).  Read after a run.
  [[nodiscard]] std::uint64_t skipped() const noexcept { return skipped_; }

 protected:
  /// Runs one phase on the calling thread until its sending is over and every request it
  /// started has completed (or was cancelled); pump() is first called at the phase start.
  /// `slots` is this shard's share of the concurrency limits.
  AIPERF_DECL void run_phase_loop(phase_shared& ps, shard_slots slots);

  /// Issues every credit that is due and arms the pace timer for the next (the schedule's part).
  virtual void pump() = 0;

  /// No new sessions start; the phase ends once in-flight requests complete.
  AIPERF_DECL void end_sending();
  /// Calls pump() from the event loop (after pending reads), at most once queued.
  AIPERF_DECL void schedule_pump();
  /// pump() again at steady time `deadline_ns` (the pace timer).
  AIPERF_DECL void pump_at(std::int64_t deadline_ns);
  /// Whether every session slot is taken (a ramp may leave a shard none yet).
  [[nodiscard]] bool sessions_full() const noexcept { return sessions_limited_ && in_flight_ >= slots_; }
  /// Whether every prefill slot is taken or promised to a waiting request.
  [[nodiscard]] bool prefill_full() const noexcept {
    return prefill_limited_ && prefill_busy_ + static_cast<std::int64_t>(prefill_waiting_.size()) >= prefill_slots_;
  }
  /// Starts the first turn of a new session for credit `c`, intended at `intended`; false once
  /// the phase's session or request count is used up.
  AIPERF_DECL bool start_session(credit const& c, std::int64_t intended);

  static std::chrono::steady_clock::time_point to_time_point(std::int64_t ns) {
    return std::chrono::steady_clock::time_point(std::chrono::nanoseconds(ns));
  }

  // -- the phase, as pump() sees it ---------------------------------------------------
  phase_shared* ps_ = nullptr;
  std::int64_t slots_ = 0;           // this shard's session slots now (when sessions_limited_)
  bool sessions_limited_ = false;
  std::int64_t in_flight_ = 0;       // sessions holding a slot
  std::int64_t prefill_slots_ = 0;   // this shard's prefill slots now (when prefill_limited_)
  bool prefill_limited_ = false;
  std::int64_t prefill_busy_ = 0;    // requests sent and not yet at their first token
  std::int64_t shift_ns_ = 0;        // re-anchoring after a stall
  std::int64_t spin_since_ = 0;      // start of a near-deadline wait through the event loop
  std::int64_t spin_ns_ = 0;
  std::uint64_t skipped_ = 0;
  bool sending_done_ = false;        // no new sessions start
  bool waiting_ = false;             // the pace timer is armed
  static constexpr int max_issue_per_pump = 32;

 private:
  /// One session instance from its first turn to its last: it stays on this shard (spec §5.2),
  /// which keeps its identity and the answers its later turns carry (spec §7.8).
  struct session_state {
    std::uint64_t session = 0;       // 0-based within the phase
    std::size_t conversation = 0;    // the dataset conversation it replays
    std::uint32_t url_index = 0;     // the --url its turns go to (spec §8.2)
    std::string correlation_id;      // X-Correlation-ID (spec §5.7)
    std::size_t turns = 0;           // turns it sends (a paced user may stop early)
    std::int64_t turn_gap_ns = 0;    // paced (user-centric): the next turn's due time follows ...
    std::int64_t due_ns = 0;         // ... this one's (steady ns), credit::turn_gap_ns
    std::vector<std::string> replies;  // [turn]: the server's answer, JSON-escaped
  };

  /// One request in flight: what the transport reports lands here (the handler contract of
  /// transport/http_client.hpp) and becomes the record.
  struct request_state final : http_response_handler {
    explicit request_state(shard_core& o) : owner(&o), framer(o.max_sse_event_bytes_), cancel_timer(o.ioc_) {}
    shard_core* owner;
    request_record rec;
    response_sink sink{rec};
    sse_framer framer;
    std::string body;
    bool sse = false;
    bool close_delimited = false;               // the body ended with the connection
    session_state* session = nullptr;
    http_client* client = nullptr;              // the pool of the session's --url
    bool holds_prefill = false;                 // gives its prefill slot back at the first token
    std::int64_t cancel_after_ns = -1;          // cancelled this long after it was written (-1: never)
    std::uint64_t serial = 0;                   // which request this state holds now (stale timers)
    asio::steady_timer cancel_timer;
    std::vector<std::string_view> wire_pieces;  // the request's pieces (kept until it ends)
    char content_length[24] = {};               // a live Content-Length, in decimal

    AIPERF_DECL void on_sent(std::int64_t ns) override;
    AIPERF_DECL void on_written(std::int64_t ns) override;
    AIPERF_DECL void on_headers(int status, std::string_view content_type, std::int64_t ns) override;
    AIPERF_DECL void on_body(std::string_view bytes, std::int64_t recv_ns) override;
    AIPERF_DECL void on_close_delimited_end() override { close_delimited = true; }
    AIPERF_DECL void on_complete(std::int64_t end_ns) override;
    AIPERF_DECL void on_error(error_info err, std::int64_t end_ns) override;
  };

  AIPERF_DECL static std::int64_t thread_cpu_ns() noexcept;
  /// A concurrency ramp as this shard follows it: its share of the ramped limit now.
  struct ramp_follower {
    std::optional<schedules::concurrency_ramp> ramp;  // unset: no ramp
    std::int64_t value = 0;                            // the phase-wide value applied last
  };
  /// Applies the ramps' values at the current time to this shard's limits, lets waiting
  /// requests and new sessions use the new slots, and arms ramp_timer_ for the next change.
  AIPERF_DECL void step_ramps();
  /// Sends requests waiting for a prefill slot while there are free ones (drops them once the
  /// phase's turns are over); whether it sent any.
  AIPERF_DECL bool drain_prefill_waiting();
  AIPERF_DECL void deliver_event(request_state& st, sse_event const& ev, std::int64_t recv_ns);
  AIPERF_DECL void maybe_finish();
  /// Sends turn `turn` of session `s` now, or once a prefill slot is free.
  AIPERF_DECL void issue(session_state& s, std::size_t turn, std::uint64_t request_num, std::int64_t intended);
  AIPERF_DECL void send(session_state& s, std::size_t turn, std::uint64_t request_num, std::int64_t intended);
  /// `st` has its first token (or ended): its prefill slot goes to the longest-waiting request.
  AIPERF_DECL void release_prefill(request_state& st);
  /// The value of a live piece of `st`'s request.
  AIPERF_DECL std::string_view live_piece(request_state& st, wire_piece const& p);
  AIPERF_DECL void finish(request_state& st);
  /// Keeps the answer `r` got for the session's later turns.
  AIPERF_DECL static void keep_reply(session_state& s, request_record const& r);
  AIPERF_DECL void continue_session(session_state& s, std::size_t turn);
  AIPERF_DECL request_state& acquire_state();
  AIPERF_DECL void release_state(request_state& st);
  AIPERF_DECL session_state& acquire_session();
  AIPERF_DECL void release_session(session_state& s);

  std::uint32_t index_;
  std::size_t max_sse_event_bytes_;  // client_options::max_sse_event_bytes, for every framer
  asio::io_context ioc_{1};
  std::vector<std::unique_ptr<http_client>> clients_;  // [url_index]
  endpoint_decoder decoder_;
  prepared_dataset const* data_;
  conversation_sampler const* sampler_;
  clock_anchor anchor_;
  asio::steady_timer pace_timer_, phase_timer_, cancel_timer_, ramp_timer_;
  ramp_follower session_ramp_, prefill_ramp_;
  std::uint32_t shards_ = 1;
  record_log log_;
  std::atomic<std::uint64_t> completed_{0};
  std::int64_t cpu_ns_ = 0, wall_ns_ = 0;
  std::int64_t pending_continuations_ = 0;
  bool turns_done_ = false;          // no request at all goes out (duration over, stop requested)
  bool stop_requested_ = false;
  bool pump_posted_ = false;
  std::vector<std::unique_ptr<request_state>> states_;
  std::vector<request_state*> free_;
  /// Requests waiting for a prefill slot, oldest first.
  struct waiting_send {
    session_state* session;
    std::size_t turn;
    std::uint64_t request_num;
    std::int64_t intended;
  };
  std::deque<waiting_send> prefill_waiting_;
  std::vector<std::unique_ptr<session_state>> sessions_;
  std::vector<session_state*> free_sessions_;
  detail::uuid_source uuids_;
  detail::rng cancel_rng_;       // --request-cancellation-rate draws (spec §5.8)
  std::uint64_t next_serial_ = 0;
};

}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/runner/impl/shard_core.ipp>
#endif
