// SPDX-License-Identifier: Apache-2.0
// aiperf/runner/endpoint_decoder.hpp — one shard's copy of an Endpoint, seen only through its
// response side: on_event (one SSE event's data) and on_body (a whole body).  This is the
// small type-erased handler between the non-template request path (transport, SSE framing,
// records: runner/shard_core.hpp) and the Endpoint's own parse code.  Erasure costs one
// indirect call per response unit; the Endpoint's parser itself is inlined into its thunk,
// and the arrival time was stamped before any of it ran.  Copying gives the copy its own
// Endpoint object (parse scratch is per shard).
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/response_sink.hpp>

#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>

namespace aiperf {
inline namespace v0 {

class endpoint_decoder {
 public:
  template <class E>
    requires(!std::same_as<std::remove_cvref_t<E>, endpoint_decoder>)
  explicit endpoint_decoder(E const& endpoint) : self_(new E(endpoint)), ops_(&ops_for<E>) {
    static_assert(Endpoint<E>, "aiperf::endpoint_decoder: the argument must model aiperf::Endpoint");
  }

  endpoint_decoder(endpoint_decoder const& o) : self_(o.ops_->clone(o.self_)), ops_(o.ops_) {}
  endpoint_decoder(endpoint_decoder&& o) noexcept : self_(std::exchange(o.self_, nullptr)), ops_(o.ops_) {}
  endpoint_decoder& operator=(endpoint_decoder o) noexcept {
    std::swap(self_, o.self_);
    std::swap(ops_, o.ops_);
    return *this;
  }
  ~endpoint_decoder() {
    if (self_) ops_->destroy(self_);
  }

  /// One SSE event's `data` field.
  void on_event(std::string_view data, response_sink& sink) { ops_->on_event(self_, data, sink); }
  /// A whole response body (non-streamed, or a non-SSE answer to a streamed request).
  void on_body(std::string_view body, response_sink& sink) { ops_->on_body(self_, body, sink); }

 private:
  struct operations {
    void (*on_event)(void*, std::string_view, response_sink&);
    void (*on_body)(void*, std::string_view, response_sink&);
    void* (*clone)(void const*);
    void (*destroy)(void*);
  };
  template <class E>
  static constexpr operations ops_for = {
      [](void* e, std::string_view d, response_sink& s) { static_cast<E*>(e)->on_event(d, s); },
      [](void* e, std::string_view b, response_sink& s) { static_cast<E*>(e)->on_body(b, s); },
      [](void const* e) -> void* { return new E(*static_cast<E const*>(e)); },
      [](void* e) { delete static_cast<E*>(e); },
  };

  void* self_;
  operations const* ops_;
};

}  // namespace v0
}  // namespace aiperf
