#include "connect/schema.h"

#include <algorithm>

#include "connect/value.h"

namespace sluice::connect {

std::string_view schema_type_name(SchemaType type) {
  switch (type) {
    case SchemaType::kInt8:
      return "int8";
    case SchemaType::kInt16:
      return "int16";
    case SchemaType::kInt32:
      return "int32";
    case SchemaType::kInt64:
      return "int64";
    case SchemaType::kFloat32:
      return "float";
    case SchemaType::kFloat64:
      return "double";
    case SchemaType::kBoolean:
      return "boolean";
    case SchemaType::kString:
      return "string";
    case SchemaType::kBytes:
      return "bytes";
    case SchemaType::kArray:
      return "array";
    case SchemaType::kMap:
      return "map";
    case SchemaType::kStruct:
      return "struct";
  }
  return "unknown";
}

int numeric_widening_rank(SchemaType type) {
  switch (type) {
    case SchemaType::kInt8:
      return 0;
    case SchemaType::kInt16:
      return 1;
    case SchemaType::kInt32:
      return 2;
    case SchemaType::kInt64:
      return 3;
    case SchemaType::kFloat32:
      return 4;
    case SchemaType::kFloat64:
      return 5;
    default:
      return -1;
  }
}

bool is_primitive(SchemaType type) {
  return type != SchemaType::kArray && type != SchemaType::kMap && type != SchemaType::kStruct;
}

const Field* Schema::field(std::string_view field_name) const {
  for (const Field& f : fields) {
    if (f.name == field_name) return &f;
  }
  return nullptr;
}

const std::string* Schema::parameter(std::string_view key) const {
  for (const auto& [k, v] : parameters) {
    if (k == key) return &v;
  }
  return nullptr;
}

namespace {
SchemaPtr make_optional(SchemaType type) {
  auto s = std::make_shared<Schema>();
  s->type = type;
  s->optional = true;
  return s;
}
}  // namespace

const SchemaPtr& Schema::optional_string() {
  static const SchemaPtr kSchema = make_optional(SchemaType::kString);
  return kSchema;
}

const SchemaPtr& Schema::optional_bytes() {
  static const SchemaPtr kSchema = make_optional(SchemaType::kBytes);
  return kSchema;
}

namespace {

// The pairs of reference targets being compared further up (a cycle met twice is equal so far).
using TargetPairs = std::vector<std::pair<const Schema*, const Schema*>>;

bool equal(const Schema* a, const Schema* b, TargetPairs& in_progress);

bool equal_references(const Schema& a, const Schema& b, TargetPairs& in_progress) {
  if (a.optional != b.optional) return false;
  const std::pair<const Schema*, const Schema*> pair{a.reference_target, b.reference_target};
  if (pair.first == pair.second) return true;
  for (const auto& p : in_progress) {
    if (p == pair) return true;
  }
  in_progress.push_back(pair);
  const bool result = equal(pair.first, pair.second, in_progress);
  in_progress.pop_back();
  return result;
}

bool equal(const Schema* a, const Schema* b, TargetPairs& in_progress) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr) return false;
  if (a->is_reference() || b->is_reference()) {
    return a->is_reference() && b->is_reference() && equal_references(*a, *b, in_progress);
  }
  if (a->type != b->type || a->optional != b->optional || a->name != b->name ||
      a->version != b->version || a->doc != b->doc || a->parameters != b->parameters) {
    return false;
  }
  const bool a_def = a->default_value != nullptr, b_def = b->default_value != nullptr;
  if (a_def != b_def) return false;
  if (a_def && !values_equal(a->default_value->value(), b->default_value->value())) return false;
  if (a->fields.size() != b->fields.size()) return false;
  for (size_t i = 0; i < a->fields.size(); ++i) {
    if (a->fields[i].name != b->fields[i].name || a->fields[i].index != b->fields[i].index ||
        !equal(a->fields[i].schema.get(), b->fields[i].schema.get(), in_progress)) {
      return false;
    }
  }
  return equal(a->key_schema.get(), b->key_schema.get(), in_progress) &&
         equal(a->value_schema.get(), b->value_schema.get(), in_progress);
}

// A shared_ptr that points at `p` without owning it.
SchemaPtr view_of(const SchemaPtr& p) {
  return p == nullptr ? nullptr : SchemaPtr(SchemaPtr(), p.get());
}

}  // namespace

bool schemas_equal(const Schema* a, const Schema* b) {
  TargetPairs in_progress;  // stays unallocated unless a reference node is met
  return equal(a, b, in_progress);
}

std::shared_ptr<Schema> make_reference(const Schema& target, bool optional) {
  auto ref = std::make_shared<Schema>();
  ref->reference_target = &target.resolved();
  ref->type = ref->reference_target->type;
  ref->optional = optional;
  return ref;
}

void complete_reference(Schema& ref, std::vector<std::pair<std::string, std::string>> own) {
  const Schema& target = *ref.reference_target;
  ref.type = target.type;
  ref.name = target.name;
  ref.version = target.version;
  ref.doc = target.doc;
  // The target's parameters, then the reference node's own ones over them (ProtobufData's
  // SchemaWrapper keeps the Tag of its own field over the wrapped builder's).
  ref.parameters = target.parameters;
  for (auto& [key, value] : own) {
    auto it = std::find_if(ref.parameters.begin(), ref.parameters.end(),
                           [&](const auto& p) { return p.first == key; });
    if (it != ref.parameters.end()) {
      it->second = std::move(value);
    } else {
      ref.parameters.emplace_back(std::move(key), std::move(value));
    }
  }
  ref.default_value = target.default_value;
  ref.fields.clear();
  ref.fields.reserve(target.fields.size());
  for (const Field& f : target.fields)
    ref.fields.push_back(Field{f.name, f.index, view_of(f.schema)});
  ref.key_schema = view_of(target.key_schema);
  ref.value_schema = view_of(target.value_schema);
}

}  // namespace sluice::connect
