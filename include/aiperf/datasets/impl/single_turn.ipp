// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/impl/single_turn.ipp — definitions for single_turn.hpp (the line reader is
// trace_file.ipp's, so messages have the same FILE:LINE: FIELD form).
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/datasets/impl/trace_file.ipp>
#include <aiperf/datasets/single_turn.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <cmath>
#include <optional>
#include <unordered_map>

namespace aiperf {
inline namespace v0 {
namespace datasets {
namespace trace_impl {

/// The prompt of one record: `text`, or `texts` joined with a space; nullopt when it has
/// neither.  `named` receives `texts` one by one when there is more than one content or they are
/// named (turn::texts); a single unnamed string leaves it empty.
AIPERF_DECL std::optional<std::string> single_turn_prompt(json_line const& j, std::vector<named_texts>* named) {
  const bool has_text = j.has("text"), has_texts = j.has("texts");
  if (has_text && has_texts) throw trace_error(j.prefix() + "text and texts cannot be set together");
  if (has_text) return *j.string("text");
  if (!has_texts) return std::nullopt;
  simdjson::dom::array items;
  if (j.element("texts")->get(items)) j.fail("texts", "expected a list of strings or of {name, contents} objects");
  std::string out;
  std::vector<named_texts> groups;
  bool names = false;
  std::size_t contents_n = 0;
  auto add = [&](std::string_view s) {
    if (!out.empty()) out += ' ';
    out += s;
    ++contents_n;
  };
  std::size_t i = 0;
  for (simdjson::dom::element item : items) {
    const std::string field = "texts[" + std::to_string(i++) + "]";
    std::string_view s;
    simdjson::dom::array contents;
    if (!item.get(s)) {
      add(s);
      if (groups.empty() || groups.back().name != "text" || names) groups.push_back(named_texts{});
      groups.back().contents.emplace_back(s);
    } else if (!item["contents"].get(contents)) {
      named_texts g;
      std::string_view name;
      simdjson::dom::element ne;
      if (!item["name"].get(ne) && !ne.is_null()) {
        if (ne.get(name)) j.fail(field + ".name", "expected a string");
        g.name = std::string(name);
      }
      names = true;
      for (simdjson::dom::element c : contents) {
        if (c.get(s)) j.fail(field + ".contents", "expected strings");
        add(s);
        g.contents.emplace_back(s);
      }
      groups.push_back(std::move(g));
    } else {
      j.fail(field, "expected a string or a {name, contents} object");
    }
  }
  if (out.empty()) j.fail("texts", "no text in the list");
  if (named && (names || contents_n > 1)) *named = std::move(groups);
  return out;
}

enum class media_kind { image, audio, video };

/// Reads the media a file's records name: each local file once (the turns that name it share
/// the encoded copy), URLs and data URIs as given.
class media_store {
 public:
  /// The item for `value` (a path, URL or data URI) of `field`; a problem is "FILE:LINE: FIELD: ...".
  AIPERF_DECL media_item get(json_line const& j, std::string const& field, media_kind kind, std::string_view value);
  /// Logs how many files were read and their encoded size, when there were any.
  void log_summary(dataset_context const& ctx) const {
    if (ctx.log && !files_.empty())
      ctx.log("Media: " + std::to_string(files_.size()) + " local file(s) read, " + std::to_string(bytes_) +
              " bytes base64-encoded, stored once each");
  }

 private:
  std::unordered_map<std::string, media_item> files_;  // "KIND\nPATH" -> its item
  std::size_t bytes_ = 0;
};

/// Standard base64 (RFC 4648, with padding).
AIPERF_DECL std::string base64_encode(std::string_view bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = at(i) << 16 | at(i + 1) << 8 | at(i + 2);
    for (int s : {18, 12, 6, 0}) out.push_back(alphabet[(v >> s) & 63]);
  }
  if (const std::size_t rest = bytes.size() - i; rest > 0) {
    const std::uint32_t v = at(i) << 16 | (rest == 2 ? at(i + 1) << 8 : 0);
    out.push_back(alphabet[(v >> 18) & 63]);
    out.push_back(alphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? alphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

namespace {
/// Whether `s` is a URL with a scheme and a host ("https://host/..."): sent as it is.
bool is_url(std::string_view s) {
  const std::size_t colon = s.find("://");
  if (colon == std::string_view::npos || colon == 0 || colon + 3 >= s.size()) return false;
  for (char c : s.substr(0, colon))
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
      return false;
  return true;
}
std::string lower_extension(std::string_view path) {
  std::string ext = std::filesystem::path(path).extension().string();
  if (!ext.empty()) ext.erase(0, 1);
  for (char& c : ext) c = aiperf::detail::ascii_lower(c);
  return ext;
}
/// The media type's subtype ("png", "wav", "mp4") of a file, from its first bytes, else its
/// extension; empty when it is not one of `kind`'s formats.
std::string sniff_format(media_kind kind, std::string_view bytes, std::string_view path) {
  auto starts = [&](std::string_view m, std::size_t at = 0) { return bytes.size() >= at + m.size() && bytes.substr(at, m.size()) == m; };
  const std::string ext = lower_extension(path);
  switch (kind) {
    case media_kind::image:
      if (starts("\x89PNG\r\n\x1a\n")) return "png";
      if (starts("\xff\xd8\xff")) return "jpeg";
      if (starts("GIF87a") || starts("GIF89a")) return "gif";
      if (starts("RIFF") && starts("WEBP", 8)) return "webp";
      if (starts("BM")) return "bmp";
      if (ext == "jpg" || ext == "jpeg") return "jpeg";
      if (ext == "png" || ext == "gif" || ext == "webp" || ext == "bmp" || ext == "tiff") return ext;
      return {};
    case media_kind::audio:
      if (starts("RIFF") && starts("WAVE", 8)) return "wav";
      if (starts("ID3") || starts("\xff\xfb") || starts("\xff\xf3") || starts("\xff\xf2")) return "mp3";
      if (ext == "wav" || ext == "mp3") return ext;
      return {};
    case media_kind::video:
      if (starts("ftyp", 4)) return ext == "mov" ? "quicktime" : "mp4";
      if (starts("\x1a\x45\xdf\xa3")) return ext == "mkv" ? "x-matroska" : "webm";
      if (ext == "mp4" || ext == "webm") return ext;
      if (ext == "mov") return "quicktime";
      if (ext == "avi") return "x-msvideo";
      if (ext == "mkv") return "x-matroska";
      return {};
  }
  return {};
}
constexpr std::string_view kind_formats(media_kind kind) {
  switch (kind) {
    case media_kind::image: return "png, jpeg, gif, webp or bmp";
    case media_kind::audio: return "wav or mp3";
    case media_kind::video: return "mp4, webm, mov, avi or mkv";
  }
  return "";
}
constexpr std::string_view kind_name(media_kind kind) {
  switch (kind) {
    case media_kind::image: return "image";
    case media_kind::audio: return "audio";
    case media_kind::video: return "video";
  }
  return "";
}
}  // namespace

AIPERF_DECL media_item media_store::get(json_line const& j, std::string const& field, media_kind kind,
                                        std::string_view value) {
  if (value.empty()) j.fail(field, "expected a file path, a URL or a data URI, got an empty string");
  media_item out;
  // Already encoded, or remote: sent as given (audio: "wav,<base64>" and audio data URIs are
  // split into the format and the base64 bytes OpenAI's input_audio takes).
  if (kind == media_kind::audio) {
    for (std::string_view f : {"wav", "mp3"}) {
      if (value.size() > f.size() && value.substr(0, f.size()) == f && value[f.size()] == ',') {
        out.format = std::string(f);
        out.data = std::make_shared<const std::string>(value.substr(f.size() + 1));
        return out;
      }
      const std::string uri = "data:audio/" + std::string(f) + ";base64,";
      if (value.starts_with(uri)) {
        out.format = std::string(f);
        out.data = std::make_shared<const std::string>(value.substr(uri.size()));
        return out;
      }
    }
  }
  if (value.starts_with("data:") || is_url(value)) {
    out.data = std::make_shared<const std::string>(value);
    return out;
  }
  // A local file: read once however many turns name it.
  const std::string key = std::string(kind_name(kind)) + '\n' + std::string(value);
  if (auto it = files_.find(key); it != files_.end()) return it->second;
  std::error_code ec;
  const std::filesystem::path path{std::string(value)};
  if (!std::filesystem::is_regular_file(path, ec))
    j.fail(field, std::string(std::filesystem::exists(path, ec) ? "not a regular file: '" : "no such file: '") +
                      std::string(value) + "' (local paths are read and sent base64-encoded; URLs need http(s)://)");
  std::string bytes;
  try {
    bytes = aiperf::detail::read_file(path);
  } catch (std::exception const& e) {
    j.fail(field, "cannot read '" + std::string(value) + "' (" + e.what() + ")");
  }
  const std::string format = sniff_format(kind, bytes, value);
  if (format.empty())
    j.fail(field, "'" + std::string(value) + "' is not " + std::string(kind == media_kind::video ? "a " : "an ") +
                      std::string(kind_name(kind)) + " file this build recognizes (" + std::string(kind_formats(kind)) + ")");
  if (kind == media_kind::audio) {
    out.format = format;
    out.data = std::make_shared<const std::string>(base64_encode(bytes));
  } else {
    out.data = std::make_shared<const std::string>("data:" + std::string(kind_name(kind)) + "/" + format + ";base64," +
                                                   base64_encode(bytes));
  }
  bytes_ += out.data->size();
  files_.emplace(key, out);
  return out;
}

/// `image` | `images` (and the same for audio and video): a string, or a list of strings or of
/// {name, contents} objects (names are not sent: chat content parts have none).
AIPERF_DECL std::vector<media_item> read_media(json_line const& j, media_kind kind, media_store& store) {
  const std::string one(kind_name(kind)), many = one + "s";
  const bool has_one = j.has(one), has_many = j.has(many);
  if (has_one && has_many) throw trace_error(j.prefix() + one + " and " + many + " cannot be set together");
  std::vector<media_item> out;
  if (has_one) {
    out.push_back(store.get(j, one, kind, *j.string(one)));
    return out;
  }
  if (!has_many) return out;
  simdjson::dom::array items;
  if (j.element(many)->get(items)) j.fail(many, "expected a list of strings or of {name, contents} objects");
  std::size_t i = 0;
  for (simdjson::dom::element item : items) {
    const std::string field = many + "[" + std::to_string(i++) + "]";
    std::string_view s;
    simdjson::dom::array contents;
    if (!item.get(s)) {
      out.push_back(store.get(j, field, kind, s));
    } else if (!item["contents"].get(contents)) {
      std::size_t k = 0;
      for (simdjson::dom::element c : contents) {
        const std::string cf = field + ".contents[" + std::to_string(k++) + "]";
        if (c.get(s)) j.fail(cf, "expected a string");
        out.push_back(store.get(j, cf, kind, s));
      }
    } else {
      j.fail(field, "expected a string or a {name, contents} object");
    }
  }
  if (out.empty()) j.fail(many, "no " + one + " in the list");
  return out;
}

/// `extra`: an object whose members are merged into the request body (spec §8.3).
AIPERF_DECL std::vector<std::pair<std::string, std::string>> read_extra(json_line const& j) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto e = j.element("extra");
  if (!e) return out;
  simdjson::dom::object obj;
  if (e->get(obj)) j.fail("extra", "expected an object (its members are merged into the request body)");
  for (auto [key, value] : obj) out.emplace_back(std::string(key), simdjson::minify(value));
  return out;
}

/// What a single_turn record holds besides its role and session: the fields every text record
/// shares (single_turn lines, multi_turn turns, random_pool items).  The prompt (`text` |
/// `texts`) is counted with `tok`; media are read through `media`; `output_length` > 0 is
/// max_tokens; `timestamp` (floored) and `delay` (rounded) are ms; `extra` is kept for the body.
AIPERF_DECL turn read_text_turn(json_line const& j, tokenizer const& tok, media_store& media) {
  if (j.has("timestamp") && j.has("delay")) throw trace_error(j.prefix() + "timestamp and delay cannot be set together");
  turn t;
  std::optional<std::string> prompt = single_turn_prompt(j, &t.texts);
  t.images = read_media(j, media_kind::image, media);
  t.audios = read_media(j, media_kind::audio, media);
  t.videos = read_media(j, media_kind::video, media);
  if (!prompt && !has_media(t)) throw trace_error(j.prefix() + "At least one modality must be provided");
  if (j.has("image_uuids")) {
    if (j.has("image")) throw trace_error(j.prefix() + "image_uuids cannot be used with the singular image field");
    simdjson::dom::array uuids;
    if (j.element("image_uuids")->get(uuids)) j.fail("image_uuids", "expected a list of strings, one per image");
    if (uuids.size() != t.images.size())
      j.fail("image_uuids", "has " + std::to_string(uuids.size()) + " entries but images has " +
                                std::to_string(t.images.size()) + "; the lengths must match");
    std::size_t i = 0;
    for (simdjson::dom::element u : uuids) {
      std::string_view s;
      const std::string field = "image_uuids[" + std::to_string(i) + "]";
      if (u.get(s)) j.fail(field, "expected a string");
      if (s.empty()) j.fail(field, "must not be empty");
      t.images[i++].uuid = std::string(s);
    }
  }
  t.text = prompt.value_or("");
  t.input_tokens = static_cast<std::int64_t>(tok.count(t.text));
  t.extra_body = read_extra(j);
  if (auto osl = j.integer("output_length"); osl && *osl > 0) t.max_tokens = *osl;
  if (auto ts = j.number("timestamp")) t.timestamp_ms = static_cast<std::int64_t>(std::floor(*ts));
  if (auto delay = j.number("delay")) t.delay_ms = static_cast<std::int64_t>(std::llround(*delay));
  return t;
}

/// The first non-blank line of `file` as a JSON object; false when it is not one.
AIPERF_DECL bool first_record_object(std::filesystem::path const& file, simdjson::dom::parser& parser,
                                     simdjson::dom::object& obj) {
  const std::string line = first_record(file);
  return !parser.parse(line).get(obj);
}

}  // namespace trace_impl

AIPERF_DECL std::vector<conversation> load_single_turn(std::filesystem::path const& file, dataset_context const& ctx) {
  if (ctx.tok == nullptr) throw std::invalid_argument("single_turn: a tokenizer is required");
  const std::string text = trace_impl::read_trace_text(file);
  std::vector<conversation> out;
  std::unordered_map<std::string, std::size_t> session_of;
  simdjson::dom::parser parser;
  trace_impl::media_store media;
  trace_impl::for_each_line(text, [&](std::size_t no, std::string_view line) {
    trace_impl::json_line j(parser, line, file, no);
    turn t = trace_impl::read_text_turn(j, *ctx.tok, media);
    if (auto role = j.string("role"); role && *role != "user")
      j.fail("role", "only 'user' turns are supported by this build, got '" + *role + "'");
    const std::string session = j.id("session_id").value_or("");
    auto [it, fresh] = session.empty() ? std::pair{session_of.end(), true} : session_of.try_emplace(session, out.size());
    if (fresh) {
      conversation c;
      c.id = session.empty() ? "line-" + std::to_string(no) : session;
      c.turns_carry_history = false;  // lines of one session are sent in order, each on its own (spec §7.6.1)
      out.push_back(std::move(c));
    }
    out[session.empty() ? out.size() - 1 : it->second].turns.push_back(std::move(t));
  });
  if (out.empty()) throw trace_error(file.string() + ": no requests in the file");
  media.log_summary(ctx);
  return out;
}

AIPERF_DECL bool looks_like_single_turn(std::filesystem::path const& file) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (!trace_impl::first_record_object(file, parser, obj)) return false;
  simdjson::dom::element e;
  for (auto key : {"text", "texts", "image", "images", "audio", "audios", "video", "videos"})
    if (!obj.at_key(key).get(e)) return true;
  return false;
}

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf
