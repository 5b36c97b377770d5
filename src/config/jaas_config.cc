#include "config/jaas_config.h"

#include <cctype>

namespace sluice::config {

namespace {

// A reader for the JAAS syntax the Java client accepts (Kafka's JaasConfig tokenises with
// java.io.StreamTokenizer): words, double-quoted strings with backslash escapes, '=' and ';', and
// C/C++-style comments between tokens.
class JaasReader {
 public:
  explicit JaasReader(std::string_view text) : text_(text) {}

  // Skips blanks and comments; false for an unterminated /* comment.
  bool skip_blanks() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "//") {
        size_t eol = text_.find('\n', pos_);
        pos_ = eol == std::string_view::npos ? text_.size() : eol + 1;
      } else if (text_.substr(pos_, 2) == "/*") {
        size_t end = text_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) return false;
        pos_ = end + 2;
      } else {
        return true;
      }
    }
    return true;
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  void advance() { ++pos_; }
  size_t position() const { return pos_ + 1; }  // 1-based, for messages

  // A bare word: class names (with dots), flags, option names, unquoted values.
  std::string word() {
    size_t start = pos_;
    while (pos_ < text_.size() && is_word_char(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  // A double-quoted string starting at the current '"'; nullopt when it is not terminated.
  std::optional<std::string> quoted() {
    std::string out;
    ++pos_;  // the opening quote
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return out;
      if (c != '\\' || pos_ >= text_.size()) {
        out += c;
        continue;
      }
      char e = text_[pos_++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'a':
          out += '\a';
          break;
        case 'v':
          out += '\v';
          break;
        default:
          if (e >= '0' && e <= '7') {  // up to three octal digits, as StreamTokenizer reads them
            int v = e - '0';
            for (int i = 0;
                 i < 2 && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '7'; ++i) {
              v = v * 8 + (text_[pos_++] - '0');
            }
            out += static_cast<char>(v & 0xff);
          } else {
            out += e;  // \" \\ and any other escaped character stand for themselves
          }
      }
    }
    return std::nullopt;
  }

 private:
  static bool is_word_char(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '.' || c == '_' || c == '-' || c == '$' || u >= 0x80;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Status jaas_error(const std::string& why) {
  // The entry holds secrets: its value is never quoted.
  return Status::invalid_argument("Invalid value [hidden] for configuration sasl.jaas.config: " +
                                  why);
}

std::optional<std::string> JaasLoginModule::option(std::string_view name) const {
  for (const auto& [key, value] : options) {
    if (key == name) return value;
  }
  return std::nullopt;
}

Result<JaasLoginModule> parse_jaas_config(std::string_view text) {
  JaasReader r(text);
  std::vector<JaasLoginModule> modules;
  const auto at = [&r] { return " at character " + std::to_string(r.position()); };
  while (true) {
    if (!r.skip_blanks()) return jaas_error("unterminated /* comment");
    if (r.at_end()) break;
    JaasLoginModule module;
    module.class_name = r.word();
    if (module.class_name.empty()) return jaas_error("expected a login module class name" + at());
    if (!r.skip_blanks()) return jaas_error("unterminated /* comment");
    std::string flag = r.word();
    for (char& c : flag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (flag != "required" && flag != "requisite" && flag != "sufficient" && flag != "optional") {
      return jaas_error(
          "expected a control flag (required, requisite, sufficient or optional) "
          "after " +
          module.class_name + at());
    }
    module.control_flag = flag;
    while (true) {
      if (!r.skip_blanks()) return jaas_error("unterminated /* comment");
      if (r.at_end()) return jaas_error("the login module entry must end with ';'");
      if (r.peek() == ';') {
        r.advance();
        break;
      }
      std::string name = r.word();
      if (name.empty()) return jaas_error("expected an option name or ';'" + at());
      if (!r.skip_blanks()) return jaas_error("unterminated /* comment");
      if (r.peek() != '=') return jaas_error("expected '=' after option " + name + at());
      r.advance();
      if (!r.skip_blanks()) return jaas_error("unterminated /* comment");
      std::string value;
      if (r.peek() == '"') {
        std::optional<std::string> quoted = r.quoted();
        if (!quoted) return jaas_error("the quoted value of option " + name + " is not terminated");
        value = std::move(*quoted);
      } else {
        value = r.word();
        if (value.empty()) return jaas_error("option " + name + " has no value" + at());
      }
      module.options.emplace_back(std::move(name), std::move(value));
    }
    modules.push_back(std::move(module));
  }
  if (modules.size() != 1) {
    return jaas_error("it must hold exactly one login module, not " +
                      std::to_string(modules.size()));
  }
  return std::move(modules.front());
}

}  // namespace sluice::config
