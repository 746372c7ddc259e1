// SPDX-License-Identifier: Apache-2.0
// aiperf/schedules/user_centric.hpp — `--user-centric-rate Q --num-users U` (spec load-generation
// §5.5, LMBenchmark-style): U users each send one turn every U/Q seconds, so the aggregate is
// about Q requests/s, and a user that finishes its conversation is replaced by a new one.  The
// run starts in a steady state ("virtual history"): the initial users are spread over one turn
// gap, Q apart, with the turns they would have left had they started earlier.
//
// The schedule issues each user's first turn (a credit naming the user, its turn budget and
// the gap); the shard paces the user's later turns itself, each due a gap after the previous
// one or at once when the answer came later than that (credit::turn_gap_ns).  Replacement
// users follow an absolute timetable, whatever the answers do; only --concurrency throttles.
//
// Where this differs from upstream: a replacement is scheduled from the dataset's average turn
// count (the schedule does not know which conversation the sampler will pick for it).
#pragma once
#include <aiperf/detail/checked_time.hpp>
#include <aiperf/concepts/schedule.hpp>
#include <aiperf/conversation.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <cstdint>
#include <numeric>
#include <optional>
#include <queue>
#include <span>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace schedules {

struct user_centric_options {
  double qps = 1.0;         // --user-centric-rate: aggregate requests per second
  std::int64_t users = 1;   // --num-users
};

class user_centric {
 public:
  static constexpr std::string_view name = "user_centric_rate";
  static constexpr std::string_view description =
      "users each sending one turn every num-users / rate seconds, replaced as they finish";

  /// An unbound schedule: the turn budget comes from the dataset (bind()).
  explicit user_centric(user_centric_options const& o) : o_(o) {
    if (!(o.qps > 0)) throw std::invalid_argument("request_rate must be set and positive for user-centric rate mode");
    if (o.users <= 0) throw std::invalid_argument("num_users must be set and non-zero for user-centric rate mode");
  }

  /// The schedule for `convs`: T = their average turn count, rounded half to even.
  [[nodiscard]] user_centric bind(std::span<const conversation> convs) const {
    double turns = 0;
    for (auto const& c : convs) turns += static_cast<double>(c.turns.size());
    user_centric b(o_);
    b.turns_ = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::nearbyint(convs.empty() ? 1 : turns / convs.size())));
    b.start();
    return b;
  }

  std::optional<credit> next() {
    if (events_.empty()) return std::nullopt;  // unbound
    for (;;) {
      const event e = pop();
      const bool mine = produced_++ % stride_ == first_;
      if (mine) return credit{e.time_ns, -1, e.max_turns, gap_ns(), e.user_id, /*wait_for_slot=*/true};
    }
  }

  /// Shard i of n issues users i, i+n, ... of the one timetable (every shard computes it).
  [[nodiscard]] user_centric shard(std::uint32_t i, std::uint32_t n) const {
    user_centric s = *this;
    s.first_ = i;
    s.stride_ = std::max<std::uint32_t>(n, 1);
    return s;
  }

  /// Seconds between two turns of one user (U / Q) and between two users' first turns (1 / Q).
  [[nodiscard]] std::int64_t gap_ns() const noexcept { return detail::seconds_to_ns(static_cast<double>(o_.users) / o_.qps); }
  [[nodiscard]] std::int64_t stagger_ns() const noexcept { return detail::seconds_to_ns(1.0 / o_.qps); }
  /// The dataset's average turn count (0 until bound).
  [[nodiscard]] std::int64_t turns() const noexcept { return turns_; }

 private:
  struct event {
    std::int64_t time_ns;
    std::uint64_t seq;        // ties keep creation order
    std::int64_t max_turns;   // 0: the whole conversation
    std::int64_t user_id;
    bool spawn;               // a replacement (its id is given when it fires)
    friend bool operator>(event const& a, event const& b) {
      return a.time_ns != b.time_ns ? a.time_ns > b.time_ns : a.seq > b.seq;
    }
  };

  void push(event e) {
    e.seq = seq_++;
    events_.push_back(e);
    std::push_heap(events_.begin(), events_.end(), std::greater<>{});
  }
  event pop() {
    std::pop_heap(events_.begin(), events_.end(), std::greater<>{});
    event e = events_.back();
    events_.pop_back();
    if (e.spawn) e.user_id = next_user_id_++;
    // The one after it: when this user's turns are done, a new user takes its place.
    const std::int64_t budget = e.max_turns > 0 ? e.max_turns : turns_;
    push(event{e.time_ns + budget * gap_ns(), 0, 0, 0, true});
    return e;
  }

  /// Spec §5.5's virtual history: user i of U has (U - i) * L / U of its L gaps behind it.
  void start() {
    const std::int64_t U = o_.users, L = std::max<std::int64_t>(1, turns_ - 1);
    const bool use_alt = std::gcd(U, L) > 1;
    std::int64_t step = 1;
    if (use_alt)
      for (std::int64_t k = 2; k < U; ++k)
        if (std::gcd(k, U) == 1) {
          step = k;
          break;
        }
    next_user_id_ = 1;
    for (std::int64_t i = 0; i < U; ++i) {
      const std::int64_t virtual_age = (U - i) * L, session_age = virtual_age / U, left = L - session_age;
      if (left <= 0) {
        ++next_user_id_;  // this one finished before the start
        continue;
      }
      const std::int64_t slot = use_alt ? (i * step) % U : virtual_age % U;
      push(event{(U - slot) * stagger_ns(), 0, left, next_user_id_++, false});
    }
    push(event{0, 0, 0, next_user_id_++, false});  // a fresh user in place of the finished one
  }

  user_centric_options o_;
  std::int64_t turns_ = 0;
  std::vector<event> events_;  // min-heap by (time, seq)
  std::uint64_t seq_ = 0, produced_ = 0;
  std::int64_t next_user_id_ = 1;
  std::uint32_t first_ = 0, stride_ = 1;
};

static_assert(Schedule<user_centric>);

}  // namespace schedules
}  // namespace v0
}  // namespace aiperf
