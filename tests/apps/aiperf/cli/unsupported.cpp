// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/unsupported.hpp: AIPerf flags this build recognises but does not implement
// stop with "--X is not supported yet by this build", never "unknown option".
#include "support.hpp"

#include "cli/unsupported.hpp"
#include "cli/values.hpp"

#include <string>

using cli_test::err;
using cli_test::ok;
using cli_test::profile;

TEST_CASE("unsupported: recognised but unsupported AIPerf flags are rejected by name", "[cli][errors]") {
  for (auto const& u : aiperf::driver::unsupported_profile_options)
    for (auto name : aiperf::driver::cli_detail::split(u.names, ',')) {
      INFO(name);
      std::string const n(name);
      CHECK(err(profile({n, "1"})) == "aiperf: error: " + n + " is not supported yet by this build\n");
      CHECK(err(profile({n})) == "aiperf: error: " + n + " is not supported yet by this build\n");
    }
  CHECK(err(profile({"--hf-subset=x"})) == "aiperf: error: --hf-subset is not supported yet by this build\n");
  CHECK(ok(profile({"-b4"})).options.input.batch_size == 4);  // -b is supported (--batch-size)
  // Reported even when something else is also wrong, and never as "unknown option".
  CHECK(err({"profile", "--no-fixed-schedule", "--bogus"}) ==
        "aiperf: error: --no-fixed-schedule is not supported yet by this build\n");
  // No spelling is both supported and unsupported.
  for (auto const& u : aiperf::driver::unsupported_profile_options)
    for (auto name : aiperf::driver::cli_detail::split(u.names, ','))
      aiperf::driver::for_each_option([&](std::string_view, aiperf::driver::option_meta const& m) {
        for (auto spelling : aiperf::driver::cli_detail::split(m.names, ',')) CHECK(spelling != name);
      });
}
