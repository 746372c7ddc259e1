// SPDX-License-Identifier: Apache-2.0
// aiperf/results/impl/timeslices.ipp — definitions for timeslices.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/json_text.hpp>
#include <aiperf/results/artifacts.hpp>
#include <aiperf/results/exporters.hpp>
#include <aiperf/results/number_format.hpp>
#include <aiperf/results/stat_keys.hpp>
#include <aiperf/results/timeslices.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace aiperf {
inline namespace v0 {
namespace results {

AIPERF_DECL std::string render_timeslices_json(std::vector<timeslice> const& slices, std::string_view input_config_json) {
  std::string out = "{\n  \"timeslices\": [";
  for (std::size_t i = 0; i < slices.size(); ++i) {
    timeslice const& t = slices[i];
    out += fmt::format("{}\n    {{\n      \"start_ns\": {},\n      \"end_ns\": {}", i ? "," : "", t.start_ns, t.end_ns);
    if (!t.is_complete) out += ",\n      \"is_complete\": false";
    for (auto const& r : t.summary.results) {
      out += ",\n      ";
      aiperf::detail::append_json_string(out, r.tag);
      out += ": ";
      detail_export::append_result_json(out, r, "      ");
    }
    out += "\n    }";
  }
  out += slices.empty() ? "]" : "\n  ]";
  out += ",\n  \"input_config\": ";
  out += input_config_json;
  out += "\n}\n";
  return out;
}

AIPERF_DECL std::string render_timeslices_csv(std::vector<timeslice> const& slices) {
  std::string out = "Timeslice,Metric,Unit,Stat,Value\r\n";
  for (std::size_t i = 0; i < slices.size(); ++i) {
    std::vector<metric_result const*> sorted;
    for (auto const& r : slices[i].summary.results) sorted.push_back(&r);
    std::sort(sorted.begin(), sorted.end(), [](auto const* a, auto const* b) { return a->tag < b->tag; });
    for (metric_result const* r : sorted)
      for (std::string_view key : stat_keys)
        if (auto v = stat_value(*r, key))
          out += fmt::format("{},{},{},{},{}\r\n", i, detail_export::csv_cell(r->header), detail_export::csv_cell(r->unit),
                             key, format_csv_number(*v, false));  // as the summary CSV: floats
  }
  return out;
}

AIPERF_DECL void write_timeslice_artifacts(std::vector<timeslice> const& slices, std::filesystem::path const& json_path,
                                           std::filesystem::path const& csv_path, std::string_view input_config_json) {
  if (slices.empty()) return;
  write_file_atomically(json_path, render_timeslices_json(slices, input_config_json));
  write_file_atomically(csv_path, render_timeslices_csv(slices));
}

}  // namespace results
}  // namespace v0
}  // namespace aiperf
