#include "avro/schema_parser.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <optional>
#include <system_error>

#include "avro/json_reader.h"

namespace sluice::avro {
namespace {

bool is_member_of(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Java's Schema.SCHEMA_RESERVED, ENUM_RESERVED and FIELD_RESERVED.
bool is_reserved_member(Type type, std::string_view name) {
  if (type == Type::kEnum && name == "default") return true;
  return is_member_of({"doc", "fields", "items", "name", "namespace", "size", "symbols", "values",
                       "type", "aliases"},
                      name);
}
bool is_reserved_field_member(std::string_view name) {
  return is_member_of({"default", "doc", "name", "order", "type", "aliases"}, name);
}

std::string json_text(const JsonValue& value) {
  std::string out;
  append_jackson_json(out, value);
  return out;
}

// Jackson's textValue(): the text of a string node, nothing for other nodes.
std::optional<std::string> text_of(const JsonValue& object, std::string_view key) {
  const JsonValue* value = object.find(key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->as_string();
}

// The full name Java's Name(name, space) stands for.
std::string full_name_in(std::string_view name, std::string_view space) {
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) {
    return space.empty() ? std::string(name) : std::string(space) + "." + std::string(name);
  }
  if (dot == 0) return std::string(name.substr(1));
  return std::string(name);
}

// Roughly the decimal exponent of a validated decimal literal: > 0 when its value is >= 1.
int64_t decimal_magnitude(std::string_view text) {
  size_t e = text.find_first_of("eE");
  int64_t exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view digits = text.substr(e + 1);
    bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+'))
      digits.remove_prefix(1);
    for (char c : digits) exponent = std::min<int64_t>(exponent * 10 + (c - '0'), 1'000'000'000);
    if (negative) exponent = -exponent;
    text = text.substr(0, e);
  }
  size_t point = text.find('.');
  std::string_view integer = text.substr(0, point);
  size_t first = integer.find_first_not_of('0');
  if (first != std::string_view::npos)
    return exponent + static_cast<int64_t>(integer.size() - first);
  std::string_view fraction = point == std::string_view::npos ? "" : text.substr(point + 1);
  size_t nonzero = fraction.find_first_not_of('0');
  return exponent - static_cast<int64_t>(nonzero == std::string_view::npos ? 0 : nonzero);
}

// Java's Double.valueOf for the decimal forms ("1.5", " -2e3f ", "NaN", "-Infinity").
std::optional<double> java_double_value_of(std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ') text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') text.remove_suffix(1);
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  double sign = negative ? -1.0 : 1.0;
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity") return sign * std::numeric_limits<double>::infinity();
  if (!text.empty() && std::string_view("fFdD").find(text.back()) != std::string_view::npos) {
    text.remove_suffix(1);
  }
  // digits [. digits] [(e|E) [+-] digits], with at least one mantissa digit.
  size_t i = 0, mantissa_digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
    ++i, ++mantissa_digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
      ++i, ++mantissa_digits;
  }
  if (mantissa_digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exponent_start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == exponent_start) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) {
    // Java rounds an out-of-range literal to infinity or zero.
    value = decimal_magnitude(text) > 0 ? std::numeric_limits<double>::infinity() : 0.0;
  } else if (ec != std::errc() || ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  return sign * value;
}

Status at(const Status& status, const std::string& path) {
  return Status(status.code(), status.message() + " (at " + path + ")");
}
Status error_at(std::string message, const std::string& path) {
  return Status::data_error(std::move(message) + " (at " + path + ")");
}

// One parse: the walk over the JSON tree, with Java's current namespace.
class ParseRun {
 public:
  explicit ParseRun(SchemaBuilder& builder) : builder_(builder) {}

  Result<const Schema*> parse(const JsonValue& json, const std::string& path) {
    if (json.is_string()) {
      const Schema* resolved = resolve(json.as_string());
      if (resolved == nullptr) return error_at("Undefined name: " + json_text(json), path);
      return resolved;
    }
    if (json.is_object()) return parse_object(json, path);
    if (json.is_array()) return parse_union(json, path);
    return error_at("Schema not yet supported: " + json_text(json), path);
  }

 private:
  // Java's Names.get(String): a primitive, else the name in the current namespace, else the
  // name without namespace.
  const Schema* resolve(const std::string& name) {
    if (auto primitive = primitive_type_from_name(name)) {
      return builder_.primitive(*primitive).value();
    }
    if (const Schema* found = builder_.find(full_name_in(name, space_))) return found;
    return builder_.find(full_name_in(name, ""));
  }

  static Properties props_of(const JsonValue& json, Type type) {
    Properties props;
    for (const auto& [name, value] : json.as_object()) {
      if (!is_reserved_member(type, name)) props.push_back(Property{name, value});
    }
    return props;
  }

  static Result<std::vector<std::string>> aliases_of(const JsonValue& json,
                                                     const std::string& path) {
    std::vector<std::string> aliases;
    const JsonValue* node = json.find("aliases");
    if (node == nullptr) return aliases;
    if (!node->is_array()) return error_at("aliases not an array: " + json_text(json), path);
    for (const JsonValue& alias : node->as_array()) {
      if (!alias.is_string()) return error_at("alias not a string: " + json_text(alias), path);
      aliases.push_back(alias.as_string());
    }
    return aliases;
  }

  Result<const Schema*> parse_object(const JsonValue& json, const std::string& path) {
    std::optional<std::string> type = text_of(json, "type");
    if (!type.has_value()) return error_at("No type: " + json_text(json), path);
    if (auto primitive = primitive_type_from_name(*type)) {
      auto node = builder_.primitive(*primitive, props_of(json, *primitive));
      if (!node.ok()) return at(node.status(), path);
      return node;
    }
    if (*type == "record" || *type == "error" || *type == "enum" || *type == "fixed") {
      return parse_named(json, *type, path);
    }
    if (*type == "array" || *type == "map") return parse_container(json, *type == "array", path);
    // {"type": "<defined name>"}: Java resolves it in the current namespace only.
    if (const Schema* found = builder_.find(full_name_in(*type, space_))) return found;
    return error_at("Type not supported: " + *type, path);
  }

  Result<const Schema*> parse_union(const JsonValue& json, const std::string& path) {
    std::vector<const Schema*> branches;
    const JsonArray& items = json.as_array();
    for (size_t i = 0; i < items.size(); ++i) {
      SLUICE_ASSIGN_OR_RETURN(const Schema* branch,
                              parse(items[i], path + "[" + std::to_string(i) + "]"));
      branches.push_back(branch);
    }
    auto node = builder_.union_of(std::move(branches));
    if (!node.ok()) return at(node.status(), path);
    return node;
  }

  Result<const Schema*> parse_container(const JsonValue& json, bool is_array,
                                        const std::string& path) {
    const char* member = is_array ? "items" : "values";
    const JsonValue* child_json = json.find(member);
    if (child_json == nullptr) {
      return error_at(
          std::string(is_array ? "Array has no items type: " : "Map has no values type: ") +
              json_text(json),
          path);
    }
    SLUICE_ASSIGN_OR_RETURN(const Schema* child, parse(*child_json, path + "." + member));
    Properties props = props_of(json, is_array ? Type::kArray : Type::kMap);
    auto node =
        is_array ? builder_.array(child, std::move(props)) : builder_.map(child, std::move(props));
    if (!node.ok()) return at(node.status(), path);
    return node;
  }

  Result<const Schema*> parse_named(const JsonValue& json, const std::string& type,
                                    const std::string& path) {
    NamedTypeSpec spec;
    std::optional<std::string> name = text_of(json, "name");
    if (!name.has_value()) return error_at("No name in schema: " + json_text(json), path);
    spec.name = std::move(*name);
    spec.space = text_of(json, "namespace").value_or(space_);
    spec.doc = text_of(json, "doc");
    SLUICE_ASSIGN_OR_RETURN(spec.aliases, aliases_of(json, path));
    Type kind = type == "enum" ? Type::kEnum : type == "fixed" ? Type::kFixed : Type::kRecord;
    spec.props = props_of(json, kind);
    std::string saved_space = space_;
    Result<const Schema*> node = kind == Type::kEnum ? parse_enum(json, std::move(spec), path)
                                 : kind == Type::kFixed
                                     ? parse_fixed(json, std::move(spec), path)
                                     : parse_record(json, std::move(spec), type == "error", path);
    space_ = std::move(saved_space);
    return node;
  }

  Result<const Schema*> parse_enum(const JsonValue& json, NamedTypeSpec spec,
                                   const std::string& path) {
    const JsonValue* symbols_json = json.find("symbols");
    if (symbols_json == nullptr || !symbols_json->is_array()) {
      return error_at("Enum has no symbols: " + json_text(json), path);
    }
    std::vector<std::string> symbols;
    for (const JsonValue& symbol : symbols_json->as_array()) {
      if (!symbol.is_string())
        return error_at("Enum symbol not a string: " + json_text(symbol), path);
      symbols.push_back(symbol.as_string());
    }
    auto node = builder_.enumeration(std::move(spec), std::move(symbols), text_of(json, "default"));
    if (!node.ok()) return at(node.status(), path);
    return node;
  }

  Result<const Schema*> parse_fixed(const JsonValue& json, NamedTypeSpec spec,
                                    const std::string& path) {
    const JsonValue* size = json.find("size");
    if (size == nullptr || !size->is_int32()) {
      return error_at("Invalid or no size: " + json_text(json), path);
    }
    auto node = builder_.fixed(std::move(spec), size->as_int());
    if (!node.ok()) return at(node.status(), path);
    return node;
  }

  Result<const Schema*> parse_record(const JsonValue& json, NamedTypeSpec spec, bool is_error,
                                     const std::string& path) {
    auto declared = builder_.record(std::move(spec), is_error);
    if (!declared.ok()) return at(declared.status(), path);
    const Schema* record = *declared;
    space_ = record->space();
    const JsonValue* fields_json = json.find("fields");
    if (fields_json == nullptr || !fields_json->is_array()) {
      return error_at("Record has no fields: " + json_text(json), path);
    }
    std::vector<FieldSpec> fields;
    const JsonArray& items = fields_json->as_array();
    for (size_t i = 0; i < items.size(); ++i) {
      SLUICE_ASSIGN_OR_RETURN(FieldSpec field,
                              parse_field(items[i], path + ".fields[" + std::to_string(i) + "]"));
      fields.push_back(std::move(field));
    }
    Status status = builder_.set_fields(record, std::move(fields));
    if (!status.ok()) return at(status, path);
    return record;
  }

  Result<FieldSpec> parse_field(const JsonValue& json, const std::string& path) {
    FieldSpec field;
    std::optional<std::string> name = text_of(json, "name");
    if (!name.has_value()) return error_at("No field name: " + json_text(json), path);
    field.name = std::move(*name);
    field.doc = text_of(json, "doc");
    const JsonValue* type_json = json.find("type");
    if (type_json == nullptr) return error_at("No field type: " + json_text(json), path);
    if (type_json->is_string() && resolve(type_json->as_string()) == nullptr) {
      return error_at(json_text(*type_json) + " is not a defined name. The type of the \"" +
                          field.name +
                          "\" field must be a defined name or a {\"type\": ...} expression.",
                      path + ".type");
    }
    SLUICE_ASSIGN_OR_RETURN(field.type, parse(*type_json, path + ".type"));
    SLUICE_ASSIGN_OR_RETURN(field.order, order_of(json, path));
    if (const JsonValue* default_json = json.find("default")) {
      SLUICE_ASSIGN_OR_RETURN(field.default_value, default_of(*default_json, *field.type, path));
    }
    for (const auto& [key, value] : json.as_object()) {
      if (!is_reserved_field_member(key)) field.props.push_back(Property{key, value});
    }
    SLUICE_ASSIGN_OR_RETURN(field.aliases, aliases_of(json, path));
    return field;
  }

  static Result<FieldOrder> order_of(const JsonValue& json, const std::string& path) {
    const JsonValue* order = json.find("order");
    if (order == nullptr) return FieldOrder::kAscending;
    if (order->is_string()) {
      std::string upper = order->as_string();
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (upper == "ASCENDING") return FieldOrder::kAscending;
      if (upper == "DESCENDING") return FieldOrder::kDescending;
      if (upper == "IGNORE") return FieldOrder::kIgnore;
    }
    return error_at("Invalid field order: " + json_text(*order), path + ".order");
  }

  // Java turns a string default of a float or double field into a number.
  static Result<JsonValue> default_of(const JsonValue& value, const Schema& type,
                                      const std::string& path) {
    if (!value.is_string() || (type.type() != Type::kFloat && type.type() != Type::kDouble)) {
      return value;
    }
    std::optional<double> number = java_double_value_of(value.as_string());
    if (!number.has_value()) {
      return error_at("Invalid number for input string: " + json_text(value), path + ".default");
    }
    return JsonValue::number(*number);
  }

  SchemaBuilder& builder_;
  std::string space_;
};

}  // namespace

Result<SchemaPtr> SchemaParser::parse(const JsonValue& json) {
  SchemaBuilder builder(options_);
  for (const SchemaPtr& known : known_) SLUICE_RETURN_IF_ERROR(builder.import(known));
  auto root = ParseRun(builder).parse(json, "$");
  if (!root.ok()) return root.status().with_context("avro schema");
  auto schema = builder.build(*root);
  if (!schema.ok()) return schema.status().with_context("avro schema");
  known_.push_back(*schema);
  return schema;
}

Result<SchemaPtr> SchemaParser::parse(std::string_view json_text) {
  auto json = parse_json(json_text);
  if (!json.ok()) return json.status().with_context("avro schema");
  return parse(*json);
}

Result<SchemaPtr> parse_schema(std::string_view json_text, SchemaParseOptions options) {
  return SchemaParser(options).parse(json_text);
}

}  // namespace sluice::avro
