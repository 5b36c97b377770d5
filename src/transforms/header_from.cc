// HeaderFrom$Key / HeaderFrom$Value: copies or moves fields of the key or value into headers
// (Apache Kafka's org.apache.kafka.connect.transforms.HeaderFrom).
//
// `fields` and `headers` pair up by position; each header gets the field's value (and, with a
// schema, the field's schema), appended after the record's headers. `operation` move also drops
// the fields: schemaless from a copy of the map, with a schema through a struct schema without
// them (cached per input schema; name, version, doc and parameters kept). A null operand fails
// (requireMap/requireStruct). Kafka 4.4.0 fails with a NullPointerException when a struct lacks
// a listed field; sluice fails the record with the same class and message.
#include <algorithm>
#include <string>

#include "transforms/field_transforms.h"
#include "transforms/transform_config.h"

namespace sluice::transforms {
namespace {

using connect::Schema;
using connect::SchemaPtr;
using connect::Value;

const config::ConfigDef& header_from_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d("HeaderFrom");
    d.begin_group("HeaderFrom");
    d.define("fields", config::ConfigType::kList)
        .required()
        .importance(config::Importance::kHigh)
        .doc("Field names in the record whose values are to be copied or moved to headers.");
    d.define("headers", config::ConfigType::kList)
        .required()
        .importance(config::Importance::kHigh)
        .doc(
            "Header names, in the same order as the field names listed in the fields "
            "configuration property.");
    d.define("operation", config::ConfigType::kString)
        .required()
        .validator(kafka_one_of({"move", "copy"}))
        .importance(config::Importance::kHigh)
        .doc(
            "Either move if the fields are to be moved to the headers (removed from the "
            "key/value), "
            "or copy if the fields are to be copied to the headers (retained in the key/value).");
    define_replace_null_with_default(d);
    return d;
  }();
  return def;
}

std::string java_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i > 0 ? ", " : "") + items[i];
  return out + "]";
}

class HeaderFrom final : public OperandTransformation {
 public:
  static constexpr std::string_view kKeyClass =
      "org.apache.kafka.connect.transforms.HeaderFrom$Key";
  static constexpr std::string_view kValueClass =
      "org.apache.kafka.connect.transforms.HeaderFrom$Value";

  HeaderFrom(Operand side, const config::ParsedConfig& params,
             std::vector<config::ConfigProblem>* problems)
      : OperandTransformation(kKeyClass, kValueClass, side),
        fields_(params.list_value("fields")),
        headers_(params.list_value("headers")),
        move_(params.string_value("operation") == "move"),
        replace_null_with_default_(params.bool_value(kReplaceNullWithDefault)) {
    purpose_ = move_ ? "header move" : "header copy";
    for (const char* key : {"fields", "headers"}) {
      if (params.list_value(key).empty()) {
        add_problem(problems, key, "[]",
                    "Invalid value [] for configuration " + std::string(key) + ": Empty list");
        return;
      }
    }
    if (fields_.size() != headers_.size()) {
      add_problem(problems, "headers", java_list(headers_),
                  "'fields' config must have the same number of elements as 'headers' config.");
    }
  }

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    const Value& value = operand_value(record, side());
    const SchemaPtr& schema = operand_schema(record, side());
    std::span<connect::Header> headers =
        context.arena.allocate_array<connect::Header>(record.headers.size() + fields_.size());
    std::copy(record.headers.begin(), record.headers.end(), headers.begin());
    connect::Header* added = headers.data() + record.headers.size();
    if (schema == nullptr) {
      SLUICE_RETURN_IF_ERROR(require_map(value, purpose_));
      MapBuilder map = MapBuilder::hash_map_copy(value, 0, map_order_, context.arena);
      for (size_t i = 0; i < fields_.size(); ++i) {
        const Value* v = value.map_lookup(fields_[i]);
        if (move_) map.remove(fields_[i]);
        set_header(added[i], headers_[i], nullptr, v == nullptr ? Value::null() : *v);
      }
      set_operand(record, side(), nullptr, map.build_hash_map(map_order_, context.arena));
      record.headers = headers;
      return Disposition::kKeep;
    }
    SLUICE_RETURN_IF_ERROR(require_struct(schema.get(), value, purpose_));
    const Schema& in = *value.struct_schema();
    for (size_t i = 0; i < fields_.size(); ++i) {
      const connect::Field* f = schema->field(fields_[i]);
      if (f == nullptr) {
        context.failure_class = "java.lang.NullPointerException";
        return Status::data_error(
            "Cannot invoke \"org.apache.kafka.connect.data.Field.schema()\" because the return "
            "value of \"org.apache.kafka.connect.data.Schema.field(String)\" is null");
      }
      const connect::Field* in_field = in.field(fields_[i]);
      const Value v = in_field == nullptr ? Value::null()
                                          : struct_get(value, static_cast<size_t>(in_field->index),
                                                       replace_null_with_default_);
      set_header(added[i], headers_[i], f->schema, v);
    }
    if (move_) {
      SLUICE_ASSIGN_OR_RETURN(SchemaPtr updated, cache_.get(schema, [this](const Schema& input) {
        return moved_schema(input);
      }));
      StructBuilder out(*updated, context.arena);
      for (size_t i = 0; i < updated->fields.size(); ++i) {
        const connect::Field* in_field = in.field(updated->fields[i].name);
        out.set(
            i, struct_get(value, static_cast<size_t>(in_field->index), replace_null_with_default_));
      }
      set_operand(record, side(), updated, out.build());
    }
    record.headers = headers;
    return Disposition::kKeep;
  }

 private:
  static void set_header(connect::Header& h, std::string_view key, SchemaPtr schema, Value v) {
    h.key = key;
    h.schema = std::move(schema);
    h.value = v;
    // Not from Kafka: no bytes of its own (the headers format writes schema and value).
    h.raw = {};
    h.raw_is_null = v.is_null();
  }

  Result<SchemaPtr> moved_schema(const Schema& input) const {
    auto schema = struct_schema_like(input);
    for (const connect::Field& f : input.fields) {
      if (std::find(fields_.begin(), fields_.end(), f.name) == fields_.end()) {
        add_field(*schema, f.name, f.schema);
      }
    }
    return SchemaPtr(std::move(schema));
  }

  std::vector<std::string> fields_;
  std::vector<std::string> headers_;
  bool move_;
  std::string purpose_;
  bool replace_null_with_default_;
  DerivedSchemaCache cache_;
  JavaMapOrder map_order_;
};

}  // namespace

void add_header_from_types(std::vector<TransformType>& out) {
  add_key_value_types<HeaderFrom>(out, &header_from_definition);
}

}  // namespace sluice::transforms
