// SPDX-License-Identifier: Apache-2.0
// `aiperf profile`: §3 validation messages, §4 timing-mode resolution, §13 worked examples,
// phases (§6.2/§6.3), the input_config echo and cli_command redaction, docs/cli-options.md.
#include "cli_support.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

using cli_test::err;
using cli_test::ok;
using cli_test::profile;

namespace {
bool has_warning(aiperf::parse_result const& r, std::string_view needle) {
  for (auto const& w : r.warnings)
    if (w.find(needle) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("cli: --model is required", "[cli][validate]") {
  CHECK(err({"profile"}) == "aiperf: error: --model is required: name the model(s) to benchmark with -m/--model <name>\n");
  CHECK(err({"profile", "--concurrency", "2"}).find("--model is required") != std::string::npos);
}

TEST_CASE("cli: URL validation", "[cli][validate]") {
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
  CHECK(r.options.urls.size() == 3);
  CHECK(aiperf::url_with_scheme("localhost:8000") == "http://localhost:8000");
  CHECK(aiperf::url_with_scheme("HTTPS://x") == "HTTPS://x");
  CHECK(aiperf::url_with_scheme("https://x") == "https://x");
}

TEST_CASE("cli: other single-option checks", "[cli][validate]") {
  CHECK(err(profile({"--ca-file", "/nonexistent/ca.pem"})) == "aiperf: error: --ca-file: cannot read '/nonexistent/ca.pem'\n");
  CHECK(err(profile({"--artifact-dir", ""})) ==
        "aiperf: error: --output-artifact-dir: expected a directory, got an empty value\n");
  CHECK(err(profile({"--endpoint", "/v1/x y"})) == "aiperf: error: --custom-endpoint: '/v1/x y' must not contain whitespace\n");
  CHECK(ok(profile({"--endpoint", ""})).options.custom_endpoint == std::optional<std::string>{""});
  CHECK(err(profile({"--tokenizer", ""})) == "aiperf: error: --tokenizer: expected a name or path, got an empty value\n");
}

TEST_CASE("cli: --goodput syntax", "[cli][validate]") {
  CHECK(ok(profile({"--goodput", "request_latency:250 time_to_first_token:10.5"})).options.goodput ==
        "request_latency:250 time_to_first_token:10.5");
  CHECK(ok(profile({"--goodput", "request_latency:250", "ttft:10", "--streaming"})).options.goodput ==
        "request_latency:250 ttft:10");
  CHECK(err(profile({"--goodput", "  "})) == "aiperf: error: --goodput: expected 'metric_tag:value ...', got an empty value\n");
  CHECK(err(profile({"--goodput", "request_latency"})) ==
        "aiperf: error: --goodput: User Config: 'request_latency' is not in 'key:value' format\n");
  CHECK(err(profile({"--goodput", ":5"})) == "aiperf: error: --goodput: User Config: ':5' has an empty key\n");
  CHECK(err(profile({"--goodput", "ttft:"})) == "aiperf: error: --goodput: User Config: 'ttft:' has an empty value\n");
  CHECK(err(profile({"--goodput", "ttft:fast"})) ==
        "aiperf: error: --goodput: User Config: value for 'ttft' must be numeric, got 'fast'\n");
}

TEST_CASE("cli: §3.2 cross-flag rules with the spec's messages", "[cli][validate]") {
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
  // §13 example 9: prefill concurrency is recognised, not implemented.
  CHECK(err(profile({"--concurrency", "8", "--prefill-concurrency", "2"})) ==
        "aiperf: error: --prefill-concurrency is not supported yet by this build\n");
  // V-main order: the default request count (10 in rate mode) is filled before the limit check.
  CHECK(err(profile({"--request-rate", "100", "--concurrency", "50"})) ==
        "aiperf: error: Concurrency (50) cannot be greater than the request count (10). Either reduce --concurrency "
        "or increase --request-count.\n");
  CHECK(ok(profile({"--request-rate", "100", "--concurrency", "50", "--benchmark-duration", "5"})).options.concurrency == 50);
  // Allowed: concurrency within limits; grace with duration; sessions alone.
  CHECK(ok(profile({"--concurrency", "4", "--num-sessions", "4"})).options.conversation_num == 4);
  CHECK(ok(profile({"--concurrency", "4", "--request-count", "4"})).options.request_count == 4);
}

TEST_CASE("cli: §4.1 burst mode and its defaults (§13 examples 1, 2)", "[cli][timing]") {
  auto r = ok({"profile", "-m", "M", "-u", "localhost:8000", "--streaming"});
  CHECK(r.options.timing_mode == "concurrency");
  CHECK(r.options.arrival_pattern == "concurrency_burst");
  CHECK(r.options.concurrency == 1);
  CHECK(r.options.request_count == 10);
  CHECK(r.options.streaming);
  CHECK(!r.options.osl);
  CHECK(r.options.isl == 550);
  CHECK(r.options.num_dataset_entries == 100);
  CHECK(has_warning(r, "using --concurrency 1"));
  CHECK(has_warning(r, "sending 10 requests"));
  CHECK(!r.was_set("request_count"));

  auto c10 = ok(profile({"--concurrency", "10"}));
  CHECK(c10.options.request_count == 20);
  CHECK(c10.options.timing_mode == "concurrency");
  CHECK(ok(profile({"--concurrency", "3"})).options.request_count == 10);  // max(10, 6)
  // An explicit stop condition suppresses the default count.
  auto dur = ok(profile({"--concurrency", "10", "--benchmark-duration", "5"}));
  CHECK(!dur.options.request_count);
  CHECK(dur.options.benchmark_grace_period == 30.0);
  CHECK(!ok(profile({"--num-sessions", "3"})).options.request_count);
  // A pattern without a rate is overwritten, and the user is told.
  auto pat = ok(profile({"--arrival-pattern", "constant"}));
  CHECK(pat.options.arrival_pattern == "concurrency_burst");
  CHECK(has_warning(pat, "--arrival-pattern constant has no effect without --request-rate"));
}

TEST_CASE("cli: §4.1 request-rate mode (§13 examples 3, 4, 5)", "[cli][timing]") {
  auto r3 = ok(profile({"--request-rate", "5"}));
  CHECK(r3.options.timing_mode == "request_rate");
  CHECK(r3.options.arrival_pattern == "poisson");
  CHECK(r3.options.request_count == 10);
  CHECK(!r3.options.concurrency);  // unlimited
  CHECK(has_warning(r3, "sending 10 requests"));

  auto r4 = ok(profile({"--request-rate", "20", "--arrival-pattern", "constant", "--concurrency", "5",
                        "--benchmark-duration", "60"}));
  CHECK(r4.options.timing_mode == "request_rate");
  CHECK(r4.options.arrival_pattern == "constant");
  CHECK(r4.options.concurrency == 5);  // ceiling
  CHECK(!r4.options.request_count);
  CHECK(r4.options.benchmark_duration == 60.0);
  CHECK(r4.options.benchmark_grace_period == 30.0);
  auto p4 = aiperf::profiling_phase(r4.options);
  CHECK(p4.timing_mode == "request_rate");
  CHECK(p4.request_rate == 20.0);
  CHECK(p4.concurrency == 5);
  CHECK(p4.duration_s == 60.0);
  CHECK(p4.grace_period_s == 30.0);

  auto r5 = ok(profile({"--request-rate", "10", "--arrival-smoothness", "0.5"}));
  CHECK(r5.options.arrival_pattern == "gamma");
  CHECK(r5.options.arrival_smoothness == 0.5);
  auto g = ok(profile({"--request-rate", "10", "--arrival-pattern", "gamma"}));
  CHECK(g.options.arrival_smoothness == 1.0);  // gamma shape defaults to 1

  auto inf = ok(profile({"--benchmark-duration", "10", "--benchmark-grace-period", "inf"}));
  CHECK(std::isinf(*inf.options.benchmark_grace_period));
  CHECK(ok(profile({"--benchmark-duration", "10", "--benchmark-grace-period", "0"})).options.benchmark_grace_period == 0.0);
}

TEST_CASE("cli: §6.3 warmup phase (§13 example 11)", "[cli][timing]") {
  auto r = ok(profile({"--warmup-request-count", "50", "--request-rate", "10", "--request-count", "500"}));
  auto w = aiperf::warmup_phase(r.options);
  REQUIRE(w);
  CHECK(w->phase == "warmup");
  CHECK(w->timing_mode == "request_rate");
  CHECK(w->arrival_pattern == "poisson");
  CHECK(w->request_rate == 10.0);
  CHECK(w->request_count == 50);
  CHECK(std::isinf(w->grace_period_s));
  auto p = aiperf::profiling_phase(r.options);
  CHECK(p.request_count == 500);
  CHECK(p.request_rate == 10.0);

  CHECK(!aiperf::warmup_phase(ok(profile()).options));
  auto burst = aiperf::warmup_phase(ok(profile({"--warmup-duration", "5", "--warmup-grace-period", "2"})).options);
  REQUIRE(burst);
  CHECK(burst->timing_mode == "concurrency");
  CHECK(burst->concurrency == 1);
  CHECK(burst->duration_s == 5.0);
  CHECK(burst->grace_period_s == 2.0);
  auto own = aiperf::warmup_phase(
      ok(profile({"--concurrency", "4", "--num-warmup-sessions", "3", "--warmup-concurrency", "2"})).options);
  REQUIRE(own);
  CHECK(own->concurrency == 2);
  CHECK(own->num_sessions == 3);
  auto rate = aiperf::warmup_phase(ok(profile({"--warmup-request-count", "5", "--warmup-request-rate", "7",
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

TEST_CASE("cli: --insecure warns loudly", "[cli][validate]") {
  auto r = ok(profile({"--insecure"}));
  CHECK(r.options.insecure);
  CHECK(has_warning(r, "TLS certificate verification is DISABLED"));
  CHECK(!has_warning(ok(profile()), "TLS"));
}

TEST_CASE("cli: input_config echo: resolved values, secrets redacted", "[cli][echo]") {
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
  CHECK(j.find(R"("headers": {"Authorization": "<redacted>", "X-Trace": "abc", "x-api-key": "<redacted>"})") !=
        std::string::npos);
  CHECK(j.find(R"("extra_inputs_json": {"max_tokens": 5})") != std::string::npos);
  CHECK(j.find(R"("timing_mode": "request_rate")") != std::string::npos);
  CHECK(j.find(R"("request_count": 10)") != std::string::npos);  // resolved default is echoed
  CHECK(j.find(R"("request_rate": 4.0)") != std::string::npos);
  CHECK(j.starts_with(R"({"endpoint": {"model_names": ["m"], )"));
  CHECK(j.find(R"("loadgen": {)") != std::string::npos);
  CHECK(j.find("benchmark_duration") == std::string::npos);  // unset optionals are omitted
  // The options themselves keep the real values for the run.
  CHECK(r.options.api_key == "sk-live-123");
  CHECK(r.options.urls.front() == "https://alice:s3cret@host:8443/x");

  // Valid JSON: simdjson parses it and sees the sections.
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

TEST_CASE("cli: cli_command is shell-quoted with secrets redacted", "[cli][echo]") {
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
  CHECK(aiperf::detail::shell_quote("it's") == R"('it'\''s')");
}

TEST_CASE("cli: explicit fields are recorded", "[cli][echo]") {
  auto r = ok(profile({"--artifact-dir", "out", "--concurrency", "2"}));
  CHECK(r.was_set("artifact_dir"));
  CHECK(r.was_set("concurrency"));
  CHECK(r.was_set("model_names"));
  CHECK(!r.was_set("request_count"));  // defaulted, not given
  CHECK(!ok(profile()).was_set("artifact_dir"));
}

TEST_CASE("cli: coerce_value and JSON helpers", "[cli][value]") {
  using aiperf::detail::coerce_to_json;
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
  CHECK(aiperf::detail::json_number(0.1) == "0.1");
  CHECK(aiperf::detail::json_number(21600) == "21600.0");
  CHECK(aiperf::redact_url_credentials("http://h/x@y") == "http://h/x@y");
  CHECK(aiperf::redact_url_credentials("u:p@h:1") == "<redacted>@h:1");
}

TEST_CASE("cli: docs/cli-options.md is generated from the option table", "[cli][docs]") {
  auto const md = aiperf::cli_options_markdown();
  for (auto const& m : aiperf::profile_option_table) {
    if (m.names.empty()) {
      CHECK(md.find("(resolved) `" + std::string(m.field) + "`") != std::string::npos);
      continue;
    }
    for (auto name : aiperf::detail::split(m.names, ',')) CHECK(md.find(cli_test::code(name)) != std::string::npos);
    CHECK(md.find(std::string(m.help)) != std::string::npos);
  }
  for (auto const& u : aiperf::unsupported_profile_options)
    for (auto name : aiperf::detail::split(u.names, ',')) CHECK(md.find(cli_test::code(name)) != std::string::npos);
  auto via_flag = std::get<aiperf::cli_exit>(aiperf::parse_command_line(std::vector<std::string>{"profile", "--help-markdown"}));
  CHECK(via_flag.code == 0);
  CHECK(via_flag.out == md);

  std::string const path = AIPERF_SOURCE_DIR "/docs/cli-options.md";
  if (char const* update = std::getenv("AIPERF_UPDATE_DOCS"); update && std::string_view(update) == "1") {
    std::ofstream(path, std::ios::binary) << md;
  }
  std::ifstream in(path, std::ios::binary);
  INFO("regenerate with scripts/gen-cli-docs.sh");
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == md);
}
