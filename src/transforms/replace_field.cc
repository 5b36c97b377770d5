// ReplaceField$Key / ReplaceField$Value: keeps, drops and renames fields of the key or value
// (Apache Kafka's org.apache.kafka.connect.transforms.ReplaceField).
//
// A field is kept when it is not in `exclude` and `include` is empty or lists it (exclude wins);
// kept fields are renamed by `renames` ("old:new" pairs). A null operand passes unchanged.
// Schemaless, the result is a new map of the kept entries (a HashMap). With a schema, the derived
// struct schema keeps the input's name, version, doc and parameters (not its optional flag) and the
// kept fields in their order, renamed; renaming onto a kept name fails as SchemaBuilder does.
#include <map>
#include <set>
#include <string>

#include "transforms/field_transforms.h"
#include "transforms/transform_config.h"

namespace sluice::transforms {
namespace {

using connect::Schema;
using connect::SchemaPtr;
using connect::Value;

constexpr std::string_view kPurpose = "field replacement";

const config::ConfigDef& replace_field_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d("ReplaceField");
    d.begin_group("ReplaceField");
    d.define("exclude", config::ConfigType::kList)
        .default_value("")
        .importance(config::Importance::kMedium)
        .doc("Fields to exclude. This takes precedence over the fields to include.");
    d.define("include", config::ConfigType::kList)
        .default_value("")
        .importance(config::Importance::kMedium)
        .doc("Fields to include. If specified, only these fields will be used.");
    d.define("renames", config::ConfigType::kList)
        .default_value("")
        .importance(config::Importance::kMedium)
        .doc("Field rename mappings, a list of colon-delimited pairs, e.g. foo:bar,abc:xyz.");
    define_replace_null_with_default(d);
    return d;
  }();
  return def;
}

// Java's String.split(":") element count rule: trailing empty strings are dropped.
bool is_rename_pair(std::string_view mapping, std::string& from, std::string& to) {
  size_t colon = mapping.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view rest = mapping.substr(colon + 1);
  if (rest.empty() || rest.find(':') != std::string_view::npos) {
    // "a:" splits into one part; "a:b:" into two ("a", "b") since the trailing empty part goes.
    std::string_view trimmed = rest;
    while (!trimmed.empty() && trimmed.back() == ':') trimmed.remove_suffix(1);
    if (trimmed.empty() || trimmed.find(':') != std::string_view::npos) return false;
    rest = trimmed;
  }
  from = std::string(mapping.substr(0, colon));
  to = std::string(rest);
  return true;
}

std::string java_list_string(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i > 0 ? ", " : "") + items[i];
  return out + "]";
}

class ReplaceField final : public OperandTransformation {
 public:
  static constexpr std::string_view kKeyClass =
      "org.apache.kafka.connect.transforms.ReplaceField$Key";
  static constexpr std::string_view kValueClass =
      "org.apache.kafka.connect.transforms.ReplaceField$Value";

  ReplaceField(Operand side, const config::ParsedConfig& params,
               std::vector<config::ConfigProblem>* problems)
      : OperandTransformation(kKeyClass, kValueClass, side),
        replace_null_with_default_(params.bool_value(kReplaceNullWithDefault)) {
    for (const std::string& f : params.list_value("exclude")) exclude_.insert(f);
    for (const std::string& f : params.list_value("include")) include_.insert(f);
    const std::vector<std::string>& renames = params.list_value("renames");
    for (const std::string& mapping : renames) {
      std::string from;
      std::string to;
      if (!is_rename_pair(mapping, from, to)) {
        const std::string shown = java_list_string(renames);
        add_problem(problems, "renames", shown,
                    "Invalid value " + shown +
                        " for configuration renames: Invalid rename mapping: " + mapping);
        return;
      }
      renames_[from] = to;
    }
  }

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    const Value& value = operand_value(record, side());
    if (value.is_null()) return Disposition::kKeep;
    const SchemaPtr& schema = operand_schema(record, side());
    if (schema == nullptr) {
      SLUICE_RETURN_IF_ERROR(require_map(value, kPurpose));
      // new HashMap<>(value.size()), filled in the value's iteration order.
      MapBuilder map(value.map_size(), context.arena,
                     format::hash_map_capacity_for_size(static_cast<uint32_t>(value.map_size())));
      for (uint32_t i : map_order_.iteration_order(value)) {
        const Value& key = value.map_key(i);
        // Schemaless JSON keys are strings; any other key is neither listed nor renamed.
        if (key.kind() != connect::ValueKind::kString) {
          if (include_.empty()) map.put(key, value.map_value(i));
          continue;
        }
        if (!keeps(key.as_text())) continue;
        map.put(Value::string(renamed(key.as_text())), value.map_value(i));
      }
      set_operand(record, side(), nullptr, map.build_hash_map(map_order_, context.arena));
      return Disposition::kKeep;
    }
    SLUICE_RETURN_IF_ERROR(require_struct(schema.get(), value, kPurpose));
    SLUICE_ASSIGN_OR_RETURN(SchemaPtr updated, cache_.get(schema, [this](const Schema& input) {
      return updated_schema(input);
    }));
    StructBuilder out(*updated, context.arena);
    const Schema& in = *value.struct_schema();
    for (size_t i = 0; i < in.fields.size(); ++i) {
      const connect::Field& f = in.fields[i];
      if (!keeps(f.name)) continue;
      const connect::Field* target = updated->field(renamed(f.name));
      out.set(static_cast<size_t>(target->index), struct_get(value, i, replace_null_with_default_));
    }
    set_operand(record, side(), updated, out.build());
    return Disposition::kKeep;
  }

 private:
  bool keeps(std::string_view name) const {
    return !exclude_.contains(name) && (include_.empty() || include_.contains(name));
  }
  // The new name of a kept field; a view into renames_ or `name` itself.
  std::string_view renamed(std::string_view name) const {
    auto it = renames_.find(name);
    return it == renames_.end() ? name : std::string_view(it->second);
  }

  Result<SchemaPtr> updated_schema(const Schema& input) const {
    auto schema = struct_schema_like(input);
    for (const connect::Field& f : input.fields) {
      if (!keeps(f.name)) continue;
      SLUICE_RETURN_IF_ERROR(add_unique_field(*schema, std::string(renamed(f.name)), f.schema));
    }
    return SchemaPtr(std::move(schema));
  }

  std::set<std::string, std::less<>> exclude_;
  std::set<std::string, std::less<>> include_;
  std::map<std::string, std::string, std::less<>> renames_;
  bool replace_null_with_default_;
  DerivedSchemaCache cache_;
  JavaMapOrder map_order_;
};

}  // namespace

void add_replace_field_types(std::vector<TransformType>& out) {
  add_key_value_types<ReplaceField>(out, &replace_field_definition);
}

}  // namespace sluice::transforms
