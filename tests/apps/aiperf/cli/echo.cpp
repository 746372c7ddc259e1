// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/echo.hpp: the input_config echo (sections -> fields, unset optionals omitted,
// secrets redacted, --goodput as an object) and the redacted cli_command.
#include "support.hpp"

#include "cli/echo.hpp"

#include <simdjson.h>

#include <limits>
#include <string>
#include <type_traits>
#include <vector>

using cli_test::ok;
using cli_test::profile;

TEST_CASE("echo: input_config echo: resolved values, secrets redacted", "[cli][echo]") {
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
  CHECK(r.options.endpoint.api_key == "sk-live-123");
  CHECK(r.options.endpoint.urls.front() == "https://alice:s3cret@host:8443/x");

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

TEST_CASE("echo: input_config: one object per section, in declaration order", "[cli][echo]") {
  auto const j = ok(profile()).input_config_json();
  simdjson::dom::parser parser;
  simdjson::dom::object doc;
  REQUIRE(parser.parse(simdjson::padded_string(j)).get(doc) == simdjson::SUCCESS);
  std::vector<std::string_view> keys;
  for (auto field : doc) keys.push_back(field.key);
  CHECK(keys == std::vector<std::string_view>{"endpoint", "tokenizer", "input", "loadgen", "output", "service"});
  // Every declared option with a value is echoed under its section, by its member name; unset
  // optionals (and an empty --goodput) are omitted, like AIPerf's None.
  auto const resolved = ok(profile()).options;
  std::size_t echoed = 0;
  aiperf::driver::for_each_option(
      [&](std::string_view section, aiperf::driver::option_meta const& meta, auto const& value) {
        INFO(section << "." << meta.field);
        simdjson::dom::element element;
        bool const present = doc[section][meta.field].get(element) == simdjson::SUCCESS;
        using value_t = std::remove_cvref_t<decltype(value)>;
        if constexpr (requires { value.has_value(); })
          CHECK(present == value.has_value());
        else if constexpr (std::is_same_v<value_t, aiperf::driver::goodput_list>)
          CHECK(present == !value.empty());
        else
          CHECK(present);
        echoed += present;
      },
      resolved);
  CHECK(echoed > 30);
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
