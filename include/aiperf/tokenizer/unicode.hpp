// SPDX-License-Identifier: Apache-2.0
// aiperf/tokenizer/unicode.hpp — UTF-8 decoding, lossy repair, NFC and the character classes the
// pre-tokenizer regexes ask about (\p{L}, \p{N}, \s, o200k's case classes), backed by utf8proc.
#pragma once
#include <aiperf/config.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace unicode {

/// Character class bits, one byte per code point.
enum cls : std::uint8_t {
  letter = 1,      // \p{L}
  number = 2,      // \p{N}
  space = 4,       // \s (Unicode White_Space)
  newline = 8,     // \r or \n
  upper_ish = 16,  // o200k: [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]
  lower_ish = 32,  // o200k: [\p{Ll}\p{Lm}\p{Lo}\p{M}]
  ascii_sp = 64,   // U+0020 exactly (the optional ' ?' prefix)
  nfc_inert = 128, // NFC leaves this code point alone whatever surrounds it
};

/// Class bits of one code point.
AIPERF_DECL std::uint8_t classify(std::uint32_t cp) noexcept;

/// Decodes one code point from valid UTF-8 at s[i]; advances i.
AIPERF_DECL std::uint32_t decode_valid(std::string_view s, std::size_t& i) noexcept;

/// Length of the well-formed UTF-8 sequence at s[i], or 0 when ill-formed (Unicode Table 3-7).
/// `maximal_subpart` (when given and ill-formed) receives the length of the maximal ill-formed
/// subpart: the lead byte plus the continuation bytes that fit.
AIPERF_DECL std::size_t valid_seq_len(std::string_view s, std::size_t i, std::size_t* maximal_subpart = nullptr) noexcept;

/// True when s is well-formed UTF-8.
AIPERF_DECL bool is_valid_utf8(std::string_view s) noexcept;

/// Replaces each maximal ill-formed subpart with U+FFFD (the WHATWG / TextDecoder rule, and what a
/// server decoding our bytes lossily would see).
AIPERF_DECL std::string repair_utf8(std::string_view s);

/// Drops an incomplete UTF-8 sequence at the front (stray continuation bytes) and at the back.
AIPERF_DECL std::string_view trim_partial_utf8(std::string_view s) noexcept;

/// True when NFC could change valid UTF-8 `s` (false: every code point is NFC-inert).
AIPERF_DECL bool nfc_needed(std::string_view s) noexcept;

/// NFC of one segment, NUL bytes included (utf8proc itself stops at the first NUL).
AIPERF_DECL std::string nfc_segment(std::string_view s);

/// NFC of valid UTF-8, normalising only the space-delimited segments that need it: a space is a
/// starter that never composes, so NFC(a + " " + b) == NFC(a) + " " + NFC(b).
AIPERF_DECL std::string nfc(std::string_view s);

}  // namespace unicode
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/tokenizer/impl/unicode.ipp>
#endif
