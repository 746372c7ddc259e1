// SPDX-License-Identifier: Apache-2.0
// aiperf/tokenizer/impl/bpe.ipp — definitions for bpe.hpp: the lookup tables and the merge loops.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/tokenizer/bpe.hpp>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <queue>

namespace aiperf {
inline namespace v0 {
namespace detail {

AIPERF_DECL std::uint64_t hash_bytes(std::string_view s) noexcept {
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = 0x243F6A8885A308D3ULL ^ (s.size() * k);
  char const* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * k;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * k;
    h ^= h >> 29;
  }
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 32);
}

// ---- bytes_map --------------------------------------------------------------------------------

AIPERF_DECL void bytes_map::build(std::vector<std::string> const& by_id) {
  std::size_t cap = 16;
  while (cap < by_id.size() * 2) cap <<= 1;
  mask_ = cap - 1;
  slots_.assign(cap, slot{});
  by_id_ = &by_id;
  for (std::size_t id = 0; id < by_id.size(); ++id) {
    if (by_id[id].empty()) continue;  // hole in the id space
    std::uint64_t const h = hash_bytes(by_id[id]);
    std::size_t i = h & mask_;
    while (slots_[i].id_plus1) {
      if (slots_[i].tag == static_cast<std::uint32_t>(h) && by_id[slots_[i].id_plus1 - 1] == by_id[id]) break;
      i = (i + 1) & mask_;
    }
    if (!slots_[i].id_plus1) slots_[i] = {static_cast<std::uint32_t>(h), static_cast<std::uint32_t>(id + 1)};
  }
}

AIPERF_DECL std::int64_t bytes_map::find(std::string_view s) const noexcept {
  if (slots_.empty()) return -1;
  std::uint64_t const h = hash_bytes(s);
  std::size_t i = h & mask_;
  auto const& v = *by_id_;
  while (slots_[i].id_plus1) {
    if (slots_[i].tag == static_cast<std::uint32_t>(h) && std::string_view(v[slots_[i].id_plus1 - 1]) == s)
      return slots_[i].id_plus1 - 1;
    i = (i + 1) & mask_;
  }
  return -1;
}

// ---- pair_map ---------------------------------------------------------------------------------

AIPERF_DECL void pair_map::reserve(std::size_t n) {
  std::size_t cap = 16;
  while (cap < n * 2) cap <<= 1;
  mask_ = cap - 1;
  keys_.assign(cap, empty);
  vals_.assign(cap, 0);
}

AIPERF_DECL void pair_map::insert(std::uint32_t l, std::uint32_t r, std::uint32_t rank, std::uint32_t merged) {
  std::uint64_t const key = (std::uint64_t{l} << 32) | r;
  std::size_t i = slot_of(key);
  while (keys_[i] != empty) {
    if (keys_[i] == key) return;
    i = (i + 1) & mask_;
  }
  keys_[i] = key;
  vals_[i] = (std::uint64_t{rank} << 32) | merged;
}

AIPERF_DECL std::uint64_t pair_map::find(std::uint32_t l, std::uint32_t r) const noexcept {
  std::uint64_t const key = (std::uint64_t{l} << 32) | r;
  std::size_t i = slot_of(key);
  while (true) {
    std::uint64_t const k = keys_[i];
    if (k == key) return vals_[i];
    if (k == empty) return empty;
    i = (i + 1) & mask_;
  }
}

AIPERF_DECL std::size_t pair_map::slot_of(std::uint64_t key) const noexcept {
  key *= 0x9E3779B97F4A7C15ULL;
  return (key ^ (key >> 31)) & mask_;
}

// ---- bpe_model --------------------------------------------------------------------------------

AIPERF_DECL void bpe_model::encode_piece(std::string_view piece, std::vector<std::uint32_t>& out) const {
  if (piece.size() == 1) { out.push_back(byte_id[static_cast<unsigned char>(piece[0])]); return; }
  if (whole_piece_first) {
    if (std::int64_t id = lookup.find(piece); id >= 0) { out.push_back(static_cast<std::uint32_t>(id)); return; }
  }
  if (piece.size() > cache_entry::max_bytes) {
    if (piece.size() <= 256) merge_short(piece, out);
    else merge_long(piece, out);
    return;
  }
  // Natural text repeats the same short pieces constantly: a small per-thread direct-mapped
  // cache of merge results (bounded: 4096 × 64 bytes per thread, no locks, const-safe).
  thread_local cache_entry cache[cache_size];
  std::uint64_t const h = hash_bytes(piece);
  cache_entry& e = cache[h & (cache_size - 1)];
  if (e.owner == serial && e.hash == h && e.len == piece.size() && std::memcmp(e.bytes, piece.data(), e.len) == 0) {
    out.insert(out.end(), e.ids, e.ids + e.n);
    return;
  }
  std::size_t const before = out.size();
  merge_short(piece, out);
  std::size_t const n = out.size() - before;
  if (n <= cache_entry::max_ids) {
    e.owner = serial;
    e.hash = h;
    e.len = static_cast<std::uint8_t>(piece.size());
    e.n = static_cast<std::uint8_t>(n);
    std::memcpy(e.bytes, piece.data(), piece.size());
    std::copy(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(), e.ids);
  }
}

AIPERF_DECL std::uint32_t bpe_model::next_serial() {
  static std::atomic<std::uint32_t> n{0};
  return ++n;
}

AIPERF_DECL void bpe_model::merge_short(std::string_view piece, std::vector<std::uint32_t>& out) const {
  std::uint32_t sym[257];
  std::uint32_t rank[257];
  std::uint32_t mid[257];
  std::size_t n = piece.size();
  for (std::size_t i = 0; i < n; ++i) sym[i] = byte_id[static_cast<unsigned char>(piece[i])];
  auto set = [&](std::size_t i) {
    std::uint64_t const v = merges.find(sym[i], sym[i + 1]);
    rank[i] = v == pair_map::empty ? none : static_cast<std::uint32_t>(v >> 32);
    mid[i] = static_cast<std::uint32_t>(v);
  };
  for (std::size_t i = 0; i + 1 < n; ++i) set(i);
  while (n > 1) {
    std::uint32_t best = none;
    std::size_t at = 0;
    for (std::size_t i = 0; i + 1 < n; ++i)
      if (rank[i] < best) { best = rank[i]; at = i; }
    if (best == none) break;
    sym[at] = mid[at];
    for (std::size_t i = at + 1; i + 1 < n; ++i) { sym[i] = sym[i + 1]; rank[i] = rank[i + 1]; mid[i] = mid[i + 1]; }
    --n;
    if (at + 1 < n) set(at);
    if (at > 0) set(at - 1);
  }
  out.insert(out.end(), sym, sym + n);
}

AIPERF_DECL void bpe_model::merge_long(std::string_view piece, std::vector<std::uint32_t>& out) const {
  std::size_t const n = piece.size();
  std::vector<std::uint32_t> sym(n), prev(n), next(n);
  std::vector<std::uint8_t> alive(n, 1);
  for (std::size_t i = 0; i < n; ++i) {
    sym[i] = byte_id[static_cast<unsigned char>(piece[i])];
    prev[i] = static_cast<std::uint32_t>(i) - 1;
    next[i] = static_cast<std::uint32_t>(i + 1);
  }
  struct cand { std::uint32_t rank, pos, left, right; };
  auto cmp = [](cand const& a, cand const& b) { return a.rank != b.rank ? a.rank > b.rank : a.pos > b.pos; };
  std::priority_queue<cand, std::vector<cand>, decltype(cmp)> heap(cmp);
  auto push = [&](std::uint32_t i) {
    if (i >= n || next[i] >= n) return;
    std::uint64_t const v = merges.find(sym[i], sym[next[i]]);
    if (v != pair_map::empty) heap.push({static_cast<std::uint32_t>(v >> 32), i, sym[i], sym[next[i]]});
  };
  for (std::uint32_t i = 0; i + 1 < n; ++i) push(i);
  while (!heap.empty()) {
    cand const c = heap.top();
    heap.pop();
    std::uint32_t const i = c.pos;
    if (!alive[i] || next[i] >= n || sym[i] != c.left || sym[next[i]] != c.right) continue;  // stale
    std::uint32_t const j = next[i];
    sym[i] = static_cast<std::uint32_t>(merges.find(sym[i], sym[j]));
    alive[j] = 0;
    next[i] = next[j];
    if (next[j] < n) prev[next[j]] = i;
    if (prev[i] < n) push(prev[i]);
    push(i);
  }
  for (std::uint32_t i = 0; i < n; i = next[i]) out.push_back(sym[i]);
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
