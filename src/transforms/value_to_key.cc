// ValueToKey: replaces the record key with a struct or map of fields taken from the value (Apache
// Kafka's org.apache.kafka.connect.transforms.ValueToKey). Fields are named in the syntax of
// field.syntax.version; the new key's fields are named by the configured text.
//
// Schemaless: a map (a HashMap sized for the field count) of the values found (null when absent).
// With a schema: an unnamed required struct whose fields take the schemas of the value's fields,
// cached per value schema; a field the value schema lacks fails ("Field does not exist: <f>").
// A null value fails (requireMap/requireStruct): ValueToKey does not pass tombstones.
#include "transforms/field_path.h"
#include "transforms/field_transforms.h"
#include "transforms/transform_config.h"

namespace sluice::transforms {
namespace {

using connect::Schema;
using connect::SchemaPtr;
using connect::Value;

constexpr std::string_view kPurpose = "copying fields from value to key";

const config::ConfigDef& value_to_key_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d("ValueToKey");
    d.begin_group("ValueToKey");
    d.define("fields", config::ConfigType::kList)
        .required()
        .importance(config::Importance::kHigh)
        .doc("Field names on the record value to extract as the record key.");
    define_replace_null_with_default(d);
    define_field_syntax_version(d);
    return d;
  }();
  return def;
}

class ValueToKey final : public Transformation {
 public:
  static constexpr std::string_view kClassName = "org.apache.kafka.connect.transforms.ValueToKey";

  ValueToKey(const config::ParsedConfig& params, std::vector<config::ConfigProblem>* problems)
      : replace_null_with_default_(params.bool_value(kReplaceNullWithDefault)) {
    const std::vector<std::string>& fields = params.list_value("fields");
    if (fields.empty()) {
      add_problem(problems, "fields", "",
                  "Configuration 'fields' must not be empty. Valid values include: any non-empty "
                  "value");
      return;
    }
    const FieldSyntaxVersion version = field_syntax_version(params);
    for (const std::string& f : fields) {
      Result<FieldPath> path = FieldPath::parse(f, version);
      if (!path.ok()) {
        add_problem(problems, "fields", f, path.status().message());
        return;
      }
      paths_.push_back(std::move(path).value());
    }
  }

  std::string_view class_name() const override { return kClassName; }

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    const Value& value = record.value;
    if (record.value_schema == nullptr) {
      SLUICE_RETURN_IF_ERROR(require_map(value, kPurpose));
      MapBuilder key(paths_.size(), context.arena,
                     format::hash_map_capacity_for_size(static_cast<uint32_t>(paths_.size())));
      for (const FieldPath& path : paths_) {
        SLUICE_ASSIGN_OR_RETURN(Value v, path.value_from_map(value));
        key.put(path.text(), v);
      }
      record.key = key.build_hash_map(map_order_, context.arena);
      record.key_schema = nullptr;
      return Disposition::kKeep;
    }
    SLUICE_RETURN_IF_ERROR(require_struct(record.value_schema.get(), value, kPurpose));
    SLUICE_ASSIGN_OR_RETURN(SchemaPtr key_schema,
                            cache_.get(record.value_schema, [this](const Schema& input) {
                              return key_schema_of(input);
                            }));
    StructBuilder key(*key_schema, context.arena);
    for (size_t i = 0; i < paths_.size(); ++i) {
      SLUICE_ASSIGN_OR_RETURN(Value v,
                              paths_[i].value_from_struct(value, replace_null_with_default_));
      SLUICE_RETURN_IF_ERROR(check_put(paths_[i].text(), *key_schema->fields[i].schema, v));
      key.set(i, v);
    }
    record.key_schema = key_schema;
    record.key = key.build();
    return Disposition::kKeep;
  }

 private:
  Result<SchemaPtr> key_schema_of(const Schema& value_schema) const {
    auto schema = std::make_shared<Schema>();
    schema->type = connect::SchemaType::kStruct;
    for (const FieldPath& path : paths_) {
      SLUICE_ASSIGN_OR_RETURN(const connect::Field* f, path.field_from(&value_schema));
      if (f == nullptr) return data_error("Field does not exist: " + path.text());
      SLUICE_RETURN_IF_ERROR(add_unique_field(*schema, path.text(), f->schema));
    }
    return SchemaPtr(std::move(schema));
  }

  std::vector<FieldPath> paths_;
  bool replace_null_with_default_;
  DerivedSchemaCache cache_;
  JavaMapOrder map_order_;
};

std::unique_ptr<Transformation> create_value_to_key(const config::ParsedConfig& params,
                                                    std::vector<config::ConfigProblem>* problems) {
  const size_t before = problems->size();
  auto t = std::make_unique<ValueToKey>(params, problems);
  if (problems->size() != before) return nullptr;
  return t;
}

}  // namespace

void add_value_to_key_types(std::vector<TransformType>& out) {
  out.push_back(
      TransformType{ValueToKey::kClassName, &value_to_key_definition, &create_value_to_key});
}

}  // namespace sluice::transforms
