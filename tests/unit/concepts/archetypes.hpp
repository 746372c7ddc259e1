// SPDX-License-Identifier: Apache-2.0
// Archetypes: the least a type needs to model each concept (mp-units' min_impl idea).  Each has
// only the required members, so a library change that starts requiring more breaks these first;
// tests/unit/concepts/archetypes.cpp runs them together through run_benchmark.
#pragma once
#include <aiperf/concepts/dataset.hpp>
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/concepts/metric.hpp>
#include <aiperf/concepts/schedule.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf_test::archetypes {

/// Closed loop, forever: every credit is "as soon as a slot is free".
struct schedule {
  std::optional<aiperf::credit> next() { return aiperf::credit{}; }
  schedule shard(std::uint32_t, std::uint32_t) const { return *this; }
};

/// POSTs the turn's text to /archetype; a whole body is the answer.
struct endpoint {
  static constexpr std::string_view name = "archetype";
  bool streaming() const { return false; }
  aiperf::encoded_request encode(aiperf::conversation const& c, std::size_t turn) const {
    return {"/archetype", {}, c.turns.at(turn).text};
  }
  void on_event(std::string_view data, aiperf::response_sink& sink) { sink.content(data); }
  void on_body(std::string_view body, aiperf::response_sink& sink) { sink.content(body); }
};

/// One conversation of one turn.
struct dataset {
  std::vector<aiperf::conversation> build(aiperf::dataset_context const&) const {
    return {aiperf::conversation{.id = "archetype", .turns = {aiperf::turn{.text = "ping"}}}};
  }
};

/// One value per request: the response's length in bytes.
struct scalar_metric {
  static constexpr std::string_view tag = "archetype_scalar";
  static constexpr std::string_view header = "Archetype Scalar";
  static constexpr std::string_view unit = "bytes";
  std::optional<double> compute(aiperf::record_view const& r) const {
    if (!r.record.ok()) return std::nullopt;
    return static_cast<double>(r.record.content.size());
  }
};

/// Several values per request: the content bytes of every chunk.
struct list_metric {
  static constexpr std::string_view tag = "archetype_list";
  static constexpr std::string_view header = "Archetype List";
  static constexpr std::string_view unit = "bytes";
  void compute(aiperf::record_view const& r, std::vector<double>& out) const {
    for (auto const& c : r.record.chunks) out.push_back(c.content_bytes);
  }
};

}  // namespace aiperf_test::archetypes
