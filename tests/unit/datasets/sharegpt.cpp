// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/datasets/sharegpt.hpp: the first prompt and its reply's token count,
// the vLLM length filter at its boundaries, --osl lifting the reply check, the local copy looked
// up (never downloaded), and FILE:LINE messages for entries of the wrong shape.
#include "catch.hpp"
#include "dataset_files.hpp"
#include "temp_dir.hpp"

#include <aiperf/datasets/sharegpt.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>


using namespace aiperf;
using datasets::sharegpt_skip;

namespace {
using aiperf_test::o200k;
std::int64_t tokens(std::string_view s) { return static_cast<std::int64_t>(o200k().count(s)); }
const std::filesystem::path fixture = AIPERF_TEST_DATA_DIR "/sharegpt/ShareGPT_V3_unfiltered_cleaned_split.json";
std::filesystem::path write(aiperf_test::temp_dir const& dir, std::string const& text) {
  return aiperf_test::write_file(dir / "sg.json", text);
}
}  // namespace

TEST_CASE("sharegpt: the vLLM length rules at their boundaries", "[datasets][sharegpt]") {
  using datasets::sharegpt_filter;
  CHECK(sharegpt_filter(4, 4, true) == sharegpt_skip::keep);
  CHECK(sharegpt_filter(3, 100, true) == sharegpt_skip::prompt_too_short);
  CHECK(sharegpt_filter(100, 3, true) == sharegpt_skip::completion_too_short);
  CHECK(sharegpt_filter(100, 3, false) == sharegpt_skip::keep);  // --osl given: the reply is not checked
  CHECK(sharegpt_filter(100, 0, false) == sharegpt_skip::completion_too_short);  // but 0 tokens asks for nothing
  CHECK(sharegpt_filter(1024, 1024, true) == sharegpt_skip::keep);
  CHECK(sharegpt_filter(1025, 10, true) == sharegpt_skip::prompt_too_long);
  CHECK(sharegpt_filter(1000, 1048, true) == sharegpt_skip::keep);
  CHECK(sharegpt_filter(1000, 1049, true) == sharegpt_skip::total_too_long);
  CHECK(sharegpt_filter(2, 2, true) == sharegpt_skip::prompt_too_short);  // first rule that applies
}

TEST_CASE("sharegpt: first prompt, max_tokens = first reply's tokens, file order, filtered", "[datasets][sharegpt]") {
  datasets::sharegpt_report r;
  const auto convs = datasets::load_sharegpt(fixture, true, dataset_context{&o200k(), 1}, &r);
  REQUIRE(convs.size() == 2);
  CHECK(convs[0].id == "keep-1");
  REQUIRE(convs[0].turns.size() == 1);  // later messages of the conversation are not sent
  const std::string p0 = "What is the capital of France? Answer in one short sentence please.";
  CHECK(convs[0].turns[0].text == p0);
  CHECK(convs[0].turns[0].input_tokens == tokens(p0));
  CHECK(convs[0].turns[0].max_tokens == tokens("The capital of France is Paris, a city known for its art and food."));
  CHECK(convs[1].id == "keep-2");
  CHECK(convs[1].turns[0].text == "Write a haiku about \"quoted\" autumn leaves,\nplease.");  // JSON escapes read
  CHECK(convs[1].turns[0].max_tokens ==
        tokens("Crimson leaves drifting\nwhispers of the cooling wind\nautumn says goodbye"));

  CHECK(r.entries == 8);
  CHECK(r.kept == 2);
  CHECK(r.too_few_messages == 2);      // one message; an empty conversation
  CHECK(r.prompt_too_short == 1);      // "Hi"
  CHECK(r.completion_too_short == 1);  // "Yes."
  CHECK(r.prompt_too_long == 1);       // 1100 words
  CHECK(r.total_too_long == 1);        // ~1000 + 1100 tokens
  CHECK(datasets::describe(r, fixture) ==
        "ShareGPT " + fixture.string() +
            ": 2 of 8 entries kept; skipped: 2 with fewer than 2 messages, 1 prompts < 4 tokens, 1 replies too short, "
            "1 prompts > 1024 tokens, 1 prompt + reply > 2048 tokens");

  // --osl given: a short reply is kept, its token count still the max_tokens.
  const auto with_osl = datasets::load_sharegpt(fixture, false, dataset_context{&o200k(), 1});
  REQUIRE(with_osl.size() == 3);
  CHECK(with_osl[1].id == "short-reply");
  CHECK(with_osl[1].turns[0].max_tokens == tokens("Yes."));
}

TEST_CASE("sharegpt: the policy finds its local copy and never downloads", "[datasets][sharegpt]") {
  aiperf_test::temp_dir dir;
  const std::string name(datasets::sharegpt::file_name);
  CHECK(name == "ShareGPT_V3_unfiltered_cleaned_split.json");
  // The file itself, or the directory that holds it.
  CHECK(datasets::locate_public_dataset(fixture, name, datasets::sharegpt::url) == fixture);
  CHECK(datasets::locate_public_dataset(fixture.parent_path(), name, datasets::sharegpt::url) == fixture.parent_path() / name);
  const std::string expected = "no local copy of ShareGPT_V3_unfiltered_cleaned_split.json (looked for " +
                               (dir.path() / name).string() +
                               "); this build downloads nothing: download "
                               "https://huggingface.co/datasets/anon8231489123/ShareGPT_Vicuna_unfiltered/resolve/main/"
                               "ShareGPT_V3_unfiltered_cleaned_split.json and give the file, or its directory, with "
                               "--input-file";
  CHECK_THROWS_WITH(datasets::locate_public_dataset(dir.path(), name, datasets::sharegpt::url), expected);
  // Nothing given: AIPerf's cache directory, relative to the working directory.
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  CHECK_THROWS_WITH(datasets::locate_public_dataset({}, name, "U"),
                    "no local copy of " + name + " (looked for .cache/aiperf/datasets/" + name +
                        "); this build downloads nothing: download U and give the file, or its directory, with --input-file");
  std::filesystem::create_directories(dir.path() / ".cache/aiperf/datasets");
  std::filesystem::copy_file(fixture, dir.path() / ".cache/aiperf/datasets" / name);
  datasets::dataset_options o;  // no --input-file
  o.osl_mean = 100;             // --osl: the reply check is off
  const auto d = datasets::sharegpt::from_options(o);
  CHECK_FALSE(d.check_completion);
  std::string logged;
  const auto convs = d.build(dataset_context{&o200k(), 1, [&](std::string_view line) { logged = line; }});
  std::filesystem::current_path(cwd);
  CHECK(convs.size() == 3);
  CHECK(logged.find(": 3 of 8 entries kept;") != std::string::npos);
}

TEST_CASE("sharegpt: entries of the wrong shape name FILE:LINE, the entry and the field", "[datasets][sharegpt]") {
  aiperf_test::temp_dir dir;
  const auto f = dir / "sg.json";
  auto error_of = [&](std::string const& text) {
    write(dir, text);
    return aiperf_test::error_of<datasets::trace_error>(
        [&] { datasets::load_sharegpt(f, true, dataset_context{&o200k(), 1}); });
  };
  const std::string good =  // one line
      R"({"id": "a", "conversations": [{"from": "human", "value": "Tell me a story about a cat."}, )"
      R"({"from": "gpt", "value": "Once upon a time there was a cat."}]})";
  CHECK(error_of("{\"id\": 1}") == f.string() + ":1: expected a JSON array of {\"id\", \"conversations\"} entries (ShareGPT)");
  CHECK(error_of("[" + good + ",\n 5]") == f.string() + ":2: entry 1: expected an {id, conversations} object");
  CHECK(error_of("[" + good + ",\n\n {\"id\": \"b\", \"conversations\": {}}]") ==
        f.string() + ":3: entry 1: conversations: expected a list of messages");
  CHECK(error_of("[\n" + good + ",\n {\"conversations\": [{\"from\": \"human\", \"value\": 5}]}]") ==
        f.string() + ":3: entry 1: conversations[0].value: expected a string");
  CHECK(error_of("[\n {\"conversations\": [\"hi\"]}]") ==
        f.string() + ":2: entry 0: conversations[0]: expected a {from, value} object");
  CHECK(error_of("[{\"id\": \"x\", \"conversations\": [{\"value\": \"Hi\"}, {\"value\": \"Hello there\"}]}]") ==
        f.string() + ": no entry passes the ShareGPT length filter (ShareGPT " + f.string() +
            ": 0 of 1 entries kept; skipped: 0 with fewer than 2 messages, 1 prompts < 4 tokens, 0 replies too short, "
            "0 prompts > 1024 tokens, 0 prompt + reply > 2048 tokens)");
  // Messages need no `from`; extra messages are skipped unread; a repeated id gets the index.
  write(dir, "[" + good + ", " + good + ", {\"conversations\": [{\"value\": \"What day is it today?\"}, {\"value\": "
                 "\"It is Tuesday, all day long.\"}, {\"value\": [1, 2]}]}]");
  const auto convs = datasets::load_sharegpt(f, true, dataset_context{&o200k(), 1});
  REQUIRE(convs.size() == 3);
  CHECK(convs[0].id == "a");
  CHECK(convs[1].id == "sharegpt-1");
  CHECK(convs[2].id == "sharegpt-2");
  CHECK(convs[2].turns[0].text == "What day is it today?");
  CHECK_THROWS_WITH(datasets::load_sharegpt(dir / "none.json", true, dataset_context{&o200k(), 1}),
                    Catch::Matchers::StartsWith((dir / "none.json").string() + ": cannot read the file ("));
}
