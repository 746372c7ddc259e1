// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/datasets/sequence_distribution.hpp: the three spellings of --seq-dist
// (spec load-generation §7.3), AIPerf's error messages, and the mixture's proportions.
#include "catch.hpp"
#include "dataset_files.hpp"

#include <aiperf/datasets/sequence_distribution.hpp>

#include <cmath>
#include <map>
#include <stdexcept>

using namespace aiperf;
using datasets::sequence_distribution;
using datasets::sequence_length_pair;
using aiperf_test::error_of;

namespace {
std::string parse_error(std::string_view text) {
  return error_of<std::invalid_argument>([&] { (void)sequence_distribution::parse(text); });
}
std::vector<sequence_length_pair> pairs_of(std::string_view text) {
  auto const d = sequence_distribution::parse(text);
  return {d.pairs().begin(), d.pairs().end()};
}
}  // namespace

TEST_CASE("seq-dist: semicolon, bracket and JSON spellings, with and without stddevs", "[datasets][seq_dist]") {
  std::vector<sequence_length_pair> const plain{{256, 128, 60, 0, 0}, {512, 256, 40, 0, 0}};
  CHECK(pairs_of("256,128:60;512,256:40") == plain);
  CHECK(pairs_of("  256 , 128 : 60 ; 512,256:40 ; ") == plain);  // whitespace and an empty item
  CHECK(pairs_of("[(256,128):60,(512,256):40]") == plain);
  CHECK(pairs_of("[ ( 256 , 128 ) : 60 , (512,256):40 ]") == plain);
  CHECK(pairs_of(R"({"pairs":[{"isl":256,"osl":128,"prob":60},{"isl":512,"osl":256,"prob":40.0}]})") == plain);

  std::vector<sequence_length_pair> const spread{{256, 128, 40, 10, 5}, {512, 256, 60, 20.5, .5}};
  CHECK(pairs_of("256|10,128|5:40;512|20.5,256|.5:60") == spread);
  CHECK(pairs_of("[(256|10,128|5):40,(512|20.5,256|.5):60]") == spread);
  CHECK(pairs_of(R"({"pairs":[{"isl":256,"isl_stddev":10,"osl":128,"osl_stddev":5,"prob":40},)"
                 R"({"isl":512,"isl_stddev":20.5,"osl":256,"osl_stddev":0.5,"prob":60}]})") == spread);
  // Fractions of a percent; the sum is checked with numpy's isclose tolerance.
  CHECK(pairs_of("100,10:33.3333333;200,20:66.6666667").size() == 2);
  CHECK(sequence_distribution::parse("256|10,128:60;512,256:40").to_string() ==
        "(256|10.0,128|0.0):60.0%;(512,256):40.0%");
}

TEST_CASE("seq-dist: AIPerf's messages, wrapped as AIPerf wraps them", "[datasets][seq_dist]") {
  CHECK(parse_error("") == "Distribution string cannot be empty");
  CHECK(parse_error("256,128:60;512,256:30") ==
        "Failed to parse distribution string '256,128:60;512,256:30': Probabilities must sum to 100.0, got "
        "90.000000. Pairs: ['(256,128):60.0%', '(512,256):30.0%']");
  CHECK(parse_error("256|10,128:50;512,256:60") ==
        "Failed to parse distribution string '256|10,128:50;512,256:60': Probabilities must sum to 100.0, got "
        "110.000000. Pairs: ['(256|10.0,128|0.0):50.0%', '(512,256):60.0%']");
  CHECK(parse_error("256,128") ==
        "Failed to parse distribution string '256,128': Invalid pair format: '256,128'. Expected "
        "'ISL[|ISL_STDDEV],OSL[|OSL_STDDEV]:PROB'");
  CHECK(parse_error("256,128:60.") ==  // a number does not end with '.'
        "Failed to parse distribution string '256,128:60.': Invalid pair format: '256,128:60.'. Expected "
        "'ISL[|ISL_STDDEV],OSL[|OSL_STDDEV]:PROB'");
  CHECK(parse_error(";;") == "Failed to parse distribution string ';;': No valid pairs found in semicolon format");
  CHECK(parse_error("0,128:100") ==
        "Failed to parse distribution string '0,128:100': Input sequence length must be positive, got 0");
  CHECK(parse_error("[(5,0):100]") ==
        "Failed to parse distribution string '[(5,0):100]': Output sequence length must be positive, got 0");
  // Each pair is checked as it is read: the first bad one is named.
  CHECK(parse_error("5,5:150;5,5:-50") ==
        "Failed to parse distribution string '5,5:150;5,5:-50': Probability must be in [0,100], got 150.0");
  CHECK(parse_error("5,5:150") == "Failed to parse distribution string '5,5:150': Probability must be in [0,100], got 150.0");
  CHECK(parse_error("[256,128:100]") ==
        "Failed to parse distribution string '[256,128:100]': No valid pairs found in bracket format");
  CHECK(parse_error(R"({"pairs":[{"isl":1,"osl":1,"prob":100,"isl_stddev":-2}]})") ==
        R"(Failed to parse distribution string '{"pairs":[{"isl":1,"osl":1,"prob":100,"isl_stddev":-2}]}': )"
        "Input sequence length stddev must be non-negative, got -2.0");
  CHECK(parse_error(R"({"pairs":[{"isl":1,"osl":1,"prob":100,"osl_stddev":-0.5}]})").ends_with(
      "Output sequence length stddev must be non-negative, got -0.5"));
  CHECK(parse_error(R"({"pair":[]})") ==
        R"(Failed to parse distribution string '{"pair":[]}': JSON format must contain 'pairs' key)");
  CHECK(parse_error(R"({"pairs":[{"isl":1,"prob":100}]})") ==
        R"(Failed to parse distribution string '{"pairs":[{"isl":1,"prob":100}]}': Pair 0 missing required keys: {'osl'})");
  CHECK(parse_error(R"({"pairs":[]})") ==
        R"(Failed to parse distribution string '{"pairs":[]}': Distribution must contain at least one sequence length pair)");
  CHECK(parse_error("{not json").starts_with("Failed to parse distribution string '{not json': Invalid JSON format: "));
  CHECK(parse_error("99999999999999999999,1:100").find("Invalid pair format") != std::string::npos);
}

TEST_CASE("seq-dist: draws follow the probabilities within 5 binomial standard deviations", "[datasets][seq_dist]") {
  auto const d = sequence_distribution::parse("128,64:25;512,128:50;1024,256:25");
  detail::rng g(detail::derive_seed(42, "dataset.sequence_distribution"));
  constexpr int n = 100000;
  std::map<std::pair<std::int64_t, std::int64_t>, int> seen;
  for (int i = 0; i < n; ++i) ++seen[d.sample(g)];
  REQUIRE(seen.size() == 3);  // ISL and OSL always come from the same pair
  for (auto [pair, p] : {std::pair{std::pair<std::int64_t, std::int64_t>{128, 64}, 0.25},
                         {{512, 128}, 0.50},
                         {{1024, 256}, 0.25}}) {
    INFO(pair.first << "," << pair.second);
    const double sigma = std::sqrt(n * p * (1 - p));
    CHECK(std::abs(seen[pair] - n * p) < 5 * sigma);
  }
  // A pair of probability 0 is never drawn; one of 100 always.
  auto const only = sequence_distribution::parse("10,1:0;20,2:100;30,3:0");
  for (int i = 0; i < 1000; ++i) CHECK(only.sample(g) == std::pair<std::int64_t, std::int64_t>{20, 2});
}

TEST_CASE("seq-dist: stddevs spread each side around its mean, never below 1", "[datasets][seq_dist]") {
  auto const d = sequence_distribution::parse("200|20,3|10:100");
  detail::rng g(7);
  constexpr int n = 20000;
  double isl_sum = 0;
  std::int64_t osl_min = 1 << 20;
  for (int i = 0; i < n; ++i) {
    auto const [isl, osl] = d.sample(g);
    isl_sum += static_cast<double>(isl);
    osl_min = std::min(osl_min, osl);
  }
  // positive-normal draws round up: mean + 0.5 on average; the sample mean within 5 sigma.
  CHECK(std::abs(isl_sum / n - 200.5) < 5 * 20 / std::sqrt(double(n)));
  CHECK(osl_min == 1);
  // Same seed, same draws.
  detail::rng a(3), b(3);
  for (int i = 0; i < 100; ++i) CHECK(d.sample(a) == d.sample(b));
}
