// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/runner/prepared_dataset.hpp: prompts made of shared blocks become
// requests whose pieces are the blocks themselves (no copy) or one escaped copy per block, and
// whose bytes equal the request of the joined prompt; an endpoint that does not embed the prompt
// verbatim gets the joined prompt; request ids, session ids and a multi-turn session's earlier
// answers are live pieces filled in at send time, with the Content-Length they change.
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

/// The request as a shard sends it, with these live values.
std::string filled(prepared_turn const& t, std::vector<std::string> const& replies, std::string_view rid = "RID",
                   std::string_view cid = "CID") {
  std::string length;
  auto live = [&](wire_piece const& p) -> std::string_view {
    switch (p.live) {
      case live_value::request_id: return rid;
      case live_value::correlation_id: return cid;
      case live_value::content_length: return length;
      case live_value::reply: return p.reply_of < replies.size() ? replies[p.reply_of] : std::string_view();
      case live_value::none: break;
    }
    return p.shared;
  };
  length = std::to_string(body_size(t, live));
  std::string s;
  for_each_wire_piece(t, [&](std::string_view p) { s += p; }, live);
  return s;
}

std::string body_of(std::string const& request) { return request.substr(request.find("\r\n\r\n") + 4); }

std::size_t content_length_of(std::string const& request) {
  const std::size_t at = request.find("Content-Length: ") + 16;
  return std::stoul(request.substr(at, request.find("\r\n", at) - at));
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
      CHECK(filled(p.turns[c][t], {"r0", "r1"}) == filled(ref.turns[c][t], {"r0", "r1"}));  // Content-Length included
      for (auto const& piece : ref.turns[c][t].pieces) CHECK(piece.live != live_value::none);  // nothing shared
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
  const prepared_dataset p = prepare_dataset(length_only{}, f.convs(), "h:1", request_identity{.session_header = "", .request_id = false});
  REQUIRE(p.turns[0].size() == 3);
  CHECK(p.turns[0][0].pieces.empty());  // no shared block, no live value: one contiguous request
  const std::size_t n = (*f.store)[0].size() + (*f.store)[1].size();
  CHECK(p.turns[0][0].wire.ends_with("{\"n\":" + std::to_string(n) + "}"));
}

TEST_CASE("prepared_dataset: every request carries X-Request-ID and the session header as live values",
          "[runner][prepared_dataset]") {
  conversation c;
  c.id = "only";
  c.turns.push_back(turn{.text = "hello"});
  const endpoints::openai_chat ep(endpoints::endpoint_options{.model = "m", .streaming = true});
  const prepared_dataset p = prepare_dataset(ep, {c}, "h:1");
  const std::string req = filled(p.turns[0][0], {}, "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "sess-9");
  // Spec §8.3 order: User-Agent, X-Request-ID, the session header, then the rest.
  const std::size_t ua = req.find("\r\nUser-Agent: "), rid = req.find("\r\nX-Request-ID: 1b4e28ba-2fa1-41d2-883f-0016d3cca427\r\n"),
                    cid = req.find("\r\nX-Correlation-ID: sess-9\r\n"), accept = req.find("\r\nAccept: ");
  REQUIRE(rid != std::string::npos);
  REQUIRE(cid != std::string::npos);
  CHECK(ua < rid);
  CHECK(rid < cid);
  CHECK(cid < accept);
  CHECK_FALSE(p.turns[0][0].live_replies);  // a single turn has no answers to carry
  CHECK(content_length_of(req) == body_of(req).size());

  // --session-header renames it; an endpoint that sets X-Request-ID itself keeps its own.
  struct own_id : endpoints::openai_chat {
    using openai_chat::openai_chat;
    encoded_request encode(conversation const& cv, std::size_t t) const {
      encoded_request r = openai_chat::encode(cv, t);
      r.headers.emplace_back("x-request-id", "mine");
      return r;
    }
  };
  const prepared_dataset q = prepare_dataset(own_id(endpoints::endpoint_options{.model = "m"}), {c}, "h:1",
                                             request_identity{.session_header = "X-Session"});
  const std::string req2 = filled(q.turns[0][0], {}, "RID", "s1");
  CHECK(req2.find("X-Session: s1\r\n") != std::string::npos);
  CHECK(req2.find("X-Correlation-ID") == std::string::npos);
  CHECK(req2.find("x-request-id: mine\r\n") != std::string::npos);
  CHECK(req2.find("RID") == std::string::npos);
}

TEST_CASE("prepared_dataset: a multi-turn session's requests carry the live answers, Content-Length follows",
          "[runner][prepared_dataset]") {
  conversation c;
  c.id = "chat";
  c.system_message = "be brief";
  c.turns.push_back(turn{.text = "first"});
  c.turns.push_back(turn{.text = "second"});
  c.turns.push_back(turn{.text = "third"});
  const endpoints::openai_chat ep(endpoints::endpoint_options{.model = "m"});
  const prepared_dataset p = prepare_dataset(ep, {c}, "h:1");
  REQUIRE(p.turns[0].size() == 3);
  CHECK_FALSE(p.turns[0][0].live_replies);
  CHECK(p.turns[0][1].live_replies);
  CHECK(p.turns[0][2].live_replies);

  // Answers of different lengths, one needing escapes (kept escaped, as the shard keeps them).
  const std::vector<std::string> replies{"answer \\\"one\\\"", "2"};
  const std::string third = filled(p.turns[0][2], replies);
  CHECK(body_of(third) ==
        R"({"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"first"},)"
        R"({"role":"assistant","content":"answer \"one\""},{"role":"user","content":"second"},)"
        R"({"role":"assistant","content":"2"},{"role":"user","content":"third"}],"model":"m","stream":false})");
  CHECK(content_length_of(third) == body_of(third).size());
  const std::string second = filled(p.turns[0][1], replies);
  CHECK(body_of(second).find(R"({"role":"assistant","content":"answer \"one\""},{"role":"user","content":"second"}])") !=
        std::string::npos);
  CHECK(content_length_of(second) == body_of(second).size());
  // inputs.json view (no live values): the answers' places are empty.
  CHECK(body_of(joined(p.turns[0][1])).find(R"({"role":"assistant","content":""})") != std::string::npos);

  // A conversation whose turns carry no history has no answers to fill in.
  c.turns_carry_history = false;
  const prepared_dataset q = prepare_dataset(ep, {c}, "h:1");
  CHECK_FALSE(q.turns[0][2].live_replies);
  CHECK(body_of(filled(q.turns[0][2], {})).find("assistant") == std::string::npos);
}

TEST_CASE("prepared_dataset: prompt text that only looks like a marker is sent as it is", "[runner][prepared_dataset]") {
  conversation c;
  c.id = "odd";
  c.turns.push_back(turn{.text = "see @@aiperf@prompt@7@@ and @@aiperf@nothing@@"});
  const endpoints::openai_chat ep(endpoints::endpoint_options{.model = "m"});
  const prepared_dataset p = prepare_dataset(ep, {c}, "h:1");
  CHECK(body_of(filled(p.turns[0][0], {})).find("see @@aiperf@prompt@7@@ and @@aiperf@nothing@@") != std::string::npos);
}
