// SPDX-License-Identifier: Apache-2.0
// mock_server/server.hpp — the aiperf-mock-server core: Asio acceptors and connections, the
// OpenAI-shaped responses, timed SSE streams with absolute deadlines, faults and /metrics.
#pragma once
#include "config.hpp"
#include "generation.hpp"
#include "http.hpp"

#include <aiperf/clock.hpp>
#include <aiperf/detail/json_text.hpp>
#include <aiperf/detail/rng.hpp>

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace mock {

// ---- metrics -----------------------------------------------------------------------------

/// A Prometheus histogram with fixed bucket bounds (seconds); lock-free, shared by workers.
template <std::size_t N>
struct histogram {
  std::array<double, N> bounds;
  std::array<std::atomic<std::uint64_t>, N> counts{};  // per bucket (non-cumulative)
  std::atomic<std::uint64_t> count{0};
  std::atomic<std::uint64_t> sum_ns{0};

  explicit histogram(std::array<double, N> b) : bounds(b) {}

  void observe(std::int64_t ns) noexcept {
    if (ns < 0) ns = 0;
    const double s = static_cast<double>(ns) * 1e-9;
    for (std::size_t i = 0; i < N; ++i)
      if (s <= bounds[i]) {
        counts[i].fetch_add(1, std::memory_order_relaxed);
        break;
      }
    count.fetch_add(1, std::memory_order_relaxed);
    sum_ns.fetch_add(static_cast<std::uint64_t>(ns), std::memory_order_relaxed);
  }

  void write(std::string& out, std::string_view name, std::string_view help, std::string_view labels) const {
    auto o = std::back_inserter(out);
    fmt::format_to(o, "# HELP {} {}\n# TYPE {} histogram\n", name, help, name);
    std::uint64_t cum = 0;
    for (std::size_t i = 0; i < N; ++i) {
      cum += counts[i].load(std::memory_order_relaxed);
      fmt::format_to(o, "{}_bucket{{{},le=\"{}\"}} {}\n", name, labels, bounds[i], cum);
    }
    const auto c = count.load(std::memory_order_relaxed);
    fmt::format_to(o, "{}_bucket{{{},le=\"+Inf\"}} {}\n", name, labels, c);
    fmt::format_to(o, "{}_sum{{{}}} {}\n", name, labels,
                   static_cast<double>(sum_ns.load(std::memory_order_relaxed)) * 1e-9);
    fmt::format_to(o, "{}_count{{{}}} {}\n", name, labels, c);
  }
};

/// Counters shared by all workers (relaxed atomics: they are statistics, not synchronisation).
struct server_metrics {
  std::atomic<std::uint64_t> requests_total{0};     ///< every HTTP request answered or aborted
  std::atomic<std::uint64_t> inference_requests{0};  ///< chat/completions/embeddings
  std::atomic<std::uint64_t> streamed{0};
  std::atomic<std::uint64_t> errors{0};               ///< error statuses and in-stream errors
  std::atomic<std::uint64_t> faults{0};               ///< requests that had any fault applied
  std::atomic<std::uint64_t> success_length{0};
  std::atomic<std::uint64_t> success_stop{0};
  std::atomic<std::int64_t> running{0};
  std::atomic<std::uint64_t> prompt_tokens{0};
  std::atomic<std::uint64_t> generation_tokens{0};
  std::atomic<std::uint64_t> connections_total{0};
  std::atomic<std::int64_t> connections_open{0};
  histogram<16> ttft{{0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0}};
  histogram<16> itl{{0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25,
                     0.5, 1.0}};
  histogram<15> e2e{{0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0}};
};

inline std::string_view reason_phrase(int status) noexcept {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return status < 400 ? "OK" : "Error";
  }
}

inline std::string_view error_type(int status) noexcept {
  switch (status) {
    case 400: return "BadRequestError";
    case 404: return "NotFoundError";
    case 429: return "RateLimitError";
    case 503: return "ServiceUnavailableError";
    default: return status >= 500 ? "InternalServerError" : "Error";
  }
}

using aiperf::detail::append_json_escaped;  // the contents of a JSON string, quotes not included
using aiperf::detail::append_json_string;

class server;

/// --request-log: one JSON line per inference request as it arrived, so a test (or a person)
/// can see exactly what a client sent: arrival time, path, the session headers and the body.
/// Every worker writes through one lock, flushed per line: a checking aid, not for load runs.
///   {"recv_ns":<wall ns>,"path":"/v1/chat/completions","x_request_id":"…","x_correlation_id":"…","body":"<the body, as a JSON string>"}
class request_log {
 public:
  explicit request_log(std::string const& path) : file_(std::fopen(path.c_str(), "w")) {
    if (file_ == nullptr) throw std::runtime_error("--request-log: cannot open '" + path + "' for writing");
  }
  request_log(request_log const&) = delete;
  request_log& operator=(request_log const&) = delete;
  ~request_log() { std::fclose(file_); }

  void write(std::int64_t recv_wall_ns, http_request const& req) {
    std::string line = fmt::format(R"({{"recv_ns":{},"path":)", recv_wall_ns);
    append_json_string(line, req.target);
    line += R"(,"x_request_id":)";
    append_json_string(line, req.request_id);
    line += R"(,"x_correlation_id":)";
    append_json_string(line, req.correlation_id);
    line += R"(,"body":)";
    append_json_string(line, req.chunked ? std::string_view(req.decoded_body) : req.body);
    line += "}\n";
    const std::lock_guard lock(mu_);
    std::fwrite(line.data(), 1, line.size(), file_);
    std::fflush(file_);
  }

 private:
  std::FILE* file_;
  std::mutex mu_;
};

namespace detail {

/// What one worker thread owns: its io_context, its listener and per-thread scratch state.
struct worker {
  unsigned index = 0;
  asio::io_context ioc{1};
  std::unique_ptr<asio::ip::tcp::acceptor> acceptor;
  std::unique_ptr<asio::steady_timer> accept_retry;
  std::mt19937_64 rng;
  simdjson::ondemand::parser parser;
  std::string json_buf;  ///< padded copy of a request body for simdjson
  std::thread thread;
};

inline std::chrono::steady_clock::time_point to_time_point(std::int64_t ns) {
  return std::chrono::steady_clock::time_point(std::chrono::nanoseconds(ns));
}

}  // namespace detail

// ---- connection ----------------------------------------------------------------------------

/// Upper bound on tokens per request: a non-streaming body is built in memory.
inline constexpr std::int64_t max_generated_tokens = 1'000'000;
/// write_head's content_length for a close-delimited body (no Content-Length header).
inline constexpr std::size_t npos_length = static_cast<std::size_t>(-1);

class connection : public std::enable_shared_from_this<connection> {
 public:
  connection(server& srv, detail::worker& w, asio::ip::tcp::socket sock);
  ~connection();
  void start();

 private:
  enum class after_write { pump, finish, finish_close, close, reset };
  /// The answers that are one JSON body of vectors or scores, by route.
  enum class vector_kind { none, embeddings, nim_rankings, tei_rankings, cohere_rankings, images };

  struct gen_state {
    bool chat = true;
    bool stream = false;
    bool include_usage = false;
    bool keep_alive = true;
    std::int64_t arrival = 0;
    std::int64_t next_deadline = 0;
    std::uint64_t reasoning_total = 0, content_total = 0;
    std::uint64_t reasoning_sent = 0, content_sent = 0;
    std::uint64_t events_total = 0, events_sent = 0;
    std::uint64_t prompt_tokens = 0;
    std::int64_t last_event_ns = 0;
    bool length_limited = true;
    bool stall_done = false, malformed_done = false;
    bool close_delimited = false;  ///< body ends at connection close (HTTP/1.0 or the fault)
    bool details = false;          ///< TGI: the request asked for details (a body's token counts)
    fault_spec f{};
  };

  void do_read();
  void process();
  void handle(http_request& req);
  void handle_inference(http_request& req, bool chat, const fault_spec& f);
  void handle_vectors(http_request& req, vector_kind kind, const fault_spec& f);
  /// Counts an accepted inference request as running and, when its fault asks for an error
  /// status, answers with it (after the slow-headers delay, if any, so clients see a slow
  /// error): true when the request was answered that way.  g_.arrival must be set.
  bool start_request(std::uint64_t prompt_tokens, const fault_spec& f, bool ka);
  void finish_vectors();
  std::string parse_body(http_request const& req, request_params& p);
  void begin_generation();
  void pump();
  void finish_nonstream();
  void append_token_event();
  void append_tail();
  void frame_events();
  void flush(after_write then);
  void on_written(after_write then);
  void end_response(bool keep_alive);
  void send_simple(int status, std::string_view content_type, std::string_view body, bool keep_alive);
  void send_error(int status, std::string_view message, bool keep_alive);
  void send_hostile_error(int status, bool keep_alive);
  void write_head(int status, std::string_view content_type, std::size_t content_length, bool chunked,
                  bool keep_alive);
  void abort(bool reset);
  [[nodiscard]] std::uint64_t tokens_in_event(bool reasoning) const;
  std::int64_t draw_itl();
  void note_token_event(std::uint64_t n, bool first);
  // The other vendors' shapes (api_ != wire_api::openai): their token events, stream tail,
  // bodies, in-stream faults and error bodies.
  void append_vendor_token_event(bool reasoning, std::uint64_t n, bool first, bool last, std::uint64_t base);
  void append_vendor_tail();
  void append_vendor_malformed();
  void append_vendor_stream_error();
  void build_vendor_body();
  void send_vendor_error(int status, std::string_view message, bool keep_alive);
  void append_words(std::string& out, std::uint64_t from, std::uint64_t count) const;

  server& srv_;
  detail::worker& w_;
  asio::ip::tcp::socket sock_;
  asio::steady_timer timer_;
  std::vector<char> in_;
  std::size_t in_pos_ = 0, in_len_ = 0;
  std::int64_t last_read_ns_ = 0;
  bool busy_ = false;
  bool reading_ = false;
  bool continue_sent_ = false;  ///< 100 Continue already sent for the request being received
  bool in_flight_ = false;  ///< counted in metrics.running
  std::string out_;     ///< bytes of the next write
  std::string ev_;      ///< SSE events not yet framed as one HTTP chunk
  std::string prefix_;  ///< `data: {"id":…,"model":…,"choices":[{"index":0,` for this request
  std::string model_;
  std::uint64_t request_id_ = 0;
  gen_state g_;
  wire_api api_ = wire_api::openai;  ///< the API of the request being answered (from its path)
};

// ---- server --------------------------------------------------------------------------------

/// The mock server.  start() binds (port 0 → ephemeral) and runs `workers` threads;
/// stop() closes the listeners and joins.  Safe to embed in tests.
class server {
 public:
  explicit server(server_config cfg)
      : cfg_(std::move(cfg)), ttft_(cfg_.ttft), itl_(cfg_.itl) {
    if (!cfg_.request_log.empty()) log_ = std::make_unique<request_log>(cfg_.request_log);
    if (cfg_.workers == 0) cfg_.workers = 1;
    if (cfg_.tokens_per_chunk == 0) cfg_.tokens_per_chunk = 1;
  }
  server(const server&) = delete;
  server& operator=(const server&) = delete;
  ~server() { stop(); }

  /// Binds and starts the worker threads.  Throws std::system_error on bind failure.
  void start() {
    const auto addr = asio::ip::make_address(cfg_.host);
    std::uint16_t port = cfg_.port;
    started_ns_ = steady_ns();
    for (unsigned i = 0; i < cfg_.workers; ++i) {
      auto w = std::make_unique<detail::worker>();
      w->index = i;
      w->rng.seed(cfg_.seed * 0x9E3779B97F4A7C15ull + i + 1);
      w->acceptor = std::make_unique<asio::ip::tcp::acceptor>(w->ioc);
      asio::ip::tcp::endpoint ep(addr, port);
      w->acceptor->open(ep.protocol());
      w->acceptor->set_option(asio::socket_base::reuse_address(true));
      if (cfg_.workers > 1) {
        const int one = 1;
        ::setsockopt(w->acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
      }
      w->acceptor->bind(ep);
      w->acceptor->listen(asio::socket_base::max_listen_connections);
      port = w->acceptor->local_endpoint().port();  // later workers share the bound port
      w->accept_retry = std::make_unique<asio::steady_timer>(w->ioc);
      workers_.push_back(std::move(w));
    }
    port_ = port;
    for (auto& w : workers_) {
      do_accept(*w);
      w->thread = std::thread([wp = w.get()] { wp->ioc.run(); });
    }
  }

  /// Stops accepting, ends every connection and joins the threads.  Idempotent.
  void stop() {
    if (stopped_.exchange(true)) return;
    for (auto& w : workers_) {
      asio::post(w->ioc, [wp = w.get()] {
        std::error_code ec;
        if (wp->acceptor) wp->acceptor->close(ec);
        wp->ioc.stop();
      });
    }
    for (auto& w : workers_)
      if (w->thread.joinable()) w->thread.join();
    // Destroying the io_contexts destroys pending handlers and with them the connections.
    for (auto& w : workers_) {
      w->acceptor.reset();
      w->accept_retry.reset();
    }
    workers_.clear();
  }

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  [[nodiscard]] const server_config& config() const noexcept { return cfg_; }
  [[nodiscard]] const server_metrics& metrics() const noexcept { return metrics_; }
  server_metrics& metrics() noexcept { return metrics_; }
  [[nodiscard]] const latency_sampler& ttft() const noexcept { return ttft_; }
  [[nodiscard]] const latency_sampler& itl() const noexcept { return itl_; }
  /// The --request-log writer, or null.
  [[nodiscard]] request_log* log() const noexcept { return log_.get(); }
  std::uint64_t next_request_id() noexcept { return ids_.fetch_add(1, std::memory_order_relaxed) + 1; }

  /// The primary model name (echoed when a request names none, and labelled in /metrics).
  [[nodiscard]] std::string_view primary_model() const noexcept {
    return cfg_.models.empty() ? std::string_view("mock-model") : std::string_view(cfg_.models.front());
  }
  [[nodiscard]] bool model_allowed(std::string_view m) const noexcept {
    if (cfg_.models.empty() || m.empty()) return true;
    return std::find(cfg_.models.begin(), cfg_.models.end(), m) != cfg_.models.end();
  }

  /// GET /v1/models body.
  [[nodiscard]] std::string models_json() const {
    std::string out = R"({"object":"list","data":[)";
    const auto created = static_cast<long long>(std::time(nullptr));
    bool first = true;
    auto add = [&](std::string_view name) {
      if (!first) out += ',';
      first = false;
      out += R"({"id":")";
      append_json_escaped(out, name);
      fmt::format_to(std::back_inserter(out), R"(","object":"model","created":{},"owned_by":"aiperf-mock"}})",
                     created);
    };
    if (cfg_.models.empty()) add("mock-model");
    for (const auto& m : cfg_.models) add(m);
    out += "]}";
    return out;
  }

  /// GET /metrics body: vLLM-style series plus mock DCGM-exporter gauges.
  [[nodiscard]] std::string metrics_text() const {
    std::string out;
    out.reserve(8192);
    auto o = std::back_inserter(out);
    std::string labels = "model_name=\"";
    append_json_escaped(labels, primary_model());
    labels += '"';
    const auto& m = metrics_;
    auto gauge = [&](std::string_view name, std::string_view help, auto v) {
      fmt::format_to(o, "# HELP {} {}\n# TYPE {} gauge\n{}{{{}}} {}\n", name, help, name, name, labels, v);
    };
    auto counter = [&](std::string_view name, std::string_view help, auto v) {
      fmt::format_to(o, "# HELP {} {}\n# TYPE {} counter\n{}{{{}}} {}\n", name, help, name, name, labels, v);
    };
    const auto running = std::max<std::int64_t>(0, m.running.load(std::memory_order_relaxed));
    gauge("vllm:num_requests_running", "Requests currently generating (aiperf-mock-server).", running);
    gauge("vllm:num_requests_waiting", "Requests waiting (always 0 in the mock).", 0);
    gauge("vllm:gpu_cache_usage_perc", "KV-cache usage (mock: derived from running requests).",
          std::min(1.0, static_cast<double>(running) / 256.0));
    counter("vllm:prompt_tokens_total", "Prompt tokens processed (estimated).",
            m.prompt_tokens.load(std::memory_order_relaxed));
    counter("vllm:generation_tokens_total", "Generated tokens.", m.generation_tokens.load(std::memory_order_relaxed));
    fmt::format_to(o, "# HELP vllm:request_success_total Finished requests by reason.\n"
                      "# TYPE vllm:request_success_total counter\n");
    fmt::format_to(o, "vllm:request_success_total{{{},finished_reason=\"length\"}} {}\n", labels,
                   m.success_length.load(std::memory_order_relaxed));
    fmt::format_to(o, "vllm:request_success_total{{{},finished_reason=\"stop\"}} {}\n", labels,
                   m.success_stop.load(std::memory_order_relaxed));
    m.ttft.write(out, "vllm:time_to_first_token_seconds", "Time to first token (server side).", labels);
    m.itl.write(out, "vllm:time_per_output_token_seconds", "Inter-token latency (server side).", labels);
    m.e2e.write(out, "vllm:e2e_request_latency_seconds", "End-to-end request latency (server side).", labels);
    counter("aiperf_mock:requests_total", "HTTP requests answered.", m.requests_total.load(std::memory_order_relaxed));
    counter("aiperf_mock:errors_total", "Error responses and in-stream errors.",
            m.errors.load(std::memory_order_relaxed));
    counter("aiperf_mock:faults_total", "Requests with an injected fault.", m.faults.load(std::memory_order_relaxed));
    gauge("aiperf_mock:connections_open", "Open client connections.",
          m.connections_open.load(std::memory_order_relaxed));
    // DCGM-exporter style gauges.  MOCK VALUES: there is no GPU; they follow the load so that
    // GPU-telemetry code paths can be exercised.
    const std::string_view dl = R"x(gpu="0",UUID="GPU-00000000-0000-0000-0000-a1pe4f0m0c00",device="nvidia0",)x"
                                R"x(modelName="aiperf-mock (not a real GPU)",Hostname="aiperf-mock-server")x";
    auto dcgm = [&](std::string_view name, std::string_view help, double v) {
      fmt::format_to(o, "# HELP {} {} (mock value)\n# TYPE {} gauge\n{}{{{}}} {}\n", name, help, name, name, dl, v);
    };
    const double util = std::min(100.0, static_cast<double>(running) * 12.5);
    dcgm("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).", util);
    dcgm("DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).", 20480.0 + static_cast<double>(running) * 64.0);
    dcgm("DCGM_FI_DEV_FB_FREE", "Framebuffer memory free (in MiB).",
         std::max(0.0, 61440.0 - static_cast<double>(running) * 64.0));
    dcgm("DCGM_FI_DEV_POWER_USAGE", "Power draw (in W).", 75.0 + util * 3.25);
    dcgm("DCGM_FI_DEV_GPU_TEMP", "GPU temperature (in C).", 35.0 + util * 0.4);
    dcgm("DCGM_FI_DEV_SM_CLOCK", "SM clock frequency (in MHz).", util > 0 ? 1980.0 : 345.0);
    return out;
  }

  /// GET /dcgm/metrics body: a DCGM-exporter page for two mock GPUs with FIXED values, so that
  /// tests can assert exact GPU-telemetry outputs (docs/mock-server.md lists them).  Only the
  /// energy counter moves: 1e6 mJ (GPU 0) and 2e6 mJ (GPU 1) per inference request received,
  /// so a run of N requests reads N*0.001 MJ and N*0.002 MJ.
  [[nodiscard]] std::string dcgm_text() const {
    std::string out;
    auto o = std::back_inserter(out);
    const double requests = static_cast<double>(metrics_.inference_requests.load(std::memory_order_relaxed));
    struct gpu {
      int index;
      std::string_view uuid, pci;
      double power, util, mem_util, fb_used, temp, sm_active, energy_per_request;
    };
    static constexpr gpu gpus[] = {
        {0, "GPU-a1pe4f00-0000-4000-8000-000000000000", "00000000:01:00.0", 250.5, 42, 17, 40960, 55, 0.5, 1e6},
        {1, "GPU-a1pe4f00-0000-4000-8000-000000000001", "00000000:02:00.0", 300.25, 84, 34, 20480, 61, 0.25, 2e6}};
    auto family = [&](std::string_view name, std::string_view type, std::string_view help, auto value_of) {
      fmt::format_to(o, "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
      for (auto const& g : gpus)
        fmt::format_to(o,
                       "{}{{gpu=\"{}\",UUID=\"{}\",pci_bus_id=\"{}\",device=\"nvidia{}\",modelName=\"aiperf mock GPU\","
                       "Hostname=\"aiperf-mock-server\"}} {}\n",
                       name, g.index, g.uuid, g.pci, g.index, value_of(g));
    };
    family("DCGM_FI_DEV_POWER_USAGE", "gauge", "Power draw (in W).", [](gpu const& g) { return g.power; });
    family("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "counter", "Total energy consumption since boot (in mJ).",
           [&](gpu const& g) { return g.energy_per_request * requests; });
    family("DCGM_FI_DEV_GPU_UTIL", "gauge", "GPU utilization (in %).", [](gpu const& g) { return g.util; });
    family("DCGM_FI_DEV_MEM_COPY_UTIL", "gauge", "Memory utilization (in %).", [](gpu const& g) { return g.mem_util; });
    family("DCGM_FI_DEV_FB_USED", "gauge", "Framebuffer memory used (in MiB).", [](gpu const& g) { return g.fb_used; });
    family("DCGM_FI_DEV_GPU_TEMP", "gauge", "GPU temperature (in C).", [](gpu const& g) { return g.temp; });
    family("DCGM_FI_PROF_SM_ACTIVE", "gauge", "Ratio of cycles an SM has at least 1 warp assigned.",
           [](gpu const& g) { return g.sm_active; });
    family("DCGM_FI_DEV_XID_ERRORS", "gauge", "Value of the last XID error encountered.", [](gpu const&) { return 0; });
    return out;
  }

  [[nodiscard]] double uptime_seconds() const noexcept {
    return static_cast<double>(steady_ns() - started_ns_) * 1e-9;
  }

 private:
  void do_accept(detail::worker& w) {
    w.acceptor->async_accept(w.ioc, [this, &w](std::error_code ec, asio::ip::tcp::socket sock) {
      if (ec == asio::error::operation_aborted || !w.acceptor->is_open()) return;
      if (ec) {
        // EMFILE and friends: back off briefly instead of spinning on the listener.
        w.accept_retry->expires_after(std::chrono::milliseconds(10));
        w.accept_retry->async_wait([this, &w](std::error_code e) {
          if (!e) do_accept(w);
        });
        return;
      }
      std::make_shared<connection>(*this, w, std::move(sock))->start();
      do_accept(w);
    });
  }

  server_config cfg_;
  latency_sampler ttft_;
  latency_sampler itl_;
  server_metrics metrics_;
  std::atomic<std::uint64_t> ids_{0};
  std::unique_ptr<request_log> log_;
  std::atomic<bool> stopped_{false};
  std::int64_t started_ns_ = 0;
  std::uint16_t port_ = 0;
  std::vector<std::unique_ptr<detail::worker>> workers_;  // last: destroyed first
};

// ---- connection implementation -----------------------------------------------------------

inline connection::connection(server& srv, detail::worker& w, asio::ip::tcp::socket sock)
    : srv_(srv), w_(w), sock_(std::move(sock)), timer_(w.ioc) {
  srv_.metrics().connections_total.fetch_add(1, std::memory_order_relaxed);
  srv_.metrics().connections_open.fetch_add(1, std::memory_order_relaxed);
}

inline connection::~connection() {
  if (in_flight_) srv_.metrics().running.fetch_sub(1, std::memory_order_relaxed);
  srv_.metrics().connections_open.fetch_sub(1, std::memory_order_relaxed);
}

inline void connection::start() {
  std::error_code ec;
  sock_.set_option(asio::ip::tcp::no_delay(true), ec);
  in_.resize(4096);
  do_read();
}

inline void connection::do_read() {
  // One read at a time.  A read stays armed while a response is in progress, so a client
  // that goes away during a long TTFT or stall is noticed at once (its stream is dropped).
  if (reading_ || !sock_.is_open()) return;
  if (in_pos_ > 0) {  // compact: keep the unparsed tail at the front
    std::copy(in_.begin() + static_cast<std::ptrdiff_t>(in_pos_),
              in_.begin() + static_cast<std::ptrdiff_t>(in_len_), in_.begin());
    in_len_ -= in_pos_;
    in_pos_ = 0;
  }
  if (busy_ && in_len_ >= 64 * 1024) return;  // enough pipelined input; resume after this response
  if (in_len_ == in_.size()) in_.resize(in_.size() * 2);
  reading_ = true;
  sock_.async_read_some(asio::buffer(in_.data() + in_len_, in_.size() - in_len_),
                        [self = shared_from_this()](std::error_code ec, std::size_t n) {
                          self->reading_ = false;
                          if (ec) {
                            // Peer closed or failed: stop any timed work for it and let go.
                            if (self->busy_) self->abort(false);
                            return;
                          }
                          self->last_read_ns_ = steady_ns();
                          self->in_len_ += n;
                          if (self->busy_) return self->do_read();
                          self->process();
                        });
}

inline void connection::process() {
  if (busy_ || !sock_.is_open()) return;
  http_request req;
  const auto r = parse_http_request(std::string_view(in_.data() + in_pos_, in_len_ - in_pos_), req,
                                    srv_.config().max_body_bytes);
  switch (r.status) {
    case parse_status::incomplete:
      if (req.expect_continue && !continue_sent_ && req.head_size > 0) {
        // curl waits a second for this before sending a large body.
        continue_sent_ = true;
        static constexpr std::string_view cont = "HTTP/1.1 100 Continue\r\n\r\n";
        asio::async_write(sock_, asio::buffer(cont.data(), cont.size()),
                          [self = shared_from_this()](std::error_code ec, std::size_t) {
                            if (!ec) self->do_read();
                          });
        return;
      }
      do_read();
      return;
    case parse_status::bad_request:
      busy_ = true;
      send_error(400, r.error, false);
      return;
    case parse_status::too_large:
      busy_ = true;
      send_error(413, r.error, false);
      return;
    case parse_status::not_implemented:
      busy_ = true;
      send_error(501, r.error, false);
      return;
    case parse_status::complete: break;
  }
  busy_ = true;
  continue_sent_ = false;
  handle(req);
  do_read();  // watch for the peer leaving (and buffer pipelined requests) meanwhile
}

inline void connection::handle(http_request& req) {
  auto& m = srv_.metrics();
  m.requests_total.fetch_add(1, std::memory_order_relaxed);
  // Everything used later is copied or parsed now; the buffer may be compacted afterwards.
  const std::size_t consumed = req.total_size;
  const bool keep_alive = req.keep_alive;
  const std::string_view t = req.target;
  const bool is_get = req.method == "GET";
  const bool is_post = req.method == "POST";
  auto done_consume = [&] { in_pos_ += consumed; };
  api_ = wire_api::openai;

  if (t == "/health" || t == "/v1/models" || t == "/metrics" || t == "/dcgm/metrics") {
    done_consume();
    if (!is_get) return send_error(405, "method not allowed (use GET)", keep_alive);
    if (t == "/health") return send_simple(200, "application/json", R"({"status":"ok"})", keep_alive);
    if (t == "/v1/models") return send_simple(200, "application/json", srv_.models_json(), keep_alive);
    if (t == "/dcgm/metrics") return send_simple(200, "text/plain; version=0.0.4; charset=utf-8", srv_.dcgm_text(), keep_alive);
    return send_simple(200, "text/plain; version=0.0.4; charset=utf-8", srv_.metrics_text(), keep_alive);
  }
  const bool chat = t == "/v1/chat/completions";
  const bool completions = t == "/v1/completions";
  const bool embeddings = t == "/v1/embeddings";
  // Rankings, per vendor: NIM /v1/ranking, Hugging Face TEI /rerank, Cohere /v2/rerank.
  const vector_kind kind = embeddings        ? vector_kind::embeddings
                           : t == "/v1/ranking" ? vector_kind::nim_rankings
                           : t == "/rerank"     ? vector_kind::tei_rankings
                           : t == "/v2/rerank"  ? vector_kind::cohere_rankings
                           : t == "/v1/images/generations" ? vector_kind::images
                                                : vector_kind::none;
  api_ = vendor_route(t);
  if (!chat && !completions && kind == vector_kind::none && api_ == wire_api::openai) {
    done_consume();
    return send_error(404, fmt::format("no route for {}", t), keep_alive);
  }
  if (!is_post) {
    done_consume();
    return send_error(405, "method not allowed (use POST)", keep_alive);
  }
  if (request_log* log = srv_.log()) log->write(wall_ns(), req);

  // Faults: command-line faults (with --fault-rate), then the request's X-Mock-Fault on top.
  const auto& cfg = srv_.config();
  fault_spec f{};
  if (cfg.fault.any() &&
      (cfg.fault_rate >= 1.0 || std::uniform_real_distribution<double>(0.0, 1.0)(w_.rng) < cfg.fault_rate))
    f = cfg.fault;
  if (!req.fault_header.empty()) {
    try {
      f = parse_fault_spec(req.fault_header, f);
    } catch (const std::exception& e) {
      done_consume();
      return send_error(400, fmt::format("X-Mock-Fault: {}", e.what()), keep_alive);
    }
  }
  if (f.status == 0 && cfg.error_rate > 0.0 &&
      std::uniform_real_distribution<double>(0.0, 1.0)(w_.rng) < cfg.error_rate)
    f.status = cfg.error_status;
  if (f.any()) m.faults.fetch_add(1, std::memory_order_relaxed);

  if (kind != vector_kind::none) return handle_vectors(req, kind, f), done_consume();
  handle_inference(req, chat || api_ == wire_api::responses || api_ == wire_api::anthropic, f);
  done_consume();
}

/// Parses a request body with this worker's simdjson parser (the body is copied into the
/// worker's padded buffer first); "" or an error naming the field.
inline std::string connection::parse_body(http_request const& req, request_params& p) {
  auto& buf = w_.json_buf;
  buf.assign(req.body);
  buf.reserve(buf.size() + simdjson::SIMDJSON_PADDING);
  if (api_ != wire_api::openai)
    return parse_vendor_request(w_.parser, simdjson::padded_string_view(buf.data(), buf.size(), buf.capacity()), api_,
                                req.target == "/generate_stream", p);
  return parse_request(w_.parser, simdjson::padded_string_view(buf.data(), buf.size(), buf.capacity()), p);
}

inline bool connection::start_request(std::uint64_t prompt_tokens, const fault_spec& f, bool ka) {
  auto& m = srv_.metrics();
  m.inference_requests.fetch_add(1, std::memory_order_relaxed);
  m.prompt_tokens.fetch_add(prompt_tokens, std::memory_order_relaxed);
  m.running.fetch_add(1, std::memory_order_relaxed);
  in_flight_ = true;
  if (f.status == 0 || f.status == 200) return false;
  const int status = f.status;
  if (f.hostile_text) {
    send_hostile_error(status, ka);
    return true;
  }
  if (f.slow_headers_seconds > 0) {
    timer_.expires_at(detail::to_time_point(g_.arrival + static_cast<std::int64_t>(f.slow_headers_seconds * 1e9)));
    timer_.async_wait([self = shared_from_this(), status, ka](std::error_code ec) {
      if (ec || !self->sock_.is_open()) return;
      self->send_error(status, "mock injected error", ka);
    });
  } else {
    send_error(status, "mock injected error", ka);
  }
  return true;
}

/// Embeddings and rankings: one JSON body, sent one TTFT draw after the request arrived (the
/// whole answer is the "first token"), with the same faults as a non-streamed completion.
inline void connection::handle_vectors(http_request& req, vector_kind kind, const fault_spec& f) {
  request_params p;
  const std::string err = parse_body(req, p);
  const bool ka = req.keep_alive;
  if (!err.empty()) return send_error(400, err, ka);
  const bool rankings = kind != vector_kind::embeddings;
  if (kind == vector_kind::embeddings && p.inputs == 0 && !p.has_messages)
    return send_error(400, "input: expected a non-empty string or array", ka);
  const bool images = kind == vector_kind::images;
  if (images && p.prompt_tokens == 0) return send_error(400, "prompt: expected a non-empty string", ka);
  if (rankings && !images && !p.has_query) return send_error(400, "query: required", ka);
  if (kind != vector_kind::tei_rankings && !srv_.model_allowed(p.model))
    return send_error(404, fmt::format("The model `{}` does not exist.", p.model), ka);

  g_ = gen_state{};
  g_.f = f;
  g_.keep_alive = ka;
  g_.close_delimited = f.close_delimited;
  g_.arrival = last_read_ns_;
  g_.prompt_tokens = p.prompt_tokens;
  if (start_request(p.prompt_tokens, f, ka)) return;

  // The body, built now; it leaves at arrival + TTFT (+ a stall), or after slow headers.
  ev_.clear();
  auto o = std::back_inserter(ev_);
  const std::string model = p.model.empty() ? std::string(srv_.primary_model()) : p.model;
  // A deterministic score in [-8, 8) per passage, from its hash.
  auto score = [](std::uint64_t h) { return static_cast<double>(aiperf::detail::mix64(h) >> 11) / 9007199254740992.0 * 16.0 - 8.0; };
  std::vector<std::size_t> order(p.passage_hashes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return score(p.passage_hashes[a]) > score(p.passage_hashes[b]); });
  switch (kind) {
    case vector_kind::embeddings: {
      // A chat-shaped body (messages) is one input: the whole conversation.
      if (p.input_hashes.empty()) p.input_hashes.push_back(detail::fnv1a(req.body));
      ev_ += R"({"object":"list","data":[)";
      const unsigned dim = std::max(1u, srv_.config().embedding_dim);
      for (std::size_t i = 0; i < p.input_hashes.size(); ++i) {
        if (i) ev_ += ',';
        fmt::format_to(o, R"({{"object":"embedding","index":{},"embedding":[)", i);
        // Deterministic pseudo-random unit-range values from the input's hash (splitmix64).
        std::uint64_t x = p.input_hashes[i];
        for (unsigned d = 0; d < dim; ++d, x += 0x9E3779B97F4A7C15ull) {
          const std::uint64_t z = aiperf::detail::mix64(x);
          const double v = static_cast<double>(z >> 11) / 9007199254740992.0 * 2.0 - 1.0;
          if (d) ev_ += ',';
          fmt::format_to(o, "{:.6f}", v);
        }
        ev_ += "]}";
      }
      ev_ += R"(],"model":")";
      ev_ += model;
      ev_ += '"';
      if (!f.no_usage)
        fmt::format_to(o, R"(,"usage":{{"prompt_tokens":{},"total_tokens":{}}})", p.prompt_tokens, p.prompt_tokens);
      ev_ += '}';
      break;
    }
    case vector_kind::nim_rankings:
      ev_ += R"({"rankings":[)";
      for (std::size_t k = 0; k < order.size(); ++k)
        fmt::format_to(o, R"({}{{"index":{},"logit":{:.6f}}})", k ? "," : "", order[k], score(p.passage_hashes[order[k]]));
      ev_ += ']';
      if (!f.no_usage)
        fmt::format_to(o, R"(,"usage":{{"prompt_tokens":{},"total_tokens":{}}})", p.prompt_tokens, p.prompt_tokens);
      ev_ += '}';
      break;
    case vector_kind::tei_rankings:
      ev_ += '[';
      for (std::size_t k = 0; k < order.size(); ++k)
        fmt::format_to(o, R"({}{{"index":{},"score":{:.6f}}})", k ? "," : "", order[k],
                       1.0 / (1.0 + std::exp(-score(p.passage_hashes[order[k]]))));
      ev_ += ']';
      break;
    case vector_kind::cohere_rankings:
      fmt::format_to(o, R"({{"id":"rerank-{}","results":[)", srv_.next_request_id());
      for (std::size_t k = 0; k < order.size(); ++k)
        fmt::format_to(o, R"({}{{"index":{},"relevance_score":{:.6f}}})", k ? "," : "", order[k],
                       1.0 / (1.0 + std::exp(-score(p.passage_hashes[order[k]]))));
      ev_ += R"(],"meta":{"api_version":{"version":"2"},"billed_units":{"search_units":1})";
      if (!f.no_usage)
        fmt::format_to(o, R"(,"tokens":{{"input_tokens":{},"output_tokens":0}})", p.prompt_tokens);
      ev_ += "}}";
      break;
    case vector_kind::images:
      // OpenAI Images: one 1x1 PNG per request (the answer's shape is what is measured).
      fmt::format_to(o, R"({{"created":{},"data":[{{"b64_json":"{}","revised_prompt":"a mock image"}}],)"
                        R"("size":"1024x1024","quality":"low","output_format":"png")",
                     wall_ns() / 1'000'000'000, "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
      if (!f.no_usage)
        fmt::format_to(o, R"(,"usage":{{"input_tokens":{},"output_tokens":272,"total_tokens":{}}})", p.prompt_tokens,
                       p.prompt_tokens + 272);
      ev_ += '}';
      break;
    case vector_kind::none: break;
  }

  std::int64_t due = g_.arrival + srv_.ttft().draw_ns(w_.rng);
  if (f.stall_after >= 0) due += static_cast<std::int64_t>(f.stall_seconds * 1e9);
  if (f.slow_headers_seconds > 0)
    due = std::max(due, g_.arrival + static_cast<std::int64_t>(f.slow_headers_seconds * 1e9));
  if (due <= steady_ns()) return finish_vectors();
  timer_.expires_at(detail::to_time_point(due));
  timer_.async_wait([self = shared_from_this()](std::error_code ec) {
    if (ec || !self->sock_.is_open()) return;
    self->finish_vectors();
  });
}

/// Writes the body built by handle_vectors, applying the body faults (malformed, cut).
inline void connection::finish_vectors() {
  const auto& f = g_.f;
  auto& m = srv_.metrics();
  m.ttft.observe(steady_ns() - g_.arrival);
  if (f.malformed_after >= 0) ev_.resize(ev_.size() / 2);  // truncated JSON, honest Content-Length
  const bool cut = f.close_after >= 0 || f.reset_after >= 0 || f.error_event_after >= 0 || f.error_data_after >= 0;
  if (g_.close_delimited) {
    g_.keep_alive = false;
    write_head(200, "application/json", npos_length, false, false);
  } else {
    write_head(200, "application/json", ev_.size(), false, g_.keep_alive && !cut);
  }
  if (cut) {
    out_.append(ev_, 0, ev_.size() / 2);
    ev_.clear();
    if (f.error_event_after >= 0 || f.error_data_after >= 0) m.errors.fetch_add(1, std::memory_order_relaxed);
    return flush(f.reset_after >= 0 ? after_write::reset : after_write::close);
  }
  out_ += ev_;
  ev_.clear();
  m.success_stop.fetch_add(1, std::memory_order_relaxed);
  flush(g_.keep_alive ? after_write::finish : after_write::finish_close);
}

inline void connection::handle_inference(http_request& req, bool chat, const fault_spec& f) {
  const auto& cfg = srv_.config();
  request_params p;
  const std::string err = parse_body(req, p);
  const bool ka = req.keep_alive;
  if (!err.empty()) return send_error(400, err, ka);
  if (!chat && p.reasoning_effort_tokens > 0) p.reasoning_effort_tokens = 0;
  if (p.max_tokens == 0) return send_error(400, "max_tokens: must be at least 1, got 0", ka);
  if (p.max_tokens > max_generated_tokens)
    return send_error(400, fmt::format("max_tokens: at most {} in the mock, got {}", max_generated_tokens, p.max_tokens),
                      ka);
  if (!srv_.model_allowed(p.model))
    return send_error(404, fmt::format("The model `{}` does not exist.", p.model), ka);

  g_ = gen_state{};
  g_.f = f;
  g_.chat = chat;
  g_.stream = p.stream;
  g_.include_usage = p.stream && p.include_usage;
  g_.keep_alive = ka;
  g_.close_delimited = f.close_delimited || (req.http10 && p.stream);  // 1.0 has no chunked
  g_.arrival = last_read_ns_;
  g_.prompt_tokens = p.prompt_tokens;
  g_.details = p.details;
  model_ = p.model.empty() ? std::string(srv_.primary_model()) : std::move(p.model);
  request_id_ = srv_.next_request_id();


  if (start_request(p.prompt_tokens, f, ka)) return;

  // Token budget.  By default exactly max_tokens (as with ignore_eos); --eos-probability may
  // stop early unless the request sets ignore_eos.
  std::uint64_t content = p.max_tokens > 0 ? static_cast<std::uint64_t>(p.max_tokens) : cfg.default_osl;
  if (content == 0) content = 1;
  g_.length_limited = p.max_tokens > 0;
  if (cfg.eos_probability > 0.0 && !p.ignore_eos && content > 1) {
    const auto extra = std::geometric_distribution<std::uint64_t>(std::min(1.0, cfg.eos_probability))(w_.rng);
    if (1 + extra < content) {
      content = 1 + extra;
      g_.length_limited = false;
    }
  }
  g_.content_total = content;
  g_.reasoning_total = chat ? (p.reasoning_effort_tokens >= 0 ? static_cast<std::uint64_t>(p.reasoning_effort_tokens)
                                                              : cfg.reasoning_tokens)
                            : 0;
  const std::uint64_t k = cfg.tokens_per_chunk;
  g_.events_total = (g_.reasoning_total + k - 1) / k + (g_.content_total + k - 1) / k;

  if (g_.stream) srv_.metrics().streamed.fetch_add(1, std::memory_order_relaxed);

  // Pre-format the part of every chunk that does not change within this request.
  prefix_.clear();
  auto o = std::back_inserter(prefix_);
  fmt::format_to(o, R"(data: {{"id":"{}{}","object":"{}","created":{},"model":")", chat ? "chatcmpl-" : "cmpl-",
                 request_id_, chat ? "chat.completion.chunk" : "text_completion",
                 static_cast<long long>(std::time(nullptr)));
  prefix_ += model_;
  prefix_ += R"(","choices":[)";

  g_.next_deadline = g_.arrival + srv_.ttft().draw_ns(w_.rng);
  if (f.slow_headers_seconds > 0) {
    timer_.expires_at(detail::to_time_point(g_.arrival + static_cast<std::int64_t>(f.slow_headers_seconds * 1e9)));
    timer_.async_wait([self = shared_from_this()](std::error_code ec) {
      if (ec || !self->sock_.is_open()) return;
      self->begin_generation();
    });
    return;
  }
  begin_generation();
}

inline std::int64_t connection::draw_itl() { return srv_.itl().draw_ns(w_.rng); }

inline void connection::begin_generation() {
  if (!g_.stream) {
    // Non-streaming: the body leaves when the last token would have been generated.
    std::int64_t t = g_.next_deadline;
    for (std::uint64_t e = 1; e < g_.events_total; ++e) t += draw_itl();
    if (g_.f.stall_after >= 0) t += static_cast<std::int64_t>(g_.f.stall_seconds * 1e9);
    if (t <= steady_ns()) return finish_nonstream();
    timer_.expires_at(detail::to_time_point(t));
    timer_.async_wait([self = shared_from_this()](std::error_code ec) {
      if (ec || !self->sock_.is_open()) return;
      self->finish_nonstream();
    });
    return;
  }
  if (g_.close_delimited) g_.keep_alive = false;
  write_head(200, "text/event-stream", g_.close_delimited ? npos_length : 0, !g_.close_delimited, g_.keep_alive);
  pump();
}

inline std::uint64_t connection::tokens_in_event(bool reasoning) const {
  const std::uint64_t k = srv_.config().tokens_per_chunk;
  return reasoning ? std::min(k, g_.reasoning_total - g_.reasoning_sent)
                   : std::min(k, g_.content_total - g_.content_sent);
}

inline void connection::append_token_event() {
  const bool reasoning = g_.reasoning_sent < g_.reasoning_total;
  const std::uint64_t n = tokens_in_event(reasoning);
  const bool first = g_.events_sent == 0;
  const bool last = g_.events_sent + 1 == g_.events_total;
  const std::uint64_t base = g_.reasoning_sent + g_.content_sent;
  if (api_ != wire_api::openai) {
    append_vendor_token_event(reasoning, n, first, last, base);
    if (reasoning) g_.reasoning_sent += n;
    else g_.content_sent += n;
    return note_token_event(n, first);
  }
  ev_ += prefix_;
  if (g_.chat) {
    ev_ += first ? R"({"index":0,"delta":{"role":"assistant",")" : R"({"index":0,"delta":{")";
    if (reasoning) ev_ += srv_.config().reasoning_field;
    else ev_ += "content";
    ev_ += R"(":")";
  } else {
    ev_ += R"({"index":0,"text":")";
  }
  for (std::uint64_t i = 0; i < n; ++i) ev_ += token_word(base + i);
  ev_ += g_.chat ? R"("},"logprobs":null,"finish_reason":)" : R"(","logprobs":null,"finish_reason":)";
  ev_ += last ? (g_.length_limited ? R"("length"}]})" : R"("stop"}]})") : R"(null}]})";
  ev_ += "\n\n";
  if (reasoning) g_.reasoning_sent += n;
  else g_.content_sent += n;
  note_token_event(n, first);
}

/// Counts a token event of `n` tokens that was just appended (metrics, timing, events_sent).
inline void connection::note_token_event(std::uint64_t n, bool first) {
  const std::int64_t now = steady_ns();
  auto& m = srv_.metrics();
  m.generation_tokens.fetch_add(n, std::memory_order_relaxed);
  if (first) m.ttft.observe(now - g_.arrival);
  else m.itl.observe(now - g_.last_event_ns);
  g_.last_event_ns = now;
  ++g_.events_sent;
}

inline void connection::append_tail() {
  if (api_ != wire_api::openai) return append_vendor_tail();
  const auto& f = g_.f;
  const std::uint64_t completion = g_.reasoning_sent + g_.content_sent;
  if (g_.include_usage && !f.no_usage) {
    ev_ += prefix_;
    fmt::format_to(std::back_inserter(ev_),
                   R"(],"usage":{{"prompt_tokens":{},"completion_tokens":{},"total_tokens":{},)"
                   R"("completion_tokens_details":{{"reasoning_tokens":{}}}}}}})"
                   "\n\n",
                   g_.prompt_tokens, completion, g_.prompt_tokens + completion, g_.reasoning_sent);
  }
  if (!f.no_done) ev_ += "data: [DONE]\n\n";
  if (f.after_done) {
    ev_ += prefix_;
    ev_ += g_.chat ? R"({"index":0,"delta":{"content":" after"},"finish_reason":null}]})"
                   : R"({"index":0,"text":" after","finish_reason":null}]})";
    ev_ += "\n\n";
  }
}

inline void connection::frame_events() {
  if (ev_.empty()) return;
  if (g_.close_delimited) {  // no chunk framing: the body runs to the connection close
    out_ += ev_;
    ev_.clear();
    return;
  }
  fmt::format_to(std::back_inserter(out_), "{:x}\r\n", ev_.size());
  out_ += ev_;
  out_ += "\r\n";
  ev_.clear();
}

inline void connection::pump() {
  if (!sock_.is_open()) return;
  const auto& f = g_.f;
  const std::int64_t now = steady_ns();
  auto at = [&](int n) {
    return n >= 0 && g_.events_sent == std::min<std::uint64_t>(static_cast<std::uint64_t>(n), g_.events_total);
  };
  for (;;) {
    if (at(f.stall_after) && !g_.stall_done) {
      g_.stall_done = true;
      g_.next_deadline = std::max(g_.next_deadline, now) + static_cast<std::int64_t>(f.stall_seconds * 1e9);
    }
    if (at(f.malformed_after) && !g_.malformed_done) {
      g_.malformed_done = true;
      if (api_ != wire_api::openai) {
        append_vendor_malformed();
      } else {
        ev_ += prefix_;
        ev_ += g_.chat ? R"({"index":0,"delta":{"content":" broken)" : R"({"index":0,"text":" broken)";
        ev_ += "\n\n";
      }
    }
    if (at(f.error_event_after) || at(f.error_data_after)) {
      if (at(f.error_event_after)) ev_ += "event: error\n";
      if (api_ != wire_api::openai)
        append_vendor_stream_error();
      else
        fmt::format_to(std::back_inserter(ev_),
                       R"(data: {{"error":{{"message":"mock injected in-stream error","type":"{}","code":{}}}}})"
                       "\n\n",
                       error_type(f.error_code), f.error_code);
      srv_.metrics().errors.fetch_add(1, std::memory_order_relaxed);
      frame_events();
      if (!g_.close_delimited) out_ += "0\r\n\r\n";
      return flush(g_.keep_alive ? after_write::finish : after_write::finish_close);
    }
    if (at(f.close_after)) {
      frame_events();
      return flush(after_write::close);
    }
    if (at(f.reset_after)) {
      frame_events();
      return flush(after_write::reset);
    }
    if (g_.events_sent == g_.events_total) {
      append_tail();
      frame_events();
      if (!g_.close_delimited) out_ += "0\r\n\r\n";
      auto& m = srv_.metrics();
      (g_.length_limited ? m.success_length : m.success_stop).fetch_add(1, std::memory_order_relaxed);
      return flush(g_.keep_alive ? after_write::finish : after_write::finish_close);
    }
    if (g_.next_deadline > now || ev_.size() > 16 * 1024) break;  // bound a catch-up burst
    append_token_event();
    g_.next_deadline += draw_itl();  // absolute schedule: arrival + ttft + sum of gaps
  }
  frame_events();
  if (!out_.empty()) return flush(after_write::pump);
  timer_.expires_at(detail::to_time_point(g_.next_deadline));
  timer_.async_wait([self = shared_from_this()](std::error_code ec) {
    if (ec) return;
    self->pump();
  });
}

inline void connection::flush(after_write then) {
  asio::async_write(sock_, asio::buffer(out_), [self = shared_from_this(), then](std::error_code ec, std::size_t) {
    if (ec) return self->abort(false);  // peer went away: nothing more to send
    self->on_written(then);
  });
}

inline void connection::on_written(after_write then) {
  out_.clear();
  switch (then) {
    case after_write::pump: return pump();
    case after_write::finish: return end_response(true);
    case after_write::finish_close: return end_response(false);
    case after_write::close: return abort(false);
    case after_write::reset: return abort(true);
  }
}

inline void connection::end_response(bool keep_alive) {
  if (in_flight_) {
    in_flight_ = false;
    auto& m = srv_.metrics();
    m.running.fetch_sub(1, std::memory_order_relaxed);
    m.e2e.observe(steady_ns() - g_.arrival);
  }
  busy_ = false;
  // A catch-up burst or a big body may have grown the buffers: give that memory back so idle
  // keep-alive connections stay small.
  if (out_.capacity() > 64 * 1024) std::string().swap(out_);
  if (ev_.capacity() > 64 * 1024) std::string().swap(ev_);
  if (!keep_alive) {
    std::error_code ec;
    sock_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    sock_.close(ec);
    return;
  }
  process();  // a pipelined request may already be buffered
}

inline void connection::abort(bool reset) {
  std::error_code ec;
  timer_.cancel();
  if (reset) {
    sock_.set_option(asio::socket_base::linger(true, 0), ec);
  } else {
    sock_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  }
  sock_.close(ec);
}

inline void connection::finish_nonstream() {
  const auto& f = g_.f;
  auto& m = srv_.metrics();
  // The body: every token generated at once.
  ev_.clear();
  const std::uint64_t r = g_.reasoning_total;
  const std::uint64_t completion = r + g_.content_total;
  if (api_ != wire_api::openai) {
    build_vendor_body();
  } else {
    auto o = std::back_inserter(ev_);
    const auto created = static_cast<long long>(std::time(nullptr));
    fmt::format_to(o, R"({{"id":"{}{}","object":"{}","created":{},"model":")", g_.chat ? "chatcmpl-" : "cmpl-",
                   request_id_, g_.chat ? "chat.completion" : "text_completion", created);
    ev_ += model_;
    ev_ += g_.chat ? R"(","choices":[{"index":0,"message":{"role":"assistant","content":")"
                   : R"(","choices":[{"index":0,"text":")";
    for (std::uint64_t i = 0; i < g_.content_total; ++i) ev_ += token_word(r + i);
    ev_ += '"';
    if (g_.chat && r > 0) {
      ev_ += R"(,")";
      ev_ += srv_.config().reasoning_field;
      ev_ += R"(":")";
      for (std::uint64_t i = 0; i < r; ++i) ev_ += token_word(i);
      ev_ += '"';
    }
    if (g_.chat) ev_ += '}';
    else ev_ += R"(,"logprobs":null)";
    ev_ += g_.length_limited ? R"(,"finish_reason":"length"}])" : R"(,"finish_reason":"stop"}])";
    if (!f.no_usage)
      fmt::format_to(o,
                     R"(,"usage":{{"prompt_tokens":{},"completion_tokens":{},"total_tokens":{},)"
                     R"("completion_tokens_details":{{"reasoning_tokens":{}}}}})",
                     g_.prompt_tokens, completion, g_.prompt_tokens + completion, r);
    ev_ += '}';
  }
  m.generation_tokens.fetch_add(completion, std::memory_order_relaxed);
  const auto now = steady_ns();
  m.ttft.observe(now - g_.arrival);

  if (f.malformed_after >= 0) ev_.resize(ev_.size() / 2);  // truncated JSON, honest Content-Length
  const bool cut = f.close_after >= 0 || f.reset_after >= 0 || f.error_event_after >= 0 || f.error_data_after >= 0;
  if (g_.close_delimited) {
    g_.keep_alive = false;
    write_head(200, "application/json", npos_length, false, false);
  } else {
    write_head(200, "application/json", ev_.size(), false, g_.keep_alive && !cut);
  }
  if (cut) {
    // Headers promise the full body; only half of it is sent before the connection ends.
    out_.append(ev_, 0, ev_.size() / 2);
    ev_.clear();
    if (f.error_event_after >= 0 || f.error_data_after >= 0) m.errors.fetch_add(1, std::memory_order_relaxed);
    return flush(f.reset_after >= 0 ? after_write::reset : after_write::close);
  }
  out_ += ev_;
  ev_.clear();
  (g_.length_limited ? m.success_length : m.success_stop).fetch_add(1, std::memory_order_relaxed);
  flush(g_.keep_alive ? after_write::finish : after_write::finish_close);
}

inline void connection::write_head(int status, std::string_view content_type, std::size_t content_length,
                                   bool chunked, bool keep_alive) {
  auto o = std::back_inserter(out_);
  fmt::format_to(o, "HTTP/1.1 {} {}\r\nServer: aiperf-mock-server\r\nContent-Type: {}\r\n", status,
                 reason_phrase(status), content_type);
  if (chunked) out_ += "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n";
  else if (content_length != npos_length) fmt::format_to(o, "Content-Length: {}\r\n", content_length);
  out_ += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
}

inline void connection::send_simple(int status, std::string_view content_type, std::string_view body,
                                    bool keep_alive) {
  write_head(status, content_type, body.size(), false, keep_alive);
  out_ += body;
  flush(keep_alive ? after_write::finish : after_write::finish_close);
}

inline void connection::send_error(int status, std::string_view message, bool keep_alive) {
  srv_.metrics().errors.fetch_add(1, std::memory_order_relaxed);
  if (api_ == wire_api::anthropic || api_ == wire_api::tgi) return send_vendor_error(status, message, keep_alive);
  std::string body = R"({"object":"error","error":{"message":")";
  append_json_escaped(body, message);
  fmt::format_to(std::back_inserter(body), R"(","type":"{}","code":{}}}}})", error_type(status), status);
  send_simple(status, "application/json", body, keep_alive);
}

/// The `hostile-text` fault (issue #12): bytes a client must not copy raw into UTF-8 artifacts or
/// onto a terminal.  The reason phrase holds obs-text that is not UTF-8 (RFC 9112 allows any
/// byte 0x80-0xFF there); the body holds invalid, overlong, surrogate and truncated UTF-8, NUL,
/// and ESC sequences that would recolour and retitle a terminal.
inline void connection::send_hostile_error(int status, bool keep_alive) {
  using namespace std::string_view_literals;
  srv_.metrics().errors.fetch_add(1, std::memory_order_relaxed);
  constexpr auto body = "hostile \xff\xfe bytes \xc0\xaf overlong \xed\xa0\x80 surrogate NUL[\0] "
                        "ESC[\x1b[31mred\x1b[0m] title[\x1b]0;pwned\x07] truncated \xe2\x82"sv;
  out_ += "HTTP/1.1 " + std::to_string(status) + " Bad \xff\xfe Reason\r\nServer: aiperf-mock-server\r\n";
  out_ += "Content-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  out_ += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  out_ += body;
  flush(keep_alive ? after_write::finish : after_write::finish_close);
}

// ---- the other vendors' shapes: OpenAI Responses, Anthropic Messages, TGI --------------------
// Token events, the stream's tail, whole bodies, in-stream faults and error bodies for the
// requests whose path chose a vendor API (api_ != wire_api::openai).  Timing, token budget and
// faults are the OpenAI paths' own: only the bytes differ.

inline void connection::append_words(std::string& out, std::uint64_t from, std::uint64_t count) const {
  for (std::uint64_t i = 0; i < count; ++i) out += token_word(from + i);
}

/// Anthropic error types by HTTP status.
inline std::string_view anthropic_error_type(int status) noexcept {
  switch (status) {
    case 400: return "invalid_request_error";
    case 401: return "authentication_error";
    case 403: return "permission_error";
    case 404: return "not_found_error";
    case 413: return "request_too_large";
    case 429: return "rate_limit_error";
    case 529: return "overloaded_error";
    default: return "api_error";
  }
}

/// TGI error types by HTTP status.
inline std::string_view tgi_error_type(int status) noexcept {
  if (status == 400 || status == 422) return "validation";
  if (status == 429 || status == 503) return "overloaded";
  return "generation";
}

inline void connection::append_vendor_token_event(bool reasoning, std::uint64_t n, bool first, bool last,
                                                  std::uint64_t base) {
  auto o = std::back_inserter(ev_);
  const auto& f = g_.f;
  const bool thinks = g_.reasoning_total > 0;
  switch (api_) {
    case wire_api::responses: {
      if (first)
        fmt::format_to(o,
                       "event: response.created\ndata: {{\"type\":\"response.created\",\"sequence_number\":0,"
                       "\"response\":{{\"id\":\"resp_{}\",\"object\":\"response\",\"created_at\":{},\"status\":"
                       "\"in_progress\",\"model\":\"{}\",\"output\":[],\"usage\":null}}}}\n\n",
                       request_id_, static_cast<long long>(std::time(nullptr)), model_);
      const std::string_view type = reasoning ? "response.reasoning_text.delta" : "response.output_text.delta";
      fmt::format_to(o,
                     "event: {}\ndata: {{\"type\":\"{}\",\"sequence_number\":{},\"item_id\":\"{}_{}\","
                     "\"output_index\":{},\"content_index\":0,\"delta\":\"",
                     type, type, g_.events_sent + 1, reasoning ? "rs" : "msg", request_id_,
                     !reasoning && thinks ? 1 : 0);
      append_words(ev_, base, n);
      ev_ += "\"}\n\n";
      break;
    }
    case wire_api::anthropic: {
      if (first) {
        fmt::format_to(o,
                       "event: message_start\ndata: {{\"type\":\"message_start\",\"message\":{{\"id\":\"msg_{}\","
                       "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"{}\","
                       "\"stop_reason\":null,\"stop_sequence\":null",
                       request_id_, model_);
        if (!f.no_usage) fmt::format_to(o, ",\"usage\":{{\"input_tokens\":{},\"output_tokens\":1}}", g_.prompt_tokens);
        ev_ += "}}\n\n";
      }
      const int index = !reasoning && thinks ? 1 : 0;
      if (reasoning && g_.reasoning_sent == 0)
        ev_ += "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
               "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n";
      if (!reasoning && g_.content_sent == 0) {
        if (thinks)
          ev_ += "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n";
        fmt::format_to(o,
                       "event: content_block_start\ndata: {{\"type\":\"content_block_start\",\"index\":{},"
                       "\"content_block\":{{\"type\":\"text\",\"text\":\"\"}}}}\n\n",
                       index);
      }
      fmt::format_to(o,
                     "event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":{},"
                     "\"delta\":{{\"type\":\"{}\",\"{}\":\"",
                     index, reasoning ? "thinking_delta" : "text_delta", reasoning ? "thinking" : "text");
      append_words(ev_, base, n);
      ev_ += "\"}}\n\n";
      break;
    }
    case wire_api::tgi: {
      fmt::format_to(o, "data: {{\"index\":{},\"token\":{{\"id\":{},\"text\":\"", g_.events_sent + 1, base % 1000 + 100);
      append_words(ev_, base, n);
      ev_ += "\",\"logprob\":-0.25,\"special\":false},\"generated_text\":";
      if (last && !f.no_done) {
        ev_ += '"';
        append_words(ev_, 0, base + n);
        ev_ += '"';
        if (f.no_usage) {
          ev_ += ",\"details\":null";
        } else {
          fmt::format_to(o,
                         ",\"details\":{{\"finish_reason\":\"{}\",\"generated_tokens\":{},\"seed\":null,"
                         "\"input_length\":{}}}",
                         g_.length_limited ? "length" : "eos_token", base + n, g_.prompt_tokens);
        }
      } else {
        ev_ += "null,\"details\":null";
      }
      ev_ += "}\n\n";
      break;
    }
    case wire_api::openai: break;
  }
}

inline void connection::append_vendor_tail() {
  const auto& f = g_.f;
  auto o = std::back_inserter(ev_);
  const std::uint64_t r = g_.reasoning_sent, c = g_.content_sent, completion = r + c;
  switch (api_) {
    case wire_api::responses: {
      const int out_index = g_.reasoning_total > 0 ? 1 : 0;
      fmt::format_to(o,
                     "event: response.output_text.done\ndata: {{\"type\":\"response.output_text.done\","
                     "\"sequence_number\":{},\"item_id\":\"msg_{}\",\"output_index\":{},\"content_index\":0,"
                     "\"text\":\"",
                     g_.events_sent + 1, request_id_, out_index);
      append_words(ev_, r, c);
      ev_ += "\"}\n\n";
      if (!f.no_done) {
        fmt::format_to(o,
                       "event: response.completed\ndata: {{\"type\":\"response.completed\",\"sequence_number\":{},"
                       "\"response\":{{\"id\":\"resp_{}\",\"object\":\"response\",\"created_at\":{},\"status\":"
                       "\"completed\",\"model\":\"{}\",\"output\":[],\"usage\":",
                       g_.events_sent + 2, request_id_, static_cast<long long>(std::time(nullptr)), model_);
        if (f.no_usage) ev_ += "null";
        else
          fmt::format_to(o,
                         "{{\"input_tokens\":{},\"input_tokens_details\":{{\"cached_tokens\":0}},\"output_tokens\":{},"
                         "\"output_tokens_details\":{{\"reasoning_tokens\":{}}},\"total_tokens\":{}}}",
                         g_.prompt_tokens, completion, r, g_.prompt_tokens + completion);
        ev_ += "}}\n\n";
      }
      if (f.after_done)
        ev_ += "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
               "\"output_index\":0,\"content_index\":0,\"delta\":\" after\"}\n\n";
      break;
    }
    case wire_api::anthropic: {
      fmt::format_to(o, "event: content_block_stop\ndata: {{\"type\":\"content_block_stop\",\"index\":{}}}\n\n",
                     g_.reasoning_total > 0 ? 1 : 0);
      fmt::format_to(o,
                     "event: message_delta\ndata: {{\"type\":\"message_delta\",\"delta\":{{\"stop_reason\":\"{}\","
                     "\"stop_sequence\":null}}",
                     g_.length_limited ? "max_tokens" : "end_turn");
      if (!f.no_usage) fmt::format_to(o, ",\"usage\":{{\"output_tokens\":{}}}", completion);
      ev_ += "}\n\n";
      if (!f.no_done) ev_ += "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
      if (f.after_done)
        ev_ += "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
               "\"delta\":{\"type\":\"text_delta\",\"text\":\" after\"}}\n\n";
      break;
    }
    case wire_api::tgi:
      if (f.after_done)
        ev_ += "data: {\"index\":0,\"token\":{\"id\":1,\"text\":\" after\",\"logprob\":-0.25,\"special\":false},"
               "\"generated_text\":null,\"details\":null}\n\n";
      break;
    case wire_api::openai: break;
  }
}

inline void connection::append_vendor_malformed() {
  switch (api_) {
    case wire_api::responses:
      ev_ += "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\" broken\n\n";
      break;
    case wire_api::anthropic:
      ev_ += "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
             "\"delta\":{\"type\":\"text_delta\",\"text\":\" broken\n\n";
      break;
    case wire_api::tgi: ev_ += "data: {\"index\":0,\"token\":{\"id\":1,\"text\":\" broken\n\n"; break;
    case wire_api::openai: break;
  }
}

inline void connection::append_vendor_stream_error() {
  auto o = std::back_inserter(ev_);
  const int code = g_.f.error_code;
  switch (api_) {
    case wire_api::responses:
      fmt::format_to(o,
                     "data: {{\"type\":\"error\",\"code\":\"{}\",\"message\":\"mock injected in-stream error ({})\","
                     "\"param\":null,\"sequence_number\":{}}}\n\n",
                     code == 429 ? "rate_limit_exceeded" : "server_error", code, g_.events_sent + 1);
      break;
    case wire_api::anthropic:
      fmt::format_to(o,
                     "data: {{\"type\":\"error\",\"error\":{{\"type\":\"{}\",\"message\":\"mock injected in-stream "
                     "error ({})\"}}}}\n\n",
                     anthropic_error_type(code), code);
      break;
    case wire_api::tgi:
      fmt::format_to(o, "data: {{\"error\":\"mock injected in-stream error ({})\",\"error_type\":\"{}\"}}\n\n", code,
                     tgi_error_type(code));
      break;
    case wire_api::openai: break;
  }
}

inline void connection::build_vendor_body() {
  const auto& f = g_.f;
  auto o = std::back_inserter(ev_);
  const std::uint64_t r = g_.reasoning_total, c = g_.content_total, completion = r + c;
  switch (api_) {
    case wire_api::responses: {
      fmt::format_to(o,
                     "{{\"id\":\"resp_{}\",\"object\":\"response\",\"created_at\":{},\"status\":\"completed\","
                     "\"model\":\"{}\",\"output\":[",
                     request_id_, static_cast<long long>(std::time(nullptr)), model_);
      if (r > 0) {
        fmt::format_to(o, "{{\"type\":\"reasoning\",\"id\":\"rs_{}\",\"summary\":[],\"content\":[{{\"type\":"
                          "\"reasoning_text\",\"text\":\"", request_id_);
        append_words(ev_, 0, r);
        ev_ += "\"}]},";
      }
      fmt::format_to(o, "{{\"type\":\"message\",\"id\":\"msg_{}\",\"status\":\"completed\",\"role\":\"assistant\","
                        "\"content\":[{{\"type\":\"output_text\",\"text\":\"", request_id_);
      append_words(ev_, r, c);
      ev_ += "\",\"annotations\":[]}]}],\"usage\":";
      if (f.no_usage) ev_ += "null";
      else
        fmt::format_to(o,
                       "{{\"input_tokens\":{},\"input_tokens_details\":{{\"cached_tokens\":0}},\"output_tokens\":{},"
                       "\"output_tokens_details\":{{\"reasoning_tokens\":{}}},\"total_tokens\":{}}}",
                       g_.prompt_tokens, completion, r, g_.prompt_tokens + completion);
      ev_ += '}';
      break;
    }
    case wire_api::anthropic: {
      fmt::format_to(o, "{{\"id\":\"msg_{}\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"{}\",\"content\":[",
                     request_id_, model_);
      if (r > 0) {
        ev_ += "{\"type\":\"thinking\",\"thinking\":\"";
        append_words(ev_, 0, r);
        ev_ += "\",\"signature\":\"mock\"},";
      }
      ev_ += "{\"type\":\"text\",\"text\":\"";
      append_words(ev_, r, c);
      fmt::format_to(o, "\"}}],\"stop_reason\":\"{}\",\"stop_sequence\":null", g_.length_limited ? "max_tokens" : "end_turn");
      if (!f.no_usage)
        fmt::format_to(o, ",\"usage\":{{\"input_tokens\":{},\"output_tokens\":{}}}", g_.prompt_tokens, completion);
      ev_ += '}';
      break;
    }
    case wire_api::tgi: {
      ev_ += "{\"generated_text\":\"";
      append_words(ev_, 0, c);
      ev_ += '"';
      if (g_.details && !f.no_usage)
        fmt::format_to(o,
                       ",\"details\":{{\"finish_reason\":\"{}\",\"generated_tokens\":{},\"seed\":null,\"prefill\":[],"
                       "\"tokens\":[]}}",
                       g_.length_limited ? "length" : "eos_token", c);
      ev_ += '}';
      break;
    }
    case wire_api::openai: break;
  }
}

inline void connection::send_vendor_error(int status, std::string_view message, bool keep_alive) {
  std::string body;
  if (api_ == wire_api::anthropic) {
    body = R"({"type":"error","error":{"type":")";
    body += anthropic_error_type(status);
    body += R"(","message":")";
    append_json_escaped(body, message);
    body += "\"}}";
  } else {
    body = R"({"error":")";
    append_json_escaped(body, message);
    body += R"(","error_type":")";
    body += tgi_error_type(status);
    body += "\"}";
  }
  send_simple(status, "application/json", body, keep_alive);
}

}  // namespace mock
}  // namespace v0
}  // namespace aiperf
