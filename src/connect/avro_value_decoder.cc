#include "connect/avro_value_decoder.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "connect/avro_data_names.h"
#include "connect/charset_decoder.h"
#include "connect/decimal_bytes.h"

namespace sluice::connect {
namespace {

using avro::Type;
namespace ad = avro_data;

constexpr int64_t kMillisPerDay = 86400000;
// Items that take no bytes (null, empty records) cannot be checked against the input size; a
// block may announce at most this many of them.
constexpr int64_t kMaxZeroSizeItems = int64_t{1} << 24;

bool is_logical(const Schema& c, std::string_view name) {
  return c.name && *c.name == name;
}

// The fewest bytes a datum of `s` takes (0 for null and records of nulls).
size_t min_size(const avro::Schema& s, int depth = 0) {
  switch (s.type()) {
    case Type::kNull:
      return 0;
    case Type::kFloat:
      return 4;
    case Type::kDouble:
      return 8;
    case Type::kFixed:
      return static_cast<size_t>(s.fixed_size());
    case Type::kRecord: {
      if (depth > 8) return 0;
      size_t total = 0;
      for (const avro::Field& f : s.fields()) total += min_size(f.schema(), depth + 1);
      return total;
    }
    default:
      return 1;
  }
}

uint64_t fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

// schemaEquals(toConnectSchema(record), field schema), which holds for the field AvroData made
// from this branch: the same Connect name (connect.name, else the full name, ConnectDefault names
// dropped) and the same field names.
bool same_record(const avro::Schema& record, const Schema& c) {
  const avro::JsonValue* cn = record.prop(ad::kConnectNameProp);
  std::optional<std::string> name =
      cn != nullptr && cn->is_string() ? cn->as_string() : record.full_name();
  if (ad::starts_with(*name, ad::kDefaultSchemaFullName)) name.reset();
  if (c.name != name || c.fields.size() != record.fields().size()) return false;
  for (size_t i = 0; i < c.fields.size(); ++i) {
    if (c.fields[i].name != record.fields()[i].name()) return false;
  }
  return true;
}

Status null_for(const Schema& c, Value* out) {
  *out = Value::null();
  if (!c.optional) return Status::data_error("Found null value for non-optional schema");
  return Status::ok_status();
}

Status mismatch(const avro::Schema& w, const Schema& c) {
  return Status::data_error("Avro " + std::string(avro::type_name(w.type())) +
                            " data does not fit Connect schema type " +
                            std::string(schema_type_name(c.type)));
}

}  // namespace

Status AvroValueDecoder::decode(std::string_view datum, const avro::Schema& writer,
                                const Schema& schema, Arena& arena, Value* out) {
  decoder_ = avro::Decoder(datum);
  arena_ = &arena;
  return read(writer, schema, out);
}

Status AvroValueDecoder::read(const avro::Schema& w, const Schema& c, Value* out) {
  switch (w.type()) {
    case Type::kNull:
      return null_for(c, out);
    case Type::kBoolean: {
      SLUICE_ASSIGN_OR_RETURN(bool b, decoder_.read_boolean());
      *out = Value::boolean(b);
      return Status::ok_status();
    }
    case Type::kInt:
      return read_int(c, out);
    case Type::kLong: {
      SLUICE_ASSIGN_OR_RETURN(int64_t v, decoder_.read_long());
      *out = Value::integer(v);
      return Status::ok_status();
    }
    case Type::kFloat: {
      SLUICE_ASSIGN_OR_RETURN(float v, decoder_.read_float());
      *out = Value::float32(v);
      return Status::ok_status();
    }
    case Type::kDouble: {
      SLUICE_ASSIGN_OR_RETURN(double v, decoder_.read_double());
      *out = Value::float64(v);
      return Status::ok_status();
    }
    case Type::kString: {
      SLUICE_ASSIGN_OR_RETURN(std::string_view s, decoder_.read_string());
      *out = Value::string(decode_utf8(s, *arena_));
      return Status::ok_status();
    }
    case Type::kEnum: {
      SLUICE_ASSIGN_OR_RETURN(int32_t index, decoder_.read_enum(w.symbols().size()));
      *out = Value::string(arena_->copy(w.symbols()[static_cast<size_t>(index)]));
      return Status::ok_status();
    }
    case Type::kBytes: {
      SLUICE_ASSIGN_OR_RETURN(std::string_view b, decoder_.read_bytes());
      return bytes_value(c, b, out);
    }
    case Type::kFixed: {
      SLUICE_ASSIGN_OR_RETURN(std::string_view b,
                              decoder_.read_fixed(static_cast<size_t>(w.fixed_size())));
      return bytes_value(c, b, out);
    }
    case Type::kArray:
      return c.type == SchemaType::kMap ? read_map_entries(w, c, out) : read_array(w, c, out);
    case Type::kMap:
      return read_map(w, c, out);
    case Type::kRecord:
      return read_record(w, c, out);
    case Type::kUnion:
      return read_union(w, c, out);
  }
  return mismatch(w, c);
}

Status AvroValueDecoder::read_int(const Schema& c, Value* out) {
  SLUICE_ASSIGN_OR_RETURN(int32_t v, decoder_.read_int());
  switch (c.type) {
    case SchemaType::kInt8:
      *out = Value::integer(static_cast<int8_t>(v));
      break;
    case SchemaType::kInt16:
      *out = Value::integer(static_cast<int16_t>(v));
      break;
    case SchemaType::kInt32:
      if (is_logical(c, kTimeLogicalName) && (v < 0 || v > kMillisPerDay)) {
        return Status::data_error(
            "Time values must use number of milliseconds greater than 0 and less than 86400000");
      }
      *out = Value::integer(v);
      break;
    default:
      return Status::data_error("Invalid type for " + std::string(schema_type_name(c.type)) +
                                ": class java.lang.Integer");
  }
  return Status::ok_status();
}

Status AvroValueDecoder::bytes_value(const Schema& c, std::string_view bytes, Value* out) {
  if (!is_logical(c, kDecimalLogicalName)) {
    *out = Value::bytes(bytes);
    return Status::ok_status();
  }
  const std::string* scale_text = c.parameter(ad::kDecimalScaleParam);
  std::optional<int32_t> scale = scale_text ? ad::parse_int(*scale_text) : std::nullopt;
  if (!scale) return Status::data_error("Invalid Decimal schema: scale parameter not found.");
  if (bytes.empty()) return Status::data_error("Zero length BigInteger");
  *out = Value::decimal(minimal_twos_complement(bytes), *scale);
  return Status::ok_status();
}

Result<int64_t> AvroValueDecoder::block_count(const avro::Schema& item) {
  const size_t at = decoder_.position();
  SLUICE_ASSIGN_OR_RETURN(int64_t count, decoder_.read_block_count());
  const size_t item_size = min_size(item);
  if (item_size == 0 ? count > kMaxZeroSizeItems
                     : static_cast<uint64_t>(count) > decoder_.remaining() / item_size) {
    return Status::data_error("avro: block of " + std::to_string(count) +
                              " items does not fit the " + std::to_string(decoder_.remaining()) +
                              " bytes left at offset " + std::to_string(at));
  }
  return count;
}

std::span<Value> AvroValueDecoder::grow(std::span<Value> items, size_t used, size_t more) {
  if (items.size() >= used + more) return items;
  std::span<Value> bigger = arena_->allocate_array<Value>(used + more);
  std::copy(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(used), bigger.begin());
  return bigger;
}

Status AvroValueDecoder::read_array(const avro::Schema& w, const Schema& c, Value* out) {
  if (c.type != SchemaType::kArray) return mismatch(w, c);
  std::span<Value> items;
  size_t used = 0;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(int64_t count, block_count(w.items()));
    if (count == 0) break;
    items = grow(items, used, static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) {
      SLUICE_RETURN_IF_ERROR(read(w.items(), *c.value_schema, &items[used++]));
    }
  }
  *out = Value::array(items.first(used));
  return Status::ok_status();
}

Status AvroValueDecoder::read_map(const avro::Schema& w, const Schema& c, Value* out) {
  if (c.type != SchemaType::kMap) return mismatch(w, c);
  std::span<Value> entries;
  size_t used = 0;  // entries, not Values
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(int64_t count, block_count(w.values()));
    if (count == 0) break;
    entries = grow(entries, used * 2, static_cast<size_t>(count) * 2);
    for (int64_t i = 0; i < count; ++i, ++used) {
      SLUICE_ASSIGN_OR_RETURN(std::string_view key, decoder_.read_string());
      entries[2 * used] = Value::string(decode_utf8(key, *arena_));
      SLUICE_RETURN_IF_ERROR(read(w.values(), *c.value_schema, &entries[2 * used + 1]));
    }
  }
  used = dedupe_string_keys(entries, used);
  *out = Value::map(entries.first(used * 2));
  return Status::ok_status();
}

size_t AvroValueDecoder::dedupe_string_keys(std::span<Value> entries, size_t count) {
  if (count < 2) return count;
  size_t slots = 4;
  while (slots < count * 2) slots *= 2;
  table_.assign(slots, UINT32_MAX);
  size_t kept = 0;
  for (size_t i = 0; i < count; ++i) {
    std::string_view key = entries[2 * i].as_text();
    size_t slot = fnv1a(key) & (slots - 1);
    for (;; slot = (slot + 1) & (slots - 1)) {
      const uint32_t at = table_[slot];
      if (at == UINT32_MAX) {
        table_[slot] = static_cast<uint32_t>(kept);
        entries[2 * kept] = entries[2 * i];
        entries[2 * kept + 1] = entries[2 * i + 1];
        ++kept;
        break;
      }
      if (entries[2 * at].as_text() == key) {
        entries[2 * at + 1] = entries[2 * i + 1];  // HashMap.put: the last value wins
        break;
      }
    }
  }
  return kept;
}

Status AvroValueDecoder::read_map_entries(const avro::Schema& w, const Schema& c, Value* out) {
  const avro::Schema& entry = w.items();
  const avro::Field* key_field = entry.field(ad::kKeyField);
  const avro::Field* value_field = entry.field(ad::kValueField);
  if (entry.type() != Type::kRecord || key_field == nullptr || value_field == nullptr) {
    return mismatch(w, c);
  }
  std::span<Value> entries;
  size_t used = 0;
  Value key, value;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(int64_t count, block_count(entry));
    if (count == 0) break;
    entries = grow(entries, used * 2, static_cast<size_t>(count) * 2);
    for (int64_t i = 0; i < count; ++i) {
      for (const avro::Field& f : entry.fields()) {
        const bool is_key = &f == key_field;
        SLUICE_RETURN_IF_ERROR(
            read(f.schema(), is_key ? *c.key_schema : *c.value_schema, is_key ? &key : &value));
      }
      // A HashMap: an equal key keeps its place and takes the new value.
      size_t at = 0;
      while (at < used && !values_equal(entries[2 * at], key)) ++at;
      if (at == used) entries[2 * used++] = key;
      entries[2 * at + 1] = value;
    }
  }
  *out = Value::map(entries.first(used * 2));
  return Status::ok_status();
}

Status AvroValueDecoder::read_record(const avro::Schema& w, const Schema& c, Value* out) {
  if (c.type != SchemaType::kStruct || c.fields.size() != w.fields().size()) return mismatch(w, c);
  std::span<Value> fields = arena_->allocate_array<Value>(c.fields.size());
  for (size_t i = 0; i < c.fields.size(); ++i) {
    SLUICE_RETURN_IF_ERROR(read(w.fields()[i].schema(), *c.fields[i].schema, &fields[i]));
  }
  *out = Value::structure(&c, fields);
  return Status::ok_status();
}

Status AvroValueDecoder::read_union(const avro::Schema& w, const Schema& c, Value* out) {
  SLUICE_ASSIGN_OR_RETURN(int32_t index, decoder_.read_union_index(w.branches().size()));
  const avro::Schema& branch = *w.branches()[static_cast<size_t>(index)];
  if (branch.type() == Type::kNull) return null_for(c, out);
  if (c.type == SchemaType::kStruct && ad::is_union_schema(c)) {
    return read_union_struct(branch, c, out);
  }
  return read(branch, c, out);  // [null, T], [T, null], or a flattened [T]
}

// AvroData.toConnectData's union case: the first field whose type the branch value is an
// instance of (isInstanceOfAvroSchemaTypeForSimpleSchema), or whose record schema is the
// branch's.
const Field* AvroValueDecoder::match_union_field(const avro::Schema& branch, const Schema& c,
                                                 size_t bytes_size) const {
  const Type t = branch.type();
  const bool bytes_like = t == Type::kBytes || t == Type::kFixed;
  for (size_t index = 0; index < c.fields.size(); ++index) {
    const Field& field = c.fields[index];
    const Schema& fs = *field.schema;
    if (ad::is_enum_schema(fs)) {
      const std::string* name = fs.parameter(
          config_.generalized_sum_type_support ? ad::kGeneralizedTypeEnum : ad::kAvroTypeEnum);
      if (t == Type::kEnum && name != nullptr && *name == branch.full_name()) return &field;
      continue;
    }
    bool match = false;
    switch (fs.type) {
      case SchemaType::kInt32:
        match = t == Type::kInt;
        break;
      case SchemaType::kInt64:
        match = t == Type::kLong;
        break;
      case SchemaType::kFloat32:
        match = t == Type::kFloat;
        break;
      case SchemaType::kFloat64:
        match = t == Type::kDouble;
        break;
      case SchemaType::kBoolean:
        match = t == Type::kBoolean;
        break;
      case SchemaType::kString:
        match = t == Type::kString;
        break;
      case SchemaType::kArray:
        match = t == Type::kArray;
        break;
      case SchemaType::kMap:
        match = t == Type::kMap;
        break;
      case SchemaType::kBytes:
        if (!bytes_like) break;
        if (!ad::is_fixed_schema(fs)) {
          match = true;
        } else if (t == Type::kBytes) {  // a ByteBuffer: its size against connect.fixed.size
          auto size = ad::parse_int(*fs.parameter(ad::kFixedSizeParam));
          match = size && static_cast<size_t>(*size) == bytes_size;
        } else {  // a GenericFixed: the member field names must agree
          match = ad::union_member_field_name(branch, index, config_) ==
                  ad::union_member_field_name(fs, index, config_);
        }
        break;
      case SchemaType::kStruct:
        match = t == Type::kRecord && same_record(branch, fs);
        break;
      default:
        break;  // INT8 and INT16 have no Java class in the table: never matched
    }
    if (match) return &field;
  }
  return nullptr;
}

Status AvroValueDecoder::read_union_struct(const avro::Schema& branch, const Schema& c,
                                           Value* out) {
  std::string_view raw;
  if (branch.type() == Type::kBytes) {
    SLUICE_ASSIGN_OR_RETURN(raw, decoder_.read_bytes());
  } else if (branch.type() == Type::kFixed) {
    SLUICE_ASSIGN_OR_RETURN(raw, decoder_.read_fixed(static_cast<size_t>(branch.fixed_size())));
  }
  const Field* field = match_union_field(branch, c, raw.size());
  if (field == nullptr) return Status::data_error("Did not find matching union field for data");
  std::span<Value> fields = arena_->allocate_array<Value>(c.fields.size());
  Value& v = fields[static_cast<size_t>(field->index)];
  if (branch.type() == Type::kBytes || branch.type() == Type::kFixed) {
    SLUICE_RETURN_IF_ERROR(bytes_value(*field->schema, raw, &v));
  } else {
    SLUICE_RETURN_IF_ERROR(read(branch, *field->schema, &v));
  }
  *out = Value::structure(&c, fields);
  return Status::ok_status();
}

}  // namespace sluice::connect
