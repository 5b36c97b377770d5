#include "transforms/java_regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "config/config_def.h"

namespace sluice::transforms {
namespace {

constexpr std::string_view kIllegalArgument = "java.lang.IllegalArgumentException";
constexpr std::string_view kIndexOutOfBounds = "java.lang.IndexOutOfBoundsException";

// The number of UTF-16 code units in the first `bytes` bytes of `text`: Java reports indexes
// in chars, PCRE2 in bytes.
size_t utf16_index(std::string_view text, size_t bytes) {
  size_t index = 0;
  for (size_t i = 0; i < bytes && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) index += c >= 0xF0 ? 2 : 1;
  }
  return index;
}

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

struct JavaRegex::Compiled {
  pcre2_code* code = nullptr;
  pcre2_match_data* match_data = nullptr;
  ~Compiled() {
    pcre2_match_data_free(match_data);
    pcre2_code_free(code);
  }
};

JavaRegex::JavaRegex(std::string pattern, std::unique_ptr<Compiled> compiled, int group_count)
    : pattern_(std::move(pattern)), compiled_(std::move(compiled)), group_count_(group_count) {}
JavaRegex::JavaRegex(JavaRegex&&) noexcept = default;
JavaRegex& JavaRegex::operator=(JavaRegex&&) noexcept = default;
JavaRegex::~JavaRegex() = default;

Result<JavaRegex> JavaRegex::compile(std::string_view pattern) {
  pcre2_compile_context* context = pcre2_compile_context_create(nullptr);
  pcre2_set_newline(context, PCRE2_NEWLINE_ANY);
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   PCRE2_UTF, &error_code, &error_offset, context);
  pcre2_compile_context_free(context);
  if (code == nullptr) {
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(error_code, buffer, sizeof(buffer));
    std::string message(reinterpret_cast<const char*>(buffer));
    const size_t index = utf16_index(pattern, error_offset);
    message += " near index " + std::to_string(index) + "\n" + std::string(pattern);
    if (index < utf16_index(pattern, pattern.size())) {
      message += "\n" + std::string(index, ' ') + "^";
    }
    return Status::invalid_argument(std::move(message));
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // an interpreter fallback when JIT is absent
  auto compiled = std::make_unique<Compiled>();
  compiled->code = code;
  compiled->match_data = pcre2_match_data_create_from_pattern(code, nullptr);
  uint32_t captures = 0;
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &captures);
  return JavaRegex(std::string(pattern), std::move(compiled), static_cast<int>(captures));
}

bool JavaRegex::matches(std::string_view subject) const {
  const int rc =
      pcre2_match(compiled_->code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0,
                  PCRE2_ANCHORED | PCRE2_ENDANCHORED, compiled_->match_data, nullptr);
  return rc >= 0;
}

JavaReplacement JavaRegex::compile_replacement(std::string_view replacement) const {
  JavaReplacement r;
  auto fail = [&r](std::string_view error_class, std::string message) {
    r.parts_.clear();
    r.error_class_ = error_class;
    r.error_message_ = std::move(message);
    return r;
  };
  auto literal = [&r]() -> std::string& {
    if (r.parts_.empty() || r.parts_.back().group >= 0) r.parts_.push_back({});
    return r.parts_.back().literal;
  };
  size_t cursor = 0;
  while (cursor < replacement.size()) {
    const char c = replacement[cursor];
    if (c == '\\') {
      if (++cursor == replacement.size()) {
        return fail(kIllegalArgument, "character to be escaped is missing");
      }
      literal().push_back(replacement[cursor++]);
      continue;
    }
    if (c != '$') {
      literal().push_back(c);
      ++cursor;
      continue;
    }
    if (++cursor == replacement.size()) {
      return fail(kIllegalArgument, "Illegal group reference: group index is missing");
    }
    int group = 0;
    if (replacement[cursor] == '{') {
      ++cursor;
      std::string name;
      while (cursor < replacement.size() && is_ascii_alnum(replacement[cursor])) {
        name.push_back(replacement[cursor++]);
      }
      if (name.empty()) return fail(kIllegalArgument, "named capturing group has 0 length name");
      if (cursor == replacement.size() || replacement[cursor] != '}') {
        return fail(kIllegalArgument, "named capturing group is missing trailing '}'");
      }
      ++cursor;
      if (name[0] >= '0' && name[0] <= '9') {
        return fail(kIllegalArgument,
                    "capturing group name {" + name + "} starts with digit character");
      }
      group = pcre2_substring_number_from_name(compiled_->code,
                                               reinterpret_cast<PCRE2_SPTR>(name.c_str()));
      if (group <= 0) return fail(kIllegalArgument, "No group with name {" + name + "}");
    } else {
      const char first = replacement[cursor];
      if (first < '0' || first > '9') return fail(kIllegalArgument, "Illegal group reference");
      group = first - '0';
      ++cursor;
      // Java takes the longest number that is still a group of the pattern.
      while (cursor < replacement.size() && replacement[cursor] >= '0' &&
             replacement[cursor] <= '9') {
        const int longer = group * 10 + (replacement[cursor] - '0');
        if (longer > group_count_) break;
        group = longer;
        ++cursor;
      }
      if (group > group_count_) {
        return fail(kIndexOutOfBounds, "No group " + std::to_string(group));
      }
    }
    r.parts_.push_back({{}, group});
  }
  return r;
}

bool JavaRegex::replace_first(std::string_view subject, const JavaReplacement& replacement,
                              std::string* out) const {
  const int rc = pcre2_match(compiled_->code, reinterpret_cast<PCRE2_SPTR>(subject.data()),
                             subject.size(), 0, 0, compiled_->match_data, nullptr);
  if (rc < 0) return false;
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(compiled_->match_data);
  const uint32_t pairs = pcre2_get_ovector_count(compiled_->match_data);
  out->append(subject.substr(0, ovector[0]));
  for (const JavaReplacement::Part& part : replacement.parts()) {
    if (part.group < 0) {
      out->append(part.literal);
      continue;
    }
    const auto g = static_cast<uint32_t>(part.group);
    // Groups past the highest one that took part in the match are unset (rc counts pairs).
    if (g >= pairs || static_cast<int>(g) >= rc || ovector[2 * g] == PCRE2_UNSET) continue;
    out->append(subject.substr(ovector[2 * g], ovector[2 * g + 1] - ovector[2 * g]));
  }
  out->append(subject.substr(ovector[1]));
  return true;
}

}  // namespace sluice::transforms

namespace sluice::transforms {

config::Validator valid_java_regex() {
  return config::Validator::custom(
      "valid regex", [](const config::ConfigValue& value) -> std::optional<std::string> {
        const auto* text = std::get_if<std::string>(&value);
        if (text == nullptr) return std::nullopt;
        auto regex = JavaRegex::compile(*text);
        if (regex.ok()) return std::nullopt;
        return "Invalid regex: " + regex.status().message();
      });
}

}  // namespace sluice::transforms
