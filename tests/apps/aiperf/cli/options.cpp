// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/options.hpp: each option declared once yields its member, its Hana reflection
// and its metadata; choices of policy options are exactly the registry's names.
#include "support.hpp"

#include "cli/options.hpp"
#include "cli/values.hpp"
#include "registry.hpp"

#include <boost/hana/accessors.hpp>
#include <boost/hana/for_each.hpp>

#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace hana = boost::hana;
using aiperf::driver::option_meta;

namespace {
template <class List>
std::vector<std::string_view> registry_names(List list) {
  auto const names = aiperf::driver::names_of(list);
  return {names.begin(), names.end()};
}
std::vector<std::string_view> words(aiperf::driver::choice_list const& list) { return {list.begin(), list.end()}; }
}  // namespace

TEST_CASE("options: sections are the input_config keys, in order", "[cli][options]") {
  std::vector<std::string_view> sections;
  hana::for_each(hana::accessors<aiperf::driver::profile_options>(), [&](auto accessor) {
    sections.push_back(hana::to<char const*>(hana::first(accessor)));
  });
  CHECK(sections == std::vector<std::string_view>{"endpoint", "tokenizer", "input", "loadgen", "output", "service"});
}

TEST_CASE("options: a section's reflection and metadata come from the same declarations", "[cli][options]") {
  std::vector<std::string_view> reflected;
  hana::for_each(hana::accessors<aiperf::driver::loadgen_section>(), [&](auto accessor) {
    reflected.push_back(hana::to<char const*>(hana::first(accessor)));
  });
  std::vector<std::string_view> described;
  for (option_meta const& m : aiperf::driver::option_section<aiperf::driver::loadgen_section>::meta)
    described.push_back(m.field);
  CHECK(reflected == described);
  CHECK(reflected.front() == "concurrency");
  CHECK(aiperf::driver::option_section<aiperf::driver::loadgen_section>::name == "loadgen");

  // The accessors reach the members.
  aiperf::driver::profile_options o;
  o.loadgen.concurrency = 7;
  bool seen = false;
  aiperf::driver::for_each_option(
      [&](std::string_view section, option_meta const& m, auto const& member) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(member)>, std::optional<std::int64_t>>)
          if (m.field == "concurrency") {
            CHECK(section == "loadgen");
            CHECK(member == 7);
            seen = true;
          }
      },
      o);
  CHECK(seen);
}

TEST_CASE("options: defaults are AIPerf V-main's", "[cli][options]") {
  aiperf::driver::profile_options const o;
  CHECK(o.endpoint.model_names.empty());
  CHECK(o.endpoint.endpoint_type == "chat");
  CHECK(o.endpoint.urls == std::vector<std::string>{"localhost:8000"});
  CHECK(o.endpoint.request_timeout_seconds == 21600);
  CHECK(o.tokenizer.tokenizer_revision == "main");
  CHECK(o.input.extra_inputs_json.text == "{}");
  CHECK(o.input.goodput.empty());
  CHECK(o.input.num_dataset_entries == 100);
  CHECK(o.input.isl == 550);
  CHECK(!o.input.osl);
  CHECK(o.loadgen.arrival_pattern == "poisson");
  CHECK(o.loadgen.warmup_request_count == 0);
  CHECK(o.output.artifact_dir == "artifacts");
  CHECK(o.output.export_level == "records");
  CHECK(o.service.workers == 0);
  CHECK(o.service.log_level == "info");
}

TEST_CASE("options: every option has flags, a group and help, and unique member names and spellings",
          "[cli][options]") {
  std::set<std::string_view> fields, spellings;
  std::size_t count = 0;
  aiperf::driver::for_each_option([&](std::string_view, option_meta const& m) {
    INFO(m.field);
    ++count;
    CHECK(!m.help.empty());
    CHECK(!m.group.empty());
    CHECK(m.names.empty() == m.resolved);
    CHECK(fields.insert(m.field).second);
    if (!m.names.empty())
      for (auto spelling : aiperf::driver::cli_detail::split(m.names, ',')) CHECK(spellings.insert(spelling).second);
  });
  CHECK(count == 120);
}

TEST_CASE("options: policy choices are exactly the registry's names", "[cli][options][registry]") {
  auto const endpoint_type = aiperf::driver::find_option_meta("endpoint_type");
  REQUIRE(endpoint_type);
  CHECK(words(endpoint_type->choices) == registry_names(aiperf::driver::endpoint_types{}));
  for (std::string_view field : {"arrival_pattern", "warmup_arrival_pattern"}) {
    INFO(field);
    auto const meta = aiperf::driver::find_option_meta(field);
    REQUIRE(meta);
    CHECK(words(meta->choices) == registry_names(aiperf::driver::schedule_types{}));
  }
  // A registered type is never refused; the not_yet names are not registered (also a static_assert).
  for (auto name : endpoint_type->not_yet) CHECK(!aiperf::driver::contains_name(aiperf::driver::endpoint_types{}, name));
  // Every registered endpoint is accepted by the parser.
  for (auto name : aiperf::driver::names_of(aiperf::driver::endpoint_types{}))
    CHECK(cli_test::ok(cli_test::profile({"--endpoint-type", std::string(name)})).options.endpoint.endpoint_type == name);
}

TEST_CASE("options: a default that has choices is one of them", "[cli][options]") {
  aiperf::driver::profile_options const defaults;
  aiperf::driver::for_each_option(
      [&](std::string_view, option_meta const& m, auto const& value) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(value)>, std::string>) {
          INFO(m.field << " = " << value);
          if (!m.choices.empty() && !value.empty()) CHECK(m.choices.contains(value));
        }
      },
      defaults);
}

TEST_CASE("options: choice_list is a constexpr list of words", "[cli][options]") {
  constexpr aiperf::driver::choice_list inline_words = {"a", "b"};
  static_assert(inline_words.size() == 2 && inline_words.contains("b") && !inline_words.contains("c"));
  constexpr aiperf::driver::choice_list from_registry = aiperf::driver::names_of(aiperf::driver::schedule_types{});
  static_assert(from_registry.size() == aiperf::driver::schedule_types::size);
  CHECK(aiperf::driver::cli_detail::join(from_registry, ", ") == "poisson, constant, gamma, concurrency_burst");
}
