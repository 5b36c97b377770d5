#include "avro/json_reader.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sluice::avro {
namespace {

using nlohmann::json;

// Builds JsonValues from nlohmann's SAX events, with Jackson's number and duplicate-key rules.
// Containers under construction live on an explicit stack, so deep input cannot exhaust ours.
class TreeBuilder final : public nlohmann::json_sax<json> {
 public:
  bool null() override { return add(JsonValue::null()); }
  bool boolean(bool value) override { return add(JsonValue::boolean(value)); }
  bool number_integer(number_integer_t value) override { return add(JsonValue::integer(value)); }
  bool number_unsigned(number_unsigned_t value) override {
    if (value <= static_cast<uint64_t>(INT64_MAX)) {
      return add(JsonValue::integer(static_cast<int64_t>(value)));
    }
    return add(JsonValue::big_integer(std::to_string(value)));
  }
  bool number_float(number_float_t value, const string_t& text) override {
    // nlohmann falls back to a double for integer literals beyond 64 bits; Jackson keeps those
    // exactly as a BigIntegerNode.
    if (text.find_first_of(".eE") == std::string::npos) return add(JsonValue::big_integer(text));
    return add(JsonValue::number(value));
  }
  bool string(string_t& value) override { return add(JsonValue::string(std::move(value))); }
  bool binary(binary_t&) override { return fail("binary values are not JSON"); }
  bool start_object(std::size_t) override { return push(true); }
  bool key(string_t& value) override {
    stack_.back().key = std::move(value);
    return true;
  }
  bool end_object() override { return pop(); }
  bool start_array(std::size_t) override { return push(false); }
  bool end_array() override { return pop(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    // "[json.exception.parse_error.101] parse error at line 1, column 14: ..." without the tag.
    std::string what = e.what();
    size_t tag_end = what.find("] ");
    return fail(tag_end == std::string::npos ? what : what.substr(tag_end + 2));
  }

  JsonValue take_root() { return std::move(root_); }
  const std::string& error() const { return error_; }

 private:
  struct Frame {
    bool is_object = false;
    JsonArray items;
    JsonObject members;
    std::string key;
    // Member positions by key, built once an object grows past a few members.
    std::unordered_map<std::string, size_t> index;
  };
  static constexpr size_t kIndexThreshold = 16;

  bool fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }

  bool push(bool is_object) {
    if (stack_.size() >= static_cast<size_t>(kMaxJsonDepth)) {
      return fail("JSON nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    stack_.emplace_back();
    stack_.back().is_object = is_object;
    return true;
  }

  bool pop() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    return add(frame.is_object ? JsonValue::object(std::move(frame.members))
                               : JsonValue::array(std::move(frame.items)));
  }

  bool add(JsonValue value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return true;
    }
    Frame& top = stack_.back();
    if (!top.is_object) {
      top.items.push_back(std::move(value));
      return true;
    }
    add_member(top, std::move(value));
    return true;
  }

  // Jackson's ObjectNode: a repeated key replaces the value in place.
  static void add_member(Frame& top, JsonValue value) {
    if (top.members.size() < kIndexThreshold) {
      for (auto& member : top.members) {
        if (member.first == top.key) {
          member.second = std::move(value);
          return;
        }
      }
    } else {
      if (top.index.empty()) {
        for (size_t i = 0; i < top.members.size(); ++i) top.index.emplace(top.members[i].first, i);
      }
      auto [it, inserted] = top.index.emplace(top.key, top.members.size());
      if (!inserted) {
        top.members[it->second].second = std::move(value);
        return;
      }
    }
    top.members.emplace_back(std::move(top.key), std::move(value));
  }

  std::vector<Frame> stack_;
  JsonValue root_;
  std::string error_;
};

}  // namespace

Result<JsonValue> parse_json(std::string_view text) {
  TreeBuilder builder;
  bool ok = json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json,
                            /*strict=*/true, /*ignore_comments=*/true);
  if (!ok) {
    std::string reason = builder.error().empty() ? "malformed JSON" : builder.error();
    return Status::data_error("invalid JSON: " + reason);
  }
  return builder.take_root();
}

}  // namespace sluice::avro
