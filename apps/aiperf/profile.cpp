// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/profile.cpp — `aiperf profile`: resolve the command line into the library's terms
// (registry types by name, the full standard metric set, --goodput SLOs, phases, artifact paths),
// run the pre-flight checks, then hand everything to the library's one results pipeline
// (aiperf::execute_benchmark) and print its console report.  No policy is named here: endpoints,
// schedules and datasets come from apps/aiperf/registry.hpp.
#include "profile.hpp"

#include "cli/values.hpp"
#include "logger.hpp"
#include "preflight.hpp"
#include "registry.hpp"
#include "signals.hpp"
#include "telemetry_setup.hpp"

#include <aiperf/detail/checked_time.hpp>
#include <aiperf/metrics/standard.hpp>
#include <aiperf/run.hpp>
#include <aiperf/runner/any_schedule.hpp>
#include <aiperf/schedules/fixed_schedule.hpp>
#include <aiperf/schedules/ramp.hpp>
#include <aiperf/schedules/user_centric.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <cmath>
#include <csignal>
#include <cstdlib>
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
std::string artifact_subdir(profile_options const& o, std::vector<std::int64_t> const& sweep) {
  std::string model = o.endpoint.model_names.empty() ? "model" : o.endpoint.model_names.front();
  for (char& c : model)
    if (c == '/') c = '_';
  if (o.endpoint.model_names.size() > 1) model += "_multi";
  std::string stimulus;
  if (o.loadgen.timing_mode == "fixed_schedule") {
    stimulus = "fixed_schedule";
    if (o.loadgen.concurrency) stimulus = fmt::format("concurrency{}-{}", *o.loadgen.concurrency, stimulus);
  } else if (o.loadgen.timing_mode == "user_centric_rate") {
    stimulus = fmt::format("user_centric-users{}-qps{}", o.loadgen.num_users.value_or(0),
                           python_float(o.loadgen.user_centric_rate.value_or(0)));
  } else if (o.loadgen.timing_mode == "request_rate") {
    if (o.loadgen.concurrency) stimulus = fmt::format("concurrency{}-", *o.loadgen.concurrency);
    stimulus += "request_rate" + python_float(o.loadgen.request_rate.value_or(0));
  } else if (!sweep.empty()) {
    stimulus = "concurrency_sweep";  // load-generation §11.1: concurrency_sweep_10_20_30
    for (auto v : sweep) stimulus += fmt::format("_{}", v);
  } else {
    stimulus = fmt::format("concurrency{}", o.loadgen.concurrency.value_or(1));
  }
  return fmt::format("{}-openai-{}-{}", model, o.endpoint.endpoint_type, stimulus);
}

/// The schedule of a phase: the registered type named by its arrival pattern.
any_schedule make_schedule(phase_plan const& p, std::uint64_t seed) {
  const schedules::schedule_options so{.request_rate = p.request_rate.value_or(0),
                                       .smoothness = p.arrival_smoothness,
                                       .seed = seed};
  any_schedule s = dispatch(schedule_types{}, p.arrival_pattern,
                            [&]<class S>(std::type_identity<S>) { return any_schedule(S::from_options(so)); });
  // --request-rate-ramp-duration (spec §5.2): the same arrivals, played at the ramped rate.
  if (p.request_rate_ramp_s && p.request_rate && p.timing_mode == "request_rate")
    return any_schedule(schedules::rate_ramped<any_schedule>(
        std::move(s), schedules::rate_ramp{.target = *p.request_rate,
                                           .duration_ns = aiperf::detail::seconds_to_ns(*p.request_rate_ramp_s)}));
  return s;
}

phase_limits make_limits(phase_plan const& p, benchmark_phase phase) {
  phase_limits l;
  l.phase = phase;
  l.concurrency = p.concurrency;
  l.prefill_concurrency = p.prefill_concurrency;
  if (p.concurrency_ramp_s && p.concurrency) l.concurrency_ramp_ns = aiperf::detail::seconds_to_ns(*p.concurrency_ramp_s);
  if (p.prefill_concurrency_ramp_s && p.prefill_concurrency)
    l.prefill_concurrency_ramp_ns = aiperf::detail::seconds_to_ns(*p.prefill_concurrency_ramp_s);
  if (p.request_count) l.request_count = static_cast<std::uint64_t>(*p.request_count);
  if (p.num_sessions) l.session_count = static_cast<std::uint64_t>(*p.num_sessions);
  if (p.duration_s) {
    l.duration_ns = aiperf::detail::seconds_to_ns(*p.duration_s);
    if (std::isfinite(p.grace_period_s)) l.grace_ns = aiperf::detail::seconds_to_ns(p.grace_period_s);
  }
  return l;
}

/// The request path for an endpoint whose default is `default_path`: the base URL's path
/// joined with --endpoint or the default; the base URL's query string is kept.
std::string request_path(url const& target, profile_options const& o, std::string_view default_path) {
  std::string base = target.path, query;
  if (auto q = base.find('?'); q != std::string::npos) {
    query = base.substr(q);
    base.resize(q);
  }
  std::optional<std::string_view> custom;
  if (o.endpoint.custom_endpoint) custom = *o.endpoint.custom_endpoint;
  std::string path = endpoints::join_url_path(base, custom, default_path);
  if (path.empty()) path = "/";  // the URL alone (raw, template without --endpoint)
  return path + query;
}

endpoints::endpoint_options endpoint_options_from(profile_options const& o) {
  endpoints::endpoint_options eo;
  eo.model = o.endpoint.model_names.front();
  eo.streaming = o.endpoint.streaming;
  eo.use_legacy_max_tokens = o.endpoint.use_legacy_max_tokens;
  eo.extra_inputs_json = o.input.extra_inputs_json.text == "{}" ? "" : o.input.extra_inputs_json.text;
  eo.headers = o.input.headers;
  eo.api_key = o.endpoint.api_key;
  eo.use_server_token_count = o.endpoint.use_server_token_count;
  return eo;
}

datasets::dataset_options dataset_options_from(profile_options const& o) {
  datasets::dataset_options d;
  d.isl_mean = o.input.isl;
  d.isl_stddev = o.input.isl_stddev;
  d.osl_mean = o.input.osl;
  d.osl_stddev = o.input.osl_stddev;
  d.num_entries = static_cast<std::size_t>(o.input.num_dataset_entries);
  d.turn_mean = static_cast<double>(o.input.conversation_turn_mean);
  d.turn_stddev = static_cast<double>(o.input.conversation_turn_stddev);
  d.turn_delay_mean_ms = o.input.conversation_turn_delay_mean;
  d.turn_delay_stddev_ms = o.input.conversation_turn_delay_stddev;
  d.turn_delay_ratio = o.input.conversation_turn_delay_ratio;
  if (o.endpoint.model_names.size() > 1) d.models = o.endpoint.model_names;
  d.random_model_selection = o.endpoint.model_selection_strategy == "random";
  d.input_file = o.input.input_file.value_or("");
  d.trace.block_size = static_cast<std::size_t>(o.input.isl_block_size.value_or(0));
  if (o.input.fixed_schedule_start_offset) d.trace.start_offset_ms = static_cast<double>(*o.input.fixed_schedule_start_offset);
  if (o.input.fixed_schedule_end_offset) d.trace.end_offset_ms = static_cast<double>(*o.input.fixed_schedule_end_offset);
  d.trace.speedup_ratio = o.input.synthesis_speedup_ratio;
  d.trace.max_isl = o.input.synthesis_max_isl;
  d.trace.max_osl = o.input.synthesis_max_osl;
  d.trace.prefix_len_multiplier = o.input.synthesis_prefix_len_multiplier;
  d.trace.prefix_root_multiplier = o.input.synthesis_prefix_root_multiplier;
  d.trace.prompt_len_multiplier = o.input.synthesis_prompt_len_multiplier;
  if (o.input.conversation_num) d.conversation_num = static_cast<std::size_t>(*o.input.conversation_num);
  d.sequence_distribution = o.input.sequence_distribution.value_or("");
  d.prefix_prompt_pool_size = static_cast<std::size_t>(o.input.prefix_prompt_pool_size);
  d.prefix_prompt_length = static_cast<std::size_t>(o.input.prefix_prompt_length);
  d.batch_size = static_cast<std::size_t>(o.input.batch_size);
  d.rankings = o.endpoint.endpoint_type.find("rankings") != std::string::npos;  // spec §7.2's composer choice
  d.rankings_passages_mean = o.input.rankings_passages_mean;
  d.rankings_passages_stddev = static_cast<double>(o.input.rankings_passages_stddev);
  d.rankings_passage_tokens_mean = o.input.rankings_passages_prompt_token_mean;
  d.rankings_passage_tokens_stddev = static_cast<double>(o.input.rankings_passages_prompt_token_stddev);
  d.rankings_query_tokens_mean = o.input.rankings_query_prompt_token_mean;
  d.rankings_query_tokens_stddev = static_cast<double>(o.input.rankings_query_prompt_token_stddev);
  // Generated only for an endpoint that sends them, so the ISL counts what is on the wire.
  if (endpoint_sends_conversation_context(o.endpoint.endpoint_type)) {
    d.shared_system_prompt_length = static_cast<std::size_t>(o.input.shared_system_prompt_length.value_or(0));
    d.user_context_prompt_length = static_cast<std::size_t>(o.input.user_context_prompt_length.value_or(0));
  }
  return d;
}

/// What the synthetic prompts are made of, for the log: lengths and the context prompts.
std::string synthetic_summary(profile_options const& o, std::vector<conversation> const& convs) {
  auto const& in = o.input;
  std::string out = in.sequence_distribution
                        ? "ISL/OSL from --seq-dist " + datasets::sequence_distribution::parse(*in.sequence_distribution).to_string()
                        : fmt::format("ISL {}±{}, OSL {}", in.isl, in.isl_stddev,
                                      in.osl ? fmt::format("{}", *in.osl) : std::string("unset"));
  if (in.prefix_prompt_length > 0)
    out += fmt::format("; first turns prefixed from a pool of {} x {} tokens", in.prefix_prompt_pool_size,
                       in.prefix_prompt_length);
  if (!convs.empty() && !convs.front().system_message.empty())
    out += fmt::format("; shared system prompt of {} tokens", *in.shared_system_prompt_length);
  if (!convs.empty() && !convs.front().user_context_message.empty())
    out += fmt::format("; a user context of {} tokens per entry", *in.user_context_prompt_length);
  return out;
}

/// The dataset this run uses: --public-dataset, --custom-dataset-type (resolved by the CLI when
/// --input-file is given without it), else synthetic prompts.
std::string_view dataset_name_of(profile_options const& o) {
  if (o.input.public_dataset) return *o.input.public_dataset;
  return o.input.custom_dataset_type ? std::string_view(*o.input.custom_dataset_type) : std::string_view("synthetic");
}

/// A numeric environment setting (spec measurement §13) in [lo, hi], or `fallback` when unset.
double env_setting(char const* name, double fallback, double lo, double hi) {
  char const* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  const double v = std::strtod(text, &end);
  if (*end != '\0' || !(v >= lo && v <= hi))
    throw usage_failure(fmt::format("{}={}: expected a number from {} to {}", name, text, lo, hi));
  return v;
}

/// Whether --extra-inputs asks the server for the full output length: a truthy `ignore_eos` or
/// `min_tokens` (what upstream checks before warning about --osl).
bool extra_inputs_pin_output_length(std::string const& json) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (parser.parse(json).get(obj) != simdjson::SUCCESS) return false;
  for (std::string_view key : {"ignore_eos", "min_tokens"}) {
    simdjson::dom::element v;
    if (obj.at_key(key).get(v) != simdjson::SUCCESS) continue;
    switch (v.type()) {
      case simdjson::dom::element_type::BOOL: if (v.get_bool().value()) return true; break;
      case simdjson::dom::element_type::INT64: if (v.get_int64().value() != 0) return true; break;
      case simdjson::dom::element_type::UINT64: if (v.get_uint64().value() != 0) return true; break;
      case simdjson::dom::element_type::DOUBLE: if (v.get_double().value() != 0) return true; break;
      case simdjson::dom::element_type::STRING: if (!v.get_string().value().empty()) return true; break;
      case simdjson::dom::element_type::ARRAY: if (v.get_array().size() != 0) return true; break;
      case simdjson::dom::element_type::OBJECT: if (v.get_object().size() != 0) return true; break;
      case simdjson::dom::element_type::NULL_VALUE: break;
    }
  }
  return false;
}

std::string one_line(std::string_view text) {
  std::string msg;
  for (char c : text) {
    if (c == '\n') c = ' ';
    if (c == ' ' && !msg.empty() && msg.back() == ' ') continue;
    msg.push_back(c);
  }
  return msg;
}

}  // namespace

std::filesystem::path base_artifact_dir(parse_result const& cli) {
  profile_options const& o = cli.options;
  return cli.was_set("artifact_dir") ? std::filesystem::path(o.output.artifact_dir)
                                     : std::filesystem::path(o.output.artifact_dir) / artifact_subdir(o, cli.sweep_values);
}

int run_profile(parse_result const& cli) {
  profile_options const& o = cli.options;
  logger& log = logger::get();
  log.set_stream(o.service.log_to_stderr ? stderr : stdout);
  log.set_level(o.service.extra_verbose ? log_level::trace : o.service.verbose ? log_level::debug : parse_log_level(o.service.log_level));
  if (o.loadgen.num_profile_runs > 1 || !cli.sweep_values.empty()) return run_repeated(cli);
  return run_single(cli, o, {.artifact_dir = base_artifact_dir(cli), .seed = o.input.random_seed}).code;
}

run_outcome run_single(parse_result const& cli, profile_options const& o, run_setup const& setup) {
  logger& log = logger::get();

  // Several --url: each new session goes to the next one, round robin (spec §8.2).
  std::vector<url> targets;
  for (auto const& u : o.endpoint.urls) {
    try {
      targets.push_back(parse_url(url_with_scheme(u)));
    } catch (std::exception const& e) {
      throw usage_failure("--url " + u + ": " + e.what());
    }
  }
  const url target = targets.front();
  const std::filesystem::path& artifact_dir = setup.artifact_dir;

  // The driver's metrics: every standard one.  The tokenizer is loaded only when the dataset or
  // a metric needs it (output token counts, unless the server's usage counts are used).
  const auto metric_set = metrics::make_standard_metric_set();
  // Embeddings and rankings produce no tokens: no token metrics, no output tokenization.
  const bool produces_tokens = endpoint_produces_tokens(o.endpoint.endpoint_type);
  const std::string_view dataset_name = dataset_name_of(o);
  const bool dataset_tokenizes = dispatch(dataset_types{}, dataset_name, []<class D>(std::type_identity<D>) {
    return aiperf::detail::dataset_needs_tokenizer<D>();
  });
  std::optional<tokenizer> tok;
  if (dataset_tokenizes || (produces_tokens && metric_set.needs_tokenizer(o.endpoint.use_server_token_count))) {
    // --tokenizer, else the model name (a local path or the local Hugging Face cache).
    try {
      tokenizer_options to;
      to.revision = o.tokenizer.tokenizer_revision;
      to.trust_remote_code = o.tokenizer.tokenizer_trust_remote_code;
      tok.emplace(load_tokenizer(o.tokenizer.tokenizer.value_or(o.endpoint.model_names.front()), to));
    } catch (std::exception const& e) {
      // The message lists every path tried; keep it on one line for the error output.
      const std::string msg = one_line(e.what());
      throw usage_failure(msg.find("--tokenizer") == std::string::npos ? "--tokenizer: " + msg : msg);
    }
  }

  results::artifact_paths paths = results::artifact_paths_for({.dir = artifact_dir,
                                                               .export_prefix = o.output.profile_export_prefix,
                                                               .records = o.output.export_level != "summary",
                                                               .log_file = true});
  std::optional<results::collector> collector;
  try {
    metrics::token_counter count;
    if (tok) count = [t = &*tok](std::string_view text) { return t->count(text); };
    collector.emplace(metric_set.evaluator({.streaming = o.endpoint.streaming,
                                            .use_server_token_count = o.endpoint.use_server_token_count,
                                            .produces_tokens = produces_tokens},
                                           std::move(count)),
                      results::collector_options{.streaming = o.endpoint.streaming,
                                                 .produces_tokens = produces_tokens,
                                                 .goodput = o.input.goodput,
                                                 .jsonl_path = paths.jsonl.string(),
                                                 .usage_pct_diff_threshold = env_setting(
                                                     "AIPERF_METRICS_USAGE_PCT_DIFF_THRESHOLD", 10.0, 0.0, 100.0),
                                                 .osl_mismatch_pct_threshold = env_setting(
                                                     "AIPERF_METRICS_OSL_MISMATCH_PCT_THRESHOLD", 5.0, 0.0, 100.0),
                                                 .osl_mismatch_max_token_threshold = env_setting(
                                                     "AIPERF_METRICS_OSL_MISMATCH_MAX_TOKEN_THRESHOLD", 50.0, 1.0, 1e18)});
  } catch (std::invalid_argument const& e) {
    throw usage_failure(e.what());  // an unknown or unusable --goodput metric
  }

  // Local problems first (cheap, and the user's to fix), then the server; only then is
  // anything written, so a rejected command leaves nothing behind.
  const telemetry::session_options telemetry_opts = telemetry_options_from(cli);  // a refused token is a usage error
  for (url const& t : targets)
    if (auto err = check_reachable(t, std::chrono::seconds(5))) throw usage_failure(*err);
  if (auto err = prepare_artifact_dir(artifact_dir)) throw usage_failure(*err);

  log.close();  // the previous run's log, in a multi-run invocation
  if (!log.open_file(paths.log.string())) throw usage_failure("cannot write " + paths.log.string());
  if (!setup.label.empty()) log_info("Profile run {} -> {}", setup.label, artifact_dir.string());
  for (auto const& w : cli.warnings) log_warning("{}", w);
  if (o.service.ui_type == "dashboard" || o.service.ui_type == "simple")
    log_info("--ui-type {}: this build has no live dashboard or progress bar; progress is logged every 5 s", o.service.ui_type);
  if (o.input.osl && !extra_inputs_pin_output_length(o.input.extra_inputs_json.text))
    log_warning(
        "Using --osl without ignore_eos or min_tokens in --extra-inputs. Output sequence length cannot be guaranteed "
        "unless the server honors these parameters. Consider: --extra-inputs ignore_eos:true (generate until "
        "max_tokens) or --extra-inputs min_tokens:<value> (set minimum output length).");
  // Server metrics and GPU telemetry: targets checked now, scraped from just before the first
  // phase to just after the last (their own thread, off the request path).
  telemetry::session telemetry_session(telemetry_opts);
  telemetry_session.check_targets();
  telemetry::session_outputs telemetry_files;
  if (o.endpoint.insecure) log_warning("SSL certificate verification is DISABLED - this is insecure and should only be used for testing");
  log_info("aiperf {} | {} | tokenizer {}", version, cli.cli_command, tok ? tok->name() : std::string("(not needed)"));

  const std::uint64_t seed = setup.seed ? *setup.seed : std::random_device{}();
  if (!setup.seed) log_info("--random-seed not given; using {}", seed);

  // The dataset, then the endpoint's encoding of it (the one per-endpoint step: the registered
  // type encodes every turn, and its response parser is handed to the shards erased).
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<conversation> conversations;
  try {
    conversations = dispatch(dataset_types{}, dataset_name, [&]<class D>(std::type_identity<D>) {
      return D::from_options(dataset_options_from(o))
          .build(dataset_context{tok ? &*tok : nullptr, seed, [](std::string_view line) { log_info("{}", line); }});
    });
  } catch (datasets::trace_error const& e) {
    const std::string flag = o.input.public_dataset ? "--public-dataset " + *o.input.public_dataset : "--input-file";
    throw usage_failure(flag + ": " + e.what());  // nothing was sent
  }
  std::size_t turns = 0;
  for (auto const& c : conversations) turns += c.turns.size();
  if (o.input.input_file || o.input.public_dataset)
    log_info("Dataset: {} conversations, {} turns from {} ({}) built in {:.3f} s", conversations.size(), turns,
             o.input.input_file.value_or(std::string(datasets::public_dataset_cache_dir)), dataset_name,
             std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  else
    log_info("Dataset: {} {} conversations ({}) built in {:.3f} s", conversations.size(), dataset_name,
             synthetic_summary(o, conversations),
             std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  if (conversations.empty()) throw usage_failure("--input-file: no rows left to replay after the offsets and --synthesis-max-isl");
  std::optional<prepared_dataset> prepared;
  std::optional<endpoint_decoder> decoder;
  dispatch(endpoint_types{}, o.endpoint.endpoint_type, [&]<class E>(std::type_identity<E>) {
    endpoints::endpoint_options eo = endpoint_options_from(o);
    eo.path = request_path(target, o, endpoint_default_path<E>(o.endpoint.streaming));
    std::vector<url_route> routes;  // several --url: each server's Host and path
    if (targets.size() > 1)
      for (url const& t : targets)
        routes.push_back({t.host_header(), request_path(t, o, endpoint_default_path<E>(o.endpoint.streaming))});
    // A type may refuse its options (template: no payload_template, or one that does not compile).
    const E endpoint = [&] {
      try {
        return E(std::move(eo));
      } catch (std::invalid_argument const& e) {
        throw usage_failure("--endpoint-type " + o.endpoint.endpoint_type + ": " + e.what());
      }
    }();
    if constexpr (requires { E::sends_max_tokens; }) {
      if (!E::sends_max_tokens &&
          std::any_of(conversations.begin(), conversations.end(), [](conversation const& c) {
            return std::any_of(c.turns.begin(), c.turns.end(), [](turn const& t) { return t.max_tokens >= 0; });
          }))
        log_error("Max_tokens is provided but is not supported for {}.", E::name);
    }
    try {
      prepared.emplace(prepare_dataset(endpoint, std::move(conversations), target.host_header(),
                                       request_identity{.session_header = o.endpoint.session_header},
                                       std::move(routes)));
    } catch (std::invalid_argument const& e) {
      // A dataset the endpoint cannot send (media or messages to completions, audio given as a
      // URL to chat): refused before anything is sent.
      throw usage_failure("--endpoint-type " + o.endpoint.endpoint_type + ": " + e.what());
    }
    decoder.emplace(endpoint);
  });

  // Phases and shards.
  const phase_plan prof = profiling_phase(o);
  const std::optional<phase_plan> warm = warmup_phase(o);
  benchmark_plan plan;
  plan.artifacts = paths;
  plan.info.cli_command = cli.cli_command;
  plan.info.input_config_json = driver::input_config_json(o, cli.set_fields(), cli.cli_command);
  plan.info.seed = seed;
  if (o.output.slice_duration) plan.slice_ns = static_cast<std::int64_t>(*o.output.slice_duration * 1e9);
  generator_config& g = plan.generator;
  g.target = target;
  if (targets.size() > 1) g.targets = targets;
  g.client.request_timeout = std::chrono::nanoseconds(aiperf::detail::seconds_to_ns(o.endpoint.request_timeout_seconds));
  const auto optional_seconds = [](std::optional<double> const& s) {
    return std::chrono::nanoseconds(s ? aiperf::detail::seconds_to_ns(*s) : 0);
  };
  g.client.connect_timeout = optional_seconds(o.endpoint.connect_timeout_seconds);
  g.client.first_byte_timeout = optional_seconds(o.endpoint.first_byte_timeout_seconds);
  g.client.idle_timeout = optional_seconds(o.endpoint.idle_timeout_seconds);
  g.client.verify_tls = !o.endpoint.insecure;
  g.client.ca_file = o.endpoint.ca_file;
  g.client.max_response_bytes = static_cast<std::uint64_t>(o.endpoint.max_response_bytes);
  g.client.max_sse_event_bytes = static_cast<std::size_t>(o.endpoint.max_sse_event_bytes);
  g.seed = seed;
  // AIPerf's defaults: synthetic prompts shuffled, a file's (or public dataset's) rows in file order.
  g.sampling = o.input.dataset_sampling_strategy                ? parse_sampling_strategy(*o.input.dataset_sampling_strategy)
               : o.input.input_file || o.input.public_dataset ? sampling_strategy::sequential
                                                              : sampling_strategy::shuffle;
  g.profiling = make_limits(prof, benchmark_phase::profiling);
  if (o.loadgen.request_cancellation_rate) {  // profiling only (spec §5.8)
    g.profiling.cancel_percent = *o.loadgen.request_cancellation_rate;
    g.profiling.cancel_delay_ns = aiperf::detail::seconds_to_ns(o.loadgen.request_cancellation_delay);
  }
  // Trace replay: the schedule comes from the dataset's timestamps; without another stop
  // condition every conversation of the (offset-filtered) trace is replayed once.
  std::optional<schedules::fixed_schedule> trace_schedule;
  if (prof.timing_mode == "fixed_schedule") {
    try {
      trace_schedule = schedules::fixed_schedule({.auto_offset = !o.input.fixed_schedule_start_offset,
                                                  .start_offset_ms = o.input.fixed_schedule_start_offset})
                           .bind(prepared->conversations);
    } catch (std::invalid_argument const& e) {
      throw usage_failure(std::string("--fixed-schedule: ") + e.what());
    }
    g.profiling.trace_zero_ms = trace_schedule->zero_ms();
    if (!g.profiling.request_count && !g.profiling.session_count) g.profiling.session_count = trace_schedule->size();
  }
  // User-centric rate: users paced from the dataset's average turn count (spec §5.5).
  std::optional<schedules::user_centric> user_schedule;
  if (prof.timing_mode == "user_centric_rate") {
    try {
      user_schedule = schedules::user_centric({.qps = prof.request_rate.value_or(0), .users = prof.num_users.value_or(0)})
                          .bind(prepared->conversations);
    } catch (std::invalid_argument const& e) {
      throw usage_failure(std::string("--user-centric-rate: ") + e.what());
    }
  }
  std::optional<any_schedule> warmup_schedule;
  if (warm) {
    g.warmup = make_limits(*warm, benchmark_phase::warmup);
    warmup_schedule = make_schedule(*warm, aiperf::detail::derive_seed(seed, "timing.warmup"));
  }
  std::int64_t workers = o.service.workers > 0 ? o.service.workers : static_cast<std::int64_t>(std::thread::hardware_concurrency());
  workers = std::max<std::int64_t>(1, workers);
  // More shards than concurrency slots would leave shards idle: cap them.
  if (prof.timing_mode != "request_rate" && prof.concurrency) workers = std::min(workers, *prof.concurrency);
  // A shard without a prefill slot sits the phase out: no more shards than slots either.
  if (prof.prefill_concurrency) workers = std::min(workers, *prof.prefill_concurrency);
  g.workers = static_cast<std::uint32_t>(workers);
  log_info("Timing: {} | workers {} | {}",
           user_schedule ? fmt::format("user-centric: {} users at {} req/s, one turn each per {:.3f} s, {} turns on average",
                                       prof.num_users.value_or(0), prof.request_rate.value_or(0),
                                       static_cast<double>(user_schedule->gap_ns()) / 1e9, user_schedule->turns())
           : trace_schedule ? fmt::format("fixed schedule: {} conversations from trace time {} ms{}", trace_schedule->size(),
                                        trace_schedule->zero_ms(),
                                        prof.concurrency ? fmt::format(", concurrency ceiling {}", *prof.concurrency) : "")
           : prof.timing_mode == "request_rate"
               ? fmt::format("{} arrivals at {} req/s{}", prof.arrival_pattern, prof.request_rate.value_or(0),
                             prof.concurrency ? fmt::format(", concurrency ceiling {}", *prof.concurrency) : "")
               : fmt::format("concurrency {}", prof.concurrency.value_or(1)),
           workers,
           g.profiling.request_count  ? fmt::format("{} requests", *g.profiling.request_count)
           : g.profiling.session_count ? fmt::format("{} sessions", *g.profiling.session_count)
           : prof.duration_s  ? fmt::format("{} s + {} s grace", *prof.duration_s, prof.grace_period_s)
                              : std::string("until the schedule ends"));
  auto log_ramps = [](std::string_view phase, phase_plan const& p, phase_limits const& l) {
    if (l.concurrency_ramp_ns)
      log_info("{}: session concurrency ramp 1 -> {} over {} s", phase, *l.concurrency, *p.concurrency_ramp_s);
    if (l.prefill_concurrency_ramp_ns)
      log_info("{}: prefill concurrency ramp 1 -> {} over {} s", phase, *l.prefill_concurrency,
               *p.prefill_concurrency_ramp_s);
    if (p.request_rate_ramp_s && p.request_rate && p.timing_mode == "request_rate")
      log_info("{}: request rate ramp {:.4g} -> {} req/s over {} s (0.1 s steps)", phase,
               *p.request_rate * 0.1 / *p.request_rate_ramp_s, *p.request_rate, *p.request_rate_ramp_s);
  };
  if (warm) log_ramps("Warmup", *warm, *g.warmup);
  log_ramps("Profiling", prof, g.profiling);

  // Signals: the first drains (for at most --drain-timeout), a second cancels.  Progress every 5 s.
  std::optional<signal_watcher> signals;
  std::int64_t last_progress_ns = steady_ns();
  run_hooks hooks;
  hooks.on_start = [&](run_control& control) {
    signals.emplace(
        [&control, bound = o.loadgen.drain_timeout](int sig) {
          log_warning("{} received: stopping new requests and draining in-flight ones for up to {} s (--drain-timeout; "
                      "press Ctrl+C again to force quit)",
                      sig == SIGTERM ? "SIGTERM" : "SIGINT", bound);
          control.request_stop();
        },
        [&control](int) {
          log_warning("Second signal: cancelling in-flight requests");
          control.cancel();
        },
        std::chrono::nanoseconds(aiperf::detail::seconds_to_ns(o.loadgen.drain_timeout)),
        [&control, bound = o.loadgen.drain_timeout] {
          log_warning("Drain bound reached (--drain-timeout {} s): cancelling the requests still in flight", bound);
          control.cancel();
        });
    telemetry_session.start();
    std::string where = target.to_string();
    for (std::size_t i = 1; i < targets.size(); ++i) where += ", " + targets[i].to_string();
    if (targets.size() > 1) where += " (round robin per session)";
    log_info("aiperf is PROFILING {}", where);
  };
  hooks.on_summary = [&](results::run_summary& s) {
    telemetry_session.stop();
    telemetry_session.attach(s);
    telemetry_files = telemetry_session.write(paths, s);
    for (auto& err : telemetry_files.errors) s.artifact_errors.push_back(std::move(err));
  };
  hooks.on_record = [&](request_record const&) {
    const std::int64_t now = steady_ns();
    if (now - last_progress_ns > 5'000'000'000LL) {
      log_info("Progress: {} requests completed", collector->records());
      last_progress_ns = now;
    }
  };
  const results::run_summary summary =
      execute_benchmark(std::move(plan), *collector, std::move(*decoder), std::move(*prepared),
                        trace_schedule  ? any_schedule(std::move(*trace_schedule))
                        : user_schedule ? any_schedule(std::move(*user_schedule))
                                        : make_schedule(prof, seed),
                        std::move(warmup_schedule), hooks);
  signals.reset();

  // Client self-accounting (PERFORMANCE G10).
  for (std::size_t i = 0; i < summary.info.shards.size(); ++i) {
    auto const& s = summary.info.shards[i];
    const double busy = s.wall_ns > 0 ? 100.0 * static_cast<double>(s.cpu_ns) / static_cast<double>(s.wall_ns) : 0;
    log_info("Client shard {}: {:.3f} s CPU working (pacing spins excluded) over {:.3f} s ({:.1f}% busy){}", i,
             static_cast<double>(s.cpu_ns) / 1e9, static_cast<double>(s.wall_ns) / 1e9, busy,
             busy > 85 ? " -- WARNING: the client may be the bottleneck" : "");
  }
  if (auto const* late = summary.find("send_lateness"); late && late->dist && late->dist->p99 > 1000.0)
    log_warning("Send lateness p99 is {:.1f} us (> 1 ms): the client did not keep its schedule", late->dist->p99);
  if (summary.info.skipped > 0)
    log_warning("Skipped: {} scheduled request(s) found every --concurrency slot busy and were not sent",
                summary.info.skipped);

  std::vector<std::string> lines = results::export_lines(paths);
  for (auto const& f : telemetry_files.files) lines.push_back(std::string(f.label) + ": " + f.path.string());
  const std::string console = results::render_console(summary, lines);
  std::fwrite(console.data(), 1, console.size(), stdout);
  std::fflush(stdout);
  // After the report, never instead of it: one line per file a full disk cut short.
  for (auto const& err : summary.artifact_errors) log_error("{}", err);
  if (!summary.artifact_errors.empty()) return {1, summary};
  if (summary.profiling.ok == 0 && summary.profiling.failed > 0) {
    log_error("All {} inference request(s) failed; no successful responses were collected.", summary.profiling.failed);
    return {1, summary};
  }
  return {0, summary};
}

}  // namespace aiperf::driver
