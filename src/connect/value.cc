#include "connect/value.h"

namespace sluice::connect {

const Value* Value::struct_field(std::string_view name) const {
  if (kind_ != ValueKind::kStruct || struct_schema_ == nullptr) return nullptr;
  const Field* f = struct_schema_->field(name);
  if (f == nullptr || static_cast<size_t>(f->index) >= items_.size()) return nullptr;
  return &items_[f->index];
}

const Value* Value::map_lookup(std::string_view key) const {
  if (kind_ != ValueKind::kMap) return nullptr;
  for (size_t i = 0; i < map_size(); ++i) {
    const Value& k = map_key(i);
    if (k.kind() == ValueKind::kString && k.as_text() == key) return &map_value(i);
  }
  return nullptr;
}

bool values_equal(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case ValueKind::kNull: return true;
    case ValueKind::kBoolean: return a.as_bool() == b.as_bool();
    case ValueKind::kInt: return a.as_int() == b.as_int();
    case ValueKind::kFloat32:
    case ValueKind::kFloat64: return a.as_double() == b.as_double();
    case ValueKind::kString: return a.as_text() == b.as_text();
    case ValueKind::kBytes:
      return a.as_text() == b.as_text() && a.is_decimal() == b.is_decimal() &&
             (!a.is_decimal() || a.decimal_scale() == b.decimal_scale());
    case ValueKind::kArray:
    case ValueKind::kMap:
    case ValueKind::kStruct: {
      if (a.items().size() != b.items().size()) return false;
      for (size_t i = 0; i < a.items().size(); ++i) {
        if (!values_equal(a.items()[i], b.items()[i])) return false;
      }
      return true;
    }
  }
  return false;
}

}  // namespace sluice::connect
