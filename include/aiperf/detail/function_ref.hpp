// SPDX-License-Identifier: Apache-2.0
// aiperf/detail/function_ref.hpp — a non-owning reference to a callable: one object pointer and
// one thunk, no allocation, trivially copyable.  It lets non-template cores (the response
// parser, the SSE framer) take the caller's lambda without being templates themselves, so
// their bodies are compiled once instead of once per lambda type.
//
// Lifetime: it refers to the callable, it does not copy it.  Passing a lambda directly as an
// argument is safe (the temporary lives until the call returns); storing a function_ref built
// from a temporary is not.
#pragma once

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace aiperf {
inline namespace v0 {
namespace detail {

template <class Sig>
class function_ref;

template <class R, class... Args>
class function_ref<R(Args...)> {
 public:
  /// Refers to `f`, any object callable as R(Args...) (a non-void result is discarded when R
  /// is void).  Function names are not accepted: pass a lambda or a function pointer object.
  template <class F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, function_ref> &&
             std::is_object_v<std::remove_reference_t<F>> &&
             std::is_invocable_r_v<R, std::remove_reference_t<F>&, Args...>)
  function_ref(F&& f) noexcept  // NOLINT(google-explicit-constructor): callers pass lambdas
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        thunk_(&call<std::remove_reference_t<F>>) {}

  R operator()(Args... args) const { return thunk_(object_, std::forward<Args>(args)...); }

 private:
  template <class F>
  static R call(void* object, Args... args) {
    if constexpr (std::is_void_v<R>)
      static_cast<void>(std::invoke(*static_cast<F*>(object), std::forward<Args>(args)...));
    else
      return std::invoke(*static_cast<F*>(object), std::forward<Args>(args)...);
  }

  void* object_;
  R (*thunk_)(void*, Args...);
};

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
