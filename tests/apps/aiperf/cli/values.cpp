// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/values.hpp: aliases, list/value parsing (spec §2.20), type errors, bounds,
// choices, URL checks and typed --goodput.
#include "support.hpp"

#include "cli/values.hpp"

#include <limits>
#include <string>
#include <utility>
#include <vector>

using cli_test::err;
using cli_test::ok;
using cli_test::profile;

TEST_CASE("values: --name=value form is accepted", "[cli][alias]") {
  auto r = ok(profile({"--request-rate=3", "--url=host:1", "--isl=10"}));
  CHECK(r.options.loadgen.request_rate == 3.0);
  CHECK(r.options.endpoint.urls == std::vector<std::string>{"host:1"});
  CHECK(r.options.input.isl == 10);
}

TEST_CASE("values: lists accept repetition, commas and several values", "[cli][list]") {
  CHECK(ok({"profile", "-m", "a,b", "--model", "c"}).options.endpoint.model_names == std::vector<std::string>{"a", "b", "c"});
  CHECK(ok({"profile", "-m", " a , b ,", "-m", "c"}).options.endpoint.model_names == std::vector<std::string>{"a", "b", "c"});
  CHECK(ok({"profile", "-m", "a", "b"}).options.endpoint.model_names == std::vector<std::string>{"a", "b"});
  auto r = ok(profile({"-u", "h1:1", "--url", "h2:2,https://h3"}));
  CHECK(r.options.endpoint.urls == std::vector<std::string>{"h1:1", "h2:2", "https://h3"});
  CHECK(ok(profile()).options.endpoint.urls == std::vector<std::string>{"localhost:8000"});
  CHECK(err({"profile", "-m", ","}) == "aiperf: error: --model-names: expected at least one value\n");
}

TEST_CASE("values: scalar options: the last occurrence wins", "[cli][value]") {
  CHECK(ok(profile({"--isl", "5", "--isl", "6"})).options.input.isl == 6);
}

TEST_CASE("values: --extra-inputs values are typed per coerce_value", "[cli][value]") {
  auto r = ok(profile({"--extra-inputs", "a:1,b:-2,c:0.5,d:true,e:FALSE,f:none,g:007,h:text,i:-0,j:.5,k:1.2.3",
                       "--extra-inputs", "a:2"}));
  CHECK(r.options.input.extra_inputs_json.text ==
        R"({"a": 2, "b": -2, "c": 0.5, "d": true, "e": false, "f": null, "g": "007", "h": "text", "i": 0, "j": 0.5, "k": "1.2.3"})");
  auto j = ok(profile({"--extra-inputs", R"({"nvext": {"ignore_eos": true}, "n": 3})", "--extra-inputs", "n:4"}));
  CHECK(j.options.input.extra_inputs_json.text == R"({"nvext": {"ignore_eos":true}, "n": 4})");
  CHECK(ok(profile()).options.input.extra_inputs_json.text == "{}");
  CHECK(err(profile({"--extra-inputs", "a:b:c"})) ==
        "aiperf: error: --extra-inputs: 'a:b:c' is not in 'key:value' format (use a JSON object for values "
        "containing ':' or ',')\n");
  CHECK(err(profile({"--extra-inputs", ":1"})) == "aiperf: error: --extra-inputs: ':1' has an empty key\n");
  CHECK(err(profile({"--extra-inputs", "{oops"})) ==
        "aiperf: error: --extra-inputs: '{oops' is not a valid JSON object\n");
}

TEST_CASE("values: --header: Name:Value pairs and JSON objects, checked", "[cli][value]") {
  auto r = ok(profile({"-H", "X-A:1,X-B: two", "--header", R"({"X-C": "3", "X-A": "9"})"}));
  using kv = std::pair<std::string, std::string>;
  CHECK(r.options.input.headers == std::vector<kv>{{"X-A", "9"}, {"X-B", "two"}, {"X-C", "3"}});
  CHECK(err(profile({"-H", "Bad Name:1"})) == "aiperf: error: --header: 'Bad Name' is not a valid header name\n");
  CHECK(err(profile({"-H", R"({"X-A": "a\r\nInjected: 1"})"})) ==
        "aiperf: error: --header: the value of 'X-A' contains a line break\n");
}

TEST_CASE("values: type errors are one line naming the flag", "[cli][value]") {
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

TEST_CASE("values: multi-run and sweep flags need several runs or a sweep", "[cli][value][multi_run]") {
  auto const r = ok(profile({"--num-profile-runs", "3", "--confidence-level", "0.9", "--profile-run-cooldown-seconds", "0.5"}));
  CHECK(r.options.loadgen.num_profile_runs == 3);
  CHECK(r.options.loadgen.confidence_level == 0.9);
  CHECK(r.options.loadgen.profile_run_disable_warmup_after_first);
  CHECK(r.options.loadgen.set_consistent_seed);
  CHECK(!ok(profile({"--num-profile-runs", "2", "--set-consistent-seed=false"})).options.loadgen.set_consistent_seed);
  CHECK(err(profile({"--num-profile-runs", "11"})) == "aiperf: error: --num-profile-runs: must be between 1 and 10, got 11\n");
  CHECK(err(profile({"--num-profile-runs", "2", "--confidence-level", "1"})) ==
        "aiperf: error: --confidence-level: must be strictly between 0 and 1, got 1\n");
  CHECK(err(profile({"--confidence-level", "0.9"})) ==
        "aiperf: error: --confidence-level only applies when running multiple trials (--num-profile-runs > 1). "
        "Confidence intervals require at least 2 runs to compute. Either remove --confidence-level or add "
        "--num-profile-runs 5 (or higher).\n");
  CHECK(err(profile({"--set-consistent-seed"})) ==
        "aiperf: error: --set-consistent-seed only applies when --num-profile-runs > 1. Remove --set-consistent-seed "
        "or increase --num-profile-runs.\n");
  CHECK(err(profile({"--parameter-sweep-same-seed"})) ==
        "aiperf: error: --parameter-sweep-same-seed only applies when sweeping parameters (e.g., --concurrency "
        "10,20,30). Remove --parameter-sweep-same-seed or give --concurrency a list of values.\n");
  CHECK(ok(profile({"--concurrency", "1,2", "--parameter-sweep-mode", "independent"})).options.loadgen.parameter_sweep_mode ==
        "independent");
  CHECK(err(profile({"--num-profile-runs", "2", "--ui", "dashboard"})).find("Dashboard UI is not supported with "
                                                                            "multi-run mode") != std::string::npos);
  CHECK(err(profile({"--slice-duration", "0"})) == "aiperf: error: --slice-duration: must be > 0, got '0'\n");
  auto const conv = ok(profile({"--num-profile-runs", "4", "--convergence-metric", "request_latency"}));
  CHECK(conv.options.loadgen.convergence_mode == "ci_width");
  CHECK(conv.options.loadgen.convergence_stat == "avg");
  CHECK(!conv.options.loadgen.convergence_threshold);
  CHECK(err(profile({"--num-profile-runs", "2", "--convergence-threshold", "0.2"})) ==
        "aiperf: error: --convergence-threshold requires --convergence-metric to be set. Either add "
        "--convergence-metric or remove --convergence-threshold.\n");
  CHECK(err(profile({"--num-profile-runs", "2", "--convergence-metric", "x", "--convergence-threshold", "1.5"})) ==
        "aiperf: error: --convergence-threshold: must be strictly between 0 and 1, got 1.5\n");
}

TEST_CASE("values: bounds per field", "[cli][value]") {
  CHECK(err(profile({"--request-rate", "0"})) == "aiperf: error: --request-rate: must be > 0, got '0'\n");
  CHECK(err(profile({"--request-rate", "-5"})) == "aiperf: error: --request-rate: must be > 0, got '-5'\n");
  CHECK(err(profile({"--concurrency", "0"})) ==
        "aiperf: error: Invalid concurrency value: 0. Must be a positive integer (>= 1).\n");
  CHECK(err(profile({"--concurrency", "4,0"})) ==
        "aiperf: error: Invalid concurrency value: 0. Must be a positive integer (>= 1).\n");
  // A comma list is a sweep: the member holds the first value, sweep_values the list.
  auto const sweep = ok(profile({"--concurrency", "10, 20,30"}));
  CHECK(sweep.sweep_values == std::vector<std::int64_t>{10, 20, 30});
  CHECK(sweep.options.loadgen.concurrency == 10);
  CHECK(ok(profile({"--concurrency", "10"})).sweep_values.empty());
  CHECK(err(profile({"--concurrency", "10,20,10,20"})) ==
        "aiperf: error: Invalid concurrency list: [10, 20, 10, 20]. Duplicate values would overwrite each other's "
        "artifacts: [10, 20]. For variance / confidence reporting at a single concurrency, use --num-profile-runs N "
        "instead of repeating the value.\n");
  CHECK(err(profile({"--request-count", "0"})) == "aiperf: error: --request-count: must be >= 1, got '0'\n");
  CHECK(err(profile({"--max-sse-event-bytes", "0"})) == "aiperf: error: --max-sse-event-bytes: must be > 0, got '0'\n");
  CHECK(err(profile({"--max-response-bytes", "-1"})) == "aiperf: error: --max-response-bytes: must be >= 0, got '-1'\n");
  CHECK(err(profile({"--isl", "-1"})) == "aiperf: error: --prompt-input-tokens-mean: must be >= 0, got '-1'\n");
  CHECK(err(profile({"--request-timeout-seconds", "0"})) ==
        "aiperf: error: --request-timeout-seconds: must be > 0, got '0'\n");
  CHECK(err(profile({"--warmup-request-count", "0"})) ==
        "aiperf: error: --warmup-request-count: must be > 0, got '0'\n");
  CHECK(err(profile({"--workers", "-2"})) == "aiperf: error: --workers: must be >= 0, got '-2'\n");
  CHECK(ok(profile({"--workers", "0"})).options.service.workers == 0);
  CHECK(ok(profile({"--isl", "0"})).options.input.isl == 0);
}

TEST_CASE("values: upper limits: times past int64 ns, memory sized from a number (issue 12)", "[cli][value]") {
  // 1e10 s was a negative int64 timeout (every request failed at once) and a negative duration
  // (the run ended at once with 0 requests and exit 0).
  CHECK(err(profile({"--request-timeout-seconds", "1e10"})) ==
        "aiperf: error: --request-timeout-seconds: must be <= 3155760000 (100 years), got '1e10'\n");
  CHECK(err(profile({"--benchmark-duration", "1e10"})) ==
        "aiperf: error: --benchmark-duration: must be <= 3155760000 (100 years), got '1e10'\n");
  for (char const* flag : {"--benchmark-grace-period", "--concurrency-ramp-duration", "--request-cancellation-delay",
                           "--warmup-duration", "--warmup-grace-period", "--drain-timeout"}) {
    INFO(flag);
    CHECK(err(profile({flag, "3155760001"})).find(std::string(flag) + ": must be <= 3155760000 (100 years)") !=
          std::string::npos);
  }
  CHECK(ok(profile({"--request-timeout-seconds", "3155760000"})).options.endpoint.request_timeout_seconds == 3155760000.0);
  CHECK(ok(profile({"--benchmark-duration", "5", "--benchmark-grace-period", "inf"})).options.loadgen.benchmark_grace_period ==
        std::numeric_limits<double>::infinity());
  // --concurrency without a count once scheduled 2e11 requests.
  CHECK(err(profile({"--concurrency", "99999999999"})) ==
        "aiperf: error: --concurrency: must be <= 1000000 (each in-flight request holds a connection), got '99999999999'\n");
  CHECK(err(profile({"--warmup-request-count", "1", "--warmup-concurrency", "1000001"})).find(
            "--warmup-concurrency: must be <= 1000000") != std::string::npos);
  CHECK(ok(profile({"--concurrency", "1000000", "--request-count", "1000000"})).options.loadgen.concurrency == 1000000);
  // A huge --isl would build prompts of that many tokens before anything is sent.
  CHECK(err(profile({"--isl", "2147483648"})) ==
        "aiperf: error: --prompt-input-tokens-mean: must be <= 10000000 (10M tokens, the largest context windows), got "
        "'2147483648'\n");
  CHECK(ok(profile({"--isl", "10000000"})).options.input.isl == 10'000'000);
  // --osl only goes into the request as max_tokens: any int64 is accepted (nothing is sized from it).
  CHECK(ok(profile({"--osl", "2147483648"})).options.input.osl == 2147483648LL);
}

TEST_CASE("values: choices: case-insensitive, unknown and not-yet-supported values", "[cli][value]") {
  CHECK(ok(profile({"--endpoint-type", "Completions"})).options.endpoint.endpoint_type == "completions");
  CHECK(ok(profile({"--endpoint-type", "Cohere_Rankings"})).options.endpoint.endpoint_type == "cohere_rankings");
  CHECK(err(profile({"--endpoint-type", "video_generation"})) ==
        "aiperf: error: --endpoint-type video_generation is not supported yet by this build (supported: chat, completions, responses, messages, huggingface_generate, embeddings, nim_embeddings, chat_embeddings, hf_tei_rankings, nim_rankings, cohere_rankings, image_generation, raw, template)\n");
  CHECK(err(profile({"--endpoint-type", "foo"})) ==
        "aiperf: error: --endpoint-type: invalid choice 'foo' (choose from chat, completions, responses, messages, huggingface_generate, embeddings, nim_embeddings, chat_embeddings, hf_tei_rankings, nim_rankings, cohere_rankings, image_generation, raw, template)\n");
  CHECK(err(profile({"--export-level", "raw"})) ==
        "aiperf: error: --export-level raw is not supported yet by this build (supported: records, summary)\n");
  CHECK(err(profile({"--log-level", "loud"})) ==
        "aiperf: error: --log-level: invalid choice 'loud' (choose from trace, debug, info, notice, warning, success, "
        "error, critical)\n");
  // Schedule names come from the registry too.
  CHECK(ok(profile({"--request-rate", "2", "--arrival-pattern", "CONSTANT"})).options.loadgen.arrival_pattern ==
        "constant");
  CHECK(err(profile({"--arrival-pattern", "uniform"})) ==
        "aiperf: error: --arrival-pattern: invalid choice 'uniform' (choose from poisson, constant, gamma, "
        "concurrency_burst)\n");
  CHECK(err(profile({"--warmup-arrival-pattern", "uniform"})) ==
        "aiperf: error: --warmup-arrival-pattern: invalid choice 'uniform' (choose from poisson, constant, gamma, "
        "concurrency_burst)\n");
}

TEST_CASE("values: -v / -vv / --extra-verbose set the log level", "[cli][value]") {
  CHECK(ok(profile()).options.service.log_level == "info");
  CHECK(ok(profile({"-v"})).options.service.log_level == "debug");
  auto vv = ok(profile({"-vv"}));
  CHECK(vv.options.service.log_level == "trace");
  CHECK(vv.options.service.extra_verbose);
  CHECK(ok(profile({"--extra-verbose"})).options.service.log_level == "trace");
  CHECK(ok(profile({"--log-level", "error"})).options.service.log_level == "error");
  CHECK(ok(profile({"--streaming=false"})).options.endpoint.streaming == false);
}

TEST_CASE("values: URL validation", "[cli][validate]") {
  CHECK(err(profile({"-u", "http://"})) == "aiperf: error: --url: 'http://' has no host\n");
  CHECK(err(profile({"-u", "ftp://host"})) ==
        "aiperf: error: --url: 'ftp://host' has an unsupported scheme 'ftp' (expected http:// or https://)\n");
  CHECK(err(profile({"-u", "host:0"})) == "aiperf: error: --url: 'host:0' has an invalid port '0' (expected 1-65535)\n");
  CHECK(err(profile({"-u", "host:http"})) ==
        "aiperf: error: --url: 'host:http' has an invalid port 'http' (expected 1-65535)\n");
  CHECK(err(profile({"-u", "host:"})) == "aiperf: error: --url: 'host:' has an empty port\n");
  CHECK(err(profile({"-u", "http://[::1"})) == "aiperf: error: --url: 'http://[::1' has an unterminated IPv6 address\n");
  CHECK(err(profile({"-u", "a b"})) == "aiperf: error: --url: 'a b' contains whitespace\n");
  CHECK(err(profile({"-u", "ok:1,https://:5"})) == "aiperf: error: --url: 'https://:5' has no host\n");
  auto r = ok(profile({"-u", "HTTPS://[::1]:8443/base", "-u", "user:pw@example.com:80", "-u", "localhost"}));
  CHECK(r.options.endpoint.urls.size() == 3);
  CHECK(aiperf::driver::url_with_scheme("localhost:8000") == "http://localhost:8000");
  CHECK(aiperf::driver::url_with_scheme("HTTPS://x") == "HTTPS://x");
  CHECK(aiperf::driver::url_with_scheme("https://x") == "https://x");
}

TEST_CASE("values: --goodput is parsed once into typed SLOs", "[cli][value]") {
  using slo = aiperf::results::goodput_slo;
  CHECK(ok(profile({"--goodput", "request_latency:250 time_to_first_token:10.5"})).options.input.goodput ==
        std::vector<slo>{{"request_latency", 250}, {"time_to_first_token", 10.5}});
  // Several words, unquoted, and several occurrences.
  CHECK(ok(profile({"--goodput", "request_latency:250", "ttft:10", "--streaming"})).options.input.goodput ==
        std::vector<slo>{{"request_latency", 250}, {"ttft", 10}});
  CHECK(ok(profile({"--goodput", "ttft:1", "--goodput", "itl:2"})).options.input.goodput ==
        std::vector<slo>{{"ttft", 1}, {"itl", 2}});
  CHECK(ok(profile()).options.input.goodput.empty());
  // The same messages as results::parse_goodput, which the CLI uses.
  CHECK(err(profile({"--goodput", "  "})) == "aiperf: error: --goodput: expected 'metric_tag:value ...', got an empty value\n");
  CHECK(err(profile({"--goodput", "request_latency"})) ==
        "aiperf: error: --goodput: User Config: 'request_latency' is not in 'key:value' format\n");
  CHECK(err(profile({"--goodput", ":5"})) == "aiperf: error: --goodput: User Config: ':5' has an empty key\n");
  CHECK(err(profile({"--goodput", "ttft:"})) == "aiperf: error: --goodput: User Config: 'ttft:' has an empty value\n");
  CHECK(err(profile({"--goodput", "ttft:fast"})) ==
        "aiperf: error: --goodput: User Config: value for 'ttft' must be numeric, got 'fast'\n");
}

TEST_CASE("values: coerce_value: --extra-inputs values as JSON", "[cli][value]") {
  using aiperf::driver::cli_detail::coerce_to_json;
  CHECK(coerce_to_json("True") == "true");
  CHECK(coerce_to_json("NULL") == "null");
  CHECK(coerce_to_json("42") == "42");
  CHECK(coerce_to_json("-42") == "-42");
  CHECK(coerce_to_json("0") == "0");
  CHECK(coerce_to_json("01") == "\"01\"");
  CHECK(coerce_to_json("1.") == "1.0");
  CHECK(coerce_to_json("-.25") == "-0.25");
  CHECK(coerce_to_json(".") == "\".\"");
  CHECK(coerce_to_json("1e5") == "\"1e5\"");
  CHECK(coerce_to_json("a\"b") == R"("a\"b")");
}
