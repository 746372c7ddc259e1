// SPDX-License-Identifier: Apache-2.0
// aiperf/detail/rng.hpp — one derived random stream per concern (spec load-generation §7.1):
// changing how one feature draws numbers never perturbs another feature's stream.
#pragma once
#include <aiperf/config.hpp>

#include <cstdint>
#include <random>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace detail {

/// SplitMix64 finaliser: a good 64-bit mixer for seeds.
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// FNV-1a of a stream name, so streams are named, not numbered.
constexpr std::uint64_t hash_name(std::string_view s) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

/// Seed of the stream `name` (and sub-stream `index`, e.g. a shard) under the global seed.
constexpr std::uint64_t derive_seed(std::uint64_t global, std::string_view name,
                                    std::uint64_t index = 0) noexcept {
  return mix64(mix64(global ^ hash_name(name)) + index);
}

using rng = std::mt19937_64;

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
