// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/options.hpp — the options of `aiperf profile`, each declared once.
//
// An option is ONE line in the X-macro list of its section (AIPERF_ENDPOINT_OPTIONS, ...):
//
//   X(type, member, {default}, "flag spellings", "help group", "help sentence", extra metadata...)
//
// and that line yields three things:
//   - the member `type member{default};` of the section struct (endpoint_section, ...);
//   - its reflection: the section is a Boost.Hana Struct, so `hana::accessors<endpoint_section>()`
//     names and reaches every member;
//   - its metadata: the row `option_section<endpoint_section>::meta[i]` (same order), an
//     option_meta built from the flags, group and help plus the extra metadata, written as
//     designated initialisers in option_meta's member order (`.choices = {...}, .bound = ...`).
// The struct body is generated from the list, so a member cannot exist without its flags, help
// and echo; the six positional macro arguments are required, and the static_asserts below make
// an empty help, a flag-less option that is not `.resolved`, or a choice that is also `not_yet`
// a compile error.  From these declarations come the CLI11 registration and value conversion
// (cli.cpp, values.hpp), the `input_config` echo (echo.hpp) and docs/cli-options.md (docs.hpp).
//
// `profile_options` is the struct of the sections (`o.endpoint.model_names`,
// `o.loadgen.concurrency`, ...).  `.echo` names AIPerf's field for the option (the key path in
// `input_config`, which AIPerf's scripts and `aiperf plot` read); see option_meta::echo.
//
// Writing a declaration: a type with a comma needs an alias (header_list); a default is one
// braced initialiser without a top-level comma ({}, {"chat"}, {550}).
#pragma once
#include "../registry.hpp"

#include <aiperf/detail/checked_time.hpp>
#include <aiperf/results/goodput.hpp>

#include <boost/hana/accessors.hpp>
#include <boost/hana/drop_back.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/pair.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/unpack.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace aiperf::driver {

// ---- value types with their own parsing and echo ---------------------------------------------

using string_list = std::vector<std::string>;
/// `-H Name:Value`, in order; a later name replaces an earlier one in place.
using header_list = std::vector<std::pair<std::string, std::string>>;
/// `--goodput tag:value ...`, parsed once by results::parse_goodput.
using goodput_list = std::vector<results::goodput_slo>;

/// `--extra-inputs`: the merged request-body fields as the text of one JSON object.
struct json_object_text {
  std::string text = "{}";
  friend bool operator==(json_object_text const&, json_object_text const&) = default;
};

// ---- metadata ------------------------------------------------------------------------------

/// Lower bound a numeric option must respect (per-field constraints of AIPerf's config model).
enum class option_bound : std::uint8_t { none, positive, non_negative, at_least_one };

/// How a value is hidden when echoed (input_config, cli_command).
enum class option_redact : std::uint8_t { none, secret, url_credentials, sensitive_headers };

/// The accepted words of an option, usable in constant expressions: written inline
/// (`.choices = {"round_robin", "random"}`) or taken from the registry
/// (`.choices = names_of(endpoint_types{})`).
class choice_list {
 public:
  static constexpr std::size_t capacity = 32;

  constexpr choice_list() = default;
  constexpr choice_list(std::initializer_list<std::string_view> words) {
    for (auto word : words) push(word);
  }
  template <std::size_t N>
  constexpr choice_list(std::array<std::string_view, N> const& words) {  // NOLINT: implicit on purpose
    for (auto word : words) push(word);
  }

  [[nodiscard]] constexpr bool empty() const { return count_ == 0; }
  [[nodiscard]] constexpr std::size_t size() const { return count_; }
  [[nodiscard]] constexpr std::string_view const* begin() const { return words_.data(); }
  [[nodiscard]] constexpr std::string_view const* end() const { return words_.data() + count_; }
  [[nodiscard]] constexpr bool contains(std::string_view word) const {
    for (auto w : *this)
      if (w == word) return true;
    return false;
  }

 private:
  constexpr void push(std::string_view word) {
    // Reached only while building the constexpr tables: a compile error, never a run-time throw.
    if (count_ == capacity) throw "aiperf options: more choices than choice_list::capacity";
    words_[count_++] = word;
  }
  std::array<std::string_view, capacity> words_{};
  std::size_t count_ = 0;
};

/// The largest value an option accepts, and why in a few words: values beyond it would overflow
/// the client's int64 nanoseconds or size memory from a number (issue #12).  value 0: no limit.
struct option_limit {
  double value = 0;
  std::string_view why = {};
};
inline constexpr option_limit seconds_limit{aiperf::detail::max_duration_s, "100 years"};
inline constexpr option_limit token_length_limit{10'000'000, "10M tokens, the largest context windows"};
inline constexpr option_limit concurrency_limit{1'000'000, "each in-flight request holds a connection"};

/// Everything the CLI, the echo and the docs know about one option besides its type and default.
/// Written by the section lists below with designated initialisers, in this member order.
struct option_meta {
  std::string_view field = {};  // member name = input_config key (filled by the X-macro)
  std::string_view names = {};  // CLI11 spellings "-m,--model-names,--model"; "" only when resolved
  std::string_view group = {};  // help group (AIPerf's headings)
  std::string_view help = {};   // one sentence, shown in --help and the docs
  choice_list choices = {};     // accepted values (case-insensitive); empty = free text
  choice_list not_yet = {};     // values recognised but "not supported yet by this build"
  option_bound bound = option_bound::none;
  option_limit at_most = {};    // largest accepted value (none by default)
  option_redact redact = option_redact::none;
  bool accepts_inf = false;     // "inf" is a valid value (grace periods)
  bool required = false;        // must be given (checked with a dedicated message)
  bool sweep = false;           // a comma list is AIPerf's parameter sweep: each item checked, run in turn
  bool resolved = false;        // no flag: computed from the others, echoed in input_config
  bool value_optional = false;  // a list flag that may be given without values (`--gpu-telemetry`)
  // Where input_config writes it: AIPerf's UserConfig path ("endpoint.timeout_seconds",
  // "input.prompt.input_tokens.mean"), so AIPerf's readers find it.  Empty for our own options
  // (AIPerf has no such field): they go under input_config.aiperf_cpp.<section>.<member>.
  std::string_view echo = {};
};

/// Key and metadata rows of a section; specialised by AIPERF_DEFINE_OPTION_SECTION.
template <class Section>
struct option_section;

namespace cli_detail {

template <auto Member>
struct member_accessor {
  template <class T>
  constexpr decltype(auto) operator()(T&& object) const {
    return static_cast<T&&>(object).*Member;
  }
};

consteval bool every_option_has_help(auto const& rows) {
  for (option_meta const& m : rows)
    if (m.help.empty() || m.group.empty()) return false;
  return true;
}
consteval bool flags_unless_resolved(auto const& rows) {
  for (option_meta const& m : rows)
    if (m.names.empty() != m.resolved) return false;
  return true;
}
consteval bool no_choice_is_not_yet(auto const& rows) {
  for (option_meta const& m : rows)
    for (auto word : m.not_yet)
      if (m.choices.contains(word)) return false;
  return true;
}

}  // namespace cli_detail
}  // namespace aiperf::driver

// ---- the expansion of one declaration --------------------------------------------------------

#define AIPERF_OPTION_MEMBER(type, member, init, ...) type member init;
#define AIPERF_OPTION_META(type, member, init, flag_names, help_group, help_text, ...) \
  ::aiperf::driver::option_meta{.field = #member, .names = flag_names, .group = help_group, .help = help_text, __VA_ARGS__},
#define AIPERF_OPTION_ACCESSOR(type, member, ...)                   \
  ::boost::hana::make_pair(BOOST_HANA_STRING(#member),              \
                           ::aiperf::driver::cli_detail::member_accessor<&reflected::member>{}),

/// Defines `aiperf::driver::<key>_section` from the list LIST, its metadata rows and its Hana
/// reflection, and checks the rows.  Use at global scope.
#define AIPERF_DEFINE_OPTION_SECTION(key, LIST)                                                          \
  namespace aiperf::driver {                                                                             \
  struct key##_section {                                                                                 \
    LIST(AIPERF_OPTION_MEMBER)                                                                           \
  };                                                                                                     \
  template <>                                                                                            \
  struct option_section<key##_section> {                                                                 \
    static constexpr std::string_view name = #key;                                                       \
    static constexpr option_meta meta[] = {LIST(AIPERF_OPTION_META)};                                    \
  };                                                                                                     \
  static_assert(cli_detail::every_option_has_help(option_section<key##_section>::meta),                 \
                "aiperf options (" #key "): every option needs a help group and a help sentence");      \
  static_assert(cli_detail::flags_unless_resolved(option_section<key##_section>::meta),                 \
                "aiperf options (" #key "): an option needs flag names unless it is .resolved = true "  \
                "(and a resolved option has none)");                                                     \
  static_assert(cli_detail::no_choice_is_not_yet(option_section<key##_section>::meta),                  \
                "aiperf options (" #key "): a value is both a choice (e.g. a registered type) and "     \
                "listed in not_yet; remove it from not_yet");                                            \
  }                                                                                                      \
  template <>                                                                                            \
  struct boost::hana::accessors_impl<aiperf::driver::key##_section> {                                   \
    using reflected = aiperf::driver::key##_section;                                                     \
    static constexpr auto apply() {                                                                      \
      /* Every accessor ends with a comma; the trailing 0 is dropped again. */                           \
      return ::boost::hana::drop_back(::boost::hana::make_tuple(LIST(AIPERF_OPTION_ACCESSOR) 0));        \
    }                                                                                                    \
  };

// ---- the sections -----------------------------------------------------------------------------
// Defaults are AIPerf V-main's.  Unset optionals mean "not given and no default applies".

// clang-format off
#define AIPERF_ENDPOINT_OPTIONS(X)                                                                                     \
  X(string_list, model_names, {}, "-m,--model-names,--model", "Endpoint",                                               \
    "Model name(s) to benchmark (required). Repeat the flag or separate with commas; the first is the primary model.",  \
    .required = true, .echo = "endpoint.model_names")                                                                                                   \
  X(std::string, model_selection_strategy, {"round_robin"}, "--model-selection-strategy", "Endpoint",                   \
    "How a model is chosen per request when several are given.", .choices = {"round_robin", "random"}, .echo = "endpoint.model_selection_strategy")                  \
  X(std::string, endpoint_type, {"chat"}, "--endpoint-type", "Endpoint",                                                \
    "API of the server.", .choices = names_of(endpoint_types{}),                                                       \
    .not_yet = {"video_generation", "image_retrieval", "solido_rag", "image_edit",                                 \
                "audio_transcription", "rankings"}, .echo = "endpoint.type")                                                                     \
  X(std::optional<std::string>, custom_endpoint, {}, "--custom-endpoint,--endpoint", "Endpoint",                        \
    "URL path used instead of the endpoint type's default path (\"\" appends nothing).", .echo = "endpoint.custom_endpoint")                               \
  X(bool, streaming, {false}, "--streaming", "Endpoint",                                                                \
    "Request streamed (SSE) responses; required for time-to-first-token and inter-token latency.", .echo = "endpoint.streaming")                    \
  X(string_list, urls, {"localhost:8000"}, "-u,--url", "Endpoint",                                                      \
    "Base URL(s) of the server; several URLs are used round-robin per session. http:// is assumed without a scheme.",   \
    .redact = option_redact::url_credentials, .echo = "endpoint.urls")                                                                           \
  X(std::string, url_strategy, {"round_robin"}, "--url-strategy", "Endpoint",                                           \
    "How sessions are spread over several --url values.", .choices = {"round_robin"}, .echo = "endpoint.url_selection_strategy")                                  \
  X(std::string, transport, {"http"}, "--transport,--transport-type", "Endpoint",                                       \
    "Transport protocol.", .choices = {"http"}, .echo = "endpoint.transport")                                                                         \
  X(double, request_timeout_seconds, {21600}, "--request-timeout-seconds", "Endpoint",                                  \
    "Total time allowed for one request (connect, send and receive); late requests are failures.",                     \
    .bound = option_bound::positive, .at_most = seconds_limit, .echo = "endpoint.timeout_seconds")                                                         \
  X(std::optional<double>, connect_timeout_seconds, {}, "--connect-timeout-seconds", "Endpoint",                     \
    "Longest wait to open a new connection (DNS, TCP connect and TLS handshake); past it the request is a "            \
    "ConnectionTimeoutError record. Default: only --request-timeout-seconds bounds it.",                              \
    .bound = option_bound::positive, .at_most = seconds_limit)                                                          \
  X(std::optional<double>, first_byte_timeout_seconds, {}, "--first-byte-timeout-seconds", "Endpoint",               \
    "Longest wait from the request fully sent to the first response byte (a server that accepts and never "           \
    "answers); past it the request is a ServerTimeoutError record. Default: only --request-timeout-seconds.",          \
    .bound = option_bound::positive, .at_most = seconds_limit)                                                          \
  X(std::optional<double>, idle_timeout_seconds, {}, "--idle-timeout-seconds", "Endpoint",                           \
    "Longest gap between response bytes once they flow (a stream that stalls); past it the request is a "             \
    "ServerTimeoutError record keeping what arrived. A slow, steady stream never trips it.",                         \
    .bound = option_bound::positive, .at_most = seconds_limit)                                                          \
  X(std::int64_t, max_response_bytes, {std::int64_t{64} << 20}, "--max-response-bytes", "Endpoint",                      \
    "Most body bytes kept from one response (0: no cap); past it the request is an error record and its connection "  \
    "is closed, so an endless stream cannot exhaust memory.", .bound = option_bound::non_negative)                     \
  X(std::int64_t, max_sse_event_bytes, {std::int64_t{16} << 20}, "--max-sse-event-bytes", "Endpoint",                    \
    "Largest Server-Sent Event (or SSE line) accepted; a larger one makes the request an error record naming this "   \
    "limit.", .bound = option_bound::positive)                                                                          \
  X(std::optional<std::string>, api_key, {}, "--api-key", "Endpoint",                                                   \
    "API key sent as `Authorization: Bearer <key>`; redacted in every output.", .redact = option_redact::secret, .echo = "endpoint.api_key")        \
  X(bool, use_legacy_max_tokens, {false}, "--use-legacy-max-tokens", "Endpoint",                                        \
    "Send `max_tokens` instead of `max_completion_tokens` (chat).", .echo = "endpoint.use_legacy_max_tokens")                                                    \
  X(bool, use_server_token_count, {false}, "--use-server-token-count", "Endpoint",                                      \
    "Take token counts from the response `usage` instead of the client tokenizer.", .echo = "endpoint.use_server_token_count")                                    \
  X(bool, insecure, {false}, "--insecure", "Endpoint",                                                                  \
    "Do not verify TLS certificates of https:// URLs (a warning is printed).")                                         \
  X(std::string, ca_file, {}, "--ca-file", "Endpoint",                                                                  \
    "Extra PEM file of trusted CA certificates for https:// URLs.")                                                    \
  X(std::string, session_header, {"X-Correlation-ID"}, "--session-header", "Endpoint",                                  \
    "Header that names a request's session (one value per session instance; every request also carries a fresh "     \
    "X-Request-ID).", .echo = "input.session_header")

#define AIPERF_TOKENIZER_OPTIONS(X)                                                                                    \
  X(std::optional<std::string>, tokenizer, {}, "--tokenizer", "Tokenizer",                                              \
    "Tokenizer: a Hugging Face model id (local cache), a directory or tokenizer.json path, or `builtin` (o200k_base). " \
    "Default: the model name.", .echo = "tokenizer.name")                                                                                         \
  X(std::string, tokenizer_revision, {"main"}, "--tokenizer-revision", "Tokenizer",                                     \
    "Hugging Face revision of the tokenizer.", .echo = "tokenizer.revision")                                                                          \
  X(bool, tokenizer_trust_remote_code, {false}, "--tokenizer-trust-remote-code", "Tokenizer",                           \
    "Accepted for compatibility; no remote code is ever run by this build.", .echo = "tokenizer.trust_remote_code")

#define AIPERF_INPUT_OPTIONS(X)                                                                                        \
  X(header_list, headers, {}, "-H,--header", "Input",                                                                   \
    "Extra HTTP header(s) `Name:Value` or a JSON object; repeat or separate with commas. Sensitive values are "         \
    "redacted.", .redact = option_redact::sensitive_headers, .echo = "input.headers")                                                            \
  X(json_object_text, extra_inputs_json, {}, "--extra-inputs", "Input",                                                 \
    "Extra request-body fields `key:value` (values typed: ints, floats, true/false, null) or a JSON object; repeat "    \
    "or separate with commas.", .echo = "input.extra")                                                                                         \
  X(std::optional<std::uint64_t>, random_seed, {}, "--random-seed", "Input",                                            \
    "Seed of every random stream (dataset, arrivals); unset = random.", .echo = "input.random_seed")                                                \
  X(goodput_list, goodput, {}, "--goodput", "Input",                                                                    \
    "Service-level objectives `metric_tag:value ...` (space separated, display units), e.g. "                          \
    "`request_latency:250`.", .echo = "input.goodput")                                                                                           \
  X(std::optional<std::string>, input_file, {}, "--input-file", "Input",                                                \
    "Input file or trace to replay (--custom-dataset-type, or detected from its first record); a directory for "     \
    "random_pool (one pool per file) or the local copy of a --public-dataset.", .echo = "input.file")                                       \
  X(std::optional<std::string>, custom_dataset_type, {}, "--custom-dataset-type", "Input",                              \
    "Format of --input-file; unset = detected from the first record (random_pool is never detected).",              \
    .choices = names_of(file_dataset_types{}), .echo = "input.custom_dataset_type")                                                                          \
  X(std::optional<std::string>, public_dataset, {}, "--public-dataset", "Input",                                        \
    "Published dataset, read from a local copy: --input-file (the file or its directory), else "                     \
    ".cache/aiperf/datasets/. Nothing is downloaded.", .choices = names_of(public_dataset_types{}),                   \
    .not_yet = {"aimo", "aimo_aime", "aimo_numina_cot", "aimo_numina_1_5", "mmstar", "mmvu", "vision_arena",         \
                "llava_onevision", "spec_bench", "spec_al_gsm8k", "spec_al_math500", "spec_al_humaneval",              \
                "spec_al_mbpp", "spec_al_mtbench", "instruct_coder", "blazedit_5k", "blazedit_10k", "librispeech",     \
                "voxpopuli", "gigaspeech", "ami", "spgispeech", "exgentic", "exgentic_v2"}, .echo = "input.public_dataset")                            \
  X(std::optional<std::string>, dataset_sampling_strategy, {}, "--dataset-sampling-strategy", "Input",                 \
    "Order in which sessions take conversations: synthetic default shuffle, files default sequential.",                \
    .choices = {"sequential", "random", "shuffle"}, .echo = "input.dataset_sampling_strategy")                                                                     \
  X(bool, fixed_schedule, {false}, "--fixed-schedule", "Input",                                                         \
    "Send each conversation at its first turn's timestamp (trace replay); automatic for timestamped traces.", .echo = "input.fixed_schedule")          \
  X(bool, fixed_schedule_auto_offset, {false}, "--fixed-schedule-auto-offset", "Input",                                 \
    "Time zero is the first timestamp (also the default unless --fixed-schedule-start-offset is given).", .echo = "input.fixed_schedule_auto_offset")              \
  X(std::optional<std::int64_t>, fixed_schedule_start_offset, {}, "--fixed-schedule-start-offset", "Input",             \
    "Replay only rows with timestamp >= this (ms); it is then time zero.", .bound = option_bound::non_negative, .echo = "input.fixed_schedule_start_offset")        \
  X(std::optional<std::int64_t>, fixed_schedule_end_offset, {}, "--fixed-schedule-end-offset", "Input",                 \
    "Replay only rows with timestamp <= this (ms).", .bound = option_bound::non_negative, .echo = "input.fixed_schedule_end_offset")                              \
  X(std::optional<std::int64_t>, isl_block_size, {},                                                                   \
    "--prompt-input-tokens-block-size,--synthetic-input-tokens-block-size,--isl-block-size", "Prompt",                 \
    "Tokens per trace hash-id block (default: mooncake_trace 512, bailian_trace 16).",                                 \
    .bound = option_bound::at_least_one, .echo = "input.prompt.input_tokens.block_size")                                                                                \
  X(double, synthesis_speedup_ratio, {1.0}, "--synthesis-speedup-ratio", "Synthesis",                                   \
    "Divide trace timestamps by this (2 = replay twice as fast).", .bound = option_bound::positive, .echo = "input.synthesis.speedup_ratio")                   \
  X(double, synthesis_prefix_len_multiplier, {1.0}, "--synthesis-prefix-len-multiplier", "Synthesis",                \
    "Scale each trace row's hash-id blocks (x > 1 adds int(blocks x (x - 1)) fresh blocks, x < 1 keeps the first "  \
    "ones); any multiplier resamples output lengths from the trace's (docs/synthesize.md).",                          \
    .bound = option_bound::non_negative, .echo = "input.synthesis.prefix_len_multiplier")                                                                                \
  X(std::int64_t, synthesis_prefix_root_multiplier, {1}, "--synthesis-prefix-root-multiplier", "Synthesis",             \
    "Replicate the trace's hash-id prefix trees this many times; each row is sent on one copy (drawn with "         \
    "--random-seed).", .bound = option_bound::at_least_one, .echo = "input.synthesis.prefix_root_multiplier")                                                             \
  X(double, synthesis_prompt_len_multiplier, {1.0}, "--synthesis-prompt-len-multiplier", "Synthesis",                   \
    "Append int(x - 1) fresh blocks to each trace row's hash ids (x < 2 changes nothing).",                           \
    .bound = option_bound::non_negative, .echo = "input.synthesis.prompt_len_multiplier")                                                                                \
  X(std::optional<std::int64_t>, synthesis_max_isl, {}, "--synthesis-max-isl", "Synthesis",                             \
    "Skip trace rows with more input tokens than this.", .bound = option_bound::at_least_one, .echo = "input.synthesis.max_isl")                          \
  X(std::optional<std::int64_t>, synthesis_max_osl, {}, "--synthesis-max-osl", "Synthesis",                             \
    "Cap trace rows' requested output tokens at this.", .bound = option_bound::at_least_one, .echo = "input.synthesis.max_osl")                           \
  X(std::int64_t, num_dataset_entries, {100}, "--num-dataset-entries,--num-prompts", "Input",                           \
    "Number of distinct synthetic prompts generated and reused by the sampler.", .bound = option_bound::at_least_one, .echo = "input.conversation.num_dataset_entries")   \
  X(std::optional<std::int64_t>, conversation_num, {}, "--conversation-num,--num-conversations,--num-sessions",        \
    "Conversation Input", "Stop after this many sessions (conversations) have been started; random_pool draws this "   \
    "many conversations (default 100).",                                                                               \
    .bound = option_bound::at_least_one, .echo = "input.conversation.num")                                                                                \
  X(std::int64_t, conversation_turn_mean, {1}, "--conversation-turn-mean,--session-turns-mean", "Conversation Input",  \
    "Mean turns per synthetic conversation (normal); later turns carry the history with the server's answers.",       \
    .bound = option_bound::at_least_one, .echo = "input.conversation.turn.mean")                                                                                \
  X(std::int64_t, conversation_turn_stddev, {0}, "--conversation-turn-stddev,--session-turns-stddev",                  \
    "Conversation Input", "Standard deviation of the turns per synthetic conversation.",                               \
    .bound = option_bound::non_negative, .echo = "input.conversation.turn.stddev")                                                                                \
  X(double, conversation_turn_delay_mean, {0.0}, "--conversation-turn-delay-mean,--session-turn-delay-mean",           \
    "Conversation Input", "Mean think time (ms) before every non-first turn, after the previous answer.",             \
    .bound = option_bound::non_negative, .echo = "input.conversation.turn.delay.mean")                                                                                \
  X(double, conversation_turn_delay_stddev, {0.0}, "--conversation-turn-delay-stddev,--session-turn-delay-stddev",     \
    "Conversation Input", "Standard deviation of the think time (ms).", .bound = option_bound::non_negative, .echo = "input.conversation.turn.delay.stddev")          \
  X(double, conversation_turn_delay_ratio, {1.0}, "--conversation-turn-delay-ratio,--session-delay-ratio",             \
    "Conversation Input", "Multiplier applied to every sampled think time.", .bound = option_bound::non_negative, .echo = "input.conversation.turn.delay.ratio")     \
  X(std::int64_t, isl, {550}, "--prompt-input-tokens-mean,--synthetic-input-tokens-mean,--isl",                         \
    "Input Sequence Length (ISL)", "Mean input length (tokens) of synthetic prompts.",                                 \
    .bound = option_bound::non_negative, .at_most = token_length_limit, .echo = "input.prompt.input_tokens.mean")                                                \
  X(double, isl_stddev, {0}, "--prompt-input-tokens-stddev,--synthetic-input-tokens-stddev,--isl-stddev",               \
    "Input Sequence Length (ISL)", "Standard deviation of the input length (tokens).",                                 \
    .bound = option_bound::non_negative, .at_most = token_length_limit, .echo = "input.prompt.input_tokens.stddev")                                                \
  X(std::optional<std::int64_t>, osl, {}, "--prompt-output-tokens-mean,--output-tokens-mean,--osl",                     \
    "Output Sequence Length (OSL)", "Mean requested output length (tokens); unset = no max-tokens cap is sent.",       \
    .bound = option_bound::non_negative, .echo = "input.prompt.output_tokens.mean")                                                                                \
  X(double, osl_stddev, {0}, "--prompt-output-tokens-stddev,--output-tokens-stddev,--osl-stddev",                       \
    "Output Sequence Length (OSL)", "Standard deviation of the requested output length (tokens).",                     \
    .bound = option_bound::non_negative, .echo = "input.prompt.output_tokens.stddev")                                                                                \
  X(std::int64_t, batch_size, {1}, "-b,--prompt-batch-size,--batch-size-text,--batch-size", "Prompt",                 \
    "Texts per request: each synthetic turn gets this many prompts, sent as separate inputs by embeddings (joined "   \
    "by a space for the other endpoint types).", .bound = option_bound::non_negative, .echo = "input.prompt.batch_size")                                 \
  X(std::int64_t, rankings_passages_mean, {1}, "--rankings-passages-mean", "Rankings",                                  \
    "Mean number of passages per synthetic rankings request (rankings endpoint types only).",                        \
    .bound = option_bound::non_negative, .echo = "input.rankings.passages.mean")                                                                                \
  X(std::int64_t, rankings_passages_stddev, {0}, "--rankings-passages-stddev", "Rankings",                              \
    "Standard deviation of the passages per rankings request.", .bound = option_bound::non_negative, .echo = "input.rankings.passages.stddev")                  \
  X(std::int64_t, rankings_passages_prompt_token_mean, {550}, "--rankings-passages-prompt-token-mean", "Rankings",      \
    "Mean length (tokens) of each synthetic passage.", .bound = option_bound::at_least_one, .echo = "input.rankings.passages.prompt_token_mean")                          \
  X(std::int64_t, rankings_passages_prompt_token_stddev, {0}, "--rankings-passages-prompt-token-stddev", "Rankings",    \
    "Standard deviation of the passage length (tokens).", .bound = option_bound::non_negative, .echo = "input.rankings.passages.prompt_token_stddev")                        \
  X(std::int64_t, rankings_query_prompt_token_mean, {550}, "--rankings-query-prompt-token-mean", "Rankings",            \
    "Mean length (tokens) of the synthetic query.", .bound = option_bound::at_least_one, .echo = "input.rankings.query.prompt_token_mean")                              \
  X(std::int64_t, rankings_query_prompt_token_stddev, {0}, "--rankings-query-prompt-token-stddev", "Rankings",          \
    "Standard deviation of the query length (tokens).", .bound = option_bound::non_negative, .echo = "input.rankings.query.prompt_token_stddev")                          \
  X(std::optional<std::string>, sequence_distribution, {}, "--seq-dist,--sequence-distribution", "Prompt",             \
    "Mixture of (ISL,OSL) pairs with percent probabilities summing to 100, each side optionally `|stddev`: "          \
    "`256,128:60;512|20,256|10:40`, `[(256,128):60,(512,256):40]` or JSON; replaces --isl/--osl.", .echo = "input.prompt.sequence_distribution")                    \
  X(std::int64_t, prefix_prompt_pool_size, {0},                                                                         \
    "--prompt-prefix-pool-size,--prefix-prompt-pool-size,--num-prefix-prompts", "Prefix Prompt",                       \
    "Number of distinct synthetic prefixes; each conversation's first prompt starts with one drawn at random.",        \
    .bound = option_bound::non_negative, .echo = "input.prompt.prefix_prompt.pool_size")                                                                                \
  X(std::int64_t, prefix_prompt_length, {0}, "--prompt-prefix-length,--prefix-prompt-length", "Prefix Prompt",         \
    "Tokens per prefix, added to the first turn's ISL (needs --prefix-prompt-pool-size).",                             \
    .bound = option_bound::non_negative, .echo = "input.prompt.prefix_prompt.length")                                                                                \
  X(std::optional<std::int64_t>, shared_system_prompt_length, {}, "--shared-system-prompt-length", "Prefix Prompt",    \
    "Tokens of one synthetic system prompt sent with every request (chat).", .bound = option_bound::at_least_one, .echo = "input.prompt.prefix_prompt.shared_system_prompt_length")     \
  X(std::optional<std::int64_t>, user_context_prompt_length, {}, "--user-context-prompt-length", "Prefix Prompt",      \
    "Tokens of a synthetic user-context message per dataset entry, sent first with each of its requests (chat); "     \
    "needs --num-dataset-entries.", .bound = option_bound::at_least_one, .echo = "input.prompt.prefix_prompt.user_context_prompt_length")

#define AIPERF_LOADGEN_OPTIONS(X)                                                                                      \
  X(std::optional<std::int64_t>, concurrency, {}, "--concurrency", "Load Generator",                                    \
    "Sessions in flight: the driver of burst mode, or a ceiling with --request-rate.",                                 \
    .bound = option_bound::at_least_one, .at_most = concurrency_limit, .sweep = true, .echo = "loadgen.concurrency")                                  \
  X(std::optional<std::int64_t>, prefill_concurrency, {}, "--prefill-concurrency", "Load Generator",                    \
    "Requests waiting for their first token (needs --streaming); a request waits for a free slot.",                  \
    .bound = option_bound::at_least_one, .at_most = concurrency_limit, .echo = "loadgen.prefill_concurrency")                                                 \
  X(std::optional<double>, request_rate, {}, "--request-rate", "Load Generator",                                        \
    "Target request rate (requests/s); open-loop arrivals per --arrival-pattern.", .bound = option_bound::positive, .echo = "loadgen.request_rate")     \
  X(std::string, arrival_pattern, {"poisson"}, "--arrival-pattern,--request-rate-mode", "Load Generator",               \
    "Inter-arrival distribution with --request-rate.", .choices = names_of(schedule_types{}), .echo = "loadgen.arrival_pattern")                          \
  X(std::optional<double>, arrival_smoothness, {}, "--arrival-smoothness,--vllm-burstiness", "Load Generator",          \
    "Gamma shape (1 = Poisson, <1 burstier, >1 smoother); implies --arrival-pattern gamma.",                           \
    .bound = option_bound::positive, .echo = "loadgen.arrival_smoothness")                                                                                    \
  X(std::optional<std::int64_t>, request_count, {}, "--request-count,--num-requests", "Load Generator",                 \
    "Stop after this many requests. Default without other stop condition: 10 (rate) or max(10, 2 x concurrency).",     \
    .bound = option_bound::at_least_one, .echo = "loadgen.request_count")                                                                                \
  X(std::optional<double>, benchmark_duration, {}, "--benchmark-duration", "Load Generator",                            \
    "Stop sending new requests after this many seconds.", .bound = option_bound::positive, .at_most = seconds_limit, .echo = "loadgen.benchmark_duration")   \
  X(std::optional<double>, benchmark_grace_period, {}, "--benchmark-grace-period", "Load Generator",                    \
    "Seconds to wait for in-flight responses after --benchmark-duration (default 30; `inf` waits for all).",           \
    .bound = option_bound::non_negative, .at_most = seconds_limit, .accepts_inf = true, .echo = "loadgen.benchmark_grace_period")                                \
  X(std::optional<double>, concurrency_ramp_duration, {}, "--concurrency-ramp-duration", "Load Generator",              \
    "Seconds to ramp --concurrency from 1 to its value, +1 at evenly spaced times.", .bound = option_bound::positive, .at_most = seconds_limit, .echo = "loadgen.concurrency_ramp_duration") \
  X(std::optional<double>, prefill_concurrency_ramp_duration, {}, "--prefill-concurrency-ramp-duration",                \
    "Load Generator", "Seconds to ramp --prefill-concurrency from 1 to its value, +1 at evenly spaced times.",          \
    .bound = option_bound::positive, .at_most = seconds_limit, .echo = "loadgen.prefill_concurrency_ramp_duration")                                                         \
  X(std::optional<double>, request_rate_ramp_duration, {}, "--request-rate-ramp-duration", "Load Generator",            \
    "Seconds to ramp --request-rate linearly from rate x 0.1/duration to the rate, in 0.1 s steps.",                    \
    .bound = option_bound::positive, .at_most = seconds_limit, .echo = "loadgen.request_rate_ramp_duration")                                                         \
  X(std::optional<double>, user_centric_rate, {}, "--user-centric-rate", "User-Centric Rate",                           \
    "Aggregate requests/s of --num-users users, each sending one turn every num-users / rate seconds.",               \
    .bound = option_bound::positive, .echo = "loadgen.user_centric_rate")                                                                                    \
  X(std::optional<std::int64_t>, num_users, {}, "--num-users", "User-Centric Rate",                                     \
    "Simulated users with --user-centric-rate.", .bound = option_bound::at_least_one, .echo = "loadgen.num_users")                                  \
  X(std::optional<double>, request_cancellation_rate, {}, "--request-cancellation-rate", "Request Cancellation",         \
    "Percent of profiling requests to cancel, each drawn independently (seeded by --random-seed).",                   \
    .bound = option_bound::positive, .echo = "loadgen.request_cancellation_rate")                                                                                    \
  X(double, request_cancellation_delay, {0.0}, "--request-cancellation-delay", "Request Cancellation",                  \
    "Seconds after a request is fully written before it is cancelled (0: at once).",                                  \
    .bound = option_bound::non_negative, .at_most = seconds_limit, .echo = "loadgen.request_cancellation_delay")                                                     \
  X(double, drain_timeout, {30.0}, "--drain-timeout", "Load Generator",                                                \
    "Seconds the first SIGINT/SIGTERM waits for in-flight requests before cancelling them (`inf`: wait for all).",     \
    .bound = option_bound::non_negative, .at_most = seconds_limit, .accepts_inf = true)                                \
  X(std::int64_t, num_profile_runs, {1}, "--num-profile-runs", "Multi-Run Confidence Reporting",                      \
    "Run the benchmark this many times (1-10); above 1, profile_runs/run_NNNN/ and aggregate/ hold each run and "      \
    "the confidence intervals across them.", .bound = option_bound::at_least_one, .echo = "loadgen.num_profile_runs")                                    \
  X(double, profile_run_cooldown_seconds, {0.0}, "--profile-run-cooldown-seconds", "Multi-Run Confidence Reporting",    \
    "Seconds to wait between profile runs.", .bound = option_bound::non_negative, .at_most = seconds_limit, .echo = "loadgen.profile_run_cooldown_seconds")         \
  X(double, confidence_level, {0.95}, "--confidence-level", "Multi-Run Confidence Reporting",                           \
    "Level of the Student-t confidence intervals of the aggregate, strictly between 0 and 1.",                        \
    .bound = option_bound::positive, .echo = "loadgen.confidence_level")                                                                                    \
  X(bool, profile_run_disable_warmup_after_first, {true}, "--profile-run-disable-warmup-after-first",                   \
    "Multi-Run Confidence Reporting", "Warm up before the first run only (`=false`: before every run).", .echo = "loadgen.profile_run_disable_warmup_after_first")              \
  X(bool, set_consistent_seed, {true}, "--set-consistent-seed", "Multi-Run Confidence Reporting",                       \
    "Without --random-seed, use seed 42 so every run replays the same workload (`=false`: a fresh seed per run).", .echo = "loadgen.set_consistent_seed")    \
  X(std::optional<std::string>, convergence_metric, {}, "--convergence-metric", "Multi-Run Confidence Reporting",         \
    "Stop repeating runs early once this metric tag's statistic is stable (after at least min(3, N) runs).", .echo = "loadgen.convergence_metric")          \
  X(std::string, convergence_stat, {"avg"}, "--convergence-stat", "Multi-Run Confidence Reporting",                     \
    "Statistic of --convergence-metric that must be stable.",                                                          \
    .choices = {"avg", "p50", "p90", "p95", "p99", "min", "max"}, .echo = "loadgen.convergence_stat")                                                       \
  X(std::optional<double>, convergence_threshold, {}, "--convergence-threshold", "Multi-Run Confidence Reporting",       \
    "Stop when the measure falls below this (default: 0.10 for ci_width, 0.05 for cv).",                               \
    .bound = option_bound::positive, .echo = "loadgen.convergence_threshold")                                                                                    \
  X(std::string, convergence_mode, {"ci_width"}, "--convergence-mode", "Multi-Run Confidence Reporting",                \
    "ci_width: (ci_high - ci_low) / mean of the runs; cv: std / mean.", .choices = {"ci_width", "cv"},                 \
    .not_yet = {"distribution"}, .echo = "loadgen.convergence_mode")                                                                                        \
  X(std::string, parameter_sweep_mode, {"repeated"}, "--parameter-sweep-mode", "Multi-Run Confidence Reporting",        \
    "With a --concurrency list: `repeated` runs the whole sweep once per profile run (trial_NNNN/), "                  \
    "`independent` runs every profile run of one value before the next value.",                                       \
    .choices = {"repeated", "independent"}, .echo = "loadgen.parameter_sweep_mode")                                                                             \
  X(double, parameter_sweep_cooldown_seconds, {0.0}, "--parameter-sweep-cooldown-seconds",                              \
    "Multi-Run Confidence Reporting", "Seconds to wait between the values of a --concurrency sweep.",                 \
    .bound = option_bound::non_negative, .at_most = seconds_limit, .echo = "loadgen.parameter_sweep_cooldown_seconds")                                                     \
  X(bool, parameter_sweep_same_seed, {false}, "--parameter-sweep-same-seed", "Multi-Run Confidence Reporting",          \
    "Give every value of a --concurrency sweep the same seed (default: the seed plus the value's index).", .echo = "loadgen.parameter_sweep_same_seed")             \
  X(std::string, timing_mode, {}, "", "Load Generator",                                                                 \
    "Resolved timing mode: `concurrency` (burst), `request_rate` or `fixed_schedule`.", .resolved = true)                                \
  X(std::int64_t, warmup_request_count, {0}, "--warmup-request-count,--num-warmup-requests", "Warmup",                  \
    "Warmup requests sent before profiling (excluded from metrics).", .bound = option_bound::positive, .echo = "loadgen.warmup_request_count")                 \
  X(std::optional<double>, warmup_duration, {}, "--warmup-duration", "Warmup",                                          \
    "Warmup length in seconds.", .bound = option_bound::positive, .at_most = seconds_limit, .echo = "loadgen.warmup_duration")                            \
  X(std::optional<std::int64_t>, num_warmup_sessions, {}, "--num-warmup-sessions", "Warmup",                            \
    "Warmup sessions before profiling.", .bound = option_bound::at_least_one, .echo = "loadgen.warmup_num_sessions")                                          \
  X(std::optional<std::int64_t>, warmup_concurrency, {}, "--warmup-concurrency", "Warmup",                              \
    "Concurrency during warmup (default: --concurrency).", .bound = option_bound::at_least_one, .at_most = concurrency_limit, .echo = "loadgen.warmup_concurrency") \
  X(std::optional<std::int64_t>, warmup_prefill_concurrency, {}, "--warmup-prefill-concurrency", "Warmup",              \
    "Prefill concurrency during warmup (default: --prefill-concurrency).", .bound = option_bound::at_least_one, .at_most = concurrency_limit, .echo = "loadgen.warmup_prefill_concurrency") \
  X(std::optional<double>, warmup_request_rate, {}, "--warmup-request-rate", "Warmup",                                  \
    "Request rate during warmup (default: --request-rate).", .bound = option_bound::positive, .echo = "loadgen.warmup_request_rate")                          \
  X(std::optional<std::string>, warmup_arrival_pattern, {}, "--warmup-arrival-pattern", "Warmup",                       \
    "Arrival pattern during warmup (default: --arrival-pattern).", .choices = names_of(schedule_types{}), .echo = "loadgen.warmup_arrival_pattern")              \
  X(std::optional<double>, warmup_grace_period, {}, "--warmup-grace-period", "Warmup",                                  \
    "Seconds to wait for warmup responses after --warmup-duration (default: all).",                                    \
    .bound = option_bound::non_negative, .at_most = seconds_limit, .accepts_inf = true, .echo = "loadgen.warmup_grace_period")                                \
  X(std::optional<double>, warmup_concurrency_ramp_duration, {}, "--warmup-concurrency-ramp-duration", "Warmup",        \
    "Concurrency ramp during warmup (default: --concurrency-ramp-duration).", .bound = option_bound::positive, .at_most = seconds_limit, .echo = "loadgen.warmup_concurrency_ramp_duration") \
  X(std::optional<double>, warmup_prefill_concurrency_ramp_duration, {}, "--warmup-prefill-concurrency-ramp-duration",  \
    "Warmup", "Prefill concurrency ramp during warmup (default: --prefill-concurrency-ramp-duration).",                 \
    .bound = option_bound::positive, .at_most = seconds_limit, .echo = "loadgen.warmup_prefill_concurrency_ramp_duration")                                                         \
  X(std::optional<double>, warmup_request_rate_ramp_duration, {}, "--warmup-request-rate-ramp-duration", "Warmup",      \
    "Request rate ramp during warmup (default: --request-rate-ramp-duration).", .bound = option_bound::positive, .at_most = seconds_limit, .echo = "loadgen.warmup_request_rate_ramp_duration")

#define AIPERF_OUTPUT_OPTIONS(X)                                                                                       \
  X(std::string, artifact_dir, {"artifacts"}, "--output-artifact-dir,--artifact-dir", "Output",                         \
    "Root directory of the artifacts; a per-run sub-directory is derived unless the flag is given.", .echo = "output.artifact_directory")                   \
  X(std::optional<std::string>, profile_export_prefix, {}, "--profile-export-prefix,--profile-export-file", "Output",   \
    "Base file name of the exports (replaces `profile_export_aiperf`).", .echo = "output.profile_export_prefix")                                               \
  X(std::string, export_level, {"records"}, "--export-level,--profile-export-level", "Output",                          \
    "summary: JSON/CSV only; records: also per-request profile_export.jsonl.", .choices = {"records", "summary"},      \
    .not_yet = {"raw"}, .echo = "output.export_level")                                                                                                 \
  X(std::optional<double>, slice_duration, {}, "--slice-duration", "Output",                                            \
    "Also summarize the run in windows of this many seconds from the first request "                                  \
    "(profile_export_aiperf_timeslices.json/.csv).", .bound = option_bound::positive, .echo = "output.slice_duration")                              \
  X(string_list, server_metrics, {}, "--server-metrics", "Server Metrics",                                              \
    "Prometheus /metrics URLs scraped besides each --url's own (http:// and /metrics added when missing).", .echo = "server_metrics")            \
  X(bool, no_server_metrics, {false}, "--no-server-metrics", "Server Metrics",                                          \
    "Do not scrape server metrics (not even the --url's /metrics).", .echo = "no_server_metrics")                                                   \
  X(string_list, server_metrics_formats, {(string_list{"json", "csv"})}, "--server-metrics-formats", "Server Metrics",                  \
    "Server-metrics files to write.", .choices = {"json", "csv", "jsonl"}, .not_yet = {"parquet"}, .echo = "server_metrics_formats")                     \
  X(string_list, gpu_telemetry, {}, "--gpu-telemetry", "Telemetry",                                                     \
    "Show GPU telemetry on the console; values: DCGM exporter URLs (besides localhost:9400/9401) or `pynvml`.",        \
    .value_optional = true, .echo = "gpu_telemetry")                                                                                             \
  X(bool, no_gpu_telemetry, {false}, "--no-gpu-telemetry", "Telemetry", "Do not collect GPU telemetry at all.", .echo = "no_gpu_telemetry")

#define AIPERF_SERVICE_OPTIONS(X)                                                                                      \
  X(std::int64_t, workers, {0}, "--workers,--workers-max,--max-workers", "Workers",                                     \
    "Worker threads (shards), each with its own event loop and connections; 0 = hardware threads.",                    \
    .bound = option_bound::non_negative)                                                                                \
  X(std::string, log_level, {"info"}, "--log-level", "Service", "Log level.",                                           \
    .choices = {"trace", "debug", "info", "notice", "warning", "success", "error", "critical"})                        \
  X(bool, verbose, {false}, "-v,--verbose", "Service", "Debug logging (`-vv`: trace logging).")                          \
  X(bool, extra_verbose, {false}, "--extra-verbose", "Service", "Trace logging (same as -vv).")                          \
  X(bool, log_to_stderr, {false}, "--log-to-stderr", "Service", "Write logs to stderr instead of stdout.")               \
  X(std::string, ui_type, {}, "--ui-type,--ui", "UI",                                                                   \
    "Progress display; default: dashboard on a terminal, none otherwise.", .choices = {"dashboard", "simple", "none"})
// clang-format on

AIPERF_DEFINE_OPTION_SECTION(endpoint, AIPERF_ENDPOINT_OPTIONS)
AIPERF_DEFINE_OPTION_SECTION(tokenizer, AIPERF_TOKENIZER_OPTIONS)
AIPERF_DEFINE_OPTION_SECTION(input, AIPERF_INPUT_OPTIONS)
AIPERF_DEFINE_OPTION_SECTION(loadgen, AIPERF_LOADGEN_OPTIONS)
AIPERF_DEFINE_OPTION_SECTION(output, AIPERF_OUTPUT_OPTIONS)
AIPERF_DEFINE_OPTION_SECTION(service, AIPERF_SERVICE_OPTIONS)

// ---- aiperf analyze-trace (spec §10.1) ------------------------------------------------------------
// Its own options, declared the same way; not part of profile_options (nothing is echoed).  The
// input file's first spelling is CLI11's positional name: `analyze-trace FILE` = `--input-file FILE`.

// clang-format off
#define AIPERF_ANALYZE_TRACE_OPTIONS(X)                                                                                \
  X(std::optional<std::string>, input_file, {}, "INPUT_FILE,--input-file", "Analyze Trace",                             \
    "Mooncake trace (JSONL) to analyze; also accepted as the first argument.", .required = true)                       \
  X(std::int64_t, block_size, {512}, "--block-size", "Analyze Trace",                                                   \
    "Tokens per hash-id block (context lengths count repeated blocks at this size).",                                  \
    .bound = option_bound::at_least_one)                                                                                \
  X(std::optional<std::string>, output_file, {}, "--output-file", "Analyze Trace",                                      \
    "Also write the analysis as JSON to this file (parent directories are created).")
// clang-format on

AIPERF_DEFINE_OPTION_SECTION(analyze_trace, AIPERF_ANALYZE_TRACE_OPTIONS)

// ---- aiperf synthesize-trace (spec §10.2, §10.3); `aiperf synthesize` is the same command ------
// Two positionals, in this order: `synthesize-trace INPUT_FILE OUTPUT_FILE`.

// clang-format off
#define AIPERF_SYNTHESIZE_TRACE_OPTIONS(X)                                                                             \
  X(std::optional<std::string>, input_file, {}, "INPUT_FILE,--input-file", "Synthesize Trace",                          \
    "Mooncake trace (JSONL) to synthesize from; also accepted as the first argument.", .required = true)               \
  X(std::optional<std::string>, output_file, {}, "OUTPUT_FILE,--output-file", "Synthesize Trace",                       \
    "Where to write the synthesized trace (JSONL; parent directories are created); also the second argument.",       \
    .required = true)                                                                                                   \
  X(std::int64_t, block_size, {512}, "--block-size", "Synthesize Trace",                                                \
    "Tokens per hash-id block.", .bound = option_bound::at_least_one)                                                   \
  X(double, speedup_ratio, {1.0}, "--speedup-ratio", "Synthesize Trace",                                                \
    "Timestamps become int(timestamp / ratio) (2 = twice as fast).", .bound = option_bound::positive)                  \
  X(double, prefix_len_multiplier, {1.0}, "--prefix-len-multiplier", "Synthesize Trace",                                \
    "Scale each row's hash-id blocks (x > 1 adds int(blocks x (x - 1)) fresh blocks, x < 1 keeps the first ones).",    \
    .bound = option_bound::non_negative)                                                                                \
  X(std::int64_t, prefix_root_multiplier, {1}, "--prefix-root-multiplier", "Synthesize Trace",                          \
    "Append (x - 1) copies of each row's hash-id path as fresh ids (tree replication; lengths unchanged).",           \
    .bound = option_bound::at_least_one)                                                                                \
  X(double, prompt_len_multiplier, {1.0}, "--prompt-len-multiplier", "Synthesize Trace",                                \
    "Append int(x - 1) fresh blocks to each row's hash ids (x < 2 changes nothing).",                                 \
    .bound = option_bound::non_negative)                                                                                \
  X(std::optional<std::int64_t>, max_isl, {}, "--max-isl", "Synthesize Trace",                                          \
    "Cap every synthesized input length at this.", .bound = option_bound::at_least_one)                                \
  X(std::uint64_t, seed, {42}, "--seed", "Synthesize Trace",                                                            \
    "Seed of the input/output length samplers (the same seed gives the same file).")
// clang-format on

AIPERF_DEFINE_OPTION_SECTION(synthesize_trace, AIPERF_SYNTHESIZE_TRACE_OPTIONS)

// ---- aiperf compare (issue #10; docs/compare.md) --------------------------------------------------
// BASELINE CANDIDATE [CANDIDATE...]: run directories, positionally (or --paths).

// clang-format off
#define AIPERF_COMPARE_OPTIONS(X)                                                                                      \
  X(string_list, paths, {}, "PATHS,--paths", "Compare",                                                                 \
    "Run directories: the baseline first, then one or more candidates (a run, or a --num-profile-runs directory).",   \
    .required = true)                                                                                                   \
  X(std::string, output, {"artifacts/compare"}, "--output", "Compare",                                                  \
    "Directory compare.json is written to (created).")                                                                 \
  X(double, confidence, {0.95}, "--confidence", "Compare",                                                              \
    "Level of the confidence intervals of the differences, strictly between 0 and 1.",                                \
    .bound = option_bound::positive)                                                                                    \
  X(std::int64_t, bootstrap, {2000}, "--bootstrap", "Compare",                                                          \
    "Bootstrap resamples per comparison (at least 100).", .bound = option_bound::at_least_one)                         \
  X(std::uint64_t, seed, {0}, "--seed", "Compare",                                                                      \
    "Seed of the bootstrap (the same seed and runs give the same intervals).")                                         \
  X(double, min_effect, {5.0}, "--min-effect", "Compare",                                                               \
    "Smallest difference, in percent of the baseline, called better or worse; a smaller significant one is noise.",    \
    .bound = option_bound::non_negative)                                                                                \
  X(bool, fail_on_regression, {false}, "--fail-on-regression", "Compare",                                               \
    "Exit with status 3 when any candidate is worse than the baseline on any compared statistic.")
// clang-format on

AIPERF_DEFINE_OPTION_SECTION(compare, AIPERF_COMPARE_OPTIONS)

// ---- the whole configuration ------------------------------------------------------------------

/// The sections in input_config order; each `key` names `key_section` and the input_config key.
#define AIPERF_PROFILE_SECTIONS(X) X(endpoint) X(tokenizer) X(input) X(loadgen) X(output) X(service)

#define AIPERF_SECTION_MEMBER(key) key##_section key{};
#define AIPERF_SECTION_ACCESSOR(key)                                \
  ::boost::hana::make_pair(BOOST_HANA_STRING(#key),                 \
                           ::aiperf::driver::cli_detail::member_accessor<&::aiperf::driver::profile_options::key>{}),

namespace aiperf::driver {

/// Resolved configuration of `aiperf profile` (after parsing, validation and the timing-mode
/// resolution of spec §4): one member per section.
struct profile_options {
  AIPERF_PROFILE_SECTIONS(AIPERF_SECTION_MEMBER)
};

}  // namespace aiperf::driver

template <>
struct boost::hana::accessors_impl<aiperf::driver::profile_options> {
  static constexpr auto apply() {
    return ::boost::hana::drop_back(::boost::hana::make_tuple(AIPERF_PROFILE_SECTIONS(AIPERF_SECTION_ACCESSOR) 0));
  }
};

namespace aiperf::driver {

/// Calls `f(meta, member_of(objects)...)` for every option of one section, in declaration order;
/// `objects` are Section objects (const or not, none at all to read only the metadata).
template <class Section, class F, class... Sections>
void for_each_section_option(F&& f, Sections&... objects) {
  namespace hana = boost::hana;
  std::size_t row = 0;
  hana::for_each(hana::accessors<Section>(), [&]([[maybe_unused]] auto field_accessor) {
    f(option_section<Section>::meta[row++], hana::second(field_accessor)(objects)...);
  });
}

/// Calls `f(section_key, meta, member_of(objects)...)` for every option of every section, in
/// declaration order; `objects` are profile_options (const or not, none at all to read only the
/// metadata), visited in step (for example the parsed options next to the defaults).
template <class F, class... Options>
void for_each_option(F&& f, Options&... objects) {
  namespace hana = boost::hana;
  hana::for_each(hana::accessors<profile_options>(), [&]([[maybe_unused]] auto section_accessor) {
    using name_t = std::remove_cvref_t<decltype(hana::first(section_accessor))>;
    constexpr std::string_view section_key = hana::to<char const*>(name_t{});
    using section_t = std::remove_cvref_t<decltype(hana::second(section_accessor)(std::declval<profile_options&>()))>;
    for_each_section_option<section_t>(
        [&](option_meta const& meta, auto&... members) { f(section_key, meta, members...); },
        hana::second(section_accessor)(objects)...);
  });
}

namespace cli_detail {

/// Member names are unique over all sections (was_set() and messages name options by member).
consteval bool field_names_unique() {
  namespace hana = boost::hana;
  return hana::unpack(hana::accessors<profile_options>(), [](auto... section_accessors) {
    std::vector<std::string_view> fields;
    (
        [&] {
          using section_t = std::remove_cvref_t<decltype(hana::second(section_accessors)(
              std::declval<profile_options&>()))>;
          for (option_meta const& m : option_section<section_t>::meta) fields.push_back(m.field);
        }(),
        ...);
    for (std::size_t i = 0; i < fields.size(); ++i)
      for (std::size_t j = i + 1; j < fields.size(); ++j)
        if (fields[i] == fields[j]) return false;
    return true;
  });
}
static_assert(field_names_unique(), "aiperf options: two options share a member name");

}  // namespace cli_detail

/// The metadata of the option whose member is `field`, or nullptr.
inline option_meta const* find_option_meta(std::string_view field) {
  option_meta const* found = nullptr;
  for_each_option([&](std::string_view, option_meta const& m) {
    if (m.field == field) found = &m;
  });
  return found;
}

}  // namespace aiperf::driver
