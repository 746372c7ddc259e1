// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/echo.cpp — input_config and cli_command rendering (see echo.hpp).
#include "echo.hpp"

#include "upstream_fields.hpp"
#include "values.hpp"

#include <aiperf/detail/ascii.hpp>
#include <aiperf/detail/json_text.hpp>
#include <aiperf/results/number_format.hpp>

#include <simdjson.h>

#include <algorithm>
#include <limits>
#include <utility>

namespace aiperf::driver {
namespace cli_detail {
namespace {

using aiperf::detail::append_json_string;

void json_value_to(std::string& out, bool value, option_meta const&) { out += value ? "true" : "false"; }
void json_value_to(std::string& out, std::int64_t value, option_meta const&) { out += std::to_string(value); }
void json_value_to(std::string& out, std::uint64_t value, option_meta const&) { out += std::to_string(value); }
void json_value_to(std::string& out, double value, option_meta const&) { out += json_number(value); }
void json_value_to(std::string& out, std::string const& value, option_meta const& meta) {
  if (meta.redact == option_redact::secret)
    append_json_string(out, redacted_text);
  else if (meta.redact == option_redact::url_credentials)
    append_json_string(out, redact_url_credentials(value));
  else
    append_json_string(out, value);
}
void json_value_to(std::string& out, string_list const& values, option_meta const& meta) {
  out += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    // AIPerf stores --url normalised: http:// is prepended when no scheme is given.
    if (meta.echo == "endpoint.urls" && values[i].find("://") == std::string::npos)
      json_value_to(out, "http://" + values[i], meta);
    else
      json_value_to(out, values[i], meta);
  }
  out += ']';
}
// AIPerf keeps headers and extra inputs as lists of (key, value) pairs: [["X-A", "b"], ...].
void json_value_to(std::string& out, header_list const& headers, option_meta const&) {
  out += '[';
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (i) out += ", ";
    out += '[';
    append_json_string(out, headers[i].first);
    out += ", ";
    append_json_string(out, is_sensitive_header(headers[i].first) ? redacted_text : std::string_view(headers[i].second));
    out += ']';
  }
  out += ']';
}
void json_value_to(std::string& out, json_object_text const& object, option_meta const&) {
  simdjson::dom::parser parser;
  simdjson::dom::object fields;
  if (object.text.empty() || parser.parse(simdjson::padded_string(object.text)).get(fields) != simdjson::SUCCESS) {
    out += "[]";  // values.hpp only stores valid objects; never reached
    return;
  }
  out += '[';
  bool first = true;
  for (auto field : fields) {
    if (!first) out += ", ";
    first = false;
    out += '[';
    append_json_string(out, field.key);
    out += ", ";
    out += simdjson::to_string(field.value);
    out += ']';
  }
  out += ']';
}
void json_value_to(std::string& out, goodput_list const& slos, option_meta const&) {
  out += '{';
  for (std::size_t i = 0; i < slos.size(); ++i) {
    if (i) out += ", ";
    append_json_string(out, slos[i].tag);
    out += ": ";
    out += json_number(slos[i].threshold);
  }
  out += '}';
}
template <class T>
void json_value_to(std::string& out, std::optional<T> const& value, option_meta const& meta) {
  json_value_to(out, *value, meta);
}

/// Whether a set member can appear in input_config: an unset optional or an empty --goodput is
/// None in AIPerf, and None is never written.
template <class T>
bool has_value(T const&) { return true; }
template <class T>
bool has_value(std::optional<T> const& value) { return value.has_value(); }
bool has_value(goodput_list const& slos) { return !slos.empty(); }

/// input_config as a tree of objects whose keys keep their first insertion order.
struct json_node {
  std::string key;
  std::string value;  // a leaf's JSON text; "" for an object
  std::vector<json_node> children;

  json_node& child(std::string_view name) {
    for (auto& c : children)
      if (c.key == name) return c;
    return children.emplace_back(json_node{std::string(name), {}, {}});
  }
  void render(std::string& out) const {
    if (!value.empty()) {
      out += value;
      return;
    }
    out += '{';
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (i) out += ", ";
      append_json_string(out, children[i].key);
      out += ": ";
      children[i].render(out);
    }
    out += '}';
  }
};

std::string redact_header_arg(std::string_view value) {
  if (aiperf::detail::ascii_trim(value).starts_with('{')) {
    for (std::string_view word : {"authorization", "api-key", "api_key", "apikey", "token", "secret", "password",
                                  "cookie", "credential", "session"})
      if (aiperf::detail::ascii_icontains(value, word)) return std::string(redacted_text);
    return std::string(value);
  }
  std::string out;
  for (auto item : split(value, ',')) {
    if (!out.empty()) out += ',';
    auto const colon = item.find(':');
    if (colon != item.npos && is_sensitive_header(aiperf::detail::ascii_trim(item.substr(0, colon)))) {
      out += item.substr(0, colon + 1);
      out += redacted_text;
    } else {
      out += item;
    }
  }
  return out;
}

std::string redact_url_arg(std::string_view value) {
  std::string out;
  for (auto item : split(value, ',')) {
    if (!out.empty()) out += ',';
    out += redact_url_credentials(item);
  }
  return out;
}

}  // namespace

std::string json_number(double value) {
  // JSON has no infinity: an unbounded grace period is echoed as the string "inf".
  if (value == std::numeric_limits<double>::infinity()) return "\"inf\"";
  if (value == -std::numeric_limits<double>::infinity()) return "\"-inf\"";
  // Otherwise as Python's json.dumps writes a float (NaN as null), like every summary number.
  std::string out;
  aiperf::results::append_json_float(out, value);
  return out;
}

bool is_sensitive_header(std::string_view name) {
  for (std::string_view word : {"authorization", "api-key", "api_key", "apikey", "token", "secret", "password",
                                "cookie", "credential", "session"})
    if (aiperf::detail::ascii_icontains(name, word)) return true;
  return false;
}

std::string shell_quote(std::string_view word) {
  if (!word.empty() &&
      word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,@%+") == word.npos)
    return std::string(word);
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string redacted_command_line(std::vector<std::string> const& args) {
  std::string out = "aiperf";
  enum class kind { none, secret, header, url } pending = kind::none;
  auto const classify = [](std::string_view name) {
    if (name == "--api-key") return kind::secret;
    if (name == "-H" || name == "--header") return kind::header;
    if (name == "-u" || name == "--url") return kind::url;
    return kind::none;
  };
  auto const redact = [](kind k, std::string_view value) {
    switch (k) {
      case kind::secret: return std::string(redacted_text);
      case kind::header: return redact_header_arg(value);
      case kind::url: return redact_url_arg(value);
      case kind::none: break;
    }
    return std::string(value);
  };
  for (auto const& arg : args) {
    std::string shown = arg;
    if (pending != kind::none && !(arg.starts_with("-") && arg.size() > 1 && classify(arg) != kind::none)) {
      shown = redact(pending, arg);
      pending = kind::none;
    } else if ((arg.starts_with("-H") || arg.starts_with("-u")) && arg.size() > 2 && !arg.starts_with("--")) {
      shown = arg.substr(0, 2) + redact(arg[1] == 'H' ? kind::header : kind::url, std::string_view(arg).substr(2));
      pending = kind::none;
    } else if (auto const eq = arg.find('='); arg.starts_with("--") && eq != arg.npos) {
      auto const k = classify(std::string_view(arg).substr(0, eq));
      if (k != kind::none) shown = arg.substr(0, eq + 1) + redact(k, std::string_view(arg).substr(eq + 1));
      pending = kind::none;
    } else {
      pending = classify(arg);
    }
    out += ' ';
    if (auto const eq = shown.find('='); shown.starts_with("--") && eq != shown.npos)
      out += shown.substr(0, eq + 1) + shell_quote(std::string_view(shown).substr(eq + 1));
    else
      out += shell_quote(shown);
  }
  return out;
}

}  // namespace cli_detail

std::string redact_url_credentials(std::string_view url) {
  auto const scheme_end = url.find("://");
  std::size_t const authority_begin = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  auto const path_begin = url.find_first_of("/?#", authority_begin);
  auto const authority = url.substr(authority_begin, path_begin == std::string_view::npos
                                                         ? std::string_view::npos
                                                         : path_begin - authority_begin);
  auto const at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, authority_begin));
  out += redacted_text;
  out += url.substr(authority_begin + at);
  return out;
}

std::string input_config_json(profile_options const& options, std::span<std::string const> set_fields,
                              std::string_view cli_command) {
  auto const is_set = [&](std::string_view field) {
    return std::find(set_fields.begin(), set_fields.end(), field) != set_fields.end();
  };
  // Each written option with its place: AIPerf's fields in AIPerf's order (a depth-first order of
  // its config classes, so inserting in it orders every level), then cli_command, then ours.
  struct entry {
    std::size_t rank;
    std::vector<std::string_view> path;
    std::string value;
  };
  std::vector<entry> entries;
  constexpr std::size_t cli_command_rank = aiperf_field_rank("cli_command");
  constexpr std::size_t own_rank = std::size(aiperf_user_config_fields);
  for_each_option(
      [&](std::string_view section, option_meta const& meta, auto const& value) {
        // AIPerf writes only what was set (exclude_unset); a resolved option of ours is always set.
        if (!(meta.resolved || is_set(meta.field)) || !cli_detail::has_value(value)) return;
        entry e{aiperf_field_rank(meta.echo), {}, {}};
        if (meta.echo.empty()) {
          e.rank = own_rank;
          e.path = {own_options_key, section, meta.field};
        } else {
          e.path = cli_detail::split(meta.echo, '.');
        }
        cli_detail::json_value_to(e.value, value, meta);
        entries.push_back(std::move(e));
      },
      options);
  if (!cli_command.empty()) {
    entries.push_back({cli_command_rank, {"cli_command"}, {}});
    aiperf::detail::append_json_string(entries.back().value, cli_command);
  }
  std::stable_sort(entries.begin(), entries.end(), [](auto const& a, auto const& b) { return a.rank < b.rank; });
  cli_detail::json_node root;
  for (auto& e : entries) {
    cli_detail::json_node* node = &root;
    for (auto key : e.path) node = &node->child(key);
    node->value = std::move(e.value);
  }
  std::string out;
  root.render(out);
  return out;
}

}  // namespace aiperf::driver
