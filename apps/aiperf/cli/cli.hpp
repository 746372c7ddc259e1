// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/cli.hpp — the `aiperf` command line: parsing, validation, help.
//
//   auto parsed = aiperf::driver::parse_command_line(argc, argv);
//   if (auto* e = std::get_if<cli_exit>(&parsed)) { print e->out / e->err; return e->code; }   // help, errors
//   if (auto* p = std::get_if<plugins_request>(&parsed)) { print plugins_text(p->category); return 0; }
//   if (auto* t = std::get_if<analyze_trace_request>(&parsed)) return run_analyze_trace(t->options);
//   if (auto* t = std::get_if<synthesize_trace_request>(&parsed)) return run_synthesize_trace(t->options);
//   auto& r = std::get<parse_result>(parsed);                                                  // `aiperf profile`
//   for (auto& w : r.warnings) log_warning(w);
//   run(r.options, profiling_phase(r.options), warmup_phase(r.options));
//
// The options, their registration and conversion all come from the declarations in options.hpp.
// CLI11 tokenises argv and matches names (only cli.cpp includes it); every value is converted
// by values.hpp so that each error is one line naming the flag (spec §2.20 value rules, §3
// messages, §4 timing-mode resolution).
#pragma once
#include "echo.hpp"
#include "options.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace aiperf::driver {

/// The command ends without a benchmark: --help / --version (code 0, text in `out`) or a usage
/// error (code 1, one line `aiperf: error: ...` in `err`).
struct cli_exit {
  int code = 0;
  std::string out = {};
  std::string err = {};
};

/// `aiperf plugins [category]`: list the compiled-in policies (plugins.hpp).
struct plugins_request {
  std::string category = {};  // "" = every category
};

/// `aiperf analyze-trace FILE [--block-size N] [--output-file PATH]` (analyze_trace.hpp); the
/// options are converted and checked, `input_file` is set.
struct analyze_trace_request {
  analyze_trace_section options = {};
};

/// What `parse_command_line` returns for `aiperf profile ...` when everything is valid.
struct parse_result {
  profile_options options = {};
  std::string cli_command = {};                  // argv joined, shell-quoted, secrets redacted (run_info.cli_command)
  std::vector<std::string> warnings = {};        // defaults applied / risky settings: log each once before the run
  std::vector<std::string> explicit_fields = {};  // members given on the command line (e.g. "artifact_dir")
  // Members the resolution assigned where AIPerf's validators assign them (a default concurrency,
  // request count or arrival pattern): AIPerf counts those as set, so input_config writes them.
  std::vector<std::string> resolved_fields = {};
  std::vector<std::int64_t> sweep_values = {};    // `--concurrency 10,20,30`: the values run in turn (empty: no sweep)

  [[nodiscard]] bool was_set(std::string_view field) const {
    for (auto const& f : explicit_fields)
      if (f == field) return true;
    return false;
  }
  /// explicit_fields and resolved_fields: what input_config writes.
  [[nodiscard]] std::vector<std::string> set_fields() const {
    std::vector<std::string> all = explicit_fields;
    all.insert(all.end(), resolved_fields.begin(), resolved_fields.end());
    return all;
  }
  [[nodiscard]] std::string input_config_json() const {
    return driver::input_config_json(options, set_fields(), cli_command);
  }
};

/// `aiperf synthesize-trace INPUT OUTPUT [--block-size N] [--speedup-ratio X] [--*-multiplier X]
/// [--max-isl N] [--seed N]` (synthesize_trace.hpp), also spelled `aiperf synthesize`; the
/// options are converted and checked, `input_file` and `output_file` are set.
struct synthesize_trace_request {
  synthesize_trace_section options = {};
};

/// `aiperf compare BASELINE CANDIDATE... [--output DIR] [--confidence L] [--bootstrap N] [--seed S]
/// [--min-effect PCT] [--fail-on-regression]` (compare.hpp); at least two paths.
struct compare_request {
  compare_section options = {};
};

using command_line = std::variant<parse_result, plugins_request, analyze_trace_request, synthesize_trace_request,
                                  compare_request, cli_exit>;

/// Parses the whole `aiperf` command line; `args` excludes the program name (argv[1..]).
command_line parse_command_line(std::vector<std::string> const& args);
/// argv overloads: straight from main().
command_line parse_command_line(int argc, char const* const* argv);
command_line parse_command_line(int argc, char** argv);

/// `aiperf --help`.
std::string program_help_text();
/// `aiperf profile --help`, grouped like AIPerf (Endpoint, Tokenizer, Input, ... Load Generator ...).
std::string profile_help_text();
/// `aiperf analyze-trace --help`.
std::string analyze_trace_help_text();
/// `aiperf compare --help`.
std::string compare_help_text();
/// `aiperf synthesize-trace --help`.
std::string synthesize_trace_help_text();

/// One phase of the run as the schedule sees it (spec §6.2 / §6.3).
struct phase_plan {
  std::string phase = {};                          // "warmup" | "profiling"
  std::string timing_mode = {};                    // "concurrency" (burst) | "request_rate" | "fixed_schedule" | "user_centric_rate"
  std::string arrival_pattern = {};                // a schedule name: concurrency_burst | constant | poisson | gamma
  std::optional<double> request_rate = {};         // requests/s (request_rate mode)
  std::optional<std::int64_t> concurrency = {};    // ceiling (rate mode) or driver (burst mode)
  std::optional<std::int64_t> prefill_concurrency = {};  // requests before their first token
  std::optional<std::int64_t> num_users = {};      // user-centric rate: simulated users
  std::optional<double> arrival_smoothness = {};   // gamma shape
  std::optional<std::int64_t> request_count = {};  // stop after N requests
  std::optional<std::int64_t> num_sessions = {};   // stop after N sessions
  std::optional<double> duration_s = {};           // stop issuing after this long
  double grace_period_s = std::numeric_limits<double>::infinity();  // wait after the duration
  std::optional<double> concurrency_ramp_s = {};          // ramp `concurrency` 1 -> value over this long
  std::optional<double> prefill_concurrency_ramp_s = {};  // ramp `prefill_concurrency` likewise
  std::optional<double> request_rate_ramp_s = {};         // ramp `request_rate` (request_rate mode only)
};

/// The profiling phase of a resolved configuration (spec §6.2).
phase_plan profiling_phase(profile_options const& options);
/// The warmup phase (spec §6.3), or nullopt when no warmup stop condition is set.
std::optional<phase_plan> warmup_phase(profile_options const& options);

namespace cli_detail {

/// The commands besides `profile`, `plugins`, `analyze-trace` and `synthesize-trace`: recognised,
/// answered "not implemented yet".
inline constexpr std::array<std::array<std::string_view, 2>, 2> other_commands = {{
    {"plot", "Generate visualizations from aiperf profiling data."},
    {"validate", "Validate a configuration or dataset file."},
}};

inline constexpr std::string_view program_description =
    "aiperf: benchmark generative-AI inference servers (a C++ re-creation of NVIDIA AIPerf).";
inline constexpr std::string_view profile_description = "Profile an OpenAI-compatible inference endpoint.";
inline constexpr std::string_view analyze_trace_description =
    "Analyze a mooncake trace file for ISL/OSL distributions and cache hit rates.";
inline constexpr std::string_view compare_description =
    "Compare benchmark runs: per headline metric, the difference from the baseline with a confidence interval and a "
    "verdict (better, worse, within noise).";
inline constexpr std::string_view synthesize_trace_description =
    "Synthesize a mooncake trace from an existing one: scaled hash-id prefixes, resampled lengths, sped-up "
    "timestamps.";
inline constexpr std::string_view plugins_description =
    "List the policies compiled into this build (endpoint, schedule and dataset types).";

/// "N further AIPerf options are recognised but not supported yet ..." (help footer).
std::string unsupported_footer();

}  // namespace cli_detail
}  // namespace aiperf::driver
