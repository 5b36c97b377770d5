#include "connect/connect_to_avro_schema.h"

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "avro/schema_builder.h"
#include "connect/avro_data_names.h"
#include "connect/avro_schema_equals.h"
#include "connect/connect_to_avro_default.h"

namespace sluice::connect {
namespace {

using avro::JsonValue;
using avro::Properties;
namespace ad = avro_data;

// JsonProperties.addProp: a new property goes last; the same value again is a no-op; another
// value for a present property fails.
Status add_prop(Properties& props, std::string_view name, JsonValue value) {
  if (const JsonValue* old = avro::find_property(props, name)) {
    if (*old == value) return Status::ok_status();
    return Status::data_error("Can't overwrite property: " + std::string(name));
  }
  props.push_back(avro::Property{std::string(name), std::move(value)});
  return Status::ok_status();
}

std::string full_name_of(const avro::NamedTypeSpec& spec) {
  if (spec.name.find('.') != std::string::npos || spec.space.empty()) return spec.name;
  return spec.space + "." + spec.name;
}

// LogicalTypes.Decimal's maxPrecision for a fixed of `size` bytes.
int64_t max_fixed_precision(int32_t size) {
  return std::llround(std::floor(std::log10(2.0) * (8.0 * size - 1)));
}

bool name_is(const Schema& s, std::string_view logical) {
  return s.name && ad::equals_ignore_case(*s.name, logical);
}

// One fromConnectSchema call: Java's FromConnectContext (schemaMap, the ConnectDefault counter)
// plus the builder that owns the nodes.
class FromConnect {
 public:
  explicit FromConnect(const AvroDataConfig& config) : config_(config) {}

  Result<avro::SchemaPtr> run(const Schema& schema) {
    SLUICE_ASSIGN_OR_RETURN(const avro::Schema* root, convert(schema, false));
    return builder_.build(root);
  }

 private:
  Result<const avro::Schema*> convert(const Schema& s, bool ignore_optional);
  // Java's fromConnectSchemaWithCycle, used for array items, map values, union branches and an
  // optional struct's record: a schema whose Connect name already named a record is that record
  // (written by name), whatever its other attributes.
  Result<const avro::Schema*> convert_with_cycle(const Schema& s, bool ignore_optional);
  Result<const avro::Schema*> build_base(const Schema& s, std::optional<std::string_view>* ct);
  Result<const avro::Schema*> build_string(const Schema& s);
  Result<const avro::Schema*> build_bytes(const Schema& s);
  Result<const avro::Schema*> build_map(const Schema& s);
  Result<const avro::Schema*> build_record(const Schema& s);
  Result<const avro::Schema*> build_union(const Schema& s);
  Status metadata(const Schema& s, std::optional<std::string_view> connect_type, avro::Type type,
                  int32_t fixed_size, Properties& props) const;
  Status logical_props(const Schema& s, avro::Type type, int32_t fixed_size,
                       Properties& props) const;
  Result<avro::FieldSpec> field(std::string name, const Schema& schema,
                                std::optional<std::string> doc);
  Result<const avro::Schema*> maybe_optional(const Schema& s, const avro::Schema* base);
  Result<const avro::Schema*> define_record(avro::NamedTypeSpec spec,
                                            std::vector<avro::FieldSpec> fields);
  ad::SplitName name_or_default(const std::optional<std::string>& name);
  const Schema& non_optional(const Schema& s);
  // The schema a non_optional() copy was made of (`s` itself when it is no copy).
  const Schema& origin(const Schema& s) const;
  const avro::Schema* record_for(const Schema& target) const;

  const avro::Schema* lookup(const Schema& s) const {
    for (const auto& [key, value] : schema_map_) {
      if (schemas_equal(key, &s)) return value;
    }
    return nullptr;
  }

  const AvroDataConfig& config_;
  avro::SchemaBuilder builder_;
  std::vector<std::pair<const Schema*, const avro::Schema*>> schema_map_;
  std::vector<std::shared_ptr<Schema>> copies_;  // non-optional copies used as schema_map_ keys
  // Records by the Connect name they were built from (Java's cycleReferences).
  std::map<std::string, const avro::Schema*, std::less<>> cycle_references_;
  // Records by the Connect struct they are made of, for reference nodes (schema.h), whose target
  // may have no name; a non-optional copy (copies_) stands for its original.
  std::vector<std::pair<const Schema*, const avro::Schema*>> records_;
  std::vector<std::pair<const Schema*, const Schema*>> copy_origins_;
  int name_index_ = 0;
};

const Schema& FromConnect::non_optional(const Schema& s) {
  if (!s.optional) return s;
  auto copy = std::make_shared<Schema>(s);
  copy->optional = false;
  copies_.push_back(copy);
  copy_origins_.emplace_back(copy.get(), &s);
  return *copy;
}

ad::SplitName FromConnect::name_or_default(const std::optional<std::string>& name) {
  if (name) return ad::split_name(*name, config_.scrub_invalid_names);
  const int index = ++name_index_;
  ad::SplitName result;
  result.space = std::string(ad::kNamespace);
  result.name = std::string(ad::kDefaultSchemaName) + (index > 1 ? std::to_string(index) : "");
  return result;
}

const Schema& FromConnect::origin(const Schema& s) const {
  for (const auto& [copy, original] : copy_origins_) {
    if (copy == &s) return origin(*original);
  }
  return s;
}

const avro::Schema* FromConnect::record_for(const Schema& target) const {
  for (const auto& [key, record] : records_) {
    if (key == &target) return record;
  }
  return nullptr;
}

Result<const avro::Schema*> FromConnect::convert(const Schema& s, bool ignore_optional) {
  if (s.is_reference()) {
    // The record of the struct this node stands for, defined further up: written by name.
    const avro::Schema* record = record_for(*s.reference_target);
    if (record == nullptr && s.name) {
      auto it = cycle_references_.find(*s.name);
      if (it != cycle_references_.end()) record = it->second;
    }
    if (record == nullptr) {
      // Not reached through its target: converting it would not end.
      return Status::data_error("Cannot convert the recursive schema " +
                                s.name.value_or("(unnamed)") +
                                " to Avro: its enclosing struct was not converted");
    }
    if (!s.optional || ignore_optional) return record;
    SLUICE_ASSIGN_OR_RETURN(const avro::Schema* null_type, builder_.primitive(avro::Type::kNull));
    return builder_.union_of({null_type, record});
  }
  const bool is_union = ad::is_union_schema(s);
  if (!is_union && !s.optional) {
    if (const avro::Schema* hit = lookup(s)) return hit;
  }
  const avro::Schema* result = nullptr;
  if (s.type == SchemaType::kStruct && (is_union || s.optional)) {
    // A union carries no metadata: it stays on the branch types.
    if (is_union) {
      SLUICE_ASSIGN_OR_RETURN(result, build_union(s));
    } else {
      SLUICE_ASSIGN_OR_RETURN(const avro::Schema* null_type, builder_.primitive(avro::Type::kNull));
      SLUICE_ASSIGN_OR_RETURN(const avro::Schema* record,
                              convert_with_cycle(non_optional(s), false));
      SLUICE_ASSIGN_OR_RETURN(result, builder_.union_of({null_type, record}));
    }
  } else {
    std::optional<std::string_view> connect_type;
    SLUICE_ASSIGN_OR_RETURN(const avro::Schema* base, build_base(s, &connect_type));
    result = base;
    if (!ignore_optional) {
      SLUICE_ASSIGN_OR_RETURN(result, maybe_optional(s, base));
    }
  }
  if (!s.optional) schema_map_.emplace_back(&s, result);
  return result;
}

Result<const avro::Schema*> FromConnect::convert_with_cycle(const Schema& s, bool ignore_optional) {
  if (s.name) {
    if (auto it = cycle_references_.find(*s.name); it != cycle_references_.end()) {
      return ignore_optional ? it->second : maybe_optional(s, it->second);
    }
  }
  return convert(s, ignore_optional);
}

Result<const avro::Schema*> FromConnect::maybe_optional(const Schema& s, const avro::Schema* base) {
  if (!s.optional) return base;
  SLUICE_ASSIGN_OR_RETURN(const avro::Schema* null_type, builder_.primitive(avro::Type::kNull));
  if (s.default_value != nullptr) return builder_.union_of({base, null_type});
  return builder_.union_of({null_type, base});
}

Result<const avro::Schema*> FromConnect::build_base(const Schema& s,
                                                    std::optional<std::string_view>* ct) {
  avro::Type type = avro::Type::kNull;
  switch (s.type) {
    case SchemaType::kInt8:
      *ct = ad::kConnectTypeInt8;
      type = avro::Type::kInt;
      break;
    case SchemaType::kInt16:
      *ct = ad::kConnectTypeInt16;
      type = avro::Type::kInt;
      break;
    case SchemaType::kInt32:
      type = avro::Type::kInt;
      break;
    case SchemaType::kInt64:
      type = avro::Type::kLong;
      break;
    case SchemaType::kFloat32:
      type = avro::Type::kFloat;
      break;
    case SchemaType::kFloat64:
      type = avro::Type::kDouble;
      break;
    case SchemaType::kBoolean:
      type = avro::Type::kBoolean;
      break;
    case SchemaType::kString:
      return build_string(s);
    case SchemaType::kBytes:
      return build_bytes(s);
    case SchemaType::kArray: {
      SLUICE_ASSIGN_OR_RETURN(const avro::Schema* items,
                              convert_with_cycle(*s.value_schema, false));
      Properties props;
      SLUICE_RETURN_IF_ERROR(metadata(s, std::nullopt, avro::Type::kArray, 0, props));
      return builder_.array(items, std::move(props));
    }
    case SchemaType::kMap:
      return build_map(s);
    case SchemaType::kStruct:
      return build_record(s);
  }
  Properties props;
  SLUICE_RETURN_IF_ERROR(metadata(s, *ct, type, 0, props));
  return builder_.primitive(type, std::move(props));
}

Result<const avro::Schema*> FromConnect::build_string(const Schema& s) {
  const bool want_enum =
      config_.generalized_sum_type_support || config_.enhanced_avro_schema_support;
  if (!want_enum || !ad::is_enum_schema(s)) {
    Properties props;
    SLUICE_RETURN_IF_ERROR(metadata(s, std::nullopt, avro::Type::kString, 0, props));
    return builder_.primitive(avro::Type::kString, std::move(props));
  }
  const std::string param(config_.generalized_sum_type_support ? ad::kGeneralizedTypeEnum
                                                               : ad::kAvroTypeEnum);
  std::vector<std::string> symbols;
  for (const auto& [key, value] : s.parameters) {
    if (ad::starts_with(key, param + ".")) symbols.push_back(key.substr(param.size() + 1));
  }
  const ad::SplitName names = name_or_default(s.name);
  const std::string* enum_name = s.parameter(param);
  if (enum_name == nullptr) return Status::data_error("Enum schema " + param + " not found");
  avro::NamedTypeSpec spec;
  spec.name = *enum_name;
  std::optional<std::string> default_symbol;
  const std::string* doc = config_.discard_type_doc_default
                               ? s.parameter(ad::kConnectEnumDocParam)
                               : s.parameter(std::string(ad::kAvroEnumDocPrefix) + names.name);
  if (doc != nullptr) spec.doc = *doc;
  if (!config_.discard_type_doc_default) {
    const std::string* d = s.parameter(std::string(ad::kAvroEnumDefaultPrefix) + names.name);
    if (d != nullptr) default_symbol = *d;
  }
  SLUICE_RETURN_IF_ERROR(metadata(s, std::nullopt, avro::Type::kEnum, 0, spec.props));
  if (const avro::Schema* existing = builder_.find(full_name_of(spec))) {
    if (existing->type() == avro::Type::kEnum && existing->symbols() == symbols &&
        avro_props_equal(existing->props(), spec.props)) {
      return existing;
    }
    return Status::data_error("Can't redefine: " + full_name_of(spec));
  }
  return builder_.enumeration(std::move(spec), std::move(symbols), std::move(default_symbol));
}

Result<const avro::Schema*> FromConnect::build_bytes(const Schema& s) {
  Properties props;
  const bool fixed = ad::is_fixed_schema(s);
  int32_t size = 0;
  if (fixed) {
    std::optional<int32_t> parsed = ad::parse_int(*s.parameter(ad::kFixedSizeParam));
    if (!parsed) {
      return Status::data_error("For input string: \"" + *s.parameter(ad::kFixedSizeParam) + "\"");
    }
    size = *parsed;
  }
  if (name_is(s, kDecimalLogicalName)) {
    const std::string* scale = s.parameter(ad::kDecimalScaleParam);
    std::optional<int32_t> scale_int = scale ? ad::parse_int(*scale) : std::nullopt;
    if (!scale_int) return Status::data_error("Invalid Decimal schema: scale parameter not found.");
    SLUICE_RETURN_IF_ERROR(add_prop(props, "scale", JsonValue::integer(*scale_int)));
    int32_t precision = ad::kDefaultDecimalPrecision;
    if (const std::string* p = s.parameter(ad::kDecimalPrecisionParam)) {
      std::optional<int32_t> parsed = ad::parse_int(*p);
      if (!parsed) return Status::data_error("For input string: \"" + *p + "\"");
      precision = *parsed;
    }
    SLUICE_RETURN_IF_ERROR(add_prop(props, "precision", JsonValue::integer(precision)));
  }
  const avro::Type type = fixed ? avro::Type::kFixed : avro::Type::kBytes;
  SLUICE_RETURN_IF_ERROR(metadata(s, std::nullopt, type, size, props));
  if (!fixed) return builder_.primitive(avro::Type::kBytes, std::move(props));
  const ad::SplitName names = name_or_default(s.name);
  avro::NamedTypeSpec spec{
      names.name, names.space.value_or(""), std::nullopt, {}, std::move(props)};
  if (const avro::Schema* existing = builder_.find(full_name_of(spec))) {
    if (existing->type() == avro::Type::kFixed && existing->fixed_size() == size &&
        avro_props_equal(existing->props(), spec.props)) {
      return existing;
    }
    return Status::data_error("Can't redefine: " + full_name_of(spec));
  }
  return builder_.fixed(std::move(spec), size);
}

Result<const avro::Schema*> FromConnect::build_map(const Schema& s) {
  const Schema& key = *s.key_schema;
  Properties props;
  if (key.type == SchemaType::kString && (!key.optional || config_.allow_optional_map_keys)) {
    SLUICE_ASSIGN_OR_RETURN(const avro::Schema* values, convert_with_cycle(*s.value_schema, false));
    SLUICE_RETURN_IF_ERROR(metadata(s, std::nullopt, avro::Type::kMap, 0, props));
    return builder_.map(values, std::move(props));
  }
  avro::NamedTypeSpec spec;
  if (!s.name) {
    spec.name = std::string(ad::kMapEntryTypeName);
    spec.space = std::string(ad::kNamespace);
  } else {
    ad::SplitName names = name_or_default(s.name);
    spec.name = std::move(names.name);
    spec.space = names.space.value_or("");
    spec.props.push_back(avro::Property{std::string(ad::kConnectInternalTypeProp),
                                        JsonValue::string(std::string(ad::kMapEntryTypeName))});
  }
  std::vector<avro::FieldSpec> fields;
  SLUICE_ASSIGN_OR_RETURN(avro::FieldSpec k, field(std::string(ad::kKeyField), key, std::nullopt));
  fields.push_back(std::move(k));
  SLUICE_ASSIGN_OR_RETURN(avro::FieldSpec v,
                          field(std::string(ad::kValueField), *s.value_schema, std::nullopt));
  fields.push_back(std::move(v));
  SLUICE_ASSIGN_OR_RETURN(const avro::Schema* entry,
                          define_record(std::move(spec), std::move(fields)));
  SLUICE_RETURN_IF_ERROR(metadata(s, std::nullopt, avro::Type::kArray, 0, props));
  return builder_.array(entry, std::move(props));
}

Result<const avro::Schema*> FromConnect::build_record(const Schema& s) {
  ad::SplitName names = name_or_default(s.name);
  avro::NamedTypeSpec spec;
  spec.name = std::move(names.name);
  spec.space = names.space.value_or("");
  if (const std::string* doc =
          s.parameter(config_.discard_type_doc_default ? ad::kConnectRecordDocParam
                                                       : ad::kAvroRecordDocParam)) {
    spec.doc = *doc;
  }
  // Java declares the record (and names it in cycleReferences) before its fields, so a recursive
  // use inside them is written by name. A name defined before is compared once the fields are
  // known (define_record).
  const avro::Schema* declared = nullptr;
  if (builder_.find(full_name_of(spec)) == nullptr) {
    SLUICE_RETURN_IF_ERROR(metadata(s, std::nullopt, avro::Type::kRecord, 0, spec.props));
    SLUICE_ASSIGN_OR_RETURN(declared, builder_.record(spec));
    if (s.name) cycle_references_[*s.name] = declared;
    records_.emplace_back(&origin(s), declared);
  }
  std::vector<avro::FieldSpec> fields;
  for (const Field& f : s.fields) {
    std::optional<std::string> doc;
    if (config_.discard_type_doc_default) {
      doc = f.schema->doc;
    } else if (const std::string* d = s.parameter(std::string(ad::kAvroFieldDocPrefix) + f.name)) {
      doc = *d;
    }
    SLUICE_ASSIGN_OR_RETURN(
        avro::FieldSpec spec_field,
        field(ad::scrub_name(f.name, config_.scrub_invalid_names), *f.schema, std::move(doc)));
    fields.push_back(std::move(spec_field));
  }
  if (declared != nullptr) {
    SLUICE_RETURN_IF_ERROR(builder_.set_fields(declared, std::move(fields)));
    return declared;
  }
  SLUICE_RETURN_IF_ERROR(metadata(s, std::nullopt, avro::Type::kRecord, 0, spec.props));
  SLUICE_ASSIGN_OR_RETURN(const avro::Schema* record,
                          define_record(std::move(spec), std::move(fields)));
  if (s.name) cycle_references_[*s.name] = record;
  records_.emplace_back(&origin(s), record);
  return record;
}

Result<const avro::Schema*> FromConnect::build_union(const Schema& s) {
  std::vector<const avro::Schema*> branches;
  if (s.optional) {
    SLUICE_ASSIGN_OR_RETURN(const avro::Schema* null_type, builder_.primitive(avro::Type::kNull));
    branches.push_back(null_type);
  }
  for (const Field& f : s.fields) {
    SLUICE_ASSIGN_OR_RETURN(const avro::Schema* branch,
                            convert_with_cycle(non_optional(*f.schema), true));
    branches.push_back(branch);
  }
  return builder_.union_of(std::move(branches));
}

Result<avro::FieldSpec> FromConnect::field(std::string name, const Schema& schema,
                                           std::optional<std::string> doc) {
  std::optional<JsonValue> default_value;
  if (schema.default_value != nullptr) {
    SLUICE_ASSIGN_OR_RETURN(
        JsonValue json, connect_default_to_json(schema, schema.default_value->value(), config_));
    // The field default goes through Avro's JacksonUtils, which turns FLOAT32 FloatNodes into
    // doubles ("default":0.10000000149011612 next to "connect.default":0.1).
    default_value = json.with_floats_widened();
  } else if (schema.optional) {
    default_value = JsonValue::null();
  }
  SLUICE_ASSIGN_OR_RETURN(const avro::Schema* type, convert(schema, false));
  // new Schema.Field(...) rejects a default invalid for the type; AvroData then adds the field
  // without one ("Ignoring invalid default for field").
  if (default_value && !avro::is_valid_default(*type, *default_value)) default_value.reset();
  avro::FieldSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.doc = std::move(doc);
  spec.default_value = std::move(default_value);
  return spec;
}

Result<const avro::Schema*> FromConnect::define_record(avro::NamedTypeSpec spec,
                                                       std::vector<avro::FieldSpec> fields) {
  const std::string full_name = full_name_of(spec);
  if (const avro::Schema* existing = builder_.find(full_name)) {
    bool same = existing->type() == avro::Type::kRecord &&
                avro_props_equal(existing->props(), spec.props) &&
                existing->fields().size() == fields.size();
    for (size_t i = 0; same && i < fields.size(); ++i) {
      const avro::Field& f = existing->fields()[i];
      same = f.name() == fields[i].name && avro_schemas_equal(f.schema(), *fields[i].type) &&
             f.default_value().has_value() == fields[i].default_value.has_value() &&
             (!f.default_value() || *f.default_value() == *fields[i].default_value) &&
             avro_props_equal(f.props(), fields[i].props);
    }
    if (same) return existing;  // Schema.toString() writes an equal type by name
    return Status::data_error("Can't redefine: " + full_name);
  }
  SLUICE_ASSIGN_OR_RETURN(const avro::Schema* record, builder_.record(std::move(spec)));
  SLUICE_RETURN_IF_ERROR(builder_.set_fields(record, std::move(fields)));
  return record;
}

Status FromConnect::metadata(const Schema& s, std::optional<std::string_view> connect_type,
                             avro::Type type, int32_t fixed_size, Properties& props) const {
  if (config_.connect_meta_data) {
    if (s.doc)
      SLUICE_RETURN_IF_ERROR(add_prop(props, ad::kConnectDocProp, JsonValue::string(*s.doc)));
    if (s.version) {
      SLUICE_RETURN_IF_ERROR(
          add_prop(props, ad::kConnectVersionProp, JsonValue::integer(*s.version)));
    }
    avro::JsonObject params;
    for (const auto& [key, value] : s.parameters) {
      if (config_.discard_type_doc_default || key != ad::kAvroFieldDefaultFlag) {
        params.emplace_back(key, JsonValue::string(value));
      }
    }
    if (!params.empty()) {
      SLUICE_RETURN_IF_ERROR(
          add_prop(props, ad::kConnectParametersProp, JsonValue::object(std::move(params))));
    }
    if (s.default_value != nullptr &&
        (config_.discard_type_doc_default || s.parameter(ad::kAvroFieldDefaultFlag) == nullptr)) {
      SLUICE_ASSIGN_OR_RETURN(JsonValue d,
                              connect_default_to_json(s, s.default_value->value(), config_));
      SLUICE_RETURN_IF_ERROR(add_prop(props, ad::kConnectDefaultProp, std::move(d)));
    }
    if (s.name)
      SLUICE_RETURN_IF_ERROR(add_prop(props, ad::kConnectNameProp, JsonValue::string(*s.name)));
    if (connect_type) {
      SLUICE_RETURN_IF_ERROR(
          add_prop(props, ad::kConnectTypeProp, JsonValue::string(std::string(*connect_type))));
    }
  }
  SLUICE_RETURN_IF_ERROR(logical_props(s, type, fixed_size, props));
  for (const auto& [key, value] : s.parameters) {
    if (ad::starts_with(key, ad::kAvroPropPrefix)) {
      SLUICE_RETURN_IF_ERROR(add_prop(props, key, JsonValue::string(value)));
    }
  }
  return Status::ok_status();
}

Status FromConnect::logical_props(const Schema& s, avro::Type type, int32_t fixed_size,
                                  Properties& props) const {
  if (!s.name) return Status::ok_status();
  auto logical = [&](std::string_view name) {
    return add_prop(props, ad::kLogicalTypeProp, JsonValue::string(std::string(name)));
  };
  if (name_is(s, kDecimalLogicalName)) {
    const std::string* precision_text = s.parameter(ad::kDecimalPrecisionParam);
    const std::string* scale_text = s.parameter(ad::kDecimalScaleParam);
    std::optional<int32_t> precision =
        precision_text ? ad::parse_int(*precision_text) : ad::kDefaultDecimalPrecision;
    std::optional<int32_t> scale = scale_text ? ad::parse_int(*scale_text) : 0;
    if (!precision || !scale) return Status::data_error("Invalid Decimal schema parameters");
    const bool legacy = *scale < 0 || *scale > *precision;
    if (!legacy) {  // LogicalTypes.decimal(precision, scale).addToSchema(schema)
      if (type != avro::Type::kBytes && type != avro::Type::kFixed) {
        return Status::data_error("Logical type decimal must be backed by fixed or bytes");
      }
      if (*precision <= 0) {
        return Status::data_error("Invalid decimal precision: " + std::to_string(*precision) +
                                  " (must be positive)");
      }
      if (type == avro::Type::kFixed && *precision > max_fixed_precision(fixed_size)) {
        return Status::data_error("fixed(" + std::to_string(fixed_size) + ") cannot store " +
                                  std::to_string(*precision) + " digits (max " +
                                  std::to_string(max_fixed_precision(fixed_size)) + ")");
      }
      SLUICE_RETURN_IF_ERROR(logical("decimal"));
      SLUICE_RETURN_IF_ERROR(add_prop(props, "precision", JsonValue::integer(*precision)));
      SLUICE_RETURN_IF_ERROR(add_prop(props, "scale", JsonValue::integer(*scale)));
    }
    // The legacy property, which a scale outside [0, precision] leaves alone.
    SLUICE_RETURN_IF_ERROR(logical("decimal"));
    return Status::ok_status();
  }
  struct Rule {
    std::string_view connect;
    std::string_view avro;
    avro::Type type;
    const char* error;
  };
  static const Rule kRules[] = {
      {kTimeLogicalName, "time-millis", avro::Type::kInt,
       "Time (millis) can only be used with an underlying int type"},
      {kTimestampLogicalName, "timestamp-millis", avro::Type::kLong,
       "Timestamp (millis) can only be used with an underlying long type"},
      {kDateLogicalName, "date", avro::Type::kInt,
       "Date can only be used with an underlying int type"},
  };
  for (const Rule& rule : kRules) {
    if (!name_is(s, rule.connect)) continue;
    if (type != rule.type) return Status::data_error(rule.error);
    return logical(rule.avro);
  }
  return Status::ok_status();
}

}  // namespace

ConnectToAvroSchema::ConnectToAvroSchema(AvroDataConfig config) : config_(config) {}

Result<avro::SchemaPtr> ConnectToAvroSchema::convert(const SchemaPtr& schema) {
  for (auto it = cache_.begin(); it != cache_.end(); ++it) {
    if (it->connect.get() == schema.get()) {
      cache_.splice(cache_.begin(), cache_, it);
      return cache_.front().avro;
    }
  }
  FromConnect from(config_);
  SLUICE_ASSIGN_OR_RETURN(avro::SchemaPtr result, from.run(*schema));
  cache_.push_front(CacheEntry{schema, result});
  while (cache_.size() > static_cast<size_t>(config_.effective_cache_size())) cache_.pop_back();
  return result;
}

}  // namespace sluice::connect
