// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/any_schedule.hpp — a type-erased Schedule.  Schedules are called once per
// request (cold), so the driver erases them instead of instantiating a runner per schedule.
#pragma once
#include <aiperf/concepts/schedule.hpp>

#include <memory>
#include <optional>
#include <string_view>
#include <utility>

namespace aiperf {
inline namespace v0 {

class any_schedule {
 public:
  /// Wraps any Schedule.  Unconstrained on purpose: a type that is not a Schedule gets the
  /// sentence below instead of an overload-resolution failure.
  template <class S>
    requires(!std::same_as<std::remove_cvref_t<S>, any_schedule>)
  any_schedule(S s) {  // NOLINT: implicit by design
    static_assert(Schedule<S>,
                  "aiperf::any_schedule: the argument must model aiperf::Schedule -- provide "
                  "`std::optional<aiperf::credit> next()` and `S shard(std::uint32_t i, std::uint32_t n) const`");
    if constexpr (Schedule<S>) impl_ = std::make_unique<model<S>>(std::move(s));
  }

  any_schedule(any_schedule const& o) : impl_(o.impl_->clone()) {}
  any_schedule(any_schedule&&) noexcept = default;
  any_schedule& operator=(any_schedule const& o) {
    impl_ = o.impl_->clone();
    return *this;
  }
  any_schedule& operator=(any_schedule&&) noexcept = default;

  std::optional<credit> next() { return impl_->next(); }
  [[nodiscard]] any_schedule shard(std::uint32_t i, std::uint32_t n) const {
    return any_schedule(impl_->shard(i, n));
  }

 private:
  struct concept_t {
    virtual ~concept_t() = default;
    virtual std::optional<credit> next() = 0;
    virtual std::unique_ptr<concept_t> clone() const = 0;
    virtual std::unique_ptr<concept_t> shard(std::uint32_t, std::uint32_t) const = 0;
  };
  template <class S>
  struct model final : concept_t {
    explicit model(S s) : s_(std::move(s)) {}
    std::optional<credit> next() override { return s_.next(); }
    std::unique_ptr<concept_t> clone() const override { return std::make_unique<model>(s_); }
    std::unique_ptr<concept_t> shard(std::uint32_t i, std::uint32_t n) const override {
      return std::make_unique<model>(S(s_.shard(i, n)));
    }
    S s_;
  };
  explicit any_schedule(std::unique_ptr<concept_t> p) : impl_(std::move(p)) {}
  std::unique_ptr<concept_t> impl_;
};

static_assert(Schedule<any_schedule>);

}  // namespace v0
}  // namespace aiperf
