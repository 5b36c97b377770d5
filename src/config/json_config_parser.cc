#include "config/json_config_parser.h"

#include <istream>
#include <nlohmann/json.hpp>
#include <optional>
#include <streambuf>
#include <utility>
#include <vector>

namespace sluice::config {
namespace {

using nlohmann::json;

// A read-only streambuf over the text that can say how much the JSON lexer has consumed. The
// lexer reads one character at a time (sbumpc), so at each SAX callback the consumed count tells
// where the token just read ends, which gives every key its line number.
class TrackingBuffer : public std::streambuf {
 public:
  explicit TrackingBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // never written: a get area only
    setg(begin, begin, begin + text.size());
  }
  size_t consumed() const { return static_cast<size_t>(gptr() - eback()); }
};

struct LineColumn {
  int line = 1;
  int column = 1;
};

LineColumn line_column_at(std::string_view text, size_t offset) {
  LineColumn lc;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      lc.column = 1;
    } else {
      ++lc.column;
    }
  }
  return lc;
}

enum class ScalarKind { kString, kNumber, kBoolean, kNull };

struct Member {
  std::string key;
  int line = 0;
  ScalarKind kind = ScalarKind::kNull;
  std::string text;
  bool nested = false;     // the value was an object or an array
  bool is_config = false;  // top-level "config" whose value is an object
};

// Records the members of the top-level object and of a nested "config" object; anything deeper
// is only noted as "nested" so that it can be reported against its key.
class ConfigSax : public nlohmann::json_sax<json> {
 public:
  ConfigSax(std::string_view text, const TrackingBuffer* buffer) : text_(text), buffer_(buffer) {}

  bool null() override { return scalar(ScalarKind::kNull, {}); }
  bool boolean(bool val) override { return scalar(ScalarKind::kBoolean, val ? "true" : "false"); }
  bool number_integer(number_integer_t /*val*/) override {
    return scalar(ScalarKind::kNumber, integer_text());
  }
  bool number_unsigned(number_unsigned_t /*val*/) override {
    return scalar(ScalarKind::kNumber, integer_text());
  }
  bool number_float(number_float_t /*val*/, const string_t& s) override {
    return scalar(ScalarKind::kNumber, s);
  }
  bool string(string_t& val) override { return scalar(ScalarKind::kString, std::move(val)); }
  bool binary(binary_t& /*val*/) override { return scalar(ScalarKind::kNull, {}); }

  bool start_object(std::size_t /*elements*/) override {
    ++depth_;
    if (depth_ == 1) return true;
    if (depth_ == 2 && current_ != nullptr && current_->key == "config" && !in_config_) {
      current_->is_config = true;
      in_config_ = true;
      return true;
    }
    mark_nested();
    return true;
  }
  bool end_object() override {
    if (depth_ == 2 && in_config_) in_config_ = false;
    --depth_;
    if (depth_ == 0) top_level_seen_ = true;
    return true;
  }
  bool start_array(std::size_t /*elements*/) override {
    ++depth_;
    if (depth_ == 1) top_level_is_object_ = false;
    mark_nested();
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool key(string_t& val) override {
    int line = line_column_at(text_, buffer_->consumed()).line;
    if (depth_ == 1) {
      top_.push_back(Member{std::move(val), line});
      current_ = &top_.back();
    } else if (depth_ == 2 && in_config_) {
      config_.push_back(Member{std::move(val), line});
      current_ = &config_.back();
    }
    return true;
  }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) override {
    error_position_ = position;
    error_text_ = ex.what();
    return false;
  }

  bool top_level_is_object() const { return top_level_is_object_ && top_level_seen_; }
  std::vector<Member>& top() { return top_; }
  std::vector<Member>& config() { return config_; }
  const std::optional<size_t>& error_position() const { return error_position_; }
  const std::string& error_text() const { return error_text_; }

 private:
  bool scalar(ScalarKind kind, std::string text) {
    if (depth_ == 0) {
      top_level_is_object_ = false;
      return true;
    }
    bool direct = depth_ == 1 || (depth_ == 2 && in_config_);
    if (direct && current_ != nullptr) {
      current_->kind = kind;
      current_->text = std::move(text);
    }
    return true;
  }
  void mark_nested() {
    // Only the member directly holding the container is marked; deeper levels are inside it.
    bool direct = depth_ == 2 || (depth_ == 3 && in_config_);
    if (direct && current_ != nullptr) current_->nested = true;
  }
  // The integer exactly as written (Jackson keeps "-0"): the lexer has consumed the number and
  // one character after it, so the number ends just before that character.
  std::string integer_text() const {
    size_t end = buffer_->consumed();
    if (end > 0 && end <= text_.size()) {
      char last = text_[end - 1];
      if (!(last >= '0' && last <= '9')) --end;
    }
    size_t begin = end;
    while (begin > 0 &&
           ((text_[begin - 1] >= '0' && text_[begin - 1] <= '9') || text_[begin - 1] == '-')) {
      --begin;
    }
    return std::string(text_.substr(begin, end - begin));
  }

  std::string_view text_;
  const TrackingBuffer* buffer_;
  int depth_ = 0;
  bool in_config_ = false;
  bool top_level_is_object_ = true;
  bool top_level_seen_ = false;
  // std::deque-like stability is not needed: current_ is re-pointed on every key, and no member
  // is added between a key and its value.
  Member* current_ = nullptr;
  std::vector<Member> top_;
  std::vector<Member> config_;
  std::optional<size_t> error_position_;
  std::string error_text_;
};

std::string where(const std::string& source, int line) {
  std::string out =
      source.empty() ? "line " + std::to_string(line) : source + ":" + std::to_string(line);
  return out;
}

// Adds the scalar members to *config, collecting an error for each object or array value.
void add_members(const std::vector<Member>& members, const std::string& source, RawConfig* config,
                 std::vector<std::string>* errors) {
  for (const Member& m : members) {
    if (m.nested) {
      errors->push_back(where(source, m.line) + ": the value of '" + m.key +
                        "' must be a string, number or boolean, not an object or array");
      continue;
    }
    if (m.kind == ScalarKind::kNull) continue;
    config->set(m.key, m.text, m.line);
  }
}

}  // namespace

Result<RawConfig> parse_json_config(std::string_view text, std::string source_name) {
  TrackingBuffer buffer(text);
  std::istream stream(&buffer);
  ConfigSax sax(text, &buffer);
  json::sax_parse(stream, &sax);
  if (sax.error_position()) {
    // nlohmann counts the failing character itself; step back onto it for the column.
    size_t pos = *sax.error_position() > 0 ? *sax.error_position() - 1 : 0;
    LineColumn lc = line_column_at(text, pos);
    std::string reason = sax.error_text();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: ".
    size_t column_at = reason.find(", column ");
    if (column_at != std::string::npos) {
      size_t colon = reason.find(": ", column_at);
      if (colon != std::string::npos) reason = reason.substr(colon + 2);
    }
    std::string location = source_name.empty() ? "" : source_name + ":";
    return Status::invalid_argument(location + std::to_string(lc.line) + ":" +
                                    std::to_string(lc.column) + ": malformed JSON: " + reason);
  }
  if (!sax.top_level_is_object()) {
    return Status::invalid_argument(
        (source_name.empty() ? std::string() : source_name + ": ") +
        "a connector configuration in JSON must be an object: {\"name\": ..., \"config\": {...}} "
        "or {\"connector.class\": ..., ...}");
  }

  RawConfig config(source_name);
  std::vector<std::string> errors;
  const Member* config_member = nullptr;
  for (const Member& m : sax.top()) {
    if (m.key == "config" && m.is_config) config_member = &m;
  }

  if (config_member == nullptr) {
    add_members(sax.top(), source_name, &config, &errors);
  } else {
    // The create-request form.
    std::optional<std::string> outer_name;
    int outer_name_line = 0;
    for (const Member& m : sax.top()) {
      if (&m == config_member || m.key == "tasks" || m.key == "type") continue;
      if (m.key == "name") {
        if (m.nested || m.kind != ScalarKind::kString) {
          errors.push_back(where(source_name, m.line) + ": \"name\" must be a string");
        } else {
          outer_name = m.text;
          outer_name_line = m.line;
        }
      } else if (m.key == "initial_state") {
        if (m.nested || m.text != "RUNNING") {
          errors.push_back(where(source_name, m.line) + ": \"initial_state\" '" + m.text +
                           "' is not supported: sluice starts connectors RUNNING (PAUSED and "
                           "STOPPED are not implemented)");
        }
      } else {
        errors.push_back(where(source_name, m.line) + ": unknown field '" + m.key +
                         "' in a connector request (expected name, config, initial_state)");
      }
    }
    add_members(sax.config(), source_name, &config, &errors);
    if (outer_name) {
      const RawEntry* inner = config.find("name");
      if (inner != nullptr && inner->value != *outer_name) {
        errors.push_back(where(source_name, inner->line) + ": connector name configuration (" +
                         inner->value + ") doesn't match the connector name (" + *outer_name + ")");
      } else if (inner == nullptr) {
        config.set("name", *outer_name, outer_name_line);
      }
    }
  }
  if (!errors.empty()) {
    std::string message = "cannot use the JSON connector configuration";
    for (const std::string& e : errors) message += "\n  " + e;
    return Status::invalid_argument(std::move(message));
  }
  return config;
}

}  // namespace sluice::config
