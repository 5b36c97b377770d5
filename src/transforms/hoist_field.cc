// HoistField$Key / HoistField$Value: wraps the whole key or value in a single field (Apache
// Kafka's org.apache.kafka.connect.transforms.HoistField).
//
// Schemaless: a map {field: value} (a HashMap). With a schema: an unnamed, required struct with
// one field of the operand's schema, cached per operand schema; as Struct.put validates, a null
// operand of a required schema fails.
#include "transforms/field_transforms.h"
#include "transforms/transform_config.h"

namespace sluice::transforms {
namespace {

using connect::Schema;
using connect::SchemaPtr;
using connect::Value;

const config::ConfigDef& hoist_field_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d("HoistField");
    d.begin_group("HoistField");
    d.define("field", config::ConfigType::kString)
        .required()
        .importance(config::Importance::kMedium)
        .doc(
            "Field name for the single field that will be created in the resulting Struct or "
            "Map.");
    return d;
  }();
  return def;
}

class HoistField final : public OperandTransformation {
 public:
  static constexpr std::string_view kKeyClass =
      "org.apache.kafka.connect.transforms.HoistField$Key";
  static constexpr std::string_view kValueClass =
      "org.apache.kafka.connect.transforms.HoistField$Value";

  HoistField(Operand side, const config::ParsedConfig& params,
             std::vector<config::ConfigProblem>* /*problems*/)
      : OperandTransformation(kKeyClass, kValueClass, side), field_(params.string_value("field")) {}

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    const Value& value = operand_value(record, side());
    const SchemaPtr& schema = operand_schema(record, side());
    if (schema == nullptr) {
      MapBuilder map(1, context.arena);
      map.put(field_, value);
      set_operand(record, side(), nullptr, map.build_linked());
      return Disposition::kKeep;
    }
    SLUICE_RETURN_IF_ERROR(check_put(field_, *schema, value));
    SLUICE_ASSIGN_OR_RETURN(SchemaPtr updated, cache_.get(schema, [this, &schema](const Schema&) {
      auto wrapper = std::make_shared<Schema>();
      wrapper->type = connect::SchemaType::kStruct;
      add_field(*wrapper, field_, schema);
      return Result<SchemaPtr>(SchemaPtr(std::move(wrapper)));
    }));
    StructBuilder out(*updated, context.arena);
    out.set(0, value);
    set_operand(record, side(), updated, out.build());
    return Disposition::kKeep;
  }

 private:
  std::string field_;
  DerivedSchemaCache cache_;
};

}  // namespace

void add_hoist_field_types(std::vector<TransformType>& out) {
  add_key_value_types<HoistField>(out, &hoist_field_definition);
}

}  // namespace sluice::transforms
