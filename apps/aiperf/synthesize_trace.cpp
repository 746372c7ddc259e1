// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/synthesize_trace.cpp — `aiperf synthesize-trace` (see synthesize_trace.hpp).
#include "synthesize_trace.hpp"

#include <aiperf/datasets/trace_file.hpp>
#include <aiperf/datasets/trace_synthesis.hpp>
#include <aiperf/results/artifacts.hpp>  // write_file_atomically

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace aiperf::driver {

int run_synthesize_trace(synthesize_trace_section const& options) {
  std::filesystem::path const input = options.input_file.value();
  std::filesystem::path const output = options.output_file.value();
  std::error_code ec;
  if (!std::filesystem::exists(input, ec)) {
    // As analyze-trace: upstream prints this and returns; here the exit code is 1.
    fmt::print(stderr, "Error: Input file not found: {}\n", input.string());
    return 1;
  }
  datasets::synthesis_params params;
  params.block_size = static_cast<std::size_t>(options.block_size);
  params.speedup_ratio = options.speedup_ratio;
  params.prefix_len_multiplier = options.prefix_len_multiplier;
  params.prefix_root_multiplier = options.prefix_root_multiplier;
  params.prompt_len_multiplier = options.prompt_len_multiplier;
  params.max_isl = options.max_isl;
  params.seed = options.seed;

  // Everything is read and synthesized before anything is printed or written: a bad line is
  // the only output.
  auto const rows = datasets::read_trace(input, datasets::trace_format::mooncake);
  auto const synthesized = datasets::synthesize_trace(rows, params, input);
  auto const tree = datasets::analyze_hash_tree(synthesized);

  fmt::print("\nStarting trace synthesis...\n");
  fmt::print("Input file:                {}\n", input.string());
  fmt::print("Output file:               {}\n", output.string());
  fmt::print("Block size:                {}\n", options.block_size);
  fmt::print("Speedup ratio:             {:.2f}\n", options.speedup_ratio);
  fmt::print("Prefix length multiplier:  {:.2f}\n", options.prefix_len_multiplier);
  fmt::print("Prefix root multiplier:    {}\n", options.prefix_root_multiplier);
  fmt::print("Prompt length multiplier:  {:.2f}\n", options.prompt_len_multiplier);
  if (options.max_isl) fmt::print("Max ISL:                   {}\n", *options.max_isl);
  fmt::print("Seed:                      {}\n\n", options.seed);

  if (output.has_parent_path()) {
    std::filesystem::create_directories(output.parent_path(), ec);
    if (ec) throw std::runtime_error("cannot create " + output.parent_path().string() + " (" + ec.message() + ")");
  }
  results::write_file_atomically(output, datasets::render_trace_jsonl(synthesized));
  fmt::print("Generated {} synthetic traces\n", synthesized.size());
  fmt::print("Output saved to {}\n\n", output.string());
  fmt::print("Synthesis Statistics:\n");
  fmt::print("  Tree nodes: {}\n", tree.nodes);
  fmt::print("  Tree depth: {}\n\n", tree.depth);
  std::fflush(stdout);
  return 0;
}

}  // namespace aiperf::driver
