// SPDX-License-Identifier: Apache-2.0
// mock_server/config.hpp — aiperf-mock-server settings and the fault-spec grammar shared by
// the `--fault` flag and the per-request `X-Mock-Fault` header.
#pragma once
#include <aiperf/config.hpp>

#include <charconv>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace mock {

/// How a latency is drawn for each request (TTFT) or each gap between chunks (ITL).
enum class dist_kind { fixed, normal, lognormal, uniform };

struct latency_spec {
  double mean_ms = 0.0;    ///< the configured value (--ttft / --itl)
  double stddev_ms = 0.0;  ///< spread for the non-fixed kinds
  dist_kind kind = dist_kind::fixed;
};

/// Faults that can be applied to one request.  Trigger points count token events (SSE data
/// events carrying reasoning or content) already sent; -1 = off.
struct fault_spec {
  int status = 0;                 ///< answer with this HTTP status and an error body (0 = off)
  int close_after = -1;           ///< FIN after N token events
  int reset_after = -1;           ///< RST (SO_LINGER 0) after N token events
  int stall_after = -1;           ///< pause after N token events ...
  double stall_seconds = 0.0;     ///< ... for this long, then continue
  int error_event_after = -1;     ///< `event: error` + `data: {"error":…}` after N events, then end
  int error_data_after = -1;      ///< `data: {"error":…}` (no event line) after N events, then end
  int error_code = 500;           ///< code inside in-stream error objects
  int malformed_after = -1;       ///< one truncated-JSON data event after N events
  bool no_done = false;           ///< omit `data: [DONE]`
  bool after_done = false;        ///< send one more data event after `[DONE]`
  bool no_usage = false;          ///< never send usage
  double slow_headers_seconds = 0.0;  ///< delay before the status line
  bool close_delimited = false;   ///< no Content-Length / chunking: the body ends at close
  bool hostile_text = false;      ///< with `status`: a reason phrase and body of invalid UTF-8, NUL and ESC

  [[nodiscard]] bool any() const noexcept {
    return status != 0 || close_after >= 0 || reset_after >= 0 || stall_after >= 0 ||
           error_event_after >= 0 || error_data_after >= 0 || malformed_after >= 0 || no_done ||
           after_done || no_usage || slow_headers_seconds > 0.0 || close_delimited || hostile_text;
  }
};

struct server_config {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;
  unsigned workers = 1;
  std::vector<std::string> models;  ///< empty: any model accepted
  latency_spec ttft{};
  latency_spec itl{};
  std::uint64_t seed = 0;
  unsigned default_osl = 16;        ///< tokens generated when the request has no cap
  unsigned tokens_per_chunk = 1;
  double eos_probability = 0.0;     ///< per-token early stop chance (ignored with ignore_eos)
  unsigned reasoning_tokens = 0;
  std::string reasoning_field = "reasoning_content";
  double error_rate = 0.0;
  int error_status = 500;
  fault_spec fault{};               ///< applied to every request (with probability fault_rate)
  double fault_rate = 1.0;
  unsigned embedding_dim = 64;
  std::size_t max_body_bytes = 64u << 20;
  bool quiet = false;
  std::string request_log = {};     ///< JSONL of every inference request received ("" = off)
};

namespace detail {

inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

template <class T>
T parse_number(std::string_view item, std::string_view text) {
  T v{};
  const auto* first = text.data();
  const auto* last = text.data() + text.size();
  auto [p, ec] = std::from_chars(first, last, v);
  if (ec != std::errc{} || p != last || text.empty())
    throw std::invalid_argument("fault '" + std::string(item) + "': '" + std::string(text) +
                                "' is not a valid number");
  return v;
}

}  // namespace detail

/// Parses a fault spec: comma-separated items, e.g. `close=3`, `reset=2`, `stall=4:1.5`,
/// `status=503`, `error-event=2`, `error-data=2`, `error-code=429`, `malformed=1`, `no-done`,
/// `after-done`, `no-usage`, `slow-headers=0.2`, `close-delimited`, `hostile-text`, `none`.  Items merge into
/// `base` (so a header can add to the command-line faults).  Throws std::invalid_argument
/// naming the bad item.
inline fault_spec parse_fault_spec(std::string_view text, fault_spec base = {}) {
  using detail::parse_number;
  fault_spec f = base;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = detail::trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (item.empty()) continue;
    const auto eq = item.find('=');
    const std::string_view name = detail::trim(item.substr(0, eq));
    const std::string_view value =
        eq == std::string_view::npos ? std::string_view{} : detail::trim(item.substr(eq + 1));
    const bool has_value = eq != std::string_view::npos;
    auto need = [&](bool want) {
      if (want && !has_value)
        throw std::invalid_argument("fault '" + std::string(item) + "' needs a value (name=VALUE)");
      if (!want && has_value)
        throw std::invalid_argument("fault '" + std::string(item) + "' takes no value");
    };
    auto count = [&] {
      const int n = parse_number<int>(item, value);
      if (n < 0) throw std::invalid_argument("fault '" + std::string(item) + "': count must be >= 0");
      return n;
    };
    auto seconds = [&](std::string_view v) {
      const double s = parse_number<double>(item, v);
      if (!(s >= 0.0) || s > 3600.0)
        throw std::invalid_argument("fault '" + std::string(item) + "': seconds must be in [0, 3600]");
      return s;
    };
    if (name == "none") {
      need(false);
      f = fault_spec{};
    } else if (name == "status") {
      need(true);
      f.status = parse_number<int>(item, value);
      if (f.status < 100 || f.status > 599)
        throw std::invalid_argument("fault '" + std::string(item) + "': status must be 100..599");
    } else if (name == "close") {
      need(true);
      f.close_after = count();
    } else if (name == "reset") {
      need(true);
      f.reset_after = count();
    } else if (name == "stall") {
      need(true);
      const auto colon = value.find(':');
      if (colon == std::string_view::npos)
        throw std::invalid_argument("fault '" + std::string(item) + "': expected stall=N:SECONDS");
      f.stall_after = parse_number<int>(item, value.substr(0, colon));
      if (f.stall_after < 0) throw std::invalid_argument("fault '" + std::string(item) + "': count must be >= 0");
      f.stall_seconds = seconds(value.substr(colon + 1));
    } else if (name == "error-event") {
      need(true);
      f.error_event_after = count();
    } else if (name == "error-data") {
      need(true);
      f.error_data_after = count();
    } else if (name == "error-code") {
      need(true);
      f.error_code = parse_number<int>(item, value);
    } else if (name == "malformed") {
      need(true);
      f.malformed_after = count();
    } else if (name == "no-done") {
      need(false);
      f.no_done = true;
    } else if (name == "after-done") {
      need(false);
      f.after_done = true;
    } else if (name == "no-usage") {
      need(false);
      f.no_usage = true;
    } else if (name == "close-delimited") {
      need(false);
      f.close_delimited = true;
    } else if (name == "hostile-text") {
      need(false);
      f.hostile_text = true;
    } else if (name == "slow-headers") {
      need(true);
      f.slow_headers_seconds = seconds(value);
    } else {
      throw std::invalid_argument(
          "unknown fault '" + std::string(name) +
          "' (expected status, close, reset, stall, error-event, error-data, error-code, malformed, "
          "no-done, after-done, no-usage, slow-headers, close-delimited, hostile-text, none)");
    }
  }
  return f;
}

/// Parses `fixed|normal|lognormal|uniform`.
inline std::optional<dist_kind> parse_dist_kind(std::string_view s) noexcept {
  if (s == "fixed") return dist_kind::fixed;
  if (s == "normal") return dist_kind::normal;
  if (s == "lognormal") return dist_kind::lognormal;
  if (s == "uniform") return dist_kind::uniform;
  return std::nullopt;
}

}  // namespace mock
}  // namespace v0
}  // namespace aiperf
