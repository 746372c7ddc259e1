// SPDX-License-Identifier: Apache-2.0
// aiperf/tokenizer/impl/tokenizer.ipp — definitions for tokenizer.hpp: the tiktoken and
// tokenizer.json loaders (simdjson is needed only here), the tokenizer's members and the
// `--tokenizer` spec resolution.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/ascii.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <simdjson.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <system_error>

namespace aiperf {
inline namespace v0 {
namespace detail {

AIPERF_DECL std::string read_file(std::filesystem::path const& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) throw tokenizer_error("cannot open " + p.string());
  std::string s;
  f.seekg(0, std::ios::end);
  s.resize(static_cast<std::size_t>(f.tellg()));
  f.seekg(0);
  f.read(s.data(), static_cast<std::streamsize>(s.size()));
  if (!f) throw tokenizer_error("cannot read " + p.string());
  return s;
}

AIPERF_DECL bool base64_decode(std::string_view in, std::string& out) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  out.clear();
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    int const v = val(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return true;
}

/// GPT-2's byte ↔ printable-code-point table used by ByteLevel vocabularies.
AIPERF_DECL std::array<std::uint32_t, 256> byte_to_unicode() {
  std::array<std::uint32_t, 256> t{};
  std::uint32_t extra = 0;
  for (std::uint32_t b = 0; b < 256; ++b) {
    bool const keep = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174);
    t[b] = keep ? b : 256 + extra++;
  }
  return t;
}

/// Finishes a model whose `bytes` are filled: lookup table and the 256 byte symbols.
AIPERF_DECL void finish_bytes(tokenizer_impl& t, std::string const& where) {
  t.bpe.lookup.build(t.bpe.bytes);
  for (int b = 0; b < 256; ++b) {
    char const c = static_cast<char>(b);
    std::int64_t const id = t.bpe.lookup.find(std::string_view(&c, 1));
    if (id < 0) throw tokenizer_error(where + ": vocabulary has no token for byte " + std::to_string(b) +
                                      " (only byte-level BPE tokenizers are supported)");
    t.bpe.byte_id[b] = static_cast<std::uint32_t>(id);
  }
}

AIPERF_DECL void sort_added(tokenizer_impl& t) {
  std::stable_sort(t.added.begin(), t.added.end(),
                   [](added_token const& a, added_token const& b) { return a.content.size() > b.content.size(); });
  for (auto const& a : t.added) {
    t.added_first[static_cast<unsigned char>(a.content[0])] = true;
    if (t.added_by_id.size() <= a.id) t.added_by_id.resize(a.id + 1);
    t.added_by_id[a.id] = a.content;
    t.vocab_size = std::max<std::size_t>(t.vocab_size, a.id + 1);
  }
}

AIPERF_DECL std::shared_ptr<tokenizer_impl> load_tiktoken(std::filesystem::path const& path) {
  auto t = std::make_shared<tokenizer_impl>();
  std::string const data = read_file(path);
  std::string const stem = path.stem().string();
  t->name = stem;
  t->bpe.whole_piece_first = true;
  t->pattern = stem.find("o200k") != std::string::npos ? split_pattern::o200k
               : (stem.find("p50k") != std::string::npos || stem.find("r50k") != std::string::npos)
                   ? split_pattern::gpt2
                   : split_pattern::cl100k;
  std::size_t pos = 0, line = 0;
  std::string tok;
  while (pos < data.size()) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) eol = data.size();
    std::string_view l(data.data() + pos, eol - pos);
    pos = eol + 1;
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty()) continue;
    std::size_t const sp = l.find(' ');
    auto bad = [&](char const* why) {
      return tokenizer_error(path.string() + ":" + std::to_string(line) + ": " + why);
    };
    if (sp == std::string_view::npos) throw bad("expected '<base64> <rank>'");
    if (!base64_decode(l.substr(0, sp), tok) || tok.empty()) throw bad("invalid base64 token");
    std::uint64_t rank = 0;
    std::string_view num = l.substr(sp + 1);
    if (num.empty() || num.size() > 9) throw bad("invalid rank");
    for (char c : num) {
      if (c < '0' || c > '9') throw bad("invalid rank");
      rank = rank * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (t->bpe.bytes.size() <= rank) t->bpe.bytes.resize(rank + 1);
    t->bpe.bytes[rank] = tok;
  }
  if (t->bpe.bytes.empty()) throw tokenizer_error(path.string() + ": empty rank file");
  finish_bytes(*t, path.string());
  // A pair merges when its concatenation is a token; that token's rank is the priority.
  std::size_t total = 0;
  for (auto const& b : t->bpe.bytes) total += b.size() > 1 ? b.size() - 1 : 0;
  t->bpe.merges.reserve(total / 2 + 16);
  auto const& bytes = t->bpe.bytes;
  for (std::size_t id = 0; id < bytes.size(); ++id) {
    std::string_view const s = bytes[id];
    for (std::size_t k = 1; k < s.size(); ++k) {
      std::int64_t const l = t->bpe.lookup.find(s.substr(0, k));
      if (l < 0) continue;
      std::int64_t const r = t->bpe.lookup.find(s.substr(k));
      if (r < 0) continue;
      t->bpe.merges.insert(static_cast<std::uint32_t>(l), static_cast<std::uint32_t>(r),
                           static_cast<std::uint32_t>(id), static_cast<std::uint32_t>(id));
    }
  }
  t->vocab_size = bytes.size();
  // The special tokens tiktoken registers for the two OpenAI encodings we ship.
  if (stem == "o200k_base") {
    t->added = {{199999, "<|endoftext|>", true}, {200018, "<|endofprompt|>", true}};
  } else if (stem == "cl100k_base") {
    t->added = {{100257, "<|endoftext|>", true}, {100258, "<|fim_prefix|>", true},
                {100259, "<|fim_middle|>", true}, {100260, "<|fim_suffix|>", true},
                {100276, "<|endofprompt|>", true}};
  }
  sort_added(*t);
  return t;
}

// ---- tokenizer.json ------------------------------------------------------------------------

/// Optional boolean field; `def` when absent or not a boolean.
template <class E>
bool json_bool(E&& e, bool def) {
  bool v = def;
  if (e.get(v)) return def;
  return v;
}

/// Optional string field; "" when absent, null or not a string.
template <class E>
std::string json_str(E&& e) {
  std::string_view s;
  if (e.get(s)) return {};
  return std::string(s);
}

/// Known split regexes (as tokenizer.json spells them) → scanner.
AIPERF_DECL bool pattern_of(std::string_view re, split_pattern& out) {
  static constexpr std::string_view cl100k =
      R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
  static constexpr std::string_view qwen2 =
      R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
  static constexpr std::string_view gpt2 = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
  static constexpr std::string_view o200k =
      R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
  if (re == cl100k) out = split_pattern::cl100k;
  else if (re == qwen2) out = split_pattern::qwen2;
  else if (re == gpt2) out = split_pattern::gpt2;
  else if (re == o200k) out = split_pattern::o200k;
  else return false;
  return true;
}

AIPERF_DECL void read_pre_tokenizer(simdjson::dom::element pt, tokenizer_impl& t, std::string const& where,
                               bool& have_split, bool& have_bytelevel) {
  if (pt.is_null()) return;
  std::string const type = json_str(pt["type"]);
  if (type == "Sequence") {
    simdjson::dom::array arr;
    if (pt["pretokenizers"].get(arr)) throw tokenizer_error(where + ": pre_tokenizer.pretokenizers: expected an array");
    for (auto e : arr) read_pre_tokenizer(e, t, where, have_split, have_bytelevel);
  } else if (type == "Split") {
    std::string const re = json_str(pt["pattern"]["Regex"]);
    std::string const behavior = json_str(pt["behavior"]);
    bool invert = false;
    invert = json_bool(pt["invert"], invert);
    if (re.empty() || !pattern_of(re, t.pattern))
      throw tokenizer_error(where + ": pre_tokenizer: unsupported Split pattern " + (re.empty() ? std::string("(not a Regex)") : re));
    if (behavior != "Isolated" || invert)
      throw tokenizer_error(where + ": pre_tokenizer: unsupported Split behavior '" + behavior + "'");
    have_split = true;
  } else if (type == "ByteLevel") {
    bool use_regex = true, prefix = false;
    use_regex = json_bool(pt["use_regex"], use_regex);
    prefix = json_bool(pt["add_prefix_space"], prefix);
    // Hugging Face prepends the space to every piece split so far; only the unsplit case (the
    // whole text) is supported.
    if (prefix && have_split)
      throw tokenizer_error(where + ": pre_tokenizer: ByteLevel add_prefix_space after a Split is not supported");
    if (use_regex && !have_split) { t.pattern = split_pattern::gpt2; have_split = true; }
    t.add_prefix_space = prefix;
    have_bytelevel = true;
  } else {
    throw tokenizer_error(where + ": pre_tokenizer: unsupported type '" + type + "'");
  }
}

AIPERF_DECL void read_normalizer(simdjson::dom::element n, tokenizer_impl& t, std::string const& where) {
  if (n.is_null()) return;
  std::string const type = json_str(n["type"]);
  if (type == "NFC") t.nfc = true;
  else if (type == "Sequence") {
    simdjson::dom::array arr;
    if (n["normalizers"].get(arr)) throw tokenizer_error(where + ": normalizer.normalizers: expected an array");
    for (auto e : arr) read_normalizer(e, t, where);
  } else {
    throw tokenizer_error(where + ": normalizer: unsupported type '" + type + "'");
  }
}

/// Tokens a TemplateProcessing post-processor adds to a single sequence (BOS/EOS …), which a
/// server's prompt_tokens include; Sequence processors are searched too.
AIPERF_DECL std::size_t count_template_specials(simdjson::dom::element pp) {
  if (pp.is_null()) return 0;
  std::string const type = json_str(pp["type"]);
  std::size_t n = 0;
  if (type == "Sequence") {
    simdjson::dom::array arr;
    if (!pp["processors"].get(arr))
      for (auto e : arr) n += count_template_specials(e);
  } else if (type == "TemplateProcessing") {
    simdjson::dom::array single;
    if (!pp["single"].get(single))
      for (auto item : single) {
        simdjson::dom::element st;
        if (item["SpecialToken"].get(st)) continue;
        std::string_view id;
        simdjson::dom::array ids;
        if (!st["id"].get(id) && !pp["special_tokens"][id]["ids"].get(ids)) n += ids.size();
        else ++n;
      }
  }
  return n;
}

AIPERF_DECL std::shared_ptr<tokenizer_impl> load_tokenizer_json(std::filesystem::path const& path, std::string name) {
  std::string const where = path.string();
  simdjson::dom::parser parser;
  simdjson::padded_string json;
  if (simdjson::padded_string::load(path.string()).get(json)) throw tokenizer_error("cannot read " + where);
  simdjson::dom::element root;
  if (auto err = parser.parse(json).get(root)) throw tokenizer_error(where + ": invalid JSON: " + simdjson::error_message(err));
  auto t = std::make_shared<tokenizer_impl>();
  t->name = std::move(name);
  simdjson::dom::element model;
  if (root["model"].get(model)) throw tokenizer_error(where + ": missing field 'model'");
  std::string const type = json_str(model["type"]);
  if (type != "BPE") throw tokenizer_error(where + ": model.type: only BPE is supported, got '" + type + "'");
  bool byte_fallback = false;
  byte_fallback = json_bool(model["byte_fallback"], byte_fallback);
  t->bpe.whole_piece_first = json_bool(model["ignore_merges"], t->bpe.whole_piece_first);
  std::string const csp = json_str(model["continuing_subword_prefix"]);
  std::string const eow = json_str(model["end_of_word_suffix"]);
  if (!csp.empty() || !eow.empty())
    throw tokenizer_error(where + ": model: continuing_subword_prefix/end_of_word_suffix are not supported");

  simdjson::dom::element norm, pre;
  if (!root["normalizer"].get(norm)) read_normalizer(norm, *t, where);
  bool have_split = false, have_bytelevel = false;
  if (!root["pre_tokenizer"].get(pre)) read_pre_tokenizer(pre, *t, where, have_split, have_bytelevel);
  if (!have_bytelevel || byte_fallback)
    throw tokenizer_error(where + ": only byte-level BPE (pre_tokenizer ByteLevel) is supported");
  if (!have_split) throw tokenizer_error(where + ": pre_tokenizer: no split pattern");

  // Vocabulary keys are byte-level strings: map each code point back to its byte.
  auto const b2u = byte_to_unicode();
  std::vector<int> u2b(512, -1);
  for (int b = 0; b < 256; ++b) u2b[b2u[b]] = b;
  simdjson::dom::object vocab;
  if (model["vocab"].get(vocab)) throw tokenizer_error(where + ": model.vocab: expected an object");
  std::vector<std::string> text_of;  // id → vocab key (for merges given as strings)
  for (auto [key, val] : vocab) {
    std::uint64_t id;
    if (val.get(id) || id > 0xFFFFFFF) throw tokenizer_error(where + ": model.vocab['" + std::string(key) + "']: invalid id");
    std::string bytes;
    bool ok = true;
    std::size_t i = 0;
    while (i < key.size()) {
      if (unicode::valid_seq_len(key, i) == 0) { ok = false; break; }
      std::uint32_t const cp = unicode::decode_valid(key, i);
      if (cp >= u2b.size() || u2b[cp] < 0) { ok = false; break; }
      bytes.push_back(static_cast<char>(u2b[cp]));
    }
    if (!ok || bytes.empty()) continue;  // not a byte-level token (cannot be produced by BPE)
    if (t->bpe.bytes.size() <= id) t->bpe.bytes.resize(id + 1);
    t->bpe.bytes[id] = std::move(bytes);
  }
  finish_bytes(*t, where);
  t->vocab_size = t->bpe.bytes.size();

  // Merges: "a b" strings or [a, b] pairs; rank = position.
  simdjson::dom::array merges;
  if (model["merges"].get(merges)) throw tokenizer_error(where + ": model.merges: expected an array");
  t->bpe.merges.reserve(merges.size());
  auto id_of_key = [&](std::string_view k) -> std::int64_t {
    std::string bytes;
    std::size_t i = 0;
    while (i < k.size()) {
      if (unicode::valid_seq_len(k, i) == 0) return -1;
      std::uint32_t const cp = unicode::decode_valid(k, i);
      if (cp >= u2b.size() || u2b[cp] < 0) return -1;
      bytes.push_back(static_cast<char>(u2b[cp]));
    }
    return t->bpe.lookup.find(bytes);
  };
  std::uint32_t rank = 0;
  std::string joined;
  for (auto m : merges) {
    std::string_view a, b;
    std::string_view s;
    if (!m.get(s)) {
      std::size_t const sp = s.find(' ', 1);
      if (sp == std::string_view::npos)
        throw tokenizer_error(where + ": model.merges[" + std::to_string(rank) + "]: expected \"a b\"");
      a = s.substr(0, sp);
      b = s.substr(sp + 1);
    } else {
      simdjson::dom::array pr;
      if (m.get(pr) || pr.size() != 2 || pr.at(0).get(a) || pr.at(1).get(b))
        throw tokenizer_error(where + ": model.merges[" + std::to_string(rank) + "]: expected a string or a pair");
    }
    std::int64_t const l = id_of_key(a), r = id_of_key(b);
    if (l >= 0 && r >= 0) {
      joined.assign(t->bpe.bytes[static_cast<std::size_t>(l)]).append(t->bpe.bytes[static_cast<std::size_t>(r)]);
      std::int64_t const mid = t->bpe.lookup.find(joined);
      if (mid >= 0)
        t->bpe.merges.insert(static_cast<std::uint32_t>(l), static_cast<std::uint32_t>(r), rank,
                             static_cast<std::uint32_t>(mid));
    }
    ++rank;
  }

  simdjson::dom::array added;
  if (!root["added_tokens"].get(added)) {
    std::size_t idx = 0;
    for (auto a : added) {
      std::uint64_t id;
      std::string_view content;
      bool special = false;
      if (a["id"].get(id) || a["content"].get(content) || content.empty())
        throw tokenizer_error(where + ": added_tokens[" + std::to_string(idx) + "]: needs 'id' and 'content'");
      special = json_bool(a["special"], special);
      t->added.push_back({static_cast<std::uint32_t>(id), std::string(content), special});
      ++idx;
    }
  }
  sort_added(*t);
  simdjson::dom::element pp;
  if (!root["post_processor"].get(pp)) t->template_specials = count_template_specials(pp);
  return t;
}

}  // namespace detail

// ---- tokenizer --------------------------------------------------------------------------------

AIPERF_DECL std::vector<std::uint32_t> tokenizer::encode(std::string_view text) const {
  std::vector<std::uint32_t> out;
  out.reserve(text.size() / 3 + 4);
  encode_into(text, out);
  return out;
}

AIPERF_DECL void tokenizer::encode_into(std::string_view text, std::vector<std::uint32_t>& out) const {
  check();
  if (!unicode::is_valid_utf8(text)) {
    std::string const fixed = unicode::repair_utf8(text);
    return encode_valid(fixed, out);
  }
  encode_valid(text, out);
}

AIPERF_DECL std::size_t tokenizer::count(std::string_view text) const {
  thread_local std::vector<std::uint32_t> buf;
  buf.clear();
  encode_into(text, buf);
  std::size_t const n = buf.size();
  if (buf.capacity() > (std::size_t{1} << 20)) buf = {};  // don't pin memory after a huge text
  return n;
}

AIPERF_DECL std::vector<std::uint32_t> tokenizer::encode_with_special(std::string_view text) const {
  check();
  std::vector<std::uint32_t> out;
  std::size_t seg = 0, i = 0;
  while (i < text.size()) {
    auto const* hit = added_at(text, i);
    if (!hit) { ++i; continue; }
    encode_into(text.substr(seg, i - seg), out);
    out.push_back(hit->id);
    i += hit->content.size();
    seg = i;
  }
  encode_into(text.substr(seg), out);
  return out;
}

AIPERF_DECL std::string tokenizer::decode(std::span<std::uint32_t const> ids) const {
  std::string out;
  decode_into(ids, out);
  return out;
}

AIPERF_DECL std::string tokenizer::decode_lossy(std::span<std::uint32_t const> ids) const {
  std::string raw = decode(ids);
  return unicode::is_valid_utf8(raw) ? raw : unicode::repair_utf8(raw);
}

AIPERF_DECL void tokenizer::decode_into(std::span<std::uint32_t const> ids, std::string& out) const {
  check();
  auto const& by_id = impl_->bpe.bytes;
  for (std::uint32_t id : ids) {
    if (id < impl_->added_by_id.size() && !impl_->added_by_id[id].empty()) out += impl_->added_by_id[id];
    else if (id < by_id.size() && !by_id[id].empty()) out += by_id[id];
    else throw tokenizer_error("decode: unknown token id " + std::to_string(id) + " (vocabulary size " +
                               std::to_string(impl_->vocab_size) + ")");
  }
}

AIPERF_DECL std::string_view tokenizer::token_bytes(std::uint32_t id) const {
  check();
  if (id < impl_->added_by_id.size() && !impl_->added_by_id[id].empty()) return impl_->added_by_id[id];
  if (id < impl_->bpe.bytes.size()) return impl_->bpe.bytes[id];
  return {};
}

AIPERF_DECL std::int64_t tokenizer::token_id(std::string_view s) const {
  check();
  for (auto const& a : impl_->added) if (a.content == s) return a.id;
  return impl_->bpe.lookup.find(s);
}

AIPERF_DECL std::string_view tokenizer::name() const { check(); return impl_->name; }
AIPERF_DECL std::size_t tokenizer::vocab_size() const { check(); return impl_->vocab_size; }
AIPERF_DECL std::size_t tokenizer::num_special_tokens_to_add() const { check(); return impl_->template_specials; }
AIPERF_DECL std::span<added_token const> tokenizer::added_tokens() const { check(); return impl_->added; }
AIPERF_DECL split_pattern tokenizer::pattern() const { check(); return impl_->pattern; }

AIPERF_DECL void tokenizer::check() const {
  if (!impl_) throw tokenizer_error("tokenizer used before load_tokenizer()");
}

AIPERF_DECL added_token const* tokenizer::added_at(std::string_view text, std::size_t i) const {
  if (!impl_->added_first[static_cast<unsigned char>(text[i])]) return nullptr;
  for (auto const& a : impl_->added)
    if (text.size() - i >= a.content.size() && text.compare(i, a.content.size(), a.content) == 0) return &a;
  return nullptr;
}

AIPERF_DECL void tokenizer::encode_valid(std::string_view text, std::vector<std::uint32_t>& out) const {
  auto const& t = *impl_;
  std::string tmp;
  if (t.nfc && unicode::nfc_needed(text)) {
    tmp = unicode::nfc(text);
    text = tmp;
  }
  if (t.add_prefix_space && !text.empty() && text.front() != ' ') {
    std::string with_space;
    with_space.reserve(text.size() + 1);
    with_space.push_back(' ');
    with_space.append(text);
    tmp = std::move(with_space);
    text = tmp;
  }
  pretokenize(t.pattern, text, [&](std::string_view piece) { t.bpe.encode_piece(piece, out); });
}

// ---- `--tokenizer` resolution -----------------------------------------------------------------

namespace detail {

AIPERF_DECL std::string env_or(char const* name, std::string fallback = {}) {
  char const* v = std::getenv(name);
  return v && *v ? std::string(v) : std::move(fallback);
}

/// Hugging Face hub cache roots in the order huggingface_hub consults them.
AIPERF_DECL std::vector<std::filesystem::path> hf_cache_roots() {
  std::vector<std::filesystem::path> roots;
  if (auto c = env_or("HF_HUB_CACHE"); !c.empty()) roots.emplace_back(c);
  if (auto c = env_or("HUGGINGFACE_HUB_CACHE"); !c.empty()) roots.emplace_back(c);
  if (auto h = env_or("HF_HOME"); !h.empty()) roots.emplace_back(std::filesystem::path(h) / "hub");
  if (auto x = env_or("XDG_CACHE_HOME"); !x.empty()) roots.emplace_back(std::filesystem::path(x) / "huggingface" / "hub");
  if (auto home = env_or("HOME"); !home.empty())
    roots.emplace_back(std::filesystem::path(home) / ".cache" / "huggingface" / "hub");
  std::vector<std::filesystem::path> uniq;
  for (auto& r : roots)
    if (std::find(uniq.begin(), uniq.end(), r) == uniq.end()) uniq.push_back(r);
  return uniq;
}

AIPERF_DECL bool is_file(std::filesystem::path const& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec);
}

/// Directory of the running executable, or empty when the platform does not say (Linux:
/// /proc/self/exe, which names the real file even when the program was started through a link).
AIPERF_DECL std::filesystem::path executable_dir() {
  std::error_code ec;
  std::filesystem::path const exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty()) return {};
  return exe.parent_path();
}

AIPERF_DECL std::vector<std::filesystem::path> builtin_data_dirs(std::string_view compiled_in) {
  namespace fs = std::filesystem;
  std::vector<fs::path> dirs;
  if (auto d = env_or("AIPERF_DATA_DIR"); !d.empty()) dirs.emplace_back(d);
  if (!compiled_in.empty()) dirs.emplace_back(compiled_in);
  // An installed program (<prefix>/bin/app) finds <prefix>/share/aiperf wherever the prefix went.
  if (fs::path const exe_dir = executable_dir(); !exe_dir.empty())
    dirs.push_back((exe_dir / ".." / "share" / "aiperf").lexically_normal());
  dirs.emplace_back("/usr/local/share/aiperf");
  dirs.emplace_back("/usr/share/aiperf");
  std::vector<fs::path> uniq;
  for (auto const& d : dirs) {
    fs::path key = d.lexically_normal();
    if (!key.has_filename() && key.has_relative_path()) key = key.parent_path();  // "dir/" → "dir"
    if (std::find(uniq.begin(), uniq.end(), key) == uniq.end()) uniq.push_back(key);
  }
  return uniq;
}

AIPERF_DECL tokenizer load_tokenizer_with_data_dir(std::string_view spec_in, tokenizer_options const& opts,
                                                   std::string_view compiled_in_data_dir) {
  namespace fs = std::filesystem;
  std::string const spec(spec_in);
  if (spec.empty()) throw tokenizer_error("--tokenizer: empty tokenizer name");
  std::vector<std::string> tried;

  std::string builtin = spec == "builtin" ? "o200k_base" : spec;
  if (builtin == "o200k_base" || builtin == "cl100k_base") {
    for (auto const& d : builtin_data_dirs(compiled_in_data_dir)) {
      fs::path const p = d / (builtin + ".tiktoken");
      if (is_file(p)) return tokenizer(load_tiktoken(p));
      tried.push_back(p.string());
    }
    std::string msg = "--tokenizer " + spec + ": rank file " + builtin + ".tiktoken not found; tried:";
    for (auto const& t : tried) msg += "\n  " + t;
    msg += "\n(set AIPERF_DATA_DIR to a directory holding " + builtin +
           ".tiktoken: <build>/data of a CMake build, <prefix>/share/aiperf of an installed aiperf, "
           "or a DIR filled by scripts/install-tokenizers.sh DIR)";
    throw tokenizer_error(msg);
  }

  std::error_code ec;
  fs::path const p(spec);
  if (fs::is_regular_file(p, ec)) {
    if (p.extension() == ".tiktoken") return tokenizer(load_tiktoken(p));
    return tokenizer(load_tokenizer_json(p, spec));
  }
  tried.push_back(p.string());
  if (fs::is_directory(p, ec)) {
    fs::path const j = p / "tokenizer.json";
    if (is_file(j)) return tokenizer(load_tokenizer_json(j, spec));
    tried.push_back(j.string());
  }

  // A Hugging Face model id "org/name" (or "name"): models--org--name in the hub cache.
  bool const looks_like_id = !spec.empty() && spec.front() != '/' && spec.front() != '.' &&
                             std::count(spec.begin(), spec.end(), '/') <= 1;
  if (looks_like_id) {
    std::string repo = "models--" + spec;
    for (std::size_t k = 0; (k = repo.find('/', k)) != std::string::npos;) repo.replace(k, 1, "--");
    for (auto const& root : hf_cache_roots()) {
      fs::path const base = root / repo;
      fs::path const ref = base / "refs" / opts.revision;
      std::string commit;
      if (is_file(ref)) commit = std::string(ascii_trim(read_file(ref)));
      else tried.push_back(ref.string());
      if (commit.empty()) commit = opts.revision;  // a commit hash given directly
      fs::path const j = base / "snapshots" / commit / "tokenizer.json";
      if (is_file(j)) return tokenizer(load_tokenizer_json(j, spec));
      tried.push_back(j.string());
    }
  }
  std::string msg = "--tokenizer " + spec + ": no tokenizer found (revision " + opts.revision +
                    "; only local files are read, nothing is downloaded); tried:";
  for (auto const& t : tried) msg += "\n  " + t;
  throw tokenizer_error(msg);
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
