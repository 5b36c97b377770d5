// The "Schemaless values (sluice)" group of the connector configuration: sluice's own
// sluice.value.schema.* keys, a value schema (from a file or a Schema Registry subject) for records
// whose converter gives none, how the builder reads them and the checks between them.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>

#include "config/connector_config_internal.h"

namespace sluice::config {
namespace connector_internal {

// sluice only: a value schema for records without one (schemaless JSON), so that Parquet and
// Avro files can be written from them.
void define_value_schema_keys(ConfigDef& def) {
  using T = ConfigType;
  def.begin_group("Schemaless values (sluice)",
                  "sluice only. A value schema the user supplies for records whose value "
                  "converter gives no schema (StringConverter with JSON text, JsonConverter with "
                  "`schemas.enable=false`), so that ParquetFormat and AvroFormat can write them. "
                  "At most one of `sluice.value.schema.file` and `sluice.value.schema.subject`. "
                  "See docs/compatibility.md, \"sluice extensions\".");
  def.define("sluice.value.schema.file", T::kString)
      .default_null()
      .importance(Importance::kMedium)
      .doc(
          "Path of a schema file (an Avro schema, `.avsc`, or a JSON Schema, see "
          "`sluice.value.schema.type`), read once at start. Every record value is bound to it: "
          "JSON text or a schemaless map becomes a struct of that schema (fields by name, "
          "numbers checked against the field types); a value that does not fit is a data "
          "error (`errors.tolerance`). The Connect schema is what AvroConverter (default "
          "settings) or JsonSchemaConverter would give records carrying that schema.");
  def.define("sluice.value.schema.type", T::kString)
      .default_null()
      .validator(Validator::one_of(enum_texts(kValueSchemaTypes), true))
      .importance(Importance::kMedium)
      .doc(
          "The language of `sluice.value.schema.file`: `avro` (the default) or `json` (JSON "
          "Schema draft 4 to 7). Only with `sluice.value.schema.file`.");
  def.define("sluice.value.schema.subject", T::kString)
      .default_null()
      .importance(Importance::kMedium)
      .doc(
          "A Schema Registry subject whose latest version (Avro or JSON Schema, without "
          "references) is fetched once when the connector starts and used as "
          "`sluice.value.schema.file` is. The registry is `sluice.value.schema.registry.url`, "
          "else the value converter's `schema.registry.url` and its other registry settings.");
  def.define_prefix("sluice.value.schema.registry.",
                    "sluice only. Schema Registry settings for `sluice.value.schema.subject`, "
                    "read as a Confluent converter reads its own: `url` for "
                    "`schema.registry.url`, `ssl.*` for `schema.registry.ssl.*`, other keys "
                    "as the converter spells them (`basic.auth.credentials.source`, "
                    "`basic.auth.user.info`, ...). Without them, the value converter's "
                    "registry settings apply.");
}

}  // namespace connector_internal

using connector_internal::enum_from_text;
using connector_internal::kValueSchemaTypes;

void ConnectorConfigBuilder::read_value_schema_keys() {
  S3SinkConnectorConfig& c = config_;
  c.value_schema_file_ = parsed_.optional_string("sluice.value.schema.file");
  if (auto type = parsed_.optional_string("sluice.value.schema.type")) {
    c.value_schema_type_ = enum_from_text(kValueSchemaTypes, *type, true);
  }
  c.value_schema_subject_ = parsed_.optional_string("sluice.value.schema.subject");
  c.value_schema_registry_config_ = raw_.with_prefix("sluice.value.schema.registry.");
}

// sluice.value.schema.*: one source, its type only with a file, registry keys only with a
// subject, the file readable (its content is checked with the converters, which know schemas).
void ConnectorConfigBuilder::check_value_schema() {
  const S3SinkConnectorConfig& c = config_;
  const std::string kFile = "sluice.value.schema.file";
  const std::string kSubject = "sluice.value.schema.subject";
  const std::string kType = "sluice.value.schema.type";
  auto invalid = [&](const std::string& key, const std::string& why) {
    error(key, "Invalid value '" + given(key) + "' for configuration " + key + ": " + why);
  };
  if (c.value_schema_file_ && c.value_schema_subject_) {
    invalid(kSubject,
            "only one of sluice.value.schema.file and sluice.value.schema.subject "
            "may be set (sluice.value.schema.file='" +
                *c.value_schema_file_ + "')");
  }
  if (c.value_schema_file_ && c.value_schema_file_->empty()) {
    invalid(kFile, "must be the path of a schema file (an Avro .avsc or a JSON Schema)");
  } else if (c.value_schema_file_ && !std::ifstream(*c.value_schema_file_)) {
    invalid(kFile, std::string("cannot read the file (") + std::strerror(errno) +
                       "); a readable Avro .avsc or JSON Schema file is allowed");
  }
  if (c.value_schema_subject_ && c.value_schema_subject_->empty()) {
    invalid(kSubject, "must be a Schema Registry subject name");
  }
  if (raw_.get(kType) && !c.value_schema_file_ && valid(kType)) {
    invalid(kType,
            "applies only with sluice.value.schema.file (a subject's schema type is "
            "the registry's)");
  }
  if (!c.value_schema_registry_config_.empty() && !c.value_schema_subject_) {
    invalid("sluice.value.schema.registry." + c.value_schema_registry_config_.begin()->first,
            "sluice.value.schema.registry.* keys apply only with sluice.value.schema.subject");
  }
}

}  // namespace sluice::config
