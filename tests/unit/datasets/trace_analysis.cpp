// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/datasets/trace_analysis.hpp (`aiperf analyze-trace`, spec §10.1).
// Every expected value below was worked out by hand from the rows (the derivations are in the
// comments); the console and JSON renderings of the main example are golden files
// (tests/data/golden/trace_analysis_console.txt, trace_analysis.json).
#include "catch.hpp"
#include "golden.hpp"

#include <aiperf/datasets/trace_analysis.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace aiperf;
using datasets::analysis_stats;
using datasets::analyze_trace;
using datasets::metric_stats;
using datasets::trace_row;
using aiperf_test::check_golden;

namespace {

trace_row row(std::int64_t isl, std::int64_t osl, std::vector<std::int64_t> ids = {}) {
  trace_row r;
  r.input_length = isl;
  r.output_length = osl;
  r.hash_ids = std::move(ids);
  return r;
}

/// Ten rows with shared prefixes, a literal-prompt row (no input_length) and rows without ids.
std::vector<trace_row> sharing_rows() {
  return {
      row(16, 4, {5}),        // r1
      row(16, 4, {6}),        // r2
      row(32, 5, {5, 6}),     // r3
      row(40, 6, {5, 6, 7}),  // r4
      row(32, 3, {5, 6}),     // r5
      row(32, 4, {8, 6}),     // r6
      row(-1, 4),             // r7: text_input, so ISL 0
      row(16, 3, {5}),        // r8
      row(20, 3),             // r9: no hash ids
      row(16, 2, {9}),        // r10
  };
}

void check_stats(std::optional<metric_stats> const& s, metric_stats const& expected) {
  REQUIRE(s);
  CHECK(s->mean == Approx(expected.mean).margin(1e-12));
  CHECK(s->std_dev == Approx(expected.std_dev).margin(1e-12));
  CHECK(s->min == expected.min);
  CHECK(s->p25 == Approx(expected.p25).margin(1e-12));
  CHECK(s->median == Approx(expected.median).margin(1e-12));
  CHECK(s->p75 == Approx(expected.p75).margin(1e-12));
  CHECK(s->max == expected.max);
}

}  // namespace

TEST_CASE("trace_analysis: shared prefixes, repeated pairs, context lengths and hit rates by hand",
          "[datasets][trace_analysis]") {
  const auto rows = sharing_rows();
  const analysis_stats a = analyze_trace(rows, 16);

  CHECK(a.total_requests == 10);
  // Prefixes: (5)x5 [r1 r3 r4 r5 r8], (6)x1, (5,6)x3 [r3 r4 r5], (5,6,7)x1, (8)x1, (8,6)x1, (9)x1.
  CHECK(a.unique_prefixes == 7);
  // 13 occurrences, of which (5) and (5,6) are reused: (5 + 3) / 13.
  CHECK(a.prefix_reuse_ratio == Approx(8.0 / 13.0));
  // First ids: 5 starts five rows, 6, 8 and 9 one each.
  CHECK(a.num_prefix_groups == 1);

  // ISL 16 16 32 40 32 32 0 16 20 16: sum 220; sorted 0 16 16 16 16 20 32 32 32 40.
  CHECK(a.min_isl == 0);
  CHECK(a.max_isl == 40);
  CHECK(a.avg_isl == 22.0);
  // Squared deviations from 22: 484 + 4*36 + 4 + 3*100 + 324 = 1256 over 10 rows.
  check_stats(a.isl_stats, {22.0, std::sqrt(125.6), 0, 16, 18, 32, 40});
  // OSL 4 4 5 6 3 4 4 3 3 2: sum 38; sorted 2 3 3 3 4 4 4 4 5 6; squared deviations 11.6.
  CHECK(a.min_osl == 2);
  CHECK(a.max_osl == 6);
  CHECK(a.avg_osl == Approx(3.8));
  check_stats(a.osl_stats, {3.8, std::sqrt(1.16), 2, 3, 4, 4, 6});

  // Repeated (pos, id): (0,5)x5 and (1,6)x4 [r3 r4 r5 r6]; (0,6) (2,7) (0,8) (0,9) once.
  // Context: r1 16 (all repeated: ISL), r2 0, r3 32, r4 2x16, r5 32, r6 1x16, r7 0, r8 16, r9 0,
  // r10 0 -> sorted 0 0 0 0 16 16 16 32 32 32; p75 at h = 6.75: 16 + 0.75 x 16 = 28.
  // Squares: 4 x 14.4^2 + 3 x 1.6^2 + 3 x 17.6^2 = 1766.4.
  check_stats(a.context_length_stats, {14.4, std::sqrt(176.64), 0, 0, 16, 28, 32});
  // Unique prompt = ISL - context: 0 16 0 8 0 16 0 0 20 16 -> sorted 0 0 0 0 0 8 16 16 16 20;
  // median at h = 4.5: (0 + 8) / 2.  Squares: 5 x 7.6^2 + 0.4^2 + 3 x 8.4^2 + 12.4^2 = 654.4.
  check_stats(a.unique_prompt_length_stats, {7.6, std::sqrt(65.44), 0, 0, 4, 16, 20});

  // Hit rates, rows with ids in order: r1 0, r2 0, r3 2/2, r4 2/3 (7 is new), r5 1, r6 0 (8 is
  // new at index 0, though 6 was seen), r8 1, r10 0 -> mean (11/3) / 8 = 11/24.
  // Sorted 0 0 0 0 2/3 1 1 1: median at h = 3.5 is 1/3; p75 at h = 5.25 is 1.
  const double mean = 11.0 / 24.0;
  double sq = 4 * mean * mean + (2.0 / 3.0 - mean) * (2.0 / 3.0 - mean) + 3 * (1 - mean) * (1 - mean);
  check_stats(a.hit_rate_stats, {mean, std::sqrt(sq / 8), 0, 0, 1.0 / 3.0, 1, 1});
  CHECK(a.cache_hit_rate == Approx(mean));
}

TEST_CASE("trace_analysis: the block size scales partial context; a fully repeated row counts its whole ISL",
          "[datasets][trace_analysis]") {
  const auto rows = sharing_rows();
  const analysis_stats big = analyze_trace(rows, 512);
  // Fully repeated rows keep context = ISL whatever the block; r4 (2 repeated) and r6 (1) scale,
  // and unique prompt length goes negative when the blocks exceed the ISL, as in the spec.
  // Context: 16 0 32 1024 32 512 0 16 0 0; unique: 0 16 0 -984 0 -480 0 0 20 16.
  REQUIRE(big.context_length_stats);
  CHECK(big.context_length_stats->max == 1024);
  CHECK(big.context_length_stats->mean == Approx(163.2));
  REQUIRE(big.unique_prompt_length_stats);
  CHECK(big.unique_prompt_length_stats->min == -984);
  CHECK(big.unique_prompt_length_stats->mean == Approx(-141.2));
  // Nothing else depends on the block size.
  analysis_stats small = analyze_trace(rows, 16);
  small.context_length_stats = big.context_length_stats;
  small.unique_prompt_length_stats = big.unique_prompt_length_stats;
  CHECK(small == big);
}

TEST_CASE("trace_analysis: rows without hash ids have no context and no hit rate", "[datasets][trace_analysis]") {
  const std::vector<trace_row> rows = {row(100, 10), row(200, -1), row(300, 30)};
  const analysis_stats a = analyze_trace(rows, 512);
  CHECK(a.total_requests == 3);
  CHECK(a.unique_prefixes == 0);
  CHECK(a.num_prefix_groups == 0);
  CHECK(a.prefix_reuse_ratio == 0.0);
  CHECK(a.cache_hit_rate == 0.0);
  CHECK_FALSE(a.hit_rate_stats);
  // A missing output_length counts as 0: OSL 10 0 30.
  CHECK(a.min_osl == 0);
  CHECK(a.avg_osl == Approx(40.0 / 3.0));
  check_stats(a.context_length_stats, {0, 0, 0, 0, 0, 0, 0});
  // Unique prompt = ISL: 100 200 300, p25 at h = 0.5 is 150.
  check_stats(a.unique_prompt_length_stats, {200, std::sqrt(20000.0 / 3.0), 100, 150, 200, 250, 300});
  CHECK(a.unique_prompt_length_stats == a.isl_stats);

  const auto console = datasets::render_trace_analysis_console(a);
  CHECK_THAT(console, Catch::Matchers::EndsWith("\nTheoretical Hit Rates:\n  No data\n"
                                                "============================================================\n"));
  CHECK_THAT(datasets::render_trace_analysis_json(a), Catch::Matchers::EndsWith("\"hit_rate_stats\": null\n}\n"));
}

TEST_CASE("trace_analysis: an empty trace is all zeros and no data", "[datasets][trace_analysis]") {
  const analysis_stats a = analyze_trace({}, 512);
  CHECK(a == analysis_stats{});
  CHECK(datasets::render_trace_analysis_console(a) ==
        "\nTrace Analysis Report\n"
        "============================================================\n"
        "Total requests:        0\n"
        "Unique prefixes:       0\n"
        "Prefix reuse ratio:    0.00%\n"
        "\nInput Length:\n  No data\n"
        "\nContext Length:\n  No data\n"
        "\nUnique Prompt Length:\n  No data\n"
        "\nOutput Length:\n  No data\n"
        "\nTheoretical Hit Rates:\n  No data\n"
        "============================================================\n");
  CHECK(datasets::render_trace_analysis_json(a) ==
        "{\n"
        "  \"total_requests\": 0,\n"
        "  \"unique_prefixes\": 0,\n"
        "  \"num_prefix_groups\": 0,\n"
        "  \"cache_hit_rate\": 0,\n"
        "  \"min_isl\": 0,\n"
        "  \"max_isl\": 0,\n"
        "  \"avg_isl\": 0,\n"
        "  \"min_osl\": 0,\n"
        "  \"max_osl\": 0,\n"
        "  \"avg_osl\": 0,\n"
        "  \"prefix_reuse_ratio\": 0,\n"
        "  \"isl_stats\": null,\n"
        "  \"osl_stats\": null,\n"
        "  \"context_length_stats\": null,\n"
        "  \"unique_prompt_length_stats\": null,\n"
        "  \"hit_rate_stats\": null\n"
        "}\n");
}

TEST_CASE("trace_analysis: a single request has no reuse and a zero hit rate", "[datasets][trace_analysis]") {
  const std::vector<trace_row> rows = {row(1000, 50, {1, 2})};
  const analysis_stats a = analyze_trace(rows, 512);
  CHECK(a.total_requests == 1);
  CHECK(a.unique_prefixes == 2);
  CHECK(a.num_prefix_groups == 0);
  CHECK(a.prefix_reuse_ratio == 0.0);
  CHECK(a.cache_hit_rate == 0.0);
  CHECK(a.min_isl == 1000);
  CHECK(a.max_isl == 1000);
  CHECK(a.avg_isl == 1000.0);
  check_stats(a.isl_stats, {1000, 0, 1000, 1000, 1000, 1000, 1000});
  check_stats(a.osl_stats, {50, 0, 50, 50, 50, 50, 50});
  check_stats(a.context_length_stats, {0, 0, 0, 0, 0, 0, 0});
  check_stats(a.unique_prompt_length_stats, {1000, 0, 1000, 1000, 1000, 1000, 1000});
  check_stats(a.hit_rate_stats, {0, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("trace_analysis: percentiles interpolate linearly between order statistics (numpy's default)",
          "[datasets][trace_analysis]") {
  // ISL 4 1 3 2 in arrival order: sorted 1 2 3 4, h = q/100 x 3.
  const std::vector<trace_row> rows = {row(4, 0), row(1, 0), row(3, 0), row(2, 0)};
  const analysis_stats a = analyze_trace(rows, 512);
  check_stats(a.isl_stats, {2.5, std::sqrt(1.25), 1, 1.75, 2.5, 3.25, 4});
  // Two values: the quartiles sit a quarter of the way in from each end.
  const std::vector<trace_row> two = {row(10, 0), row(30, 0)};
  check_stats(analyze_trace(two, 512).isl_stats, {20, 10, 10, 15, 20, 25, 30});
}

TEST_CASE("trace_analysis: hit rates follow arrival order; a reordered trace has other hit rates",
          "[datasets][trace_analysis]") {
  // [1, 2] then [1, 2, 3]: 0, then 2/3.  Reversed: 0, then 1 (both ids seen).
  const std::vector<trace_row> forward = {row(10, 1, {1, 2}), row(15, 1, {1, 2, 3})};
  const std::vector<trace_row> backward = {forward[1], forward[0]};
  CHECK(analyze_trace(forward, 512).cache_hit_rate == Approx(1.0 / 3.0));
  CHECK(analyze_trace(backward, 512).cache_hit_rate == Approx(0.5));
  // An id seen anywhere earlier counts, not only at the same position.
  const std::vector<trace_row> moved = {row(10, 1, {7}), row(10, 1, {7, 8}), row(10, 1, {8, 7})};
  const auto hits = analyze_trace(moved, 512);
  REQUIRE(hits.hit_rate_stats);
  CHECK(hits.hit_rate_stats->max == 1.0);  // [8, 7] after [7, 8]: both seen
  CHECK(hits.cache_hit_rate == Approx((0.0 + 0.5 + 1.0) / 3));
  // ...but context length counts only (position, id) pairs: (1, 7) and (0, 8) occur once.
  REQUIRE(hits.context_length_stats);
  CHECK(hits.context_length_stats->max == 512.0);  // row 2 repeats row 1's (0, 7): one block
}

TEST_CASE("trace_analysis: console and JSON reports match the golden files", "[datasets][trace_analysis][golden]") {
  const auto rows = sharing_rows();
  const analysis_stats a = analyze_trace(rows, 16);
  check_golden("trace_analysis_console.txt", datasets::render_trace_analysis_console(a));
  check_golden("trace_analysis.json", datasets::render_trace_analysis_json(a));
}

TEST_CASE("trace_analysis: console numbers have thousands separators, ratios two-decimal percentages",
          "[datasets][trace_analysis]") {
  std::vector<trace_row> rows;
  for (int i = 0; i < 1234; ++i) rows.push_back(row(123456 + i % 2, 1, {0, i + 1}));
  const auto a = analyze_trace(rows, 512);
  // Prefixes: (0) and 1,234 distinct (0, i); reuse (0) x 1,234 of 2,468 occurrences = 50.00%.
  CHECK(a.unique_prefixes == 1235);
  const auto console = datasets::render_trace_analysis_console(a);
  CHECK_THAT(console, Catch::Matchers::Contains("Total requests:        1,234\n"
                                                "Unique prefixes:       1,235\n"
                                                "Prefix reuse ratio:    50.00%\n"));
  CHECK_THAT(console, Catch::Matchers::Contains("\nInput Length:\n"
                                                "  Mean:    123,456.50\n"
                                                "  Std Dev: 0.50\n"
                                                "  Min:     123,456.00\n"
                                                "  P25:     123,456.00\n"
                                                "  Median:  123,456.50\n"
                                                "  P75:     123,457.00\n"
                                                "  Max:     123,457.00\n"));
  // Every row shares block 0 only: context 512, hit rate 1/2 after the first row.
  CHECK(a.num_prefix_groups == 1);
  CHECK(a.cache_hit_rate == Approx(0.5 * 1233 / 1234));
}
