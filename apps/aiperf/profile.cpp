// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/profile.cpp — `aiperf profile` before the clock starts: the URL, the artifact
// directory, pre-flight checks, the tokenizer, the dataset, the schedules and the run
// configuration; then the endpoint-specific run (run_<endpoint>.cpp).
#include "profile.hpp"

#include "cli/values.hpp"
#include "logger.hpp"
#include "preflight.hpp"
#include "results.hpp"
#include "run_context.hpp"

#include <aiperf/datasets/synthetic.hpp>
#include <aiperf/endpoints/openai_chat.hpp>
#include <aiperf/endpoints/openai_completions.hpp>
#include <aiperf/schedules/concurrency.hpp>
#include <aiperf/schedules/constant.hpp>
#include <aiperf/schedules/gamma.hpp>
#include <aiperf/schedules/poisson.hpp>

#include <fmt/format.h>

#include <cmath>
#include <random>
#include <thread>

namespace aiperf::driver {
namespace {

/// Python's str(float): integral values keep one decimal ("10.0"), others their shortest form.
std::string python_float(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e16) return fmt::format("{:.1f}", v);
  return fmt::format("{}", v);
}

/// AIPerf's descriptive artifact sub-directory (spec measurement §6.1):
/// <model>-<service kind>-<endpoint type>-<stimulus>.
std::string artifact_subdir(profile_options const& o) {
  std::string model = o.endpoint.model_names.empty() ? "model" : o.endpoint.model_names.front();
  for (char& c : model)
    if (c == '/') c = '_';
  if (o.endpoint.model_names.size() > 1) model += "_multi";
  std::string stimulus;
  if (o.loadgen.timing_mode == "request_rate") {
    if (o.loadgen.concurrency) stimulus = fmt::format("concurrency{}-", *o.loadgen.concurrency);
    stimulus += "request_rate" + python_float(o.loadgen.request_rate.value_or(0));
  } else {
    stimulus = fmt::format("concurrency{}", o.loadgen.concurrency.value_or(1));
  }
  return fmt::format("{}-openai-{}-{}", model, o.endpoint.endpoint_type, stimulus);
}

any_schedule make_schedule(phase_plan const& p, std::uint64_t seed) {
  if (p.timing_mode != "request_rate" || p.arrival_pattern == "concurrency_burst")
    return schedules::concurrency{};
  const double rate = p.request_rate.value_or(0);
  if (p.arrival_pattern == "constant") return schedules::constant(rate);
  if (p.arrival_pattern == "gamma") return schedules::gamma(rate, p.arrival_smoothness.value_or(1.0), seed);
  return schedules::poisson(rate, seed);
}

phase_limits make_limits(phase_plan const& p, benchmark_phase phase) {
  phase_limits l;
  l.phase = phase;
  l.concurrency = p.concurrency;
  if (p.request_count) l.request_count = static_cast<std::uint64_t>(*p.request_count);
  if (p.num_sessions) l.session_count = static_cast<std::uint64_t>(*p.num_sessions);
  if (p.duration_s) {
    l.duration_ns = static_cast<std::int64_t>(*p.duration_s * 1e9);
    if (std::isfinite(p.grace_period_s)) l.grace_ns = static_cast<std::int64_t>(p.grace_period_s * 1e9);
  }
  return l;
}

/// The request path for endpoint E: the base URL's path joined with --endpoint or E's
/// default path; the base URL's query string is kept.
template <class E>
std::string request_path(url const& target, profile_options const& o) {
  std::string base = target.path, query;
  if (auto q = base.find('?'); q != std::string::npos) {
    query = base.substr(q);
    base.resize(q);
  }
  std::optional<std::string_view> custom;
  if (o.endpoint.custom_endpoint) custom = *o.endpoint.custom_endpoint;
  return endpoints::join_url_path(base, custom, E::default_path) + query;
}

template <class E>
E make_endpoint(run_context const& ctx) {
  profile_options const& o = *ctx.opts;
  endpoints::endpoint_options eo;
  eo.model = o.endpoint.model_names.front();
  eo.streaming = o.endpoint.streaming;
  eo.use_legacy_max_tokens = o.endpoint.use_legacy_max_tokens;
  eo.extra_inputs_json = o.input.extra_inputs_json.text == "{}" ? "" : o.input.extra_inputs_json.text;
  eo.headers = o.input.headers;
  eo.api_key = o.endpoint.api_key;
  eo.path = request_path<E>(ctx.target, o);
  return E(std::move(eo));
}

}  // namespace

int run_profile(parse_result const& cli) {
  profile_options const& o = cli.options;
  logger& log = logger::get();
  log.set_stream(o.service.log_to_stderr ? stderr : stdout);
  log.set_level(o.service.extra_verbose ? log_level::trace : o.service.verbose ? log_level::debug : parse_log_level(o.service.log_level));

  run_context ctx;
  ctx.cli = &cli;
  ctx.opts = &o;
  if (o.endpoint.urls.size() > 1) throw usage_failure("--url: several URLs (load balancing) are not supported yet by this build");
  try {
    ctx.target = parse_url(url_with_scheme(o.endpoint.urls.front()));
  } catch (std::exception const& e) {
    throw usage_failure(std::string("--url: ") + e.what());
  }

  ctx.artifact_dir = cli.was_set("artifact_dir") ? std::filesystem::path(o.output.artifact_dir)
                                                 : std::filesystem::path(o.output.artifact_dir) / artifact_subdir(o);

  // Tokenizer: --tokenizer, else the model name (a local path or the local Hugging Face cache).
  const std::string tok_spec = o.tokenizer.tokenizer.value_or(o.endpoint.model_names.front());
  try {
    tokenizer_options to;
    to.revision = o.tokenizer.tokenizer_revision;
    to.trust_remote_code = o.tokenizer.tokenizer_trust_remote_code;
    ctx.tok.emplace(load_tokenizer(tok_spec, to));
  } catch (std::exception const& e) {
    // The message lists every path tried; keep it on one line for the error output.
    std::string msg;
    for (char c : std::string_view(e.what())) {
      if (c == '\n') c = ' ';
      if (c == ' ' && !msg.empty() && msg.back() == ' ') continue;
      msg.push_back(c);
    }
    throw usage_failure(msg.find("--tokenizer") == std::string::npos ? "--tokenizer: " + msg : msg);
  }

  record_processor processor(ctx);  // validates --goodput against the metric catalog
  ctx.processor = &processor;

  // Local problems first (cheap, and the user's to fix), then the server; only then is
  // anything written, so a rejected command leaves nothing behind.
  if (auto err = check_reachable(ctx.target, std::chrono::seconds(5))) throw usage_failure(*err);
  if (auto err = prepare_artifact_dir(ctx.artifact_dir)) throw usage_failure(*err);

  if (!log.open_file((ctx.artifact_dir / "logs" / "aiperf.log").string()))
    throw usage_failure("cannot write " + (ctx.artifact_dir / "logs" / "aiperf.log").string());
  for (auto const& w : cli.warnings) log_warning("{}", w);
  if (o.service.ui_type == "dashboard" || o.service.ui_type == "simple")
    log_info("--ui-type {}: this build has no live dashboard or progress bar; progress is logged every 5 s", o.service.ui_type);
  if (o.endpoint.insecure) log_warning("SSL certificate verification is DISABLED - this is insecure and should only be used for testing");
  log_info("aiperf {} | {} | tokenizer {}", version, cli.cli_command, ctx.tok->name());

  ctx.seed = o.input.random_seed ? *o.input.random_seed : std::random_device{}();
  if (!o.input.random_seed) log_info("--random-seed not given; using {}", ctx.seed);

  datasets::synthetic ds;
  ds.isl_mean = o.input.isl;
  ds.isl_stddev = o.input.isl_stddev;
  ds.osl_mean = o.input.osl;
  ds.osl_stddev = o.input.osl_stddev;
  ds.num_entries = static_cast<std::size_t>(o.input.num_dataset_entries);
  if (o.endpoint.model_names.size() > 1) ds.models = o.endpoint.model_names;
  ds.random_model_selection = o.endpoint.model_selection_strategy == "random";
  const auto t0 = std::chrono::steady_clock::now();
  ctx.conversations = ds.build(dataset_context{&*ctx.tok, ctx.seed});
  log_info("Dataset: {} synthetic conversations (ISL {}±{}, OSL {}) built in {:.3f} s", ctx.conversations.size(),
           o.input.isl, o.input.isl_stddev, o.input.osl ? fmt::format("{}", *o.input.osl) : std::string("unset"),
           std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());

  const phase_plan prof = profiling_phase(o);
  const std::optional<phase_plan> warm = warmup_phase(o);
  ctx.profiling_schedule = make_schedule(prof, ctx.seed);
  ctx.bench.target = ctx.target;
  ctx.bench.client.request_timeout = std::chrono::nanoseconds(static_cast<std::int64_t>(o.endpoint.request_timeout_seconds * 1e9));
  ctx.bench.client.verify_tls = !o.endpoint.insecure;
  ctx.bench.client.ca_file = o.endpoint.ca_file;
  ctx.bench.seed = ctx.seed;
  ctx.bench.sampling = sampling_strategy::shuffle;
  ctx.bench.profiling = make_limits(prof, benchmark_phase::profiling);
  if (warm) {
    ctx.bench.warmup = make_limits(*warm, benchmark_phase::warmup);
    ctx.warmup_schedule = make_schedule(*warm, aiperf::detail::derive_seed(ctx.seed, "timing.warmup"));
  }
  std::int64_t workers = o.service.workers > 0 ? o.service.workers : static_cast<std::int64_t>(std::thread::hardware_concurrency());
  workers = std::max<std::int64_t>(1, workers);
  // More shards than concurrency slots would leave shards idle: cap them.
  if (prof.timing_mode != "request_rate" && prof.concurrency) workers = std::min(workers, *prof.concurrency);
  ctx.bench.workers = static_cast<std::uint32_t>(workers);
  log_info("Timing: {} | workers {} | {}", prof.timing_mode == "request_rate"
           ? fmt::format("{} arrivals at {} req/s{}", prof.arrival_pattern, prof.request_rate.value_or(0),
                         prof.concurrency ? fmt::format(", concurrency ceiling {}", *prof.concurrency) : "")
           : fmt::format("concurrency {}", prof.concurrency.value_or(1)),
           workers,
           prof.request_count ? fmt::format("{} requests", *prof.request_count)
           : prof.duration_s ? fmt::format("{} s + {} s grace", *prof.duration_s, prof.grace_period_s)
                             : std::string("until the schedule ends"));

  if (o.endpoint.endpoint_type == "completions") return run_endpoint(make_endpoint<endpoints::openai_completions>(ctx), ctx);
  return run_endpoint(make_endpoint<endpoints::openai_chat>(ctx), ctx);
}

}  // namespace aiperf::driver
