#include "connect/protobuf_wire.h"

#include <string>

#include "google/protobuf/descriptor.pb.h"

namespace sluice::connect::protobuf_wire {

namespace pb = google::protobuf;

CodedInputStream stream_of(std::string_view bytes) {
  return CodedInputStream(reinterpret_cast<const uint8_t*>(bytes.data()),
                          static_cast<int>(bytes.size()));
}

Status malformed(std::string_view what, int at) {
  return Status::data_error("Protocol message " + std::string(what) + " (at byte " +
                            std::to_string(at) + ")");
}

Status truncated(int at) {
  return malformed("ended unexpectedly in the middle of a field", at);
}

// Whether a value arriving with wire type `wt` belongs to `f` (else it is an unknown field);
// `*packed` tells a packed repeated scalar.
bool wire_type_fits(const FieldDescriptor& f, WireFormatLite::WireType wt, bool* packed) {
  const auto expected =
      WireFormatLite::WireTypeForFieldType(static_cast<WireFormatLite::FieldType>(f.type()));
  *packed = f.is_packable() && wt == WireFormatLite::WIRETYPE_LENGTH_DELIMITED;
  return wt == expected || *packed;
}

// Enums of proto2 files keep unknown numbers out of the field (Java's
// legacyEnumFieldTreatedAsClosed); proto3 enums are open.
bool closed_enum(const FieldDescriptor& f) {
  return f.file()->syntax() != pb::FileDescriptor::SYNTAX_PROTO3 ||
         f.enum_type()->file()->syntax() != pb::FileDescriptor::SYNTAX_PROTO3;
}

bool needs_utf8_check(const FieldDescriptor& f) {
  return f.file()->syntax() == pb::FileDescriptor::SYNTAX_PROTO3 ||
         f.file()->options().java_string_check_utf8();
}

Status read_delimited(CodedInputStream& in, std::string_view bytes, std::string_view* out) {
  const int at = in.CurrentPosition();
  int length = 0;
  if (!in.ReadVarintSizeAsInt(&length)) return truncated(at);
  const int start = in.CurrentPosition();
  if (!in.Skip(length)) return truncated(at);
  *out = bytes.substr(static_cast<size_t>(start), static_cast<size_t>(length));
  return Status::ok_status();
}

bool read_raw(CodedInputStream& in, FieldDescriptor::Type type, RawScalar* out) {
  using WFL = WireFormatLite;
  switch (type) {
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_ENUM: {
      int32_t v;
      if (!WFL::ReadPrimitive<int32_t, WFL::TYPE_INT32>(&in, &v)) return false;
      out->i = v;
      return true;
    }
    case FieldDescriptor::TYPE_SINT32: {
      int32_t v;
      if (!WFL::ReadPrimitive<int32_t, WFL::TYPE_SINT32>(&in, &v)) return false;
      out->i = v;
      return true;
    }
    case FieldDescriptor::TYPE_SFIXED32: {
      int32_t v;
      if (!WFL::ReadPrimitive<int32_t, WFL::TYPE_SFIXED32>(&in, &v)) return false;
      out->i = v;
      return true;
    }
    case FieldDescriptor::TYPE_UINT32: {
      uint32_t v;
      if (!WFL::ReadPrimitive<uint32_t, WFL::TYPE_UINT32>(&in, &v)) return false;
      out->i = v;
      return true;
    }
    case FieldDescriptor::TYPE_FIXED32: {
      uint32_t v;
      if (!WFL::ReadPrimitive<uint32_t, WFL::TYPE_FIXED32>(&in, &v)) return false;
      out->i = v;
      return true;
    }
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_UINT64: {
      uint64_t v;
      if (!in.ReadVarint64(&v)) return false;
      out->i = static_cast<int64_t>(v);
      return true;
    }
    case FieldDescriptor::TYPE_SINT64: {
      int64_t v;
      if (!WFL::ReadPrimitive<int64_t, WFL::TYPE_SINT64>(&in, &v)) return false;
      out->i = v;
      return true;
    }
    case FieldDescriptor::TYPE_FIXED64:
    case FieldDescriptor::TYPE_SFIXED64: {
      uint64_t v;
      if (!in.ReadLittleEndian64(&v)) return false;
      out->i = static_cast<int64_t>(v);
      return true;
    }
    case FieldDescriptor::TYPE_FLOAT: {
      float v;
      if (!WFL::ReadPrimitive<float, WFL::TYPE_FLOAT>(&in, &v)) return false;
      out->d = v;
      return true;
    }
    case FieldDescriptor::TYPE_DOUBLE:
      return WFL::ReadPrimitive<double, WFL::TYPE_DOUBLE>(&in, &out->d);
    case FieldDescriptor::TYPE_BOOL: {
      uint64_t v;
      if (!in.ReadVarint64(&v)) return false;
      out->i = v != 0;
      return true;
    }
    default:
      return false;
  }
}

// A number as the Connect value of schema type `type` (Java's Number conversions).
Value number_value(FieldDescriptor::Type proto, const RawScalar& raw, SchemaType type) {
  switch (type) {
    case SchemaType::kInt8:
      return Value::integer(static_cast<int8_t>(raw.i));
    case SchemaType::kInt16:
      return Value::integer(static_cast<int16_t>(raw.i));
    case SchemaType::kInt32:
      return Value::integer(static_cast<int32_t>(raw.i));
    case SchemaType::kFloat32:
      return Value::float32(proto == FieldDescriptor::TYPE_FLOAT ||
                                    proto == FieldDescriptor::TYPE_DOUBLE
                                ? static_cast<float>(raw.d)
                                : static_cast<float>(raw.i));
    case SchemaType::kFloat64:
      return Value::float64(proto == FieldDescriptor::TYPE_FLOAT ||
                                    proto == FieldDescriptor::TYPE_DOUBLE
                                ? raw.d
                                : static_cast<double>(raw.i));
    case SchemaType::kBoolean:
      return Value::boolean(raw.i != 0);
    default:
      return Value::integer(raw.i);
  }
}

bool is_message(const FieldDescriptor& f) {
  return f.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
}

}  // namespace sluice::connect::protobuf_wire
