#include "avro/schema_builder.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "avro/schema_store.h"
#include "avro/schema_writer.h"

namespace sluice::avro {
namespace {

// Java's byte-array limit (SystemLimitException.MAX_ARRAY_VM_LIMIT), the largest fixed size.
constexpr int64_t kMaxFixedSize = INT32_MAX - 8;

bool is_ascii_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}

bool contains(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Java's Schema.SCHEMA_RESERVED (+ "default" for enums) and FIELD_RESERVED.
bool is_reserved_schema_prop(Type type, std::string_view name) {
  if (type == Type::kEnum && name == "default") return true;
  return contains({"doc", "fields", "items", "name", "namespace", "size", "symbols", "values",
                   "type", "aliases"},
                  name);
}
bool is_reserved_field_prop(std::string_view name) {
  return contains({"default", "doc", "name", "order", "type", "aliases"}, name);
}

std::string json_text(const JsonValue& value) {
  std::string out;
  append_jackson_json(out, value);
  return out;
}

// Java's Decimal.maxPrecision for a fixed of `size` bytes.
int64_t max_fixed_decimal_precision(int32_t size) {
  return static_cast<int64_t>(std::llround(std::floor(std::log10(2.0) * (8.0 * size - 1))));
}

// Applies Java's LogicalTypes.Decimal checks; kNone when invalid.
LogicalType decimal_type(const Schema& node, int32_t& precision, int32_t& scale) {
  const JsonValue* p = node.prop("precision");
  const JsonValue* s = node.prop("scale");
  if (p == nullptr || !p->is_int32()) return LogicalType::kNone;
  if (s != nullptr && !s->is_int32()) return LogicalType::kNone;
  precision = static_cast<int32_t>(p->as_int());
  scale = s == nullptr ? 0 : static_cast<int32_t>(s->as_int());
  if (node.type() != Type::kBytes && node.type() != Type::kFixed) return LogicalType::kNone;
  if (precision <= 0 || scale < 0 || scale > precision) return LogicalType::kNone;
  if (node.type() == Type::kFixed && precision > max_fixed_decimal_precision(node.fixed_size())) {
    return LogicalType::kNone;
  }
  return LogicalType::kDecimal;
}

// The logical type named `name` when `node`'s type may carry it (Avro specification).
LogicalType simple_logical_type(const Schema& node, std::string_view name) {
  struct Rule {
    std::string_view name;
    LogicalType logical;
    Type base;
  };
  static constexpr Rule kRules[] = {
      {"big-decimal", LogicalType::kBigDecimal, Type::kBytes},
      {"date", LogicalType::kDate, Type::kInt},
      {"time-millis", LogicalType::kTimeMillis, Type::kInt},
      {"time-micros", LogicalType::kTimeMicros, Type::kLong},
      {"timestamp-millis", LogicalType::kTimestampMillis, Type::kLong},
      {"timestamp-micros", LogicalType::kTimestampMicros, Type::kLong},
      {"timestamp-nanos", LogicalType::kTimestampNanos, Type::kLong},
      {"local-timestamp-millis", LogicalType::kLocalTimestampMillis, Type::kLong},
      {"local-timestamp-micros", LogicalType::kLocalTimestampMicros, Type::kLong},
      {"local-timestamp-nanos", LogicalType::kLocalTimestampNanos, Type::kLong},
  };
  for (const Rule& rule : kRules) {
    if (rule.name == name) return node.type() == rule.base ? rule.logical : LogicalType::kNone;
  }
  bool fixed = node.type() == Type::kFixed;
  if (name == "uuid" && (node.type() == Type::kString || (fixed && node.fixed_size() == 16))) {
    return LogicalType::kUuid;
  }
  if (name == "duration" && fixed && node.fixed_size() == 12) return LogicalType::kDuration;
  return LogicalType::kNone;
}

}  // namespace

bool is_valid_default(const Schema& schema, const JsonValue& value) {
  switch (schema.type()) {
    case Type::kString:
    case Type::kBytes:
    case Type::kEnum:
    case Type::kFixed:
      return value.is_string();
    case Type::kInt:
      return value.is_int32();
    case Type::kLong:
      return value.kind() == JsonValue::Kind::kInt;
    case Type::kFloat:
    case Type::kDouble:
      return value.is_number();
    case Type::kBoolean:
      return value.is_bool();
    case Type::kNull:
      return value.is_null();
    case Type::kArray:
      if (!value.is_array()) return false;
      return std::all_of(
          value.as_array().begin(), value.as_array().end(),
          [&](const JsonValue& item) { return is_valid_default(schema.items(), item); });
    case Type::kMap:
      if (!value.is_object()) return false;
      return std::all_of(
          value.as_object().begin(), value.as_object().end(),
          [&](const JsonMember& m) { return is_valid_default(schema.values(), m.second); });
    case Type::kUnion:
      return !schema.branches().empty() && is_valid_default(*schema.branches()[0], value);
    case Type::kRecord:
      // Java throws "Schema fields not set yet" for a record still being declared.
      if (!value.is_object() || !schema.has_fields()) return false;
      for (const Field& field : schema.fields()) {
        const JsonValue* given = value.find(field.name());
        if (given == nullptr && !field.default_value().has_value()) return false;
        if (!is_valid_default(field.schema(), given != nullptr ? *given : *field.default_value())) {
          return false;
        }
      }
      return true;
  }
  return false;
}

SchemaBuilder::SchemaBuilder(SchemaBuilderOptions options)
    : options_(options), store_(std::make_shared<detail::SchemaStore>()) {}
SchemaBuilder::~SchemaBuilder() = default;
SchemaBuilder::SchemaBuilder(SchemaBuilder&&) noexcept = default;
SchemaBuilder& SchemaBuilder::operator=(SchemaBuilder&&) noexcept = default;

const Schema* SchemaBuilder::plain_primitive(Type type) {
  static const Schema kNodes[] = {
      Schema(Schema::ConstructionTag(), Type::kNull, nullptr),
      Schema(Schema::ConstructionTag(), Type::kBoolean, nullptr),
      Schema(Schema::ConstructionTag(), Type::kInt, nullptr),
      Schema(Schema::ConstructionTag(), Type::kLong, nullptr),
      Schema(Schema::ConstructionTag(), Type::kFloat, nullptr),
      Schema(Schema::ConstructionTag(), Type::kDouble, nullptr),
      Schema(Schema::ConstructionTag(), Type::kBytes, nullptr),
      Schema(Schema::ConstructionTag(), Type::kString, nullptr),
  };
  return &kNodes[static_cast<size_t>(type)];
}

Schema* SchemaBuilder::new_node(Type type) {
  return store_->add(type);
}

Status SchemaBuilder::check_name(std::string_view name) const {
  if (!options_.validate_names) return Status::ok_status();
  if (name.empty()) return Status::data_error("Empty name");
  // Non-ASCII bytes count as letters: see the file comment of schema_builder.h.
  auto first = static_cast<unsigned char>(name[0]);
  if (!(is_ascii_letter(first) || first == '_' || first >= 0x80)) {
    return Status::data_error("Illegal initial character: " + std::string(name));
  }
  for (char ch : name.substr(1)) {
    auto c = static_cast<unsigned char>(ch);
    if (!(is_ascii_letter(c) || is_ascii_digit(c) || c == '_' || c >= 0x80)) {
      return Status::data_error("Illegal character in: " + std::string(name));
    }
  }
  return Status::ok_status();
}

Result<SchemaBuilder::QualifiedName> SchemaBuilder::qualify(std::string_view name,
                                                            std::string_view space) const {
  QualifiedName q;
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) {
    q.name = std::string(name);
    q.space = std::string(space);
  } else {
    q.name = std::string(name.substr(dot + 1));
    q.space = std::string(name.substr(0, dot));
  }
  SLUICE_RETURN_IF_ERROR(check_name(q.name));
  q.full = q.space.empty() ? q.name : q.space + "." + q.name;
  return q;
}

Status SchemaBuilder::set_props(Schema& node, Properties props) const {
  for (Property& prop : props) {
    if (is_reserved_schema_prop(node.type_, prop.name)) {
      return Status::data_error("Can't set reserved property: " + prop.name);
    }
    if (const JsonValue* old = find_property(node.props_, prop.name)) {
      if (*old == prop.value) continue;
      return Status::data_error("Can't overwrite property: " + prop.name);
    }
    node.props_.push_back(std::move(prop));
  }
  derive_logical_type(node);
  return Status::ok_status();
}

Status SchemaBuilder::check_field_props(const Properties& props) const {
  for (size_t i = 0; i < props.size(); ++i) {
    if (is_reserved_field_prop(props[i].name)) {
      return Status::data_error("Can't set reserved property: " + props[i].name);
    }
    for (size_t j = 0; j < i; ++j) {
      if (props[j].name == props[i].name && !(props[j].value == props[i].value)) {
        return Status::data_error("Can't overwrite property: " + props[i].name);
      }
    }
  }
  return Status::ok_status();
}

void SchemaBuilder::derive_logical_type(Schema& node) const {
  node.logical_type_ = LogicalType::kNone;
  const JsonValue* name = node.prop("logicalType");
  if (name == nullptr || !name->is_string()) return;
  // Java's LogicalType.validate: these Java-binding properties exclude every logical type.
  for (std::string_view incompatible :
       {"avro.java.string", "java-class", "java-key-class", "java-element-class"}) {
    const JsonValue* value = node.prop(incompatible);
    if (value != nullptr && value->is_string()) return;
  }
  if (name->as_string() == "decimal") {
    node.logical_type_ = decimal_type(node, node.decimal_precision_, node.decimal_scale_);
    return;
  }
  node.logical_type_ = simple_logical_type(node, name->as_string());
}

Result<Schema*> SchemaBuilder::new_named(Type type, NamedTypeSpec& spec) {
  SLUICE_ASSIGN_OR_RETURN(QualifiedName q, qualify(spec.name, spec.space));
  if (primitive_type_from_name(q.full).has_value()) {
    return Status::data_error("Schemas may not be named after primitives: " + q.full);
  }
  if (names_.count(q.full) != 0) return Status::data_error("Can't redefine: " + q.full);
  Schema* node = new_node(type);
  node->name_ = std::move(q.name);
  node->space_ = std::move(q.space);
  node->full_name_ = std::move(q.full);
  node->doc_ = std::move(spec.doc);
  for (const std::string& alias : spec.aliases) {
    SLUICE_ASSIGN_OR_RETURN(QualifiedName a, qualify(alias, node->space_));
    auto& aliases = node->aliases_;
    if (std::find(aliases.begin(), aliases.end(), a.full) == aliases.end()) {
      aliases.push_back(std::move(a.full));
    }
  }
  return node;
}

Result<const Schema*> SchemaBuilder::primitive(Type type, Properties props) {
  if (props.empty()) return plain_primitive(type);
  Schema* node = new_node(type);
  SLUICE_RETURN_IF_ERROR(set_props(*node, std::move(props)));
  return node;
}

Result<const Schema*> SchemaBuilder::array(const Schema* items, Properties props) {
  Schema* node = new_node(Type::kArray);
  node->child_ = items;
  SLUICE_RETURN_IF_ERROR(set_props(*node, std::move(props)));
  return node;
}

Result<const Schema*> SchemaBuilder::map(const Schema* values, Properties props) {
  Schema* node = new_node(Type::kMap);
  node->child_ = values;
  SLUICE_RETURN_IF_ERROR(set_props(*node, std::move(props)));
  return node;
}

Result<const Schema*> SchemaBuilder::union_of(std::vector<const Schema*> branches) {
  for (size_t i = 0; i < branches.size(); ++i) {
    if (branches[i]->type() == Type::kUnion) return Status::data_error("Nested union");
    for (size_t j = 0; j < i; ++j) {
      if (branches[j]->full_name() == branches[i]->full_name()) {
        return Status::data_error("Duplicate in union: " + branches[i]->full_name());
      }
    }
  }
  Schema* node = new_node(Type::kUnion);
  node->branches_ = std::move(branches);
  return node;
}

Result<const Schema*> SchemaBuilder::fixed(NamedTypeSpec spec, int64_t size) {
  if (size < 0)
    return Status::data_error("Malformed data. Length is negative: " + std::to_string(size));
  if (size > kMaxFixedSize) {
    return Status::data_error("Bytes length " + std::to_string(size) + " exceeds maximum allowed");
  }
  SLUICE_ASSIGN_OR_RETURN(Schema * node, new_named(Type::kFixed, spec));
  node->fixed_size_ = static_cast<int32_t>(size);
  SLUICE_RETURN_IF_ERROR(set_props(*node, std::move(spec.props)));
  names_.emplace(node->full_name_, node);
  return node;
}

Result<const Schema*> SchemaBuilder::enumeration(NamedTypeSpec spec,
                                                 std::vector<std::string> symbols,
                                                 std::optional<std::string> default_symbol) {
  std::unordered_set<std::string_view> seen;
  for (const std::string& symbol : symbols) {
    SLUICE_RETURN_IF_ERROR(check_name(symbol));
    if (!seen.insert(symbol).second) return Status::data_error("Duplicate enum symbol: " + symbol);
  }
  if (default_symbol.has_value() && seen.count(*default_symbol) == 0) {
    return Status::data_error("The Enum Default: " + *default_symbol +
                              " is not in the enum symbol set");
  }
  SLUICE_ASSIGN_OR_RETURN(Schema * node, new_named(Type::kEnum, spec));
  node->symbols_ = std::move(symbols);
  node->enum_default_ = std::move(default_symbol);
  SLUICE_RETURN_IF_ERROR(set_props(*node, std::move(spec.props)));
  names_.emplace(node->full_name_, node);
  return node;
}

Result<const Schema*> SchemaBuilder::record(NamedTypeSpec spec, bool is_error) {
  SLUICE_ASSIGN_OR_RETURN(Schema * node, new_named(Type::kRecord, spec));
  node->is_error_ = is_error;
  SLUICE_RETURN_IF_ERROR(set_props(*node, std::move(spec.props)));
  names_.emplace(node->full_name_, node);
  open_records_.push_back(node);
  return node;
}

Status SchemaBuilder::set_fields(const Schema* record, std::vector<FieldSpec> specs) {
  auto open = std::find(open_records_.begin(), open_records_.end(), record);
  if (open == open_records_.end()) {
    return Status::data_error("Fields are already set: " + record->full_name());
  }
  Schema* node = *open;
  std::vector<Field> fields;
  fields.reserve(specs.size());
  std::unordered_set<std::string> seen;  // copies: the specs' names are moved into the fields
  for (FieldSpec& spec : specs) {
    SLUICE_RETURN_IF_ERROR(check_name(spec.name));
    SLUICE_RETURN_IF_ERROR(check_field_props(spec.props));
    if (!seen.insert(spec.name).second) {
      return Status::data_error("Duplicate field " + spec.name + " in record " + node->full_name_);
    }
    if (options_.validate_defaults && spec.default_value.has_value() &&
        !is_valid_default(*spec.type, *spec.default_value)) {
      return Status::data_error("Invalid default for field " + spec.name + ": " +
                                json_text(*spec.default_value) + " not a " +
                                schema_to_json(*spec.type));
    }
    Field& field = fields.emplace_back(Field());
    field.name_ = std::move(spec.name);
    field.schema_ = spec.type;
    field.position_ = fields.size() - 1;
    field.doc_ = std::move(spec.doc);
    field.default_value_ = std::move(spec.default_value);
    field.order_ = spec.order;
    for (std::string& alias : spec.aliases) {
      auto& aliases = field.aliases_;
      if (std::find(aliases.begin(), aliases.end(), alias) == aliases.end()) {
        aliases.push_back(std::move(alias));
      }
    }
    for (Property& prop : spec.props) {
      if (find_property(field.props_, prop.name) == nullptr)
        field.props_.push_back(std::move(prop));
    }
  }
  node->fields_ = std::move(fields);
  for (const Field& field : node->fields_) {
    node->field_index_.emplace(field.name_, static_cast<uint32_t>(field.position_));
  }
  node->fields_set_ = true;
  open_records_.erase(open);
  return Status::ok_status();
}

const Schema* SchemaBuilder::find(std::string_view full_name) const {
  auto it = names_.find(std::string(full_name));
  return it == names_.end() ? nullptr : it->second;
}

Status SchemaBuilder::import(const SchemaPtr& schema) {
  std::vector<const Schema*> pending = {schema.get()};
  std::unordered_set<const Schema*> visited;
  while (!pending.empty()) {
    const Schema* node = pending.back();
    pending.pop_back();
    if (!visited.insert(node).second) continue;
    if (node->is_named()) {
      auto [it, inserted] = names_.emplace(node->full_name(), node);
      if (!inserted && it->second != node)
        return Status::data_error("Can't redefine: " + node->full_name());
    }
    switch (node->type()) {
      case Type::kRecord:
        for (const Field& field : node->fields()) pending.push_back(&field.schema());
        break;
      case Type::kArray:
      case Type::kMap:
        pending.push_back(node->child_);
        break;
      case Type::kUnion:
        pending.insert(pending.end(), node->branches().begin(), node->branches().end());
        break;
      default:
        break;
    }
  }
  keep_alive_.push_back(schema);
  return Status::ok_status();
}

Result<SchemaPtr> SchemaBuilder::build(const Schema* root) {
  if (!open_records_.empty()) {
    return Status::data_error("record " + open_records_.front()->full_name() + " has no fields");
  }
  SchemaPtr result = root->store_ == store_.get() ? SchemaPtr(store_, root) : root->share();
  if (!store_->empty()) {
    store_->keep_alive(keep_alive_);
    keep_alive_.push_back(store_);
    store_ = std::make_shared<detail::SchemaStore>();
  }
  return result;
}

}  // namespace sluice::avro
