// SPDX-License-Identifier: Apache-2.0
// mock_server/generation.hpp — what the mock "generates": token words, latency sampling, the
// absolute-deadline schedule, prompt-token estimate and request-body parsing.
#pragma once
#include "config.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace aiperf {
inline namespace v0 {
namespace mock {

/// Generated tokens cycle through these words.  Each is a single token (with its leading
/// space) in o200k_base, cl100k_base and the Llama-3 vocabulary, and all three pre-tokenizers
/// split ` word` runs at the space, so a client tokenizer counts exactly one token per word.
/// All are plain ASCII letters: no JSON escaping is ever needed.
inline constexpr std::array<std::string_view, 16> token_words = {
    " the", " of", " and", " to", " in", " is", " that", " for",
    " it",  " on", " with", " as", " was", " at", " by", " this"};

inline constexpr std::string_view token_word(std::uint64_t k) noexcept {
  return token_words[k % token_words.size()];
}

/// Draws latencies in nanoseconds from a latency_spec.  Negative draws clamp to 0.
class latency_sampler {
 public:
  explicit latency_sampler(latency_spec spec) noexcept : spec_(spec) {
    if (spec_.kind == dist_kind::lognormal && spec_.mean_ms > 0.0) {
      // Choose mu/sigma so the distribution's mean and stddev are the configured ones.
      const double m = spec_.mean_ms, s = spec_.stddev_ms;
      sigma_ = std::sqrt(std::log1p((s * s) / (m * m)));
      mu_ = std::log(m) - sigma_ * sigma_ / 2.0;
    }
  }

  template <class Rng>
  std::int64_t draw_ns(Rng& rng) const {
    double ms = spec_.mean_ms;
    switch (spec_.kind) {
      case dist_kind::fixed: break;
      case dist_kind::normal:
        if (spec_.stddev_ms > 0) ms = std::normal_distribution<double>(spec_.mean_ms, spec_.stddev_ms)(rng);
        break;
      case dist_kind::lognormal:
        if (spec_.mean_ms > 0) ms = std::lognormal_distribution<double>(mu_, sigma_)(rng);
        break;
      case dist_kind::uniform: {
        const double half = std::sqrt(3.0) * spec_.stddev_ms;  // same stddev as configured
        if (half > 0) ms = std::uniform_real_distribution<double>(spec_.mean_ms - half, spec_.mean_ms + half)(rng);
        break;
      }
    }
    if (!(ms > 0.0)) return 0;
    return static_cast<std::int64_t>(std::llround(ms * 1e6));
  }

  [[nodiscard]] bool is_fixed() const noexcept {
    return spec_.kind == dist_kind::fixed || spec_.stddev_ms <= 0.0;
  }
  [[nodiscard]] std::int64_t mean_ns() const noexcept {
    return spec_.mean_ms > 0 ? static_cast<std::int64_t>(std::llround(spec_.mean_ms * 1e6)) : 0;
  }

 private:
  latency_spec spec_;
  double mu_ = 0.0, sigma_ = 0.0;
};

/// Deadline of token event `k` (0-based) for fixed timing: arrival + ttft + k*itl.  Absolute,
/// so a late wake-up for event k does not push back event k+1 (ITL does not drift).
constexpr std::int64_t event_deadline_ns(std::int64_t arrival_ns, std::int64_t ttft_ns, std::int64_t itl_ns,
                                         std::int64_t k) noexcept {
  return arrival_ns + ttft_ns + k * itl_ns;
}

/// Approximate prompt tokens of a text: runs of letters (with one leading space), runs of up
/// to three digits, and every other non-space byte count as one token each, which tracks BPE
/// tokenizers closely on English prose (exactness is not promised).
inline std::uint64_t estimate_tokens(std::string_view s) noexcept {
  std::uint64_t n = 0;
  std::size_t i = 0;
  auto alpha = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; };
  auto digit = [](unsigned char c) { return c >= '0' && c <= '9'; };
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (alpha(c)) {
      while (i < s.size() && alpha(static_cast<unsigned char>(s[i]))) ++i;
      ++n;
    } else if (digit(c)) {
      std::size_t run = 0;
      while (i < s.size() && digit(static_cast<unsigned char>(s[i]))) ++i, ++run;
      n += (run + 2) / 3;
    } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      ++i;
    } else {
      ++i;
      ++n;
    }
  }
  return n;
}

/// The fields of a chat/completions/embeddings body the mock acts on.
struct request_params {
  std::string model;  ///< raw (escaped) JSON string contents, echoed back verbatim
  bool stream = false;
  bool include_usage = false;
  bool ignore_eos = false;
  std::int64_t max_tokens = -1;  ///< -1: absent
  int reasoning_effort_tokens = -1;  ///< -1: absent
  std::uint64_t prompt_tokens = 0;
  std::uint64_t inputs = 0;  ///< embeddings: number of inputs
  std::vector<std::uint64_t> input_hashes;  ///< embeddings: one per input
  bool details = false;  ///< TGI: parameters.details (a /generate body reports generated_tokens)
  bool has_messages = false;  ///< chat-shaped body (chat_embeddings sends one to /v1/embeddings)
  bool has_query = false;     ///< rankings: `query` (a string, or NIM's {"text": ...})
  std::vector<std::uint64_t> passage_hashes;  ///< rankings: passages | texts | documents, one per item
};

/// Maps `reasoning_effort` to a reasoning-token count (documented in docs/mock-server.md).
inline int reasoning_effort_tokens(std::string_view effort) noexcept {
  if (effort == "none") return 0;
  if (effort == "minimal") return 8;
  if (effort == "low") return 32;
  if (effort == "medium") return 128;
  if (effort == "high") return 512;
  return -1;
}

namespace detail {

inline std::uint64_t fnv1a(std::string_view s) noexcept {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

/// Counts tokens in a content value: a string, or an array of parts with "text".
inline simdjson::error_code add_content(simdjson::ondemand::value v, request_params& out) {
  simdjson::ondemand::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t == simdjson::ondemand::json_type::string) {
    std::string_view s;
    if (auto e = v.get_string().get(s)) return e;
    out.prompt_tokens += estimate_tokens(s);
  } else if (t == simdjson::ondemand::json_type::array) {
    for (auto part : v.get_array()) {
      simdjson::ondemand::value pv;
      if (auto e = part.get(pv)) return e;
      simdjson::ondemand::json_type pt;
      if (auto e = pv.type().get(pt)) return e;
      if (pt == simdjson::ondemand::json_type::string) {
        std::string_view s;
        if (auto e = pv.get_string().get(s)) return e;
        out.prompt_tokens += estimate_tokens(s);
      } else if (pt == simdjson::ondemand::json_type::object) {
        for (auto field : pv.get_object()) {
          std::string_view key;
          if (auto e = field.unescaped_key().get(key)) return e;
          if (key == "text") {
            std::string_view s;
            if (auto e = field.value().get_string().get(s)) return e;
            out.prompt_tokens += estimate_tokens(s);
          }
        }
      }
    }
  }
  return simdjson::SUCCESS;
}

/// Embedding inputs: a string, an array of strings, or arrays of token ids.
inline simdjson::error_code add_inputs(simdjson::ondemand::value v, request_params& out) {
  simdjson::ondemand::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t == simdjson::ondemand::json_type::string) {
    std::string_view s;
    if (auto e = v.get_string().get(s)) return e;
    out.prompt_tokens += estimate_tokens(s);
    out.input_hashes.push_back(fnv1a(s));
    return simdjson::SUCCESS;
  }
  if (t != simdjson::ondemand::json_type::array) return simdjson::INCORRECT_TYPE;
  for (auto item : v.get_array()) {
    simdjson::ondemand::value iv;
    if (auto e = item.get(iv)) return e;
    simdjson::ondemand::json_type it;
    if (auto e = iv.type().get(it)) return e;
    if (it == simdjson::ondemand::json_type::string) {
      std::string_view s;
      if (auto e = iv.get_string().get(s)) return e;
      out.prompt_tokens += estimate_tokens(s);
      out.input_hashes.push_back(fnv1a(s));
    } else if (it == simdjson::ondemand::json_type::array) {
      // Pre-tokenized input: one token per id.
      std::uint64_t h = 1469598103934665603ull;
      for (auto id : iv.get_array()) {
        std::int64_t t = 0;
        if (auto e = id.get_int64().get(t)) return e;
        h = (h ^ static_cast<std::uint64_t>(t)) * 1099511628211ull;
        out.prompt_tokens += 1;
      }
      out.input_hashes.push_back(h);
    } else {
      std::int64_t t = 0;  // an array of token ids is one input
      if (auto e = iv.get_int64().get(t)) return e;
      out.prompt_tokens += 1;
      if (out.input_hashes.empty()) out.input_hashes.push_back(0);
      out.input_hashes.back() = (out.input_hashes.back() ^ static_cast<std::uint64_t>(t)) * 1099511628211ull;
    }
  }
  return simdjson::SUCCESS;
}

}  // namespace detail

namespace detail {
/// A rankings text: a string, or an object with a string `text` (NIM's {"text": ...}).
inline simdjson::error_code ranking_text(simdjson::ondemand::value v, std::string_view& out) {
  simdjson::ondemand::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t == simdjson::ondemand::json_type::string) return v.get_string().get(out);
  if (t != simdjson::ondemand::json_type::object) return simdjson::INCORRECT_TYPE;
  simdjson::ondemand::object o;
  if (auto e = v.get_object().get(o)) return e;
  return o.find_field_unordered("text").get_string().get(out);
}
}  // namespace detail

/// Parses a request body.  Returns an empty string on success, else a message naming the
/// field (e.g. `max_tokens: expected an integer`).  `body` must be padded for simdjson.
inline std::string parse_request(simdjson::ondemand::parser& parser, simdjson::padded_string_view body,
                                 request_params& out) {
  using namespace simdjson;
  ondemand::document doc;
  if (auto e = parser.iterate(body).get(doc)) return std::string("invalid JSON body: ") + error_message(e);
  ondemand::object obj;
  if (auto e = doc.get_object().get(obj))
    return e == INCORRECT_TYPE ? std::string("request body must be a JSON object")
                               : std::string("invalid JSON body: ") + error_message(e);
  std::string_view field_name;
  auto fail = [&](std::string_view what, error_code e) {
    return std::string(field_name) + ": " + std::string(what) + " (" + error_message(e) + ")";
  };
  for (auto field : obj) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return std::string("invalid JSON body: ") + error_message(e);
    field_name = key;
    ondemand::value v;
    if (auto e = field.value().get(v)) return fail("invalid value", e);
    if (key == "model") {
      ondemand::raw_json_string raw;
      if (auto e = v.get_raw_json_string().get(raw)) return fail("expected a string", e);
      // Keep the escaped form: it is echoed inside JSON strings unchanged.
      const char* p = raw.raw();
      std::size_t n = 0;
      while (p[n] != '"') n += (p[n] == '\\') ? 2 : 1;
      out.model.assign(p, n);
    } else if (key == "stream") {
      if (auto e = v.get_bool().get(out.stream)) return fail("expected true or false", e);
    } else if (key == "ignore_eos") {
      if (auto e = v.get_bool().get(out.ignore_eos)) return fail("expected true or false", e);
    } else if (key == "max_tokens" || key == "max_completion_tokens") {
      bool is_null = false;
      if (v.is_null().get(is_null) == SUCCESS && is_null) continue;
      std::int64_t n = 0;
      if (auto e = v.get_int64().get(n)) return fail("expected an integer", e);
      if (n < 0) return std::string(key) + ": must be >= 0";
      // max_completion_tokens wins when both are present (it is the newer name).
      if (key == "max_completion_tokens" || out.max_tokens < 0) out.max_tokens = n;
    } else if (key == "stream_options") {
      ondemand::object so;
      if (v.get_object().get(so) != SUCCESS) continue;  // non-object: ignored like OpenAI clients do
      for (auto sf : so) {
        std::string_view sk;
        if (auto e = sf.unescaped_key().get(sk)) return fail("invalid", e);
        if (sk == "include_usage") {
          bool b = false;
          if (sf.value().get_bool().get(b) != SUCCESS) return "stream_options.include_usage: expected true or false";
          out.include_usage = b;
        }
      }
    } else if (key == "reasoning_effort") {
      std::string_view s;
      if (auto e = v.get_string().get(s)) return fail("expected a string", e);
      out.reasoning_effort_tokens = reasoning_effort_tokens(s);
      if (out.reasoning_effort_tokens < 0)
        return "reasoning_effort: expected none, minimal, low, medium or high, got '" + std::string(s) + "'";
    } else if (key == "messages") {
      ondemand::array msgs;
      if (auto e = v.get_array().get(msgs)) return fail("expected an array", e);
      out.has_messages = true;
      for (auto m : msgs) {
        ondemand::object mo;
        if (auto e = m.get_object().get(mo)) return fail("expected an array of objects", e);
        for (auto mf : mo) {
          std::string_view mk;
          if (auto e = mf.unescaped_key().get(mk)) return fail("invalid key", e);
          if (mk == "content") {
            ondemand::value cv;
            if (auto e = mf.value().get(cv)) return fail("invalid content", e);
            if (auto e = detail::add_content(cv, out)) return fail("invalid content", e);
          }
        }
      }
    } else if (key == "prompt") {
      if (auto e = detail::add_content(v, out)) return fail("expected a string or an array of strings", e);
    } else if (key == "query") {
      std::string_view q;
      if (auto e = detail::ranking_text(v, q)) return fail("expected a string or a {\"text\": string} object", e);
      out.prompt_tokens += estimate_tokens(q);
      out.has_query = true;
    } else if (key == "passages" || key == "texts" || key == "documents") {
      ondemand::array items;
      if (auto e = v.get_array().get(items)) return fail("expected an array", e);
      for (auto item : items) {
        ondemand::value iv;
        if (auto e = item.get(iv)) return fail("invalid item", e);
        std::string_view text;
        if (auto e = detail::ranking_text(iv, text)) return fail("expected strings or {\"text\": string} objects", e);
        out.prompt_tokens += estimate_tokens(text);
        out.passage_hashes.push_back(detail::fnv1a(text));
      }
    } else if (key == "input") {
      if (auto e = detail::add_inputs(v, out)) return fail("expected a string or an array", e);
      out.inputs = out.input_hashes.size();
    }
  }
  return {};
}

// ---- the other vendors' APIs: OpenAI Responses, Anthropic Messages, TGI ----------------------

/// Which API a request speaks: OpenAI chat/completions/embeddings, or one of the vendors'.
enum class wire_api : std::uint8_t { openai, responses, anthropic, tgi };

/// The vendor API served at `target` (/v1/responses, /v1/messages, /generate,
/// /generate_stream); openai for every other path.
inline wire_api vendor_route(std::string_view target) noexcept {
  if (target == "/v1/responses") return wire_api::responses;
  if (target == "/v1/messages") return wire_api::anthropic;
  if (target == "/generate" || target == "/generate_stream") return wire_api::tgi;
  return wire_api::openai;
}

namespace detail {
/// The contents of a JSON string value, still escaped (echoed inside JSON strings unchanged).
inline simdjson::error_code raw_string_contents(simdjson::ondemand::value v, std::string& out) {
  simdjson::ondemand::raw_json_string raw;
  if (auto e = v.get_raw_json_string().get(raw)) return e;
  const char* p = raw.raw();
  std::size_t n = 0;
  while (p[n] != '"') n += (p[n] == '\\') ? 2 : 1;
  out.assign(p, n);
  return simdjson::SUCCESS;
}

/// Adds the tokens of every item's `content` (and of bare strings) in an array of messages
/// or input items; a string counts as it is.
inline simdjson::error_code add_items(simdjson::ondemand::value v, request_params& out) {
  simdjson::ondemand::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t == simdjson::ondemand::json_type::string) return add_content(v, out);
  simdjson::ondemand::array items;
  if (auto e = v.get_array().get(items)) return e;
  for (auto item : items) {
    simdjson::ondemand::object io;
    if (auto e = item.get_object().get(io)) return e;
    for (auto f : io) {
      std::string_view k;
      if (auto e = f.unescaped_key().get(k)) return e;
      if (k != "content") continue;
      simdjson::ondemand::value cv;
      if (auto e = f.value().get(cv)) return e;
      if (auto e = add_content(cv, out)) return e;
    }
  }
  return simdjson::SUCCESS;
}
}  // namespace detail

/// Parses a Responses, Anthropic Messages or TGI body (what parse_request does for OpenAI's):
/// model, stream (TGI: the /generate_stream path), the cap (max_output_tokens | max_tokens |
/// parameters.max_new_tokens), prompt tokens (input items, instructions; messages, system;
/// inputs), reasoning (Responses `reasoning.effort` as reasoning_effort; Anthropic
/// `thinking` {"type":"enabled","budget_tokens":N}: N thinking tokens, "disabled": none) and
/// TGI's parameters.details.  "" on success, else a message naming the field.
inline std::string parse_vendor_request(simdjson::ondemand::parser& parser, simdjson::padded_string_view body,
                                        wire_api api, bool stream_path, request_params& out) {
  using namespace simdjson;
  ondemand::document doc;
  if (auto e = parser.iterate(body).get(doc)) return std::string("invalid JSON body: ") + error_message(e);
  ondemand::object obj;
  if (auto e = doc.get_object().get(obj))
    return e == INCORRECT_TYPE ? std::string("request body must be a JSON object")
                               : std::string("invalid JSON body: ") + error_message(e);
  std::string_view field_name;
  auto fail = [&](std::string_view what, error_code e) {
    return std::string(field_name) + ": " + std::string(what) + " (" + error_message(e) + ")";
  };
  auto cap = [&](ondemand::value v) -> std::string {
    std::int64_t n = 0;
    if (auto e = v.get_int64().get(n)) return fail("expected an integer", e);
    if (n < 0) return std::string(field_name) + ": must be >= 0";
    out.max_tokens = n;
    return {};
  };
  bool has_max_tokens = false;
  for (auto field : obj) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return std::string("invalid JSON body: ") + error_message(e);
    field_name = key;
    ondemand::value v;
    if (auto e = field.value().get(v)) return fail("invalid value", e);
    if (key == "model") {
      if (auto e = detail::raw_string_contents(v, out.model)) return fail("expected a string", e);
    } else if (key == "stream" && api != wire_api::tgi) {
      if (auto e = v.get_bool().get(out.stream)) return fail("expected true or false", e);
    } else if (api == wire_api::responses && key == "input") {
      if (auto e = detail::add_items(v, out)) return fail("expected a string or an array of items", e);
    } else if (api == wire_api::responses && key == "instructions") {
      if (auto e = detail::add_content(v, out)) return fail("expected a string", e);
    } else if (api == wire_api::responses && key == "max_output_tokens") {
      if (auto err = cap(v); !err.empty()) return err;
    } else if (api == wire_api::responses && key == "reasoning") {
      ondemand::object r;
      if (auto e = v.get_object().get(r)) return fail("expected an object", e);
      std::string_view effort;
      if (r.find_field_unordered("effort").get_string().get(effort) == SUCCESS) {
        out.reasoning_effort_tokens = reasoning_effort_tokens(effort);
        if (out.reasoning_effort_tokens < 0)
          return "reasoning.effort: expected none, minimal, low, medium or high, got '" + std::string(effort) + "'";
      }
    } else if (api == wire_api::anthropic && key == "messages") {
      if (auto e = detail::add_items(v, out)) return fail("expected an array of messages", e);
    } else if (api == wire_api::anthropic && key == "system") {
      if (auto e = detail::add_content(v, out)) return fail("expected a string or an array of blocks", e);
    } else if (api == wire_api::anthropic && key == "max_tokens") {
      if (auto err = cap(v); !err.empty()) return err;
      has_max_tokens = true;
    } else if (api == wire_api::anthropic && key == "thinking") {
      ondemand::object th;
      if (auto e = v.get_object().get(th)) return fail("expected an object", e);
      std::string_view type;
      if (th.find_field_unordered("type").get_string().get(type) != SUCCESS)
        return "thinking.type: expected \"enabled\" or \"disabled\"";
      if (type == "disabled") {
        out.reasoning_effort_tokens = 0;
      } else {
        std::int64_t budget = 0;
        if (th.find_field_unordered("budget_tokens").get_int64().get(budget) != SUCCESS || budget < 0)
          return "thinking.budget_tokens: expected a non-negative integer";
        out.reasoning_effort_tokens = static_cast<int>(std::min<std::int64_t>(budget, 1'000'000));
      }
    } else if (api == wire_api::tgi && key == "inputs") {
      if (auto e = detail::add_content(v, out)) return fail("expected a string", e);
    } else if (api == wire_api::tgi && key == "parameters") {
      ondemand::object params;
      if (auto e = v.get_object().get(params)) return fail("expected an object", e);
      for (auto pf : params) {
        std::string_view pk;
        if (auto e = pf.unescaped_key().get(pk)) return fail("invalid key", e);
        ondemand::value pv;
        if (auto e = pf.value().get(pv)) return fail("invalid value", e);
        bool is_null = false;
        if (pv.is_null().get(is_null) == SUCCESS && is_null) continue;
        if (pk == "max_new_tokens") {
          field_name = "parameters.max_new_tokens";
          if (auto err = cap(pv); !err.empty()) return err;
        } else if (pk == "details") {
          if (pv.get_bool().get(out.details) != SUCCESS) return "parameters.details: expected true or false";
        }
      }
    }
  }
  if (api == wire_api::anthropic && !has_max_tokens) return "max_tokens: Field required";
  if (api == wire_api::tgi) out.stream = stream_path;
  out.include_usage = true;  // these APIs report usage in every stream
  return {};
}

}  // namespace mock
}  // namespace v0
}  // namespace aiperf
