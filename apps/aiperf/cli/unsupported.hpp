// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/unsupported.hpp — AIPerf `profile` flags this build recognises but does not implement yet.
//
// They are rejected with "--X is not supported yet by this build" rather than "unknown option",
// so a command line written for AIPerf fails loudly and precisely instead of running a different
// benchmark.  Declaring the option in a section list of options.hpp (and removing it here) makes
// it supported; a test checks that no spelling is in both places.
#pragma once

#include <string_view>

namespace aiperf::driver {

struct unsupported_option {
  std::string_view names = {};  // comma-separated spellings, as AIPerf accepts them
  std::string_view group = {};  // AIPerf help group, for docs/cli-options.md
};

// clang-format off
inline constexpr unsupported_option unsupported_profile_options[] = {
  {"-f,--config", "Configuration"},
  // Endpoint
  {"--connection-reuse-strategy", "Endpoint"},
  {"--download-video-content", "Endpoint"},
  {"--request-content-type", "Endpoint"},
  {"--uuid-and-strip", "Endpoint"},
  {"--wait-for-model-timeout", "Endpoint"},
  {"--wait-for-model-mode", "Endpoint"},
  {"--wait-for-model-interval", "Endpoint"},
  {"--reset-kv-cache", "Endpoint"},
  {"--reset-kv-cache-timeout-seconds", "Endpoint"},
  {"--reset-kv-cache-path", "Endpoint"},
  {"--server-profiler", "Endpoint"},
  {"--server-profiler-timeout-seconds", "Endpoint"},
  {"--server-profiler-start-path", "Endpoint"},
  {"--server-profiler-stop-path", "Endpoint"},
  // Tokenizer
  {"--apply-chat-template", "Tokenizer"},
  // Input
  {"--hf-subset", "Input"},
  {"--no-fixed-schedule", "Input"},
  {"--ignore-trace-delays", "Input"},
  {"--use-think-time-only", "Input"},
  {"--max-context-length", "Input"},
  {"--hf-weka-dataset", "Input"},
  {"--dataset-filter", "Input"},
  {"--allow-dataset-wrap", "Input"},
  {"--trace-session-sample-ratio", "Input"},
  // Conversation input (multi-turn)
  {"--inter-turn-delay-cap-seconds", "Conversation Input"},
  {"--max-idle-gap-cap-seconds", "Conversation Input"},
  {"--replay-speedup", "Conversation Input"},
  {"--open-loop-replay,--no-open-loop-replay", "Conversation Input"},
  {"--open-loop-strict", "Conversation Input"},
  {"--omit-kv-hints", "Conversation Input"},
  {"--force-min-tokens,--no-force-min-tokens", "Conversation Input"},
  // Prompt
  {"--prompt-corpus", "Prompt"},
  {"--cache-bust", "Prompt"},
  {"--system-prompt", "Prompt"},
  {"--system-prompt-file", "Prompt"},
  // Prefix prompt
  {"--prefix-reuse-rate", "Prefix Prompt"},
  // Audio / image / video
  {"--audio-batch-size,--batch-size-audio", "Audio Input"},
  {"--audio-length-mean", "Audio Input"},
  {"--audio-length-stddev", "Audio Input"},
  {"--audio-format", "Audio Input"},
  {"--audio-depths", "Audio Input"},
  {"--audio-sample-rates", "Audio Input"},
  {"--audio-num-channels", "Audio Input"},
  {"--image-width-mean", "Image Input"},
  {"--image-width-stddev", "Image Input"},
  {"--image-height-mean", "Image Input"},
  {"--image-height-stddev", "Image Input"},
  {"--image-batch-size,--batch-size-image", "Image Input"},
  {"--image-format", "Image Input"},
  {"--image-source", "Image Input"},
  {"--image-source-sampling", "Image Input"},
  {"--video-batch-size,--batch-size-video", "Video Input"},
  {"--video-duration", "Video Input"},
  {"--video-fps", "Video Input"},
  {"--video-width", "Video Input"},
  {"--video-height", "Video Input"},
  {"--video-synth-type", "Video Input"},
  {"--video-format", "Video Input"},
  {"--video-codec", "Video Input"},
  {"--video-audio-sample-rate", "Video Input"},
  {"--video-audio-num-channels", "Video Input"},
  {"--video-audio-codec", "Video Input"},
  {"--video-audio-depth", "Video Input"},
  // Synthesis
  {"--synthesis-output-len-multiplier", "Synthesis"},
  // Load generator
  {"--request-rate-series", "Load Generator"},
  {"--failed-request-threshold", "Load Generator"},
  {"--trajectory-start-min-ratio", "Load Generator"},
  {"--trajectory-start-max-ratio", "Load Generator"},
  {"--burst-phase-starts", "Load Generator"},
  {"--trace-idle-gap-cap-seconds", "Load Generator"},
  {"--system-idle-gap-cap-seconds", "Load Generator"},
  {"--scenario", "Load Generator"},
  {"--unsafe-override", "Load Generator"},
  // Warmup
  {"--agentic-cache-warmup-duration", "Warmup"},
  {"--agentic-warmup-grace-period", "Warmup"},
  // User-centric rate
  // Output
  {"--export-http-trace", "Output"},
  {"--show-trace-timing", "Output"},
  {"--export-outputs-json", "Output"},
  {"--auto-plot,--no-auto-plot", "Output"},
  {"--plot-required", "Output"},
  {"--otel-url", "Output"},
  {"--stream", "Output"},
  {"--otel-resource-attributes", "Output"},
  {"--gen-ai-provider", "Output"},
  {"--mlflow-tracking-uri", "Output"},
  {"--mlflow-experiment", "Output"},
  {"--mlflow-run-name", "Output"},
  {"--mlflow-tag", "Output"},
  {"--mlflow-artifact-glob", "Output"},
  {"--mlflow-parent-run-id", "Output"},
  // Server metrics / telemetry / network latency
  {"--network-latency-automatic", "Telemetry"},
  {"--network-latency-mean", "Telemetry"},
  {"--network-latency-ping-interval", "Telemetry"},
  // Multi-run confidence and sweeps
  {"--no-profile-run-disable-warmup-after-first", "Multi-Run Confidence Reporting"},  // --profile-run-disable-warmup-after-first=false works
  {"--no-set-consistent-seed", "Multi-Run Confidence Reporting"},  // --set-consistent-seed=false works
  // Service / ZMQ (process model of the Python tool; this build uses threads)
  {"--record-processor-service-count,--record-processors", "Service"},
  {"--zmq-host", "ZMQ Communication"},
  {"--zmq-ipc-path", "ZMQ Communication"},
  {"--api-port", "Service"},
  {"--api-host", "Service"},
};
// clang-format on

}  // namespace aiperf::driver
