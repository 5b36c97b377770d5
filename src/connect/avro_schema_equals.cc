#include "connect/avro_schema_equals.h"

#include <utility>
#include <vector>

namespace sluice::connect {
namespace {

using Seen = std::vector<std::pair<const avro::Schema*, const avro::Schema*>>;

bool equal(const avro::Schema& a, const avro::Schema& b, Seen& seen);

bool fields_equal(const avro::Schema& a, const avro::Schema& b, Seen& seen) {
  for (const auto& [x, y] : seen) {
    if (x == &a && y == &b) return true;
  }
  seen.emplace_back(&a, &b);
  if (a.fields().size() != b.fields().size()) return false;
  for (size_t i = 0; i < a.fields().size(); ++i) {
    const avro::Field& fa = a.fields()[i];
    const avro::Field& fb = b.fields()[i];
    if (fa.name() != fb.name() || fa.order() != fb.order() ||
        fa.default_value().has_value() != fb.default_value().has_value() ||
        (fa.default_value() && !(*fa.default_value() == *fb.default_value())) ||
        !avro_props_equal(fa.props(), fb.props()) || !equal(fa.schema(), fb.schema(), seen)) {
      return false;
    }
  }
  return true;
}

bool equal(const avro::Schema& a, const avro::Schema& b, Seen& seen) {
  if (&a == &b) return true;
  if (a.type() != b.type() || !avro_props_equal(a.props(), b.props())) return false;
  if (a.is_named() && a.full_name() != b.full_name()) return false;
  switch (a.type()) {
    case avro::Type::kRecord:
      return a.is_error() == b.is_error() && fields_equal(a, b, seen);
    case avro::Type::kEnum:
      return a.symbols() == b.symbols();
    case avro::Type::kFixed:
      return a.fixed_size() == b.fixed_size();
    case avro::Type::kArray:
      return equal(a.items(), b.items(), seen);
    case avro::Type::kMap:
      return equal(a.values(), b.values(), seen);
    case avro::Type::kUnion: {
      if (a.branches().size() != b.branches().size()) return false;
      for (size_t i = 0; i < a.branches().size(); ++i) {
        if (!equal(*a.branches()[i], *b.branches()[i], seen)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

}  // namespace

bool avro_props_equal(const avro::Properties& a, const avro::Properties& b) {
  if (a.size() != b.size()) return false;
  for (const avro::Property& p : a) {
    const avro::JsonValue* other = avro::find_property(b, p.name);
    if (other == nullptr || !(*other == p.value)) return false;
  }
  return true;
}

bool avro_schemas_equal(const avro::Schema& a, const avro::Schema& b) {
  Seen seen;
  return equal(a, b, seen);
}

}  // namespace sluice::connect
