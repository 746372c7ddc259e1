// SPDX-License-Identifier: Apache-2.0
// Must NOT compile: a schedule whose next() returns a double instead of std::optional<credit>.
#include <aiperf/runner/any_schedule.hpp>

struct bad_schedule {
  double next() { return 1.0; }
  bad_schedule shard(std::uint32_t, std::uint32_t) const { return *this; }
};

int main() {
  aiperf::any_schedule s = bad_schedule{};
  (void)s;
}
