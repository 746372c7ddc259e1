// SPDX-License-Identifier: Apache-2.0
// examples/custom_dataset.cpp — a user-written Dataset: prompts from a small embedded list, each
// asking for a fixed number of output tokens, composed with the built-in Poisson schedule, chat
// endpoint and standard metrics through run_benchmark.  The dataset declares that it needs no
// tokenizer, and the metrics read the server's token counts, so this run never loads one.
//
// usage: example_custom_dataset [URL]
#include <aiperf/aiperf.hpp>

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

//! [dataset]
struct embedded_prompts {
  /// The prompts are fixed text: building needs no tokenizer (run_benchmark loads one only when
  /// the dataset or a metric needs it; a Dataset that does not say so is assumed to).
  static constexpr bool needs_tokenizer = false;

  std::int64_t max_tokens = 24;  // asked of every request
  std::size_t repeats = 2;       // each prompt appears this many times (distinct conversations)

  /// Deterministic for any seed: the list, in order.
  std::vector<aiperf::conversation> build(aiperf::dataset_context const&) const {
    static constexpr std::array<std::string_view, 5> prompts = {
        "Summarize the plot of Hamlet in two sentences.",
        "Explain what a hash map is to a new programmer.",
        "Write a haiku about latency.",
        "List three uses of a priority queue.",
        "What is the difference between throughput and goodput?",
    };
    std::vector<aiperf::conversation> out;
    for (std::size_t r = 0; r < repeats; ++r)
      for (std::size_t i = 0; i < prompts.size(); ++i)
        out.push_back(aiperf::conversation{.id = "prompt-" + std::to_string(r) + "-" + std::to_string(i),
                                           .turns = {aiperf::turn{.text = std::string(prompts[i]), .max_tokens = max_tokens}}});
    return out;
  }
};

static_assert(aiperf::Dataset<embedded_prompts>);
//! [dataset]

int main(int argc, char** argv) {
  using namespace aiperf;
  auto metrics = make_metric_set(metrics::ttft{}, metrics::request_latency{}, metrics::osl{}, metrics::isl{});
  run_report report = run_benchmark(schedules::poisson(/*requests per second*/ 40.0, /*seed*/ 3),
                                    endpoints::openai_chat({.model = "my-model", .streaming = true}),
                                    embedded_prompts{}, metrics,
                                    run_settings{.url = argc > 1 ? argv[1] : "http://127.0.0.1:8000",
                                                 .requests = 40,
                                                 .use_server_token_count = true});  // OSL and ISL from `usage`
  std::fputs(report.to_string().c_str(), report ? stdout : stderr);
  std::printf("%zu requests ok, %zu failed\n", report.ok(), report.failed());
  return report && report.ok() > 0 && report.failed() == 0 ? 0 : 1;
}
