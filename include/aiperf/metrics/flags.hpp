// SPDX-License-Identifier: Apache-2.0
// aiperf/metrics/flags.hpp — how a metric is treated by the summary and the exporters (AIPerf's
// MetricFlags, spec measurement §2.3, plus `fidelity`, ours).  A Metric may declare
// `static constexpr std::uint32_t flags = streaming_only | larger_is_better;`.
#pragma once
#include <aiperf/config.hpp>

#include <cstdint>

namespace aiperf {
inline namespace v0 {
namespace metrics {

enum metric_flag : std::uint32_t {
  streaming_only = 1u << 0,    // only meaningful for streamed responses (dropped otherwise)
  error_only = 1u << 1,        // summarized over failed requests instead of successful ones
  produces_tokens_only = 1u << 2,  // needs an endpoint that produces tokens (dropped for
                                   // embeddings, rankings: spec measurement §1.6, §5.6)
  larger_is_better = 1u << 4,  // goodput: the SLO is a lower bound
  hidden = 1u << 5,            // computed and exported, not in the console table
  no_records = 1u << 11,       // never written per record (profile_export.jsonl)
  fidelity = 1u << 20,         // ours: client fidelity, shown in its own console table
};

}  // namespace metrics
}  // namespace v0
}  // namespace aiperf
