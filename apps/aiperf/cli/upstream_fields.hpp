// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/upstream_fields.hpp — the fields of AIPerf's UserConfig that our options echo
// into input_config (option_meta::echo), in AIPerf's declaration order (AIPerf 0.8.0,
// src/aiperf/common/config/*_config.py).  Pydantic writes a model's fields in that order, so
// input_config follows it; the tests check that every option's `.echo` is listed here, which
// also catches a misspelt path.
#pragma once
#include <cstddef>
#include <string_view>

namespace aiperf::driver {

inline constexpr std::string_view aiperf_user_config_fields[] = {
    // EndpointConfig
    "endpoint.model_names", "endpoint.model_selection_strategy", "endpoint.custom_endpoint", "endpoint.type",
    "endpoint.streaming", "endpoint.urls", "endpoint.url_selection_strategy", "endpoint.timeout_seconds",
    "endpoint.api_key", "endpoint.transport", "endpoint.use_legacy_max_tokens", "endpoint.use_server_token_count",
    // InputConfig, then its sub-configs prompt, rankings, synthesis, conversation
    "input.extra", "input.headers", "input.session_header", "input.file", "input.fixed_schedule",
    "input.fixed_schedule_auto_offset", "input.fixed_schedule_start_offset", "input.fixed_schedule_end_offset",
    "input.public_dataset", "input.custom_dataset_type", "input.dataset_sampling_strategy", "input.random_seed",
    "input.goodput",
    "input.prompt.batch_size", "input.prompt.input_tokens.mean", "input.prompt.input_tokens.stddev",
    "input.prompt.input_tokens.block_size", "input.prompt.output_tokens.mean", "input.prompt.output_tokens.stddev",
    "input.prompt.prefix_prompt.pool_size", "input.prompt.prefix_prompt.length",
    "input.prompt.prefix_prompt.shared_system_prompt_length", "input.prompt.prefix_prompt.user_context_prompt_length",
    "input.prompt.sequence_distribution",
    "input.rankings.passages.mean", "input.rankings.passages.stddev", "input.rankings.passages.prompt_token_mean",
    "input.rankings.passages.prompt_token_stddev", "input.rankings.query.prompt_token_mean",
    "input.rankings.query.prompt_token_stddev",
    "input.synthesis.speedup_ratio", "input.synthesis.prefix_len_multiplier", "input.synthesis.prefix_root_multiplier",
    "input.synthesis.prompt_len_multiplier", "input.synthesis.max_isl", "input.synthesis.max_osl",
    "input.conversation.num", "input.conversation.num_dataset_entries", "input.conversation.turn.mean",
    "input.conversation.turn.stddev", "input.conversation.turn.delay.mean", "input.conversation.turn.delay.stddev",
    "input.conversation.turn.delay.ratio",
    // OutputConfig
    "output.artifact_directory", "output.profile_export_prefix", "output.export_level", "output.slice_duration",
    // TokenizerConfig
    "tokenizer.name", "tokenizer.revision", "tokenizer.trust_remote_code",
    // LoadGeneratorConfig
    "loadgen.benchmark_duration", "loadgen.benchmark_grace_period", "loadgen.concurrency",
    "loadgen.parameter_sweep_mode", "loadgen.parameter_sweep_cooldown_seconds", "loadgen.parameter_sweep_same_seed",
    "loadgen.prefill_concurrency", "loadgen.request_rate", "loadgen.arrival_pattern", "loadgen.arrival_smoothness",
    "loadgen.request_count", "loadgen.warmup_request_count", "loadgen.warmup_duration", "loadgen.warmup_num_sessions",
    "loadgen.warmup_concurrency", "loadgen.warmup_prefill_concurrency", "loadgen.warmup_request_rate",
    "loadgen.warmup_arrival_pattern", "loadgen.warmup_grace_period", "loadgen.request_cancellation_rate",
    "loadgen.request_cancellation_delay", "loadgen.user_centric_rate", "loadgen.num_users",
    "loadgen.concurrency_ramp_duration", "loadgen.prefill_concurrency_ramp_duration",
    "loadgen.warmup_concurrency_ramp_duration", "loadgen.warmup_prefill_concurrency_ramp_duration",
    "loadgen.request_rate_ramp_duration", "loadgen.warmup_request_rate_ramp_duration", "loadgen.num_profile_runs",
    "loadgen.profile_run_cooldown_seconds", "loadgen.confidence_level", "loadgen.profile_run_disable_warmup_after_first",
    "loadgen.set_consistent_seed", "loadgen.convergence_metric", "loadgen.convergence_stat",
    "loadgen.convergence_threshold", "loadgen.convergence_mode",
    // UserConfig's own fields (accuracy and mlflow_* come between; we have none of those options)
    "cli_command", "benchmark_id", "gpu_telemetry", "no_gpu_telemetry", "server_metrics", "no_server_metrics",
    "server_metrics_formats",
};

/// Position of `path` in aiperf_user_config_fields, or the list's size when it is not there.
constexpr std::size_t aiperf_field_rank(std::string_view path) {
  std::size_t i = 0;
  for (; i < std::size(aiperf_user_config_fields); ++i)
    if (aiperf_user_config_fields[i] == path) break;
  return i;
}

}  // namespace aiperf::driver
