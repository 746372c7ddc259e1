// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/multi_run.cpp — `aiperf profile --num-profile-runs N` and `--concurrency 10,20,30`
// (spec measurement §6.11, §9.1; load-generation §2.17): the same benchmark run several times,
// each a complete run with its own artifact set, then the Student-t confidence aggregate of each
// group of repeated runs (aiperf/results/multi_run.hpp).
//
// Layout under the invocation's artifact directory <base>:
//   no sweep:              <base>/profile_runs/run_NNNN/          <base>/aggregate/
//   sweep, independent:    <base>/<label>/profile_runs/run_NNNN/  <base>/<label>/aggregate/
//   sweep, repeated:       <base>/profile_runs/trial_NNNN/<label>/profile_runs/run_0001/
//                          <base>/aggregate/<label>/
// where <label> is `concurrency_<value>`.  Independent mode runs every run of one value before
// the next value; repeated mode runs the whole sweep once per trial.
#include "logger.hpp"
#include "profile.hpp"

#include <aiperf/results/multi_run.hpp>
#include <aiperf/results/number_format.hpp>
#include <aiperf/results/stat_keys.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

namespace aiperf::driver {
namespace {

/// The runs of one value of the sweep (or of the whole invocation without a sweep).
struct run_group {
  std::string label;                        // "concurrency_20", "" without a sweep
  std::optional<std::int64_t> concurrency;  // the sweep value
  std::optional<std::uint64_t> seed;
  std::filesystem::path aggregate_dir;
  std::vector<std::string> labels;          // successful runs, in order
  std::vector<results::run_summary> summaries;
  std::vector<results::failed_run> failed;
};

void cool_down(double seconds, std::string_view why) {
  if (seconds <= 0) return;
  log_info("Cooling down {} s {}", seconds, why);
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

/// The end-of-invocation table: every `<tag>_avg` key of the aggregate with its interval.
std::string render_confidence_console(run_group const& g, results::confidence_aggregate const& a) {
  std::string out = fmt::format("\nConfidence over {} of {} runs{} ({:g}% intervals, Student t)\n",
                                a.run_labels.size(), a.options.num_profile_runs,
                                g.label.empty() ? std::string() : " at " + g.label, a.options.confidence_level * 100);
  auto label = [](std::string const& key, std::string const& unit) { return key.substr(0, key.size() - 4) + " (" + unit + ")"; };
  std::size_t width = 12;
  for (auto const& [key, s] : a.metrics)
    if (key.ends_with("_avg")) width = std::max(width, label(key, s.unit).size());
  out += fmt::format("{:<{}} {:>12} {:>12} {:>8} {:>27}\n", "Metric (avg)", width, "mean", "std", "cv", "interval");
  for (auto const& [key, s] : a.metrics) {
    if (!key.ends_with("_avg")) continue;
    out += fmt::format("{:<{}} {:>12} {:>12} {:>8} {:>27}\n", label(key, s.unit), width,
                       results::format_console_number(s.mean), results::format_console_number(s.std),
                       std::isfinite(s.cv) ? fmt::format("{:.4f}", s.cv) : std::string("inf"),
                       fmt::format("[{}, {}]", results::format_console_number(s.ci_low),
                                   results::format_console_number(s.ci_high)));
  }
  for (auto const& f : a.failed) out += fmt::format("Failed run {}: {}\n", f.label, f.error);
  out += fmt::format("Aggregate JSON: {}\nAggregate CSV: {}\n",
                     (g.aggregate_dir / "profile_export_aiperf_aggregate.json").string(),
                     (g.aggregate_dir / "profile_export_aiperf_aggregate.csv").string());
  return out;
}

/// Adaptive convergence (spec §9.1): true once the group ran at least min(3, N) times and the
/// spread of --convergence-stat of --convergence-metric over its runs is below the threshold:
/// ci_width = (ci_high - ci_low) / |mean|, cv = std / |mean|.
bool has_converged(run_group const& g, std::size_t attempted, loadgen_section const& lg) {
  if (!lg.convergence_metric || attempted < std::min<std::size_t>(3, static_cast<std::size_t>(lg.num_profile_runs)))
    return false;
  std::vector<double> values;
  for (auto const& s : g.summaries)
    if (auto const* m = s.find(*lg.convergence_metric))
      if (auto v = results::stat_value(*m, lg.convergence_stat); v && std::isfinite(*v)) values.push_back(*v);
  if (values.size() < 2) return false;
  const results::confidence_stats st = results::confidence_of(values, lg.confidence_level);
  if (st.mean == 0) return false;
  const bool cv_mode = lg.convergence_mode == "cv";
  const double measure = cv_mode ? st.std / std::fabs(st.mean) : (st.ci_high - st.ci_low) / std::fabs(st.mean);
  const double threshold = lg.convergence_threshold.value_or(cv_mode ? 0.05 : 0.10);
  log_info("Convergence{}: {}_{} {} = {:.4f} after {} runs (threshold {})", g.label.empty() ? "" : " of " + g.label,
           *lg.convergence_metric, lg.convergence_stat, lg.convergence_mode, measure, values.size(), threshold);
  return measure < threshold;
}

}  // namespace

int run_repeated(parse_result const& cli) {
  auto const& lg = cli.options.loadgen;
  const std::filesystem::path base = base_artifact_dir(cli);
  const auto runs = static_cast<std::size_t>(lg.num_profile_runs);
  const bool sweep = !cli.sweep_values.empty();
  const bool repeated_mode = sweep && lg.parameter_sweep_mode == "repeated";

  // Spec §9.1: without --random-seed every run uses 42, so all runs replay the same workload.
  std::optional<std::uint64_t> seed = cli.options.input.random_seed;
  if (!seed && runs > 1 && lg.set_consistent_seed) {
    seed = 42;
    log_info("Multi-run: --random-seed not given; every run uses seed 42 (--set-consistent-seed)");
  }
  if (runs > 1 && cli.options.service.ui_type.empty())
    log_info("Multi-run mode: UI automatically set to 'simple' (use '--ui none' to disable UI output)");

  std::vector<run_group> groups;
  if (!sweep) {
    groups.push_back({.seed = seed, .aggregate_dir = base / "aggregate"});
  } else {
    for (std::size_t i = 0; i < cli.sweep_values.size(); ++i) {
      run_group g;
      g.concurrency = cli.sweep_values[i];
      g.label = fmt::format("concurrency_{}", *g.concurrency);
      // Each value its own seed unless --parameter-sweep-same-seed (a random seed stays random).
      if (seed) g.seed = lg.parameter_sweep_same_seed ? *seed : *seed + i;
      g.aggregate_dir = repeated_mode ? base / "aggregate" / g.label : base / g.label / "aggregate";
      groups.push_back(std::move(g));
    }
  }

  bool stopped = false;
  bool first_overall = true;
  auto run_one = [&](run_group& g, std::size_t r) {
    const std::string run_label = fmt::format("run_{:04}", r + 1);
    const std::filesystem::path dir =
        !sweep          ? base / "profile_runs" / run_label
        : repeated_mode ? base / "profile_runs" / fmt::format("trial_{:04}", r + 1) / g.label / "profile_runs" / "run_0001"
                        : base / g.label / "profile_runs" / run_label;
    profile_options o = cli.options;
    if (g.concurrency) o.loadgen.concurrency = g.concurrency;
    if (r > 0 && lg.profile_run_disable_warmup_after_first) {  // warm up before the first run only
      o.loadgen.warmup_request_count = 0;
      o.loadgen.warmup_duration.reset();
      o.loadgen.num_warmup_sessions.reset();
    }
    const std::string shown = g.label.empty() ? run_label : g.label + " " + run_label;
    log_info("Starting profile run {} ({} of {})", shown, r + 1, runs);
    try {
      run_outcome out = run_single(cli, o, {.artifact_dir = dir, .seed = g.seed, .label = shown});
      if (out.summary && out.summary->info.was_cancelled) stopped = true;
      if (out.code != 0 || !out.summary) {
        g.failed.push_back({run_label, "all requests failed"});
      } else {
        g.labels.push_back(run_label);
        g.summaries.push_back(std::move(*out.summary));
      }
    } catch (usage_failure const& e) {
      if (first_overall) throw;  // nothing ran yet: the command line or the set-up is wrong
      log_error("Profile run {} failed: {}", shown, e.what());
      g.failed.push_back({run_label, e.what()});
    } catch (std::exception const& e) {
      log_error("Profile run {} failed: {}", shown, e.what());
      g.failed.push_back({run_label, e.what()});
    }
    first_overall = false;
  };

  auto converged = [&](run_group const& g, std::size_t attempted) {
    const bool done = has_converged(g, attempted, lg);
    if (done) log_info("Converged after {} of {} runs; the remaining runs are skipped", attempted, runs);
    return done;
  };
  if (repeated_mode) {
    for (std::size_t r = 0; r < runs && !stopped; ++r) {
      if (r > 0) cool_down(lg.profile_run_cooldown_seconds, "between trials");
      for (std::size_t v = 0; v < groups.size() && !stopped; ++v) {
        if (v > 0) cool_down(lg.parameter_sweep_cooldown_seconds, "between sweep values");
        run_one(groups[v], r);
      }
      // The trials stop when every value has converged.
      if (std::all_of(groups.begin(), groups.end(), [&](run_group const& g) { return converged(g, r + 1); })) break;
    }
  } else {
    for (std::size_t v = 0; v < groups.size() && !stopped; ++v) {
      if (v > 0) cool_down(lg.parameter_sweep_cooldown_seconds, "between sweep values");
      for (std::size_t r = 0; r < runs && !stopped; ++r) {
        if (r > 0) cool_down(lg.profile_run_cooldown_seconds, "between profile runs");
        run_one(groups[v], r);
        if (converged(groups[v], r + 1)) break;
      }
    }
  }
  if (stopped) log_warning("Interrupted: the remaining runs were not started; aggregating the completed ones");

  int code = 0;
  for (run_group const& g : groups) {
    if (g.summaries.empty()) {
      log_error("All runs{} failed - cannot compute confidence statistics", g.label.empty() ? "" : " of " + g.label);
      code = 1;
      continue;
    }
    if (runs < 2) continue;  // a plain sweep: each value's run is its own result
    std::vector<results::labelled_run> ok;
    for (std::size_t i = 0; i < g.summaries.size(); ++i) ok.push_back({g.labels[i], &g.summaries[i].profiling});
    const results::confidence_aggregate a =
        results::aggregate_runs(ok, g.failed,
                                {.num_profile_runs = g.summaries.size() + g.failed.size(),
                                 .confidence_level = lg.confidence_level,
                                 .cooldown_seconds = lg.profile_run_cooldown_seconds});
    results::write_aggregate_artifacts(a, g.aggregate_dir);
    const std::string console = render_confidence_console(g, a);
    std::fwrite(console.data(), 1, console.size(), stdout);
  }
  std::fflush(stdout);
  return code;
}

}  // namespace aiperf::driver
