// SPDX-License-Identifier: Apache-2.0
// --tokenizer resolution: builtin via AIPERF_DATA_DIR, files, directories, the Hugging Face cache
// (refs → snapshots, revisions), bad files, and the "every path tried" error message.
#include "fixtures.hpp"

#include <fstream>
#include <random>

namespace fs = std::filesystem;

namespace {

/// A scratch directory removed at scope exit, and an environment variable restored likewise.
struct temp_dir {
  fs::path path;
  temp_dir() {
    path = fs::temp_directory_path() / ("aiperf-tok-" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~temp_dir() { std::error_code ec; fs::remove_all(path, ec); }
};
struct env_guard {
  std::string name;
  std::optional<std::string> old;
  env_guard(std::string n, std::optional<std::string> v) : name(std::move(n)) {
    if (char const* o = std::getenv(name.c_str())) old = o;
    if (v) setenv(name.c_str(), v->c_str(), 1); else unsetenv(name.c_str());
  }
  ~env_guard() { if (old) setenv(name.c_str(), old->c_str(), 1); else unsetenv(name.c_str()); }
};

void write(fs::path const& p, std::string const& s) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << s;
}

/// A tiny but complete byte-level BPE tokenizer.json: 256 byte symbols + "ab" + "abc".
std::string tiny_json(bool pair_merges) {
  std::string vocab;
  // GPT-2 byte→unicode mapping, written out for the printable ASCII range only (others escaped).
  std::uint32_t extra = 0;
  for (int b = 0; b < 256; ++b) {
    bool const keep = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || b >= 174;
    std::uint32_t const cp = keep ? static_cast<std::uint32_t>(b) : 256 + extra++;
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\u%04x", cp);
    if (b) vocab += ',';
    vocab.append("\"").append(buf).append("\":").append(std::to_string(b));
  }
  vocab += ",\"ab\":256,\"abc\":257,\"\\u0120a\":258";
  std::string const merges = pair_merges ? R"([["a","b"],["ab","c"],["\u0120","a"]])" : R"(["a b","ab c","\u0120 a"])";
  return R"({"version":"1.0","added_tokens":[{"id":259,"content":"<|end|>","special":true}],
    "normalizer":null,
    "pre_tokenizer":{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":true},
    "decoder":{"type":"ByteLevel"},
    "model":{"type":"BPE","ignore_merges":false,"vocab":{)" + vocab + R"(},"merges":)" + merges + "}}";
}

}  // namespace

TEST_CASE("tiny tokenizer.json: both merge spellings, decode, added tokens", "[tokenizer]") {
  temp_dir d;
  for (bool pairs : {false, true}) {
    write(d.path / "t.json", tiny_json(pairs));
    auto tok = aiperf::load_tokenizer((d.path / "t.json").string());
    CHECK(tok.encode("abc") == std::vector<std::uint32_t>{257});
    CHECK(tok.encode("abcab a") == std::vector<std::uint32_t>{257, 256, 258});
    CHECK(tok.encode("x") == std::vector<std::uint32_t>{'x'});
    CHECK(tok.vocab_size() == 260);
    CHECK(tok.encode_with_special("ab<|end|>") == std::vector<std::uint32_t>{256, 259});
    CHECK(tok.decode(tok.encode("abcab a")) == "abcab a");
    CHECK(tok.num_special_tokens_to_add() == 0);
  }
  // A TemplateProcessing post-processor (inside a Sequence) that adds BOS: one special token.
  std::string j = tiny_json(false);
  j.insert(j.rfind('}'), R"(,"post_processor":{"type":"Sequence","processors":[{"type":"ByteLevel"},
    {"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"<|end|>","type_id":0}},{"Sequence":{"id":"A","type_id":0}}],
     "special_tokens":{"<|end|>":{"id":"<|end|>","ids":[259],"tokens":["<|end|>"]}}}]})");
  write(d.path / "tp.json", j);
  CHECK(aiperf::load_tokenizer((d.path / "tp.json").string()).num_special_tokens_to_add() == 1);
}

TEST_CASE("HF cache resolution honours revision and cache env vars", "[tokenizer]") {
  temp_dir d;
  fs::path const repo = d.path / "hub" / "models--acme--tiny";
  write(repo / "refs" / "main", "1111111111111111111111111111111111111111\n");
  write(repo / "refs" / "v2", "2222222222222222222222222222222222222222");
  write(repo / "snapshots" / "1111111111111111111111111111111111111111" / "tokenizer.json", tiny_json(false));
  write(repo / "snapshots" / "2222222222222222222222222222222222222222" / "tokenizer.json", tiny_json(true));
  write(repo / "snapshots" / "3333333333333333333333333333333333333333" / "tokenizer.json", tiny_json(true));

  SECTION("HF_HUB_CACHE") {
    env_guard g("HF_HUB_CACHE", (d.path / "hub").string());
    env_guard h("HF_HOME", std::nullopt);
    CHECK(aiperf::load_tokenizer("acme/tiny").name() == "acme/tiny");
    CHECK(aiperf::load_tokenizer("acme/tiny", {.revision = "v2"}).encode("abc").size() == 1);
    CHECK(aiperf::load_tokenizer("acme/tiny", {.revision = "3333333333333333333333333333333333333333"}).vocab_size() == 260);
    try {
      (void)aiperf::load_tokenizer("acme/tiny", {.revision = "nope"});
      FAIL("expected tokenizer_error");
    } catch (aiperf::tokenizer_error const& e) {
      std::string const m = e.what();
      CHECK(m.find("revision nope") != std::string::npos);
      CHECK(m.find((repo / "refs" / "nope").string()) != std::string::npos);
      CHECK(m.find((repo / "snapshots" / "nope" / "tokenizer.json").string()) != std::string::npos);
    }
  }
  SECTION("HF_HOME/hub") {
    env_guard g("HF_HUB_CACHE", std::nullopt);
    env_guard g2("HUGGINGFACE_HUB_CACHE", std::nullopt);
    env_guard h("HF_HOME", d.path.string());
    CHECK(aiperf::load_tokenizer("acme/tiny").vocab_size() == 260);
  }
  SECTION("directory and file paths") {
    fs::path const snap = repo / "snapshots" / "1111111111111111111111111111111111111111";
    CHECK(aiperf::load_tokenizer(snap.string()).vocab_size() == 260);
    CHECK(aiperf::load_tokenizer((snap / "tokenizer.json").string()).vocab_size() == 260);
  }
}

TEST_CASE("missing tokenizer: one error listing every path tried", "[tokenizer]") {
  temp_dir d;
  env_guard g("HF_HUB_CACHE", (d.path / "hub").string());
  env_guard h("HF_HOME", (d.path / "home").string());
  try {
    (void)aiperf::load_tokenizer("no-org/no-model");
    FAIL("expected tokenizer_error");
  } catch (aiperf::tokenizer_error const& e) {
    std::string const m = e.what();
    CHECK(m.find("--tokenizer no-org/no-model") != std::string::npos);
    CHECK(m.find("nothing is downloaded") != std::string::npos);
    CHECK(m.find((d.path / "hub" / "models--no-org--no-model" / "refs" / "main").string()) != std::string::npos);
    CHECK(m.find((d.path / "home" / "hub" / "models--no-org--no-model" / "snapshots" / "main" / "tokenizer.json").string()) !=
          std::string::npos);
  }
  env_guard dd("AIPERF_DATA_DIR", (d.path / "data").string());
  if (fs::exists(fs::path(AIPERF_DATA_DIR) / "o200k_base.tiktoken")) {
    // The env dir is searched first; the compiled-in data dir (filled by the build) still answers.
    CHECK(aiperf::load_tokenizer("builtin").name() == "o200k_base");
  } else {
    try {
      (void)aiperf::load_tokenizer("builtin");
      FAIL("expected tokenizer_error");
    } catch (aiperf::tokenizer_error const& e) {
      std::string const m = e.what();
      CHECK(m.find((d.path / "data" / "o200k_base.tiktoken").string()) != std::string::npos);
    }
  }
}

TEST_CASE("bad tokenizer files give file-named errors", "[tokenizer]") {
  temp_dir d;
  write(d.path / "bad.tiktoken", "IQ== 0\nnot-base64! 1\n");
  CHECK_THROWS_WITH(aiperf::load_tokenizer((d.path / "bad.tiktoken").string()),
                    Catch::Contains("bad.tiktoken:2: invalid base64 token"));
  write(d.path / "bad.json", "{\"model\": {\"type\": \"Unigram\"}}");
  CHECK_THROWS_WITH(aiperf::load_tokenizer((d.path / "bad.json").string()), Catch::Contains("only BPE is supported"));
  write(d.path / "broken.json", "{\"model\": ");
  CHECK_THROWS_WITH(aiperf::load_tokenizer((d.path / "broken.json").string()), Catch::Contains("invalid JSON"));
  CHECK_THROWS_AS(aiperf::tokenizer{}.encode("x"), aiperf::tokenizer_error);
}

TEST_CASE("builtin resolves through AIPERF_DATA_DIR", "[tokenizer]") {
  if (!tokfix::have("gpt-tokenizer/data/o200k_base.tiktoken")) return;
  temp_dir d;
  fs::copy_file(tokfix::path("gpt-tokenizer/data/o200k_base.tiktoken"), d.path / "o200k_base.tiktoken");
  env_guard g("AIPERF_DATA_DIR", d.path.string());
  auto tok = aiperf::load_tokenizer("builtin");
  CHECK(tok.name() == "o200k_base");
  CHECK(tok.encode("hello world") == std::vector<std::uint32_t>{24912, 2375});
}

TEST_CASE("builtin data dirs: environment, compiled-in, next to the executable, system", "[tokenizer]") {
  env_guard g("AIPERF_DATA_DIR", "/from/env");
  auto const dirs = aiperf::detail::builtin_data_dirs("/compiled/in");
  fs::path const exe_share = (fs::read_symlink("/proc/self/exe").parent_path() / ".." / "share" / "aiperf").lexically_normal();
  std::vector<fs::path> const want{"/from/env", "/compiled/in", exe_share, "/usr/local/share/aiperf", "/usr/share/aiperf"};
  CHECK(dirs == want);
  // Unset and empty entries drop out; a directory named twice is searched once.
  env_guard none("AIPERF_DATA_DIR", std::nullopt);
  auto const fallback = aiperf::detail::builtin_data_dirs("/usr/local/share/aiperf/");
  CHECK(fallback == std::vector<fs::path>{"/usr/local/share/aiperf", exe_share, "/usr/share/aiperf"});
}

TEST_CASE("builtin is found next to the executable (<exe dir>/../share/aiperf)", "[tokenizer]") {
  // Simulates an installed program: the rank file sits in <prefix>/share/aiperf and the program
  // in <prefix>/bin; here <prefix> is the test binary's parent directory.
  fs::path const prefix_share = (fs::read_symlink("/proc/self/exe").parent_path() / ".." / "share").lexically_normal();
  fs::path const source = fs::path(AIPERF_DATA_DIR) / "cl100k_base.tiktoken";
  if (fs::exists(prefix_share) || !fs::exists(source)) return;  // never touch a directory we did not make
  fs::create_directories(prefix_share / "aiperf");
  struct cleanup {
    fs::path dir;
    ~cleanup() { std::error_code ec; fs::remove_all(dir, ec); }
  } const remove_share{prefix_share};
  fs::copy_file(source, prefix_share / "aiperf" / "cl100k_base.tiktoken");
  env_guard g("AIPERF_DATA_DIR", std::nullopt);
  CHECK(aiperf::detail::load_tokenizer_with_data_dir("cl100k_base", {}, "").name() == "cl100k_base");
}
