// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/corpus_text.hpp — the built-in public-domain prompt corpus (spec §7.4 "sonnet"
// corpus): William Shakespeare's sonnets and speeches (published 1599–1623) and Abraham Lincoln's
// Gettysburg Address (1863), all in the public domain. Typed in; modern spelling.
// The text itself is in impl/corpus_text.ipp, compiled once in separate-compilation mode.
#pragma once
#include <aiperf/config.hpp>

#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace corpus {

/// The corpus text: lines of verse and prose, stanzas separated by empty lines.
AIPERF_DECL std::string_view shakespeare_text() noexcept;

}  // namespace corpus
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/datasets/impl/corpus_text.ipp>
#endif
