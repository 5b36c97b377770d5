// ProtobufValueDecoder: one protobuf message (binary wire format) -> a Connect value, as
// Confluent's ProtobufConverter reads a record (DynamicMessage.parseFrom, then
// ProtobufData.toConnectData), without the intermediate DynamicMessage: the wire bytes are walked
// with the message descriptor and the Connect schema ProtobufToConnectSchema made of it, and the
// value is built straight into the batch Arena.
//
// Protobuf parsing rules (https://protobuf.dev/programming-guides/encoding/): the last value of a
// singular scalar wins; repeated scalars may be packed or not; a singular message that occurs
// several times is the merge of its occurrences; setting a oneof member clears the others; fields
// with an unknown number or an unexpected wire type are skipped; an unknown number of a closed
// (proto2) enum is skipped like an unknown field, of an open (proto3) enum kept; proto3 strings
// must be valid UTF-8, proto2 ones get U+FFFD for malformed bytes (Java's String); a proto2
// required field must be present.
//
// ProtobufData's values: every field of a message has a Connect value. Unset scalars are their
// defaults (proto2 `[default = ..]` included) unless the field is optional (see
// protobuf_field_is_optional), then null; unset messages are null (generate.struct.for.nulls: the
// struct of their defaults); repeated fields are arrays, maps are maps in wire order (a repeated
// key keeps its first place and takes the last value, as a HashMap); an enum is its symbol name
// ("UNKNOWN_ENUM_VALUE_<Enum>_<n>" for an unknown number, as Java names it) or its number with
// int.for.enums; uint32/fixed32 are unsigned, uint64/fixed64 keep their bits; map entries
// without key or value have the defaults (a message value: its default struct); well-known types
// as protobuf_well_known_values.h computes them; a wrapper becomes its primitive where the schema
// says so.
//
// Memory: strings and bytes are views into `payload` when they need no rewriting; everything else
// (arrays, structs, enum names, rewritten text, merged occurrences) is in the caller's Arena. The
// payload and the Arena must outlive the value, and so must the Connect schema (struct values
// point at it); the descriptors are needed only during decode(). Nothing is allocated on the heap
// per record (checked by the allocation test), except to count the digits of a long
// confluent.type.Decimal against its precision field.
//
// Fields are converted in ProtobufData's order (oneofs first, then declaration order), and every
// struct but the top-level one is checked as Struct.put checks it when Java puts it into its
// parent: a null in a required Connect field (possible with wrapper.for.nullables or
// optional.for.nullables, e.g. the unset members of a oneof) fails the record, as in Java.
//
// Failures are kDataError: malformed or truncated input (with the byte offset), invalid UTF-8 in a
// proto3 string, a missing required field, a well-known value out of range, a null in a required
// field of a nested struct. Not thread-safe (the scratch table); one decoder per converter.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "connect/protobuf_data_config.h"
#include "connect/schema.h"
#include "connect/value.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "util/status.h"

namespace sluice::connect {

class ProtobufValueDecoder {
 public:
  explicit ProtobufValueDecoder(ProtobufDataConfig config = {}) : config_(config) {}

  // REQUIRES: `schema` is ProtobufToConnectSchema (same config) of `message`.
  Status decode(std::string_view payload, const google::protobuf::Descriptor& message,
                const Schema& schema, Arena& arena, Value* out);

 private:
  struct FieldScan;
  struct OneofScan;
  struct Frame;

  // A message as the Connect value of `c`: a struct, a logical type or an unwrapped wrapper.
  Status message_value(std::string_view bytes, const google::protobuf::Descriptor& d,
                       const Schema& c, int depth, Value* out);
  Status struct_value(std::string_view bytes, const google::protobuf::Descriptor& d,
                      const Schema& c, int depth, Value* out);
  Status logical_value(std::string_view bytes, const google::protobuf::Descriptor& d,
                       const Schema& c, Value* out);
  Status wrapper_value(std::string_view bytes, const google::protobuf::Descriptor& d,
                       const Schema& c, Value* out);
  // One pass over a message's fields: counting (fill=false) or producing values (fill=true).
  Status walk(Frame& frame, bool fill);
  Status repeated_occurrence(Frame& frame, const google::protobuf::FieldDescriptor& f,
                             google::protobuf::io::CodedInputStream& in, bool packed, bool fill);
  Status singular_occurrence(Frame& frame, const google::protobuf::FieldDescriptor& f,
                             google::protobuf::io::CodedInputStream& in, int at, bool fill);
  // Converts the fields in ProtobufData's order into the struct value.
  Status assemble(Frame& frame, Value* out);
  Status field_value(Frame& frame, const google::protobuf::FieldDescriptor& f, Value* out);
  // Struct.validate(): no null in a required field ("Invalid value: null used for required
  // field ...").
  static Status validate_struct(const Schema& schema, std::span<const Value> values);
  Status map_entry(std::string_view bytes, const google::protobuf::Descriptor& entry,
                   const Schema& map, int depth, Value* key, Value* value);
  // The value of a field that is not on the wire (ProtobufData's setStructField rules).
  Status absent_value(const google::protobuf::FieldDescriptor& f, const Schema& c, int depth,
                      bool as_default, Value* out);
  // Reads one scalar (or string, bytes, enum) of `f`; `*keep` false when it is an unknown value
  // of a closed enum (skipped like an unknown field).
  // `bytes` is what `in` reads (strings and bytes are views into it); `out` may be null (the
  // counting pass), then only the input is checked.
  Status read_scalar(google::protobuf::io::CodedInputStream& in, std::string_view bytes,
                     const google::protobuf::FieldDescriptor& f, const Schema* c, Value* out,
                     bool* keep);
  // The occurrences of field `number` from byte `from` of `bytes`, concatenated in the Arena
  // (a protobuf merge of singular message occurrences is the parse of their concatenation).
  Result<std::string_view> merged_occurrences(std::string_view bytes, int number, int from);
  // Removes later duplicates of map keys (keeping the last value at the first place).
  size_t dedupe_map_keys(std::span<Value> entries, size_t count);
  Value enum_value(const google::protobuf::FieldDescriptor& f, int32_t number,
                   const Schema* c) const;

  ProtobufDataConfig config_;
  Arena* arena_ = nullptr;
  std::vector<uint32_t> table_;  // open-addressing scratch for dedupe_map_keys
};

}  // namespace sluice::connect
