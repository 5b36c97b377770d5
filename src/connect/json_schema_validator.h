// JsonSchemaValidator: checks a JSON payload against its JSON Schema, for JsonSchemaConverter's
// json.fail.invalid.schema=true (Confluent's deserializer then validates every payload with the
// everit library and fails the record when it does not match).
//
// Validation is valijson's (Debian's libvalijson-dev, drafts 4 to 7; the schema's own "$schema"
// picks draft 4, anything else is read as draft 7), with the payload and schemas as
// nlohmann::json documents. What it checks: type, enum, const, properties, required,
// additionalProperties, patternProperties, propertyNames, dependencies, min/maxProperties,
// items, additionalItems, contains, min/maxItems, uniqueItems, minimum, maximum (exclusive too),
// multipleOf, min/maxLength, pattern (ECMAScript regular expressions, where Java uses
// java.util.regex), format (date, time and date-time only; everit also checks email, hostname,
// ipv4, ipv6, uri, uri-reference, uri-template, json-pointer and regex), allOf, anyOf, oneOf,
// not, if/then/else and $ref (into the schema or to a referenced schema by its reference name).
//
// Validating converts each payload to an nlohmann::json tree, so it allocates per record; it is
// off by default, as in Java. Not thread-safe (valijson's regular-expression cache); one per
// converter.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "connect/json_schema_loader.h"
#include "connect/json_tree.h"
#include "util/status.h"

namespace sluice::connect {

class JsonSchemaValidator {
 public:
  // Compiles `schema` and the schemas it references (by reference name). kDataError when
  // valijson cannot read them.
  static Result<std::unique_ptr<JsonSchemaValidator>> create(
      const JsonSchemaSource& schema, const std::vector<JsonSchemaSource>& referenced);
  ~JsonSchemaValidator();
  JsonSchemaValidator(const JsonSchemaValidator&) = delete;
  JsonSchemaValidator& operator=(const JsonSchemaValidator&) = delete;

  // kDataError "JSON does not match schema: <where>: <what>" when `payload` does not match.
  Status validate(const JsonNode& payload);

 private:
  struct Impl;
  explicit JsonSchemaValidator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice::connect
