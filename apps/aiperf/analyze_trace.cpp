// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/analyze_trace.cpp — `aiperf analyze-trace` (see analyze_trace.hpp).
#include "analyze_trace.hpp"

#include <aiperf/datasets/trace_analysis.hpp>
#include <aiperf/datasets/trace_file.hpp>
#include <aiperf/results/artifacts.hpp>  // write_file_atomically

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace aiperf::driver {

int run_analyze_trace(analyze_trace_section const& options) {
  std::filesystem::path const input = options.input_file.value();
  std::error_code ec;
  if (!std::filesystem::exists(input, ec)) {
    // AIPerf prints this sentence and returns; its exit status there is unverified (spec §10.1).
    // Here it is 1, like every other failure: nothing was analyzed, and a script must see that.
    std::fprintf(stderr, "Error: Input file not found: %s\n", input.string().c_str());
    return 1;
  }
  auto const rows = datasets::read_trace(input, datasets::trace_format::mooncake);
  auto const stats = datasets::analyze_trace(rows, static_cast<std::size_t>(options.block_size));
  std::fputs(datasets::render_trace_analysis_console(stats).c_str(), stdout);
  if (options.output_file) {
    std::filesystem::path const output = *options.output_file;
    if (output.has_parent_path()) {
      std::filesystem::create_directories(output.parent_path(), ec);
      if (ec)
        throw std::runtime_error("--output-file: cannot create " + output.parent_path().string() + " (" +
                                 ec.message() + ")");
    }
    results::write_file_atomically(output, datasets::render_trace_analysis_json(stats));
    std::printf("Analysis report saved to %s\n", output.string().c_str());
  }
  return 0;
}

}  // namespace aiperf::driver
