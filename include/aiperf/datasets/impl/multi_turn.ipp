// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/impl/multi_turn.ipp — definitions for multi_turn.hpp (each turn is read by
// single_turn.ipp's record reader, so the two formats accept and refuse the same fields).
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/datasets/impl/single_turn.ipp>
#include <aiperf/datasets/multi_turn.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <unordered_map>

namespace aiperf {
inline namespace v0 {
namespace datasets {

AIPERF_DECL std::vector<conversation> load_multi_turn(std::filesystem::path const& file, dataset_context const& ctx) {
  if (ctx.tok == nullptr) throw std::invalid_argument("multi_turn: a tokenizer is required");
  const std::string text = trace_impl::read_trace_text(file);
  std::vector<conversation> out;
  std::unordered_map<std::string, std::size_t> session_of;
  simdjson::dom::parser parser;
  trace_impl::media_store media;
  trace_impl::for_each_line(text, [&](std::size_t no, std::string_view line) {
    trace_impl::json_line j(parser, line, file, no);
    const auto turns = j.element("turns");
    simdjson::dom::array items;
    if (!turns) j.fail("turns", "required: the conversation's turns, a list of single_turn records");
    if (turns->get(items)) j.fail("turns", "expected a list of single_turn records");
    if (items.size() == 0) throw trace_error(j.prefix() + "At least one turn must be provided");

    const std::string session = j.id("session_id").value_or("");
    auto [it, fresh] = session_of.try_emplace(session.empty() ? "line-" + std::to_string(no) : session, out.size());
    if (fresh) {
      conversation c;
      c.id = it->first;
      c.turns_carry_history = true;  // turn k is sent after turns 0..k-1 (spec §7.6.2, §7.8)
      out.push_back(std::move(c));
    }
    conversation& c = out[it->second];
    std::size_t i = 0;
    for (simdjson::dom::element item : items) {
      const std::string path = "turns[" + std::to_string(i++) + "]";
      simdjson::dom::object obj;
      if (item.get(obj)) j.fail(path, "expected a single_turn object");
      const trace_impl::json_line tj(j, obj, path);
      turn t = trace_impl::read_text_turn(tj, *ctx.tok, media);
      const std::string role = tj.string("role").value_or("user");
      if (role == "system") {
        // Hoisted only where it is unambiguous: it opens the conversation and is not itself a
        // request (no send time, no output length).
        if (!c.turns.empty() || !c.system_message.empty())
          tj.fail("role", "a system turn must be the conversation's first turn (it becomes the system message)");
        for (auto field : {"timestamp", "delay", "output_length", "extra", "image", "images", "audio", "audios",
                           "video", "videos"})
          if (tj.has(field))
            tj.fail(field, "a system turn is the conversation's system message, not a request: it takes no " +
                               std::string(field));
        c.system_message = std::move(t.text);
        continue;
      }
      if (role != "user")
        tj.fail("role", "only 'user' turns (and a leading 'system' turn) are supported by this build, got '" + role + "'");
      c.turns.push_back(std::move(t));
    }
    if (c.turns.empty())
      throw trace_error(j.prefix() + "At least one turn must be provided (the system turn is the system message, "
                                     "not a request)");
  });
  if (out.empty()) throw trace_error(file.string() + ": no conversations in the file");
  media.log_summary(ctx);
  return out;
}

AIPERF_DECL bool looks_like_multi_turn(std::filesystem::path const& file) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (!trace_impl::first_record_object(file, parser, obj)) return false;
  simdjson::dom::array turns;
  return !obj.at_key("turns").get(turns);
}

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf
