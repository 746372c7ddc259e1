// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/vector_parse.hpp — reading the answers of the endpoints that produce no
// tokens: embeddings (OpenAI, NIM, vLLM chat-embeddings) and rankings (NIM, HF TEI, Cohere).
// Non-template and shared by those endpoint types, like openai_parse.hpp.
//
// Rules (spec load-generation §8.8, §8.9, §8.12):
//   embeddings  `data[]` whose items are all {"object":"embedding","embedding":[...]}
//               (anything else: `Received invalid list in response: {json}`), or a top-level
//               `embeddings` (list of vectors) / `embedding` (one vector) key;
//   nim         `rankings[]` of {index, logit} objects;
//   hf_tei      a top-level list of {index, score} objects, or `results[]`;
//   cohere      `results[]` of {index, relevance_score} objects;
//   images      OpenAI images: `data[]` of {url | b64_json, revised_prompt?} objects, or one
//               streamed event carrying `b64_json` (partial or completed image);
//   every kind  `usage` with its vendor synonyms (prompt|input_tokens, ...), an `error` object.
// An answer with at least one embedding / ranking is a content response without text
// (response_sink::output): request latency ends at it, no output tokens are counted.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/endpoints/openai_parse.hpp>
#include <aiperf/response_sink.hpp>

#include <cstdint>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace detail {

enum class vector_api : std::uint8_t { embeddings, nim_rankings, hf_tei_rankings, cohere_rankings, images };

/// Parses one whole response body of kind `api` into `sink`.  Returns false when the body is
/// not JSON or not shaped as the kind says (the sink then holds an error).
AIPERF_DECL bool parse_vector_payload(std::string_view payload, vector_api api, json_scratch& js,
                                      response_sink& sink);

}  // namespace detail
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/endpoints/impl/vector_parse.ipp>
#endif
