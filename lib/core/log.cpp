#include "core/log.hpp"

#include "core/text.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

namespace mixgrade {
namespace {

spdlog::level::level_enum level_for(Verbosity verbosity) {
  switch (verbosity) {
    case Verbosity::quiet:
      return spdlog::level::err;
    case Verbosity::verbose:
      return spdlog::level::debug;
    case Verbosity::normal:
      break;
  }
  return spdlog::level::info;
}

// Lines printed as they are. A sink of its own: spdlog keeps one pattern per sink, and the
// default logger's pattern carries the tool's name. Both sinks write unbuffered stderr through
// stdio and flush every line, so their lines stay in the order they were logged.
std::shared_ptr<spdlog::logger>& as_is_logger() {
  static std::shared_ptr<spdlog::logger> logger;
  return logger;
}

// stderr, with every message made terminal-safe first (core/text.hpp): a file name from a
// student's upload may hold escape sequences, and a log line is one line.
class SafeStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::details::log_msg safe = msg;
    const std::string payload =
        terminal_safe(std::string_view(msg.payload.data(), msg.payload.size()), true);
    safe.payload = payload;
    spdlog::memory_buf_t formatted;
    formatter_->format(safe, formatted);
    std::fwrite(formatted.data(), 1, formatted.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }
};

std::shared_ptr<spdlog::logger> make_logger(std::string name, const std::string& pattern,
                                            spdlog::level::level_enum level) {
  auto logger =
      std::make_shared<spdlog::logger>(std::move(name), std::make_shared<SafeStderrSink>());
  logger->set_pattern(pattern, spdlog::pattern_time_type::local);
  logger->set_level(level);
  logger->flush_on(spdlog::level::trace);
  return logger;
}

}  // namespace

void setup_logging(std::string_view tool, Verbosity verbosity) {
  const auto level = level_for(verbosity);
  // "%n: %v" would do, but a tool name is text, not a pattern: keep any '%' in it literal.
  std::string prefix;
  for (char c : tool) {
    if (c == '%') prefix += '%';
    prefix += c;
  }
  spdlog::set_default_logger(make_logger(std::string(tool), prefix + ": %v", level));
  as_is_logger() = make_logger(std::string(tool) + " (as is)", "%v", level);
}

void set_verbosity(Verbosity verbosity) {
  spdlog::set_level(level_for(verbosity));
  if (as_is_logger()) as_is_logger()->set_level(level_for(verbosity));
}

void log_error_as_is(std::string_view line) {
  if (!as_is_logger()) setup_logging("mixgrade");
  as_is_logger()->error("{}", line);
}

}  // namespace mixgrade
