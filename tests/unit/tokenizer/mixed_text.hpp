// SPDX-License-Identifier: Apache-2.0
// Deterministic mixed-text generator for parity tests and benchmarks: prose, whitespace runs,
// digit runs, CJK, emoji (ZWJ, flags), code, contractions, combining marks, Hangul jamo (NFC) and,
// optionally, ill-formed UTF-8.
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace tokfix {

inline std::vector<std::string> const& fragments(bool with_invalid) {
  static std::vector<std::string> const base = {
      "the", " the", " quick", " brown", " fox", " jumps", " over", " lazy", " dog", "Hello", ",", ".", "!", "?",
      " world", " HELLO", " CamelCaseWord", " XMLHttpRequest", " naïve", " café", " Ünïcödé", " straße",
      "'s", "'S", "'ll", "'LL", "'re", "'Re", "'ve", "'m", "'d", "'t", " don't", " I'M", " they're", " 'quoted'",
      " ", "  ", "   ", "    ", "\t", "\n", "\n\n", "\r\n", " \n ", "   \n  \n", "\t\t\n", "\u3000", "\u00a0", " \u2003 ",
      "1", "12", "123", "1234", "12345", "3.14159", " 2024-01-01", " 1,000,000", " ٣٤٥", " ⅫⅣ", "²³",
      "こんにちは", "世界", "，", "。", "你好，世界！", " 東京タワー", "한국어", " 안녕하세요", "\u1100\u1161\u11a8",
      "Привет", " мир", " Ελληνικά", " עברית", " العربية", " हिन्दी", " ไทย",
      "🌍", "🎉🎉", " 👨‍👩‍👧‍👦", "🇪🇸", "👍🏽", " ❤️", "✨", "e\u0301", "a\u0308\u0304", "\u0301x", "Å", "\u212b",
      "int main() { return 0; }", "\n    if (x != nullptr) {\n        y += 2;\n    }\n", "def f(x):\n\treturn x**2\n",
      " a/b/c", "//", "/*", "*/", " <div class=\"x\">", "</div>", "{\"k\": [1, 2, 3]}", " ++i;", "=>", " ...",
      " https://example.com/path?q=1&r=2", " foo_bar_baz", " $HOME", " --flag=value", " @user", " #tag",
      "—", " – ", "“quotes”", " ‘single’", "…", " ©", "™", " €100", " ¥", " ½",
  };
  static std::vector<std::string> const bad = [] {
    auto v = base;
    for (char const* s : {"\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80", "\xf0\x9f\x8c", "\x80\x80", "\xc0\xaf", "\xf5\x80"})
      v.emplace_back(s);
    return v;
  }();
  return with_invalid ? bad : base;
}

/// `count` random texts of 1..max_frags fragments.
inline std::vector<std::string> mixed_cases(std::uint64_t seed, std::size_t count, std::size_t max_frags,
                                            bool with_invalid) {
  std::mt19937_64 rng(seed);
  auto const& f = fragments(with_invalid);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t const n = 1 + rng() % max_frags;
    std::string s;
    for (std::size_t k = 0; k < n; ++k) s += f[rng() % f.size()];
    out.push_back(std::move(s));
  }
  return out;
}

/// About `bytes` of mixed text: mostly English prose with the other fragments sprinkled in.
inline std::string mixed_text(std::uint64_t seed, std::size_t bytes) {
  static char const* const words[] = {"the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was",
                                      "with", "be", "by", "on", "not", "he", "this", "are", "or", "his", "from",
                                      "at", "which", "but", "have", "an", "had", "they", "you", "were", "their",
                                      "benchmark", "latency", "throughput", "tokenizer", "inference", "server",
                                      "request", "streaming", "measurement", "percentile", "concurrency"};
  std::mt19937_64 rng(seed);
  auto const& f = fragments(false);
  std::string s;
  s.reserve(bytes + 64);
  while (s.size() < bytes) {
    if (rng() % 8 == 0) s += f[rng() % f.size()];
    else {
      std::string w = words[rng() % (sizeof words / sizeof *words)];
      if (rng() % 10 == 0) w[0] = static_cast<char>(w[0] - 'a' + 'A');
      s += ' ';
      s += w;
      if (rng() % 12 == 0) s += rng() % 2 ? "." : ",";
      if (rng() % 60 == 0) s += "\n\n";
    }
  }
  return s;
}

}  // namespace tokfix
