// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/values.cpp — value rules of `aiperf profile` (see values.hpp).
#include "values.hpp"

#include "echo.hpp"

#include <aiperf/detail/ascii.hpp>
#include <aiperf/detail/json_text.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace aiperf::driver {

using aiperf::detail::ascii_lower;
using aiperf::detail::ascii_trim;

std::string url_with_scheme(std::string_view url) {
  if (aiperf::detail::ascii_istarts_with(url, "http://") || aiperf::detail::ascii_istarts_with(url, "https://"))
    return std::string(url);
  return "http://" + std::string(url);
}

namespace cli_detail {

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    auto const pos = s.find(separator, start);
    out.push_back(s.substr(start, pos == s.npos ? s.npos : pos - start));
    if (pos == s.npos) break;
    start = pos + 1;
  }
  return out;
}

std::string join(std::vector<std::string_view> const& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

std::string join(choice_list const& words, std::string_view separator) {
  return join(std::vector<std::string_view>(words.begin(), words.end()), separator);
}

std::string primary_flag(std::string_view names) {
  for (auto name : split(names, ','))
    if (name.starts_with("--")) return std::string(name);
  return std::string(split(names, ',').front());
}

std::string coerce_to_json(std::string_view value) {
  auto const folded = ascii_lower(value);
  if (folded == "true" || folded == "false") return folded;
  if (folded == "none" || folded == "null") return "null";
  auto const digits = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  std::string_view body = value;
  bool const negative = body.starts_with('-');
  if (negative) body.remove_prefix(1);
  if (digits(body) && (body == "0" || body.front() != '0')) return body == "0" ? "0" : std::string(value);
  auto const dot = body.find('.');
  if (dot != body.npos && body.find('.', dot + 1) == body.npos) {
    auto const integral = body.substr(0, dot), fraction = body.substr(dot + 1);
    if ((integral.empty() || digits(integral)) && (fraction.empty() || digits(fraction)) &&
        !(integral.empty() && fraction.empty())) {
      std::string const text(value);
      return json_number(std::strtod(text.c_str(), nullptr));
    }
  }
  std::string out;
  aiperf::detail::append_json_string(out, value);
  return out;
}

header_list parse_key_values(std::string_view flag, std::vector<std::string> const& raw, bool coerce) {
  header_list out;
  auto const put = [&](std::string key, std::string value) {
    for (auto& kv : out)
      if (kv.first == key) {
        kv.second = std::move(value);
        return;
      }
    out.emplace_back(std::move(key), std::move(value));
  };
  for (auto const& raw_item : raw) {
    auto const item = ascii_trim(raw_item);
    if (item.starts_with('{')) {
      simdjson::dom::parser parser;
      simdjson::dom::object object;
      if (parser.parse(simdjson::padded_string(item)).get_object().get(object) != simdjson::SUCCESS)
        throw cli_error(std::string(flag) + ": '" + std::string(item) + "' is not a valid JSON object");
      for (auto field : object) {
        std::string value;
        if (!coerce && field.value.is_string())
          value = std::string(field.value.get_string().value_unsafe());
        else
          value = simdjson::minify(field.value);
        put(std::string(field.key), std::move(value));
      }
      continue;
    }
    for (auto part : split(item, ',')) {
      part = ascii_trim(part);
      if (part.empty()) continue;
      auto const pieces = split(part, ':');
      if (pieces.size() != 2)
        throw cli_error(std::string(flag) + ": '" + std::string(part) +
                        "' is not in 'key:value' format (use a JSON object for values containing ':' or ',')");
      auto const key = ascii_trim(pieces[0]), value = ascii_trim(pieces[1]);
      if (key.empty()) throw cli_error(std::string(flag) + ": '" + std::string(part) + "' has an empty key");
      put(std::string(key), coerce ? coerce_to_json(value) : std::string(value));
    }
  }
  return out;
}

void check_header(std::string_view name, std::string_view value) {
  // RFC 9110 token characters; anything else (spaces, CR/LF) would corrupt the request.
  auto const token_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  };
  if (name.empty() || !std::all_of(name.begin(), name.end(), token_char))
    throw cli_error("--header: '" + std::string(name) + "' is not a valid header name");
  if (value.find_first_of("\r\n") != value.npos || value.find('\0') != value.npos)
    throw cli_error("--header: the value of '" + std::string(name) + "' contains a line break");
}

void check_url(std::string_view url) {
  auto const bad = [&](std::string_view why) {
    return cli_error("--url: '" + std::string(url) + "' " + std::string(why));
  };
  if (url.empty()) throw bad("is empty");
  if (url.find_first_of(" \t\r\n") != url.npos) throw bad("contains whitespace");
  std::string_view rest = url;
  auto const separator = url.find("://");
  if (separator != url.npos) {
    auto const scheme = ascii_lower(url.substr(0, separator));
    if (scheme != "http" && scheme != "https")
      throw bad("has an unsupported scheme '" + scheme + "' (expected http:// or https://)");
    rest = url.substr(separator + 3);
  }
  auto authority = rest.substr(0, rest.find_first_of("/?#"));
  if (auto const at = authority.rfind('@'); at != authority.npos) authority.remove_prefix(at + 1);
  std::string_view host = authority, port;
  if (authority.starts_with('[')) {  // IPv6 literal
    auto const close = authority.find(']');
    if (close == authority.npos) throw bad("has an unterminated IPv6 address");
    host = authority.substr(1, close - 1);
    auto const tail = authority.substr(close + 1);
    if (!tail.empty()) {
      if (tail.front() != ':') throw bad("has text after the IPv6 address");
      port = tail.substr(1);
      if (port.empty()) throw bad("has an empty port");
    }
  } else if (auto const colon = authority.rfind(':'); colon != authority.npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) throw bad("has an empty port");
  }
  if (host.empty()) throw bad("has no host");
  if (!port.empty()) {
    unsigned number = 0;
    auto const [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (ec != std::errc{} || end != port.data() + port.size() || number == 0 || number > 65535)
      throw bad("has an invalid port '" + std::string(port) + "' (expected 1-65535)");
  }
}

// ---- typed conversion ------------------------------------------------------------------------

namespace {

template <class N>
void check_bound(option_meta const& meta, std::string const& flag, N value, std::string const& raw) {
  bool ok = true;
  switch (meta.bound) {
    case option_bound::positive: ok = value > 0; break;
    case option_bound::non_negative: ok = value >= 0; break;
    case option_bound::at_least_one: ok = value >= 1; break;
    case option_bound::none: break;
  }
  if (!ok) throw cli_error(flag + ": must be " + bound_text(meta.bound) + ", got '" + raw + "'");
  if (meta.at_most.value > 0 && static_cast<double>(value) > meta.at_most.value)
    throw cli_error(flag + ": must be <= " + at_most_text(meta.at_most) + ", got '" + raw + "'");
}

std::string const& last_value(raw_option const& raw) {
  if (raw.values.empty()) throw cli_error(raw.flag + ": expected a value");
  return raw.values.back();
}

std::int64_t to_int(option_meta const& meta, std::string const& flag, std::string const& raw) {
  auto const text = ascii_trim(raw);
  std::int64_t value = 0;
  auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
    if (ec == std::errc::result_out_of_range) throw cli_error(flag + ": integer out of range, got '" + raw + "'");
    throw cli_error(flag + ": expected an integer, got '" + raw + "'");
  }
  check_bound(meta, flag, value, raw);
  return value;
}

double to_double(option_meta const& meta, std::string const& flag, std::string const& raw) {
  std::string const text(ascii_trim(raw));
  auto const folded = ascii_lower(text);
  if (folded == "inf" || folded == "+inf" || folded == "infinity") {
    if (!meta.accepts_inf) throw cli_error(flag + ": must be a finite number, got '" + raw + "'");
    return std::numeric_limits<double>::infinity();
  }
  char* end = nullptr;
  double const value = text.empty() ? 0.0 : std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || std::isnan(value) || folded.find("inf") != folded.npos ||
      folded.find('x') != folded.npos)
    throw cli_error(flag + ": expected a number, got '" + raw + "'");
  if (std::isinf(value)) throw cli_error(flag + ": number out of range, got '" + raw + "'");
  check_bound(meta, flag, value, raw);
  return value;
}

std::vector<std::string> list_items(raw_option const& raw) {
  std::vector<std::string> out;
  for (auto const& value : raw.values)
    for (auto item : split(value, ','))
      if (auto const trimmed = ascii_trim(item); !trimmed.empty()) out.emplace_back(trimmed);
  if (out.empty()) throw cli_error(raw.flag + ": expected at least one value");
  return out;
}

}  // namespace

std::string at_most_text(option_limit const& limit) {
  return fmt::format("{:.0f} ({})", limit.value, limit.why);
}

std::string bound_text(option_bound bound) {
  switch (bound) {
    case option_bound::positive: return "> 0";
    case option_bound::non_negative: return ">= 0";
    case option_bound::at_least_one: return ">= 1";
    case option_bound::none: break;
  }
  return {};
}

std::string choose(option_meta const& meta, std::string const& flag, std::string const& raw) {
  if (meta.choices.empty()) return raw;
  auto const value = ascii_lower(ascii_trim(raw));
  if (meta.choices.contains(value)) return value;
  if (meta.not_yet.contains(value))
    throw cli_error(flag + " " + value + " is not supported yet by this build (supported: " + join(meta.choices, ", ") +
                    ")");
  throw cli_error(flag + ": invalid choice '" + raw + "' (choose from " + join(meta.choices, ", ") + ")");
}

void convert(option_meta const& meta, raw_option const& raw, std::string& out) {
  out = choose(meta, raw.flag, last_value(raw));
}

void convert(option_meta const&, raw_option const& raw, bool& out) {
  // A flag takes no value, but `--flag=false` is honoured (CLI11 passes the text through).
  auto const value = raw.values.empty() ? std::string("true") : ascii_lower(ascii_trim(raw.values.back()));
  if (value == "true" || value == "1" || value == "yes" || value == "on") out = true;
  else if (value == "false" || value == "0" || value == "no" || value == "off") out = false;
  else throw cli_error(raw.flag + ": expected true or false, got '" + raw.values.back() + "'");
}

void convert(option_meta const& meta, raw_option const& raw, std::int64_t& out) {
  out = to_int(meta, raw.flag, last_value(raw));
}

void convert(option_meta const&, raw_option const& raw, std::uint64_t& out) {
  auto const text = ascii_trim(last_value(raw));
  if (text.starts_with('-')) throw cli_error(raw.flag + ": must be >= 0, got '" + last_value(raw) + "'");
  auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
    throw cli_error(raw.flag + ": expected a non-negative integer, got '" + last_value(raw) + "'");
}

void convert(option_meta const& meta, raw_option const& raw, double& out) {
  out = to_double(meta, raw.flag, last_value(raw));
}

void convert(option_meta const& meta, raw_option const& raw, string_list& out) {
  if (meta.value_optional) {
    out.clear();
    for (auto const& value : raw.values)
      for (auto item : split(value, ','))
        if (auto const trimmed = ascii_trim(item); !trimmed.empty()) out.emplace_back(trimmed);
    return;
  }
  out = list_items(raw);
  for (auto& value : out) value = choose(meta, raw.flag, value);
}

void convert(option_meta const&, raw_option const& raw, header_list& out) {
  out = parse_key_values(raw.flag, raw.values, false);
  for (auto const& [name, value] : out) check_header(name, value);
}

void convert(option_meta const&, raw_option const& raw, json_object_text& out) {
  auto const fields = parse_key_values(raw.flag, raw.values, true);
  std::string json = "{";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) json += ", ";
    aiperf::detail::append_json_string(json, fields[i].first);
    json += ": ";
    json += fields[i].second;
  }
  out.text = json + "}";
}

void convert(option_meta const&, raw_option const& raw, goodput_list& out) {
  // Every word of every occurrence: `--goodput ttft:200 request_latency:900` works unquoted.
  std::string spec;
  for (auto const& value : raw.values) {
    if (!spec.empty()) spec += ' ';
    spec += value;
  }
  try {
    out = results::parse_goodput(spec);
  } catch (std::invalid_argument const& e) {
    throw cli_error(e.what());  // parse_goodput's messages already name --goodput
  }
}

std::vector<std::int64_t> parse_sweep(option_meta const& meta, raw_option const& raw) {
  auto const& text = last_value(raw);
  auto const invalid = [&](std::string_view item) {
    return cli_error("Invalid " + std::string(meta.field) + " value: " + std::string(item) + ". Must be a positive " +
                     "integer (" + bound_text(meta.bound) + ").");
  };
  auto const parse = [&](std::string_view item) {
    std::int64_t value = 0;
    auto const [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (item.empty() || ec != std::errc{} || end != item.data() + item.size() || value < 1) throw invalid(item);
    check_bound(meta, raw.flag, value, std::string(item));  // each value within the option's limit
    return value;
  };
  if (text.find(',') == text.npos) return {parse(ascii_trim(text))};
  std::vector<std::int64_t> values;
  for (auto item : split(text, ',')) values.push_back(parse(ascii_trim(item)));
  // Spec load-generation §3: the list as Python prints it, duplicates refused.
  std::string list = "[", dups;
  for (std::size_t i = 0; i < values.size(); ++i) {
    list += (i ? ", " : "") + std::to_string(values[i]);
    const bool repeated = std::count(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(i), values[i]) == 1;
    if (repeated) dups += (dups.empty() ? "" : ", ") + std::to_string(values[i]);
  }
  list += "]";
  if (!dups.empty())
    throw cli_error("Invalid " + std::string(meta.field) + " list: " + list +
                    ". Duplicate values would overwrite each other's artifacts: [" + dups +
                    "]. For variance / confidence reporting at a single " + std::string(meta.field) +
                    ", use --num-profile-runs N instead of repeating the value.");
  return values;
}

// ---- display -------------------------------------------------------------------------------

std::string display(bool value) { return value ? "true" : "false"; }
std::string display(std::int64_t value) { return std::to_string(value); }
std::string display(std::uint64_t value) { return std::to_string(value); }
std::string display(double value) {
  auto text = json_number(value);
  if (text.size() > 2 && text.front() == '"') text = text.substr(1, text.size() - 2);
  if (text.ends_with(".0")) text.resize(text.size() - 2);
  return text;
}
std::string display(std::string const& value) { return value; }
std::string display(string_list const& values) {
  std::string out;
  for (auto const& value : values) {
    if (!out.empty()) out += ',';
    out += value;
  }
  return out;
}
std::string display(header_list const&) { return {}; }
std::string display(json_object_text const& object) { return object.text; }
std::string display(goodput_list const& slos) {
  std::string out;
  for (auto const& slo : slos) {
    if (!out.empty()) out += ' ';
    out += slo.tag + ":" + display(slo.threshold);
  }
  return out;
}

}  // namespace cli_detail
}  // namespace aiperf::driver
