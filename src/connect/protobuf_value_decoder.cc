#include "connect/protobuf_value_decoder.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <iterator>
#include <string>

#include "connect/charset_decoder.h"
#include "connect/decimal_bytes.h"
#include "connect/protobuf_to_connect_schema.h"
#include "connect/protobuf_well_known_values.h"
#include "connect/protobuf_wire.h"
#include "connect/standard_schemas.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/wire_format_lite.h"

namespace sluice::connect {
namespace {

namespace pb = google::protobuf;
using pb::FieldDescriptor;
using pb::internal::WireFormatLite;
using pb::io::CodedInputStream;
using protobuf_wire::closed_enum;
using protobuf_wire::is_message;
using protobuf_wire::malformed;
using protobuf_wire::needs_utf8_check;
using protobuf_wire::number_value;
using protobuf_wire::RawScalar;
using protobuf_wire::read_delimited;
using protobuf_wire::read_raw;
using protobuf_wire::stream_of;
using protobuf_wire::truncated;
using protobuf_wire::wire_type_fits;

// Java's CodedInputStream recursion limit.
constexpr int kMaxDepth = 100;

}  // namespace

// What the first pass learns about a field (and the second pass builds from it).
struct ProtobufValueDecoder::FieldScan {
  uint32_t count = 0;        // occurrences (singular) or elements (repeated) on the wire
  uint32_t filled = 0;       // elements produced so far (repeated)
  int last = -1;             // byte offset of the last occurrence's value (singular)
  bool built = false;        // a singular message's bytes are known (merged if repeated)
  Value value;               // singular scalar value
  std::string_view message;  // singular message bytes
  std::span<Value> items;    // repeated: values (message elements: their bytes until assemble)
};

// The member a oneof holds: the last one set, since the byte offset where it was last set after
// another member (earlier occurrences were cleared).
struct ProtobufValueDecoder::OneofScan {
  int member = -1;  // FieldDescriptor::index() of the member, -1 when none
  int run_start = 0;
};

struct ProtobufValueDecoder::Frame {
  std::string_view bytes;
  const pb::Descriptor* d = nullptr;
  const Schema* c = nullptr;
  int depth = 0;
  std::span<int> slots;    // by field index: the Connect field of the field (or of its oneof)
  std::span<int> members;  // by field index: its place in the union struct, -1 when none
  std::span<FieldScan> fields;
  std::span<OneofScan> oneofs;

  // The Connect schema of a field's value (of a union member, inside the union).
  const Schema* field_schema(const FieldDescriptor& f) const {
    const Schema* s = c->fields[static_cast<size_t>(slots[f.index()])].schema.get();
    const int member = members[f.index()];
    return member < 0 ? s : s->fields[static_cast<size_t>(member)].schema.get();
  }
};

Status ProtobufValueDecoder::decode(std::string_view payload, const pb::Descriptor& message,
                                    const Schema& schema, Arena& arena, Value* out) {
  arena_ = &arena;
  Status st = message_value(payload, message, schema, 0, out);
  arena_ = nullptr;
  return st;
}

Status ProtobufValueDecoder::message_value(std::string_view bytes, const pb::Descriptor& d,
                                           const Schema& c, int depth, Value* out) {
  if (depth > kMaxDepth) {
    return Status::data_error(
        "Protocol message had too many levels of nesting.  May be malicious.  Use "
        "CodedInputStream.setRecursionLimit() to increase the depth limit.");
  }
  if (c.type == SchemaType::kStruct) return struct_value(bytes, d, c, depth, out);
  if (c.is_logical(kTimestampLogicalName) || c.is_logical(kDateLogicalName) ||
      c.is_logical(kTimeLogicalName) || c.is_logical(kDecimalLogicalName)) {
    return logical_value(bytes, d, c, out);
  }
  return wrapper_value(bytes, d, c, out);
}

Status ProtobufValueDecoder::struct_value(std::string_view bytes, const pb::Descriptor& d,
                                          const Schema& c, int depth, Value* out) {
  Frame frame;
  frame.bytes = bytes;
  frame.d = &d;
  frame.c = &c;
  frame.depth = depth;
  const size_t n = static_cast<size_t>(d.field_count());
  frame.slots = arena_->allocate_array<int>(n);
  frame.members = arena_->allocate_array<int>(n);
  frame.fields = arena_->allocate_array<FieldScan>(n);
  frame.oneofs = arena_->allocate_array<OneofScan>(static_cast<size_t>(d.real_oneof_decl_count()));
  // The Connect field order of ProtobufToConnectSchema: oneofs, then the other fields.
  int next = 0;
  for (int i = 0; i < d.real_oneof_decl_count(); ++i) {
    const pb::OneofDescriptor& o = *d.oneof_decl(i);
    for (int j = 0; j < o.field_count(); ++j) {
      frame.slots[o.field(j)->index()] = config_.flatten_unions ? next++ : next;
      frame.members[o.field(j)->index()] = config_.flatten_unions ? -1 : j;
    }
    if (!config_.flatten_unions) ++next;
  }
  for (int i = 0; i < d.field_count(); ++i) {
    if (d.field(i)->real_containing_oneof() != nullptr) continue;
    frame.slots[i] = next++;
    frame.members[i] = -1;
  }
  if (static_cast<size_t>(next) != c.fields.size()) {
    return Status::data_error("the Connect schema of " + d.full_name() +
                              " does not match its descriptor");
  }
  SLUICE_RETURN_IF_ERROR(walk(frame, false));
  for (int i = 0; i < d.field_count(); ++i) {
    const FieldDescriptor& f = *d.field(i);
    if (f.is_required() && frame.fields[i].count == 0) {
      return Status::data_error("Message missing required fields: " + f.name());
    }
    if (f.is_repeated()) {
      const size_t slots_per_item = frame.field_schema(f)->type == SchemaType::kMap ? 2 : 1;
      frame.fields[i].items = arena_->allocate_array<Value>(frame.fields[i].count * slots_per_item);
    }
  }
  SLUICE_RETURN_IF_ERROR(walk(frame, true));
  return assemble(frame, out);
}

Status ProtobufValueDecoder::walk(Frame& frame, bool fill) {
  CodedInputStream in = stream_of(frame.bytes);
  for (;;) {
    const int at = in.CurrentPosition();
    const uint32_t tag = in.ReadTag();
    if (tag == 0) {
      if (in.ConsumedEntireMessage()) return Status::ok_status();
      return malformed("contained an invalid tag (zero)", at);
    }
    const int number = WireFormatLite::GetTagFieldNumber(tag);
    if (number == 0) return malformed("contained an invalid tag (zero)", at);
    const FieldDescriptor* f = frame.d->FindFieldByNumber(number);
    bool packed = false;
    if (f == nullptr || !wire_type_fits(*f, WireFormatLite::GetTagWireType(tag), &packed)) {
      if (!WireFormatLite::SkipField(&in, tag)) {
        return malformed("contained an invalid or truncated unknown field", at);
      }
      continue;
    }
    Status st = f->is_repeated() ? repeated_occurrence(frame, *f, in, packed, fill)
                                 : singular_occurrence(frame, *f, in, in.CurrentPosition(), fill);
    SLUICE_RETURN_IF_ERROR(st);
  }
}

Status ProtobufValueDecoder::repeated_occurrence(Frame& frame, const FieldDescriptor& f,
                                                 CodedInputStream& in, bool packed, bool fill) {
  FieldScan& s = frame.fields[f.index()];
  if (is_message(f)) {
    std::string_view sub;
    SLUICE_RETURN_IF_ERROR(read_delimited(in, frame.bytes, &sub));
    if (!fill) {
      ++s.count;
      return Status::ok_status();
    }
    // Converted later, in field order (assemble); until then the element holds its bytes (a map
    // entry in its key's place).
    const bool map = frame.field_schema(f)->type == SchemaType::kMap;
    s.items[map ? 2 * s.filled : s.filled] = Value::bytes(sub);
    ++s.filled;
    return Status::ok_status();
  }
  const Schema* element = fill ? frame.field_schema(f)->value_schema.get() : nullptr;
  CodedInputStream::Limit limit{};
  if (packed) {
    const int at = in.CurrentPosition();
    int length = 0;
    if (!in.ReadVarintSizeAsInt(&length) || in.BytesUntilLimit() < length) return truncated(at);
    limit = in.PushLimit(length);
  }
  do {
    Value v;
    bool keep = true;
    SLUICE_RETURN_IF_ERROR(read_scalar(in, frame.bytes, f, element, fill ? &v : nullptr, &keep));
    if (keep && fill) s.items[s.filled++] = v;
    if (keep && !fill) ++s.count;
  } while (packed && in.BytesUntilLimit() > 0);
  if (packed) in.PopLimit(limit);
  return Status::ok_status();
}

Status ProtobufValueDecoder::singular_occurrence(Frame& frame, const FieldDescriptor& f,
                                                 CodedInputStream& in, int at, bool fill) {
  FieldScan& s = frame.fields[f.index()];
  const pb::OneofDescriptor* oneof = f.real_containing_oneof();
  OneofScan* o = oneof != nullptr ? &frame.oneofs[oneof->index()] : nullptr;
  Value v;
  bool keep = true;
  std::string_view sub;
  if (is_message(f)) {
    SLUICE_RETURN_IF_ERROR(read_delimited(in, frame.bytes, &sub));
  } else {
    SLUICE_RETURN_IF_ERROR(read_scalar(in, frame.bytes, f, fill ? frame.field_schema(f) : nullptr,
                                       fill ? &v : nullptr, &keep));
    if (!keep) return Status::ok_status();
  }
  if (!fill) {
    ++s.count;
    s.last = at;
    if (o != nullptr && o->member != f.index()) {
      o->member = f.index();
      o->run_start = at;
    }
    return Status::ok_status();
  }
  if (!is_message(f)) {
    s.value = v;
    return Status::ok_status();
  }
  // A message is the merge of every occurrence that counts (a oneof member's earlier
  // occurrences were cleared by another member); it is converted later, in field order.
  const int from = o != nullptr ? o->run_start : 0;
  if (s.built || at < from || (o != nullptr && o->member != f.index())) return Status::ok_status();
  s.built = true;
  s.message = sub;
  if (s.last > at) {
    SLUICE_ASSIGN_OR_RETURN(s.message, merged_occurrences(frame.bytes, f.number(), from));
  }
  return Status::ok_status();
}

Status ProtobufValueDecoder::field_value(Frame& frame, const FieldDescriptor& f, Value* out) {
  FieldScan& s = frame.fields[f.index()];
  const Schema& schema = *frame.field_schema(f);
  const int depth = frame.depth + 1;
  if (f.is_repeated() && schema.type == SchemaType::kMap) {
    for (uint32_t i = 0; i < s.filled; ++i) {
      Value* pair = &s.items[2 * i];
      SLUICE_RETURN_IF_ERROR(
          map_entry(pair->as_text(), *f.message_type(), schema, depth, pair, pair + 1));
    }
    *out = Value::map(s.items.first(2 * dedupe_map_keys(s.items, s.filled)));
  } else if (f.is_repeated()) {
    if (is_message(f)) {
      for (uint32_t i = 0; i < s.filled; ++i) {
        SLUICE_RETURN_IF_ERROR(message_value(s.items[i].as_text(), *f.message_type(),
                                             *schema.value_schema, depth, &s.items[i]));
      }
    }
    *out = Value::array(s.items.first(s.filled));
  } else if (s.count == 0) {
    return absent_value(f, schema, frame.depth, false, out);
  } else if (is_message(f)) {
    return message_value(s.message, *f.message_type(), schema, depth, out);
  } else {
    *out = s.value;
  }
  return Status::ok_status();
}

Status ProtobufValueDecoder::assemble(Frame& frame, Value* out) {
  // ProtobufData.toConnectData's order: the oneofs, then the other fields in declaration order.
  const pb::Descriptor& d = *frame.d;
  std::span<Value> values = arena_->allocate_array<Value>(frame.c->fields.size());
  for (int i = 0; i < d.real_oneof_decl_count(); ++i) {
    const OneofScan& o = frame.oneofs[i];
    if (o.member < 0) continue;  // no member set: null (every member null when flattened)
    const FieldDescriptor& member = *d.field(o.member);
    Value& slot = values[static_cast<size_t>(frame.slots[o.member])];
    Value v;
    SLUICE_RETURN_IF_ERROR(field_value(frame, member, &v));
    if (config_.flatten_unions) {
      slot = v;
      continue;
    }
    const Schema* union_schema =
        frame.c->fields[static_cast<size_t>(frame.slots[o.member])].schema.get();
    std::span<Value> items = arena_->allocate_array<Value>(union_schema->fields.size());
    items[static_cast<size_t>(frame.members[member.index()])] = v;
    SLUICE_RETURN_IF_ERROR(validate_struct(*union_schema, items));  // Struct.put checks it
    slot = Value::structure(union_schema, items);
  }
  for (int i = 0; i < d.field_count(); ++i) {
    const FieldDescriptor& f = *d.field(i);
    if (f.real_containing_oneof() != nullptr) continue;
    SLUICE_RETURN_IF_ERROR(field_value(frame, f, &values[static_cast<size_t>(frame.slots[i])]));
  }
  // A nested struct is put into its parent, which validates it; the top-level one is not.
  if (frame.depth > 0) SLUICE_RETURN_IF_ERROR(validate_struct(*frame.c, values));
  *out = Value::structure(frame.c, values);
  return Status::ok_status();
}

Status ProtobufValueDecoder::validate_struct(const Schema& schema, std::span<const Value> values) {
  // Struct.validate(): nested structs were validated when they were built; arrays and maps hold
  // optional elements only.
  for (const Field& field : schema.fields) {
    if (values[static_cast<size_t>(field.index)].is_null() && !field.schema->optional &&
        field.schema->default_value == nullptr) {
      return Status::data_error(
          "Invalid value: null used for required field: \"" + field.name +
          "\", schema type: " + std::string(java_type_name(field.schema->type)));
    }
  }
  return Status::ok_status();
}

Status ProtobufValueDecoder::absent_value(const FieldDescriptor& f, const Schema& c, int depth,
                                          bool as_default, Value* out) {
  *out = Value::null();
  if (is_message(f)) {
    // Java's getField on an unset message field gives its default instance.
    if (!as_default && !config_.generate_struct_for_nulls) return Status::ok_status();
    return message_value(std::string_view(), *f.message_type(), c, depth + 1, out);
  }
  if (!as_default && protobuf_field_is_optional(f, config_) && !config_.generate_struct_for_nulls) {
    return Status::ok_status();
  }
  RawScalar raw;
  switch (f.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      raw.i = f.default_value_int32();
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      raw.i = f.default_value_int64();
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      raw.i = f.default_value_uint32();
      break;
    case FieldDescriptor::CPPTYPE_UINT64:
      raw.i = static_cast<int64_t>(f.default_value_uint64());
      break;
    case FieldDescriptor::CPPTYPE_FLOAT:
      raw.d = f.default_value_float();
      break;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      raw.d = f.default_value_double();
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      raw.i = f.default_value_bool();
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      *out = enum_value(f, f.default_value_enum()->number(), &c);
      return Status::ok_status();
    case FieldDescriptor::CPPTYPE_STRING: {
      // Copied: the descriptor pool may be gone before the batch is.
      std::string_view text = arena_->copy(f.default_value_string());
      *out = f.type() == FieldDescriptor::TYPE_STRING ? Value::string(text) : Value::bytes(text);
      return Status::ok_status();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return Status::ok_status();
  }
  *out = number_value(f.type(), raw, c.type);
  return Status::ok_status();
}

Status ProtobufValueDecoder::read_scalar(CodedInputStream& in, std::string_view bytes,
                                         const FieldDescriptor& f, const Schema* c, Value* out,
                                         bool* keep) {
  const int at = in.CurrentPosition();
  *keep = true;
  if (f.type() == FieldDescriptor::TYPE_STRING || f.type() == FieldDescriptor::TYPE_BYTES) {
    std::string_view text;
    SLUICE_RETURN_IF_ERROR(read_delimited(in, bytes, &text));
    if (out == nullptr) return Status::ok_status();
    if (f.type() == FieldDescriptor::TYPE_BYTES) {
      *out = Value::bytes(text);
    } else if (!needs_utf8_check(f)) {
      *out = Value::string(decode_utf8(text, *arena_));  // malformed bytes become U+FFFD
    } else if (is_valid_utf8(text)) {
      *out = Value::string(text);
    } else {
      return malformed("had invalid UTF-8.", at);
    }
    return Status::ok_status();
  }
  RawScalar raw;
  if (!read_raw(in, f.type(), &raw)) return truncated(at);
  if (f.type() == FieldDescriptor::TYPE_ENUM) {
    const bool known = f.enum_type()->FindValueByNumber(static_cast<int32_t>(raw.i)) != nullptr;
    if (!known && closed_enum(f)) {
      *keep = false;
      return Status::ok_status();
    }
    if (out != nullptr) *out = enum_value(f, static_cast<int32_t>(raw.i), c);
    return Status::ok_status();
  }
  if (out != nullptr) *out = number_value(f.type(), raw, c->type);
  return Status::ok_status();
}

Value ProtobufValueDecoder::enum_value(const FieldDescriptor& f, int32_t number,
                                       const Schema* c) const {
  if (c != nullptr && c->type != SchemaType::kString) return Value::integer(number);
  const pb::EnumValueDescriptor* known = f.enum_type()->FindValueByNumber(number);
  if (known != nullptr) return Value::string(arena_->copy(known->name()));
  // Java's Descriptors.EnumDescriptor.findValueByNumberCreatingIfUnknown names it so; written
  // straight into the Arena.
  constexpr std::string_view kPrefix = "UNKNOWN_ENUM_VALUE_";
  const std::string& enum_name = f.enum_type()->name();
  char digits[16];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), number);
  const size_t size = kPrefix.size() + enum_name.size() + 1 + static_cast<size_t>(end - digits);
  char* out = static_cast<char*>(arena_->allocate(size, 1));
  char* at = std::copy(kPrefix.begin(), kPrefix.end(), out);
  at = std::copy(enum_name.begin(), enum_name.end(), at);
  *at++ = '_';
  std::copy(digits, end, at);
  return Value::string(std::string_view(out, size));
}

Status ProtobufValueDecoder::wrapper_value(std::string_view bytes, const pb::Descriptor& d,
                                           const Schema& c, Value* out) {
  // ProtobufData.getWrappedValue: the message's field named "value", its default when unset.
  const FieldDescriptor* f = d.FindFieldByName("value");
  if (f == nullptr || is_message(*f) || f->is_repeated()) {
    return Status::data_error("message " + d.full_name() + " is not a wrapper of a " +
                              std::string(schema_type_name(c.type)));
  }
  CodedInputStream in = stream_of(bytes);
  bool seen = false;
  for (;;) {
    const int at = in.CurrentPosition();
    const uint32_t tag = in.ReadTag();
    if (tag == 0) break;
    bool packed = false;
    if (WireFormatLite::GetTagFieldNumber(tag) == f->number() &&
        wire_type_fits(*f, WireFormatLite::GetTagWireType(tag), &packed) && !packed) {
      bool keep = true;
      Value v;
      SLUICE_RETURN_IF_ERROR(read_scalar(in, bytes, *f, &c, &v, &keep));
      if (keep) *out = v;
      seen = seen || keep;
    } else if (WireFormatLite::GetTagFieldNumber(tag) == 0 ||
               !WireFormatLite::SkipField(&in, tag)) {
      return malformed("contained an invalid or truncated field", at);
    }
  }
  if (!in.ConsumedEntireMessage())
    return malformed("contained an invalid tag (zero)", in.CurrentPosition());
  return seen ? Status::ok_status() : absent_value(*f, c, 0, true, out);
}

Status ProtobufValueDecoder::logical_value(std::string_view bytes, const pb::Descriptor& d,
                                           const Schema& c, Value* out) {
  // Java reads these messages' fields by name, as numbers (unset: 0); a Decimal's value is bytes.
  static constexpr const char* kNames[] = {"seconds", "nanos",   "year",  "month",     "day",
                                           "hours",   "minutes", "value", "precision", "scale"};
  int64_t ints[std::size(kNames)] = {};
  std::string_view decimal_bytes;
  CodedInputStream in = stream_of(bytes);
  for (;;) {
    const int at = in.CurrentPosition();
    const uint32_t tag = in.ReadTag();
    if (tag == 0) break;
    const FieldDescriptor* f = d.FindFieldByNumber(WireFormatLite::GetTagFieldNumber(tag));
    bool packed = false;
    size_t k = 0;
    while (f != nullptr && k < std::size(kNames) && f->name() != kNames[k]) ++k;
    if (f != nullptr && k < std::size(kNames) && !f->is_repeated() &&
        wire_type_fits(*f, WireFormatLite::GetTagWireType(tag), &packed)) {
      if (f->type() == FieldDescriptor::TYPE_BYTES) {
        SLUICE_RETURN_IF_ERROR(read_delimited(in, bytes, &decimal_bytes));
        continue;
      }
      RawScalar raw;
      if (is_message(*f) || f->type() == FieldDescriptor::TYPE_STRING ||
          !read_raw(in, f->type(), &raw)) {
        return malformed("contained an invalid or truncated field", at);
      }
      ints[k] = raw.i;
    } else if (WireFormatLite::GetTagFieldNumber(tag) == 0 ||
               !WireFormatLite::SkipField(&in, tag)) {
      return malformed("contained an invalid or truncated field", at);
    }
  }
  if (!in.ConsumedEntireMessage())
    return malformed("contained an invalid tag (zero)", in.CurrentPosition());
  // Java's ((Number) v).intValue() for everything but a Timestamp's seconds.
  auto as_int = [&](size_t k) { return static_cast<int64_t>(static_cast<int32_t>(ints[k])); };
  if (c.is_logical(kTimestampLogicalName)) {
    SLUICE_ASSIGN_OR_RETURN(int64_t millis, protobuf_timestamp_millis(ints[0], as_int(1)));
    *out = Value::integer(millis);
  } else if (c.is_logical(kDateLogicalName)) {
    SLUICE_ASSIGN_OR_RETURN(int32_t days, protobuf_date_days(as_int(2), as_int(3), as_int(4)));
    *out = Value::integer(days);
  } else if (c.is_logical(kTimeLogicalName)) {
    SLUICE_ASSIGN_OR_RETURN(
        int32_t millis, protobuf_time_of_day_millis(as_int(5), as_int(6), as_int(0), as_int(1)));
    *out = Value::integer(millis);
  } else {
    std::optional<int64_t> precision;
    if (ints[8] != 0) precision = as_int(8);
    SLUICE_RETURN_IF_ERROR(check_protobuf_decimal(decimal_bytes, precision));
    *out = Value::decimal(minimal_twos_complement(decimal_bytes), static_cast<int32_t>(ints[9]));
  }
  return Status::ok_status();
}

Status ProtobufValueDecoder::map_entry(std::string_view bytes, const pb::Descriptor& entry,
                                       const Schema& map, int depth, Value* key, Value* value) {
  const FieldDescriptor& kf = *entry.field(0);
  const FieldDescriptor& vf = *entry.field(1);
  bool has_key = false, has_value = false;
  int first_value = -1, last_value = -1;
  std::string_view value_bytes;
  CodedInputStream in = stream_of(bytes);
  for (;;) {
    const int at = in.CurrentPosition();
    const uint32_t tag = in.ReadTag();
    if (tag == 0) break;
    const int number = WireFormatLite::GetTagFieldNumber(tag);
    bool packed = false;
    const FieldDescriptor* f = number == kf.number() ? &kf : number == vf.number() ? &vf : nullptr;
    if (f == nullptr || !wire_type_fits(*f, WireFormatLite::GetTagWireType(tag), &packed) ||
        packed) {
      if (number == 0 || !WireFormatLite::SkipField(&in, tag)) {
        return malformed("contained an invalid or truncated field", at);
      }
      continue;
    }
    const int value_at = in.CurrentPosition();
    if (f == &vf && is_message(vf)) {
      SLUICE_RETURN_IF_ERROR(read_delimited(in, bytes, &value_bytes));
      if (first_value < 0) first_value = value_at;
      last_value = value_at;
      continue;
    }
    bool keep = true;
    Value v;
    SLUICE_RETURN_IF_ERROR(read_scalar(
        in, bytes, *f, f == &kf ? map.key_schema.get() : map.value_schema.get(), &v, &keep));
    if (!keep) continue;
    (f == &kf ? *key : *value) = v;
    (f == &kf ? has_key : has_value) = true;
  }
  if (!in.ConsumedEntireMessage())
    return malformed("contained an invalid tag (zero)", in.CurrentPosition());
  // Java's getField: an absent key or value is its default (a message: its default instance).
  if (!has_key) SLUICE_RETURN_IF_ERROR(absent_value(kf, *map.key_schema, depth, true, key));
  if (first_value >= 0) {
    if (last_value > first_value) {
      SLUICE_ASSIGN_OR_RETURN(value_bytes, merged_occurrences(bytes, vf.number(), 0));
    }
    return message_value(value_bytes, *vf.message_type(), *map.value_schema, depth + 1, value);
  }
  if (!has_value) return absent_value(vf, *map.value_schema, depth, true, value);
  return Status::ok_status();
}

Result<std::string_view> ProtobufValueDecoder::merged_occurrences(std::string_view bytes,
                                                                  int number, int from) {
  // Two passes: the total size, then the copy.
  size_t total = 0;
  char* out = nullptr;
  for (int pass = 0; pass < 2; ++pass) {
    size_t used = 0;
    CodedInputStream in = stream_of(bytes);
    while (const uint32_t tag = in.ReadTag()) {
      if (WireFormatLite::GetTagFieldNumber(tag) == number &&
          WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
        const int at = in.CurrentPosition();
        std::string_view part;
        SLUICE_RETURN_IF_ERROR(read_delimited(in, bytes, &part));
        if (at < from) continue;
        if (out != nullptr) std::memcpy(out + used, part.data(), part.size());
        used += part.size();
      } else if (!WireFormatLite::SkipField(&in, tag)) {
        return malformed("contained an invalid or truncated field", in.CurrentPosition());
      }
    }
    total = used;
    if (pass == 0) {
      if (total == 0) return std::string_view();
      out = static_cast<char*>(arena_->allocate(total, 1));
    }
  }
  return std::string_view(out, total);
}

size_t ProtobufValueDecoder::dedupe_map_keys(std::span<Value> entries, size_t count) {
  if (count < 2) return count;
  auto hash = [](const Value& k) -> uint64_t {
    if (k.kind() == ValueKind::kString) {
      uint64_t h = 1469598103934665603ull;
      for (char ch : k.as_text()) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
      return h;
    }
    const uint64_t x =
        k.kind() == ValueKind::kBoolean ? k.as_bool() : static_cast<uint64_t>(k.as_int());
    return (x ^ (x >> 29)) * 0x9E3779B97F4A7C15ull;
  };
  auto same = [](const Value& a, const Value& b) {
    if (a.kind() != b.kind()) return false;
    if (a.kind() == ValueKind::kString) return a.as_text() == b.as_text();
    if (a.kind() == ValueKind::kBoolean) return a.as_bool() == b.as_bool();
    return a.as_int() == b.as_int();
  };
  size_t slots = 4;
  while (slots < count * 2) slots *= 2;
  table_.assign(slots, UINT32_MAX);
  size_t kept = 0;
  for (size_t i = 0; i < count; ++i) {
    const Value key = entries[2 * i];
    for (size_t slot = hash(key) & (slots - 1);; slot = (slot + 1) & (slots - 1)) {
      const uint32_t at = table_[slot];
      if (at == UINT32_MAX) {
        table_[slot] = static_cast<uint32_t>(kept);
        entries[2 * kept] = key;
        entries[2 * kept + 1] = entries[2 * i + 1];
        ++kept;
        break;
      }
      if (same(entries[2 * at], key)) {
        entries[2 * at + 1] = entries[2 * i + 1];  // HashMap.put: the last value wins
        break;
      }
    }
  }
  return kept;
}

}  // namespace sluice::connect
