// SPDX-License-Identifier: Apache-2.0
// Tokenizer and prompt-synthesis throughput (benchmarks/tokenizer/run.sh drives it).
//   bench_tokenizer gen-text OUT BYTES            write the mixed benchmark text
//   bench_tokenizer encode TOKENIZER FILE [REPS]  encode FILE, print MB/s and tokens
//   bench_tokenizer prompts TOKENIZER N LEN       synthesise N prompts of LEN tokens, print tokens/s
#include <aiperf/tokenizer/tokenizer.hpp>
#if __has_include(<aiperf/datasets/prompt_generator.hpp>)
#include <aiperf/datasets/prompt_generator.hpp>
#define HAVE_PROMPTS 1
#endif
#include "../../tests/unit/tokenizer/mixed_text.hpp"

#include <fmt/core.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

namespace {
double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

int main(int argc, char** argv) try {
  std::string const mode = argc > 1 ? argv[1] : "";
  if (mode == "gen-text" && argc == 4) {
    std::ofstream(argv[2], std::ios::binary) << tokfix::mixed_text(42, std::stoull(argv[3]));
    return 0;
  }
  if (mode == "encode" && argc >= 4) {
    double const t0 = now_s();
    auto tok = aiperf::load_tokenizer(argv[2]);
    double const t1 = now_s();
    std::ifstream f(argv[3], std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(f)), {});
    int const reps = argc > 4 ? std::stoi(argv[4]) : 3;
    double best = 1e9;
    std::size_t n = 0;
    std::vector<std::uint32_t> ids;
    for (int r = 0; r < reps; ++r) {
      double const a = now_s();
      ids = tok.encode(text);
      best = std::min(best, now_s() - a);
    }
    n = ids.size();
    std::uint32_t h = 2166136261u;  // FNV-1a over the ids, to compare with bench_node.cjs
    for (std::uint32_t id : ids) h = (h ^ id) * 16777619u;
    fmt::print("{{\"impl\":\"aiperf\",\"tokenizer\":\"{}\",\"load_s\":{:.3f},\"bytes\":{},\"tokens\":{},\"ids_hash\":{},\"best_s\":{:.4f},\"mb_per_s\":{:.2f}}}\n",
               tok.name(), t1 - t0, text.size(), n, h, best, text.size() / best / 1e6);
    return 0;
  }
#ifdef HAVE_PROMPTS
  if (mode == "prompts" && argc == 5) {
    auto tok = aiperf::load_tokenizer(argv[2]);
    std::size_t const n = std::stoull(argv[3]), len = std::stoull(argv[4]);
    double const t0 = now_s();
    aiperf::prompt_generator gen(tok, 1);
    double const t1 = now_s();
    // Keep every prompt, as a dataset would, so the work cannot be optimised away.
    std::vector<std::string> prompts;
    prompts.reserve(n);
    for (std::size_t i = 0; i < n; ++i) prompts.push_back(gen.generate(len));
    double const t2 = now_s();
    std::size_t bytes = 0;
    for (auto const& p : prompts) bytes += p.size();
    std::size_t const checked = std::min<std::size_t>(n, 8);
    for (std::size_t i = 0; i < checked; ++i)
      if (tok.count(prompts[i]) != len) throw std::runtime_error("prompt token count mismatch");
    fmt::print("{{\"impl\":\"aiperf\",\"tokenizer\":\"{}\",\"prompts\":{},\"len\":{},\"corpus_s\":{:.3f},\"gen_s\":{:.3f},"
               "\"tokens_per_s\":{:.0f},\"bytes\":{}}}\n",
               tok.name(), n, len, t1 - t0, t2 - t1, double(n * len) / (t2 - t1), bytes);
    return 0;
  }
#endif
  fmt::print(stderr, "usage: bench_tokenizer gen-text OUT BYTES | encode TOKENIZER FILE [REPS] | prompts TOKENIZER N LEN\n");
  return 2;
} catch (std::exception const& e) {
  fmt::print(stderr, "bench_tokenizer: {}\n", e.what());
  return 1;
}
