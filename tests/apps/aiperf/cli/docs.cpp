// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/docs.hpp: docs/cli-options.md is generated from the option declarations, the
// unsupported list and the policy registry, and the committed file matches it.
#include "support.hpp"

#include "cli/docs.hpp"
#include "cli/unsupported.hpp"
#include "cli/values.hpp"
#include "registry.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {
std::vector<std::string_view> spellings(std::string_view names) { return aiperf::driver::cli_detail::split(names, ','); }
}  // namespace

TEST_CASE("docs/cli-options.md is generated from the option declarations", "[cli][docs]") {
  auto const md = aiperf::driver::cli_options_markdown();
  aiperf::driver::for_each_option([&](std::string_view section, aiperf::driver::option_meta const& m) {
    INFO(m.field);
    if (m.resolved) {
      CHECK(md.find("(resolved) `" + std::string(m.field) + "`") != std::string::npos);
    } else {
      for (auto name : spellings(m.names)) CHECK(md.find(cli_test::code(name)) != std::string::npos);
    }
    CHECK(md.find(std::string(m.help)) != std::string::npos);
    std::string const path = m.echo.empty() ? "aiperf_cpp." + std::string(section) + "." + std::string(m.field)
                                            : std::string(m.echo);
    CHECK(md.find("- echo: `input_config." + path + "`") != std::string::npos);
  });
  auto const analyze = md.find("## `aiperf analyze-trace`");
  REQUIRE(analyze != std::string::npos);
  using aiperf::driver::analyze_trace_section;
  aiperf::driver::for_each_section_option<analyze_trace_section>([&](aiperf::driver::option_meta const& m) {
    INFO(m.field);
    for (auto name : spellings(m.names)) CHECK(md.find(cli_test::code(name), analyze) != std::string::npos);
    CHECK(md.find(std::string(m.help), analyze) != std::string::npos);
  });
  for (auto const& u : aiperf::driver::unsupported_profile_options)
    for (auto name : spellings(u.names)) CHECK(md.find(cli_test::code(name)) != std::string::npos);
  auto const via_flag = cli_test::exits({"profile", "--help-markdown"});
  CHECK(via_flag.code == 0);
  CHECK(via_flag.out == md);

  std::string const path = AIPERF_SOURCE_DIR "/docs/cli-options.md";
  if (char const* update = std::getenv("AIPERF_UPDATE_DOCS"); update && std::string_view(update) == "1") {
    std::ofstream(path, std::ios::binary) << md;
  }
  std::ifstream in(path, std::ios::binary);
  INFO("regenerate with scripts/gen-cli-docs.sh");
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == md);
}

TEST_CASE("docs: the registry's names are the choices and the compiled-in policies", "[cli][docs]") {
  auto const md = aiperf::driver::cli_options_markdown();
  std::string endpoint_choices = "`--endpoint-type` `{";
  for (auto name : aiperf::driver::names_of(aiperf::driver::endpoint_types{}))
    endpoint_choices += std::string(name) + (name == aiperf::driver::names_of(aiperf::driver::endpoint_types{}).back() ? "}`" : ",");
  CHECK(md.find(endpoint_choices) != std::string::npos);
  auto const table = md.find("## Compiled-in policies");
  REQUIRE(table != std::string::npos);
  for (auto const& entry : aiperf::driver::plugins()) {
    INFO(entry.name);
    CHECK(md.find("| " + std::string(entry.category) + " | `" + std::string(entry.name) + "` | " +
                      std::string(entry.description) + " |",
                  table) != std::string::npos);
  }
}
