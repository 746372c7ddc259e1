// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/impl/shard_core.ipp — definitions for shard_core.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/checked_time.hpp>
#include <aiperf/detail/json_text.hpp>
#include <aiperf/detail/utf8.hpp>
#include <aiperf/runner/pacer.hpp>
#include <aiperf/runner/shard_core.hpp>
#include <aiperf/transport/sse_error.hpp>

#include <asio/post.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <limits>
#include <random>
#include <stdexcept>

namespace aiperf {
inline namespace v0 {

AIPERF_DECL shard_core::shard_core(std::uint32_t index, std::vector<url> const& targets, client_options const& copts,
                                   endpoint_decoder decoder, prepared_dataset const& data,
                                   conversation_sampler const& sampler, clock_anchor anchor, std::uint64_t seed)
    : index_(index),
      max_sse_event_bytes_(copts.max_sse_event_bytes),
      decoder_(std::move(decoder)),
      data_(&data),
      sampler_(&sampler),
      anchor_(anchor),
      pace_timer_(ioc_),
      phase_timer_(ioc_),
      cancel_timer_(ioc_),
      ramp_timer_(ioc_),
      cancel_rng_(detail::derive_seed(seed, "timing.request.cancellation", index)) {
  for (url const& t : targets) clients_.push_back(std::make_unique<http_client>(ioc_, t, copts));
  if (clients_.empty()) throw std::invalid_argument("shard_core: no target URL");
}

AIPERF_DECL std::int64_t shard_core::thread_cpu_ns() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

AIPERF_DECL void shard_core::run_phase_loop(phase_shared& ps, shard_slots slots) {
  pacing::set_thread_timer_slack();
  ps_ = &ps;
  slots_ = slots.sessions;
  sessions_limited_ = slots.sessions > 0;
  prefill_slots_ = slots.prefill;
  prefill_limited_ = slots.prefill > 0;
  shards_ = std::max<std::uint32_t>(1, slots.shards);
  // Ramped limits (spec §5.3) start at 1 for the whole phase, shared like a fixed limit.
  auto ramp_of = [](std::optional<std::int64_t> limit, std::optional<std::int64_t> duration) {
    ramp_follower f;
    if (limit && *limit > 1 && duration && *duration > 0) f.ramp = schedules::concurrency_ramp{*limit, *duration};
    return f;
  };
  session_ramp_ = ramp_of(ps.limits.concurrency, ps.limits.concurrency_ramp_ns);
  prefill_ramp_ = ramp_of(ps.limits.prefill_concurrency, ps.limits.prefill_concurrency_ramp_ns);
  prefill_busy_ = 0;
  prefill_waiting_.clear();
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
      // Not the operator's doing: say which limit ended these requests (issue #12).
      if (!ec)
        for (auto& c : clients_)
          c->cancel_all({499, "RequestCancellationError",
                         "Request cancelled: the grace period after the benchmark duration expired"});
    });
  }
  if (session_ramp_.ramp || prefill_ramp_.ramp) step_ramps();
  // Every shard starts issuing at the common phase start, closed-loop ones included.
  pump_at(ps.start_ns - pacing::spin_window_ns);
  const std::int64_t cpu0 = thread_cpu_ns(), wall0 = steady_ns();
  ioc_.run();
  cpu_ns_ += thread_cpu_ns() - cpu0;
  wall_ns_ += steady_ns() - wall0;
  phase_timer_.cancel();
  cancel_timer_.cancel();
  ramp_timer_.cancel();
  ioc_.poll();  // let the cancelled timers' handlers run before the next phase reuses them
  ps_ = nullptr;
}

AIPERF_DECL void shard_core::request_stop() {
  asio::post(ioc_, [this] {
    stop_requested_ = true;
    turns_done_ = true;
    end_sending();
  });
}

AIPERF_DECL void shard_core::cancel_in_flight() {
  asio::post(ioc_, [this] {
    stop_requested_ = true;
    turns_done_ = true;
    end_sending();
    for (auto& c : clients_) c->cancel_all();
  });
}

AIPERF_DECL void shard_core::end_sending() {
  sending_done_ = true;
  pace_timer_.cancel();
  maybe_finish();
}

AIPERF_DECL void shard_core::maybe_finish() {
  if (sending_done_ && in_flight_ == 0 && pending_continuations_ == 0) ioc_.stop();
}

AIPERF_DECL void shard_core::pump_at(std::int64_t deadline_ns) {
  waiting_ = true;
  pace_timer_.expires_at(to_time_point(deadline_ns));
  pace_timer_.async_wait([this](std::error_code) {
    waiting_ = false;
    pump();
  });
}

/// Refills free slots from the event loop rather than from inside a completion, so a
/// transport that completes synchronously (connection refused) cannot recurse.
AIPERF_DECL void shard_core::schedule_pump() {
  if (pump_posted_ || sending_done_ || waiting_) return;
  pump_posted_ = true;
  asio::post(ioc_, [this] {
    pump_posted_ = false;
    pump();
  });
}

AIPERF_DECL void shard_core::step_ramps() {
  const std::int64_t elapsed = steady_ns() - ps_->start_ns;
  std::int64_t next_ns = std::numeric_limits<std::int64_t>::max();
  auto follow = [&](ramp_follower& f, std::int64_t& slots) {
    if (!f.ramp) return;
    f.value = f.ramp->value_at(elapsed);
    slots = shard_share(f.value, index_, shards_);
    if (auto w = f.ramp->next_change(f.value, index_, shards_)) next_ns = std::min(next_ns, f.ramp->time_of(*w));
  };
  follow(session_ramp_, slots_);
  follow(prefill_ramp_, prefill_slots_);
  if (next_ns != std::numeric_limits<std::int64_t>::max()) {
    ramp_timer_.expires_at(to_time_point(ps_->start_ns + next_ns));
    ramp_timer_.async_wait([this](std::error_code ec) {
      if (ec || ps_ == nullptr) return;
      step_ramps();
      drain_prefill_waiting();
      schedule_pump();  // new session slots: a closed loop starts sessions at once
      maybe_finish();
    });
  }
}

AIPERF_DECL bool shard_core::drain_prefill_waiting() {
  bool sent = false;
  while (!prefill_waiting_.empty() && !(prefill_limited_ && prefill_busy_ >= prefill_slots_)) {
    const waiting_send w = prefill_waiting_.front();
    prefill_waiting_.pop_front();
    if (!turns_done_) {
      // It goes now: its intended time is when the slot let it go, so the wait behind the
      // ceiling is not counted as the client sending late.
      send(*w.session, w.turn, w.request_num, std::max(w.intended, steady_ns()));
      sent = true;
      continue;
    }
    --in_flight_;  // the phase is over: a request still waiting is not sent
    release_session(*w.session);
  }
  return sent;
}

AIPERF_DECL bool shard_core::start_session(credit const& c, std::int64_t intended) {
  auto n = ps_->claim_session();
  if (!n) return false;
  auto k = ps_->claim_request();
  if (!k) return false;
  session_state& s = acquire_session();
  s.session = *n;
  s.url_index = static_cast<std::uint32_t>((ps_->session_base + *n) % clients_.size());
  s.conversation = c.conversation >= 0 ? static_cast<std::size_t>(c.conversation) % data_->turns.size()
                                       : sampler_->at(ps_->session_base + *n);
  const std::size_t length = data_->turns[s.conversation].size();
  s.turns = c.max_turns > 0 ? std::min(length, static_cast<std::size_t>(c.max_turns)) : length;
  s.turn_gap_ns = c.turn_gap_ns;
  s.due_ns = intended;
  // Spec §5.7: a user is named by its number, a replayed trace's session after its conversation,
  // any other session instance gets a fresh UUID (one template may back several at once).
  if (c.user_id >= 0) {
    s.correlation_id = std::to_string(c.user_id);
  } else if (ps_->limits.trace_zero_ms) {
    s.correlation_id = "fixed-schedule-";
    s.correlation_id += data_->conversations[s.conversation].id;
  } else {
    const detail::uuid_text id = uuids_.next();
    s.correlation_id.assign(id.data(), id.size());
  }
  ++in_flight_;
  issue(s, 0, *k, intended);
  return true;
}

AIPERF_DECL void shard_core::issue(session_state& s, std::size_t turn, std::uint64_t request_num, std::int64_t intended) {
  if (prefill_limited_ && prefill_busy_ >= prefill_slots_)
    return prefill_waiting_.push_back(waiting_send{&s, turn, request_num, intended});
  send(s, turn, request_num, intended);
}

AIPERF_DECL void shard_core::release_prefill(request_state& st) {
  if (!st.holds_prefill) return;
  st.holds_prefill = false;
  --prefill_busy_;
  if (!drain_prefill_waiting()) schedule_pump();  // the slot is free: a closed loop may start another session
}

AIPERF_DECL void shard_core::send(session_state& s, std::size_t turn, std::uint64_t request_num, std::int64_t intended) {
  request_state& st = acquire_state();
  prepared_turn const& pt = data_->turns[s.conversation][turn];
  st.session = &s;
  st.client = clients_[s.url_index].get();
  if (prefill_limited_) {
    st.holds_prefill = true;
    ++prefill_busy_;
  }
  auto& r = st.rec;
  r.request_num = request_num;
  r.session_num = s.session;
  r.conversation_index = static_cast<std::uint32_t>(s.conversation);
  r.turn_index = static_cast<std::uint32_t>(turn);
  r.worker = index_;
  r.phase = ps_->limits.phase;
  r.intended_ns = intended;
  r.input_tokens = pt.input_tokens;
  r.max_tokens = pt.max_tokens;
  r.x_correlation_id = s.correlation_id;
  if (clients_.size() > 1) r.url_index = s.url_index;
  // Spec §5.8: one draw per profiling request (warmup draws none), cancel iff u < rate / 100.
  if (ps_->limits.cancel_percent > 0 && ps_->limits.phase == benchmark_phase::profiling &&
      std::uniform_real_distribution<double>(0.0, 1.0)(cancel_rng_) < ps_->limits.cancel_percent / 100.0)
    st.cancel_after_ns = ps_->limits.cancel_delay_ns;
  // One allocation per request, sized for the expected stream (a chunk per token), so tokens
  // rarely allocate; but never size memory from a number the user chose (--osl 2147483648 was a
  // bad_alloc, issue #12): past the cap the vector grows as chunks actually arrive.
  constexpr std::int64_t max_reserved_chunks = 4096;
  r.chunks.reserve(static_cast<std::size_t>(pt.max_tokens > 0 ? std::min(pt.max_tokens, max_reserved_chunks) + 4 : 64));
  if (pt.pieces.empty()) return st.client->send(pt.wire, st);
  auto live = [&](wire_piece const& p) { return live_piece(st, p); };
  if (pt.live_replies)
    *std::to_chars(st.content_length, st.content_length + sizeof st.content_length - 1, body_size(pt, live)).ptr = '\0';
  st.wire_pieces.clear();
  for_each_wire_piece(pt, [&](std::string_view p) { st.wire_pieces.push_back(p); }, live);
  st.client->send(request_bytes{{}, st.wire_pieces}, st);
}

AIPERF_DECL std::string_view shard_core::live_piece(request_state& st, wire_piece const& p) {
  switch (p.live) {
    case live_value::request_id:
      if (st.rec.x_request_id[0] == '\0') st.rec.x_request_id = uuids_.next();
      return {st.rec.x_request_id.data(), st.rec.x_request_id.size()};
    case live_value::correlation_id: return st.session->correlation_id;
    case live_value::url_host: return data_->routes[st.session->url_index].host_header;
    case live_value::url_path: return data_->routes[st.session->url_index].path;
    case live_value::content_length: return st.content_length;
    case live_value::reply: {
      auto const& replies = st.session->replies;
      return p.reply_of < replies.size() ? std::string_view(replies[p.reply_of]) : std::string_view();
    }
    case live_value::none: break;
  }
  return p.shared;
}

AIPERF_DECL void shard_core::keep_reply(session_state& s, request_record const& r) {
  // Spec §7.8: the answer is the content, or the reasoning when there is no content.  A turn
  // that got no text leaves an empty answer (AIPerf drops the assistant message; the prepared
  // request has its place already, so it goes out empty).
  const std::size_t t = r.turn_index;
  if (s.replies.size() <= t) s.replies.resize(t + 1);
  std::string& out = s.replies[t];
  out.clear();
  aiperf::detail::append_json_escaped(out, r.content.empty() ? r.reasoning : r.content);
}

AIPERF_DECL void shard_core::finish(request_state& st) {
  request_record& r = st.rec;
  if (r.ok() && r.first_content() < 0 && !r.usage.any())
    r.error = error_info{0, "InvalidInferenceResults", "Invalid inference results: no responses were received"};
  if (r.error) {  // a server's reason phrase or body: valid UTF-8 before any artifact sees it
    detail::make_valid_utf8(r.error->type);
    detail::make_valid_utf8(r.error->message);
  }
  release_prefill(st);
  session_state& s = *st.session;
  const std::size_t next_turn = r.turn_index + 1u;
  const bool more = next_turn < s.turns && !stop_requested_ && !turns_done_;
  if (more && data_->turns[s.conversation][next_turn].live_replies) keep_reply(s, r);
  log_.append(std::move(r));
  completed_.fetch_add(1, std::memory_order_relaxed);
  release_state(st);
  if (more) {
    continue_session(s, next_turn);
  } else {
    --in_flight_;
    release_session(s);
  }
  schedule_pump();
  maybe_finish();
}

/// The next turn of a session goes on this shard, keeping the slot: a paced user's a turn gap
/// after the previous one was due (at once if the answer came later), else at its trace time
/// when the phase replays a trace and the turn has one, else after its delay.  That time is the
/// turn's intended send time, so timer lateness shows in the fidelity metrics.
AIPERF_DECL void shard_core::continue_session(session_state& s, std::size_t turn) {
  prepared_turn const& pt = data_->turns[s.conversation][turn];
  const std::int64_t now = steady_ns();
  const std::int64_t target = s.turn_gap_ns > 0 ? std::max(now, s.due_ns + s.turn_gap_ns)
                               : ps_->limits.trace_zero_ms && pt.timestamp_ms >= 0
                                   ? ps_->start_ns + detail::milliseconds_to_ns(pt.timestamp_ms - *ps_->limits.trace_zero_ms)
                                   : now + detail::milliseconds_to_ns(std::max<std::int64_t>(0, pt.delay_ms));
  s.due_ns = target;
  auto go = [this, &s, turn, target] {
    auto k = turns_done_ ? std::nullopt : ps_->claim_request();
    if (!k) {
      --in_flight_;
      release_session(s);
      maybe_finish();
      return;
    }
    issue(s, turn, *k, target);
  };
  if (target <= now) return go();
  ++pending_continuations_;
  auto timer = std::make_shared<asio::steady_timer>(ioc_, to_time_point(target));
  timer->async_wait([this, timer, go](std::error_code) {
    --pending_continuations_;
    go();
  });
}

AIPERF_DECL shard_core::session_state& shard_core::acquire_session() {
  if (free_sessions_.empty()) {
    sessions_.push_back(std::make_unique<session_state>());
    return *sessions_.back();
  }
  session_state* s = free_sessions_.back();
  free_sessions_.pop_back();
  return *s;
}

AIPERF_DECL void shard_core::release_session(session_state& s) {
  s.replies.clear();
  free_sessions_.push_back(&s);
}

AIPERF_DECL shard_core::request_state& shard_core::acquire_state() {
  request_state* st;
  if (free_.empty()) {
    states_.push_back(std::make_unique<request_state>(*this));
    st = states_.back().get();
  } else {
    st = free_.back();
    free_.pop_back();
  }
  st->serial = ++next_serial_;
  return *st;
}

AIPERF_DECL void shard_core::release_state(request_state& st) {
  st.rec = request_record{};
  st.sink = response_sink(st.rec);
  st.framer.reset();
  st.body.clear();
  st.sse = false;
  st.close_delimited = false;
  st.session = nullptr;
  st.holds_prefill = false;
  st.cancel_after_ns = -1;
  st.cancel_timer.cancel();
  free_.push_back(&st);
}

AIPERF_DECL void shard_core::deliver_event(request_state& st, sse_event const& ev, std::int64_t recv_ns) {
  if (st.sink.is_done()) return;  // data after [DONE] carries nothing
  st.sink.begin_unit(recv_ns);
  if (ev.has_data) decoder_.on_event(ev.data, st.sink);
  if (st.holds_prefill && st.rec.chunks.back().is_content()) release_prefill(st);  // the first token
  // `event: error` (spec §9.3; a structured error in the data was already recorded by the
  // Endpoint, which parsed it anyway).  Only typed events pay for the check.
  if (!ev.event.empty() && !st.rec.error)
    if (auto e = check_sse_error(ev)) st.sink.error(e->code, "SSEResponseError", e->message);
}

// -- the transport's handler contract ---------------------------------------------------

AIPERF_DECL void shard_core::request_state::on_sent(std::int64_t ns) {
  rec.start_ns = ns;
  rec.wall_start_ns = owner->anchor_.to_wall(ns);
}

/// A request drawn for cancellation is cancelled its delay after it was written (spec §5.8),
/// unless it ended first; the timer's completion runs from the event loop, never inside the
/// transport's write callback.
AIPERF_DECL void shard_core::request_state::on_written(std::int64_t ns) {
  if (cancel_after_ns < 0) return;
  cancel_timer.expires_at(to_time_point(ns + cancel_after_ns));
  cancel_timer.async_wait([this, s = serial, ns](std::error_code ec) {
    if (ec || serial != s) return;  // it ended first, or this state holds another request now
    const std::int64_t now = steady_ns();
    client->cancel(*this, error_info{499, "RequestCancellationError",
                                            fmt::format("Request cancelled {:.3f}s after being sent",
                                                        static_cast<double>(now - ns) / 1e9)});
  });
}

AIPERF_DECL void shard_core::request_state::on_headers(int status, std::string_view content_type, std::int64_t ns) {
  rec.http_status = status;
  rec.ack_ns = ns;
  sse = content_type.substr(0, 17) == "text/event-stream";
}

AIPERF_DECL void shard_core::request_state::on_body(std::string_view bytes, std::int64_t recv_ns) {
  if (!sse) {
    body.append(bytes);
    return;
  }
  framer.feed(bytes, [&](sse_event const& ev) { owner->deliver_event(*this, ev, recv_ns); });
  if (framer.overflowed()) {
    // Never a success with the event cut off: the request ends here, its connection closed
    // (the rest of the event would only be read to be thrown away).
    client->cancel(*this, error_info{0, "SSEEventTooLargeError",
                                     fmt::format("An SSE event exceeded the limit of {} bytes "
                                                 "(--max-sse-event-bytes); the connection was closed",
                                                 owner->max_sse_event_bytes_)});
  }
}

AIPERF_DECL void shard_core::request_state::on_complete(std::int64_t end_ns) {
  if (sse) {
    framer.finish([&](sse_event const& ev) { owner->deliver_event(*this, ev, end_ns); });
    // Spec E2 #1: a stream whose connection closed before [DONE] or a finish_reason may have
    // been cut by the server or a proxy; it is an error record that keeps what arrived.
    if (close_delimited && !sink.saw_end_signal())
      sink.error(502, "SSEStreamTruncatedError",
                 "Chat stream ended without a completion signal ([DONE] or finish_reason): the server closed "
                 "the connection");
  } else {
    sink.begin_unit(end_ns);  // a whole body is one response, stamped when it completed
    owner->decoder_.on_body(body, sink);
  }
  rec.end_ns = end_ns;
  owner->finish(*this);
}

AIPERF_DECL void shard_core::request_state::on_error(error_info err, std::int64_t end_ns) {
  if (!rec.error) rec.error = std::move(err);
  if (rec.error->code == 499) {
    rec.was_cancelled = true;
    rec.cancel_ns = end_ns;
  }
  rec.end_ns = end_ns;
  owner->finish(*this);
}

}  // namespace v0
}  // namespace aiperf
