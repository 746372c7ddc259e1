// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/impl/single_turn.ipp — definitions for single_turn.hpp (the line reader is
// trace_file.ipp's, so messages have the same FILE:LINE: FIELD form).
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/datasets/impl/trace_file.ipp>
#include <aiperf/datasets/single_turn.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <cmath>
#include <unordered_map>

namespace aiperf {
inline namespace v0 {
namespace datasets {
namespace trace_impl {

/// The prompt of one single_turn line: `text`, or `texts` joined with a space.
AIPERF_DECL std::string single_turn_prompt(json_line const& j) {
  const bool has_text = j.has("text"), has_texts = j.has("texts");
  if (has_text && has_texts) throw trace_error(j.prefix() + "text and texts cannot be set together");
  if (has_text) return *j.string("text");
  if (!has_texts) throw trace_error(j.prefix() + "At least one modality must be provided");
  simdjson::dom::array items;
  if (j.element("texts")->get(items)) j.fail("texts", "expected a list of strings or of {name, contents} objects");
  std::string out;
  auto add = [&](std::string_view s) {
    if (!out.empty()) out += ' ';
    out += s;
  };
  std::size_t i = 0;
  for (simdjson::dom::element item : items) {
    const std::string field = "texts[" + std::to_string(i++) + "]";
    std::string_view s;
    simdjson::dom::array contents;
    if (!item.get(s)) {
      add(s);
    } else if (!item["contents"].get(contents)) {
      for (simdjson::dom::element c : contents) {
        if (c.get(s)) j.fail(field + ".contents", "expected strings");
        add(s);
      }
    } else {
      j.fail(field, "expected a string or a {name, contents} object");
    }
  }
  if (out.empty()) j.fail("texts", "no text in the list");
  return out;
}

/// What a single_turn record holds besides its role and session: the fields every text record
/// shares (single_turn lines, multi_turn turns, random_pool items).  Media, `extra` and
/// `image_uuids` are refused; the prompt (`text` | `texts`) is counted with `tok`;
/// `output_length` > 0 is max_tokens; `timestamp` (floored) and `delay` (rounded) are ms.
AIPERF_DECL turn read_text_turn(json_line const& j, tokenizer const& tok) {
  for (auto field : {"image", "images", "audio", "audios", "video", "videos", "image_uuids", "extra"})
    if (j.has(field)) j.fail(field, "not supported by this build yet");
  if (j.has("timestamp") && j.has("delay")) throw trace_error(j.prefix() + "timestamp and delay cannot be set together");
  turn t;
  t.text = single_turn_prompt(j);
  t.input_tokens = static_cast<std::int64_t>(tok.count(t.text));
  if (auto osl = j.integer("output_length"); osl && *osl > 0) t.max_tokens = *osl;
  if (auto ts = j.number("timestamp")) t.timestamp_ms = static_cast<std::int64_t>(std::floor(*ts));
  if (auto delay = j.number("delay")) t.delay_ms = static_cast<std::int64_t>(std::llround(*delay));
  return t;
}

/// The first non-blank line of `file` as a JSON object; false when it is not one.
AIPERF_DECL bool first_record_object(std::filesystem::path const& file, simdjson::dom::parser& parser,
                                     simdjson::dom::object& obj) {
  const std::string line = first_record(file);
  return !parser.parse(line).get(obj);
}

}  // namespace trace_impl

AIPERF_DECL std::vector<conversation> load_single_turn(std::filesystem::path const& file, dataset_context const& ctx) {
  if (ctx.tok == nullptr) throw std::invalid_argument("single_turn: a tokenizer is required");
  const std::string text = trace_impl::read_trace_text(file);
  std::vector<conversation> out;
  std::unordered_map<std::string, std::size_t> session_of;
  simdjson::dom::parser parser;
  trace_impl::for_each_line(text, [&](std::size_t no, std::string_view line) {
    trace_impl::json_line j(parser, line, file, no);
    turn t = trace_impl::read_text_turn(j, *ctx.tok);
    if (auto role = j.string("role"); role && *role != "user")
      j.fail("role", "only 'user' turns are supported by this build, got '" + *role + "'");
    const std::string session = j.id("session_id").value_or("");
    auto [it, fresh] = session.empty() ? std::pair{session_of.end(), true} : session_of.try_emplace(session, out.size());
    if (fresh) {
      conversation c;
      c.id = session.empty() ? "line-" + std::to_string(no) : session;
      c.turns_carry_history = false;  // lines of one session are sent in order, each on its own (spec §7.6.1)
      out.push_back(std::move(c));
    }
    out[session.empty() ? out.size() - 1 : it->second].turns.push_back(std::move(t));
  });
  if (out.empty()) throw trace_error(file.string() + ": no requests in the file");
  return out;
}

AIPERF_DECL bool looks_like_single_turn(std::filesystem::path const& file) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (!trace_impl::first_record_object(file, parser, obj)) return false;
  simdjson::dom::element e;
  return !obj.at_key("text").get(e) || !obj.at_key("texts").get(e);
}

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf
