// SPDX-License-Identifier: Apache-2.0
// aiperf/telemetry/impl/nvml.ipp — definitions for nvml.hpp.  The few NVML entry points used
// are declared here by their documented C signatures (nvml.h is not needed to build).
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/clock.hpp>
#include <aiperf/telemetry/nvml.hpp>

#include <dlfcn.h>

#include <fmt/format.h>

namespace aiperf {
inline namespace v0 {
namespace telemetry {

struct nvml_collector::api {
  using device = void*;
  struct utilization {
    unsigned gpu = {}, memory = {};
  };
  struct memory {
    unsigned long long total, free, used;
  };
  struct violation_time {
    unsigned long long reference_time, violation_time;
  };
  void* lib = nullptr;
  int (*init)() = nullptr;
  int (*shutdown)() = nullptr;
  char const* (*error_string)(int) = nullptr;
  int (*count)(unsigned*) = nullptr;
  int (*handle)(unsigned, device*) = nullptr;
  int (*name)(device, char*, unsigned) = nullptr;
  int (*uuid)(device, char*, unsigned) = nullptr;
  int (*power)(device, unsigned*) = nullptr;                    // mW
  int (*energy)(device, unsigned long long*) = nullptr;         // mJ since driver load
  int (*util)(device, utilization*) = nullptr;                  // %
  int (*mem)(device, memory*) = nullptr;                        // bytes
  int (*temp)(device, int, unsigned*) = nullptr;                // sensor 0 = GPU, °C
  int (*encoder)(device, unsigned*, unsigned*) = nullptr;       // %, sampling period
  int (*decoder)(device, unsigned*, unsigned*) = nullptr;
  int (*violation)(device, int, violation_time*) = nullptr;     // perf policy 0 = power, ns

  template <class F>
  bool bind(F& fn, char const* symbol, std::string& error, bool required = true) {
    fn = reinterpret_cast<F>(dlsym(lib, symbol));
    if (!fn && required) error = fmt::format("NVML (libnvidia-ml.so.1) lacks {}; GPU telemetry via pynvml is off", symbol);
    return fn || !required;
  }
};

AIPERF_DECL nvml_collector::nvml_collector() : api_(std::make_unique<api>()) {
  api& a = *api_;
  a.lib = dlopen("libnvidia-ml.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!a.lib) {
    error_ = "NVML library libnvidia-ml.so.1 not found (no NVIDIA driver on this machine?); GPU telemetry via pynvml is off";
    return;
  }
  if (!a.bind(a.init, "nvmlInit_v2", error_) || !a.bind(a.shutdown, "nvmlShutdown", error_) ||
      !a.bind(a.count, "nvmlDeviceGetCount_v2", error_) || !a.bind(a.handle, "nvmlDeviceGetHandleByIndex_v2", error_))
    return;
  a.bind(a.error_string, "nvmlErrorString", error_, false);
  a.bind(a.name, "nvmlDeviceGetName", error_, false);
  a.bind(a.uuid, "nvmlDeviceGetUUID", error_, false);
  a.bind(a.power, "nvmlDeviceGetPowerUsage", error_, false);
  a.bind(a.energy, "nvmlDeviceGetTotalEnergyConsumption", error_, false);
  a.bind(a.util, "nvmlDeviceGetUtilizationRates", error_, false);
  a.bind(a.mem, "nvmlDeviceGetMemoryInfo", error_, false);
  a.bind(a.temp, "nvmlDeviceGetTemperature", error_, false);
  a.bind(a.encoder, "nvmlDeviceGetEncoderUtilization", error_, false);
  a.bind(a.decoder, "nvmlDeviceGetDecoderUtilization", error_, false);
  a.bind(a.violation, "nvmlDeviceGetViolationStatus", error_, false);
  if (int rc = a.init(); rc != 0) {
    error_ = fmt::format("nvmlInit failed: {}; GPU telemetry via pynvml is off",
                         a.error_string ? a.error_string(rc) : std::to_string(rc).c_str());
    a.init = nullptr;  // nothing to shut down
    return;
  }
  if (int rc = a.count(&count_); rc != 0) {
    error_ = fmt::format("nvmlDeviceGetCount failed ({}); GPU telemetry via pynvml is off", rc);
    count_ = 0;
  }
}

AIPERF_DECL nvml_collector::~nvml_collector() {
  if (api_ && api_->lib) {
    if (api_->init && api_->shutdown) api_->shutdown();
    dlclose(api_->lib);
  }
}

AIPERF_DECL std::vector<gpu_record> nvml_collector::sample() const {
  std::vector<gpu_record> out;
  if (!ok()) return out;
  api const& a = *api_;
  const std::int64_t now = wall_ns();
  for (unsigned i = 0; i < count_; ++i) {
    api::device d = nullptr;
    if (a.handle(i, &d) != 0) continue;
    gpu_record r;
    r.timestamp_ns = now;
    r.source = std::string(nvml_source);
    r.gpu_index = static_cast<int>(i);
    r.hostname = "localhost";
    char text[256] = {};
    if (a.name && a.name(d, text, sizeof text) == 0) r.gpu_model_name = text;
    if (a.uuid && a.uuid(d, text, sizeof text) == 0) r.gpu_uuid = text;
    unsigned u = 0, period = 0;
    if (a.power && a.power(d, &u) == 0) r.values.emplace_back("nvidia_power_usage", u / 1000.0);
    unsigned long long mj = 0;
    if (a.energy && a.energy(d, &mj) == 0) r.values.emplace_back("nvidia_energy_consumption", static_cast<double>(mj) * 1e-9);
    api::utilization ut{};
    if (a.util && a.util(d, &ut) == 0) {
      r.values.emplace_back("nvidia_gpu_utilization", ut.gpu);
      r.values.emplace_back("nvidia_memory_utilization", ut.memory);
    }
    api::memory m{};
    if (a.mem && a.mem(d, &m) == 0) r.values.emplace_back("nvidia_memory_used", static_cast<double>(m.used) * 1e-9);
    if (a.temp && a.temp(d, 0, &u) == 0) r.values.emplace_back("nvidia_temperature", u);
    if (a.encoder && a.encoder(d, &u, &period) == 0) r.values.emplace_back("nvidia_encoder_utilization", u);
    if (a.decoder && a.decoder(d, &u, &period) == 0) r.values.emplace_back("nvidia_decoder_utilization", u);
    api::violation_time v{};
    if (a.violation && a.violation(d, 0, &v) == 0)
      r.values.emplace_back("nvidia_power_violation", static_cast<double>(v.violation_time) * 1e-3);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace telemetry
}  // namespace v0
}  // namespace aiperf
