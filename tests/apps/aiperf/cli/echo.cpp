// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/echo.hpp: the input_config echo (sections -> fields, unset optionals omitted,
// secrets redacted, --goodput as an object) and the redacted cli_command.
#include "support.hpp"

#include "cli/echo.hpp"
#include "cli/upstream_fields.hpp"

#include <simdjson.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

using cli_test::ok;
using cli_test::profile;

TEST_CASE("echo: input_config echo: AIPerf's paths, secrets redacted", "[cli][echo]") {
  auto r = ok(profile({"-u", "https://alice:s3cret@host:8443/x", "--api-key", "sk-live-123", "-H",
                       "Authorization:Bearer tok,X-Trace:abc", "-H", "x-api-key:k1", "--extra-inputs", "max_tokens:5",
                       "--request-rate", "4"}));
  auto const j = r.input_config_json();
  CHECK(j.find("sk-live-123") == std::string::npos);
  CHECK(j.find("s3cret") == std::string::npos);
  CHECK(j.find("alice") == std::string::npos);
  CHECK(j.find("Bearer tok") == std::string::npos);
  CHECK(j.find("k1") == std::string::npos);
  CHECK(j.find(R"("api_key": "<redacted>")") != std::string::npos);
  CHECK(j.find(R"("urls": ["https://<redacted>@host:8443/x"])") != std::string::npos);
  CHECK(j.find(R"("headers": [["Authorization", "<redacted>"], ["X-Trace", "abc"], ["x-api-key", "<redacted>"]])") !=
        std::string::npos);
  CHECK(j.find(R"("extra": [["max_tokens", 5]])") != std::string::npos);
  CHECK(j.find(R"("aiperf_cpp": {"loadgen": {"timing_mode": "request_rate"}})") != std::string::npos);
  CHECK(j.find(R"("request_count": 10)") != std::string::npos);  // assigned as AIPerf's validator does
  CHECK(j.find(R"("request_rate": 4.0)") != std::string::npos);
  CHECK(j.find("arrival_pattern") == std::string::npos);  // the default, not assigned in rate mode
  CHECK(j.find("benchmark_duration") == std::string::npos);  // unset options are omitted
  CHECK(j.find("timeout_seconds") == std::string::npos);     // defaults nobody set are omitted too
  // The options themselves keep the real values for the run.
  CHECK(r.options.endpoint.api_key == "sk-live-123");
  CHECK(r.options.endpoint.urls.front() == "https://alice:s3cret@host:8443/x");

  // Valid JSON: simdjson parses it and reads it by AIPerf's keys.
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(simdjson::padded_string(j)).get(doc) == simdjson::SUCCESS);
  std::string_view key;
  REQUIRE(doc["endpoint"]["api_key"].get(key) == simdjson::SUCCESS);
  CHECK(key == "<redacted>");
  int64_t count = 0;
  REQUIRE(doc["loadgen"]["request_count"].get(count) == simdjson::SUCCESS);
  CHECK(count == 10);

  auto g = ok(profile({"--benchmark-duration", "1", "--benchmark-grace-period", "inf"}));
  CHECK(g.input_config_json().find(R"("benchmark_grace_period": "inf")") != std::string::npos);
}

// Exact input_config of whole command lines (AIPerf's UserConfig dump with exclude_unset and
// exclude_none): the first mirrors the `input_config` of AIPerf's own plot fixture
// qwen_concurrency1/profile_export_aiperf.json.
TEST_CASE("echo: input_config golden: only what was set, at AIPerf's paths, in AIPerf's order", "[cli][echo]") {
  CHECK(ok({"profile", "-m", "m"}).input_config_json() ==
        R"({"endpoint": {"model_names": ["m"]}, )"
        R"("loadgen": {"concurrency": 1, "arrival_pattern": "concurrency_burst", "request_count": 10}, )"
        R"("cli_command": "aiperf profile -m m", "aiperf_cpp": {"loadgen": {"timing_mode": "concurrency"}}})");
  CHECK(ok({"profile", "-m", "Qwen/Qwen3-0.6B", "--endpoint-type", "chat", "--streaming", "-u", "localhost:8000",
            "--extra-inputs", "min_tokens:200", "--extra-inputs", "ignore_eos:true", "--random-seed", "100", "--isl",
            "100", "--osl", "200", "--concurrency", "1", "--request-count", "64", "--warmup-request-count", "1",
            "--artifact-dir", "artifacts/x", "--tokenizer", "gpt2", "--request-timeout-seconds", "30", "--api-key",
            "sk-1", "-H", "Authorization:Bearer x,X-A:b", "--goodput", "request_latency:250", "--slice-duration", "5",
            "--drain-timeout", "3", "--workers", "2", "--session-turns-mean", "2"})
            .input_config_json() ==
        R"({"endpoint": {"model_names": ["Qwen/Qwen3-0.6B"], "type": "chat", "streaming": true, )"
        R"("urls": ["http://localhost:8000"], "timeout_seconds": 30.0, "api_key": "<redacted>"}, )"
        R"("input": {"extra": [["min_tokens", 200], ["ignore_eos", true]], )"
        R"("headers": [["Authorization", "<redacted>"], ["X-A", "b"]], "random_seed": 100, )"
        R"("goodput": {"request_latency": 250.0}, )"
        R"("prompt": {"input_tokens": {"mean": 100}, "output_tokens": {"mean": 200}}, )"
        R"("conversation": {"turn": {"mean": 2}}}, )"
        R"("output": {"artifact_directory": "artifacts/x", "slice_duration": 5.0}, "tokenizer": {"name": "gpt2"}, )"
        R"("loadgen": {"concurrency": 1, "arrival_pattern": "concurrency_burst", "request_count": 64, )"
        R"("warmup_request_count": 1}, )"
        R"("cli_command": "aiperf profile -m Qwen/Qwen3-0.6B --endpoint-type chat --streaming -u localhost:8000 )"
        R"(--extra-inputs min_tokens:200 --extra-inputs ignore_eos:true --random-seed 100 --isl 100 --osl 200 )"
        R"(--concurrency 1 --request-count 64 --warmup-request-count 1 --artifact-dir artifacts/x --tokenizer gpt2 )"
        R"(--request-timeout-seconds 30 --api-key '<redacted>' -H 'Authorization:<redacted>,X-A:b' )"
        R"(--goodput request_latency:250 --slice-duration 5 --drain-timeout 3 --workers 2 --session-turns-mean 2", )"
        R"("aiperf_cpp": {"loadgen": {"drain_timeout": 3.0, "timing_mode": "concurrency"}, "service": {"workers": 2}}})");
  // Rate mode: arrival_pattern is written only when given or promoted to gamma by a smoothness.
  CHECK(ok({"profile", "-m", "m", "--request-rate", "5", "--arrival-smoothness", "2", "--tokenizer-revision", "v1",
            "--tokenizer-trust-remote-code", "--profile-export-file", "run1.json", "--benchmark-duration", "10"})
            .input_config_json() ==
        R"({"endpoint": {"model_names": ["m"]}, "output": {"profile_export_prefix": "run1.json"}, )"
        R"("tokenizer": {"revision": "v1", "trust_remote_code": true}, )"
        R"("loadgen": {"benchmark_duration": 10.0, "request_rate": 5.0, "arrival_pattern": "gamma", )"
        R"("arrival_smoothness": 2.0}, )"
        R"("cli_command": "aiperf profile -m m --request-rate 5 --arrival-smoothness 2 --tokenizer-revision v1 )"
        R"(--tokenizer-trust-remote-code --profile-export-file run1.json --benchmark-duration 10", )"
        R"("aiperf_cpp": {"loadgen": {"timing_mode": "request_rate"}}})");
}

TEST_CASE("echo: cli_command is shell-quoted with secrets redacted", "[cli][echo]") {
  auto r = ok({"profile", "-m", "m", "--api-key", "sk-1", "-H", "Authorization:Bearer x,X-A:b", "--url=http://u:p@h:1",
               "--goodput", "request_latency:250 ttft:5"});
  CHECK(r.cli_command ==
        "aiperf profile -m m --api-key '<redacted>' -H 'Authorization:<redacted>,X-A:b' --url='http://<redacted>@h:1' "
        "--goodput 'request_latency:250 ttft:5'");
  auto j = ok({"profile", "-m", "m", "--api-key=sk-2", "--header", R"({"Authorization": "Bearer y"})"});
  CHECK(j.cli_command == "aiperf profile -m m --api-key='<redacted>' --header '<redacted>'");
  CHECK(j.cli_command.find("sk-2") == std::string::npos);
  auto s = ok({"profile", "-m", "m", "-HAuthorization:Bearer z", "-uhttp://a:b@h:1"});
  CHECK(s.cli_command == "aiperf profile -m m '-HAuthorization:<redacted>' '-uhttp://<redacted>@h:1'");
  CHECK(aiperf::driver::cli_detail::shell_quote("it's") == R"('it'\''s')");
}

TEST_CASE("echo: every option's echo path is an AIPerf UserConfig field, once", "[cli][echo]") {
  std::vector<std::string_view> paths;
  aiperf::driver::for_each_option([&](std::string_view section, aiperf::driver::option_meta const& meta) {
    if (meta.echo.empty()) return;  // ours: input_config.aiperf_cpp.<section>.<member>
    INFO(section << "." << meta.field << " -> " << meta.echo);
    CHECK(aiperf::driver::aiperf_field_rank(meta.echo) < std::size(aiperf::driver::aiperf_user_config_fields));
    CHECK(std::find(paths.begin(), paths.end(), meta.echo) == paths.end());
    paths.push_back(meta.echo);
  });
  CHECK(paths.size() > 90);
  // Spot checks of the renamed ones.
  CHECK(aiperf::driver::find_option_meta("endpoint_type")->echo == "endpoint.type");
  CHECK(aiperf::driver::find_option_meta("request_timeout_seconds")->echo == "endpoint.timeout_seconds");
  CHECK(aiperf::driver::find_option_meta("isl")->echo == "input.prompt.input_tokens.mean");
  CHECK(aiperf::driver::find_option_meta("artifact_dir")->echo == "output.artifact_directory");
  CHECK(aiperf::driver::find_option_meta("num_warmup_sessions")->echo == "loadgen.warmup_num_sessions");
  CHECK(aiperf::driver::find_option_meta("drain_timeout")->echo.empty());
}

TEST_CASE("echo: input_config: nested AIPerf paths several levels deep", "[cli][echo]") {
  auto const j = ok(profile({"--conversation-turn-delay-ratio", "0.5", "--session-turns-mean", "3", "--num-prompts", "20",
                             "--synthesis-max-isl", "9", "--isl-stddev", "4", "--prefix-prompt-length", "16",
                             "--prefix-prompt-pool-size", "2", "--num-sessions", "5"}))
                     .input_config_json();
  CHECK(j.find(R"("input": {"prompt": {"input_tokens": {"stddev": 4.0}, "prefix_prompt": {"pool_size": 2, "length": 16}}, )"
               R"("synthesis": {"max_isl": 9}, )"
               R"("conversation": {"num": 5, "num_dataset_entries": 20, "turn": {"mean": 3, "delay": {"ratio": 0.5}}}})") !=
        std::string::npos);
}

TEST_CASE("echo: input_config: --goodput is an object {tag: threshold}", "[cli][echo]") {
  auto r = ok(profile({"--goodput", "request_latency:250 time_to_first_token:10.5", "--streaming"}));
  auto const j = r.input_config_json();
  CHECK(j.find(R"("goodput": {"request_latency": 250.0, "time_to_first_token": 10.5})") != std::string::npos);
  // cli_command keeps it as given.
  CHECK(r.cli_command == "aiperf profile -m m --goodput 'request_latency:250 time_to_first_token:10.5' --streaming");
  CHECK(ok(profile()).input_config_json().find("goodput") == std::string::npos);
}

TEST_CASE("echo: JSON numbers and URL redaction", "[cli][echo]") {
  using aiperf::driver::cli_detail::json_number;
  CHECK(json_number(0.1) == "0.1");
  CHECK(json_number(21600) == "21600.0");
  CHECK(json_number(1e300) == "1e+300");
  CHECK(json_number(std::numeric_limits<double>::infinity()) == "\"inf\"");
  CHECK(aiperf::driver::redact_url_credentials("http://h/x@y") == "http://h/x@y");
  CHECK(aiperf::driver::redact_url_credentials("u:p@h:1") == "<redacted>@h:1");
  CHECK(aiperf::driver::cli_detail::is_sensitive_header("X-API-Key"));
  CHECK(aiperf::driver::cli_detail::is_sensitive_header("Cookie"));
  CHECK(!aiperf::driver::cli_detail::is_sensitive_header("X-Trace"));
}
