#include "connect/avro_value_encoder.h"

#include <numeric>

#include "connect/avro_data_names.h"
#include "connect/decimal_bytes.h"
#include "connect/standard_schemas.h"

namespace sluice::connect {
namespace {

using avro::Type;
namespace ad = avro_data;

constexpr int64_t kMillisPerDay = 86400000;

bool is_logical(const Schema& c, std::string_view name) {
  return c.name && *c.name == name;
}

Status invalid_type(const Schema& c) {
  return Status::data_error("Invalid type for " + std::string(java_type_name(c.type)));
}

int null_branch(const avro::Schema& a) {
  if (a.type() != Type::kUnion) return -1;
  for (size_t i = 0; i < a.branches().size(); ++i) {
    if (a.branches()[i]->type() == Type::kNull) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

Status AvroValueEncoder::encode(const Schema& schema, const avro::Schema& avro, const Value& value,
                                std::string& out) {
  const size_t start = out.size();
  encoder_ = avro::Encoder(out);
  map_depth_ = 0;
  Status st = write(schema, avro, value);
  encoder_ = avro::Encoder(unbound_);
  if (!st.ok()) out.resize(start);
  return st;
}

const Value& AvroValueEncoder::field_value(const Value& s, const Field& field) const {
  const Value& v = s.items()[static_cast<size_t>(field.index)];
  if (v.is_null() && !config_.ignore_default_for_nullables &&
      field.schema->default_value != nullptr) {
    return field.schema->default_value->value();  // Struct.get(field)
  }
  return v;
}

Status AvroValueEncoder::write(const Schema& c, const avro::Schema& a, const Value& v) {
  if (a.type() == Type::kUnion) return write_union(c, a, v);
  if (v.is_null()) return Status::data_error("Found null value for non-optional schema");
  switch (c.type) {
    case SchemaType::kInt8:
    case SchemaType::kInt16:
    case SchemaType::kInt32:
      if (v.kind() != ValueKind::kInt || a.type() != Type::kInt) return invalid_type(c);
      if (is_logical(c, kTimeLogicalName) && (v.as_int() < 0 || v.as_int() >= kMillisPerDay)) {
        return Status::data_error(
            "Kafka Connect Time type should not have any date fields set to non-zero values.");
      }
      encoder_.write_int(static_cast<int32_t>(v.as_int()));
      return Status::ok_status();
    case SchemaType::kInt64:
      if (v.kind() != ValueKind::kInt || a.type() != Type::kLong) return invalid_type(c);
      encoder_.write_long(v.as_int());
      return Status::ok_status();
    case SchemaType::kFloat32:
      if (v.kind() != ValueKind::kFloat32 || a.type() != Type::kFloat) return invalid_type(c);
      encoder_.write_float(static_cast<float>(v.as_double()));
      return Status::ok_status();
    case SchemaType::kFloat64:
      if (v.kind() != ValueKind::kFloat64 || a.type() != Type::kDouble) return invalid_type(c);
      encoder_.write_double(v.as_double());
      return Status::ok_status();
    case SchemaType::kBoolean:
      if (v.kind() != ValueKind::kBoolean || a.type() != Type::kBoolean) return invalid_type(c);
      encoder_.write_boolean(v.as_bool());
      return Status::ok_status();
    case SchemaType::kString:
      if (v.kind() != ValueKind::kString) return invalid_type(c);
      if (a.type() == Type::kEnum) {
        const int index = a.symbol_index(v.as_text());
        if (index < 0) {
          std::string symbols;
          for (const std::string& s : a.symbols()) symbols += (symbols.empty() ? "" : ", ") + s;
          return Status::data_error("enum value '" + std::string(v.as_text()) +
                                    "' is not in the enum symbol set: [" + symbols + "]");
        }
        encoder_.write_enum(index);
        return Status::ok_status();
      }
      if (a.type() != Type::kString) return invalid_type(c);
      encoder_.write_string(v.as_text());
      return Status::ok_status();
    case SchemaType::kBytes:
      return write_bytes(c, a, v);
    case SchemaType::kArray: {
      if (v.kind() != ValueKind::kArray || a.type() != Type::kArray) return invalid_type(c);
      encoder_.write_array_start(v.items().size());
      for (const Value& item : v.items()) {
        SLUICE_RETURN_IF_ERROR(write(*c.value_schema, a.items(), item));
      }
      encoder_.write_array_end();
      return Status::ok_status();
    }
    case SchemaType::kMap:
      return write_map(c, a, v);
    case SchemaType::kStruct:
      return write_struct(c, a, v);
  }
  return invalid_type(c);
}

Status AvroValueEncoder::write_union(const Schema& c, const avro::Schema& a, const Value& v) {
  if (c.type == SchemaType::kStruct && ad::is_union_schema(c) && !v.is_null()) {
    if (v.kind() != ValueKind::kStruct || v.items().size() != c.fields.size()) {
      return invalid_type(c);
    }
    const int offset = null_branch(a) == 0 ? 1 : 0;
    for (const Field& field : c.fields) {
      const Value& member = field_value(v, field);
      if (member.is_null()) continue;
      const size_t branch = static_cast<size_t>(field.index + offset);
      if (branch >= a.branches().size()) return invalid_type(c);
      encoder_.write_union_index(static_cast<int32_t>(branch));
      return write(*field.schema, *a.branches()[branch], member);
    }
    // Every member is null: the union itself is null.
  }
  if (v.is_null() || (ad::is_union_schema(c) && c.type == SchemaType::kStruct)) {
    const int null_index = null_branch(a);
    if (!c.optional || null_index < 0) {
      return Status::data_error("Found null value for non-optional schema");
    }
    encoder_.write_union_index(null_index);
    return Status::ok_status();
  }
  // An optional schema: ["null", X] or [X, "null"].
  for (size_t i = 0; i < a.branches().size(); ++i) {
    if (a.branches()[i]->type() == Type::kNull) continue;
    encoder_.write_union_index(static_cast<int32_t>(i));
    return write(c, *a.branches()[i], v);
  }
  return invalid_type(c);
}

Status AvroValueEncoder::write_bytes(const Schema& c, const avro::Schema& a, const Value& v) {
  if (v.kind() != ValueKind::kBytes) return invalid_type(c);
  std::string_view bytes = v.as_text();
  if (is_logical(c, kDecimalLogicalName)) {
    const std::string* scale_text = c.parameter(ad::kDecimalScaleParam);
    std::optional<int32_t> scale = scale_text ? ad::parse_int(*scale_text) : std::nullopt;
    if (!scale) return Status::data_error("Invalid Decimal schema: scale parameter not found.");
    if (!v.is_decimal()) {
      return Status::data_error("Invalid type for Decimal, expected BigDecimal but was bytes");
    }
    if (v.decimal_scale() != *scale) {
      return Status::data_error("BigDecimal has mismatching scale value for given Decimal schema");
    }
    bytes = bytes.empty() ? std::string_view("\0", 1) : minimal_twos_complement(bytes);
  }
  if (a.type() == Type::kFixed) {
    const auto size = static_cast<size_t>(a.fixed_size());
    if (bytes.size() < size) {
      return Status::data_error("Fixed value of " + std::to_string(bytes.size()) +
                                " bytes is shorter than " + a.full_name() + " (" +
                                std::to_string(size) + " bytes)");
    }
    encoder_.write_fixed(bytes.substr(0, size));  // Java writes the first `size` bytes
    return Status::ok_status();
  }
  if (a.type() != Type::kBytes) return invalid_type(c);
  encoder_.write_bytes(bytes);
  return Status::ok_status();
}

std::vector<uint32_t>& AvroValueEncoder::order_for(const Schema& c, const Value& v) {
  if (orders_.size() <= map_depth_) orders_.resize(map_depth_ + 1);
  std::vector<uint32_t>& order = orders_[map_depth_];
  order.clear();
  if (map_order_ != nullptr) {
    map_order_->order(c, v, order);
  } else {
    order.resize(v.map_size());
    std::iota(order.begin(), order.end(), 0u);
  }
  return order;
}

Status AvroValueEncoder::write_map(const Schema& c, const avro::Schema& a, const Value& v) {
  if (v.kind() != ValueKind::kMap) return invalid_type(c);
  const bool avro_map = a.type() == Type::kMap;
  if (!avro_map && (a.type() != Type::kArray || a.items().type() != Type::kRecord ||
                    a.items().fields().size() != 2)) {
    return invalid_type(c);
  }
  const std::vector<uint32_t>& order = order_for(c, v);
  ++map_depth_;
  Status st = Status::ok_status();
  if (avro_map) {
    encoder_.write_map_start(order.size());
    for (uint32_t i : order) {
      if (v.map_key(i).kind() != ValueKind::kString) {
        st = invalid_type(*c.key_schema);
        break;
      }
      encoder_.write_string(v.map_key(i).as_text());
      st = write(*c.value_schema, a.values(), v.map_value(i));
      if (!st.ok()) break;
    }
    encoder_.write_map_end();
  } else {
    const avro::Schema& entry = a.items();
    encoder_.write_array_start(order.size());
    for (uint32_t i : order) {
      st = write(*c.key_schema, entry.fields()[0].schema(), v.map_key(i));
      if (st.ok()) st = write(*c.value_schema, entry.fields()[1].schema(), v.map_value(i));
      if (!st.ok()) break;
    }
    encoder_.write_array_end();
  }
  --map_depth_;
  return st;
}

Status AvroValueEncoder::write_struct(const Schema& c, const avro::Schema& a, const Value& v) {
  if (v.kind() != ValueKind::kStruct || a.type() != Type::kRecord ||
      a.fields().size() != c.fields.size() || v.items().size() != c.fields.size()) {
    return invalid_type(c);
  }
  if (v.struct_schema() != &c && !schemas_equal(v.struct_schema(), &c)) {
    return Status::data_error("Mismatching struct schema");
  }
  for (size_t i = 0; i < c.fields.size(); ++i) {
    const Field& field = c.fields[i];
    SLUICE_RETURN_IF_ERROR(write(*field.schema, a.fields()[i].schema(), field_value(v, field)));
  }
  return Status::ok_status();
}

}  // namespace sluice::connect
