// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/endpoints/jinja_subset.hpp, template_endpoint.hpp, raw.hpp and
// auto_parse.hpp (spec load-generation §8.11): the template language's subset, golden request
// bodies of both types, and the auto-detected answers.
#include "catch.hpp"
#include "endpoint_fixtures.hpp"

#include <aiperf/endpoints/raw.hpp>
#include <aiperf/endpoints/template_endpoint.hpp>

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>

using namespace aiperf;
using aiperf::detail::jinja_template;
using aiperf::detail::tvalue;
using endpoints::endpoint_options;
using aiperf::test::feed;
using aiperf::test::one_turn;
using aiperf::test::unit_kind;

namespace {
std::string render(std::string_view src, tvalue ctx = tvalue(tvalue::object{})) {
  return jinja_template::compile(src).render(ctx);
}

std::string error_of(std::string_view src) {
  try {
    jinja_template::compile(src);
  } catch (std::invalid_argument const& e) {
    return e.what();
  }
  return "(compiled)";
}
}  // namespace

TEST_CASE("jinja subset: output, filters, literals", "[endpoints][template]") {
  const tvalue ctx(tvalue::object{{"texts", tvalue(tvalue::list{"a \"q\"", "b"})},
                                  {"model", "m"},
                                  {"n", 3},
                                  {"none", tvalue()}});
  CHECK(render("{{ texts|tojson }}", ctx) == R"(["a \"q\"", "b"])");
  CHECK(render("{{ texts|length }} {{ texts|first }} {{ texts|last }} {{ texts|join('+') }}", ctx) ==
        "2 a \"q\" b a \"q\"+b");
  CHECK(render("{{ missing|default(7) }} {{ none|default('x') }} {{ n|default(1) }}", ctx) == "7 x 3");
  CHECK(render("{{ model|upper ~ '-' ~ n + 1 }}", ctx) == "M-4");
  CHECK(render("{{ [1, 'two', true, none]|tojson }}") == R"([1, "two", true, null])");
  CHECK(render("{{ texts[1] }}{{ texts[-2]|length }}", ctx) == "b5");
}

TEST_CASE("jinja subset: if/elif/else, for with loop, set, comments, whitespace control", "[endpoints][template]") {
  const tvalue ctx(tvalue::object{{"xs", tvalue(tvalue::list{1, 2, 3})}, {"k", "b"},
                                  {"o", tvalue(tvalue::object{{"a", 1}, {"b", 2}})}});
  CHECK(render("{% if k == 'a' %}A{% elif k == 'b' %}B{% else %}C{% endif %}", ctx) == "B");
  CHECK(render("{% if k in ['x', 'y'] %}in{% else %}out{% endif %}", ctx) == "out");
  CHECK(render("{% for x in xs %}{{ loop.index }}:{{ x }}{% if not loop.last %},{% endif %}{% endfor %}", ctx) ==
        "1:1,2:2,3:3");
  CHECK(render("{% for key, v in o.items() %}{{ key }}={{ v }};{% endfor %}", ctx) == "a=1;b=2;");
  CHECK(render("{% set y = xs|length + 1 %}{# not output #}{{ y }}", ctx) == "4");
  CHECK(render("[\n  {%- for x in xs %}\n  {{ x }}\n  {%- endfor %}\n]", ctx) == "[\n  1\n  2\n  3\n]");
  CHECK(render("a   {{- 'b' -}}   c") == "abc");
  CHECK(render("{% if xs is defined and nope is not defined %}yes{% endif %}", ctx) == "yes");
}

TEST_CASE("jinja subset: what it does not support is refused naming the template line", "[endpoints][template]") {
  CHECK(error_of("{\n\n{% macro f() %}{% endmacro %}") == "template line 3: unsupported tag 'macro'");
  CHECK(error_of("{{ x|wordcount }}") == "template line 1: unsupported filter 'wordcount'");
  CHECK(error_of("a\n{{ x * 2 }}") == "template line 2: unsupported character '*' in an expression");
  CHECK(error_of("{% if x %}\nno end") == "template line 1: 'if' is never closed");
  CHECK(error_of("{% endfor %}") == "template line 1: 'endfor' without a matching opening tag");
  CHECK(error_of("\n{{ x ") == "template line 2: '{{' is not closed by '}}'");
}

TEST_CASE("template endpoint: golden body from the §8.11 variables, extras merged after rendering",
          "[endpoints][template]") {
  conversation c = one_turn("hello", 16);
  c.turns[0].extra_body = {{"priority", "2"}};
  const std::string tmpl = R"({"model": {{ model|tojson }}, "input": {{ texts|tojson }}, )"
                           R"("max": {{ max_tokens }}, "stream": {{ stream }}, "turn": {{ request_info.turn_index }}})";
  std::string extra = R"({"payload_template":)";
  aiperf::detail::append_json_string(extra, tmpl);
  extra += R"(,"temperature":0.5})";
  endpoints::template_endpoint ep(endpoint_options{.model = "m", .streaming = true, .extra_inputs_json = extra,
                                                   .path = "/api/generate"});
  const encoded_request req = ep.encode(c, 0);
  CHECK(req.path == "/api/generate");
  CHECK(req.body ==
        R"({"model":"m","input":["hello"],"max":16,"stream":true,"turn":0,"temperature":0.5,"priority":2})");

  endpoints::template_endpoint named(endpoint_options{.model = "m", .extra_inputs_json = R"({"payload_template":"nv-embedqa"})"});
  CHECK(named.encode(one_turn("q"), 0).body == R"({"text":["q"]})");
  CHECK(named.encode(one_turn("q"), 0).path == "/");
}

TEST_CASE("template endpoint: a missing template, one that fails to compile, a body that is not JSON",
          "[endpoints][template]") {
  CHECK_THROWS_WITH(endpoints::template_endpoint(endpoint_options{.model = "m"}),
                    Catch::Matchers::Contains("payload_template:NAME|FILE|TEMPLATE"));
  CHECK_THROWS_WITH(endpoints::template_endpoint(endpoint_options{
                        .model = "m", .extra_inputs_json = R"({"payload_template":"{{ x|bad }}"})"}),
                    "--extra-inputs payload_template: template line 1: unsupported filter 'bad'");
  endpoints::template_endpoint ep(endpoint_options{.model = "m", .extra_inputs_json = R"({"payload_template":"{x: {{ text }}}"})"});
  CHECK_THROWS_WITH(ep.encode(one_turn("hi"), 0),
                    "Template did not render valid JSON (a JSON object is needed): {x: hi}");
}

TEST_CASE("raw endpoint: the row's payload verbatim to the URL as given; a turn without one is refused",
          "[endpoints][raw]") {
  conversation c = one_turn("");
  c.turns[0].raw_payload = R"({"model":"x","prompt":"p","max_tokens":3})";
  endpoints::raw ep(endpoint_options{.model = "m", .extra_inputs_json = R"({"ignored":1})"});
  const encoded_request req = ep.encode(c, 0);
  CHECK(req.path == "/");
  CHECK(req.body == R"({"model":"x","prompt":"p","max_tokens":3})");
  CHECK_THROWS_WITH(ep.encode(one_turn("text only"), 0), Catch::Matchers::Contains("has none"));
}

TEST_CASE("auto-detected answers: embeddings, rankings, text fields, choices, plain text", "[endpoints][raw]") {
  endpoints::raw ep(endpoint_options{.model = "m"});
  auto emb = feed(ep, {R"({"data":[{"object":"embedding","embedding":[0.1]}],"usage":{"prompt_tokens":4}})"}, unit_kind::body);
  CHECK(emb.ok());
  CHECK(emb.chunks.at(0).has_output);
  CHECK(emb.content.empty());
  CHECK(emb.usage.prompt_tokens == 4);
  auto rank = feed(ep, {R"({"results":[{"index":0,"relevance_score":0.9}]})"}, unit_kind::body);
  CHECK(rank.chunks.at(0).has_output);
  auto bare_rank = feed(ep, {R"([{"index":0,"score":0.5}])"}, unit_kind::body);
  CHECK(bare_rank.chunks.at(0).has_output);
  CHECK(feed(ep, {R"({"response":"from ollama"})"}, unit_kind::body).content == "from ollama");
  CHECK(feed(ep, {R"({"output":["a","b"]})"}, unit_kind::body).content == "ab");
  CHECK(feed(ep, {R"(["x","y"])"}, unit_kind::body).content == "xy");
  CHECK(feed(ep, {"not json at all"}, unit_kind::body).content == "not json at all");
  auto chat = feed(ep, {R"({"object":"chat.completion.chunk","choices":[{"delta":{"content":"He"}}]})",
                        R"({"choices":[{"delta":{"reasoning_content":"th","content":"llo"}}]})",
                        R"({"choices":[{"text":"!"}],"usage":{"completion_tokens":3}})", "[DONE]", R"({"text":"late"})"});
  CHECK(chat.content == "Hello!");
  CHECK(chat.reasoning == "th");
  CHECK(chat.usage.completion_tokens == 3);
  auto err = feed(ep, {R"({"error":{"message":"overloaded","code":503}})"}, unit_kind::body);
  REQUIRE_FALSE(err.ok());
  CHECK(err.error->code == 503);
}

TEST_CASE("raw endpoint: a payload whose brackets do not close is text, not JSON (issue 12 fuzz find)",
          "[endpoints][raw]") {
  // simdjson 3.0's On Demand read past the padding on `[` (SEGV under ASan).
  endpoints::raw ep(endpoint_options{.model = "m", .streaming = true});
  request_record rec = feed(ep, {"[", "[\"a\"", "{\"text\":\"b\"", "\"open"});
  CHECK(rec.content == "[[\"a\"{\"text\":\"b\"\"open");
}
