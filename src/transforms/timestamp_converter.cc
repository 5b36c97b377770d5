// TimestampConverter$Key / TimestampConverter$Value: converts a timestamp field, or the whole key
// or value, between Unix time, formatted text and Connect's Date, Time and Timestamp types (Apache
// Kafka's org.apache.kafka.connect.transforms.TimestampConverter).
//
// The source type comes from the schema (the Timestamp, Date or Time logical type, else STRING is
// text in `format` and INT64 is Unix time in `unix.precision`) or, schemaless, from the value
// (a string is text, an integer Unix time). Date keeps the UTC date at midnight, Time the UTC time
// of day; text is formatted and parsed with java.text.SimpleDateFormat in UTC (lenient parsing, as
// Java's default). With a schema the converted field's schema is the target type's, optional
// when the field is; the struct schema keeps the input's name, version, doc, parameters and
// optional flag, cached per input schema. A null value stays null.
//
// sluice values do not carry Java's java.util.Date apart from Long: schemaless, a Date, Time or
// Timestamp result is held as the Date's epoch milliseconds (what JsonFormat writes for it), and a
// schemaless field a previous transform turned into a Date is read back as Unix time, which gives
// the same instant.
#include <optional>
#include <string>

#include "connect/standard_schemas.h"
#include "transforms/field_transforms.h"
#include "transforms/simple_date_format.h"
#include "transforms/transform_config.h"

namespace sluice::transforms {
namespace {

using connect::Schema;
using connect::SchemaPtr;
using connect::SchemaType;
using connect::Value;
using connect::ValueKind;

constexpr std::string_view kPurpose = "converting timestamp formats";
constexpr int64_t kMillisPerDay = 86400000;
constexpr std::string_view kNoFormat =
    "Cannot invoke \"java.text.SimpleDateFormat.parse(String)\" because \"config.format\" is null";
constexpr std::string_view kNullPointerException = "java.lang.NullPointerException";

enum class TimestampKind { kString, kUnix, kDate, kTime, kTimestamp };
enum class UnixPrecision { kSeconds, kMilliseconds, kMicroseconds, kNanoseconds };

const config::ConfigDef& timestamp_converter_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d("TimestampConverter");
    d.begin_group("TimestampConverter");
    d.define("field", config::ConfigType::kString)
        .default_value("")
        .importance(config::Importance::kHigh)
        .doc("The field containing the timestamp, or empty if the entire value is a timestamp");
    d.define("target.type", config::ConfigType::kString)
        .required()
        .validator(kafka_one_of({"string", "unix", "Date", "Time", "Timestamp"}))
        .importance(config::Importance::kHigh)
        .doc("The desired timestamp representation: string, unix, Date, Time, or Timestamp");
    d.define("format", config::ConfigType::kString)
        .default_value("")
        .importance(config::Importance::kMedium)
        .doc(
            "A SimpleDateFormat-compatible format for the timestamp. Used to generate the output "
            "when type=string or used to parse the input if the input is a string.");
    d.define("unix.precision", config::ConfigType::kString)
        .default_value("milliseconds")
        .validator(kafka_one_of({"nanoseconds", "microseconds", "milliseconds", "seconds"}))
        .importance(config::Importance::kLow)
        .doc(
            "The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, "
            "or nanoseconds. Used to generate the output when type=unix or used to parse the "
            "input if the input is a Long.Note: This SMT will cause precision loss during "
            "conversions from, and to, values with sub-millisecond components.");
    define_replace_null_with_default(d);
    return d;
  }();
  return def;
}

TimestampKind kind_named(std::string_view type) {
  if (type == "string") return TimestampKind::kString;
  if (type == "unix") return TimestampKind::kUnix;
  if (type == "Date") return TimestampKind::kDate;
  if (type == "Time") return TimestampKind::kTime;
  return TimestampKind::kTimestamp;
}

UnixPrecision precision_named(std::string_view p) {
  if (p == "seconds") return UnixPrecision::kSeconds;
  if (p == "microseconds") return UnixPrecision::kMicroseconds;
  if (p == "nanoseconds") return UnixPrecision::kNanoseconds;
  return UnixPrecision::kMilliseconds;
}

// TimeUnit's conversions toward finer units saturate at Long.MIN_VALUE / MAX_VALUE.
int64_t saturating_multiply(int64_t v, int64_t factor) {
  int64_t out = 0;
  if (__builtin_mul_overflow(v, factor, &out)) return v < 0 ? INT64_MIN : INT64_MAX;
  return out;
}

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

SchemaPtr with_optional(const SchemaPtr& schema, bool optional) {
  if (!optional) return schema;
  auto s = schema_copy(*schema);
  s->optional = true;
  return s;
}

class TimestampConverter final : public OperandTransformation {
 public:
  static constexpr std::string_view kKeyClass =
      "org.apache.kafka.connect.transforms.TimestampConverter$Key";
  static constexpr std::string_view kValueClass =
      "org.apache.kafka.connect.transforms.TimestampConverter$Value";

  TimestampConverter(Operand side, const config::ParsedConfig& params,
                     std::vector<config::ConfigProblem>* problems)
      : OperandTransformation(kKeyClass, kValueClass, side),
        field_(params.string_value("field")),
        target_(kind_named(params.string_value("target.type"))),
        precision_(precision_named(params.string_value("unix.precision"))),
        replace_null_with_default_(params.bool_value(kReplaceNullWithDefault)) {
    const std::string pattern = params.string_value("format");
    const bool blank = config::java_trim(pattern).empty();
    if (target_ == TimestampKind::kString && blank) {
      add_problem(problems, "format", pattern,
                  "TimestampConverter requires format option to be specified when using string "
                  "timestamps");
      return;
    }
    if (!blank) {
      Result<SimpleDateFormat> compiled = SimpleDateFormat::compile(pattern);
      if (!compiled.ok()) {
        add_problem(
            problems, "format", pattern,
            "Invalid value java.lang.IllegalArgumentException: " + compiled.status().message() +
                " for configuration TimestampConverter requires a "
                "SimpleDateFormat-compatible pattern for string timestamps: " +
                pattern);
        return;
      }
      format_ = std::move(compiled).value();
    }
    // The target type's schemas, required and optional (TimestampTranslator.typeSchema).
    SchemaPtr required;
    switch (target_) {
      case TimestampKind::kString:
        required = connect::required_schema(SchemaType::kString);
        break;
      case TimestampKind::kUnix:
        required = connect::required_schema(SchemaType::kInt64);
        break;
      case TimestampKind::kDate:
        required = connect::date_schema();
        break;
      case TimestampKind::kTime:
        required = connect::time_schema();
        break;
      case TimestampKind::kTimestamp:
        required = connect::timestamp_schema();
        break;
    }
    target_schema_ = required;
    optional_target_schema_ = with_optional(required, true);
  }

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    const Value& value = operand_value(record, side());
    const SchemaPtr& schema = operand_schema(record, side());
    if (schema == nullptr) return apply_schemaless(record, value, context);
    if (field_.empty()) {
      SLUICE_ASSIGN_OR_RETURN(TimestampKind source, kind_of_schema(*schema, context));
      SLUICE_ASSIGN_OR_RETURN(Value converted, convert(value, source, context));
      set_operand(record, side(), schema->optional ? optional_target_schema_ : target_schema_,
                  converted);
      return Disposition::kKeep;
    }
    if (!value.is_null()) SLUICE_RETURN_IF_ERROR(require_struct(schema.get(), value, kPurpose));
    SLUICE_ASSIGN_OR_RETURN(SchemaPtr updated, cache_.get(schema, [this](const Schema& input) {
      return updated_schema(input);
    }));
    if (value.is_null()) {
      set_operand(record, side(), updated, value);
      return Disposition::kKeep;
    }
    const Schema& in = *value.struct_schema();
    StructBuilder out(*updated, context.arena);
    for (size_t i = 0; i < in.fields.size(); ++i) {
      Value v = struct_get(value, i, replace_null_with_default_);
      if (in.fields[i].name == field_) {
        SLUICE_ASSIGN_OR_RETURN(TimestampKind source,
                                kind_of_schema(*in.fields[i].schema, context));
        SLUICE_ASSIGN_OR_RETURN(v, convert(v, source, context));
      }
      out.set(i, v);
    }
    set_operand(record, side(), updated, out.build());
    return Disposition::kKeep;
  }

 private:
  Result<Disposition> apply_schemaless(connect::SinkRecord& record, const Value& value,
                                       TransformContext& context) {
    connect::Arena& arena = context.arena;
    if (value.is_null() || field_.empty()) {
      SLUICE_ASSIGN_OR_RETURN(Value converted, convert_inferred(value, context));
      set_operand(record, side(), nullptr, converted);
      return Disposition::kKeep;
    }
    SLUICE_RETURN_IF_ERROR(require_map(value, kPurpose));
    MapBuilder map = MapBuilder::hash_map_copy(value, 1, map_order_, arena);
    const Value* current = value.map_lookup(field_);
    SLUICE_ASSIGN_OR_RETURN(
        Value converted, convert_inferred(current == nullptr ? Value::null() : *current, context));
    map.put(field_, converted);
    set_operand(record, side(), nullptr, map.build_hash_map(map_order_, arena));
    return Disposition::kKeep;
  }

  Result<SchemaPtr> updated_schema(const Schema& input) const {
    if (input.type != SchemaType::kStruct) {
      return data_error("Cannot list fields on non-struct type");
    }
    auto schema = struct_schema_like(input);
    for (const connect::Field& f : input.fields) {
      if (f.name == field_) {
        add_field(*schema, f.name, f.schema->optional ? optional_target_schema_ : target_schema_);
      } else {
        add_field(*schema, f.name, f.schema);
      }
    }
    schema->optional = input.optional;
    return SchemaPtr(std::move(schema));
  }

  // timestampTypeFromSchema.
  static Result<TimestampKind> kind_of_schema(const Schema& schema, TransformContext& context) {
    if (schema.is_logical(connect::kTimestampLogicalName)) return TimestampKind::kTimestamp;
    if (schema.is_logical(connect::kDateLogicalName)) return TimestampKind::kDate;
    if (schema.is_logical(connect::kTimeLogicalName)) return TimestampKind::kTime;
    if (schema.type == SchemaType::kString) return TimestampKind::kString;
    if (schema.type == SchemaType::kInt64) return TimestampKind::kUnix;
    context.failure_class = "org.apache.kafka.connect.errors.ConnectException";
    return Status::data_error("Schema " + connect::java_schema_string(schema) +
                              " does not correspond to a known timestamp type format");
  }

  // convertTimestamp(value) with the type inferred from the value (inferTimestampType).
  Result<Value> convert_inferred(const Value& value, TransformContext& context) {
    if (value.is_null()) return Value::null();
    if (value.kind() == ValueKind::kInt) return convert(value, TimestampKind::kUnix, context, true);
    if (value.kind() == ValueKind::kString) {
      return convert(value, TimestampKind::kString, context, true);
    }
    return data_error("TimestampConverter does not support class " +
                      std::string(java_class_of(nullptr, value)) + " objects as timestamps");
  }

  // `schemaless`: the result has no schema (a Date is then held as epoch milliseconds).
  Result<Value> convert(const Value& value, TimestampKind source, TransformContext& context,
                        bool schemaless = false) {
    if (value.is_null()) return Value::null();
    connect::Arena& arena = context.arena;
    Result<int64_t> raw = to_raw(value, source);
    if (!raw.ok()) {
      if (raw.status().message() == kNoFormat) context.failure_class = kNullPointerException;
      return raw.status();
    }
    const int64_t millis = *raw;
    switch (target_) {
      case TimestampKind::kString:
        scratch_.clear();
        format_->format(millis, &scratch_);
        return Value::string(arena.copy(scratch_));
      case TimestampKind::kUnix:
        switch (precision_) {
          case UnixPrecision::kSeconds:
            return Value::integer(millis / 1000);
          case UnixPrecision::kMicroseconds:
            return Value::integer(saturating_multiply(millis, 1000));
          case UnixPrecision::kNanoseconds:
            return Value::integer(saturating_multiply(millis, 1000000));
          case UnixPrecision::kMilliseconds:
            return Value::integer(millis);
        }
        return Value::integer(millis);
      case TimestampKind::kDate:
        // Connect's Date is days since the epoch; without a schema the value stands for the
        // java.util.Date itself, whose getTime() JsonFormat writes: midnight in milliseconds.
        return Value::integer(schemaless ? floor_div(millis, kMillisPerDay) * kMillisPerDay
                                         : floor_div(millis, kMillisPerDay));
      case TimestampKind::kTime:
        return Value::integer(millis - floor_div(millis, kMillisPerDay) * kMillisPerDay);
      case TimestampKind::kTimestamp:
        return Value::integer(millis);
    }
    return Value::integer(millis);
  }

  // TimestampTranslator.toRaw: the instant, as epoch milliseconds.
  Result<int64_t> to_raw(const Value& value, TimestampKind source) const {
    auto found = [&value] { return "class " + std::string(java_class_of(nullptr, value)); };
    switch (source) {
      case TimestampKind::kString: {
        if (value.kind() != ValueKind::kString) {
          return data_error("Expected string timestamp to be a String, but found " + found());
        }
        if (!format_) {
          // Kafka 4.4.0 dereferences the missing format (JDK 17's helpful message).
          return Status::data_error(std::string(kNoFormat));
        }
        Result<int64_t> parsed = format_->parse(value.as_text());
        if (!parsed.ok()) {
          return data_error("Could not parse timestamp: value (" + std::string(value.as_text()) +
                            ") does not match pattern (" + format_->pattern() + ")");
        }
        return *parsed;
      }
      case TimestampKind::kUnix: {
        if (value.kind() != ValueKind::kInt) {
          return data_error("Expected Unix timestamp to be a Long, but found " + found());
        }
        const int64_t t = value.as_int();
        switch (precision_) {
          case UnixPrecision::kSeconds:
            return saturating_multiply(t, 1000);
          case UnixPrecision::kMicroseconds:
            return t / 1000;
          case UnixPrecision::kNanoseconds:
            return t / 1000000;
          case UnixPrecision::kMilliseconds:
            return t;
        }
        return t;
      }
      case TimestampKind::kDate:
        if (value.kind() != ValueKind::kInt) {
          return data_error("Expected Date to be a java.util.Date, but found " + found());
        }
        return value.as_int() * kMillisPerDay;
      case TimestampKind::kTime:
        if (value.kind() != ValueKind::kInt) {
          return data_error("Expected Time to be a java.util.Date, but found " + found());
        }
        return value.as_int();
      case TimestampKind::kTimestamp:
        if (value.kind() != ValueKind::kInt) {
          return data_error("Expected Timestamp to be a java.util.Date, but found " + found());
        }
        return value.as_int();
    }
    return value.as_int();
  }

  std::string field_;
  TimestampKind target_;
  UnixPrecision precision_;
  bool replace_null_with_default_;
  std::optional<SimpleDateFormat> format_;
  SchemaPtr target_schema_;
  SchemaPtr optional_target_schema_;
  std::string scratch_;
  DerivedSchemaCache cache_;
  JavaMapOrder map_order_;
};

}  // namespace

void add_timestamp_converter_types(std::vector<TransformType>& out) {
  add_key_value_types<TimestampConverter>(out, &timestamp_converter_definition);
}

}  // namespace sluice::transforms
