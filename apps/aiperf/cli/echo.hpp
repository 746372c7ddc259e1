// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/echo.hpp — how the options are echoed into the artifacts: `input_config` of
// profile_export_aiperf.json (generated from the option declarations, secrets redacted) and
// `cli_command` (argv, shell-quoted, secrets redacted).
#pragma once
#include "options.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace aiperf::driver {

inline constexpr std::string_view redacted_text = "<redacted>";

/// `scheme://user:pass@host/...` -> `scheme://<redacted>@host/...`; other URLs unchanged.
std::string redact_url_credentials(std::string_view url);

/// The resolved options as the `input_config` JSON object:
/// `{"endpoint": {...}, "tokenizer": {...}, "input": {...}, "loadgen": {...}, "output": {...},
/// "service": {...}}`, keys = member names, unset optionals (and an empty --goodput) omitted,
/// secrets redacted (API key, URL credentials, values of credential-like headers); --goodput is
/// an object `{"tag": threshold}` as AIPerf stores it.
std::string input_config_json(profile_options const& options);

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
