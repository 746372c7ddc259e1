// SPDX-License-Identifier: Apache-2.0
// The Dataset concept (include/aiperf/concepts/dataset.hpp): which types model it, and the laws
// every dataset keeps, checked on datasets::synthetic:
//   - the same seed gives byte-identical conversations (every field), another seed others;
//   - copies build alike, and building twice changes nothing;
//   - the requested counts are honoured: conversations, turns per conversation, output caps.
#include "catch.hpp"

#include "archetypes.hpp"

#include <aiperf/datasets/synthetic.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <set>
#include <string>
#include <vector>

using namespace aiperf;

// ---- which types are Datasets -----------------------------------------------------------------

namespace {
struct build_not_const {
  std::vector<conversation> build(dataset_context const&) { return {}; }
};
struct build_returns_turns {
  std::vector<turn> build(dataset_context const&) const { return {}; }
};
struct build_without_context {
  std::vector<conversation> build() const { return {}; }
};
struct not_copyable {
  not_copyable() = default;
  not_copyable(not_copyable const&) = delete;
  std::vector<conversation> build(dataset_context const&) const { return {}; }
};
}  // namespace

static_assert(Dataset<datasets::synthetic>);
static_assert(Dataset<aiperf_test::archetypes::dataset>);
static_assert(!Dataset<int>);
static_assert(!Dataset<std::vector<conversation>>);
static_assert(!Dataset<build_not_const>);
static_assert(!Dataset<build_returns_turns>);
static_assert(!Dataset<build_without_context>);
static_assert(!Dataset<not_copyable>);

// ---- the laws ----------------------------------------------------------------------------------

namespace {

tokenizer const& builtin() {
  static const tokenizer tok = load_tokenizer("builtin");
  return tok;
}

/// Every field of every conversation, in one string: "byte-identical" made checkable.
std::string serialize(std::vector<conversation> const& convs) {
  std::string out;
  for (auto const& c : convs) {
    out += "conversation " + c.id + "\nsystem " + c.system_message + "\n";
    for (auto const& t : c.turns)
      out += "turn " + std::to_string(t.input_tokens) + " " + std::to_string(t.max_tokens) + " " +
             std::to_string(t.delay_ms) + " " + std::to_string(t.timestamp_ms) + " " + t.model + "\n" + t.text + "\n";
  }
  return out;
}

datasets::synthetic multi_turn() {
  return datasets::synthetic{.isl_mean = 64,
                             .isl_stddev = 16,
                             .osl_mean = 20,
                             .osl_stddev = 5,
                             .num_entries = 12,
                             .turn_mean = 3,
                             .turn_stddev = 1,
                             .turn_delay_mean_ms = 100,
                             .turn_delay_stddev_ms = 20,
                             .models = {"a", "b"}};
}

}  // namespace

TEST_CASE("dataset laws: the same seed gives byte-identical conversations, another seed others",
          "[concepts][dataset]") {
  const auto ds = multi_turn();
  const std::string first = serialize(ds.build({&builtin(), 42}));
  CHECK(first == serialize(ds.build({&builtin(), 42})));
  const auto copy = ds;
  CHECK(first == serialize(copy.build({&builtin(), 42})));
  const std::string other = serialize(ds.build({&builtin(), 43}));
  CHECK(first != other);
  // Another seed changes the prompts and the ids, not only one field.
  const auto a = ds.build({&builtin(), 42}), b = ds.build({&builtin(), 43});
  CHECK(a[0].id != b[0].id);
  CHECK(a[0].turns[0].text != b[0].turns[0].text);
}

TEST_CASE("dataset laws: the requested counts are honoured", "[concepts][dataset]") {
  for (std::size_t entries : {1u, 7u, 30u}) {
    datasets::synthetic ds{.isl_mean = 32, .osl_mean = 9, .num_entries = entries, .turn_mean = 2};
    const auto convs = ds.build({&builtin(), 1});
    REQUIRE(convs.size() == entries);
    std::set<std::string> ids;
    for (auto const& c : convs) {
      ids.insert(c.id);
      REQUIRE(c.turns.size() == 2);  // no spread: exactly the mean
      for (auto const& t : c.turns) {
        CHECK(t.input_tokens == 32);
        CHECK(static_cast<std::int64_t>(builtin().count(t.text)) == t.input_tokens);
        CHECK(t.max_tokens == 9);
      }
    }
    CHECK(ids.size() == entries);  // ids are unique: they join the JSONL to inputs.json
  }
  // With a spread, every conversation still has at least one turn and the mean is near.
  const auto convs = multi_turn().build({&builtin(), 5});
  REQUIRE(convs.size() == 12);
  std::size_t turns = 0;
  for (auto const& c : convs) {
    CHECK_FALSE(c.turns.empty());
    turns += c.turns.size();
    for (std::size_t t = 0; t < c.turns.size(); ++t) {
      CHECK(static_cast<std::int64_t>(builtin().count(c.turns[t].text)) == c.turns[t].input_tokens);
      CHECK(c.turns[t].max_tokens >= 1);
      CHECK((c.turns[t].model == "a" || c.turns[t].model == "b"));
      if (t == 0) CHECK(c.turns[t].delay_ms == 0);  // the first turn is never delayed
      else CHECK(c.turns[t].delay_ms > 0);
    }
  }
  CHECK(turns >= 12);
}

TEST_CASE("dataset laws: the archetype builds what it says without a tokenizer", "[concepts][dataset]") {
  const auto convs = aiperf_test::archetypes::dataset{}.build({nullptr, 0});
  REQUIRE(convs.size() == 1);
  CHECK(convs[0].turns.at(0).text == "ping");
}
