#include "transforms/field_path.h"

#include "transforms/operand.h"
#include "transforms/transform_config.h"

namespace sluice::transforms {

using connect::Schema;
using connect::Value;
using connect::ValueKind;

namespace {

constexpr std::string_view kNestedPurpose = "nested field access";

Status incomplete_backtick_pair(std::string_view path, size_t position) {
  return Status::invalid_argument("Incomplete backtick pair in path: [" + std::string(path) +
                                  "], consider adding a backslash before backtick at position " +
                                  std::to_string(position) + " to escape it");
}

// SingleFieldPath.buildFieldPathV2.
Result<std::vector<std::string>> v2_steps(std::string_view path) {
  std::vector<std::string> steps;
  size_t idx = 0;
  while (idx < path.size()) {
    if (path[idx] != '`') {
      size_t dot = path.find('.', idx);
      if (dot == std::string_view::npos) {
        steps.emplace_back(path.substr(idx));
        break;
      }
      steps.emplace_back(path.substr(idx, dot - idx));
      idx = dot + 1;
      continue;
    }
    // A quoted step ends at a backtick followed by a dot or by the end of the path; a backslash
    // before such a backtick makes it part of the step.
    const size_t open = idx;
    ++idx;
    std::string step;
    size_t from = idx;
    while (true) {
      idx = path.find('`', idx);
      if (idx == std::string_view::npos) return incomplete_backtick_pair(path, open);
      const bool escaped = path[idx - 1] == '\\';
      if (idx >= path.size() - 1) {
        if (escaped) return incomplete_backtick_pair(path, open);
        step.append(path.substr(from, idx - from));
        steps.push_back(std::move(step));
        ++idx;
        break;
      }
      if (path[idx + 1] != '.') {
        ++idx;
        continue;
      }
      if (escaped) {
        step.append(path.substr(from, idx - 1 - from)).push_back('`');
        ++idx;
        from = idx;
        continue;
      }
      step.append(path.substr(from, idx - from));
      steps.push_back(std::move(step));
      idx += 2;
      break;
    }
  }
  if (!path.empty() && path.back() == '.') steps.emplace_back();
  return steps;
}

}  // namespace

void define_field_syntax_version(config::ConfigDef& def) {
  def.define(std::string(kFieldSyntaxVersion), config::ConfigType::kString)
      .default_value("V1")
      .validator(kafka_one_of({"V1", "V2"}, true))
      .importance(config::Importance::kHigh)
      .doc(
          "Defines the version of the syntax to access fields. If set to `V1`, then the field "
          "paths are limited to access the elements at the root level of the struct or map. If "
          "set to `V2`, the syntax will support accessing nested elements. To access nested "
          "elements, dotted notation is used. If dots are already included in the field name, "
          "then backtick pairs can be used to wrap field names containing dots. E.g. to access "
          "the subfield `baz` from a field named \"foo.bar\" in a struct/map the following "
          "format can be used to access its elements: \"`foo.bar`.baz\".");
}

FieldSyntaxVersion field_syntax_version(const config::ParsedConfig& params) {
  std::string v = params.string_value(kFieldSyntaxVersion);
  return v == "V2" || v == "v2" ? FieldSyntaxVersion::kV2 : FieldSyntaxVersion::kV1;
}

Result<FieldPath> FieldPath::parse(std::string_view text, FieldSyntaxVersion version) {
  FieldPath path;
  path.text_ = std::string(text);
  if (version == FieldSyntaxVersion::kV1) {
    path.steps_.push_back(path.text_);
  } else {
    SLUICE_ASSIGN_OR_RETURN(path.steps_, v2_steps(text));
  }
  return path;
}

Result<const connect::Field*> FieldPath::field_from(const Schema* schema) const {
  if (schema == nullptr) return static_cast<const connect::Field*>(nullptr);
  auto field_of = [](const Schema& s, const std::string& name) -> Result<const connect::Field*> {
    if (s.resolved().type != connect::SchemaType::kStruct) {
      return Status::data_error("Cannot look up fields on non-struct type");
    }
    return s.resolved().field(name);
  };
  const Schema* current = schema;
  for (size_t i = 0; i + 1 < steps_.size(); ++i) {
    SLUICE_ASSIGN_OR_RETURN(const connect::Field* f, field_of(*current, steps_[i]));
    if (f == nullptr) return f;
    current = f->schema.get();
  }
  return field_of(*current, steps_.back());
}

Result<Value> FieldPath::value_from_struct(const Value& struct_value,
                                           bool replace_null_with_default) const {
  if (struct_value.is_null()) return Value::null();
  Value current = struct_value;
  for (size_t i = 0; i + 1 < steps_.size(); ++i) {
    const connect::Field* f = current.struct_schema()->field(steps_[i]);
    if (f == nullptr) return Value::null();
    Value next = struct_get(current, static_cast<size_t>(f->index), true);
    if (next.is_null()) return Value::null();
    SLUICE_RETURN_IF_ERROR(require_struct(f->schema.get(), next, kNestedPurpose));
    current = next;
  }
  const connect::Field* last = current.struct_schema()->field(steps_.back());
  if (last == nullptr) return Value::null();
  return struct_get(current, static_cast<size_t>(last->index), replace_null_with_default);
}

Result<Value> FieldPath::value_from_map(const Value& map) const {
  if (map.is_null()) return Value::null();
  Value current = map;
  for (size_t i = 0; i + 1 < steps_.size(); ++i) {
    const Value* next = current.map_lookup(steps_[i]);
    if (next == nullptr || next->is_null()) return Value::null();
    SLUICE_RETURN_IF_ERROR(require_map(*next, kNestedPurpose));
    current = *next;
  }
  const Value* last = current.map_lookup(steps_.back());
  return last == nullptr ? Value::null() : *last;
}

}  // namespace sluice::transforms
