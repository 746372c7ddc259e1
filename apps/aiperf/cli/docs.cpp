// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/docs.cpp — docs/cli-options.md (see docs.hpp).
#include "docs.hpp"

#include "cli.hpp"
#include "unsupported.hpp"
#include "values.hpp"

#include "../registry.hpp"

#include <algorithm>
#include <type_traits>
#include <vector>

namespace aiperf::driver {
namespace {

using namespace cli_detail;

/// `a`, `b` -> "`a`, `b`".
std::string code_list(std::vector<std::string_view> const& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += ", ";
    out += '`';
    out += words[i];
    out += '`';
  }
  return out;
}

void append_option(std::string& md, std::string_view section, option_meta const& meta, auto const& default_value) {
  using value_t = std::remove_cvref_t<decltype(default_value)>;
  bool const is_flag = std::is_same_v<value_t, bool>;
  md += "\n#### ";
  if (meta.resolved) {
    md += "(resolved) `" + std::string(meta.field) + "`";
  } else {
    md += code_list(split(meta.names, ','));
    if (!is_flag) md += " `" + placeholder<value_t>(meta) + "`";
  }
  md += "\n\n" + std::string(meta.help) + "\n";
  if (meta.required) {
    md += "\n- Required.\n";
  } else if (is_flag) {
    md += "\n- Flag (no value).\n";
  } else if (!meta.resolved) {
    auto const shown = display(default_value);
    md += "\n- Default: " + (shown.empty() ? std::string("*unset*") : "`" + shown + "`") + "\n";
  }
  if (meta.bound != option_bound::none)
    md += "- Must be " + bound_text(meta.bound) + (meta.accepts_inf ? " (`inf` accepted)" : "") + ".\n";
  if (meta.at_most.value > 0) md += "- At most " + at_most_text(meta.at_most) + ".\n";
  if (!meta.not_yet.empty())
    md += "- Recognised but not supported yet: " +
          code_list(std::vector<std::string_view>(meta.not_yet.begin(), meta.not_yet.end())) + ".\n";
  if (meta.redact != option_redact::none) md += "- Redacted in `input_config` and `cli_command`.\n";
  if (section.empty()) return;  // a command other than profile: nothing is echoed
  md += std::string(meta.resolved ? "\n" : "") + "- echo: `input_config." +
        (meta.echo.empty() ? std::string(own_options_key) + "." + std::string(section) + "." + std::string(meta.field)
                           : std::string(meta.echo)) +
        "`\n";
}

/// The options of a command other than profile (analyze-trace, synthesize-trace), by help group.
template <class Section>
void append_command(std::string& md, std::string_view command, std::string_view intro) {
  md += "\n## `aiperf " + std::string(command) + "`\n\n" + std::string(intro) + "\n";
  Section const defaults{};
  for_each_section_option<Section>(
      [&, group = std::string_view{}](option_meta const& meta, auto const& default_value) mutable {
        if (meta.group != group) md += "\n### " + std::string(group = meta.group) + "\n";
        append_option(md, {}, meta, default_value);
      },
      defaults);
}

}  // namespace

std::string cli_options_markdown() {
  std::string md;
  md += "<!-- SPDX-License-Identifier: Apache-2.0 -->\n";
  md += "<!-- Generated from apps/aiperf/cli/options.hpp and apps/aiperf/registry.hpp by scripts/gen-cli-docs.sh; "
        "do not edit. -->\n";
  md += "# `aiperf` command-line options\n\n";
  md += "## Commands\n\n";
  md += "- `aiperf profile` — " + std::string(profile_description) + "\n";
  md += "- `aiperf plugins [category]` — " + std::string(plugins_description) + " See *Compiled-in policies* below.\n";
  md += "- `aiperf analyze-trace INPUT_FILE` — " + std::string(analyze_trace_description) +
        " See *`aiperf analyze-trace`* below.\n";
  md += "- `aiperf synthesize-trace INPUT_FILE OUTPUT_FILE` (also `aiperf synthesize`) — " +
        std::string(synthesize_trace_description) + " See *`aiperf synthesize-trace`* below.\n";
  for (auto const& [name, about] : other_commands)
    md += "- `aiperf " + std::string(name) + "` — " + std::string(about) + " *Not implemented yet in this build.*\n";
  md += "- `aiperf --version` — print the version.\n\n";

  md += "## `aiperf profile`\n\n";
  md += "Lists accept repetition and commas (`-m a -m b` = `-m a,b`). Numbers are checked and every error names the "
        "flag. The options that were set are echoed (secrets redacted) as `input_config` in `profile_export_aiperf.json`, "
        "at AIPerf's UserConfig path, shown as *echo* below; options AIPerf does not have go under "
        "`input_config.aiperf_cpp` (see docs/artifacts.md).\n";
  std::vector<std::string_view> groups;
  for_each_option([&](std::string_view, option_meta const& meta) {
    if (std::find(groups.begin(), groups.end(), meta.group) == groups.end()) groups.push_back(meta.group);
  });
  profile_options const defaults{};
  for (auto group : groups) {
    md += "\n### " + std::string(group) + "\n";
    for_each_option(
        [&](std::string_view section, option_meta const& meta, auto const& default_value) {
          if (meta.group == group) append_option(md, section, meta, default_value);
        },
        defaults);
  }

  append_command<analyze_trace_section>(
      md, "analyze-trace",
      "Reads a Mooncake trace (JSONL), prints the trace analysis report and, with `--output-file`, writes it as "
      "JSON; see docs/analyze-trace.md.");
  append_command<synthesize_trace_section>(
      md, "synthesize-trace",
      "Reads a Mooncake trace (JSONL), applies the synthesis transform and writes the synthesized trace (JSONL); "
      "`aiperf synthesize` is the same command. See docs/synthesize.md.");
  append_command<compare_section>(
      md, "compare",
      "Compares a baseline run with one or more candidate runs: for each headline metric the difference, its "
      "confidence interval and a verdict, on the console and in `compare.json`; see docs/compare.md.");

  md += "\n## Compiled-in policies\n\n";
  md += "What this build can run, as `aiperf plugins` lists it: `--endpoint-type` takes an endpoint name, "
        "`--arrival-pattern` and `--warmup-arrival-pattern` a schedule name.\n\n";
  md += "| Category | Name | Description | Default path; streaming |\n";
  md += "|---|---|---|---|\n";
  for (auto const& entry : plugins())
    md += "| " + std::string(entry.category) + " | `" + std::string(entry.name) + "` | " +
          std::string(entry.description) + " | " + entry.traits + " |\n";

  md += "\n## Recognised but not supported yet by this build\n\n";
  md += "These AIPerf options stop the command with `aiperf: error: --X is not supported yet by this build` "
        "(never an unknown-option error, never silently ignored).\n";
  std::vector<std::string_view> unsupported_groups;
  for (auto const& unsupported : unsupported_profile_options)
    if (std::find(unsupported_groups.begin(), unsupported_groups.end(), unsupported.group) == unsupported_groups.end())
      unsupported_groups.push_back(unsupported.group);
  for (auto group : unsupported_groups) {
    md += "\n- **" + std::string(group) + "**: ";
    bool first = true;
    for (auto const& unsupported : unsupported_profile_options) {
      if (unsupported.group != group) continue;
      if (!first) md += "; ";
      md += code_list(split(unsupported.names, ','));
      first = false;
    }
    md += "\n";
  }
  return md;
}

}  // namespace aiperf::driver
