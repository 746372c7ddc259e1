// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/shard_core.hpp — the non-template body of a shard (DESIGN §3): one thread's
// io_context, its HTTP client and keep-alive pool, its copy of the Endpoint (erased:
// endpoint_decoder), the per-request state the transport reports into, multi-turn
// continuations, the record log and the shard's own accounting.  The schedule-dependent part —
// which credit goes when — is shard<S>::pump() (runner/shard.hpp); everything else exists once,
// whatever schedules and endpoints a program uses.
//
// Per request: the credit is paced to its absolute deadline (pump), the pre-encoded bytes are
// written (the transport stamps the send), every socket read is stamped before parsing, SSE
// events go through the Endpoint into the record, and the finished record is appended to the
// log.  No formatting and no locks on this path.
#pragma once
#include <aiperf/clock.hpp>
#include <aiperf/concepts/schedule.hpp>
#include <aiperf/config.hpp>
#include <aiperf/record.hpp>
#include <aiperf/response_sink.hpp>
#include <aiperf/runner/endpoint_decoder.hpp>
#include <aiperf/runner/phase.hpp>
#include <aiperf/runner/prepared_dataset.hpp>
#include <aiperf/runner/record_log.hpp>
#include <aiperf/runner/sampler.hpp>
#include <aiperf/transport/http_client.hpp>
#include <aiperf/transport/sse.hpp>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace aiperf {
inline namespace v0 {

class shard_core {
 public:
  AIPERF_DECL shard_core(std::uint32_t index, url const& target, client_options const& copts, endpoint_decoder decoder,
                         prepared_dataset const& data, conversation_sampler const& sampler, clock_anchor anchor);
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
  /// `slots` is this shard's share of the concurrency (<= 0: unlimited).
  AIPERF_DECL void run_phase_loop(phase_shared& ps, std::int64_t slots);

  /// Issues every credit that is due and arms the pace timer for the next (the schedule's part).
  virtual void pump() = 0;

  /// No new sessions start; the phase ends once in-flight requests complete.
  AIPERF_DECL void end_sending();
  /// Calls pump() from the event loop (after pending reads), at most once queued.
  AIPERF_DECL void schedule_pump();
  /// pump() again at steady time `deadline_ns` (the pace timer).
  AIPERF_DECL void pump_at(std::int64_t deadline_ns);
  /// Starts the first turn of a new session for credit `c`, intended at `intended`; false once
  /// the phase's session or request count is used up.
  AIPERF_DECL bool start_session(credit const& c, std::int64_t intended);

  static std::chrono::steady_clock::time_point to_time_point(std::int64_t ns) {
    return std::chrono::steady_clock::time_point(std::chrono::nanoseconds(ns));
  }

  // -- the phase, as pump() sees it ---------------------------------------------------
  phase_shared* ps_ = nullptr;
  std::int64_t slots_ = 0;
  std::int64_t in_flight_ = 0;       // sessions holding a slot
  std::int64_t shift_ns_ = 0;        // re-anchoring after a stall
  std::int64_t spin_since_ = 0;      // start of a near-deadline wait through the event loop
  std::int64_t spin_ns_ = 0;
  std::uint64_t skipped_ = 0;
  bool sending_done_ = false;        // no new sessions start
  bool waiting_ = false;             // the pace timer is armed
  static constexpr int max_issue_per_pump = 32;

 private:
  /// One request in flight: what the transport reports lands here (the handler contract of
  /// transport/http_client.hpp) and becomes the record.
  struct request_state final : http_response_handler {
    shard_core* owner = nullptr;
    request_record rec;
    response_sink sink{rec};
    sse_framer framer;
    std::string body;
    bool sse = false;
    std::size_t conversation = 0;
    std::vector<std::string_view> wire_pieces;  // a shared-block request's pieces (kept until it ends)

    AIPERF_DECL void on_sent(std::int64_t ns) override;
    AIPERF_DECL void on_headers(int status, std::string_view content_type, std::int64_t ns) override;
    AIPERF_DECL void on_body(std::string_view bytes, std::int64_t recv_ns) override;
    AIPERF_DECL void on_complete(std::int64_t end_ns) override;
    AIPERF_DECL void on_error(error_info err, std::int64_t end_ns) override;
  };

  AIPERF_DECL static std::int64_t thread_cpu_ns() noexcept;
  AIPERF_DECL void deliver_event(request_state& st, sse_event const& ev, std::int64_t recv_ns);
  AIPERF_DECL void maybe_finish();
  AIPERF_DECL void send(std::size_t conv, std::size_t turn, std::uint64_t request_num, std::uint64_t session,
                        std::int64_t intended);
  AIPERF_DECL void finish(request_state& st);
  AIPERF_DECL void continue_session(std::size_t conv, std::size_t turn, std::uint64_t session);
  AIPERF_DECL request_state& acquire_state();
  AIPERF_DECL void release_state(request_state& st);

  std::uint32_t index_;
  asio::io_context ioc_{1};
  http_client client_;
  endpoint_decoder decoder_;
  prepared_dataset const* data_;
  conversation_sampler const* sampler_;
  clock_anchor anchor_;
  asio::steady_timer pace_timer_, phase_timer_, cancel_timer_;
  record_log log_;
  std::atomic<std::uint64_t> completed_{0};
  std::int64_t cpu_ns_ = 0, wall_ns_ = 0;
  std::int64_t pending_continuations_ = 0;
  bool turns_done_ = false;          // no request at all goes out (duration over, stop requested)
  bool stop_requested_ = false;
  bool pump_posted_ = false;
  std::vector<std::unique_ptr<request_state>> states_;
  std::vector<request_state*> free_;
};

}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/runner/impl/shard_core.ipp>
#endif
