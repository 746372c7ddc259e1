// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/runner/prepared_dataset.hpp: prompts made of shared blocks become
// requests whose pieces are the blocks themselves (no copy) or one escaped copy per block, and
// whose bytes equal the request of the joined prompt; an endpoint that does not embed the prompt
// verbatim gets the joined prompt.
#include "catch.hpp"

#include <aiperf/endpoints/openai_chat.hpp>
#include <aiperf/runner/prepared_dataset.hpp>

#include <memory>
#include <set>

using namespace aiperf;

namespace {
std::string joined(prepared_turn const& t) {
  std::string s;
  for_each_wire_piece(t, [&](std::string_view p) { s += p; });
  return s;
}

/// Two conversations over one store of blocks: a plain block, one that needs JSON escaping.
struct fixture {
  std::shared_ptr<std::vector<std::string>> store = std::make_shared<std::vector<std::string>>(
      std::vector<std::string>{" plain words here", " a \"quoted\"\nline", " tail"});
  std::vector<conversation> convs() const {
    conversation a;
    a.id = "a";
    a.shared_text = store;
    a.turns.push_back(turn{.input_tokens = 9, .max_tokens = 3, .prompt_blocks = {(*store)[0], (*store)[1]}});
    a.turns.push_back(turn{.text = "second turn", .max_tokens = 2});
    a.turns.push_back(turn{.prompt_blocks = {(*store)[0], (*store)[2]}});
    conversation b;
    b.id = "b";
    b.shared_text = store;
    b.turns.push_back(turn{.prompt_blocks = {(*store)[1]}});
    return {a, b};
  }
};

/// An endpoint that sends the prompt's length, not the prompt: the markers never reach its body.
struct length_only {
  static constexpr std::string_view name = "length_only";
  encoded_request encode(conversation const& c, std::size_t t) const {
    return encoded_request{.path = "/len", .body = "{\"n\":" + std::to_string(prompt_text(c.turns[t]).size()) + "}"};
  }
  bool streaming() const { return false; }
  void on_event(std::string_view, response_sink&) const {}
  void on_body(std::string_view, response_sink&) const {}
};
}  // namespace

TEST_CASE("prepared_dataset: block prompts are written from the blocks, bytes equal to the joined prompt",
          "[runner][prepared_dataset]") {
  fixture f;
  const endpoints::openai_chat ep(endpoints::endpoint_options{.model = "m", .streaming = true});
  const prepared_dataset p = prepare_dataset(ep, f.convs(), "h:1");

  // The reference: the same conversations with every prompt joined into its text.
  std::vector<conversation> plain = f.convs();
  for (auto& c : plain)
    for (auto& t : c.turns) t.text = prompt_text(t), t.prompt_blocks.clear();
  const prepared_dataset ref = prepare_dataset(ep, plain, "h:1");

  REQUIRE(p.turns.size() == 2);
  REQUIRE(p.turns[0].size() == 3);
  for (std::size_t c = 0; c < 2; ++c)
    for (std::size_t t = 0; t < p.turns[c].size(); ++t) {
      INFO("conversation " << c << " turn " << t);
      CHECK(joined(p.turns[c][t]) == ref.turns[c][t].wire);  // Content-Length included
      CHECK(ref.turns[c][t].pieces.empty());
    }
  // Turn 1 (text) carries turn 0's blocks in its history: pieces there too.
  CHECK_FALSE(p.turns[0][1].pieces.empty());
  CHECK(p.turns[0][0].max_tokens == 3);
  CHECK(p.turns[0][0].input_tokens == 9);

  // The plain block is the store's own bytes; the quoted one is one escaped copy for all uses.
  std::set<char const*> shared;
  for (auto const& conv : p.turns)
    for (auto const& t : conv)
      for (auto const& piece : t.pieces) shared.insert(piece.shared.data());
  CHECK(shared.count((*f.store)[0].data()) == 1);
  CHECK(shared.count((*f.store)[2].data()) == 1);
  CHECK(shared.count((*f.store)[1].data()) == 0);
  REQUIRE(p.escaped_blocks.size() == 1);
  CHECK(p.escaped_blocks.begin()->second == " a \\\"quoted\\\"\\nline");
  CHECK(shared.count(p.escaped_blocks.begin()->second.data()) == 1);
  // No marker survives into a request.
  for (auto const& conv : p.turns)
    for (auto const& t : conv) CHECK(joined(t).find("@@aiperf@prompt@") == std::string::npos);
}

TEST_CASE("prepared_dataset: an endpoint that does not embed the prompt verbatim gets it joined",
          "[runner][prepared_dataset]") {
  fixture f;
  const prepared_dataset p = prepare_dataset(length_only{}, f.convs(), "h:1");
  REQUIRE(p.turns[0].size() == 3);
  CHECK(p.turns[0][0].pieces.empty());
  const std::size_t n = (*f.store)[0].size() + (*f.store)[1].size();
  CHECK(p.turns[0][0].wire.ends_with("{\"n\":" + std::to_string(n) + "}"));
}
