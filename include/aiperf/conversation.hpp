// SPDX-License-Identifier: Apache-2.0
// aiperf/conversation.hpp — the data model a Dataset produces and an Endpoint encodes:
// conversations made of turns.  Built before the run; read-only while it runs.
#pragma once
#include <aiperf/config.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace aiperf {
inline namespace v0 {

/// One user turn: the prompt and what the dataset knows about it.
struct turn {
  std::string text = {};            // prompt text
  std::int64_t input_tokens = -1;   // exact prompt token count, when the dataset knows it
  std::int64_t max_tokens = -1;     // requested output tokens (-1: leave to the server)
  std::int64_t delay_ms = 0;        // wait after the previous turn completed (multi-turn)
  std::int64_t timestamp_ms = -1;   // absolute send offset for trace replay (-1: none)
  std::string model = {};           // per-turn model override (empty: the run's model)
};

/// A conversation template: one or more turns sent in order on one session.
struct conversation {
  std::string id = {};              // stable id (joins profile_export.jsonl to inputs.json)
  std::string system_message = {};  // optional system prompt
  std::vector<turn> turns = {};
};

}  // namespace v0
}  // namespace aiperf
