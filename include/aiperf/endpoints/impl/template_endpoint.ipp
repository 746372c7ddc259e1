// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/impl/template_endpoint.ipp — definitions for template_endpoint.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/endpoints/template_endpoint.hpp>

#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace aiperf {
inline namespace v0 {
namespace endpoints {
namespace detail_template {

using aiperf::detail::tvalue;

AIPERF_DECL std::string template_source(std::string const& spec) {
  // Spec §8.11's one named template.
  if (spec == "nv-embedqa") return R"({"text": {{ texts|tojson }}})";
  std::error_code ec;
  if (spec.find('{') == std::string::npos && std::filesystem::is_regular_file(spec, ec)) {
    std::ifstream in(spec, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw std::invalid_argument("cannot read the template file '" + spec + "'");
    return text.str();
  }
  if (spec.find('{') == std::string::npos)
    throw std::invalid_argument("'" + spec + "' is neither a named template (nv-embedqa), a readable file, nor a "
                                "template (no '{')");
  return spec;
}

AIPERF_DECL aiperf::detail::jinja_template load_template(std::string const& extra_inputs_json,
                                                         std::vector<std::pair<std::string, std::string>>& rest) {
  std::string raw;
  for (auto& kv : parse_extra_inputs(extra_inputs_json)) {
    if (kv.first == "payload_template") raw = std::move(kv.second);
    else rest.push_back(std::move(kv));
  }
  simdjson::dom::parser p;
  std::string_view spec;
  if (raw.empty() || p.parse(simdjson::padded_string(raw)).get_string().get(spec))
    throw std::invalid_argument(
        "--extra-inputs payload_template: the template endpoint needs its body template as a string, "
        "payload_template:NAME|FILE|TEMPLATE (NAME: nv-embedqa)");
  try {
    return aiperf::detail::jinja_template::compile(template_source(std::string(spec)));
  } catch (std::invalid_argument const& e) {
    throw std::invalid_argument(std::string("--extra-inputs payload_template: ") + e.what());
  }
}

namespace {
tvalue::list media_list(std::vector<media_item> const& items) {
  tvalue::list out;
  for (auto const& m : items) out.emplace_back(m.data ? *m.data : std::string());
  return out;
}
tvalue first_of(tvalue::list const& l) { return l.empty() ? tvalue() : l.front(); }

tvalue::list texts_of(turn const& t) {
  tvalue::list out;
  if (t.texts.empty()) {
    out.emplace_back(t.text.empty() && !t.prompt_blocks.empty() ? prompt_text(t) : t.text);
  } else {
    for (auto const& g : t.texts)
      for (auto const& s : g.contents) out.emplace_back(s);
  }
  return out;
}

tvalue::list named(turn const& t, std::initializer_list<std::string_view> names) {
  tvalue::list out;
  for (auto const& g : t.texts)
    for (auto n : names)
      if (g.name == n)
        for (auto const& s : g.contents) out.emplace_back(s);
  return out;
}

tvalue turn_value(turn const& t, std::string const& model) {
  return tvalue(tvalue::object{{"texts", tvalue(texts_of(t))},
                               {"images", tvalue(media_list(t.images))},
                               {"audios", tvalue(media_list(t.audios))},
                               {"videos", tvalue(media_list(t.videos))},
                               {"model", tvalue(t.model.empty() ? model : t.model)},
                               {"max_tokens", t.max_tokens >= 0 ? tvalue(t.max_tokens) : tvalue()},
                               {"role", tvalue("user")}});
}
}  // namespace

AIPERF_DECL tvalue template_context(conversation const& c, std::size_t t, std::string const& model, bool stream) {
  turn const& cur = c.turns.at(t);
  tvalue::list texts = texts_of(cur), images = media_list(cur.images), audios = media_list(cur.audios),
               videos = media_list(cur.videos), queries = named(cur, {"query", "queries"}),
               passages = named(cur, {"passages", "passage"});
  tvalue::object by_name;
  for (auto const& g : cur.texts) {
    tvalue::list l;
    for (auto const& s : g.contents) l.emplace_back(s);
    by_name.emplace_back(g.name, tvalue(std::move(l)));
  }
  tvalue::list turns;
  for (std::size_t i = 0; i <= t; ++i) turns.push_back(turn_value(c.turns[i], model));
  tvalue::object ctx{{"text", first_of(texts)},
                     {"image", first_of(images)},
                     {"audio", first_of(audios)},
                     {"video", first_of(videos)},
                     {"query", first_of(queries)},
                     {"passage", first_of(passages)},
                     {"texts", tvalue(std::move(texts))},
                     {"images", tvalue(std::move(images))},
                     {"audios", tvalue(std::move(audios))},
                     {"videos", tvalue(std::move(videos))},
                     {"queries", tvalue(std::move(queries))},
                     {"passages", tvalue(std::move(passages))},
                     {"texts_by_name", tvalue(std::move(by_name))},
                     {"model", tvalue(cur.model.empty() ? model : cur.model)},
                     {"max_tokens", cur.max_tokens >= 0 ? tvalue(cur.max_tokens) : tvalue()},
                     {"role", tvalue("user")},
                     {"stream", tvalue(stream)},
                     {"turn", turn_value(cur, model)},
                     {"turns", tvalue(std::move(turns))},
                     {"request_info", tvalue(tvalue::object{{"conversation_id", tvalue(c.id)},
                                                            {"turn_index", tvalue(static_cast<std::int64_t>(t))}})}};
  return tvalue(std::move(ctx));
}

AIPERF_DECL std::string render_body(aiperf::detail::jinja_template const& tmpl, conversation const& c, std::size_t t,
                                    std::string const& model, bool stream,
                                    std::vector<std::pair<std::string, std::string>> const& extra) {
  const std::string rendered = tmpl.render(template_context(c, t, model, stream));
  aiperf::detail::json_members body;
  try {
    if (rendered.find_first_not_of(" \t\r\n") == std::string::npos) throw std::invalid_argument("empty");
    for (auto& kv : parse_extra_inputs(rendered)) body.set(kv.first, std::move(kv.second));
  } catch (std::invalid_argument const&) {
    throw std::invalid_argument("Template did not render valid JSON (a JSON object is needed): " +
                                (rendered.size() > 300 ? rendered.substr(0, 300) + "..." : rendered));
  }
  detail_openai::merge_extra(body, extra, c.turns.at(t).extra_body);
  return body.render();
}

}  // namespace detail_template
}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
