// SPDX-License-Identifier: Apache-2.0
// aiperf/schedules/fixed_schedule.hpp — trace replay (AIPerf `--fixed-schedule`, spec
// load-generation §5.4): each conversation starts at its first turn's timestamp, in timestamp
// order, and the credit names that conversation, so every request's intended send time is the
// trace's time and the lateness metrics stay true.
//
// Time zero is the first timestamp with auto-offset (--fixed-schedule-auto-offset), else
// --fixed-schedule-start-offset, else 0 (a trace that starts at 30,000 ms idles 30 s first).
// Later turns of a session go at their own timestamp (same mapping) or after their delay: that
// is the shard's part (phase_limits::trace_zero_ms), since it follows each response.
//
// The times come from the dataset, so the schedule is made unbound and bound to the built
// conversations before the run (the Schedule concept's optional bind() customization point).
#pragma once
#include <aiperf/detail/checked_time.hpp>
#include <aiperf/concepts/schedule.hpp>
#include <aiperf/conversation.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace schedules {

struct fixed_schedule_options {
  bool auto_offset = false;                    // --fixed-schedule-auto-offset: the first timestamp is time zero
  std::optional<std::int64_t> start_offset_ms = {};  // --fixed-schedule-start-offset: else time zero
};

class fixed_schedule {
 public:
  static constexpr std::string_view name = "fixed_schedule";
  static constexpr std::string_view description = "trace replay: each conversation at its first turn's timestamp";

  struct entry {
    std::int64_t offset_ns;     // from the phase start
    std::int64_t conversation;  // index into the dataset
  };

  /// An unbound replay: it takes its times from the dataset the run builds (bind(), which
  /// run_benchmark calls with the built conversations; the driver too).
  explicit fixed_schedule(fixed_schedule_options const& o = {}) : options_(o) {}

  /// This replay over `convs`: every conversation's first turn must carry a timestamp.
  /// std::invalid_argument with the spec's messages otherwise.
  [[nodiscard]] fixed_schedule bind(std::span<const conversation> convs) const {
    std::vector<std::pair<std::int64_t, std::int64_t>> starts;  // (timestamp ms, conversation)
    starts.reserve(convs.size());
    for (std::size_t i = 0; i < convs.size(); ++i) {
      if (convs[i].turns.empty()) continue;
      if (convs[i].turns.front().timestamp_ms < 0)
        throw std::invalid_argument("First turn of " + convs[i].id + " missing timestamp_ms");
      starts.emplace_back(convs[i].turns.front().timestamp_ms, static_cast<std::int64_t>(i));
    }
    if (starts.empty()) throw std::invalid_argument("No conversations with valid first-turn timestamps found");
    std::stable_sort(starts.begin(), starts.end(), [](auto const& a, auto const& b) { return a.first < b.first; });
    fixed_schedule bound(options_);
    bound.zero_ms_ = options_.auto_offset ? starts.front().first : options_.start_offset_ms.value_or(0);
    auto entries = std::make_shared<std::vector<entry>>();
    entries->reserve(starts.size());
    for (auto [ts, conv] : starts)
      entries->push_back(entry{detail::milliseconds_to_ns(std::max<std::int64_t>(0, ts - bound.zero_ms_)), conv});
    bound.entries_ = std::move(entries);
    return bound;
  }

  std::optional<credit> next() {
    if (!entries_ || pos_ >= entries_->size()) return std::nullopt;  // unbound, or the trace is over
    entry const& e = (*entries_)[pos_];
    pos_ += stride_;
    return credit{.offset_ns = e.offset_ns, .conversation = e.conversation, .wait_for_slot = true};
  }

  /// Shard i of n replays entries i, i+n, i+2n, ...: together the whole trace, each entry once.
  /// A credit names its conversation, so every turn of a session stays on the shard that started it.
  [[nodiscard]] fixed_schedule shard(std::uint32_t i, std::uint32_t n) const {
    fixed_schedule s = *this;
    s.pos_ = pos_ + static_cast<std::size_t>(i) * stride_;
    s.stride_ = stride_ * std::max<std::uint32_t>(n, 1);
    return s;
  }

  /// Time zero in trace milliseconds: later turns with timestamps map the same way.
  [[nodiscard]] std::int64_t zero_ms() const noexcept { return zero_ms_; }
  /// Conversations the schedule starts (the phase's session count); 0 until bound.
  [[nodiscard]] std::size_t size() const noexcept { return entries_ ? entries_->size() : 0; }

 private:
  fixed_schedule_options options_;
  std::shared_ptr<const std::vector<entry>> entries_;  // shared by every shard: a trace can be large
  std::int64_t zero_ms_ = 0;
  std::size_t pos_ = 0, stride_ = 1;
};

static_assert(Schedule<fixed_schedule>);

}  // namespace schedules
}  // namespace v0
}  // namespace aiperf
