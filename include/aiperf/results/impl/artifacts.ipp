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

AIPERF_DECL artifact_paths artifact_paths_for(artifact_options const& o) {
  artifact_paths p;
  p.dir = o.dir;
  const std::string stem = o.export_prefix ? *o.export_prefix : std::string("profile_export_aiperf");
  p.json = o.dir / (stem + ".json");
  p.csv = o.dir / (stem + ".csv");
  if (o.records) p.jsonl = o.dir / "profile_export.jsonl";
  p.inputs = o.dir / "inputs.json";
  p.console = o.dir / "profile_export_console.txt";
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
