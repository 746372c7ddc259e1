// SPDX-License-Identifier: Apache-2.0
// examples/custom_endpoint.cpp — a user-written Endpoint: a plain OpenAI /v1/completions client
// written from scratch (its own request body and its own stream parser, nothing from
// aiperf::endpoints), composed with the built-in closed-loop schedule, synthetic dataset and
// standard metrics through run_benchmark.  An Endpoint says how a turn becomes a request
// (encode, called once per turn before the run) and what each response unit means (on_event
// for an SSE event, on_body for a whole body); the library does the HTTP, the timing and the
// records.
//
// usage: example_custom_endpoint [URL]
#include <aiperf/aiperf.hpp>

#include <simdjson.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

//! [endpoint]
class plain_completions {
 public:
  static constexpr std::string_view name = "plain_completions";

  plain_completions(std::string model, std::int64_t max_tokens) : model_(std::move(model)), max_tokens_(max_tokens) {}

  bool streaming() const { return true; }

  /// The request for turn `t`: the prompt alone (completions keep no history).
  aiperf::encoded_request encode(aiperf::conversation const& c, std::size_t t) const {
    const aiperf::turn& cur = c.turns.at(t);
    std::string body = R"({"model":)" + quoted(cur.model.empty() ? model_ : cur.model) +
                       R"(,"prompt":)" + quoted(cur.text) +
                       R"(,"max_tokens":)" + std::to_string(max_tokens_) +
                       R"(,"stream":true,"stream_options":{"include_usage":true}})";
    return {"/v1/completions", {}, std::move(body)};
  }

  /// One SSE event: `[DONE]`, or {"choices":[{"text":...}], "usage":{...}} / {"error":{...}}.
  void on_event(std::string_view data, aiperf::response_sink& sink) {
    if (data == "[DONE]") return sink.done();
    parse(data, sink);
  }

  /// A whole body (a server that answered without streaming): the same object.
  void on_body(std::string_view body, aiperf::response_sink& sink) { parse(body, sink); }

 private:
  void parse(std::string_view json, aiperf::response_sink& sink) {
    simdjson::dom::element doc;
    // The parser copies `json` into its own padded buffer, reused from call to call.
    if (state_.parser.parse(json.data(), json.size()).get(doc)) return sink.error(0, "InvalidResponse", "not JSON");
    if (simdjson::dom::object err; !doc["error"].get(err)) {
      std::string_view message;
      if (err["message"].get(message)) message = "error";
      return sink.error(0, "ServerError", message);
    }
    if (simdjson::dom::array choices; !doc["choices"].get(choices) && choices.size() > 0) {
      std::string_view text;
      if (!choices.at(0)["text"].get(text)) sink.content(text);
    }
    if (simdjson::dom::object usage; !doc["usage"].get(usage)) {
      aiperf::usage_info u;
      std::int64_t n;
      if (!usage["prompt_tokens"].get(n)) u.prompt_tokens = n;
      if (!usage["completion_tokens"].get(n)) u.completion_tokens = n;
      if (!usage["total_tokens"].get(n)) u.total_tokens = n;
      sink.usage(u);
    }
  }

  /// `s` as a JSON string.
  static std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (const char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += ch;
      } else if (c == '\n') {
        out += "\\n";
      } else if (c < 0x20) {
        char esc[8];
        std::snprintf(esc, sizeof esc, "\\u%04x", c);
        out += esc;
      } else {
        out += ch;
      }
    }
    return out + "\"";
  }

  /// Per-copy parse state.  Every shard gets its own copy of the endpoint; a copy starts with a
  /// fresh parser (simdjson parsers are not copyable, and shards must not share one).
  struct parse_state {
    simdjson::dom::parser parser;
    parse_state() = default;
    parse_state(parse_state const&) {}
    parse_state& operator=(parse_state const&) { return *this; }
  };

  std::string model_;
  std::int64_t max_tokens_;
  parse_state state_;
};

static_assert(aiperf::Endpoint<plain_completions>);
//! [endpoint]

int main(int argc, char** argv) {
  using namespace aiperf;
  auto metrics = make_metric_set(metrics::ttft{}, metrics::itl{}, metrics::request_latency{}, metrics::osl{});
  run_report report = run_benchmark(schedules::concurrency{}, plain_completions("my-model", 16),
                                    datasets::synthetic{.isl_mean = 64, .num_entries = 10}, metrics,
                                    run_settings{.url = argc > 1 ? argv[1] : "http://127.0.0.1:8000",
                                                 .requests = 40,
                                                 .concurrency = 4,
                                                 .workers = 2});
  std::fputs(report.to_string().c_str(), report ? stdout : stderr);
  std::printf("%zu requests ok, %zu failed\n", report.ok(), report.failed());
  return report && report.ok() > 0 && report.failed() == 0 ? 0 : 1;
}
