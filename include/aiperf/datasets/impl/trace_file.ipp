// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/impl/trace_file.ipp — definitions for trace_file.hpp: the Mooncake and Bailian
// JSONL readers and the BurstGPT CSV reader (simdjson is needed only here).
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/datasets/trace_file.hpp>
#include <aiperf/detail/ascii.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>  // detail::read_file

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <unordered_map>

namespace aiperf {
inline namespace v0 {
namespace datasets {

AIPERF_DECL std::string_view trace_format_name(trace_format f) noexcept {
  switch (f) {
    case trace_format::mooncake: return "mooncake_trace";
    case trace_format::bailian: return "bailian_trace";
    case trace_format::burst_gpt: return "burst_gpt_trace";
  }
  return "";
}

AIPERF_DECL std::optional<trace_format> trace_format_from_name(std::string_view name) noexcept {
  for (auto f : {trace_format::mooncake, trace_format::bailian, trace_format::burst_gpt})
    if (trace_format_name(f) == name) return f;
  return std::nullopt;
}

AIPERF_DECL std::size_t default_block_size(trace_format f) noexcept {
  switch (f) {
    case trace_format::mooncake: return 512;
    case trace_format::bailian: return 16;
    case trace_format::burst_gpt: return 0;
  }
  return 0;
}

namespace trace_impl {

/// "FILE:LINE: " — the prefix of every message about one line.
inline std::string where(std::filesystem::path const& file, std::size_t line) {
  return file.string() + ":" + std::to_string(line) + ": ";
}

AIPERF_DECL std::string read_trace_text(std::filesystem::path const& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw trace_error(file.string() + ": is a directory, expected a trace file");
  if (!std::filesystem::exists(file, ec)) throw trace_error(file.string() + ": no such file");
  try {
    return aiperf::detail::read_file(file);
  } catch (std::exception const& e) {
    throw trace_error(file.string() + ": cannot read the file (" + e.what() + ")");
  }
}

/// Calls f(line_number, line) for every non-blank line; '\r' before '\n' is dropped.
template <class F>
void for_each_line(std::string_view text, F&& f) {
  std::size_t line_no = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (aiperf::detail::ascii_trim(line).empty()) continue;
    f(line_no, line);
  }
}

/// Reads JSON fields of one trace line with messages "FILE:LINE: FIELD: problem".  A nested
/// object of the line (a multi_turn turn) reads the same way, its fields named from the line:
/// "FILE:LINE: turns[1].text: problem", and its sentences "FILE:LINE: turns[1]: sentence".
class json_line {
 public:
  json_line(simdjson::dom::parser& parser, std::string_view line, std::filesystem::path const& file, std::size_t no)
      : where_(where(file, no)), prefix_(where_) {
    simdjson::dom::element root;
    if (auto err = parser.parse(line.data(), line.size()).get(root))
      throw trace_error(prefix_ + "invalid JSON in trace line: " + simdjson::error_message(err));
    if (root.get(obj_)) throw trace_error(prefix_ + "trace line must be a JSON object");
  }
  /// The object `obj` found at `path` (e.g. "turns[1]") inside `parent`.
  json_line(json_line const& parent, simdjson::dom::object obj, std::string const& path)
      : where_(parent.where_),
        path_(parent.path_.empty() ? path : parent.path_ + "." + path),
        prefix_(where_ + path_ + ": "),
        obj_(obj) {}

  [[nodiscard]] bool has(std::string_view key) const {
    simdjson::dom::element e;
    return !obj_.at_key(key).get(e) && !e.is_null();
  }
  [[nodiscard]] std::string const& prefix() const noexcept { return prefix_; }
  /// The raw value of `key` (absent or null: nullopt), for fields with several shapes.
  [[nodiscard]] std::optional<simdjson::dom::element> element(std::string_view key) const {
    simdjson::dom::element e;
    if (obj_.at_key(key).get(e) || e.is_null()) return std::nullopt;
    return e;
  }
  [[noreturn]] void fail(std::string_view field, std::string_view problem) const {
    throw trace_error(where_ + (path_.empty() ? "" : path_ + ".") + std::string(field) + ": " + std::string(problem));
  }

  /// A non-negative integer (an integral double such as 512.0 is accepted).
  [[nodiscard]] std::optional<std::int64_t> integer(std::string_view key) const {
    simdjson::dom::element e;
    if (obj_.at_key(key).get(e) || e.is_null()) return std::nullopt;
    return to_integer(e, key);
  }
  /// Any integer, negative ones included (Bailian's parent_chat_id is -1 for a root).
  [[nodiscard]] std::optional<std::int64_t> signed_integer(std::string_view key) const {
    simdjson::dom::element e;
    if (obj_.at_key(key).get(e) || e.is_null()) return std::nullopt;
    std::int64_t i = 0;
    if (e.is_bool() || e.get(i)) fail(key, "expected an integer, got " + std::string(type_name(e)));
    return i;
  }
  [[nodiscard]] std::optional<double> number(std::string_view key) const {
    simdjson::dom::element e;
    if (obj_.at_key(key).get(e) || e.is_null()) return std::nullopt;
    double d = 0;
    if (e.is_bool() || e.get(d)) fail(key, "expected a number, got " + std::string(type_name(e)));
    if (!std::isfinite(d) || d < 0) fail(key, "must be a finite number >= 0, got " + fmt_number(d));
    return d;
  }
  [[nodiscard]] std::optional<std::string> string(std::string_view key) const {
    simdjson::dom::element e;
    if (obj_.at_key(key).get(e) || e.is_null()) return std::nullopt;
    std::string_view s;
    if (e.get(s)) fail(key, "expected a string, got " + std::string(type_name(e)));
    return std::string(s);
  }
  /// A string, or an integer written as its decimal digits (session ids come both ways).
  [[nodiscard]] std::optional<std::string> id(std::string_view key) const {
    simdjson::dom::element e;
    if (obj_.at_key(key).get(e) || e.is_null()) return std::nullopt;
    std::string_view s;
    if (!e.get(s)) return std::string(s);
    std::int64_t i = 0;
    if (!e.get(i)) return std::to_string(i);
    fail(key, "expected a string or an integer, got " + std::string(type_name(e)));
  }
  [[nodiscard]] std::vector<std::int64_t> integers(std::string_view key) const {
    simdjson::dom::element e;
    std::vector<std::int64_t> out;
    if (obj_.at_key(key).get(e) || e.is_null()) return out;
    simdjson::dom::array arr;
    if (e.get(arr)) fail(key, "expected a list of integers, got " + std::string(type_name(e)));
    out.reserve(arr.size());
    std::size_t i = 0;
    for (auto v : arr) out.push_back(to_integer(v, std::string(key) + "[" + std::to_string(i++) + "]"));
    return out;
  }

 private:
  static std::string_view type_name(simdjson::dom::element e) {
    switch (e.type()) {
      case simdjson::dom::element_type::ARRAY: return "a list";
      case simdjson::dom::element_type::OBJECT: return "an object";
      case simdjson::dom::element_type::STRING: return "a string";
      case simdjson::dom::element_type::BOOL: return "a boolean";
      case simdjson::dom::element_type::NULL_VALUE: return "null";
      default: return "a number";
    }
  }
  static std::string fmt_number(double d) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    return ec == std::errc{} ? std::string(buf, end) : std::string("?");
  }
  std::int64_t to_integer(simdjson::dom::element e, std::string_view field) const {
    std::int64_t i = 0;
    std::uint64_t u = 0;
    double d = 0;
    if (!e.is_bool() && !e.get(i)) {
      // an integer
    } else if (!e.is_bool() && !e.get(u)) {
      fail(field, "integer out of range");
    } else if (!e.is_bool() && !e.get(d) && std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) {
      i = static_cast<std::int64_t>(d);
    } else {
      fail(field, "expected an integer, got " + (e.is_number() ? fmt_number(d) : std::string(type_name(e))));
    }
    if (i < 0) fail(field, "must be >= 0, got " + std::to_string(i));
    return i;
  }

  std::string where_;   // "FILE:LINE: "
  std::string path_;    // where the object sits in the line ("" for the line itself)
  std::string prefix_;  // where_, then "PATH: " for a nested object
  simdjson::dom::object obj_;
};

/// Appends the text of an OpenAI message list (string contents and text parts), for counting.
AIPERF_DECL void append_message_text(simdjson::dom::element messages, std::string& out) {
  simdjson::dom::array arr;
  if (messages.get(arr)) return;
  for (simdjson::dom::element m : arr) {
    simdjson::dom::element content;
    if (m["content"].get(content)) continue;
    std::string_view s;
    simdjson::dom::array parts;
    if (!content.get(s)) {
      out += s;
    } else if (!content.get(parts)) {
      for (simdjson::dom::element p : parts)
        if (!p["text"].get(s)) out += s;
    }
  }
}

AIPERF_DECL trace_row read_mooncake_line(json_line const& j, std::size_t line) {
  const bool has_len = j.has("input_length"), has_text = j.has("text_input");
  const bool has_msgs = j.has("messages"), has_payload = j.has("payload");
  const int given = int(has_len) + int(has_text) + int(has_msgs) + int(has_payload);
  if (given == 0)
    throw trace_error(j.prefix() + "Exactly one of 'input_length', 'text_input', 'messages', or 'payload' must be provided");
  if (given > 1)
    throw trace_error(j.prefix() +
                      "'input_length', 'text_input', 'messages', and 'payload' are mutually exclusive. Use only one of them.");
  if (j.has("hash_ids") && !has_len)
    throw trace_error(j.prefix() +
                      "'hash_ids' is only allowed when 'input_length' is provided, not when 'text_input', 'messages', "
                      "or 'payload' are provided");
  if (j.has("tools") && !has_msgs) throw trace_error(j.prefix() + "'tools' is only allowed when 'messages' is provided");
  trace_row r;
  r.line = line;
  const std::string mode = j.string("message_mode").value_or("history");
  if (mode != "history" && mode != "delta")
    j.fail("message_mode", "expected 'history' or 'delta', got '" + mode + "'");
  r.delta = mode == "delta";
  if (r.delta && !has_msgs)
    throw trace_error(j.prefix() + "message_mode='delta' is only supported with 'messages'; this row has " +
                      (has_payload ? "'payload'" : has_len ? "'input_length'" : "'text_input'"));
  if (has_len) {
    r.input_length = *j.integer("input_length");
    if (r.input_length == 0) j.fail("input_length", "must be >= 1");
  } else if (has_text) {
    r.text_input = *j.string("text_input");
  } else if (has_payload) {
    simdjson::dom::object body;
    if (j.element("payload")->get(body) || body.size() == 0) throw trace_error(j.prefix() + "'payload' must be a non-empty dict");
    r.payload = simdjson::minify(body);
    simdjson::dom::element e;
    if (!body["messages"].get(e)) append_message_text(e, r.raw_text);
    std::string_view prompt;
    if (!body["prompt"].get(prompt)) r.raw_text += prompt;
  } else {
    simdjson::dom::array msgs;
    if (j.element("messages")->get(msgs) || msgs.size() == 0) throw trace_error(j.prefix() + "'messages' must be a non-empty list");
    std::size_t i = 0;
    for (simdjson::dom::element m : msgs) {
      simdjson::dom::object mo;
      simdjson::dom::element role;
      if (m.get(mo) || mo["role"].get(role))
        throw trace_error(j.prefix() + "Each message must have a 'role' key, but message at index " + std::to_string(i) +
                          " does not");
      ++i;
    }
    r.messages = simdjson::minify(msgs);
    append_message_text(*j.element("messages"), r.raw_text);
    if (j.has("tools")) {
      simdjson::dom::array tools;
      if (j.element("tools")->get(tools) || tools.size() == 0) throw trace_error(j.prefix() + "'tools' must be a non-empty list");
      r.tools = simdjson::minify(tools);
    }
  }
  if (const auto extra = j.element("extra")) {
    simdjson::dom::object obj;
    if (extra->get(obj)) j.fail("extra", "expected an object (its members are merged into the request body)");
    for (auto [key, value] : obj) {
      if (r.delta && key == "messages")
        j.fail("extra", "must not contain 'messages' with message_mode='delta' (the rows' messages are accumulated)");
      r.extra.emplace_back(std::string(key), simdjson::minify(value));
    }
  }
  r.output_length = j.integer("output_length").value_or(-1);
  r.hash_ids = j.integers("hash_ids");
  r.timestamp_ms = j.number("timestamp");
  r.delay_ms = j.number("delay");
  r.session_id = j.id("session_id").value_or("");
  return r;
}

AIPERF_DECL std::vector<trace_row> read_mooncake(std::filesystem::path const& file, std::string_view text) {
  std::vector<trace_row> rows;
  simdjson::dom::parser parser;
  for_each_line(text, [&](std::size_t no, std::string_view line) {
    rows.push_back(read_mooncake_line(json_line(parser, line, file, no), no));
  });
  // Rows of one session take their order from the file.
  std::unordered_map<std::string, std::int64_t> turns;
  for (auto& r : rows)
    if (!r.session_id.empty()) r.turn = ++turns[r.session_id];
  return rows;
}

AIPERF_DECL std::vector<trace_row> read_bailian(std::filesystem::path const& file, std::string_view text) {
  std::vector<trace_row> rows;
  std::vector<std::int64_t> chat_ids, parents;
  simdjson::dom::parser parser;
  std::unordered_map<std::int64_t, std::size_t> row_of_chat;
  for_each_line(text, [&](std::size_t no, std::string_view line) {
    json_line j(parser, line, file, no);
    if (!j.has("chat_id")) j.fail("chat_id", "required");
    trace_row r;
    r.line = no;
    const std::int64_t chat = *j.integer("chat_id");
    const std::int64_t parent = j.signed_integer("parent_chat_id").value_or(-1);  // -1: a root
    if (!j.has("input_length")) j.fail("input_length", "required");
    r.input_length = *j.integer("input_length");
    if (r.input_length == 0) j.fail("input_length", "must be >= 1");
    r.output_length = j.integer("output_length").value_or(-1);
    r.hash_ids = j.integers("hash_ids");
    if (auto ts = j.number("timestamp")) r.timestamp_ms = *ts * 1000.0;  // seconds in the file
    r.turn = j.integer("turn").value_or(1);
    if (!row_of_chat.emplace(chat, rows.size()).second)
      j.fail("chat_id", "duplicate chat_id " + std::to_string(chat) + " (first on line " +
                            std::to_string(rows[row_of_chat[chat]].line) + ")");
    chat_ids.push_back(chat);
    parents.push_back(parent);
    rows.push_back(std::move(r));
  });
  // Sessions are the connected components of chat_id -> parent_chat_id (union-find).  A session
  // is named after its root: the chat whose parent is -1 or not in the file; a component that is
  // a cycle has no root and is named after its smallest chat_id.
  std::vector<std::size_t> up(rows.size());
  for (std::size_t i = 0; i < up.size(); ++i) up[i] = i;
  auto find = [&](std::size_t i) {
    while (up[i] != i) i = up[i] = up[up[i]];
    return i;
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto it = parents[i] < 0 ? row_of_chat.end() : row_of_chat.find(parents[i]);
    if (it != row_of_chat.end()) up[find(i)] = find(it->second);
  }
  // Each chat has at most one parent, so a component has exactly one root, or none if it holds a cycle.
  std::unordered_map<std::size_t, std::int64_t> name_of;  // component -> root chat_id
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (parents[i] < 0 || !row_of_chat.contains(parents[i])) name_of[find(i)] = chat_ids[i];
  std::unordered_map<std::size_t, std::int64_t> cycle_name;  // rootless components: smallest chat_id
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t c = find(i);
    if (name_of.contains(c)) continue;
    auto [it, fresh] = cycle_name.try_emplace(c, chat_ids[i]);
    if (!fresh) it->second = std::min(it->second, chat_ids[i]);
  }
  name_of.merge(cycle_name);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].session_id = "bailian-" + std::to_string(name_of[find(i)]);
  return rows;
}

/// Splits one CSV record (RFC 4180 quoting; no newlines inside fields).
AIPERF_DECL std::vector<std::string> split_csv(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

AIPERF_DECL std::optional<double> parse_csv_number(std::string_view s) {
  s = aiperf::detail::ascii_trim(s);
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(d) || d < 0) return std::nullopt;
  return d;
}

AIPERF_DECL std::vector<trace_row> read_burst_gpt(std::filesystem::path const& file, std::string_view text) {
  std::vector<trace_row> rows;
  std::size_t ts_col = 0, req_col = 0, resp_col = 0;
  bool header = true;
  for_each_line(text, [&](std::size_t no, std::string_view line) {
    const auto cells = split_csv(line);
    if (header) {
      header = false;
      std::optional<std::size_t> ts, req, resp;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto name = aiperf::detail::ascii_trim(cells[i]);
        if (name == "Timestamp") ts = i;
        if (name == "Request tokens") req = i;
        if (name == "Response tokens") resp = i;
      }
      if (!ts || !req || !resp) {
        std::string missing;
        for (auto [col, name] : {std::pair{ts, "'Timestamp'"}, {req, "'Request tokens'"}, {resp, "'Response tokens'"}})
          if (!col) missing += (missing.empty() ? "" : ", ") + std::string(name);
        throw trace_error("Missing required columns {" + missing + "} in '" + file.string() + "'");
      }
      ts_col = *ts, req_col = *req, resp_col = *resp;
      return;
    }
    const std::size_t need = std::max({ts_col, req_col, resp_col});
    if (cells.size() <= need) return;  // the spec: rows with unparsable values are skipped
    const auto ts = parse_csv_number(cells[ts_col]);
    const auto req = parse_csv_number(cells[req_col]);
    const auto resp = parse_csv_number(cells[resp_col]);
    if (!ts || !req || !resp || *req < 1 || *req != std::floor(*req) || *resp != std::floor(*resp)) return;
    trace_row r;
    r.line = no;
    r.timestamp_ms = *ts * 1000.0;
    r.input_length = static_cast<std::int64_t>(*req);
    r.output_length = static_cast<std::int64_t>(*resp);
    rows.push_back(std::move(r));
  });
  if (header) throw trace_error(file.string() + ": empty file, expected a CSV header with Timestamp, Request tokens, Response tokens");
  return rows;
}

}  // namespace trace_impl

AIPERF_DECL std::vector<trace_row> read_trace(std::filesystem::path const& file, trace_format format) {
  const std::string text = trace_impl::read_trace_text(file);
  switch (format) {
    case trace_format::mooncake: return trace_impl::read_mooncake(file, text);
    case trace_format::bailian: return trace_impl::read_bailian(file, text);
    case trace_format::burst_gpt: return trace_impl::read_burst_gpt(file, text);
  }
  throw trace_error(file.string() + ": unknown trace format");
}

namespace trace_impl {
/// The first non-blank line of `file` (reads no further); empty when there is none.
AIPERF_DECL std::string first_record(std::filesystem::path const& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw trace_error(file.string() + ": is a directory, expected a trace file");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw trace_error(file.string() + ": cannot open the file");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!aiperf::detail::ascii_trim(line).empty()) return line;
  }
  return {};
}
}  // namespace trace_impl

AIPERF_DECL std::optional<trace_format> detect_trace_format(std::filesystem::path const& file) {
  const std::string line = trace_impl::first_record(file);
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (parser.parse(line).get(obj)) {
    const auto cells = trace_impl::split_csv(line);
    auto has = [&](std::string_view n) {
      return std::any_of(cells.begin(), cells.end(), [&](auto const& c) { return aiperf::detail::ascii_trim(c) == n; });
    };
    if (has("Timestamp") && has("Request tokens") && has("Response tokens")) return trace_format::burst_gpt;
    return std::nullopt;
  }
  simdjson::dom::element e;
  if (!obj.at_key("chat_id").get(e)) return trace_format::bailian;
  for (auto key : {"input_length", "text_input", "hash_ids", "messages", "payload"})
    if (!obj.at_key(key).get(e)) return trace_format::mooncake;
  return std::nullopt;
}

AIPERF_DECL bool first_record_has_timestamp(std::filesystem::path const& file, trace_format format) {
  if (format == trace_format::burst_gpt) return true;
  const std::string line = trace_impl::first_record(file);
  simdjson::dom::parser parser;
  simdjson::dom::element ts;
  return !parser.parse(line)["timestamp"].get(ts) && !ts.is_null();
}

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf
