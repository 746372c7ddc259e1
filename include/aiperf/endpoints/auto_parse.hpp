// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/auto_parse.hpp — reading an answer whose shape is not known in advance: the
// `raw` and `template` endpoint types send a body the user wrote, so the server may be any API.
// Non-template, shared by both (like openai_parse.hpp).
//
// Detection order (spec load-generation §8.11), per SSE event or whole body:
//   1. embeddings: `data[]` of {"object":"embedding"} items, or an `embeddings` / `embedding` key;
//   2. rankings:   a `rankings` or `results` list of objects;
//   3. text:       a string `text` | `content` | `response` | `output` | `result` (or a list of
//                  strings under one of them), else `choices[0]`'s `text`, `message` or `delta`
//                  (content, reasoning, tool calls as chat reads them);
//   a body that is not JSON is itself the text.  `usage` (vendor synonyms), an `error` object
//   and `[DONE]` are read as for chat.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/endpoints/openai_parse.hpp>
#include <aiperf/response_sink.hpp>

#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace detail {

/// Parses one payload of unknown shape into `sink`.  Never fails: what it does not recognise
/// carries nothing (the record then fails as "no responses received" if nothing else came).
AIPERF_DECL void parse_auto_payload(std::string_view payload, json_scratch& js, response_sink& sink);

}  // namespace detail
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/endpoints/impl/auto_parse.ipp>
#endif
