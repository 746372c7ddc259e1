// SPDX-License-Identifier: Apache-2.0
// src/aiperf.cpp — the body of `aiperf::compiled` (separate-compilation mode): every
// non-template definition of the library, compiled exactly once.  Link aiperf::compiled
// rather than compiling this file yourself; it defines AIPERF_SEPARATE_COMPILATION PUBLIC so
// that every TU using the library sees declarations only (include/aiperf/config.hpp).
//
// Asio stays header-only here (no ASIO_SEPARATE_COMPILATION, no <asio/impl/src.hpp>): Asio is
// the consumer's dependency too, and its mode must be the same in every TU of a program
// (STYLE.md §6 pitfall 7).  Imposing ASIO_SEPARATE_COMPILATION through this target would break
// a program that also uses Asio header-only in another library, or compiles asio/impl/src.hpp
// itself (duplicate definitions).  The template-heavy part of Asio that the transport uses
// (its async operations) is instantiated in this file only anyway; what stays in users' TUs is
// the io_context machinery, emitted inline and merged by the linker.
#if !defined(AIPERF_SEPARATE_COMPILATION)
#define AIPERF_SEPARATE_COMPILATION 1
#endif

#if defined(AIPERF_HEADER_ONLY)
#error "src/aiperf.cpp is the separate-compilation body: do not build it with AIPERF_HEADER_ONLY"
#endif
#if defined(AIPERF_SRC_AIPERF_CPP)
#error "src/aiperf.cpp is included twice in one translation unit: it must be compiled exactly once"
#endif
// Marks this TU as the one place impl/*.ipp may be compiled in separate-compilation mode.
#define AIPERF_SRC_AIPERF_CPP 1

#include <aiperf/config.hpp>

#include <aiperf/datasets/impl/corpus.ipp>
#include <aiperf/datasets/impl/corpus_text.ipp>
#include <aiperf/datasets/impl/multi_turn.ipp>
#include <aiperf/datasets/impl/prompt_generator.ipp>
#include <aiperf/datasets/impl/random_pool.ipp>
#include <aiperf/datasets/impl/sequence_distribution.ipp>
#include <aiperf/datasets/impl/sharegpt.ipp>
#include <aiperf/datasets/impl/single_turn.ipp>
#include <aiperf/datasets/impl/trace_analysis.ipp>
#include <aiperf/datasets/impl/trace_dataset.ipp>
#include <aiperf/datasets/impl/trace_file.ipp>
#include <aiperf/datasets/impl/trace_synthesis.ipp>
#include <aiperf/detail/impl/json_text.ipp>
#include <aiperf/detail/impl/utf8.ipp>
#include <aiperf/endpoints/impl/auto_parse.ipp>
#include <aiperf/endpoints/impl/jinja_subset.ipp>
#include <aiperf/endpoints/impl/openai_base.ipp>
#include <aiperf/endpoints/impl/openai_parse.ipp>
#include <aiperf/endpoints/impl/template_endpoint.ipp>
#include <aiperf/endpoints/impl/vector_parse.ipp>
#include <aiperf/metrics/impl/standard_values.ipp>
#include <aiperf/metrics/impl/statistics.ipp>
#include <aiperf/report/impl/compare.ipp>
#include <aiperf/report/impl/run_artifacts.ipp>
#include <aiperf/results/impl/artifacts.ipp>
#include <aiperf/results/impl/collector.ipp>
#include <aiperf/results/impl/exporters.ipp>
#include <aiperf/results/impl/line_file.ipp>
#include <aiperf/results/impl/multi_run.ipp>
#include <aiperf/results/impl/timeslices.ipp>
#include <aiperf/runner/impl/prepared_dataset.ipp>
#include <aiperf/telemetry/impl/gpu_telemetry.ipp>
#include <aiperf/telemetry/impl/http_get.ipp>
#include <aiperf/telemetry/impl/nvml.ipp>
#include <aiperf/telemetry/impl/prometheus.ipp>
#include <aiperf/telemetry/impl/server_metrics.ipp>
#include <aiperf/telemetry/impl/session.ipp>
#include <aiperf/runner/impl/shard_core.ipp>
#include <aiperf/tokenizer/impl/bpe.ipp>
#include <aiperf/tokenizer/impl/pretokenizer.ipp>
#include <aiperf/tokenizer/impl/tokenizer.ipp>
#include <aiperf/tokenizer/impl/unicode.ipp>
#include <aiperf/transport/impl/http_client.ipp>
#include <aiperf/transport/impl/http_request.ipp>
#include <aiperf/transport/impl/http_response_parser.ipp>
#include <aiperf/transport/impl/sse.ipp>
#include <aiperf/transport/impl/sse_error.ipp>
#include <aiperf/transport/impl/tls.ipp>
#include <aiperf/transport/impl/url.ipp>
