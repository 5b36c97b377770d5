// The Schema Registry's REST requests and answers, built and parsed apart from sending and
// retrying them (schema_registry_client.h does that). Requests follow Confluent's serde client
// (RestService): the registry's media type, Basic or Bearer authorization, and the query
// parameters the converters send (kafka-connect.md §2.6 of the project's notes; API reference:
// https://docs.confluent.io/platform/current/schema-registry/develop/api.html). Stateless.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/http_client.h"
#include "schema_registry/registry_client_config.h"
#include "schema_registry/registry_types.h"
#include "util/status.h"

namespace sluice::schema_registry {

inline constexpr std::string_view kRegistryMediaType = "application/vnd.schemaregistry.v1+json";

// GET /schemas/ids/{id}?fetchMaxId=false&subject={subject}: the schema behind a wire-format id.
http::HttpRequest schema_by_id_request(const RegistryClientConfig& config,
                                       std::string_view base_url, SchemaId id,
                                       const Subject& subject);

// POST /subjects/{subject}?normalize=false&deleted=true with the schema: its version under that
// subject (the converters' version lookup).
http::HttpRequest lookup_version_request(const RegistryClientConfig& config,
                                         std::string_view base_url, const Subject& subject,
                                         const RegisteredSchema& schema, std::string* body_storage);

// GET /subjects/{subject}/versions/{version|latest}.
http::HttpRequest subject_version_request(const RegistryClientConfig& config,
                                          std::string_view base_url, const Subject& subject,
                                          std::optional<SchemaVersion> version);

// GET /subjects/{subject}/metadata?key={k}&value={v}...&deleted=false: the latest version whose
// metadata properties hold every given key and value (Confluent's getLatestWithMetadata).
http::HttpRequest latest_with_metadata_request(
    const RegistryClientConfig& config, std::string_view base_url, const Subject& subject,
    const std::vector<std::pair<std::string, std::string>>& metadata);

// A schema with its place under a subject, as /subjects/{s}/versions/{v} and the version lookup
// answer.
struct SubjectSchema {
  SchemaVersion version;
  RegisteredSchema schema;
};

// The answer of schema_by_id_request: {"schema": "...", "schemaType"?: ..., "references"?: [...],
// "ruleSet"?: {"migrationRules"?: [...]}}.
Result<RegisteredSchema> parse_schema_answer(std::string_view body, SchemaId id);

// The answer of lookup_version_request and subject_version_request:
// {"subject", "id", "version", "schema", "schemaType"?, "references"?}.
Result<SubjectSchema> parse_subject_schema_answer(std::string_view body);

// An error answer: {"error_code": 40403, "message": "Schema not found"}; `error_code` 0 and the
// body itself (shortened) as the message when it is not one.
struct RegistryError {
  int error_code = 0;
  std::string message;
};
RegistryError parse_error_answer(std::string_view body);

// The subject percent-encoded for a URL path, as Java's URLEncoder with '+' as %20.
std::string encode_path_segment(std::string_view segment);

}  // namespace sluice::schema_registry
