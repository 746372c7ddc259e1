// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/plugins.hpp: `aiperf plugins [category]` lists the registry, one aligned line
// per policy; the CLI parses the category filter.
#include "support.hpp"

#include "cli/plugins.hpp"
#include "registry.hpp"

#include <sstream>
#include <string>
#include <vector>

using cli_test::err;

namespace {
aiperf::driver::plugins_request plugins_request(std::vector<std::string> const& args) {
  auto r = aiperf::driver::parse_command_line(args);
  REQUIRE(std::holds_alternative<aiperf::driver::plugins_request>(r));
  return std::get<aiperf::driver::plugins_request>(r);
}
std::vector<std::string> lines(std::string const& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}
}  // namespace

TEST_CASE("plugins: one aligned line per compiled-in policy", "[cli][plugins]") {
  auto const all = aiperf::driver::plugins();
  auto const text = aiperf::driver::plugins_text();
  auto const rows = lines(text);
  REQUIRE(rows.size() == all.size());
  std::size_t name_column = std::string::npos, description_column = std::string::npos;
  for (std::size_t i = 0; i < all.size(); ++i) {
    INFO(rows[i]);
    CHECK(rows[i].starts_with(std::string(all[i].category) + " "));
    auto const name_at = rows[i].find(std::string(all[i].name) + "  ");
    auto const description_at = rows[i].rfind(std::string(all[i].description));
    REQUIRE(name_at != std::string::npos);
    REQUIRE(description_at != std::string::npos);
    // Endpoints end with their default path and streaming, e.g. "[path /v1/embeddings; no streaming]".
    const std::string tail = all[i].traits.empty() ? std::string() : " [" + all[i].traits + "]";
    CHECK(description_at + all[i].description.size() + tail.size() == rows[i].size());
    CHECK(rows[i].ends_with(tail));
    if (i == 0) name_column = name_at, description_column = description_at;
    CHECK(name_at == name_column);  // aligned columns
    CHECK(description_at == description_column);
  }
  CHECK(text.find("endpoint  chat") == 0);
  CHECK(text.find("[path /v1/chat/completions; streams]\n") != std::string::npos);
  CHECK(text.find("[path /generate (/generate_stream when streaming); streams]\n") != std::string::npos);
  CHECK(text.find("[path /v2/rerank; no streaming]\n") != std::string::npos);
  CHECK(text.find("[path: the --url as given; streams]\n") != std::string::npos);
}

TEST_CASE("plugins: the category filter", "[cli][plugins]") {
  CHECK(aiperf::driver::plugin_categories() == std::vector<std::string_view>{"endpoint", "schedule", "dataset"});
  auto const schedules = lines(aiperf::driver::plugins_text("schedule"));
  CHECK(schedules.size() == aiperf::driver::schedule_types::size);
  for (auto const& row : schedules) CHECK(row.starts_with("schedule  "));
  CHECK(aiperf::driver::plugins_text("nothing").empty());
}

TEST_CASE("plugins: the command line", "[cli][plugins]") {
  CHECK(plugins_request({"plugins"}).category.empty());
  CHECK(plugins_request({"plugins", "endpoint"}).category == "endpoint");
  CHECK(plugins_request({"plugins", "Schedule"}).category == "schedule");
  CHECK(err({"plugins", "metrics"}) ==
        "aiperf: error: plugins: unknown category 'metrics' (choose from endpoint, schedule, dataset)\n");
  CHECK(err({"plugins", "endpoint", "extra"}) == "aiperf: error: unexpected argument 'extra'\n");
  CHECK(err({"plugins", "--bogus"}).starts_with("aiperf: error: unknown option '--bogus'"));
  auto const help = cli_test::exits({"plugins", "--help"});
  CHECK(help.code == 0);
  CHECK(help.out.find("endpoint, schedule, dataset") != std::string::npos);
}
