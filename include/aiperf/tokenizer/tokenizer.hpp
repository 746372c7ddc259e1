// SPDX-License-Identifier: Apache-2.0
// aiperf/tokenizer/tokenizer.hpp — the tokenizer value type and its loaders: tiktoken rank files,
// Hugging Face tokenizer.json (read with simdjson) and `--tokenizer` spec resolution (builtin,
// paths, the local Hugging Face cache). Only local files are read; nothing is downloaded.
// Definitions: impl/tokenizer.ipp (simdjson is needed only there).
#pragma once
#include <aiperf/tokenizer/bpe.hpp>
#include <aiperf/tokenizer/pretokenizer.hpp>
#include <aiperf/tokenizer/unicode.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The data directory compiled into this translation unit: where `--tokenizer builtin` looks after
// $AIPERF_DATA_DIR. The build tree sets it to <build>/data, the installed CMake package to
// <prefix>/share/aiperf (computed from the package's own location); a plain `-I include` build
// leaves it empty and relies on the run-time search (see load_tokenizer).
#ifndef AIPERF_DATA_DIR
#define AIPERF_DATA_DIR ""
#endif

namespace aiperf {
inline namespace v0 {

/// Loading or using a tokenizer failed; the message says which file and why.
struct tokenizer_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// `--tokenizer-revision` / `--tokenizer-trust-remote-code`. trust_remote_code is accepted for
/// compatibility; no code is ever run (only tokenizer.json is read).
struct tokenizer_options {
  std::string revision = "main";
  bool trust_remote_code = false;
};

/// One added (or special) token of the vocabulary.
struct added_token {
  std::uint32_t id;
  std::string content;
  bool special;
};

namespace detail {

struct tokenizer_impl {
  std::string name;
  bpe_model bpe;
  split_pattern pattern = split_pattern::cl100k;
  bool nfc = false;
  bool add_prefix_space = false;           // ByteLevel(add_prefix_space) without a Split before it
  std::vector<added_token> added;          // sorted by content length, longest first
  std::vector<std::string> added_by_id;    // id → content for decode (empty when not added)
  std::array<bool, 256> added_first{};     // bytes that start some added token (fast scan)
  std::size_t vocab_size = 0;
  std::size_t template_specials = 0;       // post_processor TemplateProcessing: tokens it adds
};

/// Reads a whole file; tokenizer_error names it when it cannot be opened or read.
AIPERF_DECL std::string read_file(std::filesystem::path const& p);

/// Loads a tiktoken rank file ("base64 rank" per line; the rank is both merge priority and id).
AIPERF_DECL std::shared_ptr<tokenizer_impl> load_tiktoken(std::filesystem::path const& path);

/// Loads a Hugging Face tokenizer.json (byte-level BPE only); `name` becomes tokenizer::name().
AIPERF_DECL std::shared_ptr<tokenizer_impl> load_tokenizer_json(std::filesystem::path const& path, std::string name);

}  // namespace detail

/// A loaded tokenizer. Immutable after load: const members are thread-safe; copying is cheap
/// (shared state).
class tokenizer {
 public:
  tokenizer() = default;
  explicit tokenizer(std::shared_ptr<detail::tokenizer_impl const> impl) : impl_(std::move(impl)) {}

  /// Ids of `text`, read literally (special/added token strings are not parsed). Invalid UTF-8
  /// is read as U+FFFD per maximal ill-formed subsequence.
  AIPERF_DECL std::vector<std::uint32_t> encode(std::string_view text) const;

  /// Appends the ids of `text` to `out`.
  AIPERF_DECL void encode_into(std::string_view text, std::vector<std::uint32_t>& out) const;

  /// == encode(text).size(), without allocating per call.
  AIPERF_DECL std::size_t count(std::string_view text) const;

  /// Like encode, but added and special tokens written in the text become their ids (Hugging Face
  /// `encode(add_special_tokens=False)`, tiktoken `allowed_special="all"`).
  AIPERF_DECL std::vector<std::uint32_t> encode_with_special(std::string_view text) const;

  /// Concatenated bytes of the tokens (may end inside a UTF-8 sequence when ids are a slice).
  AIPERF_DECL std::string decode(std::span<std::uint32_t const> ids) const;
  /// decode() made valid UTF-8 (U+FFFD for split characters), like Hugging Face `decode`.
  AIPERF_DECL std::string decode_lossy(std::span<std::uint32_t const> ids) const;
  /// Appends the bytes of the tokens to `out`; tokenizer_error on an unknown id.
  AIPERF_DECL void decode_into(std::span<std::uint32_t const> ids, std::string& out) const;
  /// Bytes of one token ("" when unknown).
  AIPERF_DECL std::string_view token_bytes(std::uint32_t id) const;
  /// Id of an added/special token or of a token's exact bytes, or -1.
  AIPERF_DECL std::int64_t token_id(std::string_view s) const;

  AIPERF_DECL std::string_view name() const;
  AIPERF_DECL std::size_t vocab_size() const;
  /// Special tokens the model's post-processor adds around one sequence (Hugging Face
  /// `num_special_tokens_to_add(pair=False)`; spec §7.2 subtracts it from the ISL). 0 for tiktoken.
  AIPERF_DECL std::size_t num_special_tokens_to_add() const;
  AIPERF_DECL std::span<added_token const> added_tokens() const;
  AIPERF_DECL split_pattern pattern() const;
  explicit operator bool() const noexcept { return impl_ != nullptr; }
  /// Identity of the loaded state: copies of one tokenizer share it (cache keys).
  void const* identity() const noexcept { return impl_.get(); }

 private:
  AIPERF_DECL void check() const;
  AIPERF_DECL added_token const* added_at(std::string_view text, std::size_t i) const;
  AIPERF_DECL void encode_valid(std::string_view text, std::vector<std::uint32_t>& out) const;

  std::shared_ptr<detail::tokenizer_impl const> impl_;
};

namespace detail {

/// Directories searched for the builtin rank files, in order, without duplicates:
/// $AIPERF_DATA_DIR (when set), `compiled_in` (when not empty), <directory of the running
/// executable>/../share/aiperf, /usr/local/share/aiperf, /usr/share/aiperf.
AIPERF_DECL std::vector<std::filesystem::path> builtin_data_dirs(std::string_view compiled_in);

/// load_tokenizer() with the compiled-in data directory passed explicitly (the public function
/// passes the AIPERF_DATA_DIR of the caller's translation unit, so a separately compiled library
/// honours the definition its users are built with).
AIPERF_DECL tokenizer load_tokenizer_with_data_dir(std::string_view spec, tokenizer_options const& opts,
                                                   std::string_view compiled_in_data_dir);

}  // namespace detail

/// Resolves a `--tokenizer` spec and loads it:
///  - "builtin" (= o200k_base), "o200k_base", "cl100k_base": `<name>.tiktoken` in the first of
///    detail::builtin_data_dirs() that has it: $AIPERF_DATA_DIR, the compiled-in AIPERF_DATA_DIR
///    (build tree or installed package), <executable's directory>/../share/aiperf,
///    /usr/local/share/aiperf, /usr/share/aiperf;
///  - a `.tiktoken` file, a tokenizer.json file, or a directory holding tokenizer.json;
///  - a Hugging Face model id, from the local hub cache ($HF_HUB_CACHE, $HF_HOME/hub,
///    ~/.cache/huggingface/hub) at `opts.revision` (a ref name or a commit hash).
/// Nothing is downloaded. When nothing is found, the tokenizer_error lists every path tried (and,
/// for the builtin names, how to make the rank files findable).
inline tokenizer load_tokenizer(std::string_view spec, tokenizer_options const& opts = {}) {
  return detail::load_tokenizer_with_data_dir(spec, opts, AIPERF_DATA_DIR);
}

}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/tokenizer/impl/tokenizer.ipp>
#endif
