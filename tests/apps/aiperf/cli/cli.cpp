// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/cli.hpp: `aiperf` parsing end to end: every spelling of every declared option,
// unknown options and commands, help and version, §3 validation messages, §4 timing-mode
// resolution and §13 worked examples, phases (§6.2/§6.3), explicit fields.
#include "support.hpp"

#include "cli/values.hpp"

#include <aiperf/config.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

using cli_test::err;
using cli_test::ok;
using cli_test::profile;

namespace {

/// A valid value for each option and how the member displays afterwards; extra args make the
/// combination valid (e.g. a grace period needs a duration).
struct sample {
  std::vector<std::string> value = {};  // empty for flags
  std::string shown = {};               // cli_detail::display() of the member afterwards
  std::vector<std::string> extra = {};
};

sample S(std::vector<std::string> value, std::string shown, std::vector<std::string> extra = {}) {
  return sample{std::move(value), std::move(shown), std::move(extra)};
}

/// A small Mooncake trace shipped with the tests (timestamped: --input-file auto-enables --fixed-schedule).
std::string const trace = AIPERF_SOURCE_DIR "/tests/data/traces/mooncake_small.jsonl";

/// A local copy of the ShareGPT file (a few entries).
std::string const sharegpt_dir = AIPERF_SOURCE_DIR "/tests/data/sharegpt";

std::map<std::string, sample> const samples = {
    {"input_file", S({trace}, trace)},
    {"custom_dataset_type", S({"MOONCAKE_TRACE"}, "mooncake_trace", {"--input-file", trace})},
    {"public_dataset", S({"ShareGPT"}, "sharegpt", {"--input-file", sharegpt_dir})},
    {"fixed_schedule", S({}, "true", {"--input-file", trace})},
    {"fixed_schedule_auto_offset", S({}, "true", {"--input-file", trace})},
    {"fixed_schedule_start_offset", S({"1000"}, "1000", {"--input-file", trace})},
    {"fixed_schedule_end_offset", S({"5000"}, "5000", {"--input-file", trace})},
    {"isl_block_size", S({"16"}, "16")},
    {"dataset_sampling_strategy", S({"Random"}, "random")},
    {"synthesis_speedup_ratio", S({"2.5"}, "2.5")},
    {"synthesis_max_isl", S({"1000"}, "1000")},
    {"synthesis_max_osl", S({"100"}, "100")},
    {"synthesis_prefix_len_multiplier", S({"1.5"}, "1.5")},
    {"synthesis_prefix_root_multiplier", S({"3"}, "3")},
    {"synthesis_prompt_len_multiplier", S({"2"}, "2")},
    {"model_names", S({"alpha,beta"}, "alpha,beta")},
    {"model_selection_strategy", S({"RANDOM"}, "random")},
    {"endpoint_type", S({"completions"}, "completions")},
    {"custom_endpoint", S({"/v2/generate"}, "/v2/generate")},
    {"streaming", S({}, "true")},
    {"urls", S({"http://10.0.0.1:9000"}, "http://10.0.0.1:9000")},
    {"url_strategy", S({"round_robin"}, "round_robin")},
    {"transport", S({"HTTP"}, "http")},
    {"request_timeout_seconds", S({"12.5"}, "12.5")},
    {"connect_timeout_seconds", S({"2.5"}, "2.5")},
    {"first_byte_timeout_seconds", S({"30"}, "30")},
    {"idle_timeout_seconds", S({"0.75"}, "0.75")},
    {"max_response_bytes", S({"1048576"}, "1048576")},
    {"max_sse_event_bytes", S({"4096"}, "4096")},
    {"api_key", S({"sk-xyz"}, "sk-xyz")},
    {"use_legacy_max_tokens", S({}, "true")},
    {"use_server_token_count", S({}, "true")},
    {"insecure", S({}, "true")},
    {"ca_file", S({AIPERF_SOURCE_DIR "/CMakeLists.txt"}, AIPERF_SOURCE_DIR "/CMakeLists.txt")},
    {"session_header", S({"X-Session"}, "X-Session")},
    {"tokenizer", S({"builtin"}, "builtin")},
    {"tokenizer_revision", S({"v2"}, "v2")},
    {"tokenizer_trust_remote_code", S({}, "true")},
    {"headers", S({"X-Test:1"}, "")},
    {"extra_inputs_json", S({"max_tokens:7"}, "{\"max_tokens\": 7}")},
    {"random_seed", S({"42"}, "42")},
    {"goodput", S({"request_latency:250"}, "request_latency:250")},
    {"num_dataset_entries", S({"7"}, "7")},
    {"conversation_num", S({"9"}, "9")},
    {"conversation_turn_mean", S({"3"}, "3")},
    {"conversation_turn_stddev", S({"1"}, "1")},
    {"conversation_turn_delay_mean", S({"250"}, "250")},
    {"conversation_turn_delay_stddev", S({"20"}, "20")},
    {"conversation_turn_delay_ratio", S({"0.5"}, "0.5")},
    {"isl", S({"128"}, "128")},
    {"isl_stddev", S({"3.5"}, "3.5")},
    {"osl", S({"64"}, "64")},
    {"osl_stddev", S({"2"}, "2")},
    {"sequence_distribution", S({"256,128:60;512|20,256|10:40"}, "256,128:60;512|20,256|10:40")},
    {"batch_size", S({"4"}, "4")},
    {"rankings_passages_mean", S({"5"}, "5", {"--endpoint-type", "nim_rankings"})},
    {"rankings_passages_stddev", S({"2"}, "2", {"--endpoint-type", "nim_rankings"})},
    {"rankings_passages_prompt_token_mean", S({"64"}, "64", {"--endpoint-type", "cohere_rankings"})},
    {"rankings_passages_prompt_token_stddev", S({"8"}, "8", {"--endpoint-type", "cohere_rankings"})},
    {"rankings_query_prompt_token_mean", S({"16"}, "16", {"--endpoint-type", "hf_tei_rankings"})},
    {"rankings_query_prompt_token_stddev", S({"3"}, "3", {"--endpoint-type", "hf_tei_rankings"})},
    {"prefix_prompt_pool_size", S({"4"}, "4", {"--prefix-prompt-length", "16"})},
    {"prefix_prompt_length", S({"16"}, "16", {"--prefix-prompt-pool-size", "4"})},
    {"shared_system_prompt_length", S({"32"}, "32")},
    {"user_context_prompt_length", S({"24"}, "24", {"--num-dataset-entries", "10"})},
    {"concurrency", S({"4"}, "4")},
    {"request_cancellation_rate", S({"25"}, "25")},
    {"user_centric_rate", S({"2.5"}, "2.5", {"--num-users", "2", "--conversation-turn-mean", "3"})},
    {"num_users", S({"4"}, "4", {"--user-centric-rate", "1", "--conversation-turn-mean", "2"})},
    {"request_cancellation_delay", S({"0.5"}, "0.5", {"--request-cancellation-rate", "10"})},
    {"prefill_concurrency", S({"2"}, "2", {"--streaming", "--concurrency", "4"})},
    {"request_rate", S({"2.5"}, "2.5")},
    {"arrival_pattern", S({"constant"}, "constant", {"--request-rate", "1"})},
    {"arrival_smoothness", S({"0.5"}, "0.5", {"--request-rate", "1"})},
    {"request_count", S({"33"}, "33")},
    {"benchmark_duration", S({"60"}, "60")},
    {"benchmark_grace_period", S({"5"}, "5", {"--benchmark-duration", "10"})},
    {"drain_timeout", S({"5"}, "5")},
    {"concurrency_ramp_duration", S({"2.5"}, "2.5", {"--concurrency", "4"})},
    {"prefill_concurrency_ramp_duration", S({"1.5"}, "1.5", {"--streaming", "--prefill-concurrency", "2"})},
    {"request_rate_ramp_duration", S({"3"}, "3", {"--request-rate", "10"})},
    {"warmup_request_count", S({"5"}, "5")},
    {"warmup_duration", S({"3"}, "3")},
    {"num_warmup_sessions", S({"2"}, "2")},
    {"warmup_concurrency", S({"3"}, "3", {"--warmup-request-count", "5"})},
    {"warmup_prefill_concurrency", S({"1"}, "1", {"--warmup-request-count", "5", "--streaming"})},
    {"warmup_request_rate", S({"4"}, "4", {"--warmup-request-count", "5"})},
    {"warmup_arrival_pattern", S({"constant"}, "constant", {"--warmup-request-count", "5"})},
    {"warmup_grace_period", S({"inf"}, "inf", {"--warmup-duration", "5"})},
    {"warmup_concurrency_ramp_duration", S({"2"}, "2", {"--warmup-request-count", "5", "--warmup-concurrency", "3"})},
    {"warmup_prefill_concurrency_ramp_duration",
     S({"0.5"}, "0.5", {"--warmup-request-count", "5", "--streaming", "--prefill-concurrency", "1"})},
    {"warmup_request_rate_ramp_duration",
     S({"4"}, "4", {"--warmup-request-count", "5", "--warmup-request-rate", "8", "--warmup-arrival-pattern", "constant"})},
    {"num_profile_runs", S({"3"}, "3")},
    {"profile_run_cooldown_seconds", S({"1.5"}, "1.5", {"--num-profile-runs", "2"})},
    {"confidence_level", S({"0.9"}, "0.9", {"--num-profile-runs", "2"})},
    {"profile_run_disable_warmup_after_first", S({}, "true", {"--num-profile-runs", "2"})},
    {"set_consistent_seed", S({}, "true", {"--num-profile-runs", "2"})},
    {"convergence_metric", S({"request_latency"}, "request_latency", {"--num-profile-runs", "3"})},
    {"convergence_stat", S({"P99"}, "p99", {"--num-profile-runs", "3", "--convergence-metric", "ttft"})},
    {"convergence_threshold", S({"0.2"}, "0.2", {"--num-profile-runs", "3", "--convergence-metric", "ttft"})},
    {"convergence_mode", S({"cv"}, "cv", {"--num-profile-runs", "3", "--convergence-metric", "ttft"})},
    {"parameter_sweep_mode", S({"independent"}, "independent", {"--concurrency", "2,4"})},
    {"parameter_sweep_cooldown_seconds", S({"2"}, "2", {"--concurrency", "2,4"})},
    {"parameter_sweep_same_seed", S({}, "true", {"--concurrency", "2,4"})},
    {"artifact_dir", S({"out/dir"}, "out/dir")},
    {"profile_export_prefix", S({"myrun"}, "myrun")},
    {"export_level", S({"summary"}, "summary")},
    {"slice_duration", S({"2.5"}, "2.5")},
    {"server_metrics", S({"h:9000"}, "h:9000")},
    {"no_server_metrics", S({}, "true")},
    {"server_metrics_formats", S({"jsonl"}, "jsonl")},
    {"gpu_telemetry", S({"pynvml"}, "pynvml")},
    {"no_gpu_telemetry", S({}, "true")},
    {"workers", S({"3"}, "3")},
    {"log_level", S({"WARNING"}, "warning")},
    {"verbose", S({}, "true")},
    {"extra_verbose", S({}, "true")},
    {"log_to_stderr", S({}, "true")},
    {"ui_type", S({"simple"}, "simple")},
};

/// The displayed value of member `field` of `o`, via the same reflection the CLI uses.
std::string shown(aiperf::driver::profile_options& o, std::string_view field) {
  std::string out;
  bool found = false;
  aiperf::driver::for_each_option(
      [&](std::string_view, aiperf::driver::option_meta const& m, auto& member) {
        if (m.field != field) return;
        found = true;
        out = aiperf::driver::cli_detail::display(member);
      },
      o);
  REQUIRE(found);
  return out;
}

bool has_warning(aiperf::driver::parse_result const& r, std::string_view needle) {
  for (auto const& w : r.warnings)
    if (w.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("profile: every spelling of every option reaches its member", "[cli][alias]") {
  std::vector<aiperf::driver::option_meta> flagged;
  aiperf::driver::for_each_option([&](std::string_view, aiperf::driver::option_meta const& m) {
    if (!m.resolved) flagged.push_back(m);
  });
  CHECK(flagged.size() == samples.size());
  for (auto const& m : flagged) {
    auto const it = samples.find(std::string(m.field));
    INFO("field " << m.field);
    REQUIRE(it != samples.end());  // a new option needs a sample here
    for (auto name : aiperf::driver::cli_detail::split(m.names, ',')) {
      INFO("spelling " << name);
      std::vector<std::string> args{"profile"};
      if (m.field != "model_names") args.insert(args.end(), {"-m", "m"});
      args.emplace_back(name);
      args.insert(args.end(), it->second.value.begin(), it->second.value.end());
      args.insert(args.end(), it->second.extra.begin(), it->second.extra.end());
      auto r = ok(args);
      CHECK(r.was_set(m.field));
      if (m.field == "headers") {
        REQUIRE(r.options.input.headers.size() == 1);
        CHECK(r.options.input.headers[0] == std::pair<std::string, std::string>{"X-Test", "1"});
      } else {
        CHECK(shown(r.options, m.field) == it->second.shown);
      }
    }
  }
}

TEST_CASE("profile: unknown options and arguments", "[cli][errors]") {
  CHECK(err(profile({"--concurency", "3"})) ==
        "aiperf: error: unknown option '--concurency' (did you mean '--concurrency'?)\n");
  CHECK(err(profile({"--request-rat=3"})) ==
        "aiperf: error: unknown option '--request-rat' (did you mean '--request-rate'?)\n");
  CHECK(err(profile({"--frobnicate-everything"})) == "aiperf: error: unknown option '--frobnicate-everything'\n");
  CHECK(err(profile({"--isl", "5", "stray"})) == "aiperf: error: unexpected argument 'stray'\n");
  CHECK(err({"profile", "stray", "-m", "m"}) == "aiperf: error: unexpected argument 'stray'\n");
  CHECK(err({"bogus"}) ==
        "aiperf: error: unknown command 'bogus' (choose from profile, analyze-trace, synthesize-trace, compare, plot, "
        "plugins, synthesize, validate)\n");
  CHECK(err({}) ==
        "aiperf: error: a command is required (profile, analyze-trace, synthesize-trace, compare, plot, plugins, "
        "synthesize, validate); see "
        "'aiperf --help'\n");
  CHECK(err({"--bogus"}).starts_with("aiperf: error: unknown option '--bogus'"));
  CHECK(err({"--verison"}) == "aiperf: error: unknown option '--verison' (did you mean '--version'?)\n");
}

TEST_CASE("profile: other subcommands answer 'not implemented yet'", "[cli][errors]") {
  for (std::string cmd : {"plot", "validate"}) {
    CHECK(err({cmd}) == "aiperf: error: '" + cmd + "' is not implemented yet in this build\n");
    CHECK(err({cmd, "--some-flag", "x"}) == "aiperf: error: '" + cmd + "' is not implemented yet in this build\n");
  }
}

TEST_CASE("profile: --help and --version", "[cli][help]") {
  auto help = aiperf::driver::parse_command_line(std::vector<std::string>{"profile", "--help"});
  auto const& h = std::get<aiperf::driver::cli_exit>(help);
  CHECK(h.code == 0);
  CHECK(h.err.empty());
  for (auto group : {"Endpoint:", "Tokenizer:", "Input:", "Conversation Input:", "Input Sequence Length (ISL):",
                     "Output Sequence Length (OSL):", "Load Generator:", "Warmup:", "Output:", "Workers:",
                     "Service:", "UI:"}) {
    INFO(group);
    CHECK(h.out.find(group) != std::string::npos);
  }
  CHECK(h.out.find("-m,--model-names,--model") != std::string::npos);
  CHECK(h.out.find("Usage: aiperf profile [OPTIONS]") != std::string::npos);
  CHECK(h.out == aiperf::driver::profile_help_text());
  // Help wins over recognised-but-unsupported flags on the same line.
  CHECK(std::get<aiperf::driver::cli_exit>(aiperf::driver::parse_command_line(std::vector<std::string>{"profile", "--input-file", "x", "--help"})).code == 0);
  CHECK(h.out.find("{chat,completions,responses,messages,huggingface_generate,embeddings,nim_embeddings,"
                   "chat_embeddings,hf_tei_rankings,nim_rankings,cohere_rankings,image_generation,raw,template}=chat") != std::string::npos);
  CHECK(h.out.find("--help-markdown") == std::string::npos);  // hidden
  CHECK(h.out.find("not supported yet by this build") != std::string::npos);
  // --help works even with otherwise invalid input after it.
  CHECK(std::get<aiperf::driver::cli_exit>(aiperf::driver::parse_command_line(std::vector<std::string>{"profile", "-h"})).code == 0);

  auto top = std::get<aiperf::driver::cli_exit>(aiperf::driver::parse_command_line(std::vector<std::string>{"--help"}));
  CHECK(top.code == 0);
  CHECK(top.out == aiperf::driver::program_help_text());
  for (auto cmd : {"profile", "plot", "analyze-trace", "synthesize-trace", "synthesize", "compare", "validate", "plugins"})
    CHECK(top.out.find(cmd) != std::string::npos);

  auto v = std::get<aiperf::driver::cli_exit>(aiperf::driver::parse_command_line(std::vector<std::string>{"--version"}));
  CHECK(v.code == 0);
  CHECK(v.out == std::string("aiperf ") + AIPERF_VERSION_STRING + "\n");
}

TEST_CASE("profile: argc/argv overload", "[cli]") {
  char const* argv[] = {"aiperf", "profile", "-m", "llama", "--concurrency", "3"};
  auto r = aiperf::driver::parse_command_line(6, argv);
  REQUIRE(std::holds_alternative<aiperf::driver::parse_result>(r));
  auto const& p = std::get<aiperf::driver::parse_result>(r);
  CHECK(p.options.endpoint.model_names == std::vector<std::string>{"llama"});
  CHECK(p.options.loadgen.concurrency == 3);
  CHECK(p.cli_command == "aiperf profile -m llama --concurrency 3");
}

TEST_CASE("profile: --model is required", "[cli][validate]") {
  CHECK(err({"profile"}) == "aiperf: error: --model is required: name the model(s) to benchmark with -m/--model <name>\n");
  CHECK(err({"profile", "--concurrency", "2"}).find("--model is required") != std::string::npos);
}

TEST_CASE("profile: other single-option checks", "[cli][validate]") {
  CHECK(err(profile({"--ca-file", "/nonexistent/ca.pem"})) == "aiperf: error: --ca-file: cannot read '/nonexistent/ca.pem'\n");
  CHECK(err(profile({"--artifact-dir", ""})) ==
        "aiperf: error: --output-artifact-dir: expected a directory, got an empty value\n");
  CHECK(err(profile({"--endpoint", "/v1/x y"})) == "aiperf: error: --custom-endpoint: '/v1/x y' must not contain whitespace\n");
  CHECK(ok(profile({"--endpoint", ""})).options.endpoint.custom_endpoint == std::optional<std::string>{""});
  CHECK(err(profile({"--tokenizer", ""})) == "aiperf: error: --tokenizer: expected a name or path, got an empty value\n");
}

TEST_CASE("profile: §3.2 cross-flag rules with the spec's messages", "[cli][validate]") {
  // §13 example 10
  CHECK(err(profile({"--request-count", "100", "--conversation-num", "10"})) ==
        "aiperf: error: Both a request-count and number of conversations are set. This can result in confusing output. "
        "Use either --request-count or --conversation-num but not both.\n");
  CHECK(err(profile({"--benchmark-grace-period", "5"})) ==
        "aiperf: error: --benchmark-grace-period can only be used with duration-based benchmarking "
        "(--benchmark-duration).\n");
  CHECK(err(profile({"--warmup-grace-period", "5", "--warmup-request-count", "3"})) ==
        "aiperf: error: --warmup-grace-period can only be used when --warmup-duration is set. Set --warmup-duration.\n");
  CHECK(err(profile({"--warmup-request-count", "5", "--num-warmup-sessions", "2"})) ==
        "aiperf: error: Both --warmup-request-count and --num-warmup-sessions are set. Use either "
        "--warmup-request-count or --num-warmup-sessions but not both.\n");
  CHECK(err(profile({"--concurrency", "8", "--num-sessions", "4"})) ==
        "aiperf: error: Concurrency (8) cannot be greater than the number of conversations (4). Either reduce "
        "--concurrency or increase --conversation-num.\n");
  CHECK(err(profile({"--concurrency", "8", "--request-count", "4"})) ==
        "aiperf: error: Concurrency (8) cannot be greater than the request count (4). Either reduce --concurrency or "
        "increase --request-count.\n");
  CHECK(err(profile({"--request-rate", "5", "--arrival-pattern", "concurrency_burst"})) ==
        "aiperf: error: Request rate mode cannot be <ArrivalPattern.CONCURRENCY_BURST: 'concurrency_burst'> when a "
        "request rate is specified.\n");
  CHECK(err(profile({"--request-rate", "5", "--arrival-pattern", "poisson", "--arrival-smoothness", "2"})) ==
        "aiperf: error: --arrival-smoothness can only be used with --arrival-pattern gamma. Please specify "
        "--arrival-pattern gamma to use --arrival-smoothness.\n");
  CHECK(err(profile({"--arrival-smoothness", "2"})) ==
        "aiperf: error: --arrival-smoothness requires --request-rate (it shapes the gamma inter-arrival times)\n");
  // §13 example 9: prefill concurrency needs streaming, and stays within the concurrency.
  CHECK(err(profile({"--concurrency", "8", "--prefill-concurrency", "2"})) ==
        "aiperf: error: --prefill-concurrency requires --streaming to be enabled. Prefill concurrency relies on "
        "FirstToken events which are only available with streaming responses.\n");
  CHECK(err(profile({"--streaming", "--concurrency", "2", "--prefill-concurrency", "3"})) ==
        "aiperf: error: --prefill-concurrency (3) cannot be greater than --concurrency (2). Prefill concurrency limits "
        "how many requests can be in the prefill stage, which cannot exceed the total concurrent requests.\n");
  CHECK(err(profile({"--streaming", "--concurrency", "4", "--warmup-request-count", "2", "--warmup-concurrency", "1",
                     "--warmup-prefill-concurrency", "2"})) ==
        "aiperf: error: --warmup-prefill-concurrency (2) cannot be greater than warmup concurrency (1). Prefill "
        "concurrency limits how many requests can be in the prefill stage, which cannot exceed the total concurrent "
        "requests.\n");
  {
    // Prefill alone drives burst mode: no --concurrency 1 default, request count max(10, 2 x prefill).
    auto const parsed = ok(profile({"--streaming", "--prefill-concurrency", "6"}));
    auto const& lg = parsed.options.loadgen;
    CHECK_FALSE(lg.concurrency.has_value());
    CHECK(lg.request_count == 12);
    CHECK(aiperf::driver::profiling_phase(ok(profile({"--streaming", "--concurrency", "4", "--prefill-concurrency", "2"})).options)
              .prefill_concurrency == 2);
  }
  // User-centric rate (spec §3.2, §4.1).
  CHECK(err(profile({"--user-centric-rate", "2"})) == "aiperf: error: --user-centric-rate requires --num-users to be set\n");
  CHECK(err(profile({"--user-centric-rate", "2", "--num-users", "3", "--request-rate", "4"})) ==
        "aiperf: error: --user-centric-rate cannot be used together with --request-rate or --arrival-pattern\n");
  CHECK(err(profile({"--user-centric-rate", "2", "--num-users", "3"})) ==
        "aiperf: error: --user-centric-rate requires multi-turn conversations (--session-turns-mean >= 2). For "
        "single-turn workloads, use --request-rate instead.\n");
  CHECK(err(profile({"--user-centric-rate", "2", "--num-users", "3", "--session-turns-mean", "4", "--num-sessions", "2"})) ==
        "aiperf: error: --num-sessions (2) cannot be less than --num-users (3). Each user needs at least one session.\n");
  CHECK(err(profile({"--user-centric-rate", "2", "--num-users", "12", "--session-turns-mean", "4"})) ==
        "aiperf: error: --request-count (10) cannot be less than --num-users (12). There must be at least one request "
        "per user.\n");
  CHECK(err(profile({"--num-users", "3"})) ==
        "aiperf: error: --num-users can only be used with --user-centric-rate. Either add --user-centric-rate or remove "
        "--num-users.\n");
  {
    auto const uc = ok(profile({"--user-centric-rate", "1", "--num-users", "15", "--session-turns-mean", "20",
                                "--benchmark-duration", "300"}));
    CHECK(uc.options.loadgen.timing_mode == "user_centric_rate");
    CHECK(std::isinf(*uc.options.loadgen.benchmark_grace_period));  // §13 example 6: grace ∞
    CHECK(aiperf::driver::profiling_phase(uc.options).request_rate == 1.0);
    CHECK(aiperf::driver::profiling_phase(uc.options).num_users == 15);
  }
  CHECK(err(profile({"--request-cancellation-delay", "1"})) ==
        "aiperf: error: --request-cancellation-delay can only be used with --request-cancellation-rate. Either add "
        "--request-cancellation-rate or remove --request-cancellation-delay.\n");
  CHECK(err(profile({"--request-cancellation-rate", "150"})) ==
        "aiperf: error: --request-cancellation-rate: expected a percentage in (0, 100], got 150\n");
  CHECK(err(profile({"--session-header", "bad header"})) ==
        "aiperf: error: --session-header: 'bad header' is not a valid HTTP header name\n");
  CHECK(ok(profile({"--conversation-turn-mean", "3", "--conversation-turn-delay-mean", "250"})).options.input.conversation_turn_mean == 3);
  // V-main order: the default request count (10 in rate mode) is filled before the limit check.
  CHECK(err(profile({"--request-rate", "100", "--concurrency", "50"})) ==
        "aiperf: error: Concurrency (50) cannot be greater than the request count (10). Either reduce --concurrency "
        "or increase --request-count.\n");
  CHECK(ok(profile({"--request-rate", "100", "--concurrency", "50", "--benchmark-duration", "5"})).options.loadgen.concurrency == 50);
  // Allowed: concurrency within limits; grace with duration; sessions alone.
  CHECK(ok(profile({"--concurrency", "4", "--num-sessions", "4"})).options.input.conversation_num == 4);
  CHECK(ok(profile({"--concurrency", "4", "--request-count", "4"})).options.loadgen.request_count == 4);
}

TEST_CASE("profile: §4.1 burst mode and its defaults (§13 examples 1, 2)", "[cli][timing]") {
  auto r = ok({"profile", "-m", "M", "-u", "localhost:8000", "--streaming"});
  CHECK(r.options.loadgen.timing_mode == "concurrency");
  CHECK(r.options.loadgen.arrival_pattern == "concurrency_burst");
  CHECK(r.options.loadgen.concurrency == 1);
  CHECK(r.options.loadgen.request_count == 10);
  CHECK(r.options.endpoint.streaming);
  CHECK(!r.options.input.osl);
  CHECK(r.options.input.isl == 550);
  CHECK(r.options.input.num_dataset_entries == 100);
  CHECK(has_warning(r, "using --concurrency 1"));
  CHECK(has_warning(r, "sending 10 requests"));
  CHECK(!r.was_set("request_count"));

  auto c10 = ok(profile({"--concurrency", "10"}));
  CHECK(c10.options.loadgen.request_count == 20);
  CHECK(c10.options.loadgen.timing_mode == "concurrency");
  CHECK(ok(profile({"--concurrency", "3"})).options.loadgen.request_count == 10);  // max(10, 6)
  // An explicit stop condition suppresses the default count.
  auto dur = ok(profile({"--concurrency", "10", "--benchmark-duration", "5"}));
  CHECK(!dur.options.loadgen.request_count);
  CHECK(dur.options.loadgen.benchmark_grace_period == 30.0);
  CHECK(!ok(profile({"--num-sessions", "3"})).options.loadgen.request_count);
  // A pattern without a rate is overwritten, and the user is told.
  auto pat = ok(profile({"--arrival-pattern", "constant"}));
  CHECK(pat.options.loadgen.arrival_pattern == "concurrency_burst");
  CHECK(has_warning(pat, "--arrival-pattern constant has no effect without --request-rate"));
}

TEST_CASE("profile: §4.1 request-rate mode (§13 examples 3, 4, 5)", "[cli][timing]") {
  auto r3 = ok(profile({"--request-rate", "5"}));
  CHECK(r3.options.loadgen.timing_mode == "request_rate");
  CHECK(r3.options.loadgen.arrival_pattern == "poisson");
  CHECK(r3.options.loadgen.request_count == 10);
  CHECK(!r3.options.loadgen.concurrency);  // unlimited
  CHECK(has_warning(r3, "sending 10 requests"));

  auto r4 = ok(profile({"--request-rate", "20", "--arrival-pattern", "constant", "--concurrency", "5",
                        "--benchmark-duration", "60"}));
  CHECK(r4.options.loadgen.timing_mode == "request_rate");
  CHECK(r4.options.loadgen.arrival_pattern == "constant");
  CHECK(r4.options.loadgen.concurrency == 5);  // ceiling
  CHECK(!r4.options.loadgen.request_count);
  CHECK(r4.options.loadgen.benchmark_duration == 60.0);
  CHECK(r4.options.loadgen.benchmark_grace_period == 30.0);
  auto p4 = aiperf::driver::profiling_phase(r4.options);
  CHECK(p4.timing_mode == "request_rate");
  CHECK(p4.request_rate == 20.0);
  CHECK(p4.concurrency == 5);
  CHECK(p4.duration_s == 60.0);
  CHECK(p4.grace_period_s == 30.0);

  auto r5 = ok(profile({"--request-rate", "10", "--arrival-smoothness", "0.5"}));
  CHECK(r5.options.loadgen.arrival_pattern == "gamma");
  CHECK(r5.options.loadgen.arrival_smoothness == 0.5);
  auto g = ok(profile({"--request-rate", "10", "--arrival-pattern", "gamma"}));
  CHECK(g.options.loadgen.arrival_smoothness == 1.0);  // gamma shape defaults to 1

  auto inf = ok(profile({"--benchmark-duration", "10", "--benchmark-grace-period", "inf"}));
  CHECK(std::isinf(*inf.options.loadgen.benchmark_grace_period));
  CHECK(ok(profile({"--benchmark-duration", "10", "--benchmark-grace-period", "0"})).options.loadgen.benchmark_grace_period == 0.0);
}

TEST_CASE("profile: §6.3 warmup phase (§13 example 11)", "[cli][timing]") {
  auto r = ok(profile({"--warmup-request-count", "50", "--request-rate", "10", "--request-count", "500"}));
  auto w = aiperf::driver::warmup_phase(r.options);
  REQUIRE(w);
  CHECK(w->phase == "warmup");
  CHECK(w->timing_mode == "request_rate");
  CHECK(w->arrival_pattern == "poisson");
  CHECK(w->request_rate == 10.0);
  CHECK(w->request_count == 50);
  CHECK(std::isinf(w->grace_period_s));
  auto p = aiperf::driver::profiling_phase(r.options);
  CHECK(p.request_count == 500);
  CHECK(p.request_rate == 10.0);

  CHECK(!aiperf::driver::warmup_phase(ok(profile()).options));
  auto burst = aiperf::driver::warmup_phase(ok(profile({"--warmup-duration", "5", "--warmup-grace-period", "2"})).options);
  REQUIRE(burst);
  CHECK(burst->timing_mode == "concurrency");
  CHECK(burst->concurrency == 1);
  CHECK(burst->duration_s == 5.0);
  CHECK(burst->grace_period_s == 2.0);
  auto own = aiperf::driver::warmup_phase(
      ok(profile({"--concurrency", "4", "--num-warmup-sessions", "3", "--warmup-concurrency", "2"})).options);
  REQUIRE(own);
  CHECK(own->concurrency == 2);
  CHECK(own->num_sessions == 3);
  auto rate = aiperf::driver::warmup_phase(ok(profile({"--warmup-request-count", "5", "--warmup-request-rate", "7",
                                               "--warmup-arrival-pattern", "constant"}))
                                       .options);
  REQUIRE(rate);
  CHECK(rate->timing_mode == "request_rate");
  CHECK(rate->request_rate == 7.0);
  CHECK(rate->arrival_pattern == "constant");
  // Companion options without a warmup trigger are reported, not silently dropped.
  CHECK(has_warning(ok(profile({"--warmup-concurrency", "3"})),
                    "--warmup-concurrency has no effect without --warmup-request-count"));
}

TEST_CASE("profile: ramps (spec §3.2, §4.3, §6.3)", "[cli][timing][ramp]") {
  // A rate ramp needs a paced rate: not with a fixed schedule, user-centric rate or burst mode.
  CHECK(err(profile({"--request-rate-ramp-duration", "5", "--concurrency", "4"})) ==
        "aiperf: error: --request-rate-ramp-duration can only be used with --request-rate scheduling.\n");
  CHECK(err(profile({"--request-rate-ramp-duration", "5", "--input-file", trace})) ==
        "aiperf: error: --request-rate-ramp-duration can only be used with --request-rate scheduling. It cannot be "
        "used with --fixed-schedule.\n");
  CHECK(err(profile({"--request-rate-ramp-duration", "5", "--user-centric-rate", "2", "--num-users", "2",
                     "--session-turns-mean", "3"})) ==
        "aiperf: error: --request-rate-ramp-duration can only be used with --request-rate scheduling. It cannot be "
        "used with --user-centric-rate.\n");
  CHECK(err(profile({"--warmup-request-count", "5", "--warmup-request-rate-ramp-duration", "2", "--concurrency", "2"})) ==
        "aiperf: error: --warmup-request-rate-ramp-duration can only be used with --request-rate scheduling (the warmup "
        "paces --warmup-request-rate, else --request-rate).\n");
  CHECK(err(profile({"--request-rate", "10", "--request-rate-ramp-duration", "0"})).find("--request-rate-ramp-duration") !=
        std::string::npos);
  CHECK(err(profile({"--concurrency", "4", "--concurrency-ramp-duration", "-1"})).find("--concurrency-ramp-duration") !=
        std::string::npos);

  // Concurrency ramps go with every timing mode (§4.3), fixed schedule and user-centric included.
  CHECK(ok(profile({"--concurrency", "4", "--concurrency-ramp-duration", "2", "--input-file", trace}))
            .options.loadgen.concurrency_ramp_duration == 2.0);
  CHECK(ok(profile({"--concurrency", "4", "--concurrency-ramp-duration", "2", "--user-centric-rate", "2", "--num-users",
                    "2", "--session-turns-mean", "3"}))
            .options.loadgen.concurrency_ramp_duration == 2.0);
  // Without the limit it ramps, a concurrency ramp does nothing: said, not silently dropped.
  CHECK(has_warning(ok(profile({"--request-rate", "5", "--concurrency-ramp-duration", "2"})),
                    "--concurrency-ramp-duration has no effect without --concurrency"));
  CHECK(has_warning(ok(profile({"--concurrency", "4", "--prefill-concurrency-ramp-duration", "2"})),
                    "--prefill-concurrency-ramp-duration has no effect without --prefill-concurrency"));
  CHECK(has_warning(ok(profile({"--concurrency", "4", "--warmup-concurrency-ramp-duration", "2"})),
                    "--warmup-concurrency-ramp-duration has no effect without --warmup-request-count"));

  // The phases carry them; warmup ramps default to the profiling ones (§6.3).
  auto r = ok(profile({"--request-rate", "20", "--concurrency", "8", "--request-count", "100", "--streaming",
                       "--prefill-concurrency", "4", "--concurrency-ramp-duration", "3",
                       "--prefill-concurrency-ramp-duration", "2", "--request-rate-ramp-duration", "5",
                       "--warmup-request-count", "10"}));
  auto p = aiperf::driver::profiling_phase(r.options);
  CHECK(p.concurrency_ramp_s == 3.0);
  CHECK(p.prefill_concurrency_ramp_s == 2.0);
  CHECK(p.request_rate_ramp_s == 5.0);
  auto w = aiperf::driver::warmup_phase(r.options);
  REQUIRE(w);
  CHECK(w->concurrency_ramp_s == 3.0);
  CHECK(w->prefill_concurrency_ramp_s == 2.0);
  CHECK(w->request_rate_ramp_s == 5.0);
  auto own = aiperf::driver::warmup_phase(
      ok(profile({"--request-rate", "20", "--concurrency", "8", "--request-count", "100", "--concurrency-ramp-duration",
                  "3", "--request-rate-ramp-duration", "5", "--warmup-request-count", "10",
                  "--warmup-concurrency-ramp-duration", "1", "--warmup-request-rate-ramp-duration", "0.5"}))
          .options);
  REQUIRE(own);
  CHECK(own->concurrency_ramp_s == 1.0);
  CHECK(own->request_rate_ramp_s == 0.5);
  CHECK_FALSE(own->prefill_concurrency_ramp_s);
  // A burst warmup (its arrival pattern says so) has no rate to ramp: the inherited rate ramp is not applied.
  auto burst = aiperf::driver::warmup_phase(ok(profile({"--request-rate", "20", "--request-rate-ramp-duration", "5",
                                                        "--warmup-request-count", "10", "--warmup-arrival-pattern",
                                                        "concurrency_burst"}))
                                                .options);
  REQUIRE(burst);
  CHECK(burst->timing_mode == "concurrency");
  CHECK_FALSE(burst->request_rate_ramp_s);
}

TEST_CASE("profile: --insecure warns loudly", "[cli][validate]") {
  auto r = ok(profile({"--insecure"}));
  CHECK(r.options.endpoint.insecure);
  CHECK(has_warning(r, "TLS certificate verification is DISABLED"));
  CHECK(!has_warning(ok(profile()), "TLS"));
}

TEST_CASE("profile: explicit fields are recorded", "[cli][echo]") {
  auto r = ok(profile({"--artifact-dir", "out", "--concurrency", "2"}));
  CHECK(r.was_set("artifact_dir"));
  CHECK(r.was_set("concurrency"));
  CHECK(r.was_set("model_names"));
  CHECK(!r.was_set("request_count"));  // defaulted, not given
  CHECK(!ok(profile()).was_set("artifact_dir"));
}

TEST_CASE("profile: input file, dataset type and fixed schedule (spec §3.1, §4.1)", "[cli][input]") {
  auto r = ok({"profile", "-m", "m", "--input-file", trace});
  CHECK(r.options.input.custom_dataset_type == "mooncake_trace");  // detected from the first record
  CHECK(r.options.input.fixed_schedule);                            // timestamped: auto-promoted
  CHECK(r.options.loadgen.timing_mode == "fixed_schedule");
  CHECK_FALSE(r.options.loadgen.concurrency);     // no default concurrency: the trace sets the pace
  CHECK_FALSE(r.options.loadgen.request_count);   // the trace is the stop condition
  CHECK(has_warning(r, "reads as mooncake_trace"));
  CHECK(has_warning(r, "--fixed-schedule enabled"));

  auto const e = [](std::vector<std::string> args) {
    args.insert(args.begin(), {"profile", "-m", "m"});
    return err(args);
  };
  CHECK(e({"--custom-dataset-type", "mooncake_trace"}) ==
        "aiperf: error: Custom dataset type requires --input-file to be provided\n");
  CHECK(e({"--fixed-schedule"}) == "aiperf: error: Fixed schedule requires a file to be provided\n");
  CHECK(e({"--input-file", trace, "--fixed-schedule-start-offset", "5", "--fixed-schedule-auto-offset"}) ==
        "aiperf: error: The --fixed-schedule-start-offset and --fixed-schedule-auto-offset options cannot be used "
        "together\n");
  CHECK(e({"--input-file", trace, "--fixed-schedule-start-offset", "5", "--fixed-schedule-end-offset", "4"}) ==
        "aiperf: error: The --fixed-schedule-start-offset must be less than or equal to the "
        "--fixed-schedule-end-offset\n");
  CHECK(e({"--input-file", "/nonexistent/t.jsonl"}) ==
        "aiperf: error: --input-file: '/nonexistent/t.jsonl' is not a valid file or directory\n");
  CHECK(e({"--input-file", trace, "--request-rate", "5"}) ==
        "aiperf: error: --request-rate cannot be used with --fixed-schedule: the trace's timestamps set the send "
        "times\n");
  CHECK(e({"--input-file", trace, "--dataset-sampling-strategy", "random"}) ==
        "aiperf: error: Dataset sampling strategy is not compatible with fixed schedule mode. Please remove the "
        "--dataset-sampling-strategy option.\n");
  CHECK(e({"--fixed-schedule-end-offset", "4"}) ==
        "aiperf: error: --fixed-schedule-end-offset can only be used with --fixed-schedule. Either add "
        "--fixed-schedule or remove these options.\n");
  CHECK(e({"--public-dataset", "sharegpt", "--custom-dataset-type", "single_turn", "--input-file", trace}) ==
        "aiperf: error: The --public-dataset and --custom-dataset-type options cannot be set together\n");

  // A file whose first record fits no format names the flag and the choices.
  const auto unknown = std::filesystem::temp_directory_path() / "aiperf-cli-unknown-format.jsonl";
  std::ofstream(unknown) << "{\"prompt\": \"hi\"}\n";
  CHECK(e({"--input-file", unknown.string()}) ==
        "aiperf: error: --input-file: cannot tell the format of '" + unknown.string() +
            "' from its first record; give --custom-dataset-type (one of single_turn, multi_turn, random_pool, "
            "mooncake_trace, bailian_trace, burst_gpt_trace)\n");
  std::filesystem::remove(unknown);
}

TEST_CASE("profile: multi_turn is detected, random_pool is named, a directory only for random_pool", "[cli][input]") {
  const auto dir = std::filesystem::temp_directory_path() / "aiperf-cli-input-kinds";
  std::filesystem::create_directories(dir / "pools");
  std::ofstream(dir / "chat.jsonl") << "{\"session_id\": \"c\", \"turns\": [{\"text\": \"hi\"}]}\n";
  std::ofstream(dir / "pools" / "a.jsonl") << "{\"text\": \"hi\"}\n";
  const std::string chat = (dir / "chat.jsonl").string(), pools = (dir / "pools").string();
  auto const detected = ok({"profile", "-m", "m", "--input-file", chat, "--request-count", "1"});
  CHECK(detected.options.input.custom_dataset_type == "multi_turn");
  CHECK(has_warning(detected, "reads as multi_turn"));
  CHECK_FALSE(detected.options.input.fixed_schedule);
  auto const pooled = ok({"profile", "-m", "m", "--input-file", pools, "--custom-dataset-type", "random_pool",
                          "--conversation-num", "7"});
  CHECK(pooled.options.input.custom_dataset_type == "random_pool");
  CHECK(pooled.options.input.conversation_num == 7);
  // A pool file reads as single_turn: random_pool is never guessed.
  CHECK(ok({"profile", "-m", "m", "--input-file", (dir / "pools" / "a.jsonl").string(), "--request-count", "1"})
            .options.input.custom_dataset_type == "single_turn");
  auto const e = [](std::vector<std::string> args) {
    args.insert(args.begin(), {"profile", "-m", "m", "--request-count", "1"});
    return err(args);
  };
  const std::string only_pools = "aiperf: error: --input-file: '" + pools +
                                 "' is a directory: only --custom-dataset-type random_pool reads one (a pool per file)\n";
  CHECK(e({"--input-file", pools}) == only_pools);
  CHECK(e({"--input-file", pools, "--custom-dataset-type", "single_turn"}) == only_pools);
  std::filesystem::remove_all(dir);
}

TEST_CASE("profile: --public-dataset sharegpt reads a local copy, and says where to put one", "[cli][input]") {
  const auto dir = std::filesystem::temp_directory_path() / "aiperf-cli-sharegpt";
  std::filesystem::create_directories(dir);
  const std::string url =
      "https://huggingface.co/datasets/anon8231489123/ShareGPT_Vicuna_unfiltered/resolve/main/"
      "ShareGPT_V3_unfiltered_cleaned_split.json";
  const auto missing = err({"profile", "-m", "m", "--public-dataset", "sharegpt", "--input-file", dir.string()});
  CHECK(missing == "aiperf: error: --public-dataset sharegpt: no local copy of ShareGPT_V3_unfiltered_cleaned_split.json "
                   "(looked for " + (dir / "ShareGPT_V3_unfiltered_cleaned_split.json").string() +
                   "); this build downloads nothing: download " + url +
                   " and give the file, or its directory, with --input-file\n");
  std::ofstream(dir / "ShareGPT_V3_unfiltered_cleaned_split.json") << "[]";
  auto const r = ok({"profile", "-m", "m", "--public-dataset", "sharegpt", "--input-file", dir.string()});
  CHECK(r.options.input.public_dataset == "sharegpt");
  CHECK_FALSE(r.options.input.custom_dataset_type);  // no detection: the dataset names its format
  CHECK(err({"profile", "-m", "m", "--public-dataset", "aimo"}) ==
        "aiperf: error: --public-dataset aimo is not supported yet by this build (supported: sharegpt)\n");
  std::filesystem::remove_all(dir);
}

namespace {
/// The options of a command line that must parse as `Request` (analyze-trace, synthesize-trace).
template <class Request>
auto options_of(std::vector<std::string> const& args) {
  auto r = aiperf::driver::parse_command_line(args);
  if (auto const* e = std::get_if<aiperf::driver::cli_exit>(&r)) {
    INFO("args rejected: " << e->err);
    FAIL("expected a valid " << args.front() << " command line");
  }
  REQUIRE(std::holds_alternative<Request>(r));
  return std::get<Request>(std::move(r)).options;
}
auto analyze(std::vector<std::string> const& args) { return options_of<aiperf::driver::analyze_trace_request>(args); }
auto synthesize(std::vector<std::string> const& args) {
  return options_of<aiperf::driver::synthesize_trace_request>(args);
}
}  // namespace

TEST_CASE("analyze-trace: the input file positionally or by --input-file; --block-size 512 by default",
          "[cli][analyze_trace]") {
  auto const plain = analyze({"analyze-trace", "trace.jsonl"});
  CHECK(plain.input_file == "trace.jsonl");
  CHECK(plain.block_size == 512);
  CHECK_FALSE(plain.output_file);
  auto const flags = analyze({"analyze-trace", "--input-file", "t.jsonl", "--block-size", "16", "--output-file",
                              "out/report.json"});
  CHECK(flags.input_file == "t.jsonl");
  CHECK(flags.block_size == 16);
  CHECK(flags.output_file == "out/report.json");
  CHECK(analyze({"analyze-trace", "--block-size=64", "t.jsonl"}).block_size == 64);
  CHECK(analyze({"analyze-trace", "--input-file=a.jsonl"}).input_file == "a.jsonl");
}

TEST_CASE("analyze-trace: usage errors are one line naming the flag", "[cli][analyze_trace][errors]") {
  CHECK(err({"analyze-trace"}) ==
        "aiperf: error: analyze-trace: an input file is required: aiperf analyze-trace INPUT_FILE (or --input-file "
        "FILE)\n");
  CHECK(err({"analyze-trace", "t.jsonl", "--block-size", "0"}) ==
        "aiperf: error: --block-size: must be >= 1, got '0'\n");
  CHECK(err({"analyze-trace", "t.jsonl", "--block-size", "big"}).starts_with("aiperf: error: --block-size: "));
  CHECK(err({"analyze-trace", "t.jsonl", "--block-size"}) == "aiperf: error: --block-size: expected a value\n");
  CHECK(err({"analyze-trace", "t.jsonl", "--output-file", ""}) ==
        "aiperf: error: --output-file: expected a file path, got an empty value\n");
  CHECK(err({"analyze-trace", "t.jsonl", "--blok-size", "3"}) ==
        "aiperf: error: unknown option '--blok-size' (did you mean '--block-size'?)\n");
  CHECK(err({"analyze-trace", "a.jsonl", "b.jsonl"}) == "aiperf: error: unexpected argument 'b.jsonl'\n");
}

TEST_CASE("analyze-trace: --help lists its options from their declarations", "[cli][analyze_trace][help]") {
  auto const h = cli_test::exits({"analyze-trace", "--help"});
  CHECK(h.code == 0);
  CHECK(h.out == aiperf::driver::analyze_trace_help_text());
  CHECK(h.out.find("Usage: aiperf analyze-trace [OPTIONS] [INPUT_FILE]") != std::string::npos);
  using aiperf::driver::analyze_trace_section;
  aiperf::driver::for_each_section_option<analyze_trace_section>(
      [&](aiperf::driver::option_meta const& m) {
        INFO(m.field);
        CHECK(h.out.find(std::string(m.help)) != std::string::npos);
      });
  CHECK(h.out.find("--block-size <int>=512") != std::string::npos);
  // The top-level help lists it as a command, no longer as "not implemented yet".
  auto const top = aiperf::driver::program_help_text();
  auto const line = top.substr(top.find("analyze-trace"));
  CHECK(line.substr(0, line.find('\n')).find("not implemented") == std::string::npos);
}

TEST_CASE("profile: a file of literal prompts reads as single_turn and is not replayed on a clock", "[cli][input]") {
  const auto file = std::filesystem::temp_directory_path() / "aiperf-cli-single-turn.jsonl";
  std::ofstream(file) << "{\"text\": \"hi\", \"timestamp\": 5}\n";
  auto r = ok({"profile", "-m", "m", "--input-file", file.string(), "--request-count", "3"});
  CHECK(r.options.input.custom_dataset_type == "single_turn");
  CHECK_FALSE(r.options.input.fixed_schedule);  // not a trace type: no auto-promotion (spec §7.6.1)
  CHECK(r.options.loadgen.timing_mode == "concurrency");
  std::filesystem::remove(file);
}

TEST_CASE("synthesize-trace: INPUT OUTPUT positionally or by flag, upstream's defaults; `synthesize` is the same",
          "[cli][synthesize_trace]") {
  using section = aiperf::driver::synthesize_trace_section;
  auto const same = [](section const& got, section const& want) {
    aiperf::driver::for_each_section_option<section>(
        [](aiperf::driver::option_meta const& m, auto const& g, auto const& w) {
          INFO(m.field);
          CHECK(aiperf::driver::cli_detail::display(g) == aiperf::driver::cli_detail::display(w));
        },
        got, want);
  };
  // Upstream's defaults: block 512, ratios and multipliers 1, no max ISL; the seed is the spec's 42.
  same(synthesize({"synthesize-trace", "in.jsonl", "out.jsonl"}),
       section{"in.jsonl", "out.jsonl", 512, 1.0, 1.0, 1, 1.0, std::nullopt, 42});
  same(synthesize({"synthesize", "--input-file", "a.jsonl", "--output-file=b.jsonl", "--block-size", "16",
                   "--speedup-ratio", "2", "--prefix-len-multiplier", "1.5", "--prefix-root-multiplier", "3",
                   "--prompt-len-multiplier", "2.5", "--max-isl", "4096", "--seed", "7"}),
       section{"a.jsonl", "b.jsonl", 16, 2.0, 1.5, 3, 2.5, 4096, 7});
  CHECK(synthesize({"synthesize", "x.jsonl", "--max-isl=9", "y.jsonl"}).output_file == "y.jsonl");
}

TEST_CASE("synthesize-trace: usage errors are one line naming the flag", "[cli][synthesize_trace][errors]") {
  auto const required = "aiperf: error: synthesize-trace: an input and an output file are required: aiperf "
                        "synthesize-trace INPUT_FILE OUTPUT_FILE\n";
  CHECK(err({"synthesize-trace"}) == required);
  CHECK(err({"synthesize-trace", "in.jsonl"}) == required);
  CHECK(err({"synthesize", "in.jsonl", "--output-file", ""}) == required);
  CHECK(err({"synthesize-trace", "a", "b", "--block-size", "0"}) == "aiperf: error: --block-size: must be >= 1, got '0'\n");
  CHECK(err({"synthesize-trace", "a", "b", "--speedup-ratio", "0"}).starts_with("aiperf: error: --speedup-ratio: must be > 0"));
  CHECK(err({"synthesize-trace", "a", "b", "--prefix-len-multiplier", "-1"})
            .starts_with("aiperf: error: --prefix-len-multiplier: must be >= 0"));
  CHECK(err({"synthesize-trace", "a", "b", "--prefix-root-multiplier", "0"}) ==
        "aiperf: error: --prefix-root-multiplier: must be >= 1, got '0'\n");
  CHECK(err({"synthesize-trace", "a", "b", "--prompt-len-multiplier", "x"})
            .starts_with("aiperf: error: --prompt-len-multiplier: "));
  CHECK(err({"synthesize-trace", "a", "b", "--max-isl", "0"}) == "aiperf: error: --max-isl: must be >= 1, got '0'\n");
  CHECK(err({"synthesize-trace", "a", "b", "--prefix-len-multiplir", "2"}) ==
        "aiperf: error: unknown option '--prefix-len-multiplir' (did you mean '--prefix-len-multiplier'?)\n");
  CHECK(err({"synthesize-trace", "a", "b", "c"}) == "aiperf: error: unexpected argument 'c'\n");
  // V-dev's `synthesize --target agentic-code` is a different generator: refused by name.
  for (auto const& args : {std::vector<std::string>{"synthesize", "agentic-code"},
                           std::vector<std::string>{"synthesize", "--target", "agentic-code", "--num-sessions", "5"},
                           std::vector<std::string>{"synthesize", "--target=agentic-code"}})
    CHECK(err(args) == "aiperf: error: synthesize --target agentic-code (the coding-agent workload generator) is not "
                       "supported yet by this build; 'aiperf synthesize INPUT OUTPUT' is synthesize-trace\n");
}

TEST_CASE("synthesize-trace: --help lists its options from their declarations", "[cli][synthesize_trace][help]") {
  for (std::string cmd : {"synthesize-trace", "synthesize"}) {
    auto const h = cli_test::exits({cmd, "--help"});
    CHECK(h.code == 0);
    CHECK(h.out == aiperf::driver::synthesize_trace_help_text());
    aiperf::driver::for_each_section_option<aiperf::driver::synthesize_trace_section>(
        [&](aiperf::driver::option_meta const& m) {
          INFO(m.field);
          CHECK(h.out.find(std::string(m.help)) != std::string::npos);
        });
  }
  auto const h = aiperf::driver::synthesize_trace_help_text();
  CHECK(h.find("Usage: aiperf synthesize-trace [OPTIONS] [INPUT_FILE] [OUTPUT_FILE]") != std::string::npos);
  CHECK(h.find("--seed <int>=42") != std::string::npos);
  auto const top = aiperf::driver::program_help_text();
  auto const line = top.substr(top.find("synthesize-trace"));
  CHECK(line.substr(0, line.find('\n')).find("not implemented") == std::string::npos);
}

TEST_CASE("profile: --synthesis-*-multiplier are options with bounds, for trace datasets only",
          "[cli][input][synthesis]") {
  auto const r = ok({"profile", "-m", "m", "--input-file", trace, "--synthesis-prefix-len-multiplier", "2",
                     "--synthesis-prefix-root-multiplier", "2", "--synthesis-prompt-len-multiplier", "0"});
  CHECK(r.options.input.synthesis_prefix_len_multiplier == 2.0);
  CHECK(r.options.input.synthesis_prefix_root_multiplier == 2);
  CHECK(r.options.input.synthesis_prompt_len_multiplier == 0.0);
  CHECK(err(profile({"--synthesis-prefix-len-multiplier", "-0.5"}))
            .starts_with("aiperf: error: --synthesis-prefix-len-multiplier: must be >= 0"));
  CHECK(err(profile({"--synthesis-prefix-root-multiplier", "0"})) ==
        "aiperf: error: --synthesis-prefix-root-multiplier: must be >= 1, got '0'\n");
  CHECK(err(profile({"--synthesis-prompt-len-multiplier", "inf"})).starts_with(
      "aiperf: error: --synthesis-prompt-len-multiplier: "));
  const auto file = std::filesystem::temp_directory_path() / "aiperf-cli-synthesis-single-turn.jsonl";
  std::ofstream(file) << "{\"text\": \"hi\"}\n";
  for (std::string flag : {"--synthesis-prefix-len-multiplier", "--synthesis-prefix-root-multiplier",
                           "--synthesis-prompt-len-multiplier"})
    CHECK(err({"profile", "-m", "m", "--input-file", file.string(), "--custom-dataset-type", "single_turn",
               "--request-count", "3", flag, "2"})
              .find("require a trace dataset type") != std::string::npos);
  std::filesystem::remove(file);
}

TEST_CASE("cli: server metrics and GPU telemetry options", "[cli][telemetry]") {
  auto const d = ok(profile({}));
  CHECK(d.options.output.server_metrics_formats == std::vector<std::string>{"json", "csv"});
  CHECK(d.options.output.server_metrics.empty());
  CHECK_FALSE(d.was_set("gpu_telemetry"));
  auto const bare = ok(profile({"--gpu-telemetry"}));  // no value: show the console tables
  CHECK(bare.was_set("gpu_telemetry"));
  CHECK(bare.options.output.gpu_telemetry.empty());
  auto const urls = ok(profile({"--gpu-telemetry", "pynvml", "host:9400", "--server-metrics", "a:1,b:2", "--no-server-metrics"}));
  CHECK(urls.options.output.gpu_telemetry == std::vector<std::string>{"pynvml", "host:9400"});
  CHECK(urls.options.output.server_metrics == std::vector<std::string>{"a:1", "b:2"});
  CHECK(urls.options.output.no_server_metrics);
  CHECK(ok(profile({"--server-metrics-formats", "jsonl,JSON"})).options.output.server_metrics_formats ==
        std::vector<std::string>{"jsonl", "json"});
  CHECK(err(profile({"--server-metrics-formats", "json,parquet"})) ==
        "aiperf: error: --server-metrics-formats parquet is not supported yet by this build (supported: json, csv, jsonl)\n");
  CHECK(err(profile({"--server-metrics-formats", "xml"})) ==
        "aiperf: error: --server-metrics-formats: invalid choice 'xml' (choose from json, csv, jsonl)\n");
}

TEST_CASE("compare: paths and options are converted and checked", "[cli][compare]") {
  auto r = aiperf::driver::parse_command_line(
      std::vector<std::string>{"compare", "a", "b", "c", "--confidence", "0.9", "--bootstrap", "500", "--seed", "7",
                               "--min-effect", "2.5", "--fail-on-regression", "--output", "out"});
  REQUIRE(std::holds_alternative<aiperf::driver::compare_request>(r));
  auto const& o = std::get<aiperf::driver::compare_request>(r).options;
  CHECK(o.paths == std::vector<std::string>{"a", "b", "c"});
  CHECK(o.confidence == 0.9);
  CHECK(o.bootstrap == 500);
  CHECK(o.seed == 7);
  CHECK(o.min_effect == 2.5);
  CHECK(o.fail_on_regression);
  CHECK(o.output == "out");
  auto d = aiperf::driver::parse_command_line(std::vector<std::string>{"compare", "a", "b"});
  auto const& od = std::get<aiperf::driver::compare_request>(d).options;
  CHECK(od.confidence == 0.95);
  CHECK(od.bootstrap == 2000);
  CHECK(od.min_effect == 5.0);
  CHECK_FALSE(od.fail_on_regression);
  CHECK(od.output == "artifacts/compare");
}

TEST_CASE("compare: usage errors are one line naming the flag", "[cli][compare][errors]") {
  CHECK(err({"compare"}) == "aiperf: error: compare: a baseline and at least one candidate are required: aiperf compare "
                            "BASELINE CANDIDATE [CANDIDATE...]\n");
  CHECK(err({"compare", "a"}) == err({"compare"}));
  CHECK(err({"compare", "a", "b", "--confidence", "1"}) ==
        "aiperf: error: --confidence: expected a level strictly between 0 and 1, got 1\n");
  CHECK(err({"compare", "a", "b", "--confidence", "0"}).starts_with("aiperf: error: --confidence: "));
  CHECK(err({"compare", "a", "b", "--bootstrap", "99"}) ==
        "aiperf: error: --bootstrap: expected at least 100 resamples, got 99\n");
  CHECK(err({"compare", "a", "b", "--min-effect", "-1"}).starts_with("aiperf: error: --min-effect: "));
  CHECK(err({"compare", "a", "b", "--bootstap", "3"}) ==
        "aiperf: error: unknown option '--bootstap' (did you mean '--bootstrap'?)\n");
  auto const h = cli_test::exits({"compare", "--help"});
  CHECK(h.code == 0);
  CHECK(h.out == aiperf::driver::compare_help_text());
  CHECK(h.out.find("--fail-on-regression") != std::string::npos);
}
