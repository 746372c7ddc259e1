// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/logger.hpp — the driver's log: AIPerf's line format
// (`HH:MM:SS.ffffff LEVEL    message`) to stdout (scripts grep it there, users-and-conventions
// B7) and to <artifact dir>/logs/aiperf.log.  Only the control thread logs; shards never do.
#pragma once
#include <aiperf/detail/ascii.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>
#include <string_view>

namespace aiperf::driver {

enum class log_level { trace = 0, debug = 1, info = 2, notice = 3, warning = 4, error = 5 };

inline log_level parse_log_level(std::string_view s) {
  const std::string l = aiperf::detail::ascii_lower(s);
  if (l == "trace") return log_level::trace;
  if (l == "debug") return log_level::debug;
  if (l == "notice") return log_level::notice;
  if (l == "warning" || l == "warn") return log_level::warning;
  if (l == "error") return log_level::error;
  return log_level::info;
}

class logger {
 public:
  static logger& get() {
    static logger instance;
    return instance;
  }
  void set_level(log_level l) { level_ = l; }
  void set_console(bool on) { console_ = on; }
  /// stdout by default (AIPerf's behaviour, scripts grep it); --log-to-stderr moves it.
  void set_stream(std::FILE* f) { stream_ = f; }
  /// Opens the log file; lines logged before are replayed into it so the file is complete.
  bool open_file(std::string const& path) {
    std::lock_guard lock(mu_);
    file_ = std::fopen(path.c_str(), "w");
    if (!file_) return false;
    std::fwrite(early_.data(), 1, early_.size(), file_);
    early_.clear();
    std::fflush(file_);
    return true;
  }
  void close() {
    std::lock_guard lock(mu_);
    if (file_) std::fclose(file_);
    file_ = nullptr;
  }

  template <class... Args>
  void log(log_level l, fmt::format_string<Args...> f, Args&&... args) {
    write(l, fmt::format(f, std::forward<Args>(args)...));
  }
  void write(log_level l, std::string_view msg) {
    static constexpr const char* names[] = {"TRACE", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR"};
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() % 1000000;
    std::tm tm{};
    localtime_r(&t, &tm);
    std::string line = fmt::format("{:02}:{:02}:{:02}.{:06} {:<8} {}\n", tm.tm_hour, tm.tm_min, tm.tm_sec, us,
                                   names[static_cast<int>(l)], msg);
    std::lock_guard lock(mu_);
    if (file_) {
      std::fwrite(line.data(), 1, line.size(), file_);
      std::fflush(file_);
    } else {
      early_ += line;
    }
    if (console_ && l >= level_) {
      std::fwrite(line.data(), 1, line.size(), stream_);
      std::fflush(stream_);
    }
  }

 private:
  logger() = default;
  std::mutex mu_;
  std::FILE* file_ = nullptr;
  std::string early_;
  log_level level_ = log_level::info;
  bool console_ = true;
  std::FILE* stream_ = stdout;
};

template <class... Args>
void log_info(fmt::format_string<Args...> f, Args&&... a) { logger::get().log(log_level::info, f, std::forward<Args>(a)...); }
template <class... Args>
void log_warning(fmt::format_string<Args...> f, Args&&... a) { logger::get().log(log_level::warning, f, std::forward<Args>(a)...); }
template <class... Args>
void log_error(fmt::format_string<Args...> f, Args&&... a) { logger::get().log(log_level::error, f, std::forward<Args>(a)...); }
template <class... Args>
void log_debug(fmt::format_string<Args...> f, Args&&... a) { logger::get().log(log_level::debug, f, std::forward<Args>(a)...); }

}  // namespace aiperf::driver
