// SPDX-License-Identifier: Apache-2.0
// aiperf/telemetry/nvml.hpp — GPU records from NVML (the `pynvml` token of --gpu-telemetry,
// spec measurement §8.1.1), with no build-time dependency: libnvidia-ml.so.1 is opened with
// dlopen when a collector is made, and a machine without it gets one clear sentence.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/telemetry/gpu_telemetry.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace telemetry {

/// The source id of NVML records.
inline constexpr std::string_view nvml_source = "pynvml://localhost";

class nvml_collector {
 public:
  /// Loads libnvidia-ml.so.1 and initialises NVML; on failure `error()` says why in one line
  /// (library absent, a symbol missing, nvmlInit failed) and sample() returns nothing.
  AIPERF_DECL nvml_collector();
  AIPERF_DECL ~nvml_collector();
  nvml_collector(nvml_collector const&) = delete;
  nvml_collector& operator=(nvml_collector const&) = delete;

  [[nodiscard]] bool ok() const noexcept { return error_.empty(); }
  [[nodiscard]] std::string const& error() const noexcept { return error_; }
  [[nodiscard]] unsigned device_count() const noexcept { return count_; }

  /// One record per GPU now: power (W), energy (MJ), GPU and memory utilization (%), memory used
  /// (GB), temperature (°C), encoder/decoder utilization (%), power violation time (µs).  A
  /// field the driver does not report is absent, never zero.
  AIPERF_DECL std::vector<gpu_record> sample() const;

 private:
  struct api;
  std::unique_ptr<api> api_;
  std::string error_ = {};
  unsigned count_ = 0;
};

}  // namespace telemetry
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/telemetry/impl/nvml.ipp>
#endif
