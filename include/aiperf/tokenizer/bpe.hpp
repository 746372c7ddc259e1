// SPDX-License-Identifier: Apache-2.0
// aiperf/tokenizer/bpe.hpp — the byte-level BPE core shared by tiktoken rank files and Hugging Face
// tokenizer.json: a byte-string vocabulary, a (left, right) → (rank, merged) pair table and the
// lowest-rank-first merge loop (linear scan for short pieces, a heap for long ones).
#pragma once
#include <aiperf/config.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace detail {

/// Fast non-cryptographic hash for short byte strings (multiply-xorshift over 8-byte words).
AIPERF_DECL std::uint64_t hash_bytes(std::string_view s) noexcept;

/// Byte string → id, open addressing; the strings live in one arena.
class bytes_map {
 public:
  /// Indexes `by_id` (id → bytes; "" marks a hole in the id space). Keeps a pointer to it.
  AIPERF_DECL void build(std::vector<std::string> const& by_id);
  /// Id of `s`, or -1.
  AIPERF_DECL std::int64_t find(std::string_view s) const noexcept;
  /// Points at `by_id` again after the vector it was built from moved.
  void rebind(std::vector<std::string> const& by_id) noexcept { by_id_ = &by_id; }

 private:
  struct slot {
    std::uint32_t tag = 0;
    std::uint32_t id_plus1 = 0;
  };
  std::vector<slot> slots_;
  std::size_t mask_ = 0;
  std::vector<std::string> const* by_id_ = nullptr;
};

/// (left id, right id) → (rank, merged id), open addressing on a packed 64-bit key.
class pair_map {
 public:
  static constexpr std::uint64_t empty = ~0ULL;
  /// Sizes the table for `n` pairs (and clears it).
  AIPERF_DECL void reserve(std::size_t n);
  /// Inserts unless present (the first, lowest rank wins).
  AIPERF_DECL void insert(std::uint32_t l, std::uint32_t r, std::uint32_t rank, std::uint32_t merged);
  /// Packed (rank << 32 | merged), or `empty` when the pair does not merge.
  AIPERF_DECL std::uint64_t find(std::uint32_t l, std::uint32_t r) const noexcept;

 private:
  AIPERF_DECL std::size_t slot_of(std::uint64_t key) const noexcept;
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint64_t> vals_;
  std::size_t mask_ = 0;
};

/// The BPE model proper: vocabulary, byte symbols, merges.
struct bpe_model {
  std::vector<std::string> bytes;  // id → bytes ("" for ids that are not BPE tokens)
  bytes_map lookup;                // bytes → id
  pair_map merges;                 // pair → (rank, merged)
  std::uint32_t byte_id[256] = {};
  bool whole_piece_first = false;  // tiktoken, and tokenizer.json `ignore_merges`
  std::uint32_t serial = next_serial();  // tells this model's entries apart in the piece cache

  /// Appends the ids of one pre-token.
  AIPERF_DECL void encode_piece(std::string_view piece, std::vector<std::uint32_t>& out) const;

 private:
  struct cache_entry {
    static constexpr std::size_t max_bytes = 22, max_ids = 7;
    std::uint64_t hash = 0;
    std::uint32_t owner = 0;
    std::uint8_t len = 0, n = 0;
    char bytes[max_bytes];
    std::uint32_t ids[max_ids];
  };
  static constexpr std::size_t cache_size = 4096;
  AIPERF_DECL static std::uint32_t next_serial();

  static constexpr std::uint32_t none = ~0U;

  // Linear scan: for the short pieces that make up nearly all text this beats any heap.
  AIPERF_DECL void merge_short(std::string_view piece, std::vector<std::uint32_t>& out) const;
  // Heap over (rank, position) with a doubly linked symbol list and lazy invalidation: O(n log n).
  AIPERF_DECL void merge_long(std::string_view piece, std::vector<std::uint32_t>& out) const;
};

}  // namespace detail
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/tokenizer/impl/bpe.ipp>
#endif
