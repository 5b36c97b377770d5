// SetSchemaMetadata$Key / SetSchemaMetadata$Value: sets the name and/or version of the key or
// value schema (Apache Kafka's org.apache.kafka.connect.transforms.SetSchemaMetadata).
//
// The new schema keeps every other attribute (type, optional flag, default, doc, parameters,
// fields) and a struct is rebound to it field by field (replace.null.with.default applies). A null
// value without a schema passes; a value without a schema fails ("Schema required for [updating
// schema metadata]"). Kafka 4.4.0 builds the new schema with schema.fields() for every type, so a
// schema that is not a struct fails with ConnectSchema's "Cannot list fields on non-struct type";
// sluice keeps that behaviour.
#include <optional>

#include "transforms/field_transforms.h"
#include "transforms/transform_config.h"

namespace sluice::transforms {
namespace {

using connect::Schema;
using connect::SchemaPtr;
using connect::Value;

const config::ConfigDef& set_schema_metadata_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d("SetSchemaMetadata");
    d.begin_group("SetSchemaMetadata");
    d.define("schema.name", config::ConfigType::kString)
        .default_null()
        .importance(config::Importance::kHigh)
        .doc("Schema name to set.");
    d.define("schema.version", config::ConfigType::kInt)
        .default_null()
        .importance(config::Importance::kHigh)
        .doc("Schema version to set.");
    define_replace_null_with_default(d);
    return d;
  }();
  return def;
}

class SetSchemaMetadata final : public OperandTransformation {
 public:
  static constexpr std::string_view kKeyClass =
      "org.apache.kafka.connect.transforms.SetSchemaMetadata$Key";
  static constexpr std::string_view kValueClass =
      "org.apache.kafka.connect.transforms.SetSchemaMetadata$Value";

  SetSchemaMetadata(Operand side, const config::ParsedConfig& params,
                    std::vector<config::ConfigProblem>* problems)
      : OperandTransformation(kKeyClass, kValueClass, side),
        name_(params.optional_string("schema.name")),
        replace_null_with_default_(params.bool_value(kReplaceNullWithDefault)) {
    if (!params.is_null("schema.version")) version_ = params.int_value("schema.version");
    if (!name_ && !version_) {
      add_problem(problems, "schema.name", "", "Neither schema name nor version configured");
    }
  }

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    const Value& value = operand_value(record, side());
    const SchemaPtr& schema = operand_schema(record, side());
    if (schema == nullptr) {
      if (value.is_null()) return Disposition::kKeep;
      return data_error("Schema required for [updating schema metadata]");
    }
    if (schema->resolved().type != connect::SchemaType::kStruct) {
      return data_error("Cannot list fields on non-struct type");
    }
    SLUICE_ASSIGN_OR_RETURN(SchemaPtr updated, cache_.get(schema, [this](const Schema& input) {
      auto s = schema_copy(input.resolved());
      s->optional = input.optional;
      if (name_) s->name = *name_;
      if (version_) s->version = *version_;
      return Result<SchemaPtr>(SchemaPtr(std::move(s)));
    }));
    Value rebound = value;
    if (value.kind() == connect::ValueKind::kStruct) {
      StructBuilder out(*updated, context.arena);
      for (size_t i = 0; i < value.items().size(); ++i) {
        out.set(i, struct_get(value, i, replace_null_with_default_));
      }
      rebound = out.build();
    }
    set_operand(record, side(), updated, rebound);
    return Disposition::kKeep;
  }

 private:
  std::optional<std::string> name_;
  std::optional<int32_t> version_;
  bool replace_null_with_default_;
  DerivedSchemaCache cache_;
};

}  // namespace

void add_set_schema_metadata_types(std::vector<TransformType>& out) {
  add_key_value_types<SetSchemaMetadata>(out, &set_schema_metadata_definition);
}

}  // namespace sluice::transforms
