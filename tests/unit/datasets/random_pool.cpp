// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/datasets/random_pool.hpp: one pool per file, pools sorted by file
// name and joined in that order, draws with replacement that depend only on the seed, and
// FILE:LINE: FIELD messages for items that are not pool items.
#include "catch.hpp"
#include "dataset_files.hpp"
#include "temp_dir.hpp"

#include <aiperf/datasets/random_pool.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <map>
#include <set>

using namespace aiperf;

namespace {
using aiperf_test::o200k;
using aiperf_test::write_file;
std::vector<conversation> load(std::filesystem::path const& input, std::size_t n, std::uint64_t seed) {
  return datasets::load_random_pool(input, n, dataset_context{&o200k(), seed});
}
std::vector<std::string> texts(std::vector<conversation> const& convs) {
  std::vector<std::string> out;
  for (auto const& c : convs) out.push_back(c.turns.at(0).text);
  return out;
}
}  // namespace

TEST_CASE("random_pool: one file is one pool, drawn with replacement per the seed", "[datasets][random_pool]") {
  aiperf_test::temp_dir dir;
  const auto f = write_file(dir / "pool.jsonl",
                       "{\"text\": \"alpha\"}\n"
                       "{\"texts\": [\"beta\", \"gamma\"]}\n"
                       "\n"
                       "{\"texts\": [{\"name\": \"q\", \"contents\": [\"delta\"]}]}\n");
  const auto convs = load(f, 200, 7);
  REQUIRE(convs.size() == 200);
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < convs.size(); ++i) {
    auto const& c = convs[i];
    CHECK(c.id == "pool-" + std::to_string(i));
    REQUIRE(c.turns.size() == 1);
    CHECK(c.turns[0].input_tokens == static_cast<std::int64_t>(o200k().count(c.turns[0].text)));
    CHECK(c.turns[0].max_tokens == -1);
    CHECK(c.turns[0].delay_ms == 0);
    ++seen[c.turns[0].text];
  }
  // Every item of the pool is drawn, some more than once (200 draws from 3 items).
  CHECK(seen.size() == 3);
  CHECK(seen.contains("alpha"));
  CHECK(seen.contains("beta gamma"));
  CHECK(seen.contains("delta"));
  for (auto const& [text, n] : seen) CHECK(n > 30);

  // Reproducible: the same seed gives the same conversations; another seed another draw.
  CHECK(texts(load(f, 200, 7)) == texts(convs));
  CHECK(texts(load(f, 200, 8)) != texts(convs));
  // A shorter run draws the start of the same sequence.
  const auto all = texts(convs);
  CHECK(texts(load(f, 10, 7)) == std::vector<std::string>(all.begin(), all.begin() + 10));
}

TEST_CASE("random_pool: a directory is one pool per file, joined in file-name order", "[datasets][random_pool]") {
  aiperf_test::temp_dir dir;
  // Written out of order: the pools are read sorted by file name.
  write_file(dir / "pools" / "b_passages.jsonl",
        "{\"texts\": [{\"name\": \"passages\", \"contents\": [\"P1\"]}]}\n{\"text\": \"P2\"}\n");
  write_file(dir / "pools" / "a_queries.jsonl", "{\"text\": \"Q1\"}\n{\"text\": \"Q2\"}\n{\"text\": \"Q3\"}\n");
  std::filesystem::create_directories(dir / "pools" / "nested");  // not a file: ignored
  const auto files = datasets::random_pool_files(dir / "pools");
  REQUIRE(files.size() == 2);
  CHECK(files[0].filename() == "a_queries.jsonl");
  CHECK(files[1].filename() == "b_passages.jsonl");

  const auto convs = load(dir / "pools", 100, 11);
  REQUIRE(convs.size() == 100);
  std::set<std::string> pairs;
  for (auto const& c : convs) {
    const std::string& t = c.turns.at(0).text;
    INFO(t);
    REQUIRE(t.size() == 5);  // "Qn Pm": one item of each pool, queries first
    CHECK(t[0] == 'Q');
    CHECK(t[2] == ' ');
    CHECK(t[3] == 'P');
    CHECK(c.turns[0].input_tokens == static_cast<std::int64_t>(o200k().count(t)));
    pairs.insert(t);
  }
  CHECK(pairs.size() == 6);  // every (query, passage) pairing turns up in 100 draws
  CHECK(texts(load(dir / "pools", 100, 11)) == texts(convs));

  // The first pool draws the same items whatever pools follow it.
  std::vector<std::string> queries_alone = texts(load(dir / "pools" / "a_queries.jsonl", 100, 11));
  for (std::size_t i = 0; i < convs.size(); ++i) CHECK(convs[i].turns[0].text.substr(0, 2) == queries_alone[i]);
}

TEST_CASE("random_pool: bad pools and items name file:line: field", "[datasets][random_pool]") {
  aiperf_test::temp_dir dir;
  const auto f = dir / "p.jsonl";
  auto error_of = [&](std::string const& line) {
    write_file(f, "{\"text\": \"ok\"}\n" + line + "\n");
    return aiperf_test::error_of<datasets::trace_error>([&] { load(f, 5, 1); });
  };
  const std::string at = f.string() + ":2: ";
  const std::string not_pool = ": not a random_pool field: items are prompts, drawn at random into single-turn conversations";
  CHECK(error_of("{\"text\": \"a\", \"timestamp\": 5}") == at + "timestamp" + not_pool);
  CHECK(error_of("{\"text\": \"a\", \"delay\": 5}") == at + "delay" + not_pool);
  CHECK(error_of("{\"text\": \"a\", \"session_id\": \"s\"}") == at + "session_id" + not_pool);
  CHECK(error_of("{\"text\": \"a\", \"output_length\": 5}") == at + "output_length" + not_pool);
  CHECK(error_of("{\"text\": \"a\", \"texts\": [\"b\"]}") == at + "text and texts cannot be set together");
  CHECK(error_of("{\"image\": \"/x.png\"}") == at + "image: no such file: '/x.png' (local paths are read and sent base64-encoded; URLs need http(s)://)");
  CHECK(error_of("{}") == at + "At least one modality must be provided");

  write_file(f, "\n");
  CHECK_THROWS_WITH(load(f, 5, 1), f.string() + ": no items in the pool");
  std::filesystem::create_directories(dir / "empty");
  CHECK_THROWS_WITH(load(dir / "empty", 5, 1),
                    (dir / "empty").string() + ": no pool files in the directory (one JSONL file per pool)");
  CHECK_THROWS_WITH(load(dir / "missing", 5, 1), (dir / "missing").string() + ": no such file or directory");
  // A bad item in any pool of a directory stops the load, naming that file.
  write_file(dir / "two" / "a.jsonl", "{\"text\": \"fine\"}\n");
  write_file(dir / "two" / "b.jsonl", "{\"text\": \"fine\"}\n{\"text\": 3}\n");
  CHECK_THROWS_WITH(load(dir / "two", 5, 1), (dir / "two" / "b.jsonl").string() + ":2: text: expected a string, got a number");
}

TEST_CASE("random_pool: --conversation-num sets how many are drawn (default 100); never detected",
          "[datasets][random_pool]") {
  aiperf_test::temp_dir dir;
  const auto f = write_file(dir / "p.jsonl", "{\"text\": \"only\"}\n");
  datasets::dataset_options o;
  o.input_file = f.string();
  CHECK(datasets::random_pool::from_options(o).build(dataset_context{&o200k(), 1}).size() == 100);
  o.conversation_num = 3;
  const auto convs = datasets::random_pool::from_options(o).build(dataset_context{&o200k(), 1});
  REQUIRE(convs.size() == 3);
  CHECK(convs[2].turns[0].text == "only");
  CHECK_FALSE(datasets::random_pool::can_load(f));
  CHECK(datasets::random_pool::reads_directory);
}

TEST_CASE("random_pool: turn::texts keeps each item's texts, named by pool file or by the item",
          "[datasets][random_pool][rankings]") {
  aiperf_test::temp_dir dir;
  write_file(dir / "queries.jsonl", "{\"text\": \"who are you\"}\n");
  write_file(dir / "passages.jsonl",
             "{\"texts\": [{\"name\": \"passages\", \"contents\": [\"I am a cat.\", \"I am a dog.\"]}]}\n");
  write_file(dir / "zz.jsonl", "{\"texts\": [\"x\", {\"contents\": [\"y\"]}, {\"name\": \"query\", \"contents\": [\"z\"]}]}\n");
  const auto convs = load(dir.path(), 3, 1);
  REQUIRE(convs.size() == 3);
  auto const& t = convs[0].turns.at(0);
  CHECK(t.text == "I am a cat. I am a dog. who are you x y z");
  REQUIRE(t.texts.size() == 5);
  CHECK(t.texts[0].name == "passages");
  CHECK(t.texts[0].contents == std::vector<std::string>{"I am a cat.", "I am a dog."});
  CHECK(t.texts[1].name == "queries");
  CHECK(t.texts[1].contents == std::vector<std::string>{"who are you"});
  CHECK(t.texts[2].name == "zz");  // plain strings: the pool's name
  CHECK(t.texts[2].contents == std::vector<std::string>{"x"});
  CHECK(t.texts[3].name == "zz");  // an object without a name: the pool's name
  CHECK(t.texts[4].name == "query");
  CHECK(t.texts[4].contents == std::vector<std::string>{"z"});
}
