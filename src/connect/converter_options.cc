#include "connect/converter_options.h"

#include <algorithm>
#include <charconv>

namespace sluice::connect {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) {
             return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
           };
           return lower(x) == lower(y);
         });
}

}  // namespace

std::string_view java_trim(std::string_view s) {
  size_t begin = 0, end = s.size();
  while (begin < end && static_cast<unsigned char>(s[begin]) <= ' ') ++begin;
  while (end > begin && static_cast<unsigned char>(s[end - 1]) <= ' ') --end;
  return s.substr(begin, end - begin);
}

bool ConverterOptions::has(std::string_view key) const {
  return raw(key) != nullptr;
}

const std::string* ConverterOptions::raw(std::string_view key) const {
  auto it = config_.find(std::string(key));
  return it == config_.end() ? nullptr : &it->second;
}

void ConverterOptions::add_problem(std::string_view key, std::string_view value,
                                   std::string_view message) {
  std::string problem = "Invalid value ";
  problem.append(value).append(" for configuration ").append(prefix_).append(key);
  if (!message.empty()) problem.append(": ").append(message);
  problems_.push_back(std::move(problem));
}

bool ConverterOptions::boolean(std::string_view key, bool default_value) {
  const std::string* value = raw(key);
  if (value == nullptr) return default_value;
  std::string_view trimmed = java_trim(*value);
  if (equals_ignoring_case(trimmed, "true")) return true;
  if (equals_ignoring_case(trimmed, "false")) return false;
  add_problem(key, *value, "Expected value to be either true or false");
  return default_value;
}

int32_t ConverterOptions::int32(std::string_view key, int32_t default_value) {
  const std::string* value = raw(key);
  if (value == nullptr) return default_value;
  std::string_view trimmed = java_trim(*value);
  // Integer.parseInt accepts one leading sign, '+' included.
  std::string_view digits = trimmed;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  int64_t parsed = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), parsed);
  if (digits.empty() || digits[0] == '-' || ec != std::errc() ||
      end != digits.data() + digits.size() || (negative ? -parsed : parsed) < INT32_MIN ||
      (negative ? -parsed : parsed) > INT32_MAX) {
    add_problem(key, *value, "Not a number of type INT");
    return default_value;
  }
  return static_cast<int32_t>(negative ? -parsed : parsed);
}

std::string ConverterOptions::string(std::string_view key, std::string_view default_value) {
  const std::string* value = raw(key);
  if (value == nullptr) return std::string(default_value);
  return std::string(java_trim(*value));
}

std::string ConverterOptions::choice_ignoring_case(std::string_view key,
                                                   std::string_view default_value,
                                                   const std::vector<std::string>& allowed) {
  const std::string* value = raw(key);
  if (value == nullptr) return std::string(default_value);
  std::string_view trimmed = java_trim(*value);
  for (const std::string& option : allowed) {
    if (equals_ignoring_case(trimmed, option)) return option;
  }
  std::string message = "String must be one of (case insensitive): ";
  for (size_t i = 0; i < allowed.size(); ++i) {
    if (i > 0) message.append(", ");
    message.append(allowed[i]);
  }
  add_problem(key, *value, message);
  return std::string(default_value);
}

}  // namespace sluice::connect
