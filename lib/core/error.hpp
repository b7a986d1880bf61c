#pragma once
// Errors that lib/ throws. Tools catch them once per input and choose the exit code; the library
// never exits, prints or decides for the user.
#include <stdexcept>
#include <string>

namespace mixgrade {

// A problem with one input (an audio file, a rubric, a JSON line). what() is the one-line message
// shown to the user: "<source>: <reason>".
class InputError : public std::runtime_error {
 public:
  InputError(std::string source, std::string reason)
      : std::runtime_error(source + ": " + reason),
        source_(std::move(source)),
        reason_(std::move(reason)) {}
  const std::string& source() const { return source_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string source_;
  std::string reason_;
};

// A mistake in how a tool was called (bad option value, conflicting flags). Maps to exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace mixgrade
