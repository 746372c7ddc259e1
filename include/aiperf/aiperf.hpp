// SPDX-License-Identifier: Apache-2.0
// aiperf/aiperf.hpp — everything a custom benchmark main needs (the driver's CLI is not part of it).
#pragma once
#include <aiperf/config.hpp>

#include <aiperf/concepts/dataset.hpp>
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/concepts/metric.hpp>
#include <aiperf/concepts/schedule.hpp>

#include <aiperf/datasets/multi_turn.hpp>
#include <aiperf/datasets/random_pool.hpp>
#include <aiperf/datasets/sharegpt.hpp>
#include <aiperf/datasets/single_turn.hpp>
#include <aiperf/datasets/synthetic.hpp>
#include <aiperf/datasets/trace_dataset.hpp>
#include <aiperf/endpoints/chat_embeddings.hpp>
#include <aiperf/endpoints/cohere_rankings.hpp>
#include <aiperf/endpoints/embeddings.hpp>
#include <aiperf/endpoints/hf_tei_rankings.hpp>
#include <aiperf/endpoints/nim_embeddings.hpp>
#include <aiperf/endpoints/nim_rankings.hpp>
#include <aiperf/endpoints/openai_chat.hpp>
#include <aiperf/endpoints/openai_completions.hpp>
#include <aiperf/metrics/metric_set.hpp>
#include <aiperf/metrics/standard.hpp>
#include <aiperf/results/artifacts.hpp>
#include <aiperf/results/collector.hpp>
#include <aiperf/results/exporters.hpp>
#include <aiperf/results/multi_run.hpp>
#include <aiperf/results/stat_keys.hpp>
#include <aiperf/results/timeslices.hpp>
#include <aiperf/results/summary.hpp>
#include <aiperf/run.hpp>
#include <aiperf/schedules/concurrency.hpp>
#include <aiperf/schedules/constant.hpp>
#include <aiperf/schedules/fixed_schedule.hpp>
#include <aiperf/schedules/gamma.hpp>
#include <aiperf/schedules/poisson.hpp>
#include <aiperf/schedules/ramp.hpp>
#include <aiperf/telemetry/session.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>
