// FieldPath: a field reference of the transforms that take field.syntax.version (KIP-821):
// ExtractField and ValueToKey. V1 takes the text as one field name; V2 reads a dotted path
// ("a.b.c") where a step in backticks may contain dots ("`a.b`.c") and a backslash before a
// backtick that closes a step escapes it. Mirrors Apache Kafka's
// org.apache.kafka.connect.transforms.field.SingleFieldPath, including its lookups: a missing
// intermediate field or a null intermediate value gives null; an intermediate value of the wrong
// type fails with Kafka's requireStructOrNull/requireMapOrNull messages ("nested field access").
//
// Immutable after construction; safe to share.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_def.h"
#include "connect/schema.h"
#include "connect/value.h"
#include "util/status.h"

namespace sluice::transforms {

enum class FieldSyntaxVersion { kV1, kV2 };

inline constexpr std::string_view kFieldSyntaxVersion = "field.syntax.version";

// Defines field.syntax.version (STRING, default V1, V1 or V2 in any case).
void define_field_syntax_version(config::ConfigDef& def);
FieldSyntaxVersion field_syntax_version(const config::ParsedConfig& params);

class FieldPath {
 public:
  // The path read from `text`, or the ConfigException message for an unpaired backtick
  // ("Incomplete backtick pair in path: [...], consider adding a backslash before backtick at
  // position N to escape it").
  static Result<FieldPath> parse(std::string_view text, FieldSyntaxVersion version);

  const std::string& text() const { return text_; }
  const std::vector<std::string>& steps() const { return steps_; }

  // SingleFieldPath.fieldFrom: the field the path names in `schema`, or null; looking into a
  // schema that is not a struct fails as ConnectSchema.field does ("Cannot look up fields on
  // non-struct type").
  Result<const connect::Field*> field_from(const connect::Schema* schema) const;
  // SingleFieldPath.valueFrom(Struct, withDefault). REQUIRES: struct_value is null or a struct.
  Result<connect::Value> value_from_struct(const connect::Value& struct_value,
                                           bool replace_null_with_default) const;
  // SingleFieldPath.valueFrom(Map). REQUIRES: map is null or a map.
  Result<connect::Value> value_from_map(const connect::Value& map) const;

 private:
  std::string text_;
  std::vector<std::string> steps_;
};

}  // namespace sluice::transforms
