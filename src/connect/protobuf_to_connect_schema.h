// ProtobufToConnectSchema: a protobuf message descriptor -> the Connect schema Confluent's
// ProtobufConverter gives its records (ProtobufData.toConnectSchema, schema-registry 7.7; the
// mapping is described under "Protobuf" in
// https://docs.confluent.io/platform/current/schema-registry/connect.html).
//
//   message             STRUCT named by the simple name (full name with enhanced support); real
//                       oneofs first (in declaration order), then the other fields in declaration
//                       order; the top-level struct carries the registry version
//   oneof               optional STRUCT io.confluent.connect.protobuf.Union.<name> in a field
//                       <name>_<index> (generate.index.for.unions; generalized sum types: named
//                       <name> with parameter org.apache.kafka.connect.data.Union), one field per
//                       member; flatten.unions puts the members in the message instead
//   int32 sint32 sfixed32               INT32 (INT8/INT16 when (confluent.field_meta) has
//                                       connect.type int8/int16)
//   uint32 fixed32, all 64-bit ints     INT64
//   (non-default wire types add parameter io.confluent.connect.protobuf.Type = the proto type)
//   float double bool string bytes      FLOAT32 FLOAT64 BOOLEAN STRING BYTES
//   enum                STRING (INT32 with int.for.enums) named by the enum, parameters
//                       io.confluent.connect.protobuf.Enum = enum name and .Enum.<symbol> = number
//   repeated            optional ARRAY of optional elements
//   map<K, V>           MAP named after the field (toMapField of the entry name)
//   google.protobuf.Timestamp, google.type.Date, google.type.TimeOfDay, confluent.type.Decimal
//                       Timestamp, Date, Time, Decimal (scale and precision from the field meta)
//   google.protobuf.*Value  its primitive (wrapper.for.raw.primitives, which Java applies to
//                       every message, not only the top-level one, or wrapper.for.nullables),
//                       else a struct with one field `value`
// Every field has parameter io.confluent.connect.protobuf.Tag = its number, last. Fields are
// optional unless optional.for.nullables or wrapper.for.nullables say otherwise.
//
// A message type used by several fields is converted once, as Java reuses one SchemaBuilder: a
// later use has the same name and fields, and an array element reusing it keeps the parameters
// of the first use (Java's SchemaWrapper), which shows in the Avro schemas AvroFormat writes.
//
// A recursive use of a message type (one being converted, e.g. google.protobuf.Value inside
// google.protobuf.Struct) is Java's SchemaWrapper of the unfinished builder: here a reference node
// (schema.h), optional, with its own Tag over the parameters of the type's first use, completed
// once the whole schema is; a recursive use of the top-level message makes it optional too, as
// the wrapper's optional() does to the builder in Java. proto2 groups, which Java rejects too,
// are a kDataError. Stateless apart from its config; not thread-safe only in
// the sense that it must not be shared while the config is changed (it never is).
#pragma once

#include <optional>

#include "connect/protobuf_data_config.h"
#include "connect/schema.h"
#include "google/protobuf/descriptor.h"
#include "util/status.h"

namespace sluice::connect {

// Connect names and parameters ProtobufData uses.
inline constexpr std::string_view kProtobufTagParam = "io.confluent.connect.protobuf.Tag";
inline constexpr std::string_view kProtobufTypeParam = "io.confluent.connect.protobuf.Type";
inline constexpr std::string_view kProtobufEnumParam = "io.confluent.connect.protobuf.Enum";
inline constexpr std::string_view kProtobufUnionPrefix = "io.confluent.connect.protobuf.Union.";
inline constexpr std::string_view kGeneralizedEnumParam = "org.apache.kafka.connect.data.Enum";
inline constexpr std::string_view kGeneralizedUnionParam = "org.apache.kafka.connect.data.Union";

class ProtobufToConnectSchema {
 public:
  explicit ProtobufToConnectSchema(ProtobufDataConfig config = {}) : config_(config) {}

  // The Connect schema of records of type `message`; `version` is the registry version of the
  // schema (nullopt when unknown).
  Result<SchemaPtr> convert(const google::protobuf::Descriptor& message,
                            std::optional<int32_t> version) const;

  const ProtobufDataConfig& config() const { return config_; }

 private:
  struct Context;

  Result<std::shared_ptr<Schema>> message_schema(Context& ctx,
                                                 const google::protobuf::Descriptor& d) const;
  Result<SchemaPtr> oneof_schema(Context& ctx, const google::protobuf::OneofDescriptor& o) const;
  Result<SchemaPtr> field_schema(Context& ctx, const google::protobuf::FieldDescriptor& f) const;
  Result<std::shared_ptr<Schema>> message_field_base(
      Context& ctx, const google::protobuf::FieldDescriptor& f,
      const google::protobuf::Descriptor** first_use) const;
  std::shared_ptr<Schema> enum_base(const google::protobuf::EnumDescriptor& e) const;

  ProtobufDataConfig config_;
};

// Whether Java's ProtobufData treats `field` as nullable when reading a value (a proto3
// `optional`, or a proto2 `optional` with optional.for.proto2): unset, it is null.
bool protobuf_field_is_optional(const google::protobuf::FieldDescriptor& field,
                                const ProtobufDataConfig& config);

// ProtobufData.isMapDescriptor: a repeated field of a message type named *Entry with exactly
// the non-repeated fields key and value (what a map<K, V> field is).
bool protobuf_is_map_field(const google::protobuf::FieldDescriptor& field);

// The primitive Connect type of a google.protobuf.*Value wrapper, or nullopt for other messages.
std::optional<SchemaType> protobuf_wrapper_type(const google::protobuf::Descriptor& message);

// The key/value parameters of a field's (confluent.field_meta) option, in order (empty without).
std::vector<std::pair<std::string, std::string>> protobuf_field_meta_params(
    const google::protobuf::FieldDescriptor& field);

// ProtobufSchema.toMapField: "a.b.MyMapEntry" -> "a.b.my_map" (Guava UPPER_CAMEL to
// LOWER_UNDERSCORE on the last part when it ends with "Entry").
std::string protobuf_map_field_name(std::string_view entry_name);

}  // namespace sluice::connect
