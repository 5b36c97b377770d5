#include "avro/schema.h"

#include <cassert>

#include "avro/schema_store.h"
#include "avro/schema_writer.h"

namespace sluice::avro {

std::string_view type_name(Type type) {
  switch (type) {
    case Type::kNull:
      return "null";
    case Type::kBoolean:
      return "boolean";
    case Type::kInt:
      return "int";
    case Type::kLong:
      return "long";
    case Type::kFloat:
      return "float";
    case Type::kDouble:
      return "double";
    case Type::kBytes:
      return "bytes";
    case Type::kString:
      return "string";
    case Type::kRecord:
      return "record";
    case Type::kEnum:
      return "enum";
    case Type::kArray:
      return "array";
    case Type::kMap:
      return "map";
    case Type::kUnion:
      return "union";
    case Type::kFixed:
      return "fixed";
  }
  return "";
}

std::optional<Type> primitive_type_from_name(std::string_view name) {
  for (Type type : {Type::kNull, Type::kBoolean, Type::kInt, Type::kLong, Type::kFloat,
                    Type::kDouble, Type::kBytes, Type::kString}) {
    if (type_name(type) == name) return type;
  }
  return std::nullopt;
}

std::string_view logical_type_name(LogicalType type) {
  switch (type) {
    case LogicalType::kNone:
      return "";
    case LogicalType::kDecimal:
      return "decimal";
    case LogicalType::kBigDecimal:
      return "big-decimal";
    case LogicalType::kUuid:
      return "uuid";
    case LogicalType::kDate:
      return "date";
    case LogicalType::kTimeMillis:
      return "time-millis";
    case LogicalType::kTimeMicros:
      return "time-micros";
    case LogicalType::kTimestampMillis:
      return "timestamp-millis";
    case LogicalType::kTimestampMicros:
      return "timestamp-micros";
    case LogicalType::kTimestampNanos:
      return "timestamp-nanos";
    case LogicalType::kLocalTimestampMillis:
      return "local-timestamp-millis";
    case LogicalType::kLocalTimestampMicros:
      return "local-timestamp-micros";
    case LogicalType::kLocalTimestampNanos:
      return "local-timestamp-nanos";
    case LogicalType::kDuration:
      return "duration";
  }
  return "";
}

std::string_view field_order_name(FieldOrder order) {
  switch (order) {
    case FieldOrder::kAscending:
      return "ascending";
    case FieldOrder::kDescending:
      return "descending";
    case FieldOrder::kIgnore:
      return "ignore";
  }
  return "";
}

const JsonValue* find_property(const Properties& props, std::string_view name) {
  for (const Property& prop : props) {
    if (prop.name == name) return &prop.value;
  }
  return nullptr;
}

Schema::Schema(ConstructionTag, Type type, const detail::SchemaStore* store)
    : type_(type), store_(store) {
  if (!avro::is_named(type)) {
    name_ = std::string(type_name(type));
    full_name_ = name_;
  }
}

SchemaPtr Schema::share() const {
  if (store_ == nullptr) return SchemaPtr(std::shared_ptr<const void>(), this);  // static node
  return SchemaPtr(store_->shared_from_this(), this);
}

int32_t Schema::decimal_precision() const {
  assert(logical_type_ == LogicalType::kDecimal);
  return decimal_precision_;
}
int32_t Schema::decimal_scale() const {
  assert(logical_type_ == LogicalType::kDecimal);
  return decimal_scale_;
}

bool Schema::is_error() const {
  assert(type_ == Type::kRecord);
  return is_error_;
}
const std::vector<Field>& Schema::fields() const {
  assert(type_ == Type::kRecord);
  return fields_;
}
const Field* Schema::field(std::string_view name) const {
  assert(type_ == Type::kRecord);
  auto it = field_index_.find(name);
  return it == field_index_.end() ? nullptr : &fields_[it->second];
}

const std::vector<std::string>& Schema::symbols() const {
  assert(type_ == Type::kEnum);
  return symbols_;
}
const std::optional<std::string>& Schema::enum_default() const {
  assert(type_ == Type::kEnum);
  return enum_default_;
}
int Schema::symbol_index(std::string_view symbol) const {
  assert(type_ == Type::kEnum);
  for (size_t i = 0; i < symbols_.size(); ++i) {
    if (symbols_[i] == symbol) return static_cast<int>(i);
  }
  return -1;
}

const Schema& Schema::items() const {
  assert(type_ == Type::kArray);
  return *child_;
}
const Schema& Schema::values() const {
  assert(type_ == Type::kMap);
  return *child_;
}

const std::vector<const Schema*>& Schema::branches() const {
  assert(type_ == Type::kUnion);
  return branches_;
}
int Schema::branch_index(std::string_view full_name) const {
  assert(type_ == Type::kUnion);
  for (size_t i = 0; i < branches_.size(); ++i) {
    if (branches_[i]->full_name() == full_name) return static_cast<int>(i);
  }
  return -1;
}

int32_t Schema::fixed_size() const {
  assert(type_ == Type::kFixed);
  return fixed_size_;
}

std::string Schema::to_json() const {
  return schema_to_json(*this);
}

}  // namespace sluice::avro
