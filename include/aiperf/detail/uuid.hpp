// SPDX-License-Identifier: Apache-2.0
// aiperf/detail/uuid.hpp — random (version 4) UUIDs in their 36-character text form, for the
// X-Request-ID and X-Correlation-ID headers (spec load-generation §5.7, §8.3) and the synthetic
// dataset's seeded conversation ids.  Formatting into a caller's buffer: no allocation, cheap
// enough for the per-request path.
#pragma once
#include <aiperf/detail/rng.hpp>

#include <array>
#include <cstdint>
#include <random>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace detail {

using uuid_text = std::array<char, 36>;

/// 128 random bits in the text form of a version-4 UUID: the version nibble and the variant bits
/// are set, the other 122 bits are `hi` and `lo`'s.
inline uuid_text format_uuid(std::uint64_t hi, std::uint64_t lo) noexcept {
  hi = (hi & ~0xf000ULL) | 0x4000ULL;           // version 4 (bits 12-15 of time_hi)
  lo = (lo & ~(0x3ULL << 62)) | (0x2ULL << 62);  // variant 10xx
  static constexpr std::string_view hex = "0123456789abcdef";
  uuid_text out{};
  std::size_t at = 0;
  auto put = [&](std::uint64_t v, int digits) {
    for (int i = digits - 1; i >= 0; --i) out[at++] = hex[(v >> (4 * i)) & 0xf];
  };
  put(hi >> 32, 8);
  out[at++] = '-';
  put(hi >> 16, 4);
  out[at++] = '-';
  put(hi, 4);
  out[at++] = '-';
  put(lo >> 48, 4);
  out[at++] = '-';
  put(lo, 12);
  return out;
}

/// A stream of version-4 UUIDs (SplitMix64 over a seed).  The ids only need to be unique,
/// not reproducible, so the default seed comes from std::random_device.
class uuid_source {
 public:
  uuid_source() : uuid_source(std::random_device{}() ^ (std::uint64_t{std::random_device{}()} << 32)) {}
  explicit uuid_source(std::uint64_t seed) noexcept : state_(seed) {}

  /// The next UUID, e.g. "7609a2e7-aa53-4ab1-98f4-f35ecafefd25".
  uuid_text next() noexcept {
    const std::uint64_t hi = mix64(state_ += 0x9e3779b97f4a7c15ULL);
    return format_uuid(hi, mix64(state_ += 0x9e3779b97f4a7c15ULL));
  }

 private:
  std::uint64_t state_;
};

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
