#include "connect/avro_to_connect_schema.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <set>
#include <utility>

#include "connect/avro_data_names.h"
#include "connect/avro_default_to_connect.h"
#include "util/java_number_format.h"

namespace sluice::connect {
namespace {

using avro::JsonValue;
using avro::Type;
namespace ad = avro_data;

// LinkedHashMap.put: a known key keeps its place and takes the new value.
void put_param(Schema& s, std::string_view key, std::string value) {
  for (auto& [k, v] : s.parameters) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  s.parameters.emplace_back(std::string(key), std::move(value));
}

// JsonProperties.getProp: the text of a textual property, else nothing.
const std::string* text_prop(const avro::Schema& s, std::string_view name) {
  const JsonValue* v = s.prop(name);
  return v != nullptr && v->is_string() ? &v->as_string() : nullptr;
}

// Number.intValue() of the Java object a numeric JSON node becomes.
int32_t java_int_value(const JsonValue& v) {
  if (v.kind() == JsonValue::Kind::kInt) return static_cast<int32_t>(v.as_int());
  if (v.kind() == JsonValue::Kind::kDouble) {
    const double d = v.as_double();
    if (std::isnan(d)) return 0;
    if (d >= 2147483647.0) return std::numeric_limits<int32_t>::max();
    if (d <= -2147483648.0) return std::numeric_limits<int32_t>::min();
    return static_cast<int32_t>(d);
  }
  // BigInteger.intValue(): the low 32 bits of the two's complement.
  const std::string& digits = v.as_string();
  const bool negative = !digits.empty() && digits[0] == '-';
  uint32_t low = 0;
  for (char c : digits) {
    if (c >= '0' && c <= '9') low = low * 10 + static_cast<uint32_t>(c - '0');
  }
  return static_cast<int32_t>(negative ? 0u - low : low);
}

// Object.toString() of the Java object JacksonUtils.toObject makes of a property value.
std::string java_object_string(const JsonValue& v) {
  switch (v.kind()) {
    case JsonValue::Kind::kNull:
      return "null";
    case JsonValue::Kind::kBool:
      return v.as_bool() ? "true" : "false";
    case JsonValue::Kind::kInt:
      return std::to_string(v.as_int());
    case JsonValue::Kind::kBigInt:
      return "null";
    case JsonValue::Kind::kDouble: {
      std::string out;
      if (v.is_float_node()) {
        util::append_java_float(out, static_cast<float>(v.as_double()));
      } else {
        util::append_java_double(out, v.as_double());
      }
      return out;
    }
    case JsonValue::Kind::kString:
      return v.as_string();
    case JsonValue::Kind::kArray: {
      std::string out = "[";
      for (size_t i = 0; i < v.as_array().size(); ++i) {
        if (i > 0) out += ", ";
        out += java_object_string(v.as_array()[i]);
      }
      return out + "]";
    }
    case JsonValue::Kind::kObject: {
      std::string out = "{";
      for (size_t i = 0; i < v.as_object().size(); ++i) {
        if (i > 0) out += ", ";
        out += v.as_object()[i].first + "=" + java_object_string(v.as_object()[i].second);
      }
      return out + "}";
    }
  }
  return "";
}

std::shared_ptr<Schema> make(SchemaType type) {
  auto s = std::make_shared<Schema>();
  s->type = type;
  return s;
}

// Connect's logical-type builders: Decimal.builder(scale), Date/Time/Timestamp.builder().
std::shared_ptr<Schema> logical(SchemaType type, std::string_view name) {
  auto s = make(type);
  s->name = std::string(name);
  s->version = 1;
  return s;
}

bool is_plain_null(const avro::Schema& s) {
  return s.type() == Type::kNull && s.props().empty();
}

bool is_map_entry(const avro::Schema& s) {
  if (s.type() != Type::kRecord) return false;
  if (s.space() == ad::kNamespace && s.name() == ad::kMapEntryTypeName) return true;
  const std::string* internal = text_prop(s, ad::kConnectInternalTypeProp);
  return internal != nullptr && *internal == ad::kMapEntryTypeName;
}

}  // namespace

AvroToConnectSchema::AvroToConnectSchema(AvroDataConfig config) : config_(config) {}

Result<SchemaPtr> AvroToConnectSchema::convert(const avro::SchemaPtr& schema,
                                               std::optional<int32_t> version) {
  return convert_cached(*schema, version);
}

Result<SchemaPtr> AvroToConnectSchema::convert_cached(const avro::Schema& schema,
                                                      std::optional<int32_t> version) {
  for (auto it = cache_.begin(); it != cache_.end(); ++it) {
    if (it->avro.get() == &schema && it->version == version) {
      cache_.splice(cache_.begin(), cache_, it);
      return cache_.front().connect;
    }
  }
  // Java's public toConnectSchema starts a new ToConnectContext (also when MapEntry key and value
  // schemas are converted in the middle of another conversion).
  std::vector<CycleEntry> outer_cycles = std::exchange(cycles_, {});
  Result<std::shared_ptr<Schema>> converted = to_connect(schema, false, FieldInfo{}, version);
  cycles_ = std::move(outer_cycles);
  SLUICE_ASSIGN_OR_RETURN(std::shared_ptr<Schema> result, std::move(converted));
  cache_.push_front(CacheEntry{schema.share(), version, result});
  while (cache_.size() > static_cast<size_t>(config_.effective_cache_size())) cache_.pop_back();
  return SchemaPtr(result);
}

Result<std::shared_ptr<Schema>> AvroToConnectSchema::to_connect(const avro::Schema& schema,
                                                                bool force_optional,
                                                                const FieldInfo& field,
                                                                std::optional<int32_t> version) {
  if (schema.type() == Type::kUnion) {
    const auto& branches = schema.branches();
    const FieldInfo doc_only{nullptr, field.doc};
    if (branches.size() == 1 && config_.flatten_singleton_union) {
      return with_cycles(*branches[0], false, doc_only);
    }
    if (branches.size() == 2 && (is_plain_null(*branches[0]) || is_plain_null(*branches[1]))) {
      const avro::Schema& member = is_plain_null(*branches[0]) ? *branches[1] : *branches[0];
      return with_cycles(member, true, doc_only);
    }
  }
  SLUICE_ASSIGN_OR_RETURN(std::shared_ptr<Schema> b, build_base(schema));
  // A default may hold the record's own values: its reference nodes need their fields first.
  if (schema.type() == Type::kRecord) complete_references(schema);
  Status status = add_metadata(schema, field, version, *b);
  if (!status.ok()) return status;
  if (force_optional) b->optional = true;
  if (schema.type() == Type::kRecord) finish_record(schema);
  return b;
}

Result<std::shared_ptr<Schema>> AvroToConnectSchema::with_cycles(const avro::Schema& schema,
                                                                 bool force_optional,
                                                                 const FieldInfo& field) {
  if (schema.type() == Type::kRecord) {
    for (auto it = cycles_.rbegin(); it != cycles_.rend(); ++it) {
      if (it->avro != &schema) continue;
      std::shared_ptr<Schema> ref = make_reference(*it->connect, force_optional);
      if (it->complete) {
        complete_reference(*ref);
      }
      it->references.push_back(ref);
      return ref;
    }
  }
  return to_connect(schema, force_optional, field, std::nullopt);
}

void AvroToConnectSchema::complete_references(const avro::Schema& schema) {
  for (auto it = cycles_.rbegin(); it != cycles_.rend(); ++it) {
    if (it->avro != &schema || it->complete) continue;
    for (const std::shared_ptr<Schema>& ref : it->references) complete_reference(*ref);
    return;
  }
}

void AvroToConnectSchema::finish_record(const avro::Schema& schema) {
  for (auto it = cycles_.rbegin(); it != cycles_.rend(); ++it) {
    if (it->avro != &schema || it->complete) continue;
    if (it->references.empty()) {
      cycles_.erase(std::next(it).base());
      return;
    }
    it->complete = true;
    for (const std::shared_ptr<Schema>& ref : it->references) complete_reference(*ref);
    return;
  }
}

Result<std::shared_ptr<Schema>> AvroToConnectSchema::build_base(const avro::Schema& schema) {
  switch (schema.type()) {
    case Type::kBoolean:
      return make(SchemaType::kBoolean);
    case Type::kBytes:
    case Type::kFixed:
      return build_bytes(schema);
    case Type::kDouble:
      return make(SchemaType::kFloat64);
    case Type::kFloat:
      return make(SchemaType::kFloat32);
    case Type::kInt:
      return build_int(schema);
    case Type::kLong: {
      const std::string* lt = text_prop(schema, ad::kLogicalTypeProp);
      if (lt != nullptr && ad::equals_ignore_case(*lt, "timestamp-millis")) {
        return logical(SchemaType::kInt64, kTimestampLogicalName);
      }
      return make(SchemaType::kInt64);
    }
    case Type::kString:
      return make(SchemaType::kString);
    case Type::kArray:
      return build_array(schema);
    case Type::kMap: {
      auto b = make(SchemaType::kMap);
      b->key_schema = make(SchemaType::kString);
      SLUICE_ASSIGN_OR_RETURN(b->value_schema, with_cycles(schema.values(), false, FieldInfo{}));
      return b;
    }
    case Type::kRecord:
      return build_record(schema);
    case Type::kEnum:
      return build_enum(schema);
    case Type::kUnion:
      return build_union(schema);
    case Type::kNull:
      return Status::data_error("Standalone null schemas are not supported by this converter");
  }
  return Status::data_error("Couldn't translate unsupported schema type " +
                            std::string(avro::type_name(schema.type())) + ".");
}

Result<std::shared_ptr<Schema>> AvroToConnectSchema::build_int(const avro::Schema& schema) const {
  const std::string* type = text_prop(schema, ad::kConnectTypeProp);
  const std::string* lt = text_prop(schema, ad::kLogicalTypeProp);
  if (type == nullptr && lt == nullptr) return make(SchemaType::kInt32);
  if (lt != nullptr) {
    if (ad::equals_ignore_case(*lt, "date")) return logical(SchemaType::kInt32, kDateLogicalName);
    if (ad::equals_ignore_case(*lt, "time-millis")) {
      return logical(SchemaType::kInt32, kTimeLogicalName);
    }
    return make(SchemaType::kInt32);
  }
  if (*type == ad::kConnectTypeInt8) return make(SchemaType::kInt8);
  if (*type == ad::kConnectTypeInt16) return make(SchemaType::kInt16);
  return Status::data_error("Connect type annotation for Avro int field is null");
}

Result<std::shared_ptr<Schema>> AvroToConnectSchema::build_bytes(const avro::Schema& schema) const {
  std::shared_ptr<Schema> b;
  const std::string* lt = text_prop(schema, ad::kLogicalTypeProp);
  if (lt != nullptr && ad::equals_ignore_case(*lt, "decimal")) {
    const JsonValue* scale_node = schema.prop("scale");
    const int32_t scale =
        scale_node != nullptr && scale_node->is_number() ? java_int_value(*scale_node) : 0;
    b = logical(SchemaType::kBytes, kDecimalLogicalName);
    put_param(*b, ad::kDecimalScaleParam, std::to_string(scale));
    if (const JsonValue* precision = schema.prop("precision")) {
      if (!precision->is_number()) {
        return Status::data_error(
            "precision property must be a JSON Integer. "
            "https://avro.apache.org/docs/1.9.1/spec.html#Decimal");
      }
      const int32_t p = java_int_value(*precision);
      if (p != ad::kDefaultDecimalPrecision) {
        put_param(*b, ad::kDecimalPrecisionParam, std::to_string(p));
      }
    }
  } else {
    b = make(SchemaType::kBytes);
  }
  if (schema.type() == Type::kFixed) {
    put_param(*b, ad::kFixedSizeParam, std::to_string(schema.fixed_size()));
  }
  return b;
}

Result<std::shared_ptr<Schema>> AvroToConnectSchema::build_array(const avro::Schema& schema) {
  const avro::Schema& elem = schema.items();
  if (!is_map_entry(elem)) {
    auto b = make(SchemaType::kArray);
    SLUICE_ASSIGN_OR_RETURN(b->value_schema, with_cycles(elem, false, FieldInfo{}));
    return b;
  }
  const avro::Field* key = elem.field(ad::kKeyField);
  const avro::Field* value = elem.field(ad::kValueField);
  if (elem.fields().size() != 2 || key == nullptr || value == nullptr) {
    return Status::data_error(
        "Found map encoded as array of key-value pairs, but array elements do not match the "
        "expected format.");
  }
  auto b = make(SchemaType::kMap);
  // Java converts both through the public toConnectSchema(schema), with its cache.
  SLUICE_ASSIGN_OR_RETURN(b->key_schema, convert_cached(key->schema(), std::nullopt));
  SLUICE_ASSIGN_OR_RETURN(b->value_schema, convert_cached(value->schema(), std::nullopt));
  return b;
}

Result<std::shared_ptr<Schema>> AvroToConnectSchema::build_record(const avro::Schema& schema) {
  for (const CycleEntry& entry : cycles_) {
    if (entry.avro == &schema && !entry.complete) {
      return Status::data_error("Recursive Avro schema " + schema.full_name() +
                                " cannot be converted: a field of the record is the record "
                                "itself, with no union, array or map in between");
    }
  }
  const bool keep_docs = !config_.discard_type_doc_default && config_.connect_meta_data;
  auto b = make(SchemaType::kStruct);
  if (keep_docs && schema.doc()) put_param(*b, ad::kAvroRecordDocParam, *schema.doc());
  cycles_.push_back(CycleEntry{&schema, b.get()});
  for (const avro::Field& f : schema.fields()) {
    if (keep_docs && f.doc()) {
      put_param(*b, std::string(ad::kAvroFieldDocPrefix) + f.name(), *f.doc());
    }
    const FieldInfo info{f.default_value() ? &*f.default_value() : nullptr, &f.doc()};
    SLUICE_ASSIGN_OR_RETURN(std::shared_ptr<Schema> fs,
                            to_connect(f.schema(), false, info, std::nullopt));
    b->fields.push_back(Field{f.name(), static_cast<int>(b->fields.size()), std::move(fs)});
  }
  return b;
}

std::shared_ptr<Schema> AvroToConnectSchema::build_enum(const avro::Schema& schema) const {
  auto b = make(SchemaType::kString);
  if (config_.connect_meta_data) {
    if (schema.doc()) {
      put_param(*b,
                config_.discard_type_doc_default
                    ? std::string(ad::kConnectEnumDocParam)
                    : std::string(ad::kAvroEnumDocPrefix) + schema.name(),
                *schema.doc());
    }
    if (!config_.discard_type_doc_default && schema.enum_default()) {
      put_param(*b, std::string(ad::kAvroEnumDefaultPrefix) + schema.name(),
                *schema.enum_default());
    }
  }
  const std::string param(config_.generalized_sum_type_support ? ad::kGeneralizedTypeEnum
                                                               : ad::kAvroTypeEnum);
  put_param(*b, param, schema.full_name());
  for (size_t i = 0; i < schema.symbols().size(); ++i) {
    const std::string& symbol = schema.symbols()[i];
    put_param(*b, param + "." + symbol,
              config_.generalized_sum_type_support ? std::to_string(i) : symbol);
  }
  return b;
}

Result<std::shared_ptr<Schema>> AvroToConnectSchema::build_union(const avro::Schema& schema) {
  const std::string name =
      config_.generalized_sum_type_support
          ? std::string(ad::kGeneralizedUnionPrefix) + std::to_string(union_index_++)
          : std::string(ad::kAvroTypeUnion);
  auto b = make(SchemaType::kStruct);
  b->name = name;
  if (config_.generalized_sum_type_support) put_param(*b, ad::kGeneralizedTypeUnion, name);
  std::set<std::string> names;
  const auto& branches = schema.branches();
  for (size_t i = 0; i < branches.size(); ++i) {
    if (branches[i]->type() == Type::kNull) {
      b->optional = true;
      continue;
    }
    std::string field_name = ad::union_member_field_name(*branches[i], i, config_);
    if (!names.insert(field_name).second) {
      return Status::data_error("Multiple union schemas map to the Connect union field name");
    }
    SLUICE_ASSIGN_OR_RETURN(std::shared_ptr<Schema> fs,
                            with_cycles(*branches[i], true, FieldInfo{}));
    b->fields.push_back(Field{std::move(field_name), static_cast<int>(b->fields.size()), fs});
  }
  return b;
}

Status AvroToConnectSchema::add_metadata(const avro::Schema& schema, const FieldInfo& field,
                                         std::optional<int32_t> version, Schema& b) const {
  const std::string* connect_doc = text_prop(schema, ad::kConnectDocProp);
  if (config_.discard_type_doc_default) {
    const std::optional<std::string>* field_doc = field.doc;
    if (field_doc != nullptr && field_doc->has_value()) {
      b.doc = **field_doc;
    } else if (schema.is_named() && schema.doc()) {
      b.doc = *schema.doc();
    } else if (connect_doc != nullptr) {
      b.doc = *connect_doc;
    }
    if (config_.connect_meta_data && schema.is_named() && schema.doc()) {
      put_param(b, ad::kConnectRecordDocParam, *schema.doc());
    }
  } else if (config_.connect_meta_data && connect_doc != nullptr) {
    b.doc = *connect_doc;
  }

  int64_t version_int = -1;
  if (const JsonValue* v = schema.prop(ad::kConnectVersionProp)) {
    if (!v->is_number()) {
      return Status::data_error("Invalid Connect version found: " + java_object_string(*v));
    }
    version_int = java_int_value(*v);
  } else if (version) {
    version_int = *version;
  }
  if (version_int >= 0) {
    if (b.version && *b.version != version_int) {
      return Status::data_error("Mismatched versions: version already added to SchemaBuilder (" +
                                std::to_string(*b.version) +
                                ") differs from version in source schema (" +
                                std::to_string(version_int) + ")");
    }
    b.version = static_cast<int32_t>(version_int);
  }

  const JsonValue* params = schema.prop(ad::kConnectParametersProp);
  if (config_.connect_meta_data && params != nullptr) {
    if (!params->is_object()) {
      return Status::data_error("Expected JSON object for schema parameters but found: " +
                                java_object_string(*params));
    }
    for (const auto& [key, value] : params->as_object()) {
      if (!value.is_string()) {
        return Status::data_error("Expected schema parameter values to be strings but found: " +
                                  java_object_string(value));
      }
      put_param(b, key, value.as_string());
    }
  }
  for (const avro::Property& prop : schema.props()) {
    if (ad::starts_with(prop.name, ad::kAvroPropPrefix)) {
      put_param(b, prop.name, java_object_string(prop.value));
    }
  }
  add_default(schema, field, b);
  return add_name(schema, b);
}

void AvroToConnectSchema::add_default(const avro::Schema& schema, const FieldInfo& field,
                                      Schema& b) const {
  const JsonValue* connect_default = schema.prop(ad::kConnectDefaultProp);
  auto owned = std::make_shared<OwnedValue>();
  Value value;
  bool ok = false;
  if (field.default_json == nullptr) {
    if (connect_default == nullptr) return;
    ok = connect_default_to_connect(*connect_default, schema, b, config_, owned->arena(), &value);
  } else {
    if (!config_.discard_type_doc_default && config_.connect_meta_data &&
        connect_default == nullptr) {
      put_param(b, ad::kAvroFieldDefaultFlag, "true");
    }
    ok = field_default_to_connect(*field.default_json, schema, b, config_, owned->arena(), &value);
  }
  if (!ok) return;  // Java logs "Ignoring invalid default for schema ..." and keeps none
  owned->set(value);
  b.default_value = std::move(owned);
}

Status AvroToConnectSchema::add_name(const avro::Schema& schema, Schema& b) const {
  std::optional<std::string> name;
  if (const JsonValue* connect_name = schema.prop(ad::kConnectNameProp)) {
    if (!connect_name->is_string()) {
      return Status::data_error("Invalid schema name: " + java_object_string(*connect_name));
    }
    name = connect_name->as_string();
  } else if (schema.type() != Type::kFixed || b.name != kDecimalLogicalName) {
    // A fixed that became a Connect Decimal keeps Decimal's name: AvroData (7.x) takes a FIXED's
    // own name only when the builder is not a Decimal, so a named fixed decimal converts.
    if (schema.is_named()) name = schema.full_name();
  }
  if (!name || ad::starts_with(*name, ad::kDefaultSchemaFullName)) return Status::ok_status();
  if (b.name && *b.name != *name) {
    return Status::data_error("Mismatched names: name already added to SchemaBuilder (" + *b.name +
                              ") differs from name in source schema (" + *name + ")");
  }
  b.name = std::move(name);
  return Status::ok_status();
}

}  // namespace sluice::connect
