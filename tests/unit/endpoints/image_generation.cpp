// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/endpoints/image_generation.hpp and the `images` kind of
// impl/vector_parse.ipp (spec load-generation §8.11).
#include "catch.hpp"
#include "endpoint_fixtures.hpp"

#include <aiperf/endpoints/image_generation.hpp>

#include <initializer_list>
#include <string_view>

using namespace aiperf;
using endpoints::endpoint_options;
using endpoints::image_generation;
using aiperf::test::feed;
using aiperf::test::one_turn;
using aiperf::test::unit_kind;

TEST_CASE("image_generation: golden body, extras over it, stream only when streaming", "[endpoints][images]") {
  image_generation plain(endpoint_options{.model = "dall-e", .extra_inputs_json = R"({"size":"512x512","n":2})"});
  conversation c = one_turn("a red \"fox\"", 64);
  c.turns[0].extra_body = {{"quality", R"("high")"}};
  const encoded_request req = plain.encode(c, 0);
  CHECK(req.path == "/v1/images/generations");
  CHECK(req.body ==
        R"({"prompt":"a red \"fox\"","model":"dall-e","response_format":"b64_json","n":2,"size":"512x512","quality":"high"})");
  image_generation streamed(endpoint_options{.model = "m", .streaming = true});
  CHECK(streamed.encode(one_turn("x", 64), 0).body ==
        R"({"prompt":"x","model":"m","response_format":"b64_json","n":1,"stream":true})");
  conversation media = one_turn("x", 64);
  media.turns[0].images.push_back(media_item{std::make_shared<const std::string>("http://i/1.png")});
  CHECK_THROWS_AS(plain.encode(media, 0), std::invalid_argument);
}

TEST_CASE("image_generation: images and usage from a body or a stream; no image, a bad list", "[endpoints][images]") {
  image_generation ep(endpoint_options{.model = "m"});
  auto rec = feed(ep, {R"({"created":1,"data":[{"b64_json":"iVBO","revised_prompt":"p"}],"size":"1024x1024",)"
                       R"("usage":{"input_tokens":7,"output_tokens":272,"total_tokens":279}})"}, unit_kind::body);
  REQUIRE(rec.ok());
  CHECK(rec.chunks.at(0).has_output);
  CHECK(rec.content.empty());
  CHECK(rec.usage.prompt_tokens == 7);
  CHECK(rec.usage.completion_tokens == 272);
  auto streamed = feed(ep, {R"({"type":"image_generation.partial_image","b64_json":"aa","partial_image_index":0})",
                            R"({"type":"image_generation.completed","b64_json":"bb","usage":{"input_tokens":3}})",
                            "[DONE]"});
  REQUIRE(streamed.ok());
  CHECK(streamed.chunks.size() == 3);
  CHECK(streamed.chunks[0].has_output);
  CHECK(streamed.chunks[1].has_output);
  CHECK(streamed.usage.prompt_tokens == 3);
  auto none = feed(ep, {R"({"data":[]})"}, unit_kind::body);
  CHECK_FALSE(none.chunks.at(0).has_output);
  auto bad = feed(ep, {R"({"data":["not an object"]})"}, unit_kind::body);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error->message.starts_with("Received invalid image list in response: "));
}
