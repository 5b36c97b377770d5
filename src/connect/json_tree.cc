#include "connect/json_tree.h"

#include <simdjson.h>

#include <charconv>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

#include "connect/json_number.h"

namespace sluice::connect {
namespace {

namespace od = simdjson::ondemand;

constexpr size_t kNotFound = std::numeric_limits<size_t>::max();

bool is_json_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

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

Status depth_error(int depth) {
  return Status::data_error("Document nesting depth (" + std::to_string(depth) +
                            ") exceeds the maximum allowed (1000)");
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
  JsonNumber number;
  if (!JsonNumber::parse(token, &number, &error)) return Status::data_error(error);
  out->type = JsonType::kNumber;
  out->text = token;
  out->integral = number.integral;
  if (number.integral) {
    size_t first = 0;
    while (first + 1 < number.int_digits.size() && number.int_digits[first] == '0') ++first;
    if (number.int_digits.size() - first <= 18) {
      out->exact_int64 = true;
      out->int64_value = number.int64_value();
    }
  }
  return Status::ok_status();
}

// A number node after validation, for the rare accessors that need the digits again.
JsonNumber number_of(const JsonNode& node) {
  JsonNumber number;
  std::string ignored;
  JsonNumber::parse(node.text, &number, &ignored);
  return number;
}

// JsonConverter's schemaless inference of a scalar node.
Value infer_scalar(const JsonNode& node) {
  switch (node.type) {
    case JsonType::kBoolean:
      return Value::boolean(node.boolean);
    case JsonType::kNumber:
      return node.integral ? Value::integer(json_long_value(node))
                           : Value::float64(json_double_value(node));
    case JsonType::kString:
      return Value::string(node.text);
    default:
      return Value::null();
  }
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
    case JsonType::kNull:
      return "NULL";
    case JsonType::kBoolean:
      return "BOOLEAN";
    case JsonType::kNumber:
      return "NUMBER";
    case JsonType::kString:
      return "STRING";
    case JsonType::kArray:
      return "ARRAY";
    case JsonType::kObject:
      return "OBJECT";
  }
  return "MISSING";
}

int64_t json_long_value(const JsonNode& node) {
  if (node.type != JsonType::kNumber) return 0;
  return node.exact_int64 ? node.int64_value : number_of(node).int64_value();
}

int32_t json_int_value(const JsonNode& node) {
  return static_cast<int32_t>(static_cast<uint32_t>(json_long_value(node)));
}

bool json_is_int(const JsonNode& node) {
  if (node.type != JsonType::kNumber || !node.integral) return false;
  return node.exact_int64 ? node.int64_value == static_cast<int32_t>(node.int64_value)
                          : number_of(node).is_int32();
}

double json_double_value(const JsonNode& node) {
  if (node.type != JsonType::kNumber) return 0.0;
  // The common case needs no second look at the token: a finite non-zero result is the answer
  // (zeros need the sign rules of JsonNumber, overflow its range handling).
  double d = 0;
  auto [end, ec] = std::from_chars(node.text.data(), node.text.data() + node.text.size(), d);
  (void)end;
  if (ec == std::errc() && d != 0) return d;
  return number_of(node).double_value();
}

float json_float_value(const JsonNode& node) {
  if (node.type != JsonType::kNumber) return 0.0f;
  return number_of(node).float_value();
}

struct JsonReader::Impl {
  enum class Output : uint8_t { kNodes, kValues, kEnvelope };
  // Parses `input`; the root lands in *root (kNodes), *value (kValues) or *envelope.
  Status parse(std::string_view input, Arena& arena, Output output, const JsonNode** root,
               Value* value, Envelope* envelope);
  Status parse_container(std::string_view input, Arena& arena, Output output, const JsonNode** root,
                         Value* value, Envelope* envelope);
  Status parse_root_scalar(std::string_view input, size_t start, Arena& arena,
                           const JsonNode** root);
  Status iterate(std::string_view input, od::document* doc);
  // Builds the value at `value` as a JsonNode or, for schemaless inference, as a Value, into
  // stack<Node>()[slot] (in place: a copy of a freshly built node stalls the CPU's store
  // forwarding, which was the largest single cost of this loop).
  template <typename Node>
  Status build(od::value value, int depth, Arena& arena, size_t slot);
  // build() into a new slot, then copied to *out.
  template <typename Node>
  Status build_root(od::value value, int depth, Arena& arena, Node* out);
  template <typename Node>
  std::vector<Node>& stack();
  template <typename Node>
  void dedupe_members(size_t base);
  Status read_key(od::field& field, Arena& arena, std::string_view* key);
  Status read_envelope_members(od::value root, Arena& arena, Envelope* out);
  std::string_view to_input(std::string_view padded_view) const;

  od::parser parser_;
  std::unique_ptr<char[]> padded_;  // the document being parsed, followed by simdjson padding
  size_t padded_capacity_ = 0;
  const char* input_base_ = nullptr;  // where padded_ was copied from
  std::vector<JsonNode> node_stack_;
  std::vector<Value> value_stack_;
  std::vector<std::string_view> key_stack_;
  std::vector<uint32_t> dedupe_table_;
  Arena scratch_;  // nodes of the documents read since start_document()
};

JsonReader::JsonReader() : impl_(std::make_unique<Impl>()) {}
JsonReader::~JsonReader() = default;

void JsonReader::start_document() {
  impl_->scratch_.reset();
}

Status JsonReader::read(std::string_view input, Arena& arena, const JsonNode** root) {
  return impl_->parse(input, arena, Impl::Output::kNodes, root, nullptr, nullptr);
}

Status JsonReader::read_values(std::string_view input, Arena& arena, Value* out) {
  return impl_->parse(input, arena, Impl::Output::kValues, nullptr, out, nullptr);
}

Status JsonReader::read_envelope(std::string_view input, Arena& arena, Envelope* out) {
  SLUICE_RETURN_IF_ERROR(
      impl_->parse(input, arena, Impl::Output::kEnvelope, nullptr, nullptr, out));
  if (!out->valid) {
    // Java parses the whole document before it looks at the envelope; make sure members that
    // were skipped hold no syntax error.
    const JsonNode* ignored = nullptr;
    SLUICE_RETURN_IF_ERROR(
        impl_->parse(input, arena, Impl::Output::kNodes, &ignored, nullptr, nullptr));
  }
  return Status::ok_status();
}

Status JsonReader::Impl::parse(std::string_view input, Arena& arena, Output output,
                               const JsonNode** root, Value* value, Envelope* envelope) {
  if (root != nullptr) *root = nullptr;
  if (value != nullptr) *value = Value::null();
  if (envelope != nullptr) *envelope = Envelope{};
  // Jackson's byte-source bootstrapper skips a UTF-8 byte-order mark.
  if (input.size() >= 3 && input.substr(0, 3) == "\xEF\xBB\xBF") input.remove_prefix(3);
  const size_t start = skip_space(input, 0);
  if (start == input.size()) return Status::ok_status();  // MissingNode
  const char first = input[start];
  if (first == '{' || first == '[') {
    return parse_container(input, arena, output, root, value, envelope);
  }
  const JsonNode* scalar = nullptr;
  SLUICE_RETURN_IF_ERROR(parse_root_scalar(input, start, arena, &scalar));
  if (root != nullptr) *root = scalar;
  if (value != nullptr) *value = infer_scalar(*scalar);
  return Status::ok_status();  // an envelope stays invalid
}

Status JsonReader::Impl::parse_container(std::string_view input, Arena& arena, Output output,
                                         const JsonNode** root, Value* value, Envelope* envelope) {
  // simdjson rejects anything after the root value; Jackson ignores it. Parse the whole input
  // first (the common case, no extra pass) and only on failure retry with the first value alone.
  for (int attempt = 0; attempt < 2; ++attempt) {
    node_stack_.clear();
    value_stack_.clear();
    key_stack_.clear();
    od::document doc;
    Status st = iterate(input, &doc);
    od::value root_value;
    if (st.ok()) {
      if (auto err = doc.get_value().get(root_value)) st = syntax_error(err);
    }
    if (st.ok()) {
      switch (output) {
        case Output::kNodes: {
          JsonNode* node = &scratch_.allocate_array<JsonNode>(1)[0];
          st = build_root(root_value, 1, arena, node);
          if (st.ok()) *root = node;
          break;
        }
        case Output::kValues:
          st = build_root(root_value, 1, arena, value);
          break;
        case Output::kEnvelope:
          *envelope = Envelope{};
          st = read_envelope_members(root_value, arena, envelope);
          break;
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

Status JsonReader::Impl::parse_root_scalar(std::string_view input, size_t start, Arena& arena,
                                           const JsonNode** root) {
  JsonNode* node = &scratch_.allocate_array<JsonNode>(1)[0];
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
          "Unrecognized token '" +
          std::string(input.substr(start, std::max(stop - start, size_t{1}))) +
          "': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or "
          "'false')");
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
    SLUICE_RETURN_IF_ERROR(set_number(input.substr(start, end - start), node));
    // After a root-level number Jackson requires whitespace or the end of input.
    if (end < input.size() && !is_json_space(input[end])) {
      return Status::data_error("Unexpected character (" + describe_char(input[end]) +
                                "): Expected space separating root-level values");
    }
  } else {
    return Status::data_error("Unexpected character (" + describe_char(c) +
                              "): expected a valid value (JSON String, Number, Array, Object or "
                              "token 'null', 'true' or 'false')");
  }
  *root = node;
  return Status::ok_status();
}

Status JsonReader::Impl::iterate(std::string_view input, od::document* doc) {
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

std::string_view JsonReader::Impl::to_input(std::string_view padded_view) const {
  return {input_base_ + (padded_view.data() - padded_.get()), padded_view.size()};
}

Status JsonReader::Impl::read_key(od::field& field, Arena& arena, std::string_view* key) {
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

template <>
std::vector<JsonNode>& JsonReader::Impl::stack<JsonNode>() {
  return node_stack_;
}
template <>
std::vector<Value>& JsonReader::Impl::stack<Value>() {
  return value_stack_;
}

template <typename Node>
Status JsonReader::Impl::build_root(od::value value, int depth, Arena& arena, Node* out) {
  std::vector<Node>& nodes = stack<Node>();
  const size_t slot = nodes.size();
  nodes.emplace_back();
  Status st = build<Node>(value, depth, arena, slot);
  if (st.ok()) *out = nodes[slot];
  nodes.resize(slot);
  return st;
}

template <typename Node>
Status JsonReader::Impl::build(od::value value, int depth, Arena& arena, size_t slot) {
  constexpr bool kValues = std::is_same_v<Node, Value>;
  std::vector<Node>& nodes = stack<Node>();  // may reallocate below: index it, keep no pointers
  od::json_type type;
  if (auto err = value.type().get(type)) return syntax_error(err);
  switch (type) {
    case od::json_type::array: {
      if (depth > kMaxDepth) return depth_error(depth);
      od::array array;
      if (auto err = value.get_array().get(array)) return syntax_error(err);
      const size_t base = nodes.size();
      for (auto element : array) {
        od::value child;
        if (auto err = element.get(child)) return syntax_error(err);
        nodes.emplace_back();
        SLUICE_RETURN_IF_ERROR(build<Node>(child, depth + 1, arena, nodes.size() - 1));
      }
      // Values outlive the document (the batch Arena); nodes only the conversion (scratch).
      const size_t count = nodes.size() - base;
      Node* items = nullptr;
      if (count > 0) {
        Arena& home = kValues ? arena : scratch_;
        items = static_cast<Node*>(home.allocate(count * sizeof(Node), alignof(Node)));
        std::memcpy(static_cast<void*>(items), nodes.data() + base, count * sizeof(Node));
      }
      nodes.resize(base);
      if constexpr (kValues) {
        new (&nodes[slot]) Value(Value::array({items, count}));
      } else {
        nodes[slot].type = JsonType::kArray;
        nodes[slot].items = {items, count};
      }
      return Status::ok_status();
    }
    case od::json_type::object: {
      if (depth > kMaxDepth) return depth_error(depth);
      od::object object;
      if (auto err = value.get_object().get(object)) return syntax_error(err);
      const size_t base = nodes.size();
      const size_t key_base = key_stack_.size();
      for (auto member : object) {
        // Taking the field out of its simdjson_result is a copy that stalls store forwarding;
        // use it in place.
        if (member.error()) return syntax_error(member.error());
        od::field& field = member.value_unsafe();
        key_stack_.emplace_back();
        SLUICE_RETURN_IF_ERROR(read_key(field, arena, &key_stack_.back()));
        nodes.emplace_back();
        SLUICE_RETURN_IF_ERROR(build<Node>(field.value(), depth + 1, arena, nodes.size() - 1));
      }
      dedupe_members<Node>(base);
      const size_t count = nodes.size() - base;
      if constexpr (kValues) {
        // A map's entries alternate key and value.
        Value* entries = nullptr;
        if (count > 0) {
          entries = static_cast<Value*>(arena.allocate(2 * count * sizeof(Value), alignof(Value)));
          for (size_t i = 0; i < count; ++i) {
            new (entries + 2 * i) Value(Value::string(key_stack_[key_base + i]));
            new (entries + 2 * i + 1) Value(nodes[base + i]);
          }
        }
        nodes.resize(base);
        new (&nodes[slot]) Value(Value::map({entries, 2 * count}));
      } else {
        std::string_view* keys = nullptr;
        JsonNode* items = nullptr;
        if (count > 0) {
          keys = static_cast<std::string_view*>(
              scratch_.allocate(count * sizeof(std::string_view), alignof(std::string_view)));
          std::memcpy(static_cast<void*>(keys), key_stack_.data() + key_base,
                      count * sizeof(std::string_view));
          items = static_cast<JsonNode*>(
              scratch_.allocate(count * sizeof(JsonNode), alignof(JsonNode)));
          std::memcpy(static_cast<void*>(items), nodes.data() + base, count * sizeof(JsonNode));
        }
        nodes.resize(base);
        nodes[slot].type = JsonType::kObject;
        nodes[slot].keys = keys;
        nodes[slot].items = {items, count};
      }
      key_stack_.resize(key_base);
      return Status::ok_status();
    }
    case od::json_type::number: {
      JsonNode number;
      SLUICE_RETURN_IF_ERROR(set_number(trim_trailing_space(value.raw_json_token()), &number));
      number.text = to_input(number.text);
      if constexpr (kValues) {
        new (&nodes[slot]) Value(infer_scalar(number));
      } else {
        nodes[slot] = number;
      }
      return Status::ok_status();
    }
    case od::json_type::string: {
      const std::string_view token = trim_trailing_space(value.raw_json_token());
      const std::string_view content = token.substr(1, token.size() - 2);
      std::string_view text;
      if (content.find('\\') == std::string_view::npos) {
        text = to_input(content);
      } else {
        std::string_view unescaped;
        if (auto err = value.get_string().get(unescaped)) return syntax_error(err);
        text = arena.copy(unescaped);
      }
      if constexpr (kValues) {
        new (&nodes[slot]) Value(Value::string(text));
      } else {
        nodes[slot].type = JsonType::kString;
        nodes[slot].text = text;
      }
      return Status::ok_status();
    }
    case od::json_type::boolean: {
      bool b = false;
      if (auto err = value.get_bool().get(b)) return syntax_error(err);
      if constexpr (kValues) {
        new (&nodes[slot]) Value(Value::boolean(b));
      } else {
        nodes[slot].type = JsonType::kBoolean;
        nodes[slot].boolean = b;
      }
      return Status::ok_status();
    }
    case od::json_type::null: {
      bool is_null = false;
      if (auto err = value.is_null().get(is_null)) return syntax_error(err);
      if (!is_null) return syntax_error(simdjson::N_ATOM_ERROR);
      if constexpr (kValues) {
        new (&nodes[slot]) Value();
      } else {
        nodes[slot].type = JsonType::kNull;
      }
      return Status::ok_status();
    }
  }
  return syntax_error(simdjson::TAPE_ERROR);
}

Status JsonReader::Impl::read_envelope_members(od::value root, Arena& arena, Envelope* out) {
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
        SLUICE_RETURN_IF_ERROR(build_root(field.value(), 2, arena, &node));
        out->schema_kind = node.type == JsonType::kNull ? Envelope::SchemaKind::kNull
                                                        : Envelope::SchemaKind::kOther;
        out->schema_text = {};
      }
    } else if (key == "payload") {
      has_payload = true;
      JsonNode* node = &scratch_.allocate_array<JsonNode>(1)[0];
      SLUICE_RETURN_IF_ERROR(build_root(field.value(), 2, arena, node));
      out->payload = node;
    } else {
      has_other = true;
    }
  }
  out->valid = has_schema && has_payload && !has_other;
  return Status::ok_status();
}

// Jackson's ObjectNode keeps one entry per name: the last value, in the first one's position.
template <typename Node>
void JsonReader::Impl::dedupe_members(size_t base) {
  std::vector<Node>& stack_nodes = stack<Node>();
  const size_t count = stack_nodes.size() - base;
  if (count < 2) return;
  const size_t key_base = key_stack_.size() - count;
  std::string_view* keys = key_stack_.data() + key_base;
  Node* nodes = stack_nodes.data() + base;
  std::vector<bool> removed;  // allocated only when a duplicate exists
  auto merge = [&](size_t first, size_t later) {
    if (removed.empty()) removed.assign(count, false);
    nodes[first] = nodes[later];
    removed[later] = true;
  };
  if (count <= 16) {
    for (size_t i = 1; i < count; ++i) {
      for (size_t j = 0; j < i; ++j) {
        if ((removed.empty() || !removed[j]) && keys[j] == keys[i]) {
          merge(j, i);
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
          merge(at, i);
          break;
        }
        slot = (slot + 1) & (capacity - 1);
      }
    }
  }
  if (removed.empty()) return;
  size_t kept = 0;
  for (size_t i = 0; i < count; ++i) {
    if (removed[i]) continue;
    keys[kept] = keys[i];
    nodes[kept] = nodes[i];
    ++kept;
  }
  stack_nodes.resize(base + kept);
  key_stack_.resize(key_base + kept);
}

}  // namespace sluice::connect
