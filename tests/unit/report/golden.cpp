// SPDX-License-Identifier: Apache-2.0
// Golden-file tests for include/aiperf/report/summary.hpp: a fixed set of records goes through
// compute_record -> summarize -> every output format, compared byte for byte with
// tests/data/golden/*.  AIPERF_UPDATE_GOLDEN=1 rewrites the files (review the diff!).
#include "catch.hpp"
#include "word_tokens.hpp"

#include <aiperf/report/summary.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace aiperf;

namespace {

using aiperf_test::words;

/// Eight streamed requests (one with reasoning), one HTTP error, one cancellation, one warmup.
std::vector<request_record> fixed_records() {
  std::vector<request_record> out;
  for (int i = 0; i < 8; ++i) {
    request_record r;
    r.request_num = static_cast<std::uint64_t>(i);
    r.session_num = static_cast<std::uint64_t>(i);
    r.conversation_index = static_cast<std::uint32_t>(i % 3);
    r.worker = static_cast<std::uint32_t>(i % 2);
    const std::int64_t t0 = 1'000'000'000 + i * 50'000'000;
    r.intended_ns = t0 - 2'000 - i * 1'000;
    r.start_ns = t0;
    r.wall_start_ns = 1'700'000'000'000'000'000 + (t0 - 1'000'000'000);
    r.ack_ns = t0 + 1'000'000;
    r.input_tokens = 100 + i;
    r.chunks.push_back(response_chunk{t0 + 1'200'000, 0, 0, false});  // role-only
    if (i == 3) {
      r.chunks.push_back(response_chunk{t0 + 10'000'000, 0, 6, false});
      r.reasoning = "hmm ok";
    }
    for (int k = 0; k < 4 + i; ++k) {
      r.chunks.push_back(response_chunk{t0 + 20'000'000 + i * 1'000'000 + k * (5'000'000 + i * 250'000), 4, 0, false});
      r.content += " tok";
    }
    r.end_ns = r.chunks.back().recv_ns + 100'000;
    out.push_back(std::move(r));
  }
  request_record err;
  err.request_num = 8;
  err.start_ns = 1'500'000'000;
  err.wall_start_ns = 1'700'000'000'500'000'000;
  err.end_ns = 1'502'000'000;
  err.input_tokens = 100;
  err.http_status = 503;
  err.error = error_info{503, "Service Unavailable", "{\"error\":\"overloaded, \\\"retry\\\"\"}"};
  out.push_back(err);
  request_record cancelled = err;
  cancelled.request_num = 9;
  cancelled.error = error_info{499, "RequestCancellationError", "Request cancelled by external signal"};
  cancelled.was_cancelled = true;
  cancelled.cancel_ns = 1'503'000'000;
  out.push_back(cancelled);
  request_record warm = out[0];
  warm.phase = benchmark_phase::warmup;
  out.push_back(warm);
  return out;
}

std::string read_file(std::filesystem::path const& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void check_golden(std::string const& name, std::string const& actual) {
  const auto path = std::filesystem::path(AIPERF_TEST_DATA_DIR) / "golden" / name;
  const char* update = std::getenv("AIPERF_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
  }
  INFO("golden file " << path.string() << " (AIPERF_UPDATE_GOLDEN=1 rewrites it)");
  REQUIRE(std::filesystem::exists(path));
  CHECK(read_file(path) == actual);
}

struct fixture {
  std::vector<request_record> records = fixed_records();
  std::vector<metrics::record_values> values;
  std::vector<std::pair<request_record const*, metrics::record_values const*>> prof, warm;
  clock_anchor anchor{1'000'000'000, 1'700'000'000'000'000'000};
  metrics::metric_settings settings;

  fixture() {
    settings.streaming = true;
    settings.slos = {{metrics::find_record_metric("time_to_first_token"), 20.5e6}};
    values.reserve(records.size());
    for (auto const& r : records) values.push_back(metrics::compute_record(r, words, settings));
    for (std::size_t i = 0; i < records.size(); ++i)
      (records[i].phase == benchmark_phase::profiling ? prof : warm).emplace_back(&records[i], &values[i]);
  }
};

}  // namespace

TEST_CASE("summary JSON, CSV and console match the golden files", "[report][golden]") {
  setenv("TZ", "UTC", 1);
  tzset();
  fixture fx;
  const auto s = report::summarize(fx.prof, true, true, fx.anchor);
  const auto ws = report::summarize(fx.warm, true, false, fx.anchor);
  CHECK(s.ok == 8);
  CHECK(s.failed == 2);
  report::summary_meta meta;
  meta.benchmark_id = "0123456789ab";
  meta.input_config_json = R"({"endpoint": {"model_names": ["m"]}})";
  meta.cli_command = "aiperf profile -m m --streaming";
  meta.seed = 42;
  meta.start_wall_ns = 1'700'000'000'000'000'000;
  meta.end_wall_ns = 1'700'000'000'600'000'000;
  check_golden("profile_export_aiperf.json", report::render_summary_json(s, &ws, meta));
  check_golden("profile_export_aiperf.csv", report::render_summary_csv(s));
  check_golden("console.txt", report::render_console(s, false, meta.cli_command,
                                                     {"JSON Export: artifacts/x/profile_export_aiperf.json"}));
}

TEST_CASE("JSONL lines match the golden file", "[report][golden]") {
  fixture fx;
  std::string out;
  const std::string ids[] = {"conv-a", "conv-b", "conv-c"};
  for (std::size_t i = 0; i < fx.records.size(); ++i) {
    report::append_jsonl_record(out, fx.records[i], fx.values[i], ids[fx.records[i].conversation_index], fx.anchor, true);
    out += '\n';
  }
  check_golden("profile_export.jsonl", out);
}

TEST_CASE("summary numbers: goodput, rates and error groups", "[report]") {
  fixture fx;
  const auto s = report::summarize(fx.prof, true, true, fx.anchor);
  // TTFTs are 20 + i ms for i = 0..7, except request 3 whose first (reasoning) token came at
  // 10 ms: an SLO of 20.5 ms passes requests 0 and 3.
  REQUIRE(s.find("good_request_count"));
  CHECK(*s.find("good_request_count")->scalar == 2);
  REQUIRE(s.find("time_to_first_token"));
  CHECK(s.find("time_to_first_token")->dist->min == Approx(10.0));
  CHECK(s.find("time_to_first_output_token")->dist->min == Approx(20.0));
  CHECK(s.find("time_to_first_token")->dist->max == Approx(27.0));
  REQUIRE(s.errors.size() == 2);
  CHECK(s.find("error_request_count")->scalar == 2);
  CHECK(s.find("request_count")->scalar == 8);
  REQUIRE(s.duration_s);
  CHECK(*s.find("request_throughput")->scalar == Approx(8 / *s.duration_s));
}
