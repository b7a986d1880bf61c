#pragma once
// Enum <-> name tables: one constexpr array of {value, name} pairs per enum serves both
// directions, so every name that is printed parses back and a new value is added in one place.
//   inline constexpr std::array kCurveNames = {EnumName{Curve::linear, "linear"}, ...};
//   name_of(kCurveNames, Curve::linear) == "linear";  parse(kCurveNames, "cosine") == Curve::cosine
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mixgrade {

template <typename Enum>
struct EnumName {
  Enum value;
  std::string_view name;
};
// Spelled out for compilers without C++20 aggregate deduction (clang before 17: the fuzz build).
template <typename Enum>
EnumName(Enum, const char*) -> EnumName<Enum>;

// The name of `value`, or `fallback` for a value outside the table.
template <typename Enum, std::size_t N>
constexpr std::string_view name_of(const std::array<EnumName<Enum>, N>& table, Enum value,
                                   std::string_view fallback) {
  for (const auto& entry : table)
    if (entry.value == value) return entry.name;
  return fallback;
}

// The first entry's name for a value outside the table (only a cast can make one).
template <typename Enum, std::size_t N>
constexpr std::string_view name_of(const std::array<EnumName<Enum>, N>& table, Enum value) {
  return name_of(table, value, table.front().name);
}

template <typename Enum, std::size_t N>
constexpr std::optional<Enum> parse(const std::array<EnumName<Enum>, N>& table,
                                    std::string_view text) {
  for (const auto& entry : table)
    if (entry.name == text) return entry.value;
  return std::nullopt;
}

// "a, b, c": the names in table order, for "use one of ..." messages.
template <typename Enum, std::size_t N>
std::string names_of(const std::array<EnumName<Enum>, N>& table) {
  std::string out;
  for (const auto& entry : table) out += (out.empty() ? "" : ", ") + std::string(entry.name);
  return out;
}

}  // namespace mixgrade
