// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/compare.cpp — `aiperf compare` (see compare.hpp and docs/compare.md).
//
// Runs are read by the shared run loader (report/run_artifacts.hpp), the multi-run aggregate
// here; the statistics are report/compare.hpp's.
#include "compare.hpp"

#include <aiperf/detail/json_text.hpp>
#include <aiperf/report/compare.hpp>
#include <aiperf/report/run_artifacts.hpp>
#include <aiperf/results/artifacts.hpp>  // write_file_atomically
#include <aiperf/results/console_table.hpp>
#include <aiperf/results/number_format.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf::driver {
namespace {

namespace fs = std::filesystem;
using report::better_when;

using report::records_file;
using report::summary_file;
constexpr std::string_view aggregate_name = "aggregate/profile_export_aiperf_aggregate.json";

/// The metrics compared, in table order.  Per-request metrics are compared at every statistic of
/// `distribution_stats`; the run-level throughputs are single values (their summary `avg`).
struct headline {
  std::string_view tag, header, unit;
  better_when better;
  bool per_request;
};
constexpr headline headlines[] = {
    {"time_to_first_token", "Time to First Token", "ms", better_when::lower, true},
    {"inter_token_latency", "Inter Token Latency", "ms", better_when::lower, true},
    {"request_latency", "Request Latency", "ms", better_when::lower, true},
    {"output_token_throughput_per_user", "Output Token Throughput Per User", "tokens/sec/user", better_when::higher,
     true},
    {"request_throughput", "Request Throughput", "requests/sec", better_when::higher, false},
    {"output_token_throughput", "Output Token Throughput", "tokens/sec", better_when::higher, false},
};
constexpr std::string_view distribution_stats[] = {"avg", "p50", "p90", "p99"};
constexpr std::string_view scalar_stats[] = {"avg"};

/// A percentile is judged only when each side has at least this many requests beyond it: the
/// bootstrap of an extreme order statistic (p99 of 100 requests is about the maximum) gives
/// intervals that do not hold their level.  p90 needs 100 requests, p99 1,000.
constexpr std::size_t min_tail_requests = 10;

/// Requests of `n` above percentile `stat` (n for avg).
std::size_t tail_requests(std::string_view stat, std::size_t n) {
  if (!stat.starts_with('p')) return n;
  const double q = std::stod(std::string(stat.substr(1)));
  return static_cast<std::size_t>(std::floor(static_cast<double>(n) * (100.0 - q) / 100.0 + 1e-9));
}

/// What one run's profile_export.jsonl holds for the comparison: successful profiling-phase
/// requests only (the rows the summary's statistics are made of).
struct run_rows {
  fs::path dir;
  std::map<std::string, std::vector<double>, std::less<>> values;  // per-request metric values by tag
  std::vector<std::int64_t> end_ns;                                 // request ends, for the rates
  std::vector<double> output_tokens;                                // output_sequence_length per request
  std::int64_t first_start_ns = std::numeric_limits<std::int64_t>::max();
  std::int64_t last_end_ns = std::numeric_limits<std::int64_t>::min();
};

/// One `<tag>_<stat>` entry of a multi-run aggregate.
struct aggregate_entry {
  double mean = 0, std = 0;
};

/// A baseline or candidate argument: one run, or the runs of a --num-profile-runs directory.
struct side {
  std::string path;  // as given on the command line
  fs::path dir;      // where the run (or multi-run) files are
  bool multi = false;
  std::vector<run_rows> runs;
  std::size_t aggregate_runs = 0;  // num_successful_runs of the aggregate
  std::map<std::string, aggregate_entry, std::less<>> aggregate;

  [[nodiscard]] std::size_t requests() const {
    std::size_t n = 0;
    for (auto const& r : runs) n += r.end_ns.size();
    return n;
  }
};

[[noreturn]] void fail(std::string const& message) { throw std::runtime_error(message); }

std::string display(fs::path const& p) { return p.lexically_normal().string(); }

bool is_file(fs::path const& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

/// One run directory through the shared run loader (report/run_artifacts.hpp): its successful
/// profiling-phase requests.  A problem with the records or the summary (a missing file, a bad
/// line) is an error: a comparison that silently left requests out would not be the run's.
run_rows read_run(fs::path const& dir) {
  const report::run_artifacts run = report::load_run(dir);
  for (auto const& problem : run.problems)
    if (problem.find(report::records_file) != std::string::npos ||
        problem.find(report::summary_file) != std::string::npos)
      fail(problem);
  run_rows rows;
  rows.dir = dir;
  for (auto const& r : run.profiling_successes()) {
    const std::pair<std::string_view, double> values[] = {{"time_to_first_token", r.ttft_ms},
                                                          {"inter_token_latency", r.itl_ms},
                                                          {"request_latency", r.latency_ms},
                                                          {"output_token_throughput_per_user",
                                                           r.output_token_throughput_per_user}};
    for (auto const& [tag, v] : values)
      if (std::isfinite(v)) rows.values[std::string(tag)].push_back(v);
    rows.end_ns.push_back(r.end_ns);
    rows.output_tokens.push_back(std::isfinite(r.output_tokens) ? r.output_tokens : 0.0);
    rows.first_start_ns = std::min(rows.first_start_ns, r.start_ns);
    rows.last_end_ns = std::max(rows.last_end_ns, r.end_ns);
  }
  const fs::path file = dir / report::records_file;
  if (rows.end_ns.empty()) fail(fmt::format("{}: no successful profiling-phase request", display(file)));
  if (rows.last_end_ns <= rows.first_start_ns)
    fail(fmt::format("{}: the requests span no time (first start {} ns, last end {} ns)", display(file),
                     rows.first_start_ns, rows.last_end_ns));
  return rows;
}

/// The `<tag>_<stat>` means and sample std of aggregate/profile_export_aiperf_aggregate.json.
void read_aggregate(side& s) {
  const fs::path file = s.dir / aggregate_name;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto err = parser.load(file.string()).get(root))
    fail(fmt::format("{}: invalid JSON: {}", display(file), simdjson::error_message(err)));
  std::uint64_t n = 0;
  if (root["metadata"]["num_successful_runs"].get(n))
    fail(fmt::format("{}: metadata.num_successful_runs: expected an integer", display(file)));
  s.aggregate_runs = n;
  simdjson::dom::object metrics;
  if (root["metrics"].get(metrics)) fail(fmt::format("{}: metrics: expected an object", display(file)));
  for (auto field : metrics) {
    aggregate_entry e;
    if (field.value["mean"].get(e.mean)) continue;
    if (field.value["std"].get(e.std)) e.std = 0;
    s.aggregate.emplace(std::string(field.key), e);
  }
}

/// The run directories under a multi-run directory: profile_runs/run_NNNN, in order.
std::vector<fs::path> multi_run_dirs(fs::path const& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto const& entry : fs::directory_iterator(dir / "profile_runs", ec))
    if (entry.is_directory() && entry.path().filename().string().starts_with("run_")) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

bool holds_run(fs::path const& dir) { return report::is_run_dir(dir) || is_file(dir / aggregate_name); }

/// Resolves a command-line path to a run or a multi-run directory and reads it.  An artifact
/// root holding exactly one run directory (the derived `<model>-<endpoint>-<stimulus>` name of a
/// run without --artifact-dir) stands for that run.
side load_side(std::string const& path) {
  side s;
  s.path = path;
  s.dir = path;
  std::error_code ec;
  if (!fs::is_directory(s.dir, ec)) fail(fmt::format("{}: no such directory", path));
  if (!holds_run(s.dir)) {
    std::vector<fs::path> inner;
    for (auto const& entry : fs::directory_iterator(s.dir, ec))
      if (entry.is_directory() && holds_run(entry.path())) inner.push_back(entry.path());
    if (inner.size() != 1)
      fail(fmt::format("{}: no run here: expected {} and {} (or {}){}", path, summary_file, records_file,
                       aggregate_name,
                       inner.empty() ? "" : fmt::format("; it holds {} runs, name one", inner.size())));
    s.dir = inner.front();
  }
  if (is_file(s.dir / aggregate_name)) {
    s.multi = true;
    read_aggregate(s);
    for (auto const& run : multi_run_dirs(s.dir)) s.runs.push_back(read_run(run));
    if (s.runs.empty()) fail(fmt::format("{}: missing profile_runs/run_0001/{}", display(s.dir), records_file));
  } else {
    s.runs.push_back(read_run(s.dir));
  }
  return s;
}

/// A side's per-request values of `tag`, pooled over its runs.
std::vector<double> pooled(side const& s, std::string_view tag) {
  std::vector<double> out;
  for (auto const& r : s.runs)
    if (auto it = r.values.find(tag); it != r.values.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  return out;
}

/// A side's slice rates of a throughput (report::slice_rates), each run cut into its own slices:
/// their mean is the run's throughput, count / (last end − first start) as in the summary.
std::vector<double> rates(side const& s, std::string_view tag) {
  std::vector<double> out;
  for (auto const& r : s.runs) {
    std::vector<double> ones(r.end_ns.size(), 1.0);
    auto const& amount = tag == "request_throughput" ? ones : r.output_tokens;
    auto slice = report::slice_rates(r.end_ns, amount, r.first_start_ns, r.last_end_ns,
                                     report::slice_count(r.end_ns.size()));
    out.insert(out.end(), slice.begin(), slice.end());
  }
  return out;
}

/// One compared statistic.
struct row {
  headline const* metric = nullptr;
  std::string_view stat;
  std::string method;  // "bootstrap" or "welch"
  double baseline = 0, candidate = 0, diff = 0, diff_pct = 0;
  report::interval ci;
  std::size_t n_baseline = 0, n_candidate = 0;  // requests (bootstrap), slices (rates) or runs (welch)
  bool judged = true;  // false: too few requests beyond the percentile (min_tail_requests)
  report::verdict verdict = report::verdict::within_noise;
};

struct comparison {
  side const* candidate = nullptr;
  std::vector<row> rows;
  std::vector<std::string> skipped;  // metrics one side lacks (no streaming: no TTFT)
};

double percent(double diff, double base) {
  return base == 0 ? std::numeric_limits<double>::quiet_NaN() : 100.0 * diff / base;
}

/// A distinct, reproducible seed per (candidate, metric) from --seed (splitmix64's finaliser).
std::uint64_t seed_for(std::uint64_t seed, std::size_t candidate, std::size_t metric) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (1 + candidate * 64 + metric);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

comparison compare_sides(side const& base, side const& cand, std::size_t index, compare_section const& o) {
  comparison c;
  c.candidate = &cand;
  const bool welch_possible = base.multi && cand.multi && base.aggregate_runs >= 2 && cand.aggregate_runs >= 2;
  for (std::size_t m = 0; m < std::size(headlines); ++m) {
    headline const& h = headlines[m];
    std::span<std::string_view const> stats = h.per_request ? std::span<std::string_view const>(distribution_stats)
                                                            : std::span<std::string_view const>(scalar_stats);
    const std::vector<double> a = h.per_request ? pooled(base, h.tag) : rates(base, h.tag);
    const std::vector<double> b = h.per_request ? pooled(cand, h.tag) : rates(cand, h.tag);
    if (a.empty() || b.empty()) {
      c.skipped.push_back(std::string(h.tag));
      continue;
    }
    std::vector<report::interval> boot;  // made on first need: Welch may cover every statistic
    for (std::size_t k = 0; k < stats.size(); ++k) {
      row r;
      r.metric = &h;
      r.stat = stats[k];
      const std::string key = fmt::format("{}_{}", h.tag, stats[k]);
      auto ia = base.aggregate.find(key), ib = cand.aggregate.find(key);
      if (welch_possible && ia != base.aggregate.end() && ib != cand.aggregate.end()) {
        r.method = "welch";
        r.baseline = ia->second.mean;
        r.candidate = ib->second.mean;
        r.ci = report::welch_interval({ia->second.mean, ia->second.std, base.aggregate_runs},
                                      {ib->second.mean, ib->second.std, cand.aggregate_runs}, o.confidence)
                   .ci;
        r.n_baseline = base.aggregate_runs;
        r.n_candidate = cand.aggregate_runs;
      } else {
        if (boot.empty())
          boot = report::bootstrap_difference(a, b, stats,
                                              {.resamples = static_cast<std::size_t>(o.bootstrap),
                                               .confidence = o.confidence,
                                               .seed = seed_for(o.seed, index, m)});
        r.method = "bootstrap";
        r.baseline = report::sample_statistic(a, stats[k]);
        r.candidate = report::sample_statistic(b, stats[k]);
        r.ci = boot[k];
        r.n_baseline = a.size();
        r.n_candidate = b.size();
      }
      r.diff = r.candidate - r.baseline;
      r.diff_pct = percent(r.diff, r.baseline);
      if (r.method == "bootstrap" && h.per_request)
        r.judged = std::min(tail_requests(r.stat, r.n_baseline), tail_requests(r.stat, r.n_candidate)) >=
                   min_tail_requests;
      r.verdict = r.judged ? report::judge(r.ci, r.diff, r.diff_pct, h.better, o.min_effect)
                           : report::verdict::within_noise;
      c.rows.push_back(r);
    }
  }
  return c;
}

std::string signed_number(double v) {
  const std::string s = results::format_console_number(v);
  return std::isfinite(v) && v > 0 ? "+" + s : s;
}

std::string verdict_cell(report::verdict v) {
  switch (v) {
    case report::verdict::better: return "better";
    case report::verdict::worse: return "WORSE";
    case report::verdict::within_noise: break;
  }
  return "within noise";
}

std::string render_console(side const& base, comparison const& c, compare_section const& o) {
  std::vector<std::vector<std::string>> rows;
  for (auto const& r : c.rows) {
    const std::string label = fmt::format("{} ({})", r.metric->header, r.metric->unit);
    const bool first = rows.empty() || r.stat == "avg";
    rows.push_back({first ? label : "", std::string(r.stat), results::format_console_number(r.baseline),
                    results::format_console_number(r.candidate), signed_number(r.diff),
                    std::isfinite(r.diff_pct) ? signed_number(r.diff_pct) + "%" : "N/A",
                    fmt::format("[{}, {}]", signed_number(r.ci.low), signed_number(r.ci.high)),
                    r.judged ? verdict_cell(r.verdict) : "too few requests"});
  }
  const std::string level = fmt::format("{:g}%", o.confidence * 100);
  std::string out = "\n" + results::render_table(
                               "NVIDIA AIPerf | Compare",
                               {"Metric", "Stat", "Baseline", "Candidate", "Diff", "Diff %", level + " CI of Diff", "Verdict"},
                               rows);
  auto describe = [](side const& s) {
    return s.multi ? fmt::format("{} ({} runs, {} requests)", s.path, s.runs.size(), s.requests())
                   : fmt::format("{} ({} requests)", s.path, s.requests());
  };
  out += fmt::format("Baseline:  {}\nCandidate: {}\n", describe(base), describe(*c.candidate));
  const bool welch = std::any_of(c.rows.begin(), c.rows.end(), [](row const& r) { return r.method == "welch"; });
  out += welch ? fmt::format("Intervals: Welch t over the runs' values ({} confidence).\n", level)
               : fmt::format("Intervals: bootstrap over requests, {} resamples, seed {} ({} confidence).\n",
                             o.bootstrap, o.seed, level);
  out += fmt::format("Verdict: the interval excludes 0 and the difference is at least {:g}% of the baseline; "
                     "a percentile needs {} requests beyond it on each side.\n",
                     o.min_effect, min_tail_requests);
  if (!c.skipped.empty()) {
    std::string list;
    for (auto const& t : c.skipped) list += (list.empty() ? "" : ", ") + t;
    out += "Not compared (absent from a run): " + list + "\n";
  }
  return out;
}

void append_side_json(std::string& out, side const& s) {
  out += "{\"path\": ";
  aiperf::detail::append_json_string(out, s.path);
  out += ", \"directory\": ";
  aiperf::detail::append_json_string(out, display(s.dir));
  out += fmt::format(", \"kind\": \"{}\", \"runs\": {}, \"requests\": {}", s.multi ? "multi_run" : "run", s.runs.size(),
                     s.requests());
  out += "}";
}

std::string render_json(side const& base, std::vector<comparison> const& all, compare_section const& o) {
  std::string out = "{\n  \"schema_version\": \"1.0\",\n  \"aiperf_version\": ";
  aiperf::detail::append_json_string(out, AIPERF_VERSION_STRING);
  out += ",\n  \"confidence\": ";
  results::append_json_number(out, o.confidence);
  out += fmt::format(",\n  \"bootstrap_resamples\": {},\n  \"seed\": {},\n  \"min_effect_pct\": ", o.bootstrap, o.seed);
  results::append_json_number(out, o.min_effect);
  out += ",\n  \"baseline\": ";
  append_side_json(out, base);
  out += ",\n  \"candidates\": [";
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto const& c = all[i];
    out += i ? ",\n    {" : "\n    {";
    out += "\"run\": ";
    append_side_json(out, *c.candidate);
    out += ",\n     \"metrics\": [";
    for (std::size_t k = 0; k < c.rows.size(); ++k) {
      auto const& r = c.rows[k];
      out += k ? ",\n       {" : "\n       {";
      out += fmt::format("\"tag\": \"{}\", \"header\": \"{}\", \"unit\": \"{}\", \"stat\": \"{}\", \"better\": \"{}\", "
                         "\"method\": \"{}\"",
                         r.metric->tag, r.metric->header, r.metric->unit, r.stat,
                         r.metric->better == better_when::lower ? "lower" : "higher", r.method);
      auto field = [&](std::string_view name, double v) {
        out += fmt::format(", \"{}\": ", name);
        results::append_json_number(out, v);
      };
      field("baseline", r.baseline);
      field("candidate", r.candidate);
      field("diff", r.diff);
      field("diff_pct", r.diff_pct);
      field("ci_low", r.ci.low);
      field("ci_high", r.ci.high);
      field("ci_low_pct", percent(r.ci.low, r.baseline));
      field("ci_high_pct", percent(r.ci.high, r.baseline));
      out += fmt::format(", \"n_baseline\": {}, \"n_candidate\": {}, \"significant\": {}, \"judged\": {}, "
                         "\"verdict\": \"{}\"}}",
                         r.n_baseline, r.n_candidate, r.ci.excludes_zero() ? "true" : "false",
                         r.judged ? "true" : "false", to_string(r.verdict));
    }
    out += "],\n     \"skipped\": [";
    for (std::size_t k = 0; k < c.skipped.size(); ++k) {
      if (k) out += ", ";
      aiperf::detail::append_json_string(out, c.skipped[k]);
    }
    const auto count = [&](report::verdict v) {
      return std::count_if(c.rows.begin(), c.rows.end(), [&](row const& r) { return r.verdict == v; });
    };
    out += fmt::format("],\n     \"summary\": {{\"better\": {}, \"worse\": {}, \"within_noise\": {}}}}}",
                       count(report::verdict::better), count(report::verdict::worse),
                       count(report::verdict::within_noise));
  }
  out += "\n  ]\n}\n";
  return out;
}

}  // namespace

int run_compare(compare_section const& o) {
  const side base = load_side(o.paths.front());
  std::vector<side> candidates;
  for (std::size_t i = 1; i < o.paths.size(); ++i) candidates.push_back(load_side(o.paths[i]));
  std::vector<comparison> all;
  for (std::size_t i = 0; i < candidates.size(); ++i) all.push_back(compare_sides(base, candidates[i], i, o));
  for (auto const& c : all) std::fputs(render_console(base, c, o).c_str(), stdout);

  const fs::path dir = o.output;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) fail(fmt::format("--output: cannot create {} ({})", dir.string(), ec.message()));
  const fs::path file = dir / "compare.json";
  results::write_file_atomically(file, render_json(base, all, o));
  std::printf("\nCompare JSON Export: %s\n", file.string().c_str());

  const bool regression = std::any_of(all.begin(), all.end(), [](comparison const& c) {
    return std::any_of(c.rows.begin(), c.rows.end(), [](row const& r) { return r.verdict == report::verdict::worse; });
  });
  return o.fail_on_regression && regression ? 3 : 0;
}

}  // namespace aiperf::driver
