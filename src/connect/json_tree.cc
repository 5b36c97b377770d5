#include "connect/json_tree.h"

#include <cstring>
#include <functional>

#include "connect/json_number.h"

namespace sluice::connect {
namespace {

namespace od = simdjson::ondemand;

constexpr size_t kNotFound = std::numeric_limits<size_t>::max();

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t skip_space(std::string_view s, size_t i) {
  while (i < s.size() && is_json_space(s[i])) ++i;
  return i;
}

std::string_view trim_trailing_space(std::string_view s) {
  while (!s.empty() && is_json_space(s.back())) s.remove_suffix(1);
  return s;
}

Status syntax_error(simdjson::error_code code) {
  return Status::data_error(simdjson::error_message(code));
}

std::string describe_char(char c) {
  const int code = static_cast<uint8_t>(c);
  std::string out = "'";
  if (code >= 0x20 && code < 0x7F) {
    out.push_back(c);
  } else {
    out.append("\\x");
    static const char* kHex = "0123456789ABCDEF";
    out.push_back(kHex[code >> 4]);
    out.push_back(kHex[code & 0xF]);
  }
  out.append("' (code ").append(std::to_string(code)).append(")");
  return out;
}

// The end (exclusive) of the object or array starting at `start`, found by bracket counting
// outside strings; kNotFound when the input ends first. Only used to cut trailing content.
size_t container_end(std::string_view s, size_t start) {
  int64_t depth = 0;
  for (size_t i = start; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\') ++i;
      }
      if (i >= s.size()) return kNotFound;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return kNotFound;
}

// Jackson's check after true/false/null: the next character may not continue an identifier.
bool continues_identifier(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || static_cast<uint8_t>(c) >= 0x80;
}

// Validates a number token and records what the converters ask most often.
Status set_number(std::string_view token, JsonNode* out) {
  std::string error;
  std::optional<JsonNumber> number = JsonNumber::parse(token, &error);
  if (!number) return Status::data_error(error);
  out->type = JsonType::kNumber;
  out->integral = number->integral;
  if (number->integral) {
    size_t first = 0;
    while (first + 1 < number->int_digits.size() && number->int_digits[first] == '0') ++first;
    if (number->int_digits.size() - first <= 18) {
      out->exact_int64 = true;
      out->int64_value = number->int64_value();
    }
  }
  return Status::ok_status();
}

}  // namespace

const JsonNode* JsonNode::get(std::string_view name, size_t hint) const {
  if (type != JsonType::kObject) return nullptr;
  if (hint < items.size() && keys[hint] == name) return &items[hint];
  for (size_t i = 0; i < items.size(); ++i) {
    if (keys[i] == name) return &items[i];
  }
  return nullptr;
}

std::string_view json_node_type_name(const JsonNode* node) {
  if (node == nullptr) return "MISSING";
  switch (node->type) {
    case JsonType::kNull: return "NULL";
    case JsonType::kBoolean: return "BOOLEAN";
    case JsonType::kNumber: return "NUMBER";
    case JsonType::kString: return "STRING";
    case JsonType::kArray: return "ARRAY";
    case JsonType::kObject: return "OBJECT";
  }
  return "MISSING";
}

JsonReader::JsonReader() = default;

Status JsonReader::read(std::string_view input, Arena& arena, const JsonNode** root) {
  return parse(input, arena, root, nullptr);
}

Status JsonReader::read_envelope(std::string_view input, Arena& arena, Envelope* out) {
  *out = Envelope{};
  const JsonNode* ignored = nullptr;
  SLUICE_RETURN_IF_ERROR(parse(input, arena, &ignored, out));
  if (!out->valid) {
    // Java parses the whole document before it looks at the envelope; make sure members that
    // were skipped hold no syntax error.
    SLUICE_RETURN_IF_ERROR(parse(input, arena, &ignored, nullptr));
  }
  return Status::ok_status();
}

Status JsonReader::parse(std::string_view input, Arena& arena, const JsonNode** root,
                         Envelope* envelope) {
  *root = nullptr;
  // Jackson's byte-source bootstrapper skips a UTF-8 byte-order mark.
  if (input.size() >= 3 && input.substr(0, 3) == "\xEF\xBB\xBF") input.remove_prefix(3);
  const size_t start = skip_space(input, 0);
  if (start == input.size()) return Status::ok_status();  // MissingNode
  const char first = input[start];
  if (first == '{' || first == '[') return parse_container(input, arena, root, envelope);
  return parse_root_scalar(input, start, arena, root);
}

Status JsonReader::parse_container(std::string_view input, Arena& arena, const JsonNode** root,
                                   Envelope* envelope) {
  // simdjson rejects anything after the root value; Jackson ignores it. Parse the whole input
  // first (the common case, no extra pass) and only on failure retry with the first value alone.
  for (int attempt = 0; attempt < 2; ++attempt) {
    node_stack_.clear();
    key_stack_.clear();
    if (envelope != nullptr) *envelope = Envelope{};
    od::document doc;
    Status st = iterate(input, &doc);
    od::value value;
    if (st.ok()) {
      if (auto err = doc.get_value().get(value)) st = syntax_error(err);
    }
    if (st.ok()) {
      if (envelope != nullptr) {
        st = read_envelope_members(value, arena, envelope);
      } else {
        auto* node = &scratch_.allocate_array<JsonNode>(1)[0];
        st = build(value, 1, arena, node);
        if (st.ok()) *root = node;
      }
    }
    if (st.ok() || attempt == 1) return st;
    const size_t start = skip_space(input, 0);
    const size_t end = container_end(input, start);
    if (end == kNotFound || skip_space(input, end) == input.size()) return st;
    input = input.substr(0, end);
  }
  return Status::ok_status();
}

Status JsonReader::parse_root_scalar(std::string_view input, size_t start, Arena& arena,
                                     const JsonNode** root) {
  auto* node = &scratch_.allocate_array<JsonNode>(1)[0];
  const char c = input[start];
  if (c == '"') {
    size_t end = start + 1;
    for (; end < input.size() && input[end] != '"'; ++end) {
      if (input[end] == '\\') ++end;
    }
    if (end >= input.size()) {
      return Status::data_error(
          "Unexpected end-of-input: was expecting closing quote for a string value");
    }
    // Let simdjson check escapes, UTF-8 and control characters of the string token alone.
    const std::string_view token = input.substr(start, end + 1 - start);
    od::document doc;
    SLUICE_RETURN_IF_ERROR(iterate(token, &doc));
    std::string_view text;
    if (auto err = doc.get_string().get(text)) return syntax_error(err);
    const std::string_view content = token.substr(1, token.size() - 2);
    node->type = JsonType::kString;
    node->text = content.find('\\') == std::string_view::npos ? content : arena.copy(text);
  } else if (c == 't' || c == 'f' || c == 'n') {
    const std::string_view literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
    const size_t end = start + literal.size();
    if (input.substr(start, literal.size()) != literal ||
        (end < input.size() && continues_identifier(input[end]))) {
      size_t stop = start;
      while (stop < input.size() && continues_identifier(input[stop])) ++stop;
      return Status::data_error(
          "Unrecognized token '" + std::string(input.substr(start, std::max(stop - start, size_t{1}))) +
          "': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    }
    node->type = c == 'n' ? JsonType::kNull : JsonType::kBoolean;
    node->boolean = c == 't';
  } else if (c == '-' || (c >= '0' && c <= '9')) {
    size_t end = start;
    while (end < input.size() &&
           ((input[end] >= '0' && input[end] <= '9') || input[end] == '-' || input[end] == '+' ||
            input[end] == '.' || input[end] == 'e' || input[end] == 'E')) {
      ++end;
    }
    const std::string_view token = input.substr(start, end - start);
    SLUICE_RETURN_IF_ERROR(set_number(token, node));
    // After a root-level number Jackson requires whitespace or the end of input.
    if (end < input.size() && !is_json_space(input[end])) {
      return Status::data_error("Unexpected character (" + describe_char(input[end]) +
                                "): Expected space separating root-level values");
    }
    node->text = token;
  } else {
    return Status::data_error("Unexpected character (" + describe_char(c) +
                              "): expected a valid value (JSON String, Number, Array, Object or "
                              "token 'null', 'true' or 'false')");
  }
  *root = node;
  return Status::ok_status();
}

Status JsonReader::iterate(std::string_view input, od::document* doc) {
  const size_t needed = input.size() + simdjson::SIMDJSON_PADDING;
  if (padded_capacity_ < needed) {
    padded_capacity_ = std::max(needed, padded_capacity_ * 2);
    padded_ = std::make_unique<char[]>(padded_capacity_);
  }
  std::memcpy(padded_.get(), input.data(), input.size());
  std::memset(padded_.get() + input.size(), 0, simdjson::SIMDJSON_PADDING);
  input_base_ = input.data();
  if (auto err = parser_.iterate(padded_.get(), input.size(), padded_capacity_).get(*doc)) {
    return syntax_error(err);
  }
  return Status::ok_status();
}

std::string_view JsonReader::to_input(std::string_view padded_view) const {
  return {input_base_ + (padded_view.data() - padded_.get()), padded_view.size()};
}

Status JsonReader::read_key(od::field& field, Arena& arena, std::string_view* key) {
  const char* start = reinterpret_cast<const char*>(field.key().raw());
  const char* padded_end = padded_.get() + padded_capacity_;
  const auto* quote = static_cast<const char*>(std::memchr(start, '"', padded_end - start));
  if (quote == nullptr) return Status::data_error("Unexpected end-of-input in field name");
  if (std::memchr(start, '\\', quote - start) == nullptr) {
    *key = to_input({start, static_cast<size_t>(quote - start)});
    return Status::ok_status();
  }
  std::string_view unescaped;
  if (auto err = field.unescaped_key().get(unescaped)) return syntax_error(err);
  *key = arena.copy(unescaped);
  return Status::ok_status();
}

Status JsonReader::build(od::value value, int depth, Arena& arena, JsonNode* out) {
  od::json_type type;
  if (auto err = value.type().get(type)) return syntax_error(err);
  switch (type) {
    case od::json_type::array: {
      if (depth > kMaxDepth) {
        return Status::data_error("Document nesting depth (" + std::to_string(depth) +
                                  ") exceeds the maximum allowed (1000)");
      }
      od::array array;
      if (auto err = value.get_array().get(array)) return syntax_error(err);
      const size_t base = node_stack_.size();
      for (auto element : array) {
        od::value child;
        if (auto err = element.get(child)) return syntax_error(err);
        JsonNode node;
        SLUICE_RETURN_IF_ERROR(build(child, depth + 1, arena, &node));
        node_stack_.push_back(node);
      }
      out->type = JsonType::kArray;
      out->items = pop_nodes(base);
      return Status::ok_status();
    }
    case od::json_type::object: {
      if (depth > kMaxDepth) {
        return Status::data_error("Document nesting depth (" + std::to_string(depth) +
                                  ") exceeds the maximum allowed (1000)");
      }
      od::object object;
      if (auto err = value.get_object().get(object)) return syntax_error(err);
      const size_t base = node_stack_.size();
      const size_t key_base = key_stack_.size();
      for (auto member : object) {
        od::field field;
        if (auto err = std::move(member).get(field)) return syntax_error(err);
        std::string_view key;
        SLUICE_RETURN_IF_ERROR(read_key(field, arena, &key));
        JsonNode node;
        SLUICE_RETURN_IF_ERROR(build(field.value(), depth + 1, arena, &node));
        key_stack_.push_back(key);
        node_stack_.push_back(node);
      }
      dedupe_members(base);
      const size_t count = node_stack_.size() - base;
      std::span<std::string_view> keys = scratch_.allocate_array<std::string_view>(count);
      std::copy(key_stack_.begin() + static_cast<std::ptrdiff_t>(key_base), key_stack_.end(),
                keys.begin());
      key_stack_.resize(key_base);
      out->type = JsonType::kObject;
      out->keys = keys.data();
      out->items = pop_nodes(base);
      return Status::ok_status();
    }
    case od::json_type::number: {
      const std::string_view token = trim_trailing_space(value.raw_json_token());
      SLUICE_RETURN_IF_ERROR(set_number(token, out));
      out->text = to_input(token);
      return Status::ok_status();
    }
    case od::json_type::string: {
      const std::string_view token = trim_trailing_space(value.raw_json_token());
      const std::string_view content = token.substr(1, token.size() - 2);
      out->type = JsonType::kString;
      if (content.find('\\') == std::string_view::npos) {
        out->text = to_input(content);
      } else {
        std::string_view text;
        if (auto err = value.get_string().get(text)) return syntax_error(err);
        out->text = arena.copy(text);
      }
      return Status::ok_status();
    }
    case od::json_type::boolean: {
      bool b = false;
      if (auto err = value.get_bool().get(b)) return syntax_error(err);
      out->type = JsonType::kBoolean;
      out->boolean = b;
      return Status::ok_status();
    }
    case od::json_type::null: {
      bool is_null = false;
      if (auto err = value.is_null().get(is_null)) return syntax_error(err);
      if (!is_null) return syntax_error(simdjson::N_ATOM_ERROR);
      out->type = JsonType::kNull;
      return Status::ok_status();
    }
  }
  return syntax_error(simdjson::TAPE_ERROR);
}

Status JsonReader::read_envelope_members(od::value root, Arena& arena, Envelope* out) {
  od::json_type type;
  if (auto err = root.type().get(type)) return syntax_error(err);
  if (type != od::json_type::object) {
    out->valid = false;  // read_envelope() validates the rest
    return Status::ok_status();
  }
  od::object object;
  if (auto err = root.get_object().get(object)) return syntax_error(err);
  bool has_schema = false, has_payload = false, has_other = false;
  for (auto member : object) {
    od::field field;
    if (auto err = std::move(member).get(field)) return syntax_error(err);
    std::string_view key;
    SLUICE_RETURN_IF_ERROR(read_key(field, arena, &key));
    if (key == "schema") {
      has_schema = true;
      od::json_type schema_type;
      if (auto err = field.value().type().get(schema_type)) return syntax_error(err);
      if (schema_type == od::json_type::object) {
        od::object schema;
        std::string_view raw;
        if (auto err = field.value().get_object().get(schema)) return syntax_error(err);
        if (auto err = schema.raw_json().get(raw)) return syntax_error(err);
        out->schema_kind = Envelope::SchemaKind::kObject;
        out->schema_text = to_input(raw);
      } else {
        JsonNode node;
        SLUICE_RETURN_IF_ERROR(build(field.value(), 2, arena, &node));
        out->schema_kind = node.type == JsonType::kNull ? Envelope::SchemaKind::kNull
                                                         : Envelope::SchemaKind::kOther;
        out->schema_text = {};
      }
    } else if (key == "payload") {
      has_payload = true;
      auto* node = &scratch_.allocate_array<JsonNode>(1)[0];
      SLUICE_RETURN_IF_ERROR(build(field.value(), 2, arena, node));
      out->payload = node;
    } else {
      has_other = true;
    }
  }
  out->valid = has_schema && has_payload && !has_other;
  return Status::ok_status();
}

void JsonReader::dedupe_members(size_t base) {
  const size_t count = node_stack_.size() - base;
  if (count < 2) return;
  const size_t key_base = key_stack_.size() - count;
  std::string_view* keys = key_stack_.data() + key_base;
  JsonNode* nodes = node_stack_.data() + base;
  // first[i]: index of the first member with keys[i]'s name.
  bool any_duplicate = false;
  auto merge = [&](size_t first, size_t later) {
    nodes[first] = nodes[later];  // Jackson: the last value wins, in the first one's position
    keys[later] = std::string_view();
    nodes[later].type = JsonType::kNull;
    any_duplicate = true;
  };
  std::vector<bool> removed;
  if (count <= 16) {
    for (size_t i = 1; i < count; ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (keys[j].data() != nullptr && keys[j] == keys[i]) {
          if (!any_duplicate) removed.assign(count, false);
          merge(j, i);
          removed[i] = true;
          break;
        }
      }
    }
  } else {
    size_t capacity = 32;
    while (capacity < count * 2) capacity *= 2;
    dedupe_table_.assign(capacity, UINT32_MAX);
    const std::hash<std::string_view> hasher;
    for (size_t i = 0; i < count; ++i) {
      size_t slot = hasher(keys[i]) & (capacity - 1);
      while (true) {
        const uint32_t at = dedupe_table_[slot];
        if (at == UINT32_MAX) {
          dedupe_table_[slot] = static_cast<uint32_t>(i);
          break;
        }
        if (keys[at] == keys[i]) {
          if (!any_duplicate) removed.assign(count, false);
          const std::string_view key = keys[i];
          merge(at, i);
          keys[at] = key;
          removed[i] = true;
          break;
        }
        slot = (slot + 1) & (capacity - 1);
      }
    }
  }
  if (!any_duplicate) return;
  size_t kept = 0;
  for (size_t i = 0; i < count; ++i) {
    if (removed[i]) continue;
    keys[kept] = keys[i];
    nodes[kept] = nodes[i];
    ++kept;
  }
  node_stack_.resize(base + kept);
  key_stack_.resize(key_base + kept);
}

std::span<const JsonNode> JsonReader::pop_nodes(size_t base) {
  const size_t count = node_stack_.size() - base;
  std::span<JsonNode> nodes = scratch_.allocate_array<JsonNode>(count);
  std::copy(node_stack_.begin() + static_cast<std::ptrdiff_t>(base), node_stack_.end(),
            nodes.begin());
  node_stack_.resize(base);
  return nodes;
}

}  // namespace sluice::connect
