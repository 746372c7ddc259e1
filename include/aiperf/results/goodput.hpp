// SPDX-License-Identifier: Apache-2.0
// aiperf/results/goodput.hpp — `--goodput` as typed service-level objectives (spec measurement
// §4): parsed once, from "tag:value tag:value", into (metric tag, threshold in the metric's
// display unit).  A request is "good" when every SLO holds; the direction of each comparison
// comes from the metric (larger_is_better), a missing value fails.  The collector checks the
// tags against the metrics of the run (results/collector.hpp).
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/detail/ascii.hpp>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace results {

/// One service-level objective: the metric's value must be at most (or, for larger-is-better
/// metrics, at least) `threshold`, in the metric's display unit (ms, tokens/sec/user, ...).
struct goodput_slo {
  std::string tag;
  double threshold = 0;

  friend bool operator==(goodput_slo const&, goodput_slo const&) = default;
};

/// Parses a `--goodput` value: white-space separated `metric_tag:number` items.  Throws
/// std::invalid_argument whose message names the flag and the offending item.
inline std::vector<goodput_slo> parse_goodput(std::string_view spec) {
  std::vector<goodput_slo> out;
  std::size_t i = 0;
  while (i < spec.size()) {
    while (i < spec.size() && detail::ascii_space(spec[i])) ++i;
    const std::size_t start = i;
    while (i < spec.size() && !detail::ascii_space(spec[i])) ++i;
    if (i == start) break;
    const std::string item(spec.substr(start, i - start));
    const auto colon = item.find(':');
    if (colon == std::string::npos)
      throw std::invalid_argument("--goodput: User Config: '" + item + "' is not in 'key:value' format");
    const std::string key = item.substr(0, colon), value = item.substr(colon + 1);
    if (key.empty()) throw std::invalid_argument("--goodput: User Config: '" + item + "' has an empty key");
    if (value.empty()) throw std::invalid_argument("--goodput: User Config: '" + item + "' has an empty value");
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (end != value.c_str() + value.size())
      throw std::invalid_argument("--goodput: User Config: value for '" + key + "' must be numeric, got '" + value +
                                  "'");
    out.push_back({key, v});
  }
  if (out.empty()) throw std::invalid_argument("--goodput: expected 'metric_tag:value ...', got an empty value");
  return out;
}

}  // namespace results
}  // namespace v0
}  // namespace aiperf
