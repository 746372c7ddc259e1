// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/template_endpoint.hpp — `--endpoint-type template`: the request body is the
// user's Jinja2 template rendered for each turn (spec load-generation §8.11), for servers whose
// API no built-in type speaks.  The template is given as `--extra-inputs payload_template:T`
// (GenAI-Perf's spelling), T being a named template (`nv-embedqa`), a file path, or the
// template itself; the rest of --extra-inputs, then a row's `extra`, are merged over the
// rendered object (shallow).  The path is --endpoint, else the --url as given.
//
// Variables (the §8.11 names): texts, text, images, image, audios, audio, videos, video
// (media as the dataset gives them: URLs or data URIs), queries, query, passages, passage
// (rankings' named texts), texts_by_name, model, max_tokens (none when unset), role, stream,
// turn (this turn's texts/images/audios/videos/model/max_tokens/role), turns (every turn up to
// this one, same shape), request_info (conversation_id, turn_index).  The template language is
// the subset jinja_subset.hpp lists.  Answers are read by parse_auto_payload.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/auto_parse.hpp>
#include <aiperf/endpoints/endpoint_options.hpp>
#include <aiperf/endpoints/jinja_subset.hpp>
#include <aiperf/endpoints/openai_base.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

namespace detail_template {
/// The compiled `payload_template` member of `extra_inputs_json` (--extra-inputs); its other
/// members go to `rest`.  Throws std::invalid_argument naming the option when it is missing or
/// does not compile.
AIPERF_DECL aiperf::detail::jinja_template load_template(std::string const& extra_inputs_json,
                                                         std::vector<std::pair<std::string, std::string>>& rest);
/// The template text `spec` stands for: a named template, a readable file, or itself.
AIPERF_DECL std::string template_source(std::string const& spec);
/// The §8.11 variables for turn `t` of `c`.
AIPERF_DECL aiperf::detail::tvalue template_context(conversation const& c, std::size_t t, std::string const& model,
                                                    bool stream);
/// Renders `tmpl` for turn `t`, checks that it is a JSON object and merges `extra` then the
/// turn's `extra` over its members.  Throws std::invalid_argument (`Template did not render
/// valid JSON ...`) when it is not.
AIPERF_DECL std::string render_body(aiperf::detail::jinja_template const& tmpl, conversation const& c, std::size_t t,
                                    std::string const& model, bool stream,
                                    std::vector<std::pair<std::string, std::string>> const& extra);
}  // namespace detail_template

class template_endpoint {
 public:
  static constexpr std::string_view name = "template";
  static constexpr std::string_view description =
      "Your own JSON body: a Jinja2 template (--extra-inputs payload_template:NAME|FILE|TEXT) rendered per turn; "
      "any JSON or text answer (auto-detected)";
  static constexpr std::string_view default_path = "";

  /// Throws std::invalid_argument when there is no payload_template or it does not compile.
  explicit template_endpoint(endpoint_options opts)
      : opts_(std::move(opts)), tmpl_(detail_template::load_template(opts_.extra_inputs_json, extra_)) {
    if (opts_.path.empty()) opts_.path = "/";
  }

  static constexpr bool sends_max_tokens = true;

  [[nodiscard]] bool streaming() const noexcept { return opts_.streaming; }

  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    if (auto req = detail_openai::verbatim_request(c.turns.at(t), opts_)) return *std::move(req);
    return {opts_.path, detail_openai::request_headers(opts_),
            detail_template::render_body(tmpl_, c, t, opts_.model, opts_.streaming, extra_), "application/json"};
  }

  void on_event(std::string_view data, response_sink& sink) { aiperf::detail::parse_auto_payload(data, scratch_, sink); }
  void on_body(std::string_view body, response_sink& sink) { aiperf::detail::parse_auto_payload(body, scratch_, sink); }

 private:
  endpoint_options opts_;
  std::vector<std::pair<std::string, std::string>> extra_;  // --extra-inputs but payload_template
  aiperf::detail::jinja_template tmpl_;
  aiperf::detail::json_scratch scratch_;
};

static_assert(Endpoint<template_endpoint>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/endpoints/impl/template_endpoint.ipp>
#endif
