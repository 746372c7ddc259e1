// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/results/artifacts.hpp: where each artifact goes (the export prefix,
// optional files), the console's list of exports, atomic writes (no temporary file left, an
// existing file replaced whole) and the summary artifacts written together.
#include "catch.hpp"
#include "file_size_limit.hpp"
#include "temp_dir.hpp"

#include <aiperf/results/artifacts.hpp>
#include <aiperf/results/exporters.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace aiperf;
namespace fs = std::filesystem;

TEST_CASE("artifacts: AIPerf's file names, the prefix replaces the summary stem only", "[results][artifacts]") {
  const auto p = results::artifact_paths_for({.dir = "out/run1"});
  CHECK(p.dir == fs::path("out/run1"));
  CHECK(p.json == fs::path("out/run1/profile_export_aiperf.json"));
  CHECK(p.csv == fs::path("out/run1/profile_export_aiperf.csv"));
  CHECK(p.jsonl == fs::path("out/run1/profile_export.jsonl"));
  CHECK(p.inputs == fs::path("out/run1/inputs.json"));
  CHECK(p.console == fs::path("out/run1/profile_export_console.txt"));
  CHECK(p.log.empty());

  const auto q = results::artifact_paths_for({.dir = "d", .export_prefix = "mine", .records = false, .log_file = true});
  CHECK(q.json == fs::path("d/mine.json"));
  CHECK(q.csv == fs::path("d/mine.csv"));
  CHECK(q.jsonl.empty());  // export level below "records": no JSONL
  CHECK(q.inputs == fs::path("d/inputs.json"));
  CHECK(q.console == fs::path("d/mine_console.txt"));  // AIPerf renames it with the base too
  CHECK(q.log == fs::path("d/logs/aiperf.log"));
}

TEST_CASE("artifacts: export_lines lists what was written", "[results][artifacts]") {
  CHECK(results::export_lines(results::artifact_paths_for({.dir = "a"})) ==
        std::vector<std::string>{"JSON Export: a/profile_export_aiperf.json", "CSV Export: a/profile_export_aiperf.csv",
                                 "JSONL Export: a/profile_export.jsonl"});
  CHECK(results::export_lines(results::artifact_paths_for({.dir = "a", .records = false, .log_file = true})) ==
        std::vector<std::string>{"JSON Export: a/profile_export_aiperf.json", "CSV Export: a/profile_export_aiperf.csv",
                                 "Log File: a/logs/aiperf.log"});
}

TEST_CASE("artifacts: create_artifact_dir makes the directory (and logs/)", "[results][artifacts]") {
  aiperf_test::temp_dir tmp;
  const auto p = results::artifact_paths_for({.dir = tmp / "x/y"});
  results::create_artifact_dir(p);
  CHECK(fs::is_directory(tmp / "x/y"));
  const auto q = results::artifact_paths_for({.dir = tmp / "z", .log_file = true});
  results::create_artifact_dir(q);
  CHECK(fs::is_directory(tmp / "z/logs"));
  // A file where the directory should be: one clear error naming the path.
  aiperf_test::temp_dir other;
  results::write_file_atomically(other / "f", "x");
  const auto bad = results::artifact_paths_for({.dir = other / "f/sub"});
  CHECK_THROWS_WITH(results::create_artifact_dir(bad),
                    Catch::StartsWith("cannot create the artifact directory " + (other / "f/sub").string() + ": "));
}

TEST_CASE("artifacts: write_file_atomically writes, replaces and leaves no temporary file", "[results][artifacts]") {
  aiperf_test::temp_dir tmp;
  const auto path = tmp / "profile_export_aiperf.json";
  results::write_file_atomically(path, "first, longer content\n");
  CHECK(aiperf_test::read_file(path) == "first, longer content\n");
  results::write_file_atomically(path, "second\n");
  CHECK(aiperf_test::read_file(path) == "second\n");  // replaced whole, not overwritten in place
  results::write_file_atomically(path, "");
  CHECK(aiperf_test::read_file(path).empty());
  std::vector<std::string> names;
  for (auto const& e : fs::directory_iterator(tmp.path())) names.push_back(e.path().filename().string());
  CHECK(names == std::vector<std::string>{"profile_export_aiperf.json"});  // no .tmp left behind

  const auto unwritable = tmp / "no-such-dir/file.json";
  CHECK_THROWS_WITH(results::write_file_atomically(unwritable, "x"), "cannot write " + unwritable.string() + ".tmp");
  CHECK_FALSE(fs::exists(unwritable));
}

TEST_CASE("artifacts: write_summary_artifacts writes the JSON, the CSV and the console text", "[results][artifacts]") {
  aiperf_test::temp_dir tmp;
  const auto p = results::artifact_paths_for({.dir = tmp.path(), .export_prefix = "run"});
  results::create_artifact_dir(p);
  results::run_summary s;
  s.info.benchmark_id = "abc";
  results::write_summary_artifacts(s, p, "console text\n");
  CHECK(aiperf_test::read_file(p.json) == results::render_summary_json(s));
  CHECK(aiperf_test::read_file(p.csv) == results::render_summary_csv(s.profiling));
  CHECK(aiperf_test::read_file(p.console) == "console text\n");
  CHECK(fs::exists(tmp / "run.json"));
  CHECK_FALSE(fs::exists(p.jsonl));  // streamed by the collector, not written here
  CHECK_FALSE(fs::exists(p.inputs));
}

TEST_CASE("artifacts: a full disk fails each summary file on its own, with no .tmp left (issue 12)", "[results][artifacts]") {
  aiperf_test::temp_dir tmp;
  const auto p = results::artifact_paths_for({.dir = tmp.path()});
  results::create_artifact_dir(p);
  results::run_summary s;
  s.info.benchmark_id = "abc";
  const std::string console(3000, 'c');  // larger than the cap below; the JSON and CSV are too
  std::vector<std::string> errors;
  {
    aiperf_test::file_size_limit limit(100);
    errors = results::write_summary_artifacts(s, p, console);
  }
  // Every file was attempted: one line for each that did not fit, naming it.
  std::vector<std::string> expected, kept;
  for (auto const& [path, text] : {std::pair{p.json, results::render_summary_json(s)},
                                   std::pair{p.csv, results::render_summary_csv(s.profiling)}, std::pair{p.console, console}}) {
    if (text.size() > 100) expected.push_back("cannot write " + path.string() + ": File too large");
    else kept.push_back(path.filename().string());
  }
  CHECK(expected.size() >= 2);  // the JSON and the console text at least
  CHECK(errors == expected);
  std::vector<std::string> names;
  for (auto const& e : fs::directory_iterator(tmp.path())) names.push_back(e.path().filename().string());
  CHECK(names == kept);  // neither a partial file nor a .tmp
  CHECK(results::write_summary_artifacts(s, p, "ok\n").empty());
  CHECK(aiperf_test::read_file(p.console) == "ok\n");
}
