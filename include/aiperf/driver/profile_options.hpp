// SPDX-License-Identifier: Apache-2.0
// aiperf/driver/profile_options.hpp — the resolved configuration of `aiperf profile`, reflected once.
//
// `profile_options` is a plain aggregate adapted with BOOST_HANA_ADAPT_STRUCT.  Next to it,
// `profile_option_table` describes each member (flag names, help group, help text, bounds,
// choices, redaction).  From that single definition the driver derives
//   - the CLI11 registration and value conversion (aiperf/driver/cli.hpp),
//   - the `input_config` echo in profile_export_aiperf.json (input_config_json below),
//   - docs/cli-options.md (cli_options_markdown() in cli.hpp).
// A static_assert checks that every reflected member has exactly one table row, so a new field
// cannot be added without its flag, help and echo.
#pragma once

#include <aiperf/config.hpp>
#include <aiperf/detail/json_text.hpp>

#include <boost/hana/accessors.hpp>
#include <boost/hana/pair.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {

/// Resolved configuration of `aiperf profile` (after parsing, validation and the timing-mode
/// resolution of spec §4).  Defaults are AIPerf V-main's.  Unset optionals mean "not given and
/// no default applies".
struct profile_options {
  // ---- Endpoint ---------------------------------------------------------------------------
  std::vector<std::string> model_names;            // -m/--model/--model-names (required)
  std::string model_selection_strategy = "round_robin";  // round_robin | random
  std::string endpoint_type = "chat";              // chat | completions (others: not supported yet)
  std::optional<std::string> custom_endpoint;      // --endpoint/--custom-endpoint ("" = append nothing)
  bool streaming = false;                          // --streaming
  std::vector<std::string> urls = {"localhost:8000"};  // -u/--url, kept as given; see url_with_scheme()
  std::string url_strategy = "round_robin";        // --url-strategy (only round_robin)
  std::string transport = "http";                  // --transport/--transport-type (only http)
  double request_timeout_seconds = 21600;          // --request-timeout-seconds (> 0)
  std::optional<std::string> api_key;              // --api-key (redacted in every echo)
  bool use_legacy_max_tokens = false;              // --use-legacy-max-tokens
  bool use_server_token_count = false;             // --use-server-token-count
  bool insecure = false;                           // --insecure: no TLS verification (warned)
  std::string ca_file;                             // --ca-file: extra CA bundle (PEM); "" = system

  // ---- Tokenizer --------------------------------------------------------------------------
  std::optional<std::string> tokenizer;            // --tokenizer (HF id, path, or `builtin`)
  std::string tokenizer_revision = "main";
  bool tokenizer_trust_remote_code = false;

  // ---- Input ------------------------------------------------------------------------------
  std::vector<std::pair<std::string, std::string>> headers;  // -H/--header, later names win
  std::string extra_inputs_json = "{}";            // --extra-inputs merged into one JSON object
  std::optional<std::uint64_t> random_seed;        // --random-seed
  std::optional<std::string> goodput;              // --goodput raw string (metrics module parses tags)
  std::int64_t num_dataset_entries = 100;          // --num-dataset-entries/--num-prompts
  std::optional<std::int64_t> conversation_num;    // --conversation-num/--num-conversations/--num-sessions

  // ---- Input / output sequence lengths ----------------------------------------------------
  std::int64_t isl = 550;                          // --isl/--prompt-input-tokens-mean/...
  double isl_stddev = 0;
  std::optional<std::int64_t> osl;                 // --osl/...; unset = no max-tokens cap sent
  double osl_stddev = 0;

  // ---- Load generator ---------------------------------------------------------------------
  std::optional<std::int64_t> concurrency;         // --concurrency (ceiling, or burst-mode driver)
  std::optional<double> request_rate;              // --request-rate (requests/s)
  std::string arrival_pattern = "poisson";         // constant | poisson | gamma | concurrency_burst
  std::optional<double> arrival_smoothness;        // --arrival-smoothness/--vllm-burstiness (gamma shape)
  std::optional<std::int64_t> request_count;       // --request-count/--num-requests (filled per §4.2)
  std::optional<double> benchmark_duration;        // --benchmark-duration (s)
  std::optional<double> benchmark_grace_period;    // 30 s when a duration is set (may be +inf)
  std::string timing_mode;                         // resolved: "concurrency" (burst) | "request_rate"

  // ---- Warmup -----------------------------------------------------------------------------
  std::int64_t warmup_request_count = 0;           // 0 = no request-count warmup
  std::optional<double> warmup_duration;           // --warmup-duration (s)
  std::optional<std::int64_t> num_warmup_sessions; // --num-warmup-sessions
  std::optional<std::int64_t> warmup_concurrency;  // falls back to --concurrency
  std::optional<double> warmup_request_rate;       // falls back to --request-rate
  std::optional<std::string> warmup_arrival_pattern;  // falls back to --arrival-pattern
  std::optional<double> warmup_grace_period;       // only with --warmup-duration; unset = +inf

  // ---- Output -----------------------------------------------------------------------------
  std::string artifact_dir = "artifacts";          // --artifact-dir/--output-artifact-dir
  std::optional<std::string> profile_export_prefix;  // --profile-export-prefix/--profile-export-file
  std::string export_level = "records";            // summary | records

  // ---- Workers / service / UI -------------------------------------------------------------
  std::int64_t workers = 0;                        // --workers/--workers-max/--max-workers; 0 = hw threads
  std::string log_level = "info";                  // trace|debug|info|notice|warning|success|error|critical
  bool verbose = false;                            // -v: log_level debug
  bool extra_verbose = false;                      // -vv/--extra-verbose: log_level trace
  bool log_to_stderr = false;                      // --log-to-stderr (ours; default is stdout like AIPerf)
  std::string ui_type;                             // dashboard|simple|none; "" = auto (TTY → dashboard)
};

}  // namespace v0
}  // namespace aiperf

// Hana's BOOST_HANA_ADAPT_STRUCT stops at 39 members; this is the same adaptation, written out.
namespace aiperf {
inline namespace v0 {
namespace detail {
template <class MemPtr, MemPtr Ptr>
struct member_accessor {
  template <class T>
  constexpr decltype(auto) operator()(T&& t) const { return static_cast<T&&>(t).*Ptr; }
};
}  // namespace detail
}  // namespace v0
}  // namespace aiperf

#define AIPERF_PROFILE_MEMBER(m)                                                         \
  ::boost::hana::make_pair(BOOST_HANA_STRING(#m),                                         \
                           ::aiperf::detail::member_accessor<decltype(&::aiperf::profile_options::m), \
                                                             &::aiperf::profile_options::m>{})
template <>
struct boost::hana::accessors_impl<aiperf::profile_options> {
  static constexpr auto apply() {
    return ::boost::hana::make_tuple(
      AIPERF_PROFILE_MEMBER(model_names), AIPERF_PROFILE_MEMBER(model_selection_strategy), AIPERF_PROFILE_MEMBER(endpoint_type), AIPERF_PROFILE_MEMBER(custom_endpoint),
      AIPERF_PROFILE_MEMBER(streaming), AIPERF_PROFILE_MEMBER(urls), AIPERF_PROFILE_MEMBER(url_strategy), AIPERF_PROFILE_MEMBER(transport),
      AIPERF_PROFILE_MEMBER(request_timeout_seconds), AIPERF_PROFILE_MEMBER(api_key), AIPERF_PROFILE_MEMBER(use_legacy_max_tokens), AIPERF_PROFILE_MEMBER(use_server_token_count),
      AIPERF_PROFILE_MEMBER(insecure), AIPERF_PROFILE_MEMBER(ca_file), AIPERF_PROFILE_MEMBER(tokenizer), AIPERF_PROFILE_MEMBER(tokenizer_revision),
      AIPERF_PROFILE_MEMBER(tokenizer_trust_remote_code), AIPERF_PROFILE_MEMBER(headers), AIPERF_PROFILE_MEMBER(extra_inputs_json), AIPERF_PROFILE_MEMBER(random_seed),
      AIPERF_PROFILE_MEMBER(goodput), AIPERF_PROFILE_MEMBER(num_dataset_entries), AIPERF_PROFILE_MEMBER(conversation_num), AIPERF_PROFILE_MEMBER(isl),
      AIPERF_PROFILE_MEMBER(isl_stddev), AIPERF_PROFILE_MEMBER(osl), AIPERF_PROFILE_MEMBER(osl_stddev), AIPERF_PROFILE_MEMBER(concurrency),
      AIPERF_PROFILE_MEMBER(request_rate), AIPERF_PROFILE_MEMBER(arrival_pattern), AIPERF_PROFILE_MEMBER(arrival_smoothness), AIPERF_PROFILE_MEMBER(request_count),
      AIPERF_PROFILE_MEMBER(benchmark_duration), AIPERF_PROFILE_MEMBER(benchmark_grace_period), AIPERF_PROFILE_MEMBER(timing_mode), AIPERF_PROFILE_MEMBER(warmup_request_count),
      AIPERF_PROFILE_MEMBER(warmup_duration), AIPERF_PROFILE_MEMBER(num_warmup_sessions), AIPERF_PROFILE_MEMBER(warmup_concurrency), AIPERF_PROFILE_MEMBER(warmup_request_rate),
      AIPERF_PROFILE_MEMBER(warmup_arrival_pattern), AIPERF_PROFILE_MEMBER(warmup_grace_period), AIPERF_PROFILE_MEMBER(artifact_dir), AIPERF_PROFILE_MEMBER(profile_export_prefix),
      AIPERF_PROFILE_MEMBER(export_level), AIPERF_PROFILE_MEMBER(workers), AIPERF_PROFILE_MEMBER(log_level), AIPERF_PROFILE_MEMBER(verbose),
      AIPERF_PROFILE_MEMBER(extra_verbose), AIPERF_PROFILE_MEMBER(log_to_stderr), AIPERF_PROFILE_MEMBER(ui_type));
  }
};
#undef AIPERF_PROFILE_MEMBER

namespace aiperf {
inline namespace v0 {

/// Lower bound a numeric option must respect (per-field constraints of AIPerf's config model).
enum class option_bound : std::uint8_t { none, positive, non_negative, at_least_one };

/// How a value is hidden when echoed (input_config, cli_command).
enum class option_redact : std::uint8_t { none, secret, url_credentials, sensitive_headers };

/// Description of one `profile_options` member; one row per member, same order.
struct option_meta {
  std::string_view field;      // member name (must match the reflected name)
  std::string_view names;      // CLI11 names, comma-separated: "-m,--model-names,--model"; "" = not a flag
  std::string_view group;      // help group (AIPerf's headings)
  std::string_view section;    // key of the input_config sub-object
  std::string_view help;       // one sentence, shown in --help and docs
  std::string_view choices = {};  // "a|b|c" accepted (case-insensitive) values; "" = free
  option_bound bound = option_bound::none;
  option_redact redact = option_redact::none;
  bool accepts_inf = false;    // "inf" is a valid value (grace periods)
  std::string_view not_yet = {};  // choices recognised but "not supported yet by this build"
};

// clang-format off
inline constexpr option_meta profile_option_table[] = {
  {.field = "model_names", .names = "-m,--model-names,--model", .group = "Endpoint", .section = "endpoint",
   .help = "Model name(s) to benchmark (required). Repeat the flag or separate with commas; the first is the primary model."},
  {.field = "model_selection_strategy", .names = "--model-selection-strategy", .group = "Endpoint", .section = "endpoint",
   .help = "How a model is chosen per request when several are given.", .choices = "round_robin|random"},
  {.field = "endpoint_type", .names = "--endpoint-type", .group = "Endpoint", .section = "endpoint",
   .help = "API of the server.", .choices = "chat|completions",
   .not_yet = "cohere_rankings|chat_embeddings|embeddings|hf_tei_rankings|huggingface_generate|image_generation|video_generation|image_retrieval|nim_embeddings|nim_rankings|solido_rag|template|responses|messages|image_edit|raw|audio_transcription|rankings"},
  {.field = "custom_endpoint", .names = "--custom-endpoint,--endpoint", .group = "Endpoint", .section = "endpoint",
   .help = "URL path used instead of the endpoint type's default path (\"\" appends nothing)."},
  {.field = "streaming", .names = "--streaming", .group = "Endpoint", .section = "endpoint",
   .help = "Request streamed (SSE) responses; required for time-to-first-token and inter-token latency."},
  {.field = "urls", .names = "-u,--url", .group = "Endpoint", .section = "endpoint",
   .help = "Base URL(s) of the server; several URLs are used round-robin per session. http:// is assumed without a scheme.",
   .redact = option_redact::url_credentials},
  {.field = "url_strategy", .names = "--url-strategy", .group = "Endpoint", .section = "endpoint",
   .help = "How sessions are spread over several --url values.", .choices = "round_robin"},
  {.field = "transport", .names = "--transport,--transport-type", .group = "Endpoint", .section = "endpoint",
   .help = "Transport protocol.", .choices = "http"},
  {.field = "request_timeout_seconds", .names = "--request-timeout-seconds", .group = "Endpoint", .section = "endpoint",
   .help = "Total time allowed for one request (connect, send and receive); late requests are failures.",
   .bound = option_bound::positive},
  {.field = "api_key", .names = "--api-key", .group = "Endpoint", .section = "endpoint",
   .help = "API key sent as `Authorization: Bearer <key>`; redacted in every output.", .redact = option_redact::secret},
  {.field = "use_legacy_max_tokens", .names = "--use-legacy-max-tokens", .group = "Endpoint", .section = "endpoint",
   .help = "Send `max_tokens` instead of `max_completion_tokens` (chat)."},
  {.field = "use_server_token_count", .names = "--use-server-token-count", .group = "Endpoint", .section = "endpoint",
   .help = "Take token counts from the response `usage` instead of the client tokenizer."},
  {.field = "insecure", .names = "--insecure", .group = "Endpoint", .section = "endpoint",
   .help = "Do not verify TLS certificates of https:// URLs (a warning is printed)."},
  {.field = "ca_file", .names = "--ca-file", .group = "Endpoint", .section = "endpoint",
   .help = "Extra PEM file of trusted CA certificates for https:// URLs."},

  {.field = "tokenizer", .names = "--tokenizer", .group = "Tokenizer", .section = "tokenizer",
   .help = "Tokenizer: a Hugging Face model id (local cache), a directory or tokenizer.json path, or `builtin` (o200k_base). Default: the model name."},
  {.field = "tokenizer_revision", .names = "--tokenizer-revision", .group = "Tokenizer", .section = "tokenizer",
   .help = "Hugging Face revision of the tokenizer."},
  {.field = "tokenizer_trust_remote_code", .names = "--tokenizer-trust-remote-code", .group = "Tokenizer", .section = "tokenizer",
   .help = "Accepted for compatibility; no remote code is ever run by this build."},

  {.field = "headers", .names = "-H,--header", .group = "Input", .section = "input",
   .help = "Extra HTTP header(s) `Name:Value` or a JSON object; repeat or separate with commas. Sensitive values are redacted.",
   .redact = option_redact::sensitive_headers},
  {.field = "extra_inputs_json", .names = "--extra-inputs", .group = "Input", .section = "input",
   .help = "Extra request-body fields `key:value` (values typed: ints, floats, true/false, null) or a JSON object; repeat or separate with commas."},
  {.field = "random_seed", .names = "--random-seed", .group = "Input", .section = "input",
   .help = "Seed of every random stream (dataset, arrivals); unset = random."},
  {.field = "goodput", .names = "--goodput", .group = "Input", .section = "input",
   .help = "Service-level objectives `metric_tag:value ...` (space separated, display units), e.g. `request_latency:250`."},
  {.field = "num_dataset_entries", .names = "--num-dataset-entries,--num-prompts", .group = "Input", .section = "input",
   .help = "Number of distinct synthetic prompts generated and reused by the sampler.", .bound = option_bound::at_least_one},
  {.field = "conversation_num", .names = "--conversation-num,--num-conversations,--num-sessions", .group = "Conversation Input", .section = "input",
   .help = "Stop after this many sessions (conversations) have been started.", .bound = option_bound::at_least_one},

  {.field = "isl", .names = "--prompt-input-tokens-mean,--synthetic-input-tokens-mean,--isl", .group = "Input Sequence Length (ISL)", .section = "input",
   .help = "Mean input length (tokens) of synthetic prompts.", .bound = option_bound::non_negative},
  {.field = "isl_stddev", .names = "--prompt-input-tokens-stddev,--synthetic-input-tokens-stddev,--isl-stddev", .group = "Input Sequence Length (ISL)", .section = "input",
   .help = "Standard deviation of the input length (tokens).", .bound = option_bound::non_negative},
  {.field = "osl", .names = "--prompt-output-tokens-mean,--output-tokens-mean,--osl", .group = "Output Sequence Length (OSL)", .section = "input",
   .help = "Mean requested output length (tokens); unset = no max-tokens cap is sent.", .bound = option_bound::non_negative},
  {.field = "osl_stddev", .names = "--prompt-output-tokens-stddev,--output-tokens-stddev,--osl-stddev", .group = "Output Sequence Length (OSL)", .section = "input",
   .help = "Standard deviation of the requested output length (tokens).", .bound = option_bound::non_negative},

  {.field = "concurrency", .names = "--concurrency", .group = "Load Generator", .section = "loadgen",
   .help = "Sessions in flight: the driver of burst mode, or a ceiling with --request-rate.", .bound = option_bound::at_least_one},
  {.field = "request_rate", .names = "--request-rate", .group = "Load Generator", .section = "loadgen",
   .help = "Target request rate (requests/s); open-loop arrivals per --arrival-pattern.", .bound = option_bound::positive},
  {.field = "arrival_pattern", .names = "--arrival-pattern,--request-rate-mode", .group = "Load Generator", .section = "loadgen",
   .help = "Inter-arrival distribution with --request-rate.", .choices = "poisson|constant|gamma|concurrency_burst"},
  {.field = "arrival_smoothness", .names = "--arrival-smoothness,--vllm-burstiness", .group = "Load Generator", .section = "loadgen",
   .help = "Gamma shape (1 = Poisson, <1 burstier, >1 smoother); implies --arrival-pattern gamma.", .bound = option_bound::positive},
  {.field = "request_count", .names = "--request-count,--num-requests", .group = "Load Generator", .section = "loadgen",
   .help = "Stop after this many requests. Default without other stop condition: 10 (rate) or max(10, 2 x concurrency).",
   .bound = option_bound::at_least_one},
  {.field = "benchmark_duration", .names = "--benchmark-duration", .group = "Load Generator", .section = "loadgen",
   .help = "Stop sending new requests after this many seconds.", .bound = option_bound::positive},
  {.field = "benchmark_grace_period", .names = "--benchmark-grace-period", .group = "Load Generator", .section = "loadgen",
   .help = "Seconds to wait for in-flight responses after --benchmark-duration (default 30; `inf` waits for all).",
   .bound = option_bound::non_negative, .accepts_inf = true},
  {.field = "timing_mode", .names = "", .group = "Load Generator", .section = "loadgen",
   .help = "Resolved timing mode: `concurrency` (burst) or `request_rate`."},

  {.field = "warmup_request_count", .names = "--warmup-request-count,--num-warmup-requests", .group = "Warmup", .section = "loadgen",
   .help = "Warmup requests sent before profiling (excluded from metrics).", .bound = option_bound::positive},
  {.field = "warmup_duration", .names = "--warmup-duration", .group = "Warmup", .section = "loadgen",
   .help = "Warmup length in seconds.", .bound = option_bound::positive},
  {.field = "num_warmup_sessions", .names = "--num-warmup-sessions", .group = "Warmup", .section = "loadgen",
   .help = "Warmup sessions before profiling.", .bound = option_bound::at_least_one},
  {.field = "warmup_concurrency", .names = "--warmup-concurrency", .group = "Warmup", .section = "loadgen",
   .help = "Concurrency during warmup (default: --concurrency).", .bound = option_bound::at_least_one},
  {.field = "warmup_request_rate", .names = "--warmup-request-rate", .group = "Warmup", .section = "loadgen",
   .help = "Request rate during warmup (default: --request-rate).", .bound = option_bound::positive},
  {.field = "warmup_arrival_pattern", .names = "--warmup-arrival-pattern", .group = "Warmup", .section = "loadgen",
   .help = "Arrival pattern during warmup (default: --arrival-pattern).", .choices = "poisson|constant|gamma|concurrency_burst"},
  {.field = "warmup_grace_period", .names = "--warmup-grace-period", .group = "Warmup", .section = "loadgen",
   .help = "Seconds to wait for warmup responses after --warmup-duration (default: all).",
   .bound = option_bound::non_negative, .accepts_inf = true},

  {.field = "artifact_dir", .names = "--output-artifact-dir,--artifact-dir", .group = "Output", .section = "output",
   .help = "Root directory of the artifacts; a per-run sub-directory is derived unless the flag is given."},
  {.field = "profile_export_prefix", .names = "--profile-export-prefix,--profile-export-file", .group = "Output", .section = "output",
   .help = "Base file name of the exports (replaces `profile_export_aiperf`)."},
  {.field = "export_level", .names = "--export-level,--profile-export-level", .group = "Output", .section = "output",
   .help = "summary: JSON/CSV only; records: also per-request profile_export.jsonl.", .choices = "records|summary",
   .not_yet = "raw"},

  {.field = "workers", .names = "--workers,--workers-max,--max-workers", .group = "Workers", .section = "service",
   .help = "Worker threads (shards), each with its own event loop and connections; 0 = hardware threads.",
   .bound = option_bound::non_negative},
  {.field = "log_level", .names = "--log-level", .group = "Service", .section = "service",
   .help = "Log level.", .choices = "trace|debug|info|notice|warning|success|error|critical"},
  {.field = "verbose", .names = "-v,--verbose", .group = "Service", .section = "service",
   .help = "Debug logging (`-vv`: trace logging)."},
  {.field = "extra_verbose", .names = "--extra-verbose", .group = "Service", .section = "service",
   .help = "Trace logging (same as -vv)."},
  {.field = "log_to_stderr", .names = "--log-to-stderr", .group = "Service", .section = "service",
   .help = "Write logs to stderr instead of stdout."},
  {.field = "ui_type", .names = "--ui-type,--ui", .group = "UI", .section = "service",
   .help = "Progress display; default: dashboard on a terminal, none otherwise.", .choices = "dashboard|simple|none"},
};
// clang-format on

/// Index of a member's table row, or std::size(profile_option_table).  (An index rather than a
/// pointer: GCC rejects pointer comparisons in constant expressions under -fsanitize=undefined.)
constexpr std::size_t option_index(std::string_view field) {
  std::size_t i = 0;
  for (; i < std::size(profile_option_table); ++i)
    if (profile_option_table[i].field == field) break;
  return i;
}

/// The table row of a member, or nullptr.
inline option_meta const* find_option_meta(std::string_view field) {
  auto const i = option_index(field);
  return i < std::size(profile_option_table) ? &profile_option_table[i] : nullptr;
}

namespace detail {
consteval bool every_field_described() {
  namespace hana = boost::hana;
  std::size_t n = 0;
  bool ok = true;
  hana::for_each(hana::accessors<profile_options>(), [&](auto acc) {
    std::string_view name = hana::to<char const*>(hana::first(acc));
    // Same order as the struct, so help and docs list fields the way they are declared.
    if (n >= std::size(profile_option_table) || profile_option_table[n].field != name) ok = false;
    ++n;
  });
  return ok && n == std::size(profile_option_table);
}
}  // namespace detail

static_assert(detail::every_field_described(),
              "aiperf::profile_option_table must have one row per profile_options member, in declaration order");

// ---- JSON rendering (input_config echo) ----------------------------------------------------

namespace detail {

inline void json_escape_to(std::string& out, std::string_view s) { append_json_string(out, s); }

inline std::string json_number(double v) {
  // JSON has no infinity: an unbounded grace period is echoed as the string "inf".
  if (v != v) return "null";
  if (v == std::numeric_limits<double>::infinity()) return "\"inf\"";
  if (v == -std::numeric_limits<double>::infinity()) return "\"-inf\"";
  // Integral doubles keep a ".0" so consumers see a float, as Python's json does.
  char buf[64];
  double ip;
  if (std::modf(v, &ip) == 0.0 && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.1f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.17g", v);
    // Prefer the shortest representation that round-trips.
    for (int prec = 1; prec <= 17; ++prec) {
      char tmp[64];
      std::snprintf(tmp, sizeof tmp, "%.*g", prec, v);
      if (std::strtod(tmp, nullptr) == v) {
        std::snprintf(buf, sizeof buf, "%s", tmp);
        break;
      }
    }
  }
  return buf;
}

/// Header names whose values are credentials.
inline bool is_sensitive_header(std::string_view name) {
  std::string n;
  for (char c : name) n += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (std::string_view word : {"authorization", "api-key", "api_key", "apikey", "token", "secret", "password",
                                "cookie", "credential", "session"})
    if (n.find(word) != std::string::npos) return true;
  return false;
}

}  // namespace detail

inline constexpr std::string_view redacted_text = "<redacted>";

/// `scheme://user:pass@host/...` → `scheme://<redacted>@host/...`; other URLs unchanged.
inline std::string redact_url_credentials(std::string_view url) {
  auto const scheme_end = url.find("://");
  std::size_t const auth_begin = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  auto const path_begin = url.find_first_of("/?#", auth_begin);
  auto const authority = url.substr(auth_begin, path_begin == std::string_view::npos ? url.npos : path_begin - auth_begin);
  auto const at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, auth_begin));
  out += redacted_text;
  out += url.substr(auth_begin + at);
  return out;
}

/// A URL as used on the wire: `http://` is prepended when no scheme is given (spec §2.20).
inline std::string url_with_scheme(std::string_view url) {
  auto const lower_starts = [&](std::string_view p) {
    if (url.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if ((url[i] | 0x20) != p[i] && url[i] != p[i]) return false;
    return true;
  };
  if (lower_starts("http://") || lower_starts("https://")) return std::string(url);
  return "http://" + std::string(url);
}

namespace detail {

inline void json_value_to(std::string& out, bool v, option_meta const&) { out += v ? "true" : "false"; }
inline void json_value_to(std::string& out, std::int64_t v, option_meta const&) { out += std::to_string(v); }
inline void json_value_to(std::string& out, std::uint64_t v, option_meta const&) { out += std::to_string(v); }
inline void json_value_to(std::string& out, double v, option_meta const&) { out += json_number(v); }
inline void json_value_to(std::string& out, std::string const& v, option_meta const& m) {
  if (m.field == "extra_inputs_json") {
    out += v.empty() ? std::string_view("{}") : std::string_view(v);  // already a JSON object
  } else if (m.redact == option_redact::secret) {
    json_escape_to(out, redacted_text);
  } else if (m.redact == option_redact::url_credentials) {
    json_escape_to(out, redact_url_credentials(v));
  } else {
    json_escape_to(out, v);
  }
}
inline void json_value_to(std::string& out, std::vector<std::string> const& v, option_meta const& m) {
  out += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    json_value_to(out, v[i], m);
  }
  out += ']';
}
inline void json_value_to(std::string& out, std::vector<std::pair<std::string, std::string>> const& v,
                          option_meta const&) {
  out += '{';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    json_escape_to(out, v[i].first);
    out += ": ";
    json_escape_to(out, is_sensitive_header(v[i].first) ? std::string(redacted_text) : v[i].second);
  }
  out += '}';
}

template <class T>
bool json_present(T const&) { return true; }
template <class T>
bool json_present(std::optional<T> const& v) { return v.has_value(); }
template <class T>
void json_any_to(std::string& out, T const& v, option_meta const& m) { json_value_to(out, v, m); }
template <class T>
void json_any_to(std::string& out, std::optional<T> const& v, option_meta const& m) { json_value_to(out, *v, m); }

}  // namespace detail

/// The resolved options as the `input_config` JSON object of profile_export_aiperf.json:
/// `{"endpoint": {...}, "tokenizer": {...}, "input": {...}, "loadgen": {...}, "output": {...},
/// "service": {...}}`, keys = member names, unset optionals omitted, secrets redacted (API key,
/// URL credentials, values of credential-like headers).  Generated from the Hana reflection.
inline std::string input_config_json(profile_options const& o) {
  namespace hana = boost::hana;
  std::vector<std::pair<std::string_view, std::string>> sections;  // insertion-ordered
  hana::for_each(hana::accessors<profile_options>(), [&](auto acc) {
    using name_t = decltype(hana::first(acc));
    constexpr std::string_view name = hana::to<char const*>(std::remove_cvref_t<name_t>{});
    constexpr std::size_t index = option_index(name);
    static_assert(index < std::size(profile_option_table));
    option_meta const* const m = &profile_option_table[index];
    auto const& value = hana::second(acc)(o);
    if (!detail::json_present(value)) return;
    auto it = sections.begin();
    while (it != sections.end() && it->first != m->section) ++it;
    if (it == sections.end()) it = sections.insert(sections.end(), {m->section, std::string{}});
    std::string& body = it->second;
    if (!body.empty()) body += ", ";
    detail::json_escape_to(body, name);
    body += ": ";
    detail::json_any_to(body, value, *m);
  });
  std::string out = "{";
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (i) out += ", ";
    detail::json_escape_to(out, sections[i].first);
    out += ": {";
    out += sections[i].second;
    out += '}';
  }
  out += '}';
  return out;
}

/// What `parse_command_line` returns for `aiperf profile ...` when everything is valid.
struct parse_result {
  profile_options options;
  std::string cli_command;                 // argv joined, shell-quoted, secrets redacted (run_info.cli_command)
  std::vector<std::string> warnings;       // defaults applied / risky settings: log each once before the run
  std::vector<std::string> explicit_fields;  // members given on the command line (e.g. "artifact_dir")

  bool was_set(std::string_view field) const {
    for (auto const& f : explicit_fields)
      if (f == field) return true;
    return false;
  }
  std::string input_config_json() const { return aiperf::input_config_json(options); }
};

}  // namespace v0
}  // namespace aiperf
