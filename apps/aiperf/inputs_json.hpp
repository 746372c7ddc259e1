// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/inputs_json.hpp — `inputs.json` (spec measurement §6.9): every request body the
// run may send, exactly as encoded, grouped by conversation.  Joins with profile_export.jsonl
// on conversation_id + turn_index.
#pragma once
#include <aiperf/detail/json_text.hpp>
#include <aiperf/runner/prepared_dataset.hpp>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace aiperf::driver {

/// The body of a complete HTTP request (what follows the blank line after the headers).
inline std::string_view request_body(std::string_view wire) {
  const auto p = wire.find("\r\n\r\n");
  return p == std::string_view::npos ? std::string_view{} : wire.substr(p + 4);
}

inline std::string render_inputs_json(prepared_dataset const& data) {
  std::string out = "{\n  \"data\": [";
  for (std::size_t c = 0; c < data.conversations.size(); ++c) {
    out += c ? ",\n    {\n" : "\n    {\n";
    out += "      \"session_id\": ";
    aiperf::detail::append_json_string(out, data.conversations[c].id);
    out += ",\n      \"payloads\": [";
    for (std::size_t t = 0; t < data.turns[c].size(); ++t) {
      out += t ? ",\n        " : "\n        ";
      out += request_body(data.turns[c][t].wire);  // bodies are JSON already: spliced verbatim
    }
    out += "\n      ]\n    }";
  }
  out += data.conversations.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

/// Writes `text` to `path` through a temporary file and a rename, so a crash never leaves a
/// truncated file behind.
inline void write_file_atomically(std::filesystem::path const& path, std::string_view text) {
  const auto tmp = path.string() + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) throw std::runtime_error("cannot write " + tmp);
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !ok) throw std::runtime_error("cannot write " + tmp + " (disk full?)");
  std::filesystem::rename(tmp, path);
}

}  // namespace aiperf::driver
