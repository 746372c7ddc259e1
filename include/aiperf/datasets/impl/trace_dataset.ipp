// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/impl/trace_dataset.ipp — definitions for trace_dataset.hpp: hash-id blocks and
// the row pipeline (offsets -> max ISL/OSL -> sessions -> speed-up -> prompts).
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/datasets/corpus.hpp>
#include <aiperf/datasets/prompt_generator.hpp>
#include <aiperf/datasets/trace_dataset.hpp>
#include <aiperf/datasets/trace_synthesis.hpp>
#include <aiperf/detail/parallel_for.hpp>
#include <aiperf/detail/rng.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <range/v3/algorithm/stable_sort.hpp>
#include <range/v3/view/filter.hpp>
#include <range/v3/view/transform.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace aiperf {
inline namespace v0 {
namespace datasets {

namespace trace_impl {
/// Texts packed back to back in large slabs: one allocation per 8 MiB instead of one per
/// block, no spare capacity, and a text never moves once stored (views into it stay valid).
struct text_arena {
  static constexpr std::size_t slab_bytes = std::size_t{8} << 20;
  std::vector<std::unique_ptr<char[]>> slabs = {};
  std::size_t used = 0, capacity = 0;
  std::string_view store(std::string_view text) {
    if (text.size() > capacity - used) {
      capacity = std::max(slab_bytes, text.size());
      slabs.push_back(std::make_unique_for_overwrite<char[]>(capacity));
      used = 0;
    }
    char* at = slabs.back().get() + used;
    std::memcpy(at, text.data(), text.size());
    used += text.size();
    return {at, text.size()};
  }
};
}  // namespace trace_impl
using trace_impl::text_arena;

struct hash_block_prompts::state {
  struct key_hash {
    std::size_t operator()(std::pair<std::int64_t, std::size_t> k) const noexcept {
      return static_cast<std::size_t>(
          aiperf::detail::mix64(static_cast<std::uint64_t>(k.first) * 0x9e3779b97f4a7c15ULL + k.second));
    }
  };
  std::shared_ptr<token_corpus const> corpus;
  std::uint64_t seed;
  prompt_generator fresh;  // texts for rows without hash ids
  std::unordered_map<std::pair<std::int64_t, std::size_t>, std::string_view, key_hash> blocks = {};
  text_arena texts = {};
  std::vector<text_arena> generated = {};  // arenas filled by generate()'s threads
  std::string scratch = {};  // where a text is generated before it is stored
  std::size_t bytes = 0;

  /// Replaces `out` with the text of block (id, size).  Reseeded per block: a block's text does
  /// not depend on which row asked for it first, nor on which thread made it.
  void write_block(std::int64_t id, std::size_t size, std::string& out) const {
    prompt_generator g(corpus, aiperf::detail::derive_seed(seed, "trace.hash_block", static_cast<std::uint64_t>(id)));
    out.clear();
    g.generate_into(size, out);
  }
};

AIPERF_DECL hash_block_prompts::hash_block_prompts(tokenizer const& tok, std::uint64_t seed, std::size_t block_size)
    : block_size_(block_size) {
  if (block_size == 0) throw std::invalid_argument("hash-id block size must be >= 1 token");
  auto corpus = token_corpus::builtin(tok);
  s_ = std::make_shared<state>(
      state{corpus, seed, prompt_generator(corpus, aiperf::detail::derive_seed(seed, "trace.fresh"))});
}

AIPERF_DECL std::size_t hash_block_prompts::unique_blocks() const noexcept { return s_->blocks.size(); }
AIPERF_DECL std::size_t hash_block_prompts::unique_block_bytes() const noexcept { return s_->bytes; }

AIPERF_DECL std::string_view hash_block_prompts::block(std::int64_t id, std::size_t size) {
  auto [it, fresh] = s_->blocks.try_emplace({id, size});
  if (fresh) {
    s_->write_block(id, size, s_->scratch);
    it->second = s_->texts.store(s_->scratch);
    s_->bytes += it->second.size();
  }
  return it->second;
}

AIPERF_DECL std::vector<std::pair<std::int64_t, std::size_t>> hash_block_prompts::layout(
    std::int64_t input_length, std::span<const std::int64_t> hash_ids) const {
  const auto m = static_cast<std::int64_t>(hash_ids.size());
  const auto b = static_cast<std::int64_t>(block_size_);
  const std::int64_t final_size = input_length - (m - 1) * b;  // spec §7.5: must be in 1..b
  if (m == 0 || final_size <= 0 || final_size > b)
    throw std::invalid_argument(fmt::format(
        "Input length: {}, Hash IDs: [{}], Block size: {} are not compatible. The final hash block size: {} must be "
        "greater than 0 and less than or equal to {}.",
        input_length, fmt::join(hash_ids, ", "), b, final_size, b));
  std::vector<std::pair<std::int64_t, std::size_t>> out;
  out.reserve(hash_ids.size());
  for (std::int64_t i = 0; i < m; ++i)
    out.emplace_back(hash_ids[static_cast<std::size_t>(i)], static_cast<std::size_t>(i == m - 1 ? final_size : b));
  return out;
}

AIPERF_DECL void hash_block_prompts::generate(std::span<const std::pair<std::int64_t, std::size_t>> keys,
                                              unsigned threads) {
  std::vector<std::pair<std::int64_t, std::size_t>> todo;
  for (auto k : keys)
    if (!s_->blocks.contains(k)) todo.push_back(k);
  std::sort(todo.begin(), todo.end());
  todo.erase(std::unique(todo.begin(), todo.end()), todo.end());
  threads = static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(1, todo.size() / 64)));
  std::vector<text_arena> arenas(threads);
  std::vector<std::string> scratch(threads);
  std::vector<std::string_view> made(todo.size());
  // Out of memory in a worker is rethrown here.
  detail::parallel_for(todo.size(), threads, [&](unsigned t, std::size_t i) {
    s_->write_block(todo[i].first, todo[i].second, scratch[t]);
    made[i] = arenas[t].store(scratch[t]);
  });
  s_->blocks.reserve(s_->blocks.size() + todo.size());
  for (std::size_t i = 0; i < todo.size(); ++i) {
    s_->blocks.emplace(todo[i], made[i]);
    s_->bytes += made[i].size();
  }
  for (auto& a : arenas) s_->generated.push_back(std::move(a));
}

AIPERF_DECL void hash_block_prompts::append_prompt(std::int64_t input_length, std::span<const std::int64_t> hash_ids,
                                                   std::vector<std::string_view>& out) {
  if (input_length <= 0) throw std::invalid_argument("input_length must be >= 1");
  if (hash_ids.empty()) {
    s_->scratch.clear();
    s_->fresh.generate_into(static_cast<std::size_t>(input_length), s_->scratch);
    out.push_back(s_->texts.store(s_->scratch));
    s_->bytes += s_->scratch.size();
    return;
  }
  for (auto [id, size] : layout(input_length, hash_ids)) out.push_back(block(id, size));
}

AIPERF_DECL std::string describe(trace_load_report const& r, std::filesystem::path const& file, trace_format format) {
  std::string s = fmt::format("Trace {} ({}): {} rows read", file.string(), trace_format_name(format), r.rows);
  if (r.skipped_by_offsets > 0) s += fmt::format(", {} outside the start/end offsets", r.skipped_by_offsets);
  if (r.skipped_by_max_isl > 0) s += fmt::format(", {} skipped over --synthesis-max-isl", r.skipped_by_max_isl);
  if (r.capped_by_max_osl > 0) s += fmt::format(", {} output lengths capped at --synthesis-max-osl", r.capped_by_max_osl);
  if (r.synthesized) s += ", synthesis transform applied (hash ids and input lengths multiplied, output lengths resampled)";
  s += fmt::format("; {} prompt tokens, {} unique hash blocks, {} bytes of prompt text stored once ({:.1f} MB)",
                   r.prompt_tokens, r.unique_blocks, r.unique_block_bytes, static_cast<double>(r.unique_block_bytes) / 1e6);
  return s;
}

namespace trace_impl {
/// The synthesis transform on the grouped rows, in session order, in place (timestamps are
/// divided by the speed-up later, with every row's).
inline void synthesize_rows(std::vector<std::vector<trace_row*>> const& sessions, trace_load_options const& o,
                            std::size_t block_size, std::uint64_t seed, std::filesystem::path const& file) {
  std::vector<trace_row> grouped;
  for (auto const& members : sessions)
    for (trace_row const* row : members) grouped.push_back(*row);
  synthesis_params p;
  p.block_size = std::max<std::size_t>(block_size, 1);
  p.prefix_len_multiplier = o.prefix_len_multiplier;
  p.prefix_root_multiplier = o.prefix_root_multiplier;
  p.prompt_len_multiplier = o.prompt_len_multiplier;
  p.seed = seed;
  std::vector<trace_row> out = synthesize_trace(grouped, p, file);
  pick_prefix_trees(out, o.prefix_root_multiplier, seed);
  auto next = out.begin();
  for (auto const& members : sessions)
    for (trace_row* row : members) *row = std::move(*next++);
}
}  // namespace trace_impl
using trace_impl::synthesize_rows;

AIPERF_DECL std::vector<conversation> load_trace_conversations(std::filesystem::path const& file, trace_format format,
                                                               trace_load_options const& o, dataset_context const& ctx,
                                                               trace_load_report* report) {
  if (ctx.tok == nullptr) throw std::invalid_argument(std::string(trace_format_name(format)) + ": a tokenizer is required");
  if (!(o.speedup_ratio > 0) || !std::isfinite(o.speedup_ratio))
    throw std::invalid_argument(fmt::format("--synthesis-speedup-ratio must be > 0, got {}", o.speedup_ratio));
  trace_load_report r;
  std::vector<trace_row> rows = read_trace(file, format);
  r.rows = rows.size();
  // Rows that carry their own request (messages, payload) are literal: nothing to synthesize,
  // and a delta row means nothing without every earlier row of its session.
  for (trace_row const& row : rows) {
    const bool literal = !row.messages.empty() || !row.payload.empty();
    if (literal && (o.prefix_len_multiplier != 1.0 || o.prompt_len_multiplier != 1.0 || o.prefix_root_multiplier != 1))
      throw trace_error(fmt::format("{}:{}: the --synthesis-* multipliers cannot be applied to a '{}' row (its request "
                                    "is literal, not input_length / hash_ids)",
                                    file.string(), row.line, row.messages.empty() ? "payload" : "messages"));
    if (row.delta && (o.start_offset_ms || o.end_offset_ms))
      throw trace_error(fmt::format("{}:{}: --fixed-schedule-start-offset / --fixed-schedule-end-offset cannot be used "
                                    "with message_mode='delta' rows (a delta needs every earlier row of its session)",
                                    file.string(), row.line));
  }

  auto in_offsets = [&](trace_row const& row) {
    const bool keep = !row.timestamp_ms || ((!o.start_offset_ms || *row.timestamp_ms >= *o.start_offset_ms) &&
                                            (!o.end_offset_ms || *row.timestamp_ms <= *o.end_offset_ms));
    r.skipped_by_offsets += keep ? 0 : 1;
    return keep;
  };
  auto within_max_isl = [&](trace_row const& row) {
    const bool keep = !o.max_isl || row.input_length <= *o.max_isl;
    r.skipped_by_max_isl += keep ? 0 : 1;
    return keep;
  };
  auto cap_osl = [&](trace_row& row) -> trace_row& {
    if (o.max_osl && row.output_length > *o.max_osl) row.output_length = *o.max_osl, ++r.capped_by_max_osl;
    return row;
  };

  // Sessions in order of their first row; a row without a session id is its own session.
  std::vector<std::vector<trace_row*>> sessions;
  std::unordered_map<std::string, std::size_t> session_of;
  std::vector<std::string> session_names;
  for (trace_row& row : rows | ranges::views::filter(in_offsets) | ranges::views::filter(within_max_isl) |
                            ranges::views::transform(cap_osl)) {
    auto [it, fresh] = row.session_id.empty() ? std::pair{session_of.end(), true}
                                              : session_of.try_emplace(row.session_id, sessions.size());
    if (fresh) {
      sessions.emplace_back();
      session_names.push_back(row.session_id.empty() ? fmt::format("line-{}", row.line) : row.session_id);
    }
    sessions[row.session_id.empty() ? sessions.size() - 1 : it->second].push_back(&row);
  }

  // BurstGPT has no hash ids (block size 0): its prompts are all fresh texts.
  const std::size_t block_size = o.block_size > 0 ? o.block_size : default_block_size(format);
  hash_block_prompts blocks(*ctx.tok, ctx.seed, std::max<std::size_t>(block_size, 1));
  const std::shared_ptr<const void> storage = blocks.storage();

  // Every block of the trace, generated up front on every core.  The layouts are checked here,
  // so a bad row is reported before any work is spent on blocks.
  auto where = [&](trace_row const& row) {
    return file.string() + ":" + std::to_string(row.line) + ": " + (r.synthesized ? "after the synthesis transform: " : "");
  };
  for (auto& members : sessions) ranges::stable_sort(members, {}, [](trace_row const* row) { return row->turn; });
  // A session is all synthesized prompts, all `messages` rows (all history or all delta), or all
  // `payload` rows (upstream's rules and messages).
  for (auto const& members : sessions) {
    std::size_t msgs = 0, payloads = 0, deltas = 0;
    for (trace_row const* row : members) {
      msgs += row->messages.empty() ? 0 : 1;
      payloads += row->payload.empty() ? 0 : 1;
      deltas += row->delta ? 1 : 0;
    }
    const std::string at = file.string() + ":" + std::to_string(members.front()->line) + ": ";
    if (msgs > 0 && payloads > 0)
      throw trace_error(fmt::format("{}mooncake trace: mixed session contains {} `messages` trace(s) and {} `payload` "
                                    "trace(s); each session must use exactly one mode. Split the offending sessions or "
                                    "convert all entries to a single self-contained mode.",
                                    at, msgs, payloads));
    if (msgs + payloads > 0 && msgs + payloads != members.size())
      throw trace_error(at + "Mixed Mooncake sessions with both raw `messages`/`payload` and synthesized prompts are "
                             "unsupported.");
    if (deltas > 0 && deltas != members.size())
      throw trace_error(at + "a session mixes message_mode='delta' and message_mode='history' rows; use one mode for "
                             "every row of the session");
  }
  if (o.prefix_len_multiplier != 1.0 || o.prompt_len_multiplier != 1.0 || o.prefix_root_multiplier != 1) {
    synthesize_rows(sessions, o, block_size, ctx.seed, file);
    r.synthesized = true;
  }
  std::vector<std::pair<std::int64_t, std::size_t>> keys;
  for (auto const& members : sessions)
    for (trace_row const* row : members) {
      if (row->hash_ids.empty() || row->input_length <= 0) continue;
      try {
        for (auto key : blocks.layout(row->input_length, row->hash_ids)) keys.push_back(key);
      } catch (std::invalid_argument const& e) {
        throw trace_error(where(*row) + e.what());
      }
    }
  blocks.generate(keys, detail::dataset_threads());

  std::vector<conversation> out;
  out.reserve(sessions.size());
  for (std::size_t s = 0; s < sessions.size(); ++s) {
    auto const& members = sessions[s];
    conversation c;
    c.id = session_names[s];
    c.shared_text = storage;
    // A Bailian row holds its whole context, as do `messages` rows in history mode and `payload`
    // rows (sent verbatim); delta `messages` rows accumulate (spec §7.6.4).
    c.turns_carry_history = format != trace_format::bailian &&
                            (members.front()->delta || (members.front()->messages.empty() && members.front()->payload.empty()));
    c.turns.reserve(members.size());
    for (trace_row const* row : members) {
      turn t;
      if (row->input_length > 0) {
        try {
          blocks.append_prompt(row->input_length, row->hash_ids, t.prompt_blocks);
        } catch (std::invalid_argument const& e) {
          throw trace_error(where(*row) + e.what());
        }
        t.input_tokens = row->input_length;
      } else if (!row->payload.empty() || !row->messages.empty()) {
        t.raw_payload = row->payload;
        t.raw_messages = row->messages;
        t.raw_tools = row->tools;
        // What the request says in words (message contents, a payload's prompt); a delta row
        // counts its own messages only, as a synthesized turn counts its own prompt.
        t.input_tokens = static_cast<std::int64_t>(ctx.tok->count(row->raw_text));
      } else {
        t.text = row->text_input;
        t.input_tokens = static_cast<std::int64_t>(ctx.tok->count(t.text));
      }
      t.extra_body = row->extra;
      r.prompt_tokens += static_cast<std::size_t>(t.input_tokens);
      t.max_tokens = row->output_length;
      if (row->timestamp_ms) t.timestamp_ms = static_cast<std::int64_t>(std::floor(*row->timestamp_ms / o.speedup_ratio));
      // The speed-up applies to timestamps only (spec §2.9): think times are the user's, not the trace's clock.
      if (row->delay_ms) t.delay_ms = static_cast<std::int64_t>(std::llround(*row->delay_ms));
      c.turns.push_back(std::move(t));
    }
    out.push_back(std::move(c));
  }
  r.unique_blocks = blocks.unique_blocks();
  r.unique_block_bytes = blocks.unique_block_bytes();
  if (report) *report = r;
  return out;
}

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf
