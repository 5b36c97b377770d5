// Cast$Key / Cast$Value: casts fields, or the whole key or value, to another primitive type
// (Apache Kafka's org.apache.kafka.connect.transforms.Cast).
//
// `spec` is "field:type,..." or a single "type" for the whole operand; types are INT8, INT16,
// INT32, INT64, FLOAT32, FLOAT64, BOOLEAN and STRING in any case. Inputs may be any primitive
// (a Decimal casts as its BigDecimal); Date, Time and Timestamp values cast as their encoded
// integers, or to ISO 8601 text (Values.dateFormatFor, in UTC) when cast to STRING; bytes cast
// only to STRING (Base64). Numbers narrow as Java's Number.xValue(), strings parse with Java's
// parseX (a failure is "Value (<v>) was out of range for requested data type"), booleans become
// 1/0 and numbers become booleans when non-zero. With a schema, a cast field's new schema is the
// plain target type with the field's optional flag and its default cast; a whole-value cast
// keeps the input schema's name, version, doc and parameters on the target type (Kafka's quirk).
// Derived schemas are cached per input schema. A null operand passes unchanged.
#include <charconv>
#include <map>
#include <optional>
#include <string>

#include "connect/standard_schemas.h"
#include "format/base64.h"
#include "format/java_big_decimal.h"
#include "format/java_type_names.h"
#include "transforms/field_transforms.h"
#include "transforms/java_numbers.h"
#include "transforms/simple_date_format.h"
#include "transforms/transform_config.h"
#include "util/java_number_format.h"

namespace sluice::transforms {
namespace {

using connect::Schema;
using connect::SchemaPtr;
using connect::SchemaType;
using connect::Value;
using connect::ValueKind;

constexpr std::string_view kPurpose = "cast types";
constexpr std::string_view kSupportedInputs =
    "[INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]";
constexpr std::string_view kSupportedOutputs =
    "[INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]";
constexpr int64_t kMillisPerDay = 24LL * 60 * 60 * 1000;

const config::ConfigDef& cast_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d("Cast");
    d.begin_group("Cast");
    d.define("spec", config::ConfigType::kList)
        .required()
        .importance(config::Importance::kHigh)
        .doc(
            "List of fields and the type to cast them to of the form field1:type,field2:type to "
            "cast fields of Maps or Structs. A single type to cast the entire value. Valid types "
            "are int8, int16, int32, int64, float32, float64, boolean, and string. Note that "
            "binary fields can only be cast to string.");
    define_replace_null_with_default(d);
    return d;
  }();
  return def;
}

// Schema.Type.valueOf(name.toUpperCase()) for the names Connect knows.
std::optional<SchemaType> schema_type_named(std::string_view name) {
  static constexpr SchemaType kAll[] = {
      SchemaType::kInt8,    SchemaType::kInt16,   SchemaType::kInt32,   SchemaType::kInt64,
      SchemaType::kFloat32, SchemaType::kFloat64, SchemaType::kBoolean, SchemaType::kString,
      SchemaType::kBytes,   SchemaType::kArray,   SchemaType::kMap,     SchemaType::kStruct};
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (SchemaType t : kAll) {
    if (connect::java_type_name(t) == upper) return t;
  }
  return std::nullopt;
}

bool is_cast_output(SchemaType t) {
  return t != SchemaType::kBytes && t != SchemaType::kArray && t != SchemaType::kMap &&
         t != SchemaType::kStruct;
}

class Cast final : public OperandTransformation {
 public:
  static constexpr std::string_view kKeyClass = "org.apache.kafka.connect.transforms.Cast$Key";
  static constexpr std::string_view kValueClass = "org.apache.kafka.connect.transforms.Cast$Value";

  Cast(Operand side, const config::ParsedConfig& params,
       std::vector<config::ConfigProblem>* problems)
      : OperandTransformation(kKeyClass, kValueClass, side),
        replace_null_with_default_(params.bool_value(kReplaceNullWithDefault)) {
    parse_spec(params.list_value("spec"), problems);
    for (const char* pattern : {"HH:mm:ss.SSS'Z'", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"}) {
      date_formats_.push_back(std::move(SimpleDateFormat::compile(pattern)).value());
    }
  }

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    const Value& value = operand_value(record, side());
    if (value.is_null()) return Disposition::kKeep;
    const SchemaPtr& schema = operand_schema(record, side());
    if (schema == nullptr) return apply_schemaless(record, value, context.arena);
    SLUICE_ASSIGN_OR_RETURN(SchemaPtr updated, cache_.get(schema, [this](const Schema& input) {
      return updated_schema(input);
    }));
    if (whole_value_) {
      SLUICE_ASSIGN_OR_RETURN(Value cast,
                              cast_value(schema.get(), value, *whole_value_, context.arena));
      set_operand(record, side(), updated, cast);
      return Disposition::kKeep;
    }
    SLUICE_RETURN_IF_ERROR(require_struct(schema.get(), value, kPurpose));
    const Schema& in = *value.struct_schema();
    StructBuilder out(*updated, context.arena);
    for (size_t i = 0; i < in.fields.size(); ++i) {
      Value v = struct_get(value, i, replace_null_with_default_);
      auto cast = casts_.find(in.fields[i].name);
      if (cast != casts_.end()) {
        SLUICE_ASSIGN_OR_RETURN(
            v, cast_value(in.fields[i].schema.get(), v, cast->second, context.arena));
      }
      out.set(i, v);
    }
    set_operand(record, side(), updated, out.build());
    return Disposition::kKeep;
  }

 private:
  // Cast.parseFieldTypes, with Kafka's messages.
  void parse_spec(const std::vector<std::string>& spec, std::vector<config::ConfigProblem>* p) {
    if (spec.empty()) {
      add_problem(p, "spec", "", "Must specify at least one field to cast.");
      return;
    }
    std::string shown = "[";
    for (size_t i = 0; i < spec.size(); ++i) shown += (i > 0 ? ", " : "") + spec[i];
    shown += "]";
    for (const std::string& mapping : spec) {
      // String.split(":"): trailing empty parts are dropped.
      std::vector<std::string> parts;
      size_t start = 0;
      while (true) {
        size_t colon = mapping.find(':', start);
        parts.push_back(mapping.substr(start, colon - start));
        if (colon == std::string::npos) break;
        start = colon + 1;
      }
      while (!parts.empty() && parts.back().empty()) parts.pop_back();
      if (parts.empty()) parts.emplace_back();
      if (parts.size() > 2) {
        add_problem(p, "spec", shown,
                    "Invalid value " + shown +
                        " for configuration renames: Invalid rename mapping: " + mapping);
        return;
      }
      const std::string type_text(config::java_trim(parts.back()));
      std::optional<SchemaType> type = schema_type_named(type_text);
      if (!type) {
        // Kafka wraps the enum lookup's IllegalArgumentException in a ConfigException whose
        // text swaps name and value; sluice keeps its reason and says what is allowed.
        add_problem(p, "spec", shown,
                    "Invalid type found in casting spec: " + type_text + "; supported types are " +
                        std::string(kSupportedOutputs));
        return;
      }
      if (!is_cast_output(*type)) {
        add_problem(p, "spec", shown,
                    "Cast transformation does not support casting to " +
                        std::string(connect::java_type_name(*type)) + "; supported types are " +
                        std::string(kSupportedOutputs));
        return;
      }
      if (parts.size() == 1) {
        whole_value_ = *type;
      } else {
        const std::string field(config::java_trim(parts[0]));
        if (!casts_.contains(field)) cast_order_.push_back(field);
        casts_[field] = *type;
      }
    }
    if (whole_value_ && spec.size() > 1) {
      add_problem(p, "spec", shown,
                  "Cast transformations that specify a type to cast the entire value to may only "
                  "specify a single cast in their spec");
      return;
    }
    order_casts_as_hash_map();
  }

  // Kafka keeps the casts in a HashMap and puts them into a schemaless copy in its order.
  void order_casts_as_hash_map() {
    connect::Arena arena;
    MapBuilder names(cast_order_.size(), arena);  // new HashMap<>()
    for (const std::string& f : cast_order_) names.put(f, Value::null());
    Value ordered = names.build_hash_map(map_order_, arena);
    std::vector<std::string> in_order;
    for (size_t i = 0; i < ordered.map_size(); ++i) {
      in_order.emplace_back(ordered.map_key(i).as_text());
    }
    cast_order_ = std::move(in_order);
  }

  Result<Disposition> apply_schemaless(connect::SinkRecord& record, const Value& value,
                                       connect::Arena& arena) {
    if (whole_value_) {
      SLUICE_ASSIGN_OR_RETURN(Value cast, cast_value(nullptr, value, *whole_value_, arena));
      set_operand(record, side(), nullptr, cast);
      return Disposition::kKeep;
    }
    SLUICE_RETURN_IF_ERROR(require_map(value, kPurpose));
    MapBuilder map = MapBuilder::hash_map_copy(value, cast_order_.size(), map_order_, arena);
    for (const std::string& field : cast_order_) {
      const Value* current = value.map_lookup(field);
      SLUICE_ASSIGN_OR_RETURN(Value cast,
                              cast_value(nullptr, current == nullptr ? Value::null() : *current,
                                         casts_.at(field), arena));
      map.put(field, cast);
    }
    set_operand(record, side(), nullptr, map.build_hash_map(map_order_, arena));
    return Disposition::kKeep;
  }

  Result<SchemaPtr> updated_schema(const Schema& input) {
    std::shared_ptr<Schema> schema;
    if (whole_value_) {
      schema = std::make_shared<Schema>();
      schema->type = *whole_value_;
      schema->name = input.name;
      schema->version = input.version;
      schema->doc = input.doc;
      schema->parameters = input.parameters;
    } else {
      if (input.type != SchemaType::kStruct) {
        return data_error("Cannot list fields on non-struct type");
      }
      schema = struct_schema_like(input);
      for (const connect::Field& f : input.fields) {
        auto cast = casts_.find(f.name);
        if (cast == casts_.end()) {
          add_field(*schema, f.name, f.schema);
          continue;
        }
        auto field_schema = std::make_shared<Schema>();
        field_schema->type = cast->second;
        field_schema->optional = f.schema->optional;
        SLUICE_RETURN_IF_ERROR(cast_default(*f.schema, cast->second, *field_schema));
        add_field(*schema, f.name, std::move(field_schema));
      }
    }
    schema->optional = input.optional;
    SLUICE_RETURN_IF_ERROR(cast_default(input, schema->type, *schema));
    return SchemaPtr(std::move(schema));
  }

  // The default of `from`, cast to `type`, as the default of `to`.
  Status cast_default(const Schema& from, SchemaType type, Schema& to) {
    if (from.default_value == nullptr) return Status::ok_status();
    auto owned = std::make_shared<connect::OwnedValue>();
    SLUICE_ASSIGN_OR_RETURN(Value cast,
                            cast_value(&from, from.default_value->value(), type, owned->arena()));
    owned->set(deep_copy(cast, owned->arena()));
    to.default_value = std::move(owned);
    return Status::ok_status();
  }

  // Cast.castValueToType.
  Result<Value> cast_value(const Schema* schema, const Value& value, SchemaType target,
                           connect::Arena& arena) {
    if (value.is_null()) return Value::null();
    const SchemaType from = format::connect_schema_type(schema, value);
    if (!(is_cast_output(from) || from == SchemaType::kBytes)) {
      return data_error("Cast transformation does not support casting from " +
                        std::string(connect::java_type_name(from)) + "; supported types are " +
                        std::string(kSupportedInputs));
    }
    const bool is_date = schema != nullptr && (schema->is_logical(connect::kDateLogicalName) ||
                                               schema->is_logical(connect::kTimeLogicalName) ||
                                               schema->is_logical(connect::kTimestampLogicalName));
    switch (target) {
      case SchemaType::kInt8:
      case SchemaType::kInt16:
      case SchemaType::kInt32:
      case SchemaType::kInt64:
        return cast_to_integral(value, target);
      case SchemaType::kFloat32:
      case SchemaType::kFloat64:
        return cast_to_floating(value, target);
      case SchemaType::kBoolean:
        return cast_to_boolean(value);
      default:
        return cast_to_string(schema, value, is_date, arena);
    }
  }

  static Status out_of_range(const Value& value) {
    return data_error("Value (" + std::string(value.as_text()) +
                      ") was out of range for requested data type");
  }
  static Status unexpected_type(const Value& value) {
    return data_error("Unexpected type in Cast transformation: class " +
                      std::string(java_class_of(nullptr, value)));
  }

  static Result<Value> cast_to_integral(const Value& value, SchemaType target) {
    if (value.kind() == ValueKind::kBoolean) return Value::integer(value.as_bool() ? 1 : 0);
    if (value.kind() == ValueKind::kString) {
      int64_t min = INT64_MIN;
      int64_t max = INT64_MAX;
      if (target == SchemaType::kInt8) min = INT8_MIN, max = INT8_MAX;
      if (target == SchemaType::kInt16) min = INT16_MIN, max = INT16_MAX;
      if (target == SchemaType::kInt32) min = INT32_MIN, max = INT32_MAX;
      std::optional<int64_t> parsed = parse_java_integral(value.as_text(), min, max);
      if (!parsed) return out_of_range(value);
      return Value::integer(*parsed);
    }
    if (!is_java_number(value)) return unexpected_type(value);
    switch (target) {
      case SchemaType::kInt8:
        return Value::integer(java_byte_value(value));
      case SchemaType::kInt16:
        return Value::integer(java_short_value(value));
      case SchemaType::kInt32:
        return Value::integer(java_int_value(value));
      default:
        return Value::integer(java_long_value(value));
    }
  }

  static Result<Value> cast_to_floating(const Value& value, SchemaType target) {
    const bool single = target == SchemaType::kFloat32;
    if (value.kind() == ValueKind::kBoolean) {
      return single ? Value::float32(value.as_bool() ? 1 : 0)
                    : Value::float64(value.as_bool() ? 1 : 0);
    }
    if (value.kind() == ValueKind::kString) {
      if (single) {
        std::optional<float> parsed = parse_java_float(value.as_text());
        if (!parsed) return out_of_range(value);
        return Value::float32(*parsed);
      }
      std::optional<double> parsed = parse_java_double(value.as_text());
      if (!parsed) return out_of_range(value);
      return Value::float64(*parsed);
    }
    if (!is_java_number(value)) return unexpected_type(value);
    return single ? Value::float32(java_float_value(value))
                  : Value::float64(java_double_value(value));
  }

  static Result<Value> cast_to_boolean(const Value& value) {
    if (value.kind() == ValueKind::kBoolean) return value;
    if (value.kind() == ValueKind::kString) {
      std::string_view s = value.as_text();
      const bool is_true = s.size() == 4 && std::tolower(static_cast<unsigned char>(s[0])) == 't' &&
                           std::tolower(static_cast<unsigned char>(s[1])) == 'r' &&
                           std::tolower(static_cast<unsigned char>(s[2])) == 'u' &&
                           std::tolower(static_cast<unsigned char>(s[3])) == 'e';
      return Value::boolean(is_true);
    }
    if (!is_java_number(value)) return unexpected_type(value);
    return Value::boolean(java_long_value(value) != 0);
  }

  Result<Value> cast_to_string(const Schema* schema, const Value& value, bool is_date,
                               connect::Arena& arena) {
    scratch_.clear();
    switch (value.kind()) {
      case ValueKind::kString:
        return value;
      case ValueKind::kBoolean:
        return Value::string(value.as_bool() ? "true" : "false");
      case ValueKind::kFloat32:
        util::append_java_float(scratch_, static_cast<float>(value.as_double()));
        break;
      case ValueKind::kFloat64:
        util::append_java_double(scratch_, value.as_double());
        break;
      case ValueKind::kBytes:
        if (value.is_decimal()) {
          format::append_java_big_decimal(scratch_, value.as_text(), value.decimal_scale());
        } else {
          format::append_base64(scratch_, value.as_text());
        }
        break;
      case ValueKind::kInt:
        if (is_date) {
          // Values.dateFormatFor(java.util.Date): a time of day before the first day, a date at
          // midnight, else a timestamp; formatted in UTC.
          const int64_t millis = schema->is_logical(connect::kDateLogicalName)
                                     ? value.as_int() * kMillisPerDay
                                     : value.as_int();
          const SimpleDateFormat& fmt = millis < kMillisPerDay        ? date_formats_[0]
                                        : millis % kMillisPerDay == 0 ? date_formats_[1]
                                                                      : date_formats_[2];
          fmt.format(millis, &scratch_);
        } else {
          char digits[24];
          auto end = std::to_chars(digits, digits + sizeof(digits), value.as_int()).ptr;
          scratch_.assign(digits, end);
        }
        break;
      default:
        return unexpected_type(value);
    }
    return Value::string(arena.copy(scratch_));
  }

  std::map<std::string, SchemaType, std::less<>> casts_;
  std::vector<std::string> cast_order_;  // the casts' field names in Kafka's HashMap order
  std::optional<SchemaType> whole_value_;
  bool replace_null_with_default_;
  std::vector<SimpleDateFormat> date_formats_;  // Values' time, date and timestamp patterns
  std::string scratch_;
  DerivedSchemaCache cache_;
  JavaMapOrder map_order_;
};

}  // namespace

void add_cast_types(std::vector<TransformType>& out) {
  add_key_value_types<Cast>(out, &cast_definition);
}

}  // namespace sluice::transforms
