// Flatten$Key / Flatten$Value: flattens nested structs or maps into one level, naming each field
// by joining the names on its path with `delimiter` (Apache Kafka's
// org.apache.kafka.connect.transforms.Flatten). Arrays are kept as they are.
//
// Schemaless: a LinkedHashMap in the walk's order (each map in its own iteration order); a value
// of a type Connect does not know, or a Struct, fails. With a schema: a struct schema keeping the
// input's name, version, doc and parameters (required), whose leaf fields copy their schema's type,
// name, version, doc and parameters, are optional when the field or any parent is optional, and
// take the field's default or else the value of the parent default struct; MAP fields fail. The
// derived schema is cached per input schema. A null operand passes unchanged.
#include <memory>
#include <string>
#include <vector>

#include "transforms/field_transforms.h"
#include "transforms/transform_config.h"

namespace sluice::transforms {
namespace {

using connect::Schema;
using connect::SchemaPtr;
using connect::SchemaType;
using connect::Value;
using connect::ValueKind;

constexpr std::string_view kPurpose = "flattening";

const config::ConfigDef& flatten_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d("Flatten");
    d.begin_group("Flatten");
    d.define("delimiter", config::ConfigType::kString)
        .default_value(".")
        .importance(config::Importance::kMedium)
        .doc(
            "Delimiter to insert between field names from the input record when generating "
            "field names for the output record");
    return d;
  }();
  return def;
}

class Flatten final : public OperandTransformation {
 public:
  static constexpr std::string_view kKeyClass = "org.apache.kafka.connect.transforms.Flatten$Key";
  static constexpr std::string_view kValueClass =
      "org.apache.kafka.connect.transforms.Flatten$Value";

  Flatten(Operand side, const config::ParsedConfig& params,
          std::vector<config::ConfigProblem>* /*problems*/)
      : OperandTransformation(kKeyClass, kValueClass, side),
        delimiter_(params.string_value("delimiter")) {}

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    const Value& value = operand_value(record, side());
    if (value.is_null()) return Disposition::kKeep;
    const SchemaPtr& schema = operand_schema(record, side());
    if (schema == nullptr) {
      SLUICE_RETURN_IF_ERROR(require_map(value, kPurpose));
      MapBuilder out(count_map_leaves(value), context.arena);
      name_.clear();
      SLUICE_RETURN_IF_ERROR(flatten_map(value, out, context.arena));
      set_operand(record, side(), nullptr, out.build_linked());
      return Disposition::kKeep;
    }
    SLUICE_RETURN_IF_ERROR(require_struct(schema.get(), value, kPurpose));
    SLUICE_ASSIGN_OR_RETURN(SchemaPtr updated, cache_.get(schema, [this](const Schema& input) {
      return flat_schema(input);
    }));
    StructBuilder out(*updated, context.arena);
    size_t next = 0;
    SLUICE_RETURN_IF_ERROR(flatten_struct(value, *updated, out, next));
    set_operand(record, side(), updated, out.build());
    return Disposition::kKeep;
  }

 private:
  // fieldName(prefix, name): the name on the path, joined by the delimiter.
  std::string joined(std::string_view prefix, std::string_view name) const {
    if (prefix.empty()) return std::string(name);
    std::string out(prefix);
    out += delimiter_;
    out += name;
    return out;
  }

  static size_t count_map_leaves(const Value& map) {
    size_t n = 0;
    for (size_t i = 0; i < map.map_size(); ++i) {
      const Value& v = map.map_value(i);
      n += v.kind() == ValueKind::kMap ? count_map_leaves(v) : 1;
    }
    return n;
  }

  // Appends the leaves of `map` (prefix in name_) to `out`, in the map's iteration order.
  Status flatten_map(const Value& map, MapBuilder& out, connect::Arena& arena) {
    const size_t base = order_.size();
    map_order_.append_iteration_order(map, order_);
    const size_t end = order_.size();
    const size_t prefix_size = name_.size();
    Status status;
    for (size_t k = base; k < end && status.ok(); ++k) {
      const uint32_t i = order_[k];
      const Value& key = map.map_key(i);
      const Value& v = map.map_value(i);
      name_.resize(prefix_size);
      if (prefix_size > 0) name_ += delimiter_;
      name_ += key.as_text();
      if (v.kind() == ValueKind::kMap) {
        status = flatten_map(v, out, arena);
      } else if (v.kind() == ValueKind::kStruct) {
        status = data_error(
            "Flatten transformation does not support class "
            "org.apache.kafka.connect.data.Struct for record without schemas "
            "(for field " +
            name_ + ").");
      } else if (v.kind() == ValueKind::kBytes && v.is_decimal()) {
        status = data_error(
            "Flatten transformation was passed a value of type class java.math.BigDecimal which "
            "is not supported by Connect's data API");
      } else {
        out.put(Value::string(arena.copy(name_)), v);
      }
    }
    name_.resize(prefix_size);
    order_.resize(base);
    return status;
  }

  Result<SchemaPtr> flat_schema(const Schema& input) const {
    auto schema = struct_schema_like(input);
    const Value parent_default =
        input.default_value != nullptr ? input.default_value->value() : Value::null();
    SLUICE_RETURN_IF_ERROR(add_flat_fields(input, "", input.optional, parent_default, *schema));
    return SchemaPtr(std::move(schema));
  }

  // Flatten.buildUpdatedSchema.
  Status add_flat_fields(const Schema& input, const std::string& prefix, bool optional,
                         const Value& parent_default, Schema& out) const {
    const Schema& in = input.resolved();
    for (size_t i = 0; i < in.fields.size(); ++i) {
      const connect::Field& f = in.fields[i];
      const std::string name = joined(prefix, f.name);
      const bool field_optional = optional || f.schema->optional;
      std::shared_ptr<const connect::OwnedValue> field_default = f.schema->default_value;
      Value default_value = field_default != nullptr ? field_default->value() : Value::null();
      if (field_default == nullptr && parent_default.kind() == ValueKind::kStruct) {
        default_value = struct_get(parent_default, i, true);
        if (!default_value.is_null()) {
          auto owned = std::make_shared<connect::OwnedValue>();
          owned->set(deep_copy(default_value, owned->arena()));
          field_default = std::move(owned);
        }
      }
      switch (f.schema->type) {
        case SchemaType::kStruct:
          SLUICE_RETURN_IF_ERROR(
              add_flat_fields(*f.schema, name, field_optional,
                              field_default ? field_default->value() : Value::null(), out));
          break;
        case SchemaType::kMap:
          return data_error(
              "Flatten transformation does not support MAP for record with schemas "
              "(for field " +
              name + ").");
        default: {
          // SchemaUtil.copySchemaBasics: type, name, version, doc, parameters (and an array's
          // element schema), not the optional flag or the default.
          auto leaf = std::make_shared<Schema>();
          leaf->type = f.schema->type;
          leaf->name = f.schema->name;
          leaf->version = f.schema->version;
          leaf->doc = f.schema->doc;
          leaf->parameters = f.schema->parameters;
          leaf->value_schema = f.schema->value_schema;
          leaf->optional = field_optional;
          leaf->default_value = field_default;
          SLUICE_RETURN_IF_ERROR(add_unique_field(out, name, std::move(leaf)));
        }
      }
    }
    return Status::ok_status();
  }

  // Flatten.buildWithSchema: the leaves of `value` into `out` from field `next` on.
  static Status flatten_struct(const Value& value, const Schema& flat, StructBuilder& out,
                               size_t& next) {
    const Schema& in = *value.struct_schema();
    for (size_t i = 0; i < in.fields.size(); ++i) {
      const connect::Field& f = in.fields[i];
      const Value v = struct_get(value, i, true);
      if (f.schema->resolved().type == SchemaType::kStruct) {
        if (v.is_null()) {
          next += count_struct_leaves(*f.schema);
        } else {
          SLUICE_RETURN_IF_ERROR(flatten_struct(v, flat, out, next));
        }
        continue;
      }
      const connect::Field& target = flat.fields[next];
      SLUICE_RETURN_IF_ERROR(check_put(target.name, *target.schema, v));
      out.set(next++, v);
    }
    return Status::ok_status();
  }

  static size_t count_struct_leaves(const Schema& schema) {
    size_t n = 0;
    for (const connect::Field& f : schema.resolved().fields) {
      n += f.schema->resolved().type == SchemaType::kStruct ? count_struct_leaves(*f.schema) : 1;
    }
    return n;
  }

  std::string delimiter_;
  std::string name_;             // the flattened name being built (schemaless walk)
  std::vector<uint32_t> order_;  // iteration orders of the maps being walked, nested
  DerivedSchemaCache cache_;
  JavaMapOrder map_order_;
};

}  // namespace

void add_flatten_types(std::vector<TransformType>& out) {
  add_key_value_types<Flatten>(out, &flatten_definition);
}

}  // namespace sluice::transforms
