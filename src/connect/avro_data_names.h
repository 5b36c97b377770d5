// Names and helpers shared by the Avro <-> Connect conversions (Confluent's AvroData): the
// property and parameter names AvroData reads and writes, Java's name splitting and scrubbing,
// and the rules that recognise Connect schemas standing for Avro unions, enums and fixed types.
//
// Stateless; every function is thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "avro/schema.h"
#include "connect/avro_data_config.h"
#include "connect/schema.h"

namespace sluice::connect::avro_data {

inline constexpr std::string_view kNamespace = "io.confluent.connect.avro";
inline constexpr std::string_view kDefaultSchemaName = "ConnectDefault";
inline constexpr std::string_view kDefaultSchemaFullName =
    "io.confluent.connect.avro.ConnectDefault";
inline constexpr std::string_view kMapEntryTypeName = "MapEntry";
inline constexpr std::string_view kKeyField = "key";
inline constexpr std::string_view kValueField = "value";

// Avro schema properties.
inline constexpr std::string_view kConnectNameProp = "connect.name";
inline constexpr std::string_view kConnectDocProp = "connect.doc";
inline constexpr std::string_view kConnectVersionProp = "connect.version";
inline constexpr std::string_view kConnectDefaultProp = "connect.default";
inline constexpr std::string_view kConnectParametersProp = "connect.parameters";
inline constexpr std::string_view kConnectInternalTypeProp = "connect.internal.type";
inline constexpr std::string_view kConnectTypeProp = "connect.type";
inline constexpr std::string_view kConnectTypeInt8 = "int8";
inline constexpr std::string_view kConnectTypeInt16 = "int16";
inline constexpr std::string_view kLogicalTypeProp = "logicalType";
inline constexpr std::string_view kAvroPropPrefix = "avro";

// Connect schema parameters.
inline constexpr std::string_view kConnectRecordDocParam = "connect.record.doc";
inline constexpr std::string_view kConnectEnumDocParam = "connect.enum.doc";
inline constexpr std::string_view kAvroRecordDocParam = "io.confluent.connect.avro.record.doc";
inline constexpr std::string_view kAvroEnumDocPrefix = "io.confluent.connect.avro.enum.doc.";
inline constexpr std::string_view kAvroFieldDocPrefix = "io.confluent.connect.avro.field.doc.";
inline constexpr std::string_view kAvroFieldDefaultFlag = "io.confluent.connect.avro.field.default";
inline constexpr std::string_view kAvroEnumDefaultPrefix =
    "io.confluent.connect.avro.enum.default.";
inline constexpr std::string_view kAvroTypeUnion = "io.confluent.connect.avro.Union";
inline constexpr std::string_view kAvroTypeEnum = "io.confluent.connect.avro.Enum";
inline constexpr std::string_view kGeneralizedTypeUnion = "org.apache.kafka.connect.data.Union";
inline constexpr std::string_view kGeneralizedTypeEnum = "org.apache.kafka.connect.data.Enum";
inline constexpr std::string_view kGeneralizedUnionPrefix = "connect_union_";
inline constexpr std::string_view kGeneralizedUnionFieldPrefix = "connect_union_field_";
inline constexpr std::string_view kFixedSizeParam = "connect.fixed.size";
inline constexpr std::string_view kDecimalPrecisionParam = "connect.decimal.precision";
inline constexpr std::string_view kDecimalScaleParam = "scale";
inline constexpr int32_t kDefaultDecimalPrecision = 64;

// String.equalsIgnoreCase for ASCII names.
bool equals_ignore_case(std::string_view a, std::string_view b);
bool starts_with(std::string_view s, std::string_view prefix);

// AvroData.doScrubName: `name` unchanged when it is [A-Za-z_][A-Za-z0-9_]* (or empty); else
// URLEncoder.encode(name, UTF-8), "x" in front when that starts with a digit, and every character
// other than [A-Za-z0-9_] replaced by '_'.
std::string scrub_name(std::string_view name);
inline std::string scrub_name(std::string_view name, bool scrub) {
  return scrub ? scrub_name(name) : std::string(name);
}

// AvroData.splitName: namespace (nullopt when none) and last component of a dotted name, every
// component scrubbed when `scrub`. Java's String.split drops trailing empty components.
struct SplitName {
  std::optional<std::string> space;
  std::string name;
};
SplitName split_name(std::string_view full_name, bool scrub);
// AvroData.scrubFullName.
std::string scrub_full_name(std::string_view full_name, bool scrub);

// isUnionSchema: named io.confluent.connect.avro.Union or carrying the generalized Union parameter.
bool is_union_schema(const Schema& schema);
// isEnumSchema: a STRING carrying the Avro or generalized Enum parameter.
bool is_enum_schema(const Schema& schema);
// isFixedSchema: a named BYTES carrying connect.fixed.size.
bool is_fixed_schema(const Schema& schema);

// unionMemberFieldName for an Avro union branch at `index` (the field a branch becomes) and for
// a Connect union member schema.
std::string union_member_field_name(const avro::Schema& branch, size_t index,
                                    const AvroDataConfig& config);
std::string union_member_field_name(const Schema& member, size_t index,
                                    const AvroDataConfig& config);

// Integer.parseInt; nullopt when Java would throw NumberFormatException.
std::optional<int32_t> parse_int(std::string_view text);

}  // namespace sluice::connect::avro_data
