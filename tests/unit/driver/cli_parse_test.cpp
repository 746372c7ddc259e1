// SPDX-License-Identifier: Apache-2.0
// `aiperf` CLI: aliases, list/value parsing (spec §2.20), type errors, unknown and unsupported flags, help.
#include "cli_support.hpp"

#include <boost/hana/for_each.hpp>

#include <map>
#include <string>
#include <vector>

using cli_test::err;
using cli_test::ok;
using cli_test::profile;

namespace {

/// A valid value for each option and how the member displays afterwards; extra args make the
/// combination valid (e.g. a grace period needs a duration).
struct sample {
  std::vector<std::string> value;  // empty for flags
  std::string shown;               // detail::display() of the member afterwards
  std::vector<std::string> extra = {};
};

sample S(std::vector<std::string> value, std::string shown, std::vector<std::string> extra = {}) {
  return sample{std::move(value), std::move(shown), std::move(extra)};
}

std::map<std::string, sample> const samples = {
    {"model_names", S({"alpha,beta"}, "alpha,beta")},
    {"model_selection_strategy", S({"RANDOM"}, "random")},
    {"endpoint_type", S({"completions"}, "completions")},
    {"custom_endpoint", S({"/v2/generate"}, "/v2/generate")},
    {"streaming", S({}, "true")},
    {"urls", S({"http://10.0.0.1:9000"}, "http://10.0.0.1:9000")},
    {"url_strategy", S({"round_robin"}, "round_robin")},
    {"transport", S({"HTTP"}, "http")},
    {"request_timeout_seconds", S({"12.5"}, "12.5")},
    {"api_key", S({"sk-xyz"}, "sk-xyz")},
    {"use_legacy_max_tokens", S({}, "true")},
    {"use_server_token_count", S({}, "true")},
    {"insecure", S({}, "true")},
    {"ca_file", S({AIPERF_SOURCE_DIR "/CMakeLists.txt"}, AIPERF_SOURCE_DIR "/CMakeLists.txt")},
    {"tokenizer", S({"builtin"}, "builtin")},
    {"tokenizer_revision", S({"v2"}, "v2")},
    {"tokenizer_trust_remote_code", S({}, "true")},
    {"headers", S({"X-Test:1"}, "")},
    {"extra_inputs_json", S({"max_tokens:7"}, "{\"max_tokens\": 7}")},
    {"random_seed", S({"42"}, "42")},
    {"goodput", S({"request_latency:250"}, "request_latency:250")},
    {"num_dataset_entries", S({"7"}, "7")},
    {"conversation_num", S({"9"}, "9")},
    {"isl", S({"128"}, "128")},
    {"isl_stddev", S({"3.5"}, "3.5")},
    {"osl", S({"64"}, "64")},
    {"osl_stddev", S({"2"}, "2")},
    {"concurrency", S({"4"}, "4")},
    {"request_rate", S({"2.5"}, "2.5")},
    {"arrival_pattern", S({"constant"}, "constant", {"--request-rate", "1"})},
    {"arrival_smoothness", S({"0.5"}, "0.5", {"--request-rate", "1"})},
    {"request_count", S({"33"}, "33")},
    {"benchmark_duration", S({"60"}, "60")},
    {"benchmark_grace_period", S({"5"}, "5", {"--benchmark-duration", "10"})},
    {"warmup_request_count", S({"5"}, "5")},
    {"warmup_duration", S({"3"}, "3")},
    {"num_warmup_sessions", S({"2"}, "2")},
    {"warmup_concurrency", S({"3"}, "3", {"--warmup-request-count", "5"})},
    {"warmup_request_rate", S({"4"}, "4", {"--warmup-request-count", "5"})},
    {"warmup_arrival_pattern", S({"constant"}, "constant", {"--warmup-request-count", "5"})},
    {"warmup_grace_period", S({"inf"}, "inf", {"--warmup-duration", "5"})},
    {"artifact_dir", S({"out/dir"}, "out/dir")},
    {"profile_export_prefix", S({"myrun"}, "myrun")},
    {"export_level", S({"summary"}, "summary")},
    {"workers", S({"3"}, "3")},
    {"log_level", S({"WARNING"}, "warning")},
    {"verbose", S({}, "true")},
    {"extra_verbose", S({}, "true")},
    {"log_to_stderr", S({}, "true")},
    {"ui_type", S({"simple"}, "simple")},
};

/// The displayed value of member `field` of `o`, via the same reflection the CLI uses.
std::string shown(aiperf::profile_options& o, std::string_view field) {
  std::string out;
  bool found = false;
  aiperf::profile_options const defaults{};
  aiperf::detail::for_each_option(o, defaults, [&](aiperf::option_meta const& m, std::string_view, bool, bool,
                                                  std::string const&, auto& member) {
    if (m.field != field) return;
    found = true;
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(member)>, std::string>)
      out = member;  // extra_inputs_json: compare the JSON text itself
    else
      out = aiperf::detail::display(member);
  });
  REQUIRE(found);
  return out;
}

}  // namespace

TEST_CASE("cli: every spelling of every option reaches its member", "[cli][alias]") {
  for (auto const& m : aiperf::profile_option_table) {
    if (m.names.empty()) continue;  // resolved, not a flag
    auto const it = samples.find(std::string(m.field));
    INFO("field " << m.field);
    REQUIRE(it != samples.end());  // a new option needs a sample here
    for (auto name : aiperf::detail::split(m.names, ',')) {
      INFO("spelling " << name);
      std::vector<std::string> args{"profile"};
      if (m.field != "model_names") args.insert(args.end(), {"-m", "m"});
      args.emplace_back(name);
      args.insert(args.end(), it->second.value.begin(), it->second.value.end());
      args.insert(args.end(), it->second.extra.begin(), it->second.extra.end());
      auto r = ok(args);
      CHECK(r.was_set(m.field));
      if (m.field == "headers") {
        REQUIRE(r.options.headers.size() == 1);
        CHECK(r.options.headers[0] == std::pair<std::string, std::string>{"X-Test", "1"});
      } else {
        CHECK(shown(r.options, m.field) == it->second.shown);
      }
    }
  }
}

TEST_CASE("cli: --name=value form is accepted", "[cli][alias]") {
  auto r = ok(profile({"--request-rate=3", "--url=host:1", "--isl=10"}));
  CHECK(r.options.request_rate == 3.0);
  CHECK(r.options.urls == std::vector<std::string>{"host:1"});
  CHECK(r.options.isl == 10);
}

TEST_CASE("cli: lists accept repetition, commas and several values", "[cli][list]") {
  CHECK(ok({"profile", "-m", "a,b", "--model", "c"}).options.model_names == std::vector<std::string>{"a", "b", "c"});
  CHECK(ok({"profile", "-m", " a , b ,", "-m", "c"}).options.model_names == std::vector<std::string>{"a", "b", "c"});
  CHECK(ok({"profile", "-m", "a", "b"}).options.model_names == std::vector<std::string>{"a", "b"});
  auto r = ok(profile({"-u", "h1:1", "--url", "h2:2,https://h3"}));
  CHECK(r.options.urls == std::vector<std::string>{"h1:1", "h2:2", "https://h3"});
  CHECK(ok(profile()).options.urls == std::vector<std::string>{"localhost:8000"});
  CHECK(err({"profile", "-m", ","}) == "aiperf: error: --model-names: expected at least one value\n");
}

TEST_CASE("cli: scalar options: the last occurrence wins", "[cli][value]") {
  CHECK(ok(profile({"--isl", "5", "--isl", "6"})).options.isl == 6);
}

TEST_CASE("cli: --extra-inputs values are typed per coerce_value", "[cli][value]") {
  auto r = ok(profile({"--extra-inputs", "a:1,b:-2,c:0.5,d:true,e:FALSE,f:none,g:007,h:text,i:-0,j:.5,k:1.2.3",
                       "--extra-inputs", "a:2"}));
  CHECK(r.options.extra_inputs_json ==
        R"({"a": 2, "b": -2, "c": 0.5, "d": true, "e": false, "f": null, "g": "007", "h": "text", "i": 0, "j": 0.5, "k": "1.2.3"})");
  auto j = ok(profile({"--extra-inputs", R"({"nvext": {"ignore_eos": true}, "n": 3})", "--extra-inputs", "n:4"}));
  CHECK(j.options.extra_inputs_json == R"({"nvext": {"ignore_eos":true}, "n": 4})");
  CHECK(ok(profile()).options.extra_inputs_json == "{}");
  CHECK(err(profile({"--extra-inputs", "a:b:c"})) ==
        "aiperf: error: --extra-inputs: 'a:b:c' is not in 'key:value' format (use a JSON object for values "
        "containing ':' or ',')\n");
  CHECK(err(profile({"--extra-inputs", ":1"})) == "aiperf: error: --extra-inputs: ':1' has an empty key\n");
  CHECK(err(profile({"--extra-inputs", "{oops"})) ==
        "aiperf: error: --extra-inputs: '{oops' is not a valid JSON object\n");
}

TEST_CASE("cli: --header: Name:Value pairs and JSON objects, checked", "[cli][value]") {
  auto r = ok(profile({"-H", "X-A:1,X-B: two", "--header", R"({"X-C": "3", "X-A": "9"})"}));
  using kv = std::pair<std::string, std::string>;
  CHECK(r.options.headers == std::vector<kv>{{"X-A", "9"}, {"X-B", "two"}, {"X-C", "3"}});
  CHECK(err(profile({"-H", "Bad Name:1"})) == "aiperf: error: --header: 'Bad Name' is not a valid header name\n");
  CHECK(err(profile({"-H", R"({"X-A": "a\r\nInjected: 1"})"})) ==
        "aiperf: error: --header: the value of 'X-A' contains a line break\n");
}

TEST_CASE("cli: type errors are one line naming the flag", "[cli][value]") {
  CHECK(err(profile({"--request-rate", "abc"})) == "aiperf: error: --request-rate: expected a number, got 'abc'\n");
  CHECK(err(profile({"--request-rate", "1e400"})) == "aiperf: error: --request-rate: number out of range, got '1e400'\n");
  CHECK(err(profile({"--request-rate", "nan"})) == "aiperf: error: --request-rate: expected a number, got 'nan'\n");
  CHECK(err(profile({"--request-rate", "inf"})) == "aiperf: error: --request-rate: must be a finite number, got 'inf'\n");
  CHECK(err(profile({"--request-count", "1.5"})) == "aiperf: error: --request-count: expected an integer, got '1.5'\n");
  CHECK(err(profile({"--isl", "many"})) == "aiperf: error: --prompt-input-tokens-mean: expected an integer, got 'many'\n");
  CHECK(err(profile({"--request-count", "99999999999999999999"})) ==
        "aiperf: error: --request-count: integer out of range, got '99999999999999999999'\n");
  CHECK(err(profile({"--random-seed", "-1"})) == "aiperf: error: --random-seed: must be >= 0, got '-1'\n");
  CHECK(err(profile({"--random-seed", "x"})) ==
        "aiperf: error: --random-seed: expected a non-negative integer, got 'x'\n");
  CHECK(err(profile({"--streaming=maybe"})) == "aiperf: error: --streaming: expected true or false, got 'maybe'\n");
  CHECK(err(profile({"--request-rate"})) == "aiperf: error: --request-rate: expected a value\n");
  CHECK(err({"profile", "-m"}) == "aiperf: error: --model-names: expected a value\n");
}

TEST_CASE("cli: bounds per field", "[cli][value]") {
  CHECK(err(profile({"--request-rate", "0"})) == "aiperf: error: --request-rate: must be > 0, got '0'\n");
  CHECK(err(profile({"--request-rate", "-5"})) == "aiperf: error: --request-rate: must be > 0, got '-5'\n");
  CHECK(err(profile({"--concurrency", "0"})) ==
        "aiperf: error: Invalid concurrency value: 0. Must be a positive integer (>= 1).\n");
  CHECK(err(profile({"--concurrency", "4,0"})) ==
        "aiperf: error: Invalid concurrency value: 0. Must be a positive integer (>= 1).\n");
  CHECK(err(profile({"--concurrency", "10,20,30"})) ==
        "aiperf: error: --concurrency 10,20,30: parameter sweeps are not supported yet by this build\n");
  CHECK(err(profile({"--request-count", "0"})) == "aiperf: error: --request-count: must be >= 1, got '0'\n");
  CHECK(err(profile({"--isl", "-1"})) == "aiperf: error: --prompt-input-tokens-mean: must be >= 0, got '-1'\n");
  CHECK(err(profile({"--request-timeout-seconds", "0"})) ==
        "aiperf: error: --request-timeout-seconds: must be > 0, got '0'\n");
  CHECK(err(profile({"--warmup-request-count", "0"})) ==
        "aiperf: error: --warmup-request-count: must be > 0, got '0'\n");
  CHECK(err(profile({"--workers", "-2"})) == "aiperf: error: --workers: must be >= 0, got '-2'\n");
  CHECK(ok(profile({"--workers", "0"})).options.workers == 0);
  CHECK(ok(profile({"--isl", "0"})).options.isl == 0);
}

TEST_CASE("cli: choices: case-insensitive, unknown and not-yet-supported values", "[cli][value]") {
  CHECK(ok(profile({"--endpoint-type", "Completions"})).options.endpoint_type == "completions");
  CHECK(err(profile({"--endpoint-type", "embeddings"})) ==
        "aiperf: error: --endpoint-type embeddings is not supported yet by this build (supported: chat, completions)\n");
  CHECK(err(profile({"--endpoint-type", "foo"})) ==
        "aiperf: error: --endpoint-type: invalid choice 'foo' (choose from chat, completions)\n");
  CHECK(err(profile({"--export-level", "raw"})) ==
        "aiperf: error: --export-level raw is not supported yet by this build (supported: records, summary)\n");
  CHECK(err(profile({"--log-level", "loud"})) ==
        "aiperf: error: --log-level: invalid choice 'loud' (choose from trace, debug, info, notice, warning, success, "
        "error, critical)\n");
}

TEST_CASE("cli: -v / -vv / --extra-verbose set the log level", "[cli][value]") {
  CHECK(ok(profile()).options.log_level == "info");
  CHECK(ok(profile({"-v"})).options.log_level == "debug");
  auto vv = ok(profile({"-vv"}));
  CHECK(vv.options.log_level == "trace");
  CHECK(vv.options.extra_verbose);
  CHECK(ok(profile({"--extra-verbose"})).options.log_level == "trace");
  CHECK(ok(profile({"--log-level", "error"})).options.log_level == "error");
  CHECK(ok(profile({"--streaming=false"})).options.streaming == false);
}

TEST_CASE("cli: unknown options and arguments", "[cli][errors]") {
  CHECK(err(profile({"--concurency", "3"})) ==
        "aiperf: error: unknown option '--concurency' (did you mean '--concurrency'?)\n");
  CHECK(err(profile({"--request-rat=3"})) ==
        "aiperf: error: unknown option '--request-rat' (did you mean '--request-rate'?)\n");
  CHECK(err(profile({"--frobnicate-everything"})) == "aiperf: error: unknown option '--frobnicate-everything'\n");
  CHECK(err(profile({"--isl", "5", "stray"})) == "aiperf: error: unexpected argument 'stray'\n");
  CHECK(err({"profile", "stray", "-m", "m"}) == "aiperf: error: unexpected argument 'stray'\n");
  CHECK(err({"bogus"}) ==
        "aiperf: error: unknown command 'bogus' (choose from profile, analyze-trace, plot, plugins, synthesize, "
        "validate)\n");
  CHECK(err({}) ==
        "aiperf: error: a command is required (profile, analyze-trace, plot, plugins, synthesize, validate); see "
        "'aiperf --help'\n");
  CHECK(err({"--bogus"}).starts_with("aiperf: error: unknown option '--bogus'"));
  CHECK(err({"--verison"}) == "aiperf: error: unknown option '--verison' (did you mean '--version'?)\n");
}

TEST_CASE("cli: recognised but unsupported AIPerf flags are rejected by name", "[cli][errors]") {
  for (auto const& u : aiperf::unsupported_profile_options)
    for (auto name : aiperf::detail::split(u.names, ',')) {
      INFO(name);
      std::string const n(name);
      CHECK(err(profile({n, "1"})) == "aiperf: error: " + n + " is not supported yet by this build\n");
      CHECK(err(profile({n})) == "aiperf: error: " + n + " is not supported yet by this build\n");
    }
  CHECK(err(profile({"--input-file=trace.jsonl"})) == "aiperf: error: --input-file is not supported yet by this build\n");
  CHECK(err(profile({"-b4"})) == "aiperf: error: -b is not supported yet by this build\n");
  // Reported even when something else is also wrong, and never as "unknown option".
  CHECK(err({"profile", "--fixed-schedule", "--bogus"}) ==
        "aiperf: error: --fixed-schedule is not supported yet by this build\n");
  // No spelling is both supported and unsupported.
  for (auto const& u : aiperf::unsupported_profile_options)
    for (auto name : aiperf::detail::split(u.names, ','))
      for (auto const& m : aiperf::profile_option_table)
        for (auto s : aiperf::detail::split(m.names, ',')) CHECK(s != name);
}

TEST_CASE("cli: other subcommands answer 'not implemented yet'", "[cli][errors]") {
  for (std::string cmd : {"plot", "analyze-trace", "synthesize", "validate", "plugins"}) {
    CHECK(err({cmd}) == "aiperf: error: '" + cmd + "' is not implemented yet in this build\n");
    CHECK(err({cmd, "--some-flag", "x"}) == "aiperf: error: '" + cmd + "' is not implemented yet in this build\n");
  }
}

TEST_CASE("cli: --help and --version", "[cli][help]") {
  auto help = aiperf::parse_command_line(std::vector<std::string>{"profile", "--help"});
  auto const& h = std::get<aiperf::cli_exit>(help);
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
  CHECK(h.out == aiperf::profile_help_text());
  // Help wins over recognised-but-unsupported flags on the same line.
  CHECK(std::get<aiperf::cli_exit>(aiperf::parse_command_line(std::vector<std::string>{"profile", "--input-file", "x", "--help"})).code == 0);
  CHECK(h.out.find("{chat,completions}=chat") != std::string::npos);
  CHECK(h.out.find("--help-markdown") == std::string::npos);  // hidden
  CHECK(h.out.find("not supported yet by this build") != std::string::npos);
  // --help works even with otherwise invalid input after it.
  CHECK(std::get<aiperf::cli_exit>(aiperf::parse_command_line(std::vector<std::string>{"profile", "-h"})).code == 0);

  auto top = std::get<aiperf::cli_exit>(aiperf::parse_command_line(std::vector<std::string>{"--help"}));
  CHECK(top.code == 0);
  CHECK(top.out == aiperf::program_help_text());
  for (auto cmd : {"profile", "plot", "analyze-trace", "synthesize", "validate", "plugins"})
    CHECK(top.out.find(cmd) != std::string::npos);

  auto v = std::get<aiperf::cli_exit>(aiperf::parse_command_line(std::vector<std::string>{"--version"}));
  CHECK(v.code == 0);
  CHECK(v.out == std::string("aiperf ") + AIPERF_VERSION_STRING + "\n");
}

TEST_CASE("cli: argc/argv overload", "[cli]") {
  char const* argv[] = {"aiperf", "profile", "-m", "llama", "--concurrency", "3"};
  auto r = aiperf::parse_command_line(6, argv);
  REQUIRE(std::holds_alternative<aiperf::parse_result>(r));
  auto const& p = std::get<aiperf::parse_result>(r);
  CHECK(p.options.model_names == std::vector<std::string>{"llama"});
  CHECK(p.options.concurrency == 3);
  CHECK(p.cli_command == "aiperf profile -m llama --concurrency 3");
}
