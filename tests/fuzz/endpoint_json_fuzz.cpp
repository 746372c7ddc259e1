// SPDX-License-Identifier: Apache-2.0
// libFuzzer entry point for the endpoints' JSON chunk parse, reached the way the transport
// reaches it: an Endpoint's on_event (one SSE data payload per input line) or on_body (the
// whole input as a non-streamed body), into a response_sink and its request_record.  The
// first byte picks the endpoint (OpenAI chat, completions, Responses, Anthropic Messages,
// TGI, embeddings, raw's auto-detecting parse) and the mode.  Any JSON, valid or not, must
// end as a record (ok or with an error), never as a crash or an escaping exception.
// Built by scripts/fuzz.sh.
#include <aiperf/endpoints/anthropic_messages.hpp>
#include <aiperf/endpoints/embeddings.hpp>
#include <aiperf/endpoints/openai_chat.hpp>
#include <aiperf/endpoints/openai_completions.hpp>
#include <aiperf/endpoints/openai_responses.hpp>
#include <aiperf/endpoints/raw.hpp>
#include <aiperf/endpoints/tgi_generate.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {
using aiperf::endpoints::endpoint_options;

template <class Endpoint>
void drive(Endpoint& ep, std::string_view in, bool streamed) {
  aiperf::request_record rec;
  aiperf::response_sink sink(rec);
  if (!streamed) {
    sink.begin_unit(1);
    ep.on_body(in, sink);
  } else {
    std::int64_t t = 0;
    while (!in.empty()) {
      const auto nl = in.find('\n');
      const auto line = in.substr(0, nl);
      in.remove_prefix(nl == std::string_view::npos ? in.size() : nl + 1);
      sink.begin_unit(++t);
      ep.on_event(line, sink);
    }
  }
  (void)rec.ok();
  (void)rec.content.size();
}

template <class Endpoint>
void run(std::string_view in, bool streamed) {
  Endpoint ep(endpoint_options{.model = "m", .streaming = streamed});
  drive(ep, in, streamed);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<char const*>(data) + 1, size - 1);
  const bool streamed = (data[0] & 0x80) == 0;
  switch (data[0] % 7) {
    case 0: run<aiperf::endpoints::openai_chat>(in, streamed); break;
    case 1: run<aiperf::endpoints::openai_completions>(in, streamed); break;
    case 2: run<aiperf::endpoints::openai_responses>(in, streamed); break;
    case 3: run<aiperf::endpoints::anthropic_messages>(in, streamed); break;
    case 4: run<aiperf::endpoints::tgi_generate>(in, streamed); break;
    case 5: run<aiperf::endpoints::embeddings>(in, streamed); break;
    default: run<aiperf::endpoints::raw>(in, streamed); break;
  }
  return 0;
}
