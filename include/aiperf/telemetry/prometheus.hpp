// SPDX-License-Identifier: Apache-2.0
// aiperf/telemetry/prometheus.hpp — a parser for the Prometheus text exposition format 0.0.4
// (what vLLM, SGLang, TRT-LLM, Dynamo, Triton and the DCGM exporter serve on /metrics).
// Comments, HELP and TYPE lines, label values with \\ \" \n escapes, NaN and ±Inf, optional
// millisecond timestamps; histogram (_bucket/_sum/_count) and summary (quantile/_sum/_count)
// samples are gathered under their family.  Malformed input throws prometheus_error whose
// message starts with "line N:"; no input crashes it (tests/fuzz/prometheus_fuzz.cpp).
#pragma once
#include <aiperf/config.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace telemetry {

/// A family's declared type; `untyped` when no TYPE line names it (AIPerf exports it as "unknown").
enum class metric_type : std::uint8_t { untyped, counter, gauge, histogram, summary };

/// "counter", "gauge", "histogram", "summary", "untyped".
AIPERF_DECL std::string_view to_string(metric_type t) noexcept;

struct label {
  std::string name = {}, value = {};
  friend bool operator==(label const&, label const&) = default;
};

/// One sample line: `name{labels} value [timestamp_ms]`, the escapes of the label values decoded.
struct sample {
  std::string name = {};  // the full sample name (`x_bucket`, `x_sum`, ... for histograms)
  std::vector<label> labels = {};
  double value = 0;
  std::optional<std::int64_t> timestamp_ms = {};

  /// The value of label `name`, or nullopt.
  [[nodiscard]] std::optional<std::string_view> label_value(std::string_view name) const noexcept {
    for (auto const& l : labels)
      if (l.name == name) return std::string_view(l.value);
    return std::nullopt;
  }
};

/// A metric family: the samples that share a base name, with its HELP and TYPE.
struct metric_family {
  std::string name = {};
  metric_type type = metric_type::untyped;
  std::string help = {};  // unescaped; "" when absent
  std::vector<sample> samples = {};
};

/// Malformed exposition text: what is wrong and on which line (1-based).
class prometheus_error : public std::runtime_error {
 public:
  prometheus_error(std::size_t line, std::string const& what)
      : std::runtime_error("line " + std::to_string(line) + ": " + what), line_(line) {}
  [[nodiscard]] std::size_t line() const noexcept { return line_; }

 private:
  std::size_t line_ = {};
};

/// Parses a whole /metrics body into its families, in order of first appearance.  A sample
/// joins the family its TYPE line declared (`x_bucket` joins histogram `x`; `x_total` joins
/// counter `x`); a sample of no declared family starts an untyped one of its own name.
/// Throws prometheus_error on the first malformed line.
AIPERF_DECL std::vector<metric_family> parse_prometheus(std::string_view text);

/// A Prometheus float: "NaN", "+Inf", "-Inf", "Inf" or a decimal/exponent number, the whole of
/// `text`; nullopt otherwise.
AIPERF_DECL std::optional<double> parse_prometheus_float(std::string_view text) noexcept;

}  // namespace telemetry
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/telemetry/impl/prometheus.ipp>
#endif
