// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/registry.hpp — the driver's policy registry: compile-time lists of the endpoint,
// schedule and dataset types it is built with, keyed by each type's `name`.  From these lists
// come the CLI choices (`--endpoint-type`, `--arrival-pattern`), the name -> type dispatch,
// the per-type instantiations, `aiperf plugins` and docs/cli-options.md.  Adding a policy to
// the driver = its header + one entry in one list below; nothing else names it.
//
// What a registered type provides (checked below, each with a sentence):
//   every family:  static constexpr std::string_view name, description;
//   endpoints:     aiperf::Endpoint, constructible from endpoints::endpoint_options,
//                  static constexpr std::string_view default_path;
//   schedules:     aiperf::Schedule, static S from_options(schedules::schedule_options const&);
//                  the name is the `--arrival-pattern` value;
//   datasets:      aiperf::Dataset, static D from_options(datasets::dataset_options const&).
//
// A build may add types without editing this file: compile the driver with
// -DAIPERF_DRIVER_EXTRA_POLICIES='"some/header.hpp"', a header that defines
// `aiperf::driver::extra_endpoint_types`, `extra_schedule_types` and `extra_dataset_types` as
// type_lists (the test suite adds a test-only endpoint this way).
#pragma once
#include <aiperf/concepts/dataset.hpp>
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/concepts/schedule.hpp>
#include <aiperf/datasets/dataset_options.hpp>
#include <aiperf/datasets/multi_turn.hpp>
#include <aiperf/datasets/random_pool.hpp>
#include <aiperf/datasets/sharegpt.hpp>
#include <aiperf/datasets/single_turn.hpp>
#include <aiperf/datasets/synthetic.hpp>
#include <aiperf/datasets/trace_dataset.hpp>
#include <aiperf/endpoints/chat_embeddings.hpp>
#include <aiperf/endpoints/cohere_rankings.hpp>
#include <aiperf/endpoints/embeddings.hpp>
#include <aiperf/endpoints/endpoint_options.hpp>
#include <aiperf/endpoints/hf_tei_rankings.hpp>
#include <aiperf/endpoints/image_generation.hpp>
#include <aiperf/endpoints/nim_embeddings.hpp>
#include <aiperf/endpoints/nim_rankings.hpp>
#include <aiperf/endpoints/openai_chat.hpp>
#include <aiperf/endpoints/openai_completions.hpp>
#include <aiperf/endpoints/openai_responses.hpp>
#include <aiperf/endpoints/raw.hpp>
#include <aiperf/endpoints/template_endpoint.hpp>
#include <aiperf/endpoints/anthropic_messages.hpp>
#include <aiperf/endpoints/tgi_generate.hpp>
#include <aiperf/schedules/concurrency.hpp>
#include <aiperf/schedules/constant.hpp>
#include <aiperf/schedules/gamma.hpp>
#include <aiperf/schedules/poisson.hpp>
#include <aiperf/schedules/schedule_options.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace aiperf::driver {

template <class... Ts>
struct type_list {
  static constexpr std::size_t size = sizeof...(Ts);
};

template <class... Ls>
struct concat;
template <class... As>
struct concat<type_list<As...>> {
  using type = type_list<As...>;
};
template <class... As, class... Bs, class... Rest>
struct concat<type_list<As...>, type_list<Bs...>, Rest...> : concat<type_list<As..., Bs...>, Rest...> {};

}  // namespace aiperf::driver

#if defined(AIPERF_DRIVER_EXTRA_POLICIES)
#include AIPERF_DRIVER_EXTRA_POLICIES
#else
namespace aiperf::driver {
using extra_endpoint_types = type_list<>;
using extra_schedule_types = type_list<>;
using extra_dataset_types = type_list<>;
}  // namespace aiperf::driver
#endif

namespace aiperf::driver {

// ---- the lists ------------------------------------------------------------------------------

using endpoint_types = concat<type_list<  //
    endpoints::openai_chat,
    endpoints::openai_completions,
    endpoints::openai_responses,
    endpoints::anthropic_messages,
    endpoints::tgi_generate,
    endpoints::embeddings,
    endpoints::nim_embeddings,
    endpoints::chat_embeddings,
    endpoints::hf_tei_rankings,
    endpoints::nim_rankings,
    endpoints::cohere_rankings,
    endpoints::image_generation,
    endpoints::raw,
    endpoints::template_endpoint>,
    extra_endpoint_types>::type;

/// Keyed by `--arrival-pattern`.
using schedule_types = concat<type_list<  //
    schedules::poisson,
    schedules::constant,
    schedules::gamma,
    schedules::concurrency>,
    extra_schedule_types>::type;

/// Keyed by `--custom-dataset-type`: the datasets read from `--input-file`.  Without that flag,
/// the first type (in this order) whose can_load accepts the file reads it.
using file_dataset_types = type_list<  //
    datasets::single_turn,
    datasets::multi_turn,
    datasets::random_pool,
    datasets::mooncake_trace,
    datasets::bailian_trace,
    datasets::burst_gpt_trace>;

/// Keyed by `--public-dataset`: published datasets, read from a local copy (never downloaded).
using public_dataset_types = type_list<  //
    datasets::sharegpt>;

using dataset_types = concat<type_list<  //
    datasets::synthetic>,
    file_dataset_types,
    public_dataset_types,
    extra_dataset_types>::type;

// ---- what a registered type must provide ----------------------------------------------------

template <class T>
concept named_policy = requires {
  { T::name } -> std::convertible_to<std::string_view>;
  { T::description } -> std::convertible_to<std::string_view>;
};

template <class E>
concept registrable_endpoint = Endpoint<E> && named_policy<E> && std::constructible_from<E, endpoints::endpoint_options> &&
                               requires { { E::default_path } -> std::convertible_to<std::string_view>; };
template <class S>
concept registrable_schedule = Schedule<S> && named_policy<S> && requires(schedules::schedule_options const& o) {
  { S::from_options(o) } -> std::convertible_to<S>;
};
template <class D>
concept registrable_dataset = Dataset<D> && named_policy<D> && requires(datasets::dataset_options const& o) {
  { D::from_options(o) } -> std::convertible_to<D>;
};

/// A dataset read from --input-file also says whether a file is its format (auto-detection
/// when --custom-dataset-type is not given).
template <class D>
concept registrable_file_dataset = registrable_dataset<D> && requires(std::filesystem::path const& p) {
  { D::can_load(p) } -> std::convertible_to<bool>;
};

/// A public dataset names the file it reads and where to get it, and finds its local copy
/// (`locate()` throws one line saying where to put it when there is none).
template <class D>
concept registrable_public_dataset = registrable_dataset<D> && requires(D const& d) {
  { D::file_name } -> std::convertible_to<std::string_view>;
  { D::url } -> std::convertible_to<std::string_view>;
  { d.locate() } -> std::convertible_to<std::filesystem::path>;
};

/// Whether --input-file may name a directory for dataset type D (`static constexpr bool
/// reads_directory = true`, e.g. random_pool's one pool per file).
template <class D>
consteval bool reads_directory() {
  if constexpr (requires { D::reads_directory; }) return D::reads_directory;
  else return false;
}

/// Whether endpoint type E sends a conversation's system_message and user_context_message
/// (`static constexpr bool sends_conversation_context`; default true).  When it does not, the
/// driver does not generate them, so the ISL counts only what is sent.
template <class E>
consteval bool sends_conversation_context() {
  if constexpr (requires { E::sends_conversation_context; }) return E::sends_conversation_context;
  else return true;
}

/// The default request path of endpoint type E for a run that streams or not: its
/// `streaming_path` when it declares one and the run streams (TGI's /generate_stream), else
/// its `default_path`.
template <class E>
constexpr std::string_view endpoint_default_path(bool streaming) {
  if constexpr (requires { { E::streaming_path } -> std::convertible_to<std::string_view>; })
    if (streaming) return E::streaming_path;
  return E::default_path;
}

/// Whether endpoint type E can stream (`static constexpr bool supports_streaming`; default
/// true).  When it cannot, --streaming is ignored with a warning (spec §8.1's Streaming column).
template <class E>
consteval bool supports_streaming() {
  if constexpr (requires { E::supports_streaming; }) return E::supports_streaming;
  else return true;
}

/// Whether endpoint type E produces tokens (`static constexpr bool produces_tokens`; default
/// true).  When it does not (embeddings, rankings), the token metrics are not reported
/// (spec measurement §1.6, §5.6).
template <class E>
consteval bool produces_tokens() {
  if constexpr (requires { E::produces_tokens; }) return E::produces_tokens;
  else return true;
}

namespace detail {
template <class... Ts>
consteval bool unique_names(type_list<Ts...>) {
  constexpr std::array<std::string_view, sizeof...(Ts)> n{Ts::name...};
  for (std::size_t i = 0; i < n.size(); ++i)
    for (std::size_t j = i + 1; j < n.size(); ++j)
      if (n[i] == n[j]) return false;
  return true;
}
template <class... Ts>
consteval bool all_endpoints(type_list<Ts...>) { return (registrable_endpoint<Ts> && ...); }
template <class... Ts>
consteval bool all_schedules(type_list<Ts...>) { return (registrable_schedule<Ts> && ...); }
template <class... Ts>
consteval bool all_datasets(type_list<Ts...>) { return (registrable_dataset<Ts> && ...); }
template <class... Ts>
consteval bool all_file_datasets(type_list<Ts...>) { return (registrable_file_dataset<Ts> && ...); }
template <class... Ts>
consteval bool all_public_datasets(type_list<Ts...>) { return (registrable_public_dataset<Ts> && ...); }
}  // namespace detail

static_assert(detail::all_endpoints(endpoint_types{}),
              "aiperf registry: every endpoint type must model aiperf::Endpoint, be constructible from "
              "aiperf::endpoints::endpoint_options and declare static constexpr std::string_view name, "
              "description and default_path");
static_assert(detail::all_schedules(schedule_types{}),
              "aiperf registry: every schedule type must model aiperf::Schedule, declare static constexpr "
              "std::string_view name and description, and provide static S from_options(schedule_options const&)");
static_assert(detail::all_datasets(dataset_types{}),
              "aiperf registry: every dataset type must model aiperf::Dataset, declare static constexpr "
              "std::string_view name and description, and provide static D from_options(dataset_options const&)");
static_assert(detail::all_file_datasets(file_dataset_types{}),
              "aiperf registry: every file dataset type must also declare `static bool can_load(std::filesystem::path "
              "const&)`, whether a file is its format");
static_assert(detail::all_public_datasets(public_dataset_types{}),
              "aiperf registry: every public dataset type must also declare static constexpr std::string_view "
              "file_name and url, and `std::filesystem::path locate() const`, its local copy");
static_assert(detail::unique_names(endpoint_types{}), "aiperf registry: two endpoint types share a name");
static_assert(detail::unique_names(schedule_types{}), "aiperf registry: two schedule types share a name");
static_assert(detail::unique_names(dataset_types{}), "aiperf registry: two dataset types share a name");

// ---- names, dispatch, plugins ---------------------------------------------------------------

/// The names of a list's types, in list order (the CLI's choices).
template <class... Ts>
constexpr std::array<std::string_view, sizeof...(Ts)> names_of(type_list<Ts...>) {
  return {Ts::name...};
}

template <class List>
constexpr bool contains_name(List list, std::string_view name) {
  for (auto n : names_of(list))
    if (n == name) return true;
  return false;
}

/// The names of the types of `list` that read a directory (reads_directory<D>()), in list order.
template <class... Ts>
std::vector<std::string_view> directory_readers_of(type_list<Ts...>) {
  std::vector<std::string_view> out;
  ((reads_directory<Ts>() ? out.push_back(Ts::name) : void()), ...);
  return out;
}

/// The name of the first type of `list` that can load `file`, in list order; nullopt when none can.
template <class... Ts>
std::optional<std::string_view> first_loader_of(type_list<Ts...>, std::filesystem::path const& file) {
  std::optional<std::string_view> found;
  ((found = Ts::can_load(file) ? std::optional<std::string_view>(Ts::name) : std::nullopt, found.has_value()) || ...);
  return found;
}

namespace detail {
template <class R, class T, class... Rest, class F>
R dispatch_to(std::string_view name, F& f) {
  if (T::name == name) return f(std::type_identity<T>{});
  if constexpr (sizeof...(Rest) > 0) return dispatch_to<R, Rest...>(name, f);
  else throw std::logic_error("aiperf registry: no type is registered as '" + std::string(name) + "'");
}
}  // namespace detail

/// Calls `f(std::type_identity<T>{})` for the type of `list` whose name is `name` and returns its
/// result.  The CLI only lets registered names through, so an unknown name is a program error.
template <class T, class... Ts, class F>
auto dispatch(type_list<T, Ts...>, std::string_view name, F&& f) {
  using R = std::invoke_result_t<F&, std::type_identity<T>>;
  return detail::dispatch_to<R, T, Ts...>(name, f);
}

/// sends_conversation_context<E>() of the endpoint type registered as `name`.
inline bool endpoint_sends_conversation_context(std::string_view name) {
  return dispatch(endpoint_types{}, name, []<class E>(std::type_identity<E>) { return sends_conversation_context<E>(); });
}

/// supports_streaming<E>() of the endpoint type registered as `name`.
inline bool endpoint_supports_streaming(std::string_view name) {
  return dispatch(endpoint_types{}, name, []<class E>(std::type_identity<E>) { return supports_streaming<E>(); });
}

/// produces_tokens<E>() of the endpoint type registered as `name`.
inline bool endpoint_produces_tokens(std::string_view name) {
  return dispatch(endpoint_types{}, name, []<class E>(std::type_identity<E>) { return produces_tokens<E>(); });
}

/// One compiled-in policy, as `aiperf plugins` lists it.
struct plugin_entry {
  std::string_view category;     // "endpoint" | "schedule" | "dataset"
  std::string_view name;         // the CLI value
  std::string_view description;  // one line
  std::string traits = {};       // endpoints: default path and whether it streams
};

/// An endpoint type's default path (and streaming path) and whether it streams, as `aiperf
/// plugins` shows them: "path /generate (/generate_stream when streaming); streams".
template <class E>
std::string endpoint_traits() {
  std::string out = E::default_path.empty() ? std::string("path: the --url as given")
                                            : "path /" + std::string(E::default_path);
  const std::string_view streaming_path = endpoint_default_path<E>(true);
  if (streaming_path != E::default_path) out += " (/" + std::string(streaming_path) + " when streaming)";
  out += supports_streaming<E>() ? "; streams" : "; no streaming";
  return out;
}

namespace detail {
template <class... Ts>
void append_plugins(std::vector<plugin_entry>& out, std::string_view category, type_list<Ts...>) {
  (out.push_back({category, Ts::name, Ts::description}), ...);
}
template <class... Ts>
void append_endpoint_plugins(std::vector<plugin_entry>& out, type_list<Ts...>) {
  (out.push_back({"endpoint", Ts::name, Ts::description, endpoint_traits<Ts>()}), ...);
}
}  // namespace detail

/// Every compiled-in policy: endpoints, then schedules, then datasets, each in list order.
inline std::vector<plugin_entry> plugins() {
  std::vector<plugin_entry> out;
  detail::append_endpoint_plugins(out, endpoint_types{});
  detail::append_plugins(out, "schedule", schedule_types{});
  detail::append_plugins(out, "dataset", dataset_types{});
  return out;
}

}  // namespace aiperf::driver
