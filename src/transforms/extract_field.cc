// ExtractField$Key / ExtractField$Value: replaces the key or value with one of its fields (Apache
// Kafka's org.apache.kafka.connect.transforms.ExtractField), named by `field` in the syntax of
// field.syntax.version (V2: a dotted path into nested structs or maps).
//
// Schemaless: the map's entry (null when absent), and no schema. With a schema: the field's schema
// and value (null for a null operand); a field the schema lacks fails with
// IllegalArgumentException "Unknown field: <field>".
#include "transforms/field_path.h"
#include "transforms/field_transforms.h"
#include "transforms/transform_config.h"

namespace sluice::transforms {
namespace {

using connect::SchemaPtr;
using connect::Value;

constexpr std::string_view kPurpose = "field extraction";

const config::ConfigDef& extract_field_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d("ExtractField");
    d.begin_group("ExtractField");
    d.define("field", config::ConfigType::kString)
        .required()
        .importance(config::Importance::kMedium)
        .doc("Field name to extract.");
    define_replace_null_with_default(d);
    define_field_syntax_version(d);
    return d;
  }();
  return def;
}

class ExtractField final : public OperandTransformation {
 public:
  static constexpr std::string_view kKeyClass =
      "org.apache.kafka.connect.transforms.ExtractField$Key";
  static constexpr std::string_view kValueClass =
      "org.apache.kafka.connect.transforms.ExtractField$Value";

  ExtractField(Operand side, const config::ParsedConfig& params,
               std::vector<config::ConfigProblem>* problems)
      : OperandTransformation(kKeyClass, kValueClass, side),
        replace_null_with_default_(params.bool_value(kReplaceNullWithDefault)) {
    Result<FieldPath> path =
        FieldPath::parse(params.string_value("field"), field_syntax_version(params));
    if (!path.ok()) {
      add_problem(problems, "field", params.string_value("field"), path.status().message());
      return;
    }
    path_ = std::move(path).value();
  }

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    const Value& value = operand_value(record, side());
    const SchemaPtr& schema = operand_schema(record, side());
    if (schema == nullptr) {
      if (!value.is_null()) SLUICE_RETURN_IF_ERROR(require_map(value, kPurpose));
      SLUICE_ASSIGN_OR_RETURN(Value extracted, path_.value_from_map(value));
      set_operand(record, side(), nullptr, extracted);
      return Disposition::kKeep;
    }
    if (!value.is_null()) SLUICE_RETURN_IF_ERROR(require_struct(schema.get(), value, kPurpose));
    SLUICE_ASSIGN_OR_RETURN(const connect::Field* field, path_.field_from(schema.get()));
    if (field == nullptr) {
      context.failure_class = kIllegalArgumentException;
      return Status::data_error("Unknown field: " + path_.text());
    }
    SLUICE_ASSIGN_OR_RETURN(Value extracted,
                            path_.value_from_struct(value, replace_null_with_default_));
    // The record keeps the root schema alive; the field schema is shared from it.
    set_operand(record, side(), field->schema, extracted);
    return Disposition::kKeep;
  }

 private:
  FieldPath path_;
  bool replace_null_with_default_;
};

}  // namespace

void add_extract_field_types(std::vector<TransformType>& out) {
  add_key_value_types<ExtractField>(out, &extract_field_definition);
}

}  // namespace sluice::transforms
