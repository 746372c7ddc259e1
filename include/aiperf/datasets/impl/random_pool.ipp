// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/impl/random_pool.ipp — definitions for random_pool.hpp (items are read by
// single_turn.ipp's record reader).
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/datasets/impl/single_turn.ipp>
#include <aiperf/datasets/random_pool.hpp>
#include <aiperf/detail/rng.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <algorithm>

namespace aiperf {
inline namespace v0 {
namespace datasets {

namespace trace_impl {
/// An item's texts one by one, named (turn::texts): `text`, or each string of `texts` under the
/// pool's name; a `{name, contents}` object keeps its own name (the pool's when it has none).
/// read_text_turn has checked the shapes already.
inline std::vector<named_texts> pool_item_texts(json_line const& j, std::string const& pool_name) {
  std::vector<named_texts> out;
  if (auto text = j.string("text")) {
    out.push_back({pool_name, {*text}});
    return out;
  }
  simdjson::dom::array items;
  if (auto texts = j.element("texts"); !texts || texts->get(items)) return out;
  named_texts plain{pool_name, {}};
  for (simdjson::dom::element item : items) {
    std::string_view s;
    simdjson::dom::array contents;
    if (!item.get(s)) {
      plain.contents.emplace_back(s);
    } else if (!item["contents"].get(contents)) {
      named_texts group{pool_name, {}};
      if (std::string_view name; !item["name"].get(name) && !name.empty()) group.name = std::string(name);
      for (simdjson::dom::element c : contents)
        if (!c.get(s)) group.contents.emplace_back(s);
      out.push_back(std::move(group));
    }
  }
  if (!plain.contents.empty()) out.insert(out.begin(), std::move(plain));
  return out;
}
}  // namespace trace_impl

AIPERF_DECL std::vector<std::filesystem::path> random_pool_files(std::filesystem::path const& input) {
  std::error_code ec;
  if (!std::filesystem::is_directory(input, ec)) {
    if (!std::filesystem::exists(input, ec)) throw trace_error(input.string() + ": no such file or directory");
    return {input};
  }
  std::vector<std::filesystem::path> files;
  for (auto const& entry : std::filesystem::directory_iterator(input, ec))
    if (entry.is_regular_file(ec)) files.push_back(entry.path());
  if (ec) throw trace_error(input.string() + ": cannot list the directory (" + ec.message() + ")");
  if (files.empty()) throw trace_error(input.string() + ": no pool files in the directory (one JSONL file per pool)");
  std::sort(files.begin(), files.end(), [](auto const& a, auto const& b) { return a.filename() < b.filename(); });
  return files;
}

AIPERF_DECL std::vector<conversation> load_random_pool(std::filesystem::path const& input, std::size_t conversations,
                                                       dataset_context const& ctx) {
  if (ctx.tok == nullptr) throw std::invalid_argument("random_pool: a tokenizer is required");
  if (conversations == 0) throw std::invalid_argument("random_pool: at least one conversation is needed");
  // Every pool is read and checked whole before anything is drawn.
  std::vector<std::vector<turn>> pools;
  simdjson::dom::parser parser;
  trace_impl::media_store media;
  for (auto const& file : random_pool_files(input)) {
    const std::string text = trace_impl::read_trace_text(file);
    auto& pool = pools.emplace_back();
    trace_impl::for_each_line(text, [&](std::size_t no, std::string_view line) {
      trace_impl::json_line j(parser, line, file, no);
      for (auto field : {"timestamp", "delay", "session_id", "role", "output_length"})
        if (j.has(field))
          j.fail(field, "not a random_pool field: items are prompts, drawn at random into single-turn conversations");
      turn item = trace_impl::read_text_turn(j, *ctx.tok, media);
      // Named by the pool (file stem: queries.jsonl -> "queries") unless the item names them;
      // rankings read the "query"/"queries" and "passages" groups (spec §7.6.3, §8.9).
      item.texts = trace_impl::pool_item_texts(j, file.stem().string());
      pool.push_back(std::move(item));
    });
    if (pool.empty()) throw trace_error(file.string() + ": no items in the pool");
  }

  // Each pool draws one item per conversation, pool after pool (so adding a pool does not
  // change what the earlier pools draw).  One pool: the item is the turn as it was read.
  // Several: the texts are joined (and kept one by one in `texts`), the media appended in pool
  // order, and a later pool's `extra` member wins over an earlier one's.
  detail::rng g(detail::derive_seed(ctx.seed, "dataset.loader.random_pool"));
  std::vector<turn> turns(conversations);
  for (auto const& pool : pools)
    for (auto& t : turns) {
      turn const& item = pool[g() % pool.size()];
      if (&pool == &pools.front()) {
        t = item;
        continue;
      }
      auto texts_of = [](turn const& x) {
        return !x.texts.empty() ? x.texts
               : x.text.empty() ? std::vector<named_texts>{}
                                : std::vector<named_texts>{named_texts{"text", {x.text}}};
      };
      std::vector<named_texts> texts = texts_of(t);
      for (auto& g : texts_of(item)) texts.push_back(std::move(g));
      t.texts = std::move(texts);
      if (!item.text.empty()) t.text += t.text.empty() ? item.text : " " + item.text;
      t.input_tokens = -1;  // counted once joined
      t.images.insert(t.images.end(), item.images.begin(), item.images.end());
      t.audios.insert(t.audios.end(), item.audios.begin(), item.audios.end());
      t.videos.insert(t.videos.end(), item.videos.begin(), item.videos.end());
      for (auto const& kv : item.extra_body) {
        auto it = std::find_if(t.extra_body.begin(), t.extra_body.end(), [&](auto const& m) { return m.first == kv.first; });
        if (it != t.extra_body.end()) it->second = kv.second;
        else t.extra_body.push_back(kv);
      }
    }
  std::vector<conversation> out;
  out.reserve(conversations);
  for (std::size_t i = 0; i < conversations; ++i) {
    conversation c;
    c.id = "pool-" + std::to_string(i);
    c.turns_carry_history = false;
    if (turns[i].input_tokens < 0) turns[i].input_tokens = static_cast<std::int64_t>(ctx.tok->count(turns[i].text));
    c.turns.push_back(std::move(turns[i]));
    out.push_back(std::move(c));
  }
  media.log_summary(ctx);
  if (ctx.log) {
    std::size_t items = 0;
    for (auto const& pool : pools) items += pool.size();
    ctx.log("random_pool: " + std::to_string(pools.size()) + " pool(s), " + std::to_string(items) + " items; " +
            std::to_string(conversations) + " conversations drawn with replacement");
  }
  return out;
}

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf
