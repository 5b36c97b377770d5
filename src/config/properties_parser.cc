#include "config/properties_parser.h"

#include <optional>
#include <utility>
#include <vector>

namespace sluice::config {
namespace {

// Properties treats only these three as blanks (not \v, not non-ASCII spaces).
bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\f';
}
bool is_line_end(char c) {
  return c == '\n' || c == '\r';
}

struct LogicalLine {
  std::string text;  // continuations joined, escapes still in place
  int line = 0;      // line of its first natural line
};

// Splits the text into logical lines the way Properties.LineReader does.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  std::optional<LogicalLine> next() {
    while (true) {
      skip_blanks();
      if (at_end()) return std::nullopt;
      if (is_line_end(peek())) {
        consume_line_end();
        continue;
      }
      if (peek() == '#' || peek() == '!') {
        while (!at_end() && !is_line_end(peek())) ++pos_;
        if (!at_end()) consume_line_end();
        continue;
      }
      LogicalLine line{std::string(), line_};
      if (read_rest(&line.text)) return line;
      // A line holding nothing but a continuation backslash followed by an empty line: Java drops
      // it and keeps reading.
    }
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  void skip_blanks() {
    while (!at_end() && is_blank(peek())) ++pos_;
  }
  void consume_line_end() {
    if (peek() == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  // Appends the logical line starting at pos_ to *out; returns false if it turned out empty.
  bool read_rest(std::string* out) {
    while (true) {
      size_t trailing_backslashes = 0;
      while (!at_end() && !is_line_end(peek())) {
        char c = text_[pos_++];
        out->push_back(c);
        trailing_backslashes = c == '\\' ? trailing_backslashes + 1 : 0;
      }
      bool continues = trailing_backslashes % 2 == 1;
      if (continues) out->pop_back();
      if (at_end()) return !out->empty();
      consume_line_end();
      if (!continues) return !out->empty();
      // The continuation line's leading blanks are dropped, but an empty continuation line ends
      // the logical line.
      skip_blanks();
      if (!at_end() && is_line_end(peek())) {
        consume_line_end();
        return !out->empty();
      }
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
};

void append_utf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::optional<uint32_t> hex4(std::string_view s, size_t pos) {
  if (pos + 4 > s.size()) return std::nullopt;
  uint32_t v = 0;
  for (size_t i = pos; i < pos + 4; ++i) {
    char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
  }
  return v;
}

// Properties.loadConvert: resolves escapes. Returns false on a malformed \uXXXX.
bool unescape(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    char c = in[i++];
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (i >= in.size()) break;  // unreachable for parsed lines: a trailing '\' continues the line
    c = in[i++];
    switch (c) {
      case 't':
        out->push_back('\t');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'u': {
        std::optional<uint32_t> unit = hex4(in, i);
        if (!unit) return false;
        i += 4;
        uint32_t cp = *unit;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          // A high surrogate joins a directly following \u low surrogate into one character.
          std::optional<uint32_t> low;
          if (i + 6 <= in.size() && in[i] == '\\' && in[i + 1] == 'u') low = hex4(in, i + 2);
          if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (*low - 0xDC00);
            i += 6;
          } else {
            cp = '?';
          }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          cp = '?';
        }
        append_utf8(cp, out);
        break;
      }
      default:
        out->push_back(c);
        break;
    }
  }
  return true;
}

}  // namespace

Result<RawConfig> parse_properties(std::string_view text, std::string source_name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  RawConfig config(std::move(source_name));
  std::vector<std::string> errors;
  LineReader reader(text);
  std::string key, value;
  while (std::optional<LogicalLine> line = reader.next()) {
    std::string_view s = line->text;
    // The key ends at the first separator not preceded by an odd run of backslashes.
    size_t key_len = 0;
    size_t value_start = s.size();
    bool has_separator = false;
    bool escaped = false;
    while (key_len < s.size()) {
      char c = s[key_len];
      if (!escaped && (c == '=' || c == ':')) {
        value_start = key_len + 1;
        has_separator = true;
        break;
      }
      if (!escaped && is_blank(c)) {
        value_start = key_len + 1;
        break;
      }
      escaped = c == '\\' ? !escaped : false;
      ++key_len;
    }
    // Blanks, then at most one '=' or ':' (if the key ended at a blank), then blanks.
    while (value_start < s.size()) {
      char c = s[value_start];
      if (!is_blank(c)) {
        if (!has_separator && (c == '=' || c == ':')) {
          has_separator = true;
        } else {
          break;
        }
      }
      ++value_start;
    }
    if (!unescape(s.substr(0, key_len), &key) || !unescape(s.substr(value_start), &value)) {
      std::string where = config.source_name().empty()
                              ? "line " + std::to_string(line->line)
                              : config.source_name() + ":" + std::to_string(line->line);
      errors.push_back(where +
                       ": malformed \\uXXXX escape (a \\u must be followed by four "
                       "hexadecimal digits)");
      continue;
    }
    config.set(key, value, line->line);
  }
  if (!errors.empty()) {
    std::string message = "cannot parse properties";
    for (const std::string& e : errors) message += "\n  " + e;
    return Status::invalid_argument(std::move(message));
  }
  return config;
}

}  // namespace sluice::config
