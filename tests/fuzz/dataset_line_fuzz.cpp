// SPDX-License-Identifier: Apache-2.0
// libFuzzer entry point for the dataset line parsers: the Mooncake and Bailian JSONL trace
// readers, the BurstGPT CSV reader (include/aiperf/datasets/trace_file.hpp, their
// trace_impl readers take the file's text) and the single-turn row's prompt fields
// (single_turn.hpp, one JSON line through trace_impl::single_turn_prompt).  The first byte
// picks the reader.  Any text must either parse or throw trace_error with the line's
// position; anything else is a bug.  Built by scripts/fuzz.sh.
#include <aiperf/datasets/single_turn.hpp>
#include <aiperf/datasets/trace_file.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size == 0) return 0;
  namespace ti = aiperf::datasets::trace_impl;
  const std::string_view text(reinterpret_cast<char const*>(data) + 1, size - 1);
  const std::filesystem::path file("fuzz.jsonl");
  try {
    switch (data[0] % 4) {
      case 0: (void)ti::read_mooncake(file, text); break;
      case 1: (void)ti::read_bailian(file, text); break;
      case 2: (void)ti::read_burst_gpt(file, text); break;
      default: {
        simdjson::dom::parser parser;
        std::vector<aiperf::named_texts> named;
        (void)ti::single_turn_prompt(ti::json_line(parser, text, file, 1), &named);
      }
    }
  } catch (aiperf::datasets::trace_error const&) {
  }
  return 0;
}
