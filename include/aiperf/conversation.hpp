// SPDX-License-Identifier: Apache-2.0
// aiperf/conversation.hpp — the data model a Dataset produces and an Endpoint encodes:
// conversations made of turns.  Built before the run; read-only while it runs.
#pragma once
#include <aiperf/config.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {

/// A named list of texts (spec §7.6.1's `{"name": "query", "contents": [...]}`).
struct named_texts {
  std::string name = "text";
  std::vector<std::string> contents = {};
};

/// One image, audio clip or video of a turn (spec §7.6.1), as the server is to receive it.
struct media_item {
  /// Images and videos: a URL (sent as given) or a data URI ("data:image/png;base64,...").
  /// Audio: the base64 bytes when `format` is set, else a URL or data URI as given.
  /// Shared: every turn that names the same file points at the one copy the loader read.
  std::shared_ptr<const std::string> data = {};
  std::string format = {};  // audio: "wav" | "mp3" (OpenAI's input_audio.format); else empty
  std::string uuid = {};    // images: the `image_uuids` entry (a vLLM multimodal cache id); empty: none
};

/// One user turn: the prompt and what the dataset knows about it.

struct turn {
  std::string text = {};            // prompt text (empty when prompt_blocks holds it)
  /// The turn's texts one by one, when it has more than one or they are named: a batch
  /// (--batch-size, a `texts` list) that embeddings and rankings send as separate inputs, or
  /// named groups such as rankings' "query" and "passages".  Empty for the usual one-prompt
  /// turn.  When set, `text` still holds every content joined with a space: what an endpoint
  /// that sends one prompt (completions) sends, and what the input token count covers.
  std::vector<named_texts> texts = {};
  /// Exact input token count (ISL) of this turn, when the dataset knows it: the prompt's tokens
  /// (a synthetic prefix included).  The synthetic dataset also counts the tokenizer's special
  /// tokens and the system_message / user_context_message it generates, which go with every
  /// turn (AIPerf counts all the text a request carries).  Earlier turns and answers that a
  /// later turn carries as history are not counted.
  std::int64_t input_tokens = -1;
  std::int64_t max_tokens = -1;     // requested output tokens (-1: leave to the server)
  std::int64_t delay_ms = 0;        // wait after the previous turn completed (multi-turn)
  std::int64_t timestamp_ms = -1;   // absolute send offset for trace replay (-1: none)
  std::string model = {};           // per-turn model override (empty: the run's model)
  /// The prompt as shared pieces, in order, instead of `text`: a trace's hash-id blocks, stored
  /// once however many prompts reuse them (they live in conversation::shared_text).  Requests are
  /// written from the pieces (gathered writes), so a prompt is never copied whole.
  std::vector<std::string_view> prompt_blocks = {};
  /// The assistant's answer to this turn, which later turns carry as history.  Datasets leave it
  /// empty: the runner fills it with a placeholder while the Endpoint encodes, and writes the
  /// server's actual answer there when the later turn is sent (spec §7.8).  An Endpoint that
  /// renders history adds `{"role":"assistant","content":reply}` after the turn when it is set.
  std::string reply = {};
  /// Media the turn sends with its text (single_turn / multi_turn / random_pool `image(s)`,
  /// `audio(s)`, `video(s)`), in file order.  An endpoint that renders a turn's content sends
  /// them as content parts (chat: texts, then images, audios, videos); one that cannot carry
  /// media refuses a turn that has some (it does not drop them).
  std::vector<media_item> images = {};
  std::vector<media_item> audios = {};
  std::vector<media_item> videos = {};
  /// The dataset's `extra`: top-level members (key, minified JSON value) merged into this turn's
  /// request body after `--extra-inputs`, so they win (spec §8.3).  In file order.
  std::vector<std::pair<std::string, std::string>> extra_body = {};
  /// A mooncake `payload`: the whole request body (a minified JSON object), sent as it is instead
  /// of one the endpoint builds (no --extra-inputs, no history).  Empty: none.
  std::string raw_payload = {};
  /// A mooncake `messages` list (a minified JSON array of OpenAI messages): a chat endpoint sends
  /// these messages in place of `text`.  With history (message_mode delta) the earlier turns'
  /// messages and replies come first; without it the list is the whole conversation.  Empty: none.
  std::string raw_messages = {};
  /// A mooncake `tools` list (a minified JSON array), sent as the request's `tools` with
  /// raw_messages; a later turn without its own uses the most recent earlier one.  Empty: none.
  std::string raw_tools = {};
};

/// Whether `t` sends media (images, audio or video).
inline bool has_media(turn const& t) noexcept { return !t.images.empty() || !t.audios.empty() || !t.videos.empty(); }

/// A conversation template: one or more turns sent in order on one session.
struct conversation {
  std::string id = {};              // stable id (joins profile_export.jsonl to inputs.json)
  std::string system_message = {};  // optional system prompt
  /// Optional user context (spec §7.4, --user-context-prompt-length): sent with every turn as a
  /// user message right after the system message and before the history (chat); empty: none.
  /// An endpoint without messages (completions) does not send it.
  std::string user_context_message = {};
  std::vector<turn> turns = {};
  /// Keeps alive the storage that the turns' prompt_blocks point into (shared by conversations).
  std::shared_ptr<const void> shared_text = {};
  /// Whether a turn's request carries the earlier turns (chat history).  False when every turn
  /// is complete on its own: single_turn sessions, Bailian rows (each holds its whole context).
  bool turns_carry_history = true;
};

/// The prompt of `t` as one string: its text, or its blocks joined (for code that needs it whole).
inline std::string prompt_text(turn const& t) {
  if (t.prompt_blocks.empty()) return t.text;
  std::size_t n = 0;
  for (auto b : t.prompt_blocks) n += b.size();
  std::string out;
  out.reserve(n);
  for (auto b : t.prompt_blocks) out += b;
  return out;
}

}  // namespace v0
}  // namespace aiperf
