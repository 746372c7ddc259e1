// SPDX-License-Identifier: Apache-2.0
// A user's build of the library: everything a custom main includes, every public options struct
// filled with designated initialisers that name one member (as users write them), compiled with
// -Wall -Wextra -Wpedantic -Werror (tests/warnings.cmake).  A member without a default member
// initialiser would fail here with -Wmissing-field-initializers.
#include <aiperf/aiperf.hpp>

int main() {
  using namespace aiperf;
  [[maybe_unused]] run_settings rs{.url = "http://127.0.0.1:1"};
  [[maybe_unused]] endpoints::endpoint_options eo{.model = "m"};
  [[maybe_unused]] datasets::synthetic ds{.isl_mean = 8};
  [[maybe_unused]] datasets::dataset_options dso{.isl_mean = 8};
  [[maybe_unused]] datasets::multi_turn mt{.file = "chats.jsonl"};
  [[maybe_unused]] datasets::random_pool rp{.input = "pools"};
  [[maybe_unused]] datasets::sharegpt sg{.input = "ShareGPT.json"};
  [[maybe_unused]] schedules::schedule_options so{.request_rate = 1};
  [[maybe_unused]] client_options co{.verify_tls = false};
  [[maybe_unused]] phase_limits pl{.phase = benchmark_phase::warmup};
  [[maybe_unused]] generator_config gc{.workers = 2};
  [[maybe_unused]] results::collector_options rco{.streaming = true};
  [[maybe_unused]] results::artifact_options ao{.dir = "x"};
  [[maybe_unused]] results::metric_descriptor md{.tag = "t"};
  [[maybe_unused]] metrics::value_settings vs{.streaming = true};
  [[maybe_unused]] tokenizer_options to{.revision = "main"};
  [[maybe_unused]] turn t{.text = "hi"};
  [[maybe_unused]] conversation c{.id = "c"};
  [[maybe_unused]] encoded_request er{.path = "/"};
  // static: GCC 12 at -O3 reports a false maybe-uninitialized on the destruction of this large
  // aggregate (its std::string members) as a local; the designated initialiser is what is checked.
  [[maybe_unused]] static benchmark_plan const bp{.info = {}};
  [[maybe_unused]] run_hooks rh{.on_start = {}};
  return 0;
}
