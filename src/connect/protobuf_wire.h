// The protobuf wire format at the level of single fields, as the Protobuf converter's decoder
// reads it (https://protobuf.dev/programming-guides/encoding/): a CodedInputStream over a view,
// the wire type a field accepts, length-delimited views, scalars widened as Java holds them, and
// the Connect value of a number. Stateless helpers; errors are kDataError "Protocol message ...
// (at byte N)".
#pragma once

#include <cstdint>
#include <string_view>

#include "connect/schema.h"
#include "connect/value.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"
#include "util/status.h"

namespace sluice::connect::protobuf_wire {

using google::protobuf::FieldDescriptor;
using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;

// A stream reading `bytes` (which must outlive it).
CodedInputStream stream_of(std::string_view bytes);

// "Protocol message <what> (at byte <at>)".
Status malformed(std::string_view what, int at);
Status truncated(int at);

// Whether a value arriving with wire type `wt` belongs to `f` (else it is an unknown field);
// `*packed` tells a packed repeated scalar.
bool wire_type_fits(const FieldDescriptor& f, WireFormatLite::WireType wt, bool* packed);

// Enums of proto2 files keep unknown numbers out of the field (Java's
// legacyEnumFieldTreatedAsClosed); proto3 enums are open.
bool closed_enum(const FieldDescriptor& f);

// Whether a string field must hold valid UTF-8 (proto3, or java_string_check_utf8).
bool needs_utf8_check(const FieldDescriptor& f);

bool is_message(const FieldDescriptor& f);

// Reads a length-delimited value of `bytes` (what `in` reads) as a view into it.
Status read_delimited(CodedInputStream& in, std::string_view bytes, std::string_view* out);

// A scalar as Java holds it: integers as int64 (int32 types sign-extended, uint32 types
// zero-extended, 64-bit types by their bits), floating point as double.
struct RawScalar {
  int64_t i = 0;
  double d = 0;
};

// Reads one numeric, bool or enum value of declared type `type`; false on truncated input.
bool read_raw(CodedInputStream& in, FieldDescriptor::Type type, RawScalar* out);

// A number as the Connect value of schema type `type` (Java's Number conversions).
Value number_value(FieldDescriptor::Type proto, const RawScalar& raw, SchemaType type);

}  // namespace sluice::connect::protobuf_wire
