// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/echo.hpp — how the options are echoed into the artifacts: `input_config` of
// profile_export_aiperf.json (generated from the option declarations, secrets redacted) and
// `cli_command` (argv, shell-quoted, secrets redacted).
#pragma once
#include "options.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf::driver {

inline constexpr std::string_view redacted_text = "<redacted>";

/// `scheme://user:pass@host/...` -> `scheme://<redacted>@host/...`; other URLs unchanged.
std::string redact_url_credentials(std::string_view url);

/// input_config's key for our own options (option_meta::echo empty): AIPerf has no such
/// field, so its readers never look there.
inline constexpr std::string_view own_options_key = "aiperf_cpp";

/// The options as the `input_config` JSON object, as AIPerf writes its UserConfig
/// (exclude_unset, exclude_none): only the options in `set_fields` (given on the command line, or
/// assigned by the resolution where AIPerf's validators assign them) and with a value, each at
/// its AIPerf path (option_meta::echo: `{"endpoint": {"type": ...}, "input": {"prompt":
/// {"input_tokens": {"mean": ...}}}, ...}`), top-level keys in AIPerf's order, then
/// `cli_command` (when not empty), then ours under `aiperf_cpp.<section>.<member>`.  Secrets are
/// redacted (API key, URL credentials, values of credential-like headers); headers and
/// --extra-inputs are lists of [key, value] pairs, --goodput an object {tag: threshold}.
/// `benchmark_id` is known only when the run starts: results::with_benchmark_id adds it.
std::string input_config_json(profile_options const& options, std::span<std::string const> set_fields,
                              std::string_view cli_command);

namespace cli_detail {

/// A number as Python's json writes a float: integral values keep ".0", shortest round-trip
/// otherwise; infinities (unbounded grace periods) become the strings "inf" / "-inf".
std::string json_number(double value);

/// Header names whose values are credentials.
bool is_sensitive_header(std::string_view name);

std::string shell_quote(std::string_view word);

/// argv (without the program name) joined for run_info.cli_command, secrets replaced by <redacted>.
std::string redacted_command_line(std::vector<std::string> const& args);

}  // namespace cli_detail
}  // namespace aiperf::driver
