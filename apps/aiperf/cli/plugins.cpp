// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/plugins.cpp — `aiperf plugins` (see plugins.hpp).
#include "plugins.hpp"

#include "../registry.hpp"

#include <algorithm>

namespace aiperf::driver {

std::vector<std::string_view> plugin_categories() {
  std::vector<std::string_view> out;
  for (auto const& entry : plugins())
    if (std::find(out.begin(), out.end(), entry.category) == out.end()) out.push_back(entry.category);
  return out;
}

std::string plugins_text(std::string_view category) {
  std::vector<plugin_entry> shown;
  for (auto const& entry : plugins())
    if (category.empty() || entry.category == category) shown.push_back(entry);
  std::size_t category_width = 0, name_width = 0;
  for (auto const& entry : shown) {
    category_width = std::max(category_width, entry.category.size());
    name_width = std::max(name_width, entry.name.size());
  }
  std::string out;
  for (auto const& entry : shown) {
    out += entry.category;
    out.append(category_width - entry.category.size() + 2, ' ');
    out += entry.name;
    out.append(name_width - entry.name.size() + 2, ' ');
    out += entry.description;
    if (!entry.traits.empty()) out += " [" + entry.traits + "]";
    out += '\n';
  }
  return out;
}

}  // namespace aiperf::driver
