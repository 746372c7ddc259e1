// SPDX-License-Identifier: Apache-2.0
// aiperf/results/impl/artifacts.ipp — definitions for artifacts.hpp.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/results/artifacts.hpp>
#include <aiperf/results/exporters.hpp>

#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <system_error>

namespace aiperf {
inline namespace v0 {
namespace results {

AIPERF_DECL std::string export_base(std::string_view prefix) {
  std::string name = std::filesystem::path(prefix).is_absolute() ? std::filesystem::path(prefix).filename().string()
                                                                  : std::string(prefix);
  // AIPerf's order: the longer, more specific endings first, so "x_raw.jsonl" loses "_raw.jsonl"
  // and not just ".jsonl".  ".json" before ".jsonl" is harmless: "x.jsonl" does not end in ".json".
  for (std::string_view ending : {"_server_metrics.parquet", "_server_metrics.jsonl", "_server_metrics.json",
                                  "_server_metrics.csv", "_gpu_telemetry.jsonl", "_timeslices.csv", "_timeslices.json",
                                  "_raw.jsonl", "_console.txt", ".parquet", ".csv", ".json", ".jsonl"})
    if (name.size() > ending.size() && name.ends_with(ending)) {
      name.resize(name.size() - ending.size());
      break;
    }
  return name;
}

AIPERF_DECL artifact_paths artifact_paths_for(artifact_options const& o) {
  artifact_paths p;
  p.dir = o.dir;
  // Without a prefix AIPerf's default names differ per file; with one, every file is base + ending.
  const std::optional<std::string> base = o.export_prefix ? std::optional(export_base(*o.export_prefix)) : std::nullopt;
  auto const named = [&](std::string_view ending, std::string_view default_name) {
    return o.dir / (base ? *base + std::string(ending) : std::string(default_name));
  };
  p.json = named(".json", "profile_export_aiperf.json");
  p.csv = named(".csv", "profile_export_aiperf.csv");
  if (o.records) p.jsonl = named(".jsonl", "profile_export.jsonl");
  p.raw_jsonl = named("_raw.jsonl", "profile_export_raw.jsonl");
  p.timeslices_json = named("_timeslices.json", "profile_export_aiperf_timeslices.json");
  p.timeslices_csv = named("_timeslices.csv", "profile_export_aiperf_timeslices.csv");
  p.gpu_telemetry_jsonl = named("_gpu_telemetry.jsonl", "gpu_telemetry_export.jsonl");
  p.server_metrics_json = named("_server_metrics.json", "server_metrics_export.json");
  p.server_metrics_csv = named("_server_metrics.csv", "server_metrics_export.csv");
  p.server_metrics_jsonl = named("_server_metrics.jsonl", "server_metrics_export.jsonl");
  p.inputs = o.dir / "inputs.json";
  p.console = named("_console.txt", "profile_export_console.txt");
  if (o.log_file) p.log = o.dir / "logs" / "aiperf.log";
  return p;
}

AIPERF_DECL void create_artifact_dir(artifact_paths const& p) {
  std::error_code ec;
  std::filesystem::create_directories(p.log.empty() ? p.dir : p.log.parent_path(), ec);
  if (ec) throw std::runtime_error("cannot create the artifact directory " + p.dir.string() + ": " + ec.message());
}

AIPERF_DECL std::vector<std::string> export_lines(artifact_paths const& p) {
  std::vector<std::string> out = {"JSON Export: " + p.json.string(), "CSV Export: " + p.csv.string()};
  if (!p.jsonl.empty()) out.push_back("JSONL Export: " + p.jsonl.string());
  if (!p.log.empty()) out.push_back("Log File: " + p.log.string());
  return out;
}

AIPERF_DECL void write_file_atomically(
    std::filesystem::path const& path,
    aiperf::detail::function_ref<void(aiperf::detail::function_ref<void(std::string_view)>)> produce) {
  const auto tmp = path.string() + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) throw std::runtime_error("cannot write " + tmp);
  std::setvbuf(f, nullptr, _IOFBF, std::size_t{1} << 20);  // large files (a trace's inputs.json) in few writes
  int write_errno = 0;  // the first failed write's reason (ENOSPC, EFBIG, EIO)
  try {
    produce([&](std::string_view text) {
      if (!write_errno && std::fwrite(text.data(), 1, text.size(), f) != text.size()) write_errno = errno ? errno : EIO;
    });
  } catch (...) {
    std::fclose(f);
    std::remove(tmp.c_str());
    throw;
  }
  if (std::fclose(f) != 0 && !write_errno) write_errno = errno ? errno : EIO;
  std::error_code ec;
  if (!write_errno) std::filesystem::rename(tmp, path, ec);
  if (write_errno || ec) {
    std::remove(tmp.c_str());  // never leave a partial or empty .tmp behind
    throw std::runtime_error("cannot write " + path.string() + ": " +
                             (write_errno ? std::generic_category().message(write_errno) : ec.message()));
  }
}

AIPERF_DECL void write_file_atomically(std::filesystem::path const& path, std::string_view text) {
  write_file_atomically(path, [&](aiperf::detail::function_ref<void(std::string_view)> sink) { sink(text); });
}

AIPERF_DECL std::vector<std::string> write_summary_artifacts(run_summary const& s, artifact_paths const& p,
                                                             std::string_view console_text) {
  std::vector<std::string> errors;
  auto attempt = [&](std::filesystem::path const& path, std::string_view text) {
    try {
      write_file_atomically(path, text);
    } catch (std::exception const& e) {  // one full file must not cost the others
      errors.emplace_back(e.what());
    }
  };
  attempt(p.json, render_summary_json(s));
  if (s.attached.telemetry_csv.empty()) attempt(p.csv, render_summary_csv(s.profiling));
  else attempt(p.csv, render_summary_csv(s.profiling) + "\r\n" + s.attached.telemetry_csv);
  attempt(p.console, console_text);
  return errors;
}

}  // namespace results
}  // namespace v0
}  // namespace aiperf
