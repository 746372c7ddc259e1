// SPDX-License-Identifier: Apache-2.0
// Uses the installed headers: a schedule and an endpoint encode a request.
#include <aiperf/endpoints/openai_chat.hpp>
#include <aiperf/schedules/poisson.hpp>

#include <cstdio>

int main() {
  aiperf::schedules::poisson p(10.0, 1);
  aiperf::endpoints::openai_chat chat(aiperf::endpoints::endpoint_options{.model = "m"});
  aiperf::conversation c;
  c.turns.push_back(aiperf::turn{"hi", -1, 4, 0, -1, ""});
  std::printf("consumer ok %s %lld\n", chat.encode(c, 0).body.c_str(),
              static_cast<long long>(p.next()->offset_ns > 0));
}
