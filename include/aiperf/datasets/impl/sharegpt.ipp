// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/impl/sharegpt.ipp — definitions for sharegpt.hpp: the local file is parsed
// with simdjson's On-Demand API (one pass, no DOM of the ~670 MB array; strings stay in the
// parser's buffer), token counts are taken on a few threads, then the filter keeps file order.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/datasets/sharegpt.hpp>
#include <aiperf/detail/parallel_for.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <simdjson.h>

#include <algorithm>
#include <unordered_set>

namespace aiperf {
inline namespace v0 {
namespace datasets {

AIPERF_DECL std::filesystem::path locate_public_dataset(std::filesystem::path const& given, std::string_view file_name,
                                                        std::string_view url) {
  std::error_code ec;
  const std::filesystem::path dir = given.empty() ? std::filesystem::path(public_dataset_cache_dir) : given;
  if (!given.empty() && std::filesystem::is_regular_file(given, ec)) return given;
  const std::filesystem::path candidate = dir / file_name;
  if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
  throw trace_error("no local copy of " + std::string(file_name) + " (looked for " + candidate.string() +
                    "); this build downloads nothing: download " + std::string(url) +
                    " and give the file, or its directory, with --input-file");
}

AIPERF_DECL sharegpt_skip sharegpt_filter(std::int64_t prompt_tokens, std::int64_t completion_tokens,
                                          bool check_completion) noexcept {
  if (prompt_tokens < sharegpt_min_tokens) return sharegpt_skip::prompt_too_short;
  if (prompt_tokens > sharegpt_max_prompt_tokens) return sharegpt_skip::prompt_too_long;
  if (completion_tokens < (check_completion ? sharegpt_min_tokens : 1)) return sharegpt_skip::completion_too_short;
  if (prompt_tokens + completion_tokens > sharegpt_max_total_tokens) return sharegpt_skip::total_too_long;
  return sharegpt_skip::keep;
}

namespace sharegpt_impl {

/// One entry of the array, its strings still in the parser's buffer.
struct entry {
  std::string_view id, prompt, completion;
  bool enough_messages = false;
  std::int64_t prompt_tokens = -1, completion_tokens = -1;
};

/// Reads the array; trace_errors name FILE:LINE (the line where the entry starts) and the field.
class reader {
 public:
  explicit reader(std::filesystem::path const& file) : file_(file) {
    if (auto err = simdjson::padded_string::load(file.string()).get(json_))
      throw trace_error(file.string() + ": cannot read the file (" + simdjson::error_message(err) + ")");
  }

  std::vector<entry> entries() {
    simdjson::ondemand::document doc;
    simdjson::ondemand::array items;
    if (parser_.iterate(json_).get(doc) || doc.get_array().get(items))
      throw trace_error(file_.string() + ":1: expected a JSON array of {\"id\", \"conversations\"} entries (ShareGPT)");
    std::vector<entry> out;
    for (auto item : items) {
      const char* at = nullptr;
      if (doc.current_location().get(at)) at = nullptr;
      simdjson::ondemand::object obj;
      if (auto err = item.get_object().get(obj)) fail(at, out.size(), "", "expected an {id, conversations} object", err);
      out.push_back(read_entry(obj, at, out.size()));
    }
    return out;
  }

 private:
  entry read_entry(simdjson::ondemand::object& obj, const char* at, std::size_t index) {
    entry e;
    simdjson::ondemand::value v;
    if (!obj.find_field_unordered("id").get(v)) {
      std::string_view id;
      if (!v.get_string().get(id)) e.id = id;
    }
    simdjson::ondemand::array messages;
    auto field = obj.find_field_unordered("conversations");
    if (auto err = field.get(v)) {
      if (err != simdjson::NO_SUCH_FIELD) fail(at, index, "conversations", "not valid JSON", err);
      return e;  // no messages: skipped by the filter
    }
    if (auto err = v.get_array().get(messages)) fail(at, index, "conversations", "expected a list of messages", err);
    std::size_t i = 0;
    for (auto message : messages) {
      const std::string name = "conversations[" + std::to_string(i) + "]";
      simdjson::ondemand::object m;
      std::string_view text;
      if (auto err = message.get_object().get(m)) fail(at, index, name, "expected a {from, value} object", err);
      if (auto err = m.find_field_unordered("value").get_string().get(text))
        fail(at, index, name + ".value", "expected a string", err);
      (i == 0 ? e.prompt : e.completion) = text;
      if (++i == 2) break;  // the rest of the conversation is skipped unread
    }
    e.enough_messages = i == 2;
    return e;
  }

  [[noreturn]] void fail(const char* at, std::size_t index, std::string const& field, std::string_view problem,
                         simdjson::error_code err) const {
    std::size_t line = 1;
    const char* begin = json_.data();
    if (at != nullptr && at >= begin && at <= begin + json_.size()) line += static_cast<std::size_t>(std::count(begin, at, '\n'));
    std::string msg = file_.string() + ":" + std::to_string(line) + ": entry " + std::to_string(index);
    if (!field.empty()) msg += ": " + field;
    msg += ": " + std::string(problem);
    if (err == simdjson::TAPE_ERROR || err == simdjson::UNCLOSED_STRING || err == simdjson::INCOMPLETE_ARRAY_OR_OBJECT)
      msg += std::string(" (") + simdjson::error_message(err) + ")";
    throw trace_error(msg);
  }

  std::filesystem::path file_;
  simdjson::padded_string json_;
  simdjson::ondemand::parser parser_;
};

inline void count(sharegpt_report& r, sharegpt_skip why) {
  switch (why) {
    case sharegpt_skip::keep: ++r.kept; break;
    case sharegpt_skip::too_few_messages: ++r.too_few_messages; break;
    case sharegpt_skip::prompt_too_short: ++r.prompt_too_short; break;
    case sharegpt_skip::completion_too_short: ++r.completion_too_short; break;
    case sharegpt_skip::prompt_too_long: ++r.prompt_too_long; break;
    case sharegpt_skip::total_too_long: ++r.total_too_long; break;
  }
}

}  // namespace sharegpt_impl

AIPERF_DECL std::vector<conversation> load_sharegpt(std::filesystem::path const& file, bool check_completion,
                                                    dataset_context const& ctx, sharegpt_report* report) {
  if (ctx.tok == nullptr) throw std::invalid_argument("sharegpt: a tokenizer is required");
  sharegpt_impl::reader reader(file);
  std::vector<sharegpt_impl::entry> entries = reader.entries();

  // Token counts, on a few threads.  A prompt outside [4, 1024] tokens is skipped whatever its
  // reply, so that reply is not counted.
  tokenizer const& tok = *ctx.tok;
  detail::parallel_for(entries.size(), detail::dataset_threads(), [&](unsigned, std::size_t i) {
    auto& e = entries[i];
    if (!e.enough_messages) return;
    e.prompt_tokens = static_cast<std::int64_t>(tok.count(e.prompt));
    if (e.prompt_tokens >= sharegpt_min_tokens && e.prompt_tokens <= sharegpt_max_prompt_tokens)
      e.completion_tokens = static_cast<std::int64_t>(tok.count(e.completion));
  });

  sharegpt_report r;
  r.entries = entries.size();
  std::vector<conversation> out;
  std::unordered_set<std::string_view> ids;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    auto const& e = entries[i];
    const sharegpt_skip why =
        e.enough_messages ? sharegpt_filter(e.prompt_tokens, e.completion_tokens, check_completion) : sharegpt_skip::too_few_messages;
    sharegpt_impl::count(r, why);
    if (why != sharegpt_skip::keep) continue;
    conversation c;
    // The entry's id joins profile_export.jsonl to the file; a missing or repeated one gets the index.
    c.id = !e.id.empty() && ids.insert(e.id).second ? std::string(e.id) : "sharegpt-" + std::to_string(i);
    turn t;
    t.text = std::string(e.prompt);
    t.input_tokens = e.prompt_tokens;
    t.max_tokens = e.completion_tokens;
    c.turns.push_back(std::move(t));
    out.push_back(std::move(c));
  }
  if (report) *report = r;
  if (out.empty())
    throw trace_error(file.string() + ": no entry passes the ShareGPT length filter (" + describe(r, file) + ")");
  return out;
}

AIPERF_DECL std::string describe(sharegpt_report const& r, std::filesystem::path const& file) {
  return "ShareGPT " + file.string() + ": " + std::to_string(r.kept) + " of " + std::to_string(r.entries) +
         " entries kept; skipped: " + std::to_string(r.too_few_messages) + " with fewer than 2 messages, " +
         std::to_string(r.prompt_too_short) + " prompts < 4 tokens, " + std::to_string(r.completion_too_short) +
         " replies too short, " + std::to_string(r.prompt_too_long) + " prompts > 1024 tokens, " +
         std::to_string(r.total_too_long) + " prompt + reply > 2048 tokens";
}

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf
