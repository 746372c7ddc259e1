// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/impl/prepared_dataset.ipp — definitions for prepared_dataset.hpp: prompt markers
// and splicing shared prompt blocks into request bodies.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/json_text.hpp>
#include <aiperf/runner/prepared_dataset.hpp>

#include <charconv>

namespace aiperf {
inline namespace v0 {
namespace detail {

inline constexpr std::string_view prompt_marker_open = "@@aiperf@prompt@";
inline constexpr std::string_view prompt_marker_close = "@@";

AIPERF_DECL std::string prompt_marker(std::size_t t) {
  return std::string(prompt_marker_open) + std::to_string(t) + std::string(prompt_marker_close);
}

AIPERF_DECL bool has_prompt_blocks(conversation const& c) noexcept {
  for (auto const& t : c.turns)
    if (!t.prompt_blocks.empty()) return true;
  return false;
}

AIPERF_DECL conversation with_prompt_markers(conversation const& c) {
  conversation m;
  m.id = c.id;
  m.system_message = c.system_message;
  m.turns_carry_history = c.turns_carry_history;
  m.turns.reserve(c.turns.size());
  for (std::size_t t = 0; t < c.turns.size(); ++t) {
    turn copy = c.turns[t];
    if (!copy.prompt_blocks.empty()) {
      copy.text = prompt_marker(t);
      copy.prompt_blocks.clear();
    }
    m.turns.push_back(std::move(copy));
  }
  return m;
}

AIPERF_DECL conversation with_prompt_texts(conversation const& c) {
  conversation j = c;
  for (auto& t : j.turns) {
    t.text = prompt_text(t);
    t.prompt_blocks.clear();
  }
  return j;
}

AIPERF_DECL std::optional<spliced_body> splice_prompt_blocks(std::string_view body, conversation const& c,
                                                             prepared_dataset& data) {
  // A block is written as it is when JSON escaping would not change it (the built-in corpus
  // has no quotes, backslashes or control characters), else as one escaped copy per block.
  auto json_view = [&](std::string_view block) -> std::string_view {
    const std::pair key{block.data(), block.size()};
    auto [known, fresh] = data.block_json.try_emplace(key);
    if (!fresh) return known->second;
    if (json_escape_is_identity(block)) return known->second = block;
    std::string& escaped = data.escaped_blocks[key];
    append_json_escaped(escaped, block);
    return known->second = escaped;
  };
  spliced_body out;
  bool found = false;
  std::size_t at = 0;
  while (true) {
    const std::size_t m = body.find(prompt_marker_open, at);
    if (m == std::string_view::npos) break;
    const std::size_t digits = m + prompt_marker_open.size();
    std::size_t t = 0;
    auto [end, ec] = std::from_chars(body.data() + digits, body.data() + body.size(), t);
    const auto end_at = static_cast<std::size_t>(end - body.data());
    if (ec != std::errc{} || body.substr(end_at, prompt_marker_close.size()) != prompt_marker_close || t >= c.turns.size() ||
        c.turns[t].prompt_blocks.empty())
      return std::nullopt;
    out.own.append(body.substr(at, m - at));
    for (std::string_view block : c.turns[t].prompt_blocks) {
      const std::string_view v = json_view(block);
      out.pieces.push_back(wire_piece{out.own.size(), v});
      out.size += v.size();
    }
    at = end_at + prompt_marker_close.size();
    found = true;
  }
  if (!found) return std::nullopt;
  out.own.append(body.substr(at));
  out.size += out.own.size();
  return out;
}

AIPERF_DECL void attach_head(std::string head, spliced_body&& body, prepared_turn& out) {
  const std::size_t shift = head.size();
  out.wire = std::move(head);
  out.wire += body.own;
  out.pieces = std::move(body.pieces);
  for (auto& p : out.pieces) p.own_end += shift;
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
