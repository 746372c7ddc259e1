// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/runner/load_generator.hpp (with shard<S> and shard_core) against a
// scripted loopback server: request counts are exact across shards, the concurrency cap holds,
// every record carries its timeline and reaches the observer once, session limits and
// cancellation behave.  The endpoint reaches the shards through an endpoint_decoder.  No
// assertion on wall-clock durations.
#include "catch.hpp"

#include "../transport/test_server.hpp"

#include <aiperf/detail/rng.hpp>
#include <aiperf/endpoints/openai_chat.hpp>
#include <aiperf/runner/any_schedule.hpp>
#include <aiperf/runner/endpoint_decoder.hpp>
#include <aiperf/runner/load_generator.hpp>
#include <aiperf/schedules/concurrency.hpp>
#include <aiperf/schedules/constant.hpp>
#include <aiperf/schedules/fixed_schedule.hpp>
#include <aiperf/schedules/ramp.hpp>
#include <aiperf/schedules/user_centric.hpp>

#include <algorithm>
#include <atomic>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace aiperf;

namespace {

constexpr std::string_view chunk_a =
    "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n";

/// Answers every request on a connection with an SSE stream of `events` content chunks.
aiperf_test::test_server sse_server(int events, int pause_ms, std::atomic<int>* live = nullptr,
                                    std::atomic<int>* peak = nullptr) {
  return aiperf_test::test_server([=](aiperf_test::server_conn& c, int) {
    while (c.read_request()) {
      if (live) {
        const int now = ++*live;
        int p = peak->load();
        while (now > p && !peak->compare_exchange_weak(p, now)) {}
      }
      std::string head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
      c.write(head);
      auto chunk = [](std::string_view s) {
        char size[16];
        std::snprintf(size, sizeof size, "%zx\r\n", s.size());
        return std::string(size) + std::string(s) + "\r\n";
      };
      for (int i = 0; i < events; ++i) c.write_pause(chunk(chunk_a), pause_ms);
      if (live) --*live;
      c.write(chunk("data: [DONE]\n\n") + "0\r\n\r\n");
    }
  });
}

prepared_dataset tiny_dataset(std::size_t n_conv, std::size_t turns, std::uint16_t port) {
  std::vector<conversation> convs(n_conv);
  for (std::size_t i = 0; i < n_conv; ++i) {
    convs[i].id = "c" + std::to_string(i);
    for (std::size_t t = 0; t < turns; ++t) convs[i].turns.push_back(turn{.text = "hello", .input_tokens = 1, .max_tokens = 3});
  }
  endpoints::openai_chat ep(endpoints::endpoint_options{.model = "m", .streaming = true});
  return prepare_dataset(ep, std::move(convs), "127.0.0.1:" + std::to_string(port));
}

endpoint_decoder chat_decoder() {
  return endpoint_decoder(endpoints::openai_chat(endpoints::endpoint_options{.model = "m", .streaming = true}));
}

/// Copies of the records the processing thread hands to the observer: a shard reuses a record's
/// memory once it has been observed, so a test keeps its own.
struct kept_records {
  std::vector<request_record> all;
  record_observer observer() {
    return [this](request_record const& r) { all.push_back(r); };
  }
  template <class F>
  [[nodiscard]] std::vector<request_record> where(F keep) const {
    std::vector<request_record> out;
    for (auto const& r : all)
      if (keep(r)) out.push_back(r);
    return out;
  }
};

}  // namespace

TEST_CASE("closed loop: exact request count across shards, cap respected, full timelines", "[runner]") {
  std::atomic<int> live{0}, peak{0};
  auto server = sse_server(3, 2, &live, &peak);
  generator_config cfg;
  cfg.target = parse_url("http://127.0.0.1:" + std::to_string(server.port()));
  cfg.workers = 2;
  cfg.seed = 5;
  cfg.profiling.concurrency = 4;
  cfg.profiling.request_count = 30;
  cfg.warmup = phase_limits{benchmark_phase::warmup, 2, 4, std::nullopt, std::nullopt, std::nullopt};
  load_generator<schedules::concurrency> b(chat_decoder(), tiny_dataset(5, 1, server.port()), cfg);
  kept_records kept;
  const run_times times = b.run(schedules::concurrency{}, kept.observer());

  auto prof = kept.where([](auto const& r) { return r.phase == benchmark_phase::profiling; });
  auto warm = kept.where([](auto const& r) { return r.phase == benchmark_phase::warmup; });
  CHECK(prof.size() == 30);
  CHECK(warm.size() == 4);
  CHECK(kept.all.size() == 34);
  CHECK(peak.load() <= 4);
  std::set<std::uint64_t> nums;
  for (auto const& r : prof) {
    INFO("request " << r.request_num << " error " << (r.error ? r.error->message : ""));
    REQUIRE(r.ok());
    nums.insert(r.request_num);
    CHECK(r.http_status == 200);
    CHECK(r.content == "aaa");
    CHECK(r.intended_ns <= r.start_ns);
    CHECK(r.start_ns < r.ack_ns);
    REQUIRE(r.first_content() >= 0);
    CHECK(r.ack_ns <= r.chunks[static_cast<std::size_t>(r.first_content())].recv_ns);
    CHECK(r.chunks.back().recv_ns <= r.end_ns);
    CHECK(r.start_ns >= times.profiling_start_ns);
    CHECK(r.wall_start_ns == times.anchor.to_wall(r.start_ns));
    for (std::size_t i = 1; i < r.chunks.size(); ++i) CHECK(r.chunks[i - 1].recv_ns <= r.chunks[i].recv_ns);
  }
  CHECK(nums.size() == 30);
  CHECK(*nums.rbegin() == 29);
}

// The same run with the schedule static (a custom main) and erased (the driver).
TEMPLATE_TEST_CASE("open loop with a duration: intended times follow the schedule and stop at the end", "[runner]",
                   schedules::constant, any_schedule) {
  auto server = sse_server(1, 0);
  generator_config cfg;
  cfg.target = parse_url("http://127.0.0.1:" + std::to_string(server.port()));
  cfg.workers = 2;
  // 20/s for 0.34 s: offsets k/20 s for k = 1..6, the last 40 ms before the end.  The margin is
  // wider than the pacer's catch-up limit (10 ms) several times over, so a thread stalled by a
  // sanitizer on a loaded machine re-anchors without pushing the last arrival out of the window.
  cfg.profiling.duration_ns = 340'000'000;
  cfg.profiling.grace_ns = 5'000'000'000;
  load_generator<TestType> b(chat_decoder(), tiny_dataset(3, 1, server.port()), cfg);
  kept_records kept;
  const run_times times = b.run(TestType(schedules::constant(20.0)), kept.observer());
  auto const& prof = kept.all;
  CHECK(prof.size() == 6);
  std::set<std::int64_t> offsets;
  for (auto const& r : prof) {
    CHECK(r.ok());
    offsets.insert(r.intended_ns - times.profiling_start_ns);
    CHECK(r.start_ns >= r.intended_ns);
  }
  CHECK(offsets.size() == 6);
  // k x 50 ms, or later by a re-anchoring stall (a loaded machine can stall the shard's thread
  // past the 10 ms catch-up limit even before the first tick), never closer together.
  CHECK(*offsets.begin() >= 50'000'000);
  for (auto it = std::next(offsets.begin()); it != offsets.end(); ++it) CHECK(*it - *std::prev(it) >= 50'000'000);
  // On schedule (300 ms), or later by a re-anchoring stall, but never past the window.
  CHECK(*offsets.rbegin() >= 300'000'000);
  CHECK(*offsets.rbegin() < 340'000'000);
}

TEST_CASE("session count: sessions start up to the limit and finish all their turns", "[runner]") {
  auto server = sse_server(1, 0);
  generator_config cfg;
  cfg.target = parse_url("http://127.0.0.1:" + std::to_string(server.port()));
  cfg.workers = 1;
  cfg.profiling.concurrency = 2;
  cfg.profiling.session_count = 3;
  load_generator<schedules::concurrency> b(chat_decoder(), tiny_dataset(4, 3, server.port()), cfg);
  kept_records kept;
  b.run(schedules::concurrency{}, kept.observer());
  auto const& prof = kept.all;
  REQUIRE(prof.size() == 9);
  std::map<std::uint64_t, std::vector<std::uint32_t>> turns;
  for (auto const& r : prof) turns[r.session_num].push_back(r.turn_index);
  CHECK(turns.size() == 3);
  for (auto& [s, t] : turns) {
    std::sort(t.begin(), t.end());
    CHECK(t == std::vector<std::uint32_t>{0, 1, 2});
  }
}

TEST_CASE("multi-turn sessions: ids on every request, history carries the server's actual answers, think times",
          "[runner]") {
  // The server answers "<correlation id>#<user messages in the request>" and keeps every request.
  std::mutex mu;
  std::vector<std::string> seen;
  auto header = [](std::string const& req, std::string_view name) {
    const std::size_t at = req.find("\r\n" + std::string(name) + ": ");
    if (at == std::string::npos) return std::string();
    const std::size_t from = at + 4 + name.size();
    return req.substr(from, req.find("\r\n", from) - from);
  };
  auto count = [](std::string_view s, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string_view::npos; at = s.find(what, at + 1)) ++n;
    return n;
  };
  aiperf_test::test_server server([&](aiperf_test::server_conn& c, int) {
    while (auto req = c.read_request()) {
      {
        const std::lock_guard lock(mu);
        seen.push_back(*req);
      }
      const std::string answer = header(*req, "X-Correlation-ID") + "#" + std::to_string(count(*req, R"("role":"user")"));
      const std::string body = R"({"choices":[{"message":{"content":")" + answer + R"("}}]})";
      c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
              "\r\n\r\n" + body);
    }
  });
  std::vector<conversation> convs(2);
  for (std::size_t i = 0; i < 2; ++i) {
    convs[i].id = "conv" + std::to_string(i);
    for (std::int64_t t = 0; t < 3; ++t) convs[i].turns.push_back(turn{.text = "q" + std::to_string(t), .delay_ms = t ? 30 : 0});
  }
  endpoints::openai_chat ep(endpoints::endpoint_options{.model = "m", .streaming = false});
  generator_config cfg;
  cfg.target = parse_url("http://127.0.0.1:" + std::to_string(server.port()));
  cfg.workers = 2;
  cfg.profiling.concurrency = 2;
  cfg.profiling.session_count = 4;
  load_generator<schedules::concurrency> b(endpoint_decoder(ep),
                                           prepare_dataset(ep, std::move(convs), "127.0.0.1:" + std::to_string(server.port())),
                                           cfg);
  kept_records kept;
  b.run(schedules::concurrency{}, kept.observer());
  REQUIRE(kept.all.size() == 12);
  REQUIRE(seen.size() == 12);

  // Per session (correlation id): three turns in order, each after the previous answer plus its
  // think time, one id for the session, a new request id each time.
  std::map<std::string, std::vector<request_record>> sessions;
  std::set<std::string> request_ids;
  for (auto const& r : kept.all) {
    REQUIRE(r.ok());
    sessions[r.x_correlation_id].push_back(r);
    request_ids.insert(std::string(r.x_request_id.data(), r.x_request_id.size()));
  }
  CHECK(request_ids.size() == 12);
  REQUIRE(sessions.size() == 4);
  for (auto& [cid, rs] : sessions) {
    INFO("session " << cid);
    CHECK(cid.size() == 36);
    REQUIRE(rs.size() == 3);
    std::sort(rs.begin(), rs.end(), [](auto const& a, auto const& b) { return a.turn_index < b.turn_index; });
    for (std::size_t t = 0; t < 3; ++t) {
      CHECK(rs[t].turn_index == t);
      CHECK(rs[t].session_num == rs[0].session_num);
      CHECK(rs[t].content == cid + "#" + std::to_string(t + 1));
      if (t > 0) CHECK(rs[t].intended_ns >= rs[t - 1].end_ns + 30'000'000);
      CHECK(rs[t].start_ns >= rs[t].intended_ns);
    }
  }
  // What the server saw: each request names its session and request id; turn k carries the
  // session's first k answers, in place, and a Content-Length that counts them.
  for (std::string const& req : seen) {
    const std::string cid = header(req, "X-Correlation-ID"), rid = header(req, "X-Request-ID");
    INFO(req);
    REQUIRE(sessions.count(cid) == 1);
    CHECK(request_ids.count(rid) == 1);
    const std::string body = req.substr(req.find("\r\n\r\n") + 4);
    CHECK(std::stoul(header(req, "Content-Length")) == body.size());
    const std::size_t k = count(body, R"("role":"user")") - 1;
    std::string expect = "[";
    for (std::size_t t = 0; t <= k; ++t) {
      if (t) expect += ',';
      expect += R"({"role":"user","content":"q)" + std::to_string(t) + R"("})";
      if (t < k) expect += R"(,{"role":"assistant","content":")" + cid + "#" + std::to_string(t + 1) + R"("})";
    }
    CHECK(body.find(R"({"messages":)" + expect + "]") == 0);
  }
}

TEST_CASE("prefill concurrency: no two requests wait for their first token at once", "[runner]") {
  // Each answer: 20 ms to the first token, then two more tokens 20 ms apart.
  auto server = sse_server(3, 20);
  generator_config cfg;
  cfg.target = parse_url("http://127.0.0.1:" + std::to_string(server.port()));
  cfg.workers = 2;
  cfg.profiling.concurrency = 4;
  cfg.profiling.prefill_concurrency = 1;
  cfg.profiling.request_count = 8;
  load_generator<schedules::concurrency> b(chat_decoder(), tiny_dataset(4, 1, server.port()), cfg);
  kept_records kept;
  b.run(schedules::concurrency{}, kept.observer());
  REQUIRE(kept.all.size() == 8);
  // The slot is taken at the send and given back at the first token: those intervals never overlap.
  std::vector<std::pair<std::int64_t, std::int64_t>> prefill;
  for (auto const& r : kept.all) {
    REQUIRE(r.ok());
    REQUIRE(r.first_content() >= 0);
    prefill.emplace_back(r.start_ns, r.chunks[static_cast<std::size_t>(r.first_content())].recv_ns);
    CHECK(r.start_ns >= r.intended_ns);
  }
  std::sort(prefill.begin(), prefill.end());
  for (std::size_t i = 1; i < prefill.size(); ++i) CHECK(prefill[i].first >= prefill[i - 1].second);
}

TEST_CASE("request cancellation: the drawn requests are cancelled their delay after being written", "[runner]") {
  // Every answer is slow (a first token, then 8 more 20 ms apart), so a 30 ms delay cancels it.
  auto server = sse_server(9, 20);
  generator_config cfg;
  cfg.target = parse_url("http://127.0.0.1:" + std::to_string(server.port()));
  cfg.workers = 1;  // one shard: one stream of draws, so the test can repeat them
  cfg.seed = 11;
  cfg.profiling.concurrency = 4;
  cfg.profiling.request_count = 12;
  cfg.profiling.cancel_percent = 50;
  cfg.profiling.cancel_delay_ns = 30'000'000;
  cfg.warmup = phase_limits{benchmark_phase::warmup, 2, 3};
  cfg.warmup->cancel_percent = 50;  // ignored: warmup is never cancelled and draws nothing
  load_generator<schedules::concurrency> b(chat_decoder(), tiny_dataset(4, 1, server.port()), cfg);
  kept_records kept;
  b.run(schedules::concurrency{}, kept.observer());
  auto prof = kept.where([](auto const& r) { return r.phase == benchmark_phase::profiling; });
  auto warm = kept.where([](auto const& r) { return r.phase == benchmark_phase::warmup; });
  REQUIRE(prof.size() == 12);
  REQUIRE(warm.size() == 3);
  for (auto const& r : warm) CHECK(r.ok());
  // The same draws, in request order (one shard sends in request_num order).
  detail::rng g(detail::derive_seed(11, "timing.request.cancellation", 0));
  std::sort(prof.begin(), prof.end(), [](auto const& a, auto const& b) { return a.request_num < b.request_num; });
  std::size_t cancelled = 0;
  for (auto const& r : prof) {
    INFO("request " << r.request_num);
    const bool drawn = std::uniform_real_distribution<double>(0.0, 1.0)(g) < 0.5;
    CHECK(r.was_cancelled == drawn);
    if (!drawn) {
      CHECK(r.ok());
      continue;
    }
    ++cancelled;
    REQUIRE(r.error);
    CHECK(r.error->code == 499);
    CHECK(r.error->type == "RequestCancellationError");
    // "Request cancelled 0.03Ns after being sent": at least the delay, measured from the write.
    REQUIRE(r.error->message.starts_with("Request cancelled "));
    REQUIRE(r.error->message.ends_with("s after being sent"));
    CHECK(std::stod(r.error->message.substr(18)) >= 0.030);
    CHECK(r.cancel_ns - r.start_ns >= 30'000'000);
  }
  CHECK(cancelled > 0);
  CHECK(cancelled < 12);
}

TEST_CASE("user-centric: a user's turns are paced a gap apart, named by the user, within its turn budget", "[runner]") {
  auto server = sse_server(1, 0);
  generator_config cfg;
  cfg.target = parse_url("http://127.0.0.1:" + std::to_string(server.port()));
  cfg.workers = 2;
  cfg.profiling.session_count = 4;  // the initial users and one replacement
  // 3 users at 30 req/s: turn gap 100 ms, stagger 33 ms; 3-turn conversations.
  const auto sched = schedules::user_centric({.qps = 30.0, .users = 3});
  prepared_dataset data = tiny_dataset(2, 3, server.port());
  const auto bound = sched.bind(data.conversations);
  load_generator<schedules::user_centric> b(chat_decoder(), std::move(data), cfg);
  kept_records kept;
  const run_times times = b.run(bound, kept.observer());
  std::map<std::string, std::vector<request_record>> users;
  for (auto const& r : kept.all) users[r.x_correlation_id].push_back(r);
  // Spec §5.5 with U=3, T=3 (L=2): user 1 finished before the start, users 2 and 3 have 1 and 2
  // turns left, user 4 starts fresh at 0; user 5 replaces the first to finish.
  CHECK(users.size() == 4);
  for (auto& [id, rs] : users) {
    INFO("user " << id);
    std::sort(rs.begin(), rs.end(), [](auto const& a, auto const& b) { return a.turn_index < b.turn_index; });
    const std::size_t expect = id == "2" ? 1 : id == "3" ? 2 : 3;
    CHECK(rs.size() == expect);
    for (std::size_t t = 1; t < rs.size(); ++t) CHECK(rs[t].intended_ns - rs[t - 1].intended_ns >= 100'000'000);
    for (auto const& r : rs) CHECK(r.ok());
  }
  REQUIRE(users.count("4") == 1);
  // The fresh user goes first, at the phase start (or at the stall's end when a loaded machine
  // stalled the shard before it: the schedule then re-anchors, but the order stays).
  std::int64_t first = std::numeric_limits<std::int64_t>::max();
  for (auto const& r : kept.all) first = std::min(first, r.intended_ns);
  CHECK(users["4"].front().intended_ns == first);
  CHECK(first >= times.profiling_start_ns);
}

TEST_CASE("trace replay under a concurrency cap: entries wait for a slot and keep their trace times", "[runner]") {
  // Six entries 10 ms apart, answers of about 60 ms (3 chunks 20 ms apart), one slot: every entry
  // but the first finds the slot taken.  Spec §5.4: the cap delays the send, it never drops it
  // (a request-rate tick would be skipped instead).
  std::atomic<int> live{0}, peak{0};
  auto server = sse_server(3, 20, &live, &peak);
  generator_config cfg;
  cfg.target = parse_url("http://127.0.0.1:" + std::to_string(server.port()));
  cfg.workers = 1;
  cfg.profiling.concurrency = 1;
  cfg.profiling.request_count = 6;
  std::vector<conversation> convs(6);
  for (std::size_t i = 0; i < convs.size(); ++i) {
    convs[i].id = "t" + std::to_string(i);
    convs[i].turns.push_back(turn{.text = "hello", .input_tokens = 1, .max_tokens = 3,
                                  .timestamp_ms = 1000 + 10 * static_cast<std::int64_t>(i)});
  }
  const auto bound = schedules::fixed_schedule({.auto_offset = true}).bind(convs);
  cfg.profiling.trace_zero_ms = bound.zero_ms();
  endpoints::openai_chat ep(endpoints::endpoint_options{.model = "m", .streaming = true});
  load_generator<schedules::fixed_schedule> b(chat_decoder(), prepare_dataset(ep, std::move(convs), "127.0.0.1"), cfg);
  kept_records kept;
  const run_times times = b.run(bound, kept.observer());
  REQUIRE(kept.all.size() == 6);
  CHECK(b.skipped() == 0);
  CHECK(peak.load() == 1);
  auto rs = kept.all;
  std::sort(rs.begin(), rs.end(), [](auto const& a, auto const& c) { return a.start_ns < c.start_ns; });
  for (std::size_t i = 0; i < rs.size(); ++i) {
    INFO("entry " << i);
    CHECK(rs[i].ok());
    CHECK(rs[i].x_correlation_id == "fixed-schedule-t" + std::to_string(i));  // sent in trace order
    // Trace times, 10 ms apart: waiting for the slot never re-anchors the schedule.  (Only a stall
    // before the first send, as a sanitizer build on a loaded machine can have, shifts them all.)
    CHECK(rs[i].intended_ns - rs[0].intended_ns == 10'000'000 * static_cast<std::int64_t>(i));
    CHECK(rs[i].intended_ns >= times.profiling_start_ns);
    if (i > 0) CHECK(rs[i].start_ns >= rs[i - 1].end_ns);  // it waited for the slot to be given back
  }
}

TEST_CASE("cancel: in-flight requests become cancellation error records", "[runner]") {
  // First event, then silence far longer than the canceller waits (~0.5 s); the server's
  // destructor waits the pause out, so it is not longer than needed.
  auto server = sse_server(1, 5'000);
  generator_config cfg;
  cfg.target = parse_url("http://127.0.0.1:" + std::to_string(server.port()));
  cfg.workers = 1;
  cfg.profiling.concurrency = 3;
  cfg.profiling.request_count = 100;
  load_generator<schedules::concurrency> b(chat_decoder(), tiny_dataset(2, 1, server.port()), cfg);
  std::thread canceller([&] {
    // Wait until the three requests are in flight (the server holds them), then cancel.
    for (int i = 0; i < 500 && b.completed() == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      if (i == 50) break;
    }
    b.cancel();
  });
  kept_records kept;
  b.run(schedules::concurrency{}, kept.observer());
  canceller.join();
  auto const& prof = kept.all;
  REQUIRE(prof.size() == 3);
  for (auto const& r : prof) {
    REQUIRE(r.error);
    CHECK(r.error->code == 499);
    CHECK(r.was_cancelled);
    CHECK(r.end_ns >= r.start_ns);
  }
  CHECK(b.stopped());
}

TEST_CASE("connection refused: every request is an error record, the run still ends", "[runner]") {
  std::uint16_t port;
  {
    auto server = sse_server(1, 0);
    port = server.port();
  }  // closed: nothing listens there now
  generator_config cfg;
  cfg.target = parse_url("http://127.0.0.1:" + std::to_string(port));
  cfg.profiling.concurrency = 2;
  cfg.profiling.request_count = 10;
  load_generator<schedules::concurrency> b(chat_decoder(), tiny_dataset(2, 1, port), cfg);
  kept_records kept;
  b.run(schedules::concurrency{}, kept.observer());
  auto const& prof = kept.all;
  REQUIRE(prof.size() == 10);
  for (auto const& r : prof) {
    REQUIRE(r.error);
    CHECK(r.error->type == "ConnectionError");
  }
}

TEST_CASE("warmup runs first with its own schedule; the observer sees every record once", "[runner]") {
  auto server = sse_server(1, 0);
  generator_config cfg;
  cfg.target = parse_url("http://127.0.0.1:" + std::to_string(server.port()));
  cfg.workers = 1;
  cfg.warmup = phase_limits{benchmark_phase::warmup, 2, 3, std::nullopt, std::nullopt, std::nullopt};
  cfg.profiling.request_count = 5;  // no concurrency cap: no tick is ever skipped
  load_generator<any_schedule> b(chat_decoder(), tiny_dataset(2, 1, server.port()), cfg);
  kept_records kept;  // only the processing thread writes
  const run_times times = b.run(schedules::constant(20.0), kept.observer(), any_schedule(schedules::concurrency{}));
  std::vector<std::pair<benchmark_phase, std::uint64_t>> observed;
  for (auto const& r : kept.all) observed.emplace_back(r.phase, r.request_num);
  REQUIRE(observed.size() == 8);
  // One shard: its log holds the warmup records before the profiling ones.
  for (std::size_t i = 0; i < 3; ++i) CHECK(observed[i].first == benchmark_phase::warmup);
  for (std::size_t i = 3; i < 8; ++i) CHECK(observed[i].first == benchmark_phase::profiling);
  std::set<std::uint64_t> warm_nums, prof_nums;
  for (auto const& [phase, num] : observed) (phase == benchmark_phase::warmup ? warm_nums : prof_nums).insert(num);
  CHECK(warm_nums == std::set<std::uint64_t>{0, 1, 2});  // numbered within each phase
  CHECK(prof_nums == std::set<std::uint64_t>{0, 1, 2, 3, 4});
  // Profiling followed its open-loop schedule (k x 50 ms); warmup was closed loop, before it.
  std::set<std::int64_t> offsets;
  for (auto const& r : kept.all) {
    CHECK(r.ok());
    if (r.phase == benchmark_phase::profiling) offsets.insert(r.intended_ns - times.profiling_start_ns);
    else CHECK(r.end_ns <= times.profiling_start_ns);
  }
  CHECK(offsets == std::set<std::int64_t>{50'000'000, 100'000'000, 150'000'000, 200'000'000, 250'000'000});
  CHECK(b.completed() == 8);
  CHECK(b.skipped() == 0);
  CHECK_FALSE(b.stopped());
  REQUIRE(b.shard_load().size() == 1);
}

TEST_CASE("concurrency ramp: never more in flight than the ramp allows, the full limit after it", "[runner][ramp]") {
  // Each answer takes about 100 ms (5 chunks 20 ms apart); the limit 4 ramps up over 0.6 s
  // (2 at 0.2 s, 3 at 0.4 s, 4 at 0.6 s), split over two shards as it grows.
  auto server = sse_server(5, 20);
  generator_config cfg;
  cfg.target = parse_url("http://127.0.0.1:" + std::to_string(server.port()));
  cfg.workers = 2;
  cfg.profiling.concurrency = 4;
  cfg.profiling.request_count = 40;
  cfg.profiling.concurrency_ramp_ns = 600'000'000;
  load_generator<schedules::concurrency> b(chat_decoder(), tiny_dataset(4, 1, server.port()), cfg);
  kept_records kept;
  const run_times times = b.run(schedules::concurrency{}, kept.observer());
  REQUIRE(kept.all.size() == 40);
  const schedules::concurrency_ramp ramp{4, 600'000'000};
  // A session holds its slot from before the send to after the end, so at any request's send
  // the requests in flight (itself included) are at most the ramp's value then.  The steady
  // clock only moves forward: no margin is needed.
  std::int64_t peak = 0;
  for (auto const& r : kept.all) {
    REQUIRE(r.ok());
    std::int64_t live = 0;
    for (auto const& o : kept.all) live += o.start_ns <= r.start_ns && r.start_ns < o.end_ns ? 1 : 0;
    INFO("sent " << (r.start_ns - times.profiling_start_ns) / 1'000'000 << " ms after the start");
    CHECK(live <= ramp.value_at(r.start_ns - times.profiling_start_ns));
    peak = std::max(peak, live);
  }
  CHECK(peak == 4);
  // The first request is alone: at most one goes in the first step.
  const auto first_step = std::count_if(kept.all.begin(), kept.all.end(), [&](auto const& r) {
    return r.start_ns - times.profiling_start_ns < ramp.time_of(2);
  });
  CHECK(first_step >= 1);
  CHECK(first_step <= 3);  // ~2 of 100 ms each; generous
}

TEST_CASE("prefill concurrency ramp: requests waiting for a first token never exceed the ramp", "[runner][ramp]") {
  // 40 ms to the first token; prefill 3 ramps over 0.4 s (2 at 0.2 s, 3 at 0.4 s).
  auto server = sse_server(3, 40);
  generator_config cfg;
  cfg.target = parse_url("http://127.0.0.1:" + std::to_string(server.port()));
  cfg.workers = 1;
  cfg.profiling.concurrency = 6;
  cfg.profiling.prefill_concurrency = 3;
  cfg.profiling.request_count = 30;
  cfg.profiling.prefill_concurrency_ramp_ns = 400'000'000;
  load_generator<schedules::concurrency> b(chat_decoder(), tiny_dataset(4, 1, server.port()), cfg);
  kept_records kept;
  const run_times times = b.run(schedules::concurrency{}, kept.observer());
  REQUIRE(kept.all.size() == 30);
  const schedules::concurrency_ramp ramp{3, 400'000'000};
  for (auto const& r : kept.all) {
    REQUIRE(r.ok());
    REQUIRE(r.first_content() >= 0);
    std::int64_t waiting = 0;
    for (auto const& o : kept.all)
      waiting += o.start_ns <= r.start_ns && r.start_ns < o.chunks[static_cast<std::size_t>(o.first_content())].recv_ns;
    CHECK(waiting <= ramp.value_at(r.start_ns - times.profiling_start_ns));
  }
}
