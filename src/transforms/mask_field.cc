// MaskField$Key / MaskField$Value: replaces the values of the listed fields with an empty value of
// their type, or with the configured replacement converted to their type (Apache Kafka's
// org.apache.kafka.connect.transforms.MaskField).
//
// Without `replacement`: false, 0, 0.0, "", Date(0), BigDecimal 0, an empty list or map; other
// types (bytes, structs) fail. With `replacement`: numbers take Values.convertToByte/Short/...
// of the text (Values.parseString, then Java's narrowing), strings the text itself, decimals
// new BigDecimal(text); other types fail. Null values stay null. Unlike most transforms a null
// key or value fails (requireMap/requireStruct). Schemaless, every listed field is put into a copy
// of the map, so a listed field the map lacks is added with a null value.
#include <optional>
#include <string>
#include <unordered_set>

#include "connect/decimal_bytes.h"
#include "connect/values_parser.h"
#include "format/java_hash_code.h"
#include "transforms/field_transforms.h"
#include "transforms/java_numbers.h"
#include "transforms/transform_config.h"

namespace sluice::transforms {
namespace {

using connect::Schema;
using connect::SchemaPtr;
using connect::SchemaType;
using connect::Value;
using connect::ValueKind;

constexpr std::string_view kPurpose = "mask fields";

const config::ConfigDef& mask_field_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d("MaskField");
    d.begin_group("MaskField");
    d.define("fields", config::ConfigType::kList)
        .required()
        .importance(config::Importance::kHigh)
        .doc("Names of fields to mask.");
    d.define("replacement", config::ConfigType::kString)
        .default_null()
        .validator(kafka_non_empty_string())
        .importance(config::Importance::kLow)
        .doc(
            "Custom value replacement, that will be applied to all 'fields' values (numeric or "
            "non-empty string values only).");
    define_replace_null_with_default(d);
    return d;
  }();
  return def;
}

// new BigDecimal(text): sign, digits with an optional point, an optional exponent.
std::optional<Value> parse_big_decimal(std::string_view text, connect::Arena& arena) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string_view rest = text.substr(i);
  size_t exp_at = rest.find_first_of("eE");
  std::string_view mantissa = rest.substr(0, exp_at);
  size_t point = mantissa.find('.');
  std::string_view int_digits = mantissa.substr(0, point);
  std::string_view frac_digits =
      point == std::string_view::npos ? std::string_view() : mantissa.substr(point + 1);
  auto all_digits = [](std::string_view s) {
    for (char c : s) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  if (int_digits.empty() && frac_digits.empty()) return std::nullopt;
  if (!all_digits(int_digits) || !all_digits(frac_digits)) return std::nullopt;
  int64_t exponent = 0;
  if (exp_at != std::string_view::npos) {
    std::optional<int32_t> e = connect::parse_java_int(rest.substr(exp_at + 1));
    if (!e) return std::nullopt;
    exponent = *e;
  }
  const int64_t scale = static_cast<int64_t>(frac_digits.size()) - exponent;
  if (scale > INT32_MAX || scale < INT32_MIN) return std::nullopt;
  return Value::decimal(
      connect::digits_to_twos_complement(negative, int_digits, frac_digits, arena),
      static_cast<int32_t>(scale));
}

class MaskField final : public OperandTransformation {
 public:
  static constexpr std::string_view kKeyClass = "org.apache.kafka.connect.transforms.MaskField$Key";
  static constexpr std::string_view kValueClass =
      "org.apache.kafka.connect.transforms.MaskField$Value";

  MaskField(Operand side, const config::ParsedConfig& params,
            std::vector<config::ConfigProblem>* problems)
      : OperandTransformation(kKeyClass, kValueClass, side),
        replacement_(params.optional_string("replacement")),
        replace_null_with_default_(params.bool_value(kReplaceNullWithDefault)) {
    const std::vector<std::string>& fields = params.list_value("fields");
    if (fields.empty()) {
      add_problem(problems, "fields", "",
                  "Configuration 'fields' must not be empty. Valid values include: any non-empty "
                  "value");
      return;
    }
    set_masked_fields(fields);
    if (replacement_) {
      connect::SchemaAndValue parsed;
      if (connect::parse_values_string(*replacement_, parsed_.arena(), &parsed) &&
          is_java_number(parsed.value) && parsed.value.kind() != ValueKind::kBoolean) {
        parsed_.set(parsed.value);
        replacement_is_number_ = true;
      }
      if (auto decimal = parse_big_decimal(*replacement_, decimal_.arena())) decimal_.set(*decimal);
      replacement_is_decimal_ = !decimal_.value().is_null();
    }
  }

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    const Value& value = operand_value(record, side());
    const SchemaPtr& schema = operand_schema(record, side());
    if (schema == nullptr) {
      SLUICE_RETURN_IF_ERROR(require_map(value, kPurpose));
      MapBuilder map =
          MapBuilder::hash_map_copy(value, fields_in_set_order_.size(), map_order_, context.arena);
      for (const std::string& field : fields_in_set_order_) {
        const Value* current = value.map_lookup(field);
        SLUICE_ASSIGN_OR_RETURN(Value masked_value,
                                masked(nullptr, current == nullptr ? Value::null() : *current));
        map.put(field, masked_value);
      }
      set_operand(record, side(), nullptr, map.build_hash_map(map_order_, context.arena));
      return Disposition::kKeep;
    }
    SLUICE_RETURN_IF_ERROR(require_struct(schema.get(), value, kPurpose));
    const Schema& struct_schema = *value.struct_schema();
    StructBuilder out(struct_schema, context.arena);
    for (size_t i = 0; i < struct_schema.fields.size(); ++i) {
      Value v = struct_get(value, i, replace_null_with_default_);
      if (masked_.contains(struct_schema.fields[i].name)) {
        SLUICE_ASSIGN_OR_RETURN(v, masked(struct_schema.fields[i].schema.get(), v));
      }
      out.set(i, v);
    }
    set_operand(record, side(), schema, out.build());
    return Disposition::kKeep;
  }

 private:
  // The fields in the iteration order of the HashSet Kafka keeps them in (new HashSet<>(list)).
  void set_masked_fields(const std::vector<std::string>& fields) {
    connect::Arena arena;
    MapBuilder names(fields.size(), arena,
                     format::hash_map_capacity_for_size(
                         std::max<uint32_t>(static_cast<uint32_t>(fields.size() / .75f) + 1, 16)));
    for (const std::string& f : fields) {
      masked_.insert(f);
      names.put(f, Value::null());
    }
    Value set = names.build_hash_map(map_order_, arena);
    for (size_t i = 0; i < set.map_size(); ++i) {
      fields_in_set_order_.emplace_back(set.map_key(i).as_text());
    }
  }

  Result<Value> masked(const Schema* schema, const Value& v) const {
    if (v.is_null()) return Value::null();
    std::string_view java_class = java_class_of(schema, v);
    return replacement_ ? with_replacement(java_class, v) : with_empty_value(java_class, v);
  }

  static Result<Value> with_empty_value(std::string_view java_class, const Value& v) {
    static const char kZeroByte = 0;
    switch (v.kind()) {
      case ValueKind::kBoolean:
        return Value::boolean(false);
      case ValueKind::kInt:
        return Value::integer(0);  // Byte, Short, Integer, Long and Date(0) alike
      case ValueKind::kFloat32:
        return Value::float32(0);
      case ValueKind::kFloat64:
        return Value::float64(0);
      case ValueKind::kString:
        return Value::string("");
      case ValueKind::kArray:
        return Value::array({});
      case ValueKind::kMap:
        return Value::map({});
      case ValueKind::kBytes:
        if (v.is_decimal()) return Value::decimal(std::string_view(&kZeroByte, 1), 0);
        break;
      default:
        break;
    }
    return data_error("Cannot mask value of type: class " + std::string(java_class));
  }

  Result<Value> with_replacement(std::string_view java_class, const Value& v) const {
    const std::string& text = *replacement_;
    auto not_a_number = [&text] {
      return data_error("Unable to convert " + text + " (class java.lang.String) to a number");
    };
    const Value& number = parsed_.value();
    if (java_class == "java.lang.String") return Value::string(text);
    if (java_class == "java.math.BigDecimal") {
      if (!replacement_is_decimal_) return not_a_number();
      return decimal_.value();
    }
    if (java_class == "java.lang.Byte" || java_class == "java.lang.Short" ||
        java_class == "java.lang.Integer" || java_class == "java.lang.Long") {
      if (!replacement_is_number_) return not_a_number();
      if (java_class == "java.lang.Byte") return Value::integer(java_byte_value(number));
      if (java_class == "java.lang.Short") return Value::integer(java_short_value(number));
      if (java_class == "java.lang.Integer") return Value::integer(java_int_value(number));
      return Value::integer(java_long_value(number));
    }
    if (v.kind() == ValueKind::kFloat32) {
      if (!replacement_is_number_) return not_a_number();
      return Value::float32(java_float_value(number));
    }
    if (v.kind() == ValueKind::kFloat64) {
      if (!replacement_is_number_) return not_a_number();
      return Value::float64(java_double_value(number));
    }
    return data_error("Cannot mask value of type class " + std::string(java_class) +
                      " with custom replacement.");
  }

  std::unordered_set<std::string> masked_;
  std::vector<std::string> fields_in_set_order_;
  std::optional<std::string> replacement_;
  connect::OwnedValue parsed_;   // Values.parseString(replacement), when a number
  connect::OwnedValue decimal_;  // new BigDecimal(replacement), when it parses
  bool replacement_is_number_ = false;
  bool replacement_is_decimal_ = false;
  bool replace_null_with_default_;
  JavaMapOrder map_order_;
};

}  // namespace

void add_mask_field_types(std::vector<TransformType>& out) {
  add_key_value_types<MaskField>(out, &mask_field_definition);
}

}  // namespace sluice::transforms
