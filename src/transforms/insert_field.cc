// InsertField$Key / InsertField$Value: adds the record's topic, partition, offset, timestamp and a
// static string as fields of the key or value (Apache Kafka's
// org.apache.kafka.connect.transforms.InsertField).
//
// A field name ending in '!' makes the added field required, '?' or nothing optional. A null
// operand passes unchanged. Schemaless, the map is copied (a HashMap) and the entries put in the
// order topic, partition (if the record has one), offset, timestamp (if the record has one),
// static. With a schema the new struct schema appends the fields in that same order to the input
// struct's fields (topic STRING, partition INT32, offset INT64, timestamp the Timestamp logical
// type, static STRING), keeping the input's name, version, doc and parameters but not its
// optional flag or default.
#include <optional>
#include <string>

#include "connect/standard_schemas.h"
#include "transforms/field_transforms.h"
#include "transforms/transform_config.h"

namespace sluice::transforms {
namespace {

using connect::Schema;
using connect::SchemaPtr;
using connect::SchemaType;
using connect::Value;

constexpr std::string_view kPurpose = "field insertion";
constexpr std::string_view kOptionalityDoc =
    "Suffix with '!' to make this a required field, or '?' to keep it optional (the default).";

const config::ConfigDef& insert_field_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d("InsertField");
    d.begin_group("InsertField");
    auto field = [&d](const char* name, const std::string& doc) {
      d.define(name, config::ConfigType::kString)
          .default_null()
          .importance(config::Importance::kMedium)
          .doc(doc);
    };
    field("topic.field", "Field name for Kafka topic.\n" + std::string(kOptionalityDoc));
    field("partition.field", "Field name for Kafka partition.\n" + std::string(kOptionalityDoc));
    field("offset.field", "Field name for Kafka offset - only applicable to sink connectors.\n" +
                              std::string(kOptionalityDoc));
    field("timestamp.field", "Field name for record timestamp.\n" + std::string(kOptionalityDoc));
    field("static.field", "Field name for static data field.\n" + std::string(kOptionalityDoc));
    field("static.value", "Static field value, if field name configured.");
    define_replace_null_with_default(d);
    return d;
  }();
  return def;
}

// A configured field: its name and whether the added field is optional.
struct InsertionSpec {
  std::string name;
  bool optional = true;

  static std::optional<InsertionSpec> parse(const std::optional<std::string>& spec) {
    if (!spec) return std::nullopt;
    if (spec->ends_with('?')) return InsertionSpec{spec->substr(0, spec->size() - 1), true};
    if (spec->ends_with('!')) return InsertionSpec{spec->substr(0, spec->size() - 1), false};
    return InsertionSpec{*spec, true};
  }
};

const SchemaPtr& optional_timestamp_schema() {
  static const SchemaPtr schema = [] {
    auto s = schema_copy(*connect::timestamp_schema());
    s->optional = true;
    return SchemaPtr(std::move(s));
  }();
  return schema;
}

class InsertField final : public OperandTransformation {
 public:
  static constexpr std::string_view kKeyClass =
      "org.apache.kafka.connect.transforms.InsertField$Key";
  static constexpr std::string_view kValueClass =
      "org.apache.kafka.connect.transforms.InsertField$Value";

  InsertField(Operand side, const config::ParsedConfig& params,
              std::vector<config::ConfigProblem>* problems)
      : OperandTransformation(kKeyClass, kValueClass, side),
        topic_(InsertionSpec::parse(params.optional_string("topic.field"))),
        partition_(InsertionSpec::parse(params.optional_string("partition.field"))),
        offset_(InsertionSpec::parse(params.optional_string("offset.field"))),
        timestamp_(InsertionSpec::parse(params.optional_string("timestamp.field"))),
        static_(InsertionSpec::parse(params.optional_string("static.field"))),
        static_value_(params.optional_string("static.value")),
        replace_null_with_default_(params.bool_value(kReplaceNullWithDefault)) {
    if (!topic_ && !partition_ && !offset_ && !timestamp_ && !static_) {
      add_problem(problems, "topic.field", "", "No field insertion configured");
    } else if (static_ && !static_value_) {
      add_problem(problems, "static.value", "null",
                  "Invalid value null for configuration static.value: No value specified for "
                  "static field: " +
                      static_->name);
    }
  }

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    const Value& value = operand_value(record, side());
    if (value.is_null()) return Disposition::kKeep;
    const SchemaPtr& schema = operand_schema(record, side());
    if (schema == nullptr) {
      SLUICE_RETURN_IF_ERROR(require_map(value, kPurpose));
      // new HashMap<>(value), then the puts.
      MapBuilder map = MapBuilder::hash_map_copy(value, 5, map_order_, context.arena);
      if (topic_) map.put(topic_->name, Value::string(record.topic));
      if (partition_) map.put(partition_->name, Value::integer(record.partition));
      if (offset_) map.put(offset_->name, Value::integer(record.offset));
      if (timestamp_ && record.timestamp) {
        map.put(timestamp_->name, Value::integer(*record.timestamp));
      }
      if (static_ && static_value_) map.put(static_->name, Value::string(*static_value_));
      set_operand(record, side(), nullptr, map.build_hash_map(map_order_, context.arena));
      return Disposition::kKeep;
    }
    SLUICE_RETURN_IF_ERROR(require_struct(schema.get(), value, kPurpose));
    SLUICE_ASSIGN_OR_RETURN(SchemaPtr updated, cache_.get(schema, [this](const Schema& input) {
      return updated_schema(input);
    }));
    StructBuilder out(*updated, context.arena);
    const size_t copied = value.items().size();
    for (size_t i = 0; i < copied; ++i)
      out.set(i, struct_get(value, i, replace_null_with_default_));
    size_t next = copied;
    if (topic_) out.set(next++, Value::string(record.topic));
    if (partition_) out.set(next++, Value::integer(record.partition));
    if (offset_) out.set(next++, Value::integer(record.offset));
    if (timestamp_) {
      if (record.timestamp) out.set(next, Value::integer(*record.timestamp));
      ++next;
    }
    if (static_ && static_value_) out.set(next, Value::string(*static_value_));
    set_operand(record, side(), updated, out.build());
    return Disposition::kKeep;
  }

 private:
  Result<SchemaPtr> updated_schema(const Schema& input) const {
    auto schema = struct_schema_like(input);
    for (const connect::Field& f : input.fields) add_field(*schema, f.name, f.schema);
    auto primitive = [](SchemaType type, const InsertionSpec& spec) {
      return spec.optional ? connect::optional_schema(type) : connect::required_schema(type);
    };
    if (topic_) {
      SLUICE_RETURN_IF_ERROR(
          add_unique_field(*schema, topic_->name, primitive(SchemaType::kString, *topic_)));
    }
    if (partition_) {
      SLUICE_RETURN_IF_ERROR(
          add_unique_field(*schema, partition_->name, primitive(SchemaType::kInt32, *partition_)));
    }
    if (offset_) {
      SLUICE_RETURN_IF_ERROR(
          add_unique_field(*schema, offset_->name, primitive(SchemaType::kInt64, *offset_)));
    }
    if (timestamp_) {
      SLUICE_RETURN_IF_ERROR(add_unique_field(
          *schema, timestamp_->name,
          timestamp_->optional ? optional_timestamp_schema() : connect::timestamp_schema()));
    }
    if (static_) {
      SLUICE_RETURN_IF_ERROR(
          add_unique_field(*schema, static_->name, primitive(SchemaType::kString, *static_)));
    }
    return SchemaPtr(std::move(schema));
  }

  std::optional<InsertionSpec> topic_;
  std::optional<InsertionSpec> partition_;
  std::optional<InsertionSpec> offset_;
  std::optional<InsertionSpec> timestamp_;
  std::optional<InsertionSpec> static_;
  std::optional<std::string> static_value_;
  bool replace_null_with_default_;
  DerivedSchemaCache cache_;
  JavaMapOrder map_order_;
};

}  // namespace

void add_insert_field_types(std::vector<TransformType>& out) {
  add_key_value_types<InsertField>(out, &insert_field_definition);
}

}  // namespace sluice::transforms
