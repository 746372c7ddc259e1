// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/cli.cpp — the `aiperf` command line on CLI11 (see cli.hpp).  The only file
// that includes CLI11: flags are registered from the option declarations (options.hpp), CLI11
// matches names and collects the raw strings, values.hpp converts them.
#include "cli.hpp"

#include "docs.hpp"
#include "plugins.hpp"
#include "unsupported.hpp"
#include "values.hpp"

#include <aiperf/config.hpp>
#include <aiperf/datasets/sequence_distribution.hpp>
#include <aiperf/datasets/trace_file.hpp>
#include <aiperf/detail/ascii.hpp>
#include <aiperf/transport/http_request.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <fstream>
#include <type_traits>
#include <utility>

namespace aiperf::driver {
namespace cli_detail {

std::string unsupported_footer() {
  return std::to_string(std::size(unsupported_profile_options)) +
         " further AIPerf options are recognised but not supported yet by this build "
         "(they stop with an error); see docs/cli-options.md.";
}

namespace {

std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

cli_exit usage_error(std::string const& message) { return cli_exit{1, {}, "aiperf: error: " + one_line(message) + "\n"}; }

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(previous, current);
  }
  return previous[b.size()];
}

/// Every long flag `aiperf profile` knows (supported or not), for "did you mean".
std::vector<std::string> known_profile_flags() {
  std::vector<std::string> out;
  for_each_option([&](std::string_view, option_meta const& meta) {
    for (auto name : split(meta.names, ','))
      if (name.starts_with("--")) out.emplace_back(name);
  });
  for (auto const& unsupported : unsupported_profile_options)
    for (auto name : split(unsupported.names, ','))
      if (name.starts_with("--")) out.emplace_back(name);
  out.emplace_back("--help");
  out.emplace_back("--version");
  return out;
}

/// Every long flag a command with its own option section (analyze-trace, synthesize-trace) knows.
template <class Section>
std::vector<std::string> known_section_flags() {
  std::vector<std::string> out;
  for_each_section_option<Section>([&](option_meta const& meta) {
    for (auto name : split(meta.names, ','))
      if (name.starts_with("--")) out.emplace_back(name);
  });
  out.emplace_back("--help");
  return out;
}

std::string did_you_mean(std::string_view unknown, std::vector<std::string> const& known_flags) {
  auto const name = unknown.substr(0, unknown.find('='));
  std::string best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (auto const& known : known_flags) {
    auto const distance = edit_distance(name, known);
    if (distance < best_distance) best_distance = distance, best = known;
  }
  // A typo is a few edits; anything further is a different word.
  if (best_distance <= std::max<std::size_t>(2, name.size() / 5)) return " (did you mean '" + best + "'?)";
  return {};
}

bool is_unsupported_flag(std::string_view token, std::string& which) {
  if (!token.starts_with('-') || token == "-" || token == "--") return false;
  auto const name = token.substr(0, token.find('='));
  for (auto const& unsupported : unsupported_profile_options)
    for (auto spelling : split(unsupported.names, ',')) {
      // Short forms may carry their value attached ("-b4").
      if (name == spelling || (spelling.size() == 2 && !token.starts_with("--") && token.starts_with(spelling))) {
        which = std::string(spelling);
        return true;
      }
    }
  return false;
}

/// Registers one declared option on `command`: a flag or an option taking one value (several for
/// lists), with its placeholder, shown default and help group.
template <class Value>
CLI::Option* add_declared_option(CLI::App* command, option_meta const& meta, Value const& default_value) {
  CLI::Option* option = nullptr;
  if constexpr (std::is_same_v<Value, bool>) {
    std::string const help(meta.help);  // CLI11 2.1 takes a flag's description only as a const lvalue
    option = command->add_flag(std::string(meta.names), help);
    option->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  } else {
    option = command->add_option(std::string(meta.names), CLI::callback_t{}, std::string(meta.help));
    if constexpr (takes_several_values<Value>)
      option->expected(meta.value_optional ? 0 : 1, CLI::detail::expected_max_vector_size)
          ->allow_extra_args()
          ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    else
      option->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    option->type_name(placeholder<Value>(meta));
    auto const shown_default = display(default_value);
    if (!shown_default.empty() && meta.redact != option_redact::secret) option->default_str(shown_default);
  }
  option->group(std::string(meta.group));
  return option;
}

/// Converts the value(s) `option` collected into `member`; false when the option was not given.
template <class Member>
bool convert_given(CLI::Option const* option, option_meta const& meta, Member& member) {
  if (option->count() == 0) return false;
  raw_option const raw{primary_flag(meta.names), option->results(), option->count()};
  convert(meta, raw, member);
  return true;
}

/// The CLI11 application with every option registered from the declarations.
struct cli_app {
  CLI::App app{std::string(program_description), "aiperf"};
  CLI::App* profile = nullptr;
  CLI::App* plugins = nullptr;
  CLI::App* analyze_trace = nullptr;
  CLI::App* synthesize_trace = nullptr;
  CLI::App* compare = nullptr;
  CLI::Option* help_markdown = nullptr;
  std::vector<CLI::Option*> options;  // one per flag-bearing option, in declaration order
  std::vector<CLI::Option*> analyze_trace_options;  // one per analyze_trace_section member
  std::vector<CLI::Option*> synthesize_trace_options;  // one per synthesize_trace_section member
  std::vector<CLI::Option*> compare_options;           // one per compare_section member
  std::vector<std::pair<std::string_view, CLI::App*>> others;
  std::string plugins_category;

  cli_app() {
    app.set_version_flag("--version", std::string("aiperf ") + AIPERF_VERSION_STRING, "Print the version and exit.");
    app.set_help_flag("-h,--help", "Print this help and exit.");
    app.footer("Run 'aiperf profile --help' for the benchmark options.");
    profile = app.add_subcommand("profile", std::string(profile_description));
    profile->set_help_flag("-h,--help", "Print this help and exit.");
    profile->footer(unsupported_footer());
    profile_options const defaults{};
    for_each_option(
        [&](std::string_view, option_meta const& meta, auto const& default_value) {
          if (!meta.resolved) options.push_back(add_declared_option(profile, meta, default_value));
        },
        defaults);
    // Hidden: regenerate docs/cli-options.md from the same declarations.
    std::string const markdown_help = "Print docs/cli-options.md";
    help_markdown = profile->add_flag("--help-markdown", markdown_help)->group("");

    plugins = app.add_subcommand("plugins", std::string(plugins_description));
    plugins->set_help_flag("-h,--help", "Print this help and exit.");
    std::string categories;
    for (auto category : plugin_categories()) categories += (categories.empty() ? "" : ", ") + std::string(category);
    plugins->add_option("category", plugins_category, "Only this category: " + categories + ".");

    analyze_trace = add_section_command<analyze_trace_section>(
        "analyze-trace", analyze_trace_description,
        "aiperf analyze-trace trace.jsonl --block-size 512 --output-file report.json", analyze_trace_options);
    synthesize_trace = add_section_command<synthesize_trace_section>(
        "synthesize-trace", synthesize_trace_description,
        "aiperf synthesize-trace trace.jsonl synth.jsonl --prefix-len-multiplier 2", synthesize_trace_options);
    synthesize_trace->alias("synthesize");
    compare = add_section_command<compare_section>(
        "compare", compare_description,
        "aiperf compare artifacts/baseline artifacts/candidate --output artifacts/compare", compare_options);

    for (auto const& [name, about] : other_commands) {
      auto* sub = app.add_subcommand(std::string(name), std::string(about) + " (not implemented yet in this build)");
      sub->prefix_command();  // take everything after it verbatim: the command answers "not implemented"
      sub->set_help_flag();
      others.emplace_back(name, sub);
    }
  }

  /// A command with its own option section (analyze-trace, synthesize-trace): every option
  /// registered from the declarations, in order, into `registered`.
  template <class Section>
  CLI::App* add_section_command(std::string_view name, std::string_view description, std::string_view example,
                                std::vector<CLI::Option*>& registered) {
    CLI::App* sub = app.add_subcommand(std::string(name), std::string(description));
    sub->set_help_flag("-h,--help", "Print this help and exit.");
    sub->footer("Example: " + std::string(example));
    Section const defaults{};
    for_each_section_option<Section>(
        [&](option_meta const& meta, auto const& default_value) {
          registered.push_back(add_declared_option(sub, meta, default_value));
        },
        defaults);
    return sub;
  }
};

/// --seq-dist reads as a mixture (a prompt-config check in AIPerf: before the cross-flag rules).
void check_sequence_distribution(input_section const& input) {
  if (!input.sequence_distribution) return;
  try {
    (void)datasets::sequence_distribution::parse(*input.sequence_distribution);
  } catch (std::invalid_argument const& e) {
    throw cli_error(std::string("Invalid sequence distribution format: ") + e.what());
  }
}

/// §3.3 rules of the synthetic context prompts (prefix pool, shared system, user context), and
/// one warning for each way they would silently do nothing.
void check_prompt_context_options(parse_result& r) {
  auto& input = r.options.input;
  bool const context = input.shared_system_prompt_length || input.user_context_prompt_length;
  if (input.user_context_prompt_length && !r.was_set("num_dataset_entries"))
    throw cli_error("--user-context-prompt-length requires --num-dataset-entries to be specified. Each dataset entry "
                    "needs a unique user context prompt, so the number of dataset entries must be defined.");
  if (context && (input.prefix_prompt_length > 0 || input.prefix_prompt_pool_size > 0))
    throw cli_error("Cannot use both `--shared-system-prompt-length`/`--user-context-prompt-length` and "
                    "`--prefix-prompt-length`/`--prefix-prompt-pool-size`. These are mutually exclusive prompt "
                    "configuration modes.");
  bool const any = context || input.sequence_distribution || input.prefix_prompt_length > 0 ||
                   input.prefix_prompt_pool_size > 0;
  if (any && (input.input_file || input.public_dataset)) {
    r.warnings.push_back("--seq-dist and the prefix, shared-system and user-context prompt options shape synthetic "
                         "prompts only: they have no effect with --input-file or --public-dataset");
    return;
  }
  if (input.prefix_prompt_length > 0 && input.prefix_prompt_pool_size == 0)
    throw cli_error("Attempted to sample a prefix prompt but the prefix prompts pool is empty. Please ensure that the "
                    "prefix prompts pool is initialized. (--prefix-prompt-length " +
                    std::to_string(input.prefix_prompt_length) + " needs --prefix-prompt-pool-size of at least 1)");
  if (input.prefix_prompt_pool_size > 0 && input.prefix_prompt_length == 0)
    r.warnings.push_back("--prefix-prompt-pool-size has no effect without --prefix-prompt-length");
  auto const& type = r.options.endpoint.endpoint_type;
  if (context && !endpoint_sends_conversation_context(type))
    r.warnings.push_back("--endpoint-type " + type + " sends only the prompt: no system or user-context prompt "
                         "is generated (--shared-system-prompt-length, --user-context-prompt-length)");
}

/// §3.3 rules of the rankings options, and --streaming with an endpoint type that cannot stream.
void check_endpoint_options(parse_result& r) {
  auto& endpoint = r.options.endpoint;
  auto const& type = endpoint.endpoint_type;
  std::string rankings_types;
  for (std::string_view name : names_of(endpoint_types{}))
    if (name.find("rankings") != std::string_view::npos)
      rankings_types.append(rankings_types.empty() ? "" : ", ").append(name);
  bool const rankings_endpoint = type.find("rankings") != std::string::npos;
  static constexpr std::string_view rankings_fields[] = {
      "rankings_passages_mean",           "rankings_passages_stddev",        "rankings_passages_prompt_token_mean",
      "rankings_passages_prompt_token_stddev", "rankings_query_prompt_token_mean", "rankings_query_prompt_token_stddev"};
  bool rankings_options = false;
  for (std::string_view field : rankings_fields) rankings_options = rankings_options || r.was_set(field);
  static constexpr std::string_view rankings_flags =
      "`--rankings-passages-mean`, `--rankings-passages-stddev`, `--rankings-passages-prompt-token-mean`, "
      "`--rankings-passages-prompt-token-stddev`, `--rankings-query-prompt-token-mean`, "
      "`--rankings-query-prompt-token-stddev`";
  if (rankings_options && !rankings_endpoint)
    throw cli_error("Rankings-specific options (" + std::string(rankings_flags) +
                    ") can only be used with rankings endpoint types Rankings endpoints: (" + rankings_types + ").");
  if ((r.was_set("isl") || r.was_set("isl_stddev")) && (rankings_options || rankings_endpoint))
    throw cli_error("The `--prompt-input-tokens-mean`/`--prompt-input-tokens-stddev` options cannot be used together "
                    "with rankings-specific token options or the rankings endpointsRanking options: (" +
                    std::string(rankings_flags) + "). Rankings endpoints: (" + rankings_types +
                    ").Please use only one set of options.");
  if (rankings_endpoint && r.was_set("batch_size"))
    r.warnings.push_back("--batch-size has no effect with --endpoint-type " + type +
                         ": a rankings request sends one query and its passages (--rankings-passages-mean)");
  if (endpoint.streaming && !endpoint_supports_streaming(type)) {
    r.warnings.push_back("--streaming is ignored: --endpoint-type " + type + " does not stream");
    endpoint.streaming = false;
  }
}

/// The values given to a command registered by add_section_command, converted into its section.
template <class Section>
Section convert_section(std::vector<CLI::Option*> const& registered) {
  Section section;
  std::size_t next_option = 0;
  for_each_section_option<Section>(
      [&](option_meta const& meta, auto& member) { convert_given(registered[next_option++], meta, member); }, section);
  return section;
}

/// §3 / §4 validation and timing-mode resolution on converted options.
/// Spec §3.2 / §4.3: a rate ramp needs a paced rate (not fixed schedule, user-centric or burst);
/// a concurrency ramp without the limit it ramps has no effect (AIPerf ignores it; we say so).
void check_ramps(parse_result& r, bool warmup) {
  auto const& loadgen = r.options.loadgen;
  if (loadgen.request_rate_ramp_duration && loadgen.timing_mode != "request_rate")
    throw cli_error(std::string("--request-rate-ramp-duration can only be used with --request-rate scheduling.") +
                    (loadgen.timing_mode == "fixed_schedule"      ? " It cannot be used with --fixed-schedule."
                     : loadgen.timing_mode == "user_centric_rate" ? " It cannot be used with --user-centric-rate."
                                                                  : ""));
  auto no_effect = [&](std::string const& flag, std::string const& limit) {
    r.warnings.push_back(flag + " has no effect without " + limit + ": there is no limit to ramp");
  };
  if (loadgen.concurrency_ramp_duration && !loadgen.concurrency) no_effect("--concurrency-ramp-duration", "--concurrency");
  if (loadgen.prefill_concurrency_ramp_duration && !loadgen.prefill_concurrency)
    no_effect("--prefill-concurrency-ramp-duration", "--prefill-concurrency");
  if (!warmup) return;
  auto const plan = warmup_phase(r.options);
  if (!plan) return;
  if (loadgen.warmup_request_rate_ramp_duration && plan->timing_mode != "request_rate")
    throw cli_error("--warmup-request-rate-ramp-duration can only be used with --request-rate scheduling (the "
                    "warmup paces --warmup-request-rate, else --request-rate).");
  if (loadgen.warmup_concurrency_ramp_duration && !plan->concurrency)
    no_effect("--warmup-concurrency-ramp-duration", "a warmup concurrency (--warmup-concurrency or --concurrency)");
  if (loadgen.warmup_prefill_concurrency_ramp_duration && !plan->prefill_concurrency)
    no_effect("--warmup-prefill-concurrency-ramp-duration",
              "a warmup prefill concurrency (--warmup-prefill-concurrency or --prefill-concurrency)");
}

/// Spec §2.17 / §3: repeated runs and --concurrency sweeps, and the flags that only mean
/// something with them.
void check_multi_run_options(parse_result& r) {
  auto const& loadgen = r.options.loadgen;
  auto const set = [&](std::string_view field) { return r.was_set(field); };
  if (loadgen.num_profile_runs > 10)
    throw cli_error("--num-profile-runs: must be between 1 and 10, got " + std::to_string(loadgen.num_profile_runs));
  if (loadgen.confidence_level >= 1.0)
    throw cli_error("--confidence-level: must be strictly between 0 and 1, got " +
                    cli_detail::display(loadgen.confidence_level));
  if (loadgen.num_profile_runs == 1) {
    if (set("confidence_level"))
      throw cli_error("--confidence-level only applies when running multiple trials (--num-profile-runs > 1). "
                      "Confidence intervals require at least 2 runs to compute. Either remove --confidence-level or "
                      "add --num-profile-runs 5 (or higher).");
    for (std::string_view field :
         {"profile_run_disable_warmup_after_first", "profile_run_cooldown_seconds", "set_consistent_seed"})
      if (set(field)) {
        const std::string flag = primary_flag(find_option_meta(field)->names);
        throw cli_error(flag + " only applies when --num-profile-runs > 1. Remove " + flag +
                        " or increase --num-profile-runs.");
      }
  }
  // Adaptive convergence (spec §3 messages).
  if (loadgen.convergence_metric && loadgen.num_profile_runs == 1)
    throw cli_error("--convergence-metric only applies when --num-profile-runs > 1. Remove --convergence-metric or "
                    "increase --num-profile-runs.");
  if (!loadgen.convergence_metric)
    for (std::string_view field : {"convergence_stat", "convergence_threshold", "convergence_mode"})
      if (set(field)) {
        const std::string flag = primary_flag(find_option_meta(field)->names);
        throw cli_error(flag + " requires --convergence-metric to be set. Either add --convergence-metric or remove " +
                        flag + ".");
      }
  if (loadgen.convergence_threshold && *loadgen.convergence_threshold >= 1.0)
    throw cli_error("--convergence-threshold: must be strictly between 0 and 1, got " +
                    cli_detail::display(*loadgen.convergence_threshold));
  if (r.sweep_values.empty()) {
    for (std::string_view field : {"parameter_sweep_mode", "parameter_sweep_cooldown_seconds", "parameter_sweep_same_seed"})
      if (set(field)) {
        const std::string flag = primary_flag(find_option_meta(field)->names);
        throw cli_error(flag + " only applies when sweeping parameters (e.g., --concurrency 10,20,30). Remove " + flag +
                        " or give --concurrency a list of values.");
      }
  } else if (r.options.input.fixed_schedule) {
    throw cli_error("Parameter sweeps (e.g., --concurrency 10,20,30) cannot be used with --fixed-schedule mode. Fixed "
                    "schedule replays exact timing patterns from trace files, which is incompatible with varying "
                    "parameter values. Use a single parameter value or remove --fixed-schedule.");
  }
  if ((loadgen.num_profile_runs > 1 || !r.sweep_values.empty()) && r.options.service.ui_type == "dashboard")
    throw cli_error("Dashboard UI is not supported with multi-run mode (--num-profile-runs > 1) due to terminal control "
                    "limitations. Please use '--ui simple' or '--ui none' instead.");
}

void resolve_and_validate(parse_result& r) {
  auto& endpoint = r.options.endpoint;
  auto& input = r.options.input;
  auto& loadgen = r.options.loadgen;
  auto& service = r.options.service;
  auto const set = [&](std::string_view field) { return r.was_set(field); };

  if (endpoint.model_names.empty())
    throw cli_error("--model is required: name the model(s) to benchmark with -m/--model <name>");
  for (auto const& url : endpoint.urls) check_url(url);
  if (endpoint.custom_endpoint && endpoint.custom_endpoint->find_first_of(" \t\r\n") != std::string::npos)
    throw cli_error("--custom-endpoint: '" + *endpoint.custom_endpoint + "' must not contain whitespace");
  if (endpoint.api_key && endpoint.api_key->find_first_of("\r\n") != std::string::npos)
    throw cli_error("--api-key: the key contains a line break");
  if (endpoint.session_header.empty() ||
      !std::all_of(endpoint.session_header.begin(), endpoint.session_header.end(), aiperf::detail::is_tchar))
    throw cli_error("--session-header: '" + endpoint.session_header + "' is not a valid HTTP header name");
  if (!endpoint.ca_file.empty()) {
    std::ifstream file(endpoint.ca_file);
    if (!file) throw cli_error("--ca-file: cannot read '" + endpoint.ca_file + "'");
  }
  if (r.options.output.artifact_dir.empty())
    throw cli_error("--output-artifact-dir: expected a directory, got an empty value");
  if (r.options.tokenizer.tokenizer && r.options.tokenizer.tokenizer->empty())
    throw cli_error("--tokenizer: expected a name or path, got an empty value");

  check_sequence_distribution(input);

  if (service.extra_verbose) service.verbose = true;
  if (service.extra_verbose) service.log_level = "trace";
  else if (service.verbose) service.log_level = "debug";

  if (endpoint.insecure)
    r.warnings.push_back(
        "TLS certificate verification is DISABLED (--insecure): https:// servers are not authenticated and "
        "the API key may be sent to an impostor");

  // ---- §3.1 input file, dataset type, fixed schedule ----
  if (input.public_dataset && input.custom_dataset_type)
    throw cli_error("The --public-dataset and --custom-dataset-type options cannot be set together");
  if (input.custom_dataset_type && !input.input_file)
    throw cli_error("Custom dataset type requires --input-file to be provided");
  if (input.fixed_schedule && !input.input_file) throw cli_error("Fixed schedule requires a file to be provided");
  if (input.fixed_schedule_start_offset && input.fixed_schedule_auto_offset)
    throw cli_error("The --fixed-schedule-start-offset and --fixed-schedule-auto-offset options cannot be used together");
  if (input.fixed_schedule_start_offset && input.fixed_schedule_end_offset &&
      *input.fixed_schedule_start_offset > *input.fixed_schedule_end_offset)
    throw cli_error("The --fixed-schedule-start-offset must be less than or equal to the --fixed-schedule-end-offset");
  bool is_trace = false;
  std::error_code ec;
  if (input.input_file && (input.input_file->empty() || !std::filesystem::exists(*input.input_file, ec)))
    throw cli_error("--input-file: '" + *input.input_file + "' is not a valid file or directory");
  if (input.public_dataset) {
    // Read from a local copy only: without one, one line says where to put it (nothing is downloaded).
    datasets::dataset_options where;
    where.input_file = input.input_file.value_or("");
    try {
      dispatch(public_dataset_types{}, *input.public_dataset,
               [&]<class D>(std::type_identity<D>) { (void)D::from_options(where).locate(); });
    } catch (datasets::trace_error const& e) {
      throw cli_error("--public-dataset " + *input.public_dataset + ": " + e.what());
    }
  } else if (input.input_file) {
    const std::filesystem::path file(*input.input_file);
    if (std::filesystem::is_directory(file, ec)) {
      const auto readers = directory_readers_of(file_dataset_types{});
      if (!input.custom_dataset_type ||
          std::find(readers.begin(), readers.end(), *input.custom_dataset_type) == readers.end())
        throw cli_error("--input-file: '" + *input.input_file + "' is a directory: only --custom-dataset-type " +
                        cli_detail::join(readers, " or ") + " reads one (a pool per file)");
    }
    try {
      if (!input.custom_dataset_type) {
        if (const auto loader = first_loader_of(file_dataset_types{}, file)) {
          input.custom_dataset_type = std::string(*loader);
        } else {
          const auto names = names_of(file_dataset_types{});
          throw cli_error("--input-file: cannot tell the format of '" + *input.input_file +
                          "' from its first record; give --custom-dataset-type (one of " +
                          cli_detail::join({names.begin(), names.end()}, ", ") + ")");
        }
        r.warnings.push_back("--custom-dataset-type not given: '" + *input.input_file + "' reads as " +
                             *input.custom_dataset_type);
      }
      const auto format = datasets::trace_format_from_name(*input.custom_dataset_type);
      is_trace = format.has_value();
      if (is_trace && !input.fixed_schedule && datasets::first_record_has_timestamp(file, *format)) {
        input.fixed_schedule = true;  // §4.1 auto-promotion
        r.warnings.push_back("--fixed-schedule enabled: " + *input.custom_dataset_type +
                             " rows carry timestamps and are replayed on them");
      }
    } catch (datasets::trace_error const& e) {
      throw cli_error(std::string("--input-file: ") + e.what());
    }
  }
  if ((set("synthesis_speedup_ratio") || set("synthesis_prefix_len_multiplier") ||
       set("synthesis_prefix_root_multiplier") || set("synthesis_prompt_len_multiplier") || input.synthesis_max_isl ||
       input.synthesis_max_osl) &&
      set("custom_dataset_type") && !is_trace)
    throw cli_error("Synthesis options (--synthesis-speedup-ratio, --synthesis-prefix-len-multiplier, "
                    "--synthesis-prefix-root-multiplier, --synthesis-prompt-len-multiplier, --synthesis-max-isl, "
                    "--synthesis-max-osl) require a trace dataset type (e.g., mooncake_trace, bailian_trace)");
  if (!input.fixed_schedule) {
    std::string unused;
    for (auto [field, flag] : {std::pair{"fixed_schedule_auto_offset", "--fixed-schedule-auto-offset"},
                               {"fixed_schedule_start_offset", "--fixed-schedule-start-offset"},
                               {"fixed_schedule_end_offset", "--fixed-schedule-end-offset"}})
      if (set(field)) unused += (unused.empty() ? "" : ", ") + std::string(flag);
    if (!unused.empty())
      throw cli_error(unused + " can only be used with --fixed-schedule. Either add --fixed-schedule or remove these options.");
  }

  if (input.fixed_schedule && input.dataset_sampling_strategy)
    throw cli_error("Dataset sampling strategy is not compatible with fixed schedule mode. Please remove the "
                    "--dataset-sampling-strategy option.");

  // ---- §4.1 timing-mode resolution ----
  bool const has_stop = loadgen.request_count || input.conversation_num || loadgen.benchmark_duration;
  if (input.fixed_schedule) {
    // The trace sets every send time; a --concurrency is a ceiling, and without a stop condition
    // the whole (offset-filtered) trace is replayed.
    loadgen.timing_mode = "fixed_schedule";
    if (loadgen.request_rate)
      throw cli_error("--request-rate cannot be used with --fixed-schedule: the trace's timestamps set the send times");
    if (loadgen.arrival_smoothness || set("arrival_pattern"))
      throw cli_error("--arrival-pattern and --arrival-smoothness cannot be used with --fixed-schedule: the trace's "
                      "timestamps set the send times");
  } else if (loadgen.user_centric_rate) {
    loadgen.timing_mode = "user_centric_rate";
    if (!loadgen.num_users) throw cli_error("--user-centric-rate requires --num-users to be set");
    if (loadgen.request_rate || set("arrival_pattern"))
      throw cli_error("--user-centric-rate cannot be used together with --request-rate or --arrival-pattern");
    if (input.conversation_turn_mean < 2)
      throw cli_error("--user-centric-rate requires multi-turn conversations (--session-turns-mean >= 2). For "
                      "single-turn workloads, use --request-rate instead.");
    if (loadgen.benchmark_duration && !loadgen.benchmark_grace_period) {
      loadgen.benchmark_grace_period = std::numeric_limits<double>::infinity();
      r.resolved_fields.emplace_back("benchmark_grace_period");
    }
    if (!has_stop) {
      loadgen.request_count = 10;
      r.warnings.push_back("No stop condition given (--request-count, --num-sessions or --benchmark-duration); "
                           "sending 10 requests");
    }
    if (input.conversation_num && *input.conversation_num < *loadgen.num_users)
      throw cli_error("--num-sessions (" + std::to_string(*input.conversation_num) + ") cannot be less than --num-users (" +
                      std::to_string(*loadgen.num_users) + "). Each user needs at least one session.");
    if (loadgen.request_count && *loadgen.request_count < *loadgen.num_users)
      throw cli_error("--request-count (" + std::to_string(*loadgen.request_count) + ") cannot be less than --num-users (" +
                      std::to_string(*loadgen.num_users) + "). There must be at least one request per user.");
  } else if (loadgen.request_rate) {
    loadgen.timing_mode = "request_rate";
    if (loadgen.arrival_pattern == "concurrency_burst")
      throw cli_error("Request rate mode cannot be <ArrivalPattern.CONCURRENCY_BURST: 'concurrency_burst'> when a "
                      "request rate is specified.");
    if (!has_stop) {
      loadgen.request_count = 10;
      r.resolved_fields.emplace_back("request_count");
      r.warnings.push_back("No stop condition given (--request-count, --num-sessions or --benchmark-duration); "
                           "sending 10 requests");
    }
  } else {
    if (loadgen.arrival_smoothness)
      throw cli_error("--arrival-smoothness requires --request-rate (it shapes the gamma inter-arrival times)");
    if (set("arrival_pattern") && loadgen.arrival_pattern != "concurrency_burst")
      r.warnings.push_back("--arrival-pattern " + loadgen.arrival_pattern +
                           " has no effect without --request-rate: concurrency (burst) mode sends as fast as "
                           "--concurrency allows");
    if (!loadgen.concurrency && !loadgen.prefill_concurrency) {
      loadgen.concurrency = 1;
      r.resolved_fields.emplace_back("concurrency");
      r.warnings.push_back("Neither --concurrency nor --request-rate given; using --concurrency 1");
    }
    if (!has_stop) {
      loadgen.request_count = std::max<std::int64_t>(10, loadgen.concurrency.value_or(*loadgen.prefill_concurrency) * 2);
      r.resolved_fields.emplace_back("request_count");
      r.warnings.push_back("No stop condition given (--request-count, --num-sessions or --benchmark-duration); "
                           "sending " + std::to_string(*loadgen.request_count) + " requests (max(10, 2 x concurrency))");
    }
    loadgen.timing_mode = "concurrency";
    loadgen.arrival_pattern = "concurrency_burst";
    r.resolved_fields.emplace_back("arrival_pattern");
  }
  // Gamma auto-promotion.
  if (!set("arrival_pattern") && loadgen.arrival_smoothness) {
    loadgen.arrival_pattern = "gamma";
    r.resolved_fields.emplace_back("arrival_pattern");
  }
  else if (loadgen.arrival_pattern != "gamma" && loadgen.arrival_smoothness)
    throw cli_error("--arrival-smoothness can only be used with --arrival-pattern gamma. Please specify "
                    "--arrival-pattern gamma to use --arrival-smoothness.");
  if (loadgen.arrival_pattern == "gamma" && !loadgen.arrival_smoothness) loadgen.arrival_smoothness = 1.0;

  // ---- grace periods ----
  if (loadgen.benchmark_grace_period && !loadgen.benchmark_duration)
    throw cli_error("--benchmark-grace-period can only be used with duration-based benchmarking (--benchmark-duration).");
  if (loadgen.benchmark_duration && !loadgen.benchmark_grace_period) loadgen.benchmark_grace_period = 30.0;
  if (loadgen.warmup_grace_period && !loadgen.warmup_duration)
    throw cli_error("--warmup-grace-period can only be used when --warmup-duration is set. Set --warmup-duration.");

  // ---- exclusive stop conditions and limits ----
  if (set("request_count") && input.conversation_num)
    throw cli_error("Both a request-count and number of conversations are set. This can result in confusing output. "
                    "Use either --request-count or --conversation-num but not both.");
  if (set("warmup_request_count") && loadgen.num_warmup_sessions)
    throw cli_error("Both --warmup-request-count and --num-warmup-sessions are set. Use either --warmup-request-count "
                    "or --num-warmup-sessions but not both.");
  if (loadgen.concurrency && input.conversation_num && *loadgen.concurrency > *input.conversation_num)
    throw cli_error("Concurrency (" + std::to_string(*loadgen.concurrency) +
                    ") cannot be greater than the number of conversations (" + std::to_string(*input.conversation_num) +
                    "). Either reduce --concurrency or increase --conversation-num.");
  if (loadgen.concurrency && !input.conversation_num && loadgen.request_count &&
      *loadgen.concurrency > *loadgen.request_count)
    throw cli_error("Concurrency (" + std::to_string(*loadgen.concurrency) +
                    ") cannot be greater than the request count (" + std::to_string(*loadgen.request_count) +
                    "). Either reduce --concurrency or increase --request-count.");

  if (loadgen.num_users && !loadgen.user_centric_rate)
    throw cli_error("--num-users can only be used with --user-centric-rate. Either add --user-centric-rate or remove "
                    "--num-users.");

  // ---- request cancellation (spec §5.8) ----
  if (loadgen.request_cancellation_rate && *loadgen.request_cancellation_rate > 100.0)
    throw cli_error("--request-cancellation-rate: expected a percentage in (0, 100], got " +
                    cli_detail::display(*loadgen.request_cancellation_rate));
  if (set("request_cancellation_delay") && !loadgen.request_cancellation_rate)
    throw cli_error("--request-cancellation-delay can only be used with --request-cancellation-rate. Either add "
                    "--request-cancellation-rate or remove --request-cancellation-delay.");

  // ---- prefill concurrency (spec §3.2) ----
  auto check_prefill = [&](std::optional<std::int64_t> prefill, std::optional<std::int64_t> concurrency,
                           std::string const& flag, std::string const& of) {
    if (!prefill) return;
    if (!endpoint.streaming)
      throw cli_error(flag + " requires --streaming to be enabled. Prefill concurrency relies on FirstToken events "
                      "which are only available with streaming responses.");
    if (concurrency && *prefill > *concurrency)
      throw cli_error(flag + " (" + std::to_string(*prefill) + ") cannot be greater than " + of + " (" +
                      std::to_string(*concurrency) + "). Prefill concurrency limits how many requests can be in the "
                      "prefill stage, which cannot exceed the total concurrent requests.");
  };
  check_prefill(loadgen.prefill_concurrency, loadgen.concurrency, "--prefill-concurrency", "--concurrency");
  check_prefill(loadgen.warmup_prefill_concurrency ? loadgen.warmup_prefill_concurrency : std::nullopt,
                loadgen.warmup_concurrency ? loadgen.warmup_concurrency : loadgen.concurrency,
                "--warmup-prefill-concurrency", "warmup concurrency");

  // ---- warmup companions without a warmup trigger (V-main ignores them; say so) ----
  bool const warmup = loadgen.warmup_request_count > 0 || loadgen.warmup_duration || loadgen.num_warmup_sessions;
  if (!warmup)
    for (std::string_view field :
         {"warmup_concurrency", "warmup_prefill_concurrency", "warmup_request_rate", "warmup_arrival_pattern",
          "warmup_concurrency_ramp_duration", "warmup_prefill_concurrency_ramp_duration",
          "warmup_request_rate_ramp_duration"})
      if (set(field))
        r.warnings.push_back(primary_flag(find_option_meta(field)->names) +
                             " has no effect without --warmup-request-count, --warmup-duration or "
                             "--num-warmup-sessions");

  check_ramps(r, warmup);

  check_prompt_context_options(r);
  check_endpoint_options(r);
  check_multi_run_options(r);

  // A replayed trace ends by itself (spec §4.1: its row count is the request count).
  if (!input.fixed_schedule && !loadgen.request_count && !input.conversation_num && !loadgen.benchmark_duration)
    throw cli_error("At least one stop condition must be set (--request-count, --num-sessions, or --benchmark-duration)");
}

command_line parse_profile(cli_app& a, std::vector<std::string> const& args) {
  if (a.help_markdown->count() > 0) return cli_exit{0, cli_options_markdown(), {}};
  parse_result r;
  std::size_t next_option = 0;
  for_each_option(
      [&](std::string_view, option_meta const& meta, auto& member) {
        if (meta.resolved) return;
        CLI::Option const* option = a.options[next_option++];
        if (!convert_given(option, meta, member)) return;
        if (meta.field == "verbose" && option->count() >= 2) {  // -vv is --extra-verbose
          r.options.service.extra_verbose = true;
          r.explicit_fields.emplace_back("extra_verbose");
        }
        r.explicit_fields.emplace_back(meta.field);
        if (meta.sweep) {
          auto values = parse_sweep(meta, raw_option{primary_flag(meta.names), option->results(), option->count()});
          if (values.size() > 1) r.sweep_values = std::move(values);
        }
      },
      r.options);
  r.cli_command = redacted_command_line(args);
  resolve_and_validate(r);
  return r;
}

command_line parse_analyze_trace(cli_app const& a) {
  analyze_trace_request request{convert_section<analyze_trace_section>(a.analyze_trace_options)};
  if (!request.options.input_file || request.options.input_file->empty())
    throw cli_error("analyze-trace: an input file is required: aiperf analyze-trace INPUT_FILE (or --input-file FILE)");
  if (request.options.output_file && request.options.output_file->empty())
    throw cli_error("--output-file: expected a file path, got an empty value");
  return request;
}

command_line parse_synthesize_trace(cli_app const& a) {
  synthesize_trace_request request{convert_section<synthesize_trace_section>(a.synthesize_trace_options)};
  auto const& o = request.options;
  if (!o.input_file || o.input_file->empty() || !o.output_file || o.output_file->empty())
    throw cli_error("synthesize-trace: an input and an output file are required: aiperf synthesize-trace INPUT_FILE "
                    "OUTPUT_FILE");
  return request;
}

command_line parse_compare(cli_app const& a) {
  compare_request request{convert_section<compare_section>(a.compare_options)};
  auto const& o = request.options;
  if (o.paths.size() < 2)
    throw cli_error("compare: a baseline and at least one candidate are required: aiperf compare BASELINE CANDIDATE "
                    "[CANDIDATE...]");
  for (auto const& p : o.paths)
    if (p.empty()) throw cli_error("compare: expected a run directory, got an empty path");
  if (o.confidence >= 1.0)
    throw cli_error("--confidence: expected a level strictly between 0 and 1, got " + cli_detail::display(o.confidence));
  if (o.bootstrap < 100)
    throw cli_error("--bootstrap: expected at least 100 resamples, got " + std::to_string(o.bootstrap));
  if (o.output.empty()) throw cli_error("--output: expected a directory, got an empty value");
  return request;
}

command_line parse_plugins(cli_app const& a) {
  if (a.plugins_category.empty()) return plugins_request{};
  auto const category = aiperf::detail::ascii_lower(aiperf::detail::ascii_trim(a.plugins_category));
  auto const known = plugin_categories();
  if (std::find(known.begin(), known.end(), category) == known.end())
    return usage_error("plugins: unknown category '" + a.plugins_category + "' (choose from " + join(known, ", ") + ")");
  return plugins_request{category};
}

}  // namespace
}  // namespace cli_detail

command_line parse_command_line(std::vector<std::string> const& args) {
  using namespace cli_detail;
  try {
    // Recognised-but-unsupported AIPerf flags fail first and precisely, whatever else is wrong.
    bool const wants_help =
        std::any_of(args.begin(), args.end(), [](auto const& arg) { return arg == "-h" || arg == "--help"; });
    if (!args.empty() && args.front() == "profile" && !wants_help) {
      for (auto it = args.begin() + 1; it != args.end() && *it != "--"; ++it) {
        std::string which;
        if (is_unsupported_flag(*it, which)) return usage_error(which + " is not supported yet by this build");
      }
    }
    if (!args.empty() && args.front() == "synthesize" && !wants_help &&
        std::any_of(args.begin() + 1, args.end(), [](std::string const& arg) {
          return arg == "agentic-code" || arg == "--target" || arg.starts_with("--target=");
        }))
      return usage_error("synthesize --target agentic-code (the coding-agent workload generator) is not supported yet "
                         "by this build; 'aiperf synthesize INPUT OUTPUT' is synthesize-trace");
    cli_app a;
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 consumes from the back
    try {
      a.app.parse(reversed);
    } catch (CLI::CallForHelp const&) {
      if (a.profile->parsed()) return cli_exit{0, a.profile->help("aiperf"), {}};
      if (a.plugins->parsed()) return cli_exit{0, a.plugins->help("aiperf"), {}};
      if (a.analyze_trace->parsed()) return cli_exit{0, a.analyze_trace->help("aiperf"), {}};
      if (a.synthesize_trace->parsed()) return cli_exit{0, a.synthesize_trace->help("aiperf"), {}};
      if (a.compare->parsed()) return cli_exit{0, a.compare->help("aiperf"), {}};
      return cli_exit{0, a.app.help(), {}};
    } catch (CLI::CallForAllHelp const&) {
      return cli_exit{0, a.app.help("", CLI::AppFormatMode::All), {}};
    } catch (CLI::CallForVersion const&) {
      return cli_exit{0, std::string("aiperf ") + AIPERF_VERSION_STRING + "\n", {}};
    } catch (CLI::ExtrasError const& e) {
      // Name the first stray token; for an option, suggest the nearest known spelling.
      std::vector<std::string> const extras = a.profile->parsed()         ? a.profile->remaining()
                                              : a.plugins->parsed()       ? a.plugins->remaining()
                                              : a.analyze_trace->parsed() ? a.analyze_trace->remaining()
                                              : a.synthesize_trace->parsed() ? a.synthesize_trace->remaining()
                                              : a.compare->parsed()       ? a.compare->remaining()
                                                                          : a.app.remaining();
      if (extras.empty()) return usage_error(e.what());
      auto const& extra = extras.front();
      if (extra.starts_with("-") && extra.size() > 1)
        return usage_error("unknown option '" + extra.substr(0, extra.find('=')) + "'" +
                           did_you_mean(extra, a.analyze_trace->parsed()      ? known_section_flags<analyze_trace_section>()
                                               : a.synthesize_trace->parsed() ? known_section_flags<synthesize_trace_section>()
                                               : a.compare->parsed()          ? known_section_flags<compare_section>()
                                                                              : known_profile_flags()));
      if (!a.profile->parsed() && a.app.get_subcommands().empty())
        return usage_error("unknown command '" + extra + "' (choose from profile, analyze-trace, synthesize-trace, "
                           "compare, plot, plugins, synthesize, validate)");
      return usage_error("unexpected argument '" + extra + "'");
    } catch (CLI::ArgumentMismatch const& e) {
      std::string const message = e.what();
      auto const colon = message.find(':');
      auto const flag = colon == message.npos ? std::string{} : message.substr(0, colon);
      if (!flag.empty() && flag.starts_with("-")) {
        if (message.find("missing") != message.npos || message.find("required") != message.npos)
          return usage_error(flag + ": expected a value");
        if (message.find("no arguments") != message.npos || message.find("at most 0") != message.npos)
          return usage_error(flag + ": takes no value");
      }
      return usage_error(message);
    } catch (CLI::ParseError const& e) {
      return usage_error(e.what());
    }
    for (auto const& [name, sub] : a.others)
      if (sub->parsed())
        return cli_exit{1, {}, "aiperf: error: '" + std::string(name) + "' is not implemented yet in this build\n"};
    if (a.plugins->parsed()) return parse_plugins(a);
    if (a.analyze_trace->parsed()) return parse_analyze_trace(a);
    if (a.synthesize_trace->parsed()) return parse_synthesize_trace(a);
    if (a.compare->parsed()) return parse_compare(a);
    if (!a.profile->parsed())
      return usage_error("a command is required (profile, analyze-trace, synthesize-trace, compare, plot, plugins, "
                         "synthesize, validate); see 'aiperf --help'");
    return parse_profile(a, args);
  } catch (cli_error const& e) {
    return usage_error(e.what());
  } catch (std::exception const& e) {
    // Faults never crash the driver: anything unexpected is still one line and exit code 1.
    return usage_error(std::string("internal error while parsing the command line: ") + e.what());
  }
}

command_line parse_command_line(int argc, char const* const* argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return parse_command_line(args);
}

command_line parse_command_line(int argc, char** argv) {
  return parse_command_line(argc, const_cast<char const* const*>(argv));
}

std::string program_help_text() {
  cli_detail::cli_app a;
  return a.app.help();
}

std::string profile_help_text() {
  cli_detail::cli_app a;
  return a.profile->help("aiperf");
}

std::string analyze_trace_help_text() {
  cli_detail::cli_app a;
  return a.analyze_trace->help("aiperf");
}

std::string compare_help_text() {
  cli_detail::cli_app a;
  return a.compare->help("aiperf");
}

std::string synthesize_trace_help_text() {
  cli_detail::cli_app a;
  return a.synthesize_trace->help("aiperf");
}

phase_plan profiling_phase(profile_options const& options) {
  auto const& loadgen = options.loadgen;
  phase_plan plan;
  plan.phase = "profiling";
  plan.timing_mode = loadgen.timing_mode;
  plan.arrival_pattern = loadgen.arrival_pattern;
  plan.request_rate = loadgen.request_rate ? loadgen.request_rate : loadgen.user_centric_rate;
  plan.num_users = loadgen.num_users;
  plan.concurrency = loadgen.concurrency;
  plan.prefill_concurrency = loadgen.prefill_concurrency;
  plan.arrival_smoothness = loadgen.arrival_smoothness;
  plan.request_count = loadgen.request_count;
  plan.num_sessions = options.input.conversation_num;
  plan.duration_s = loadgen.benchmark_duration;
  if (loadgen.benchmark_duration) plan.grace_period_s = loadgen.benchmark_grace_period.value_or(30.0);
  plan.concurrency_ramp_s = loadgen.concurrency_ramp_duration;
  plan.prefill_concurrency_ramp_s = loadgen.prefill_concurrency_ramp_duration;
  plan.request_rate_ramp_s = loadgen.request_rate_ramp_duration;
  return plan;
}

std::optional<phase_plan> warmup_phase(profile_options const& options) {
  auto const& loadgen = options.loadgen;
  if (loadgen.warmup_request_count <= 0 && !loadgen.warmup_duration && !loadgen.num_warmup_sessions)
    return std::nullopt;
  phase_plan plan;
  plan.phase = "warmup";
  plan.request_rate = loadgen.warmup_request_rate ? loadgen.warmup_request_rate : loadgen.request_rate;
  plan.arrival_pattern = loadgen.warmup_arrival_pattern.value_or(loadgen.arrival_pattern);
  plan.concurrency = loadgen.warmup_concurrency ? loadgen.warmup_concurrency : loadgen.concurrency;
  plan.prefill_concurrency =
      loadgen.warmup_prefill_concurrency ? loadgen.warmup_prefill_concurrency : loadgen.prefill_concurrency;
  if (!plan.request_rate || plan.arrival_pattern == "concurrency_burst") {
    plan.request_rate.reset();
    plan.arrival_pattern = "concurrency_burst";
    plan.timing_mode = "concurrency";
    if (!plan.concurrency && !plan.prefill_concurrency) plan.concurrency = 1;
  } else {
    plan.timing_mode = "request_rate";
    if (plan.arrival_pattern == "gamma") plan.arrival_smoothness = loadgen.arrival_smoothness.value_or(1.0);
  }
  if (loadgen.warmup_request_count > 0) plan.request_count = loadgen.warmup_request_count;
  plan.num_sessions = loadgen.num_warmup_sessions;
  plan.duration_s = loadgen.warmup_duration;
  plan.grace_period_s = loadgen.warmup_grace_period.value_or(std::numeric_limits<double>::infinity());
  // Spec §6.3: each warmup ramp, else the profiling one.
  plan.concurrency_ramp_s = loadgen.warmup_concurrency_ramp_duration ? loadgen.warmup_concurrency_ramp_duration
                                                                     : loadgen.concurrency_ramp_duration;
  plan.prefill_concurrency_ramp_s = loadgen.warmup_prefill_concurrency_ramp_duration
                                        ? loadgen.warmup_prefill_concurrency_ramp_duration
                                        : loadgen.prefill_concurrency_ramp_duration;
  // A rate ramp only where the warmup paces a rate (an inherited one has nothing to ramp in burst mode).
  if (plan.timing_mode == "request_rate")
    plan.request_rate_ramp_s = loadgen.warmup_request_rate_ramp_duration ? loadgen.warmup_request_rate_ramp_duration
                                                                         : loadgen.request_rate_ramp_duration;
  return plan;
}

}  // namespace aiperf::driver
