#include "schema_registry/registry_protocol.h"

#include <openssl/evp.h>

#include <nlohmann/json.hpp>

namespace sluice::schema_registry {

namespace {

using nlohmann::json;

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

http::HttpRequest base_request(const RegistryClientConfig& config, std::string method,
                               std::string url) {
  http::HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  // What Confluent's RestService sends: the registry's media type, and that answers may carry
  // properties this client does not know.
  request.headers.emplace_back("Accept", std::string(kRegistryMediaType) +
                                             ", application/vnd.schemaregistry+json; qs=0.9, "
                                             "application/json; qs=0.5");
  request.headers.emplace_back("Confluent-Accept-Unknown-Properties", "true");
  if (!config.basic_user_info.empty()) {
    request.headers.emplace_back("Authorization", "Basic " + base64(config.basic_user_info));
  } else if (!config.bearer_token.empty()) {
    request.headers.emplace_back("Authorization", "Bearer " + config.bearer_token);
  }
  // An OAuth token is the client's to add (it changes over time); these go with every bearer
  // source, as RestService sends them.
  if (!config.identity_pool_id.empty()) {
    request.headers.emplace_back("Confluent-Identity-Pool-Id", config.identity_pool_id);
  }
  if (!config.logical_cluster.empty()) {
    request.headers.emplace_back("target-sr-cluster", config.logical_cluster);
  }
  for (const auto& header : config.extra_headers) request.headers.push_back(header);
  return request;
}

Result<SchemaKind> parse_kind(const json& answer) {
  auto it = answer.find("schemaType");
  if (it == answer.end() || it->is_null()) return SchemaKind::kAvro;
  if (!it->is_string()) return Status::data_error("schemaType is not a string");
  const std::string& kind = it->get_ref<const std::string&>();
  if (kind == "AVRO") return SchemaKind::kAvro;
  if (kind == "JSON") return SchemaKind::kJson;
  if (kind == "PROTOBUF") return SchemaKind::kProtobuf;
  return Status::data_error("unknown schemaType " + kind);
}

Result<std::vector<SchemaReference>> parse_references(const json& answer) {
  std::vector<SchemaReference> out;
  auto it = answer.find("references");
  if (it == answer.end() || it->is_null()) return out;
  if (!it->is_array()) return Status::data_error("references is not an array");
  for (const json& ref : *it) {
    if (!ref.is_object() || !ref.contains("name") || !ref["name"].is_string() ||
        !ref.contains("subject") || !ref["subject"].is_string() || !ref.contains("version") ||
        !ref["version"].is_number_integer()) {
      return Status::data_error("a reference lacks its name, subject or version");
    }
    out.push_back(SchemaReference{ref["name"].get<std::string>(), ref["subject"].get<std::string>(),
                                  ref["version"].get<int32_t>()});
  }
  return out;
}

// ruleSet.migrationRules; the other parts of a data contract (domain rules, metadata) are not
// used by the converters.
Result<std::vector<MigrationRule>> parse_migration_rules(const json& answer) {
  std::vector<MigrationRule> out;
  auto rule_set = answer.find("ruleSet");
  if (rule_set == answer.end() || !rule_set->is_object()) return out;
  auto rules = rule_set->find("migrationRules");
  if (rules == rule_set->end() || rules->is_null()) return out;
  if (!rules->is_array()) return Status::data_error("ruleSet.migrationRules is not an array");
  for (const json& rule : *rules) {
    if (!rule.is_object()) return Status::data_error("a migration rule is not an object");
    MigrationRule r;
    auto text = [&](const char* key) {
      auto it = rule.find(key);
      return it != rule.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    r.name = text("name");
    r.type = text("type");
    r.mode = text("mode");
    auto disabled = rule.find("disabled");
    r.disabled = disabled != rule.end() && disabled->is_boolean() && disabled->get<bool>();
    out.push_back(std::move(r));
  }
  return out;
}

Result<json> parse_object(std::string_view body) {
  json answer = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!answer.is_object()) return Status::data_error("the registry's answer is not a JSON object");
  return answer;
}

// The registry's answer with the schema text, its kind and its references.
Status fill_schema(const json& answer, RegisteredSchema& schema) {
  auto text = answer.find("schema");
  if (text == answer.end() || !text->is_string()) {
    return Status::data_error("the registry's answer has no schema");
  }
  schema.text = text->get<std::string>();
  SLUICE_ASSIGN_OR_RETURN(schema.kind, parse_kind(answer));
  SLUICE_ASSIGN_OR_RETURN(schema.references, parse_references(answer));
  SLUICE_ASSIGN_OR_RETURN(schema.migration_rules, parse_migration_rules(answer));
  return Status::ok_status();
}

}  // namespace

std::string_view schema_kind_name(SchemaKind kind) {
  switch (kind) {
    case SchemaKind::kAvro:
      return "AVRO";
    case SchemaKind::kJson:
      return "JSON";
    case SchemaKind::kProtobuf:
      return "PROTOBUF";
  }
  return "AVRO";
}

std::string encode_path_segment(std::string_view segment) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(segment.size());
  for (char c : segment) {
    auto u = static_cast<unsigned char>(c);
    // URLEncoder keeps letters, digits and ".-*_"; '*' is safe in a path too.
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '.' ||
        c == '-' || c == '*' || c == '_') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0f];
    }
  }
  return out;
}

http::HttpRequest schema_by_id_request(const RegistryClientConfig& config,
                                       std::string_view base_url, SchemaId id,
                                       const Subject& subject) {
  return base_request(config, "GET",
                      std::string(base_url) + "/schemas/ids/" + std::to_string(id.value) +
                          "?fetchMaxId=false&subject=" + encode_path_segment(subject.name()));
}

http::HttpRequest lookup_version_request(const RegistryClientConfig& config,
                                         std::string_view base_url, const Subject& subject,
                                         const RegisteredSchema& schema,
                                         std::string* body_storage) {
  json body = json::object();
  body["schema"] = schema.text;
  // Confluent's client leaves schemaType out for Avro, the registry's default.
  if (schema.kind != SchemaKind::kAvro) body["schemaType"] = schema_kind_name(schema.kind);
  if (!schema.references.empty()) {
    json refs = json::array();
    for (const SchemaReference& r : schema.references) {
      refs.push_back({{"name", r.name}, {"subject", r.subject}, {"version", r.version}});
    }
    body["references"] = std::move(refs);
  }
  *body_storage = body.dump();
  http::HttpRequest request =
      base_request(config, "POST",
                   std::string(base_url) + "/subjects/" + encode_path_segment(subject.name()) +
                       "?normalize=false&deleted=true");
  request.headers.emplace_back("Content-Type", std::string(kRegistryMediaType));
  request.body = *body_storage;
  return request;
}

http::HttpRequest subject_version_request(const RegistryClientConfig& config,
                                          std::string_view base_url, const Subject& subject,
                                          std::optional<SchemaVersion> version) {
  return base_request(config, "GET",
                      std::string(base_url) + "/subjects/" + encode_path_segment(subject.name()) +
                          "/versions/" +
                          (version ? std::to_string(version->value) : std::string("latest")));
}

http::HttpRequest latest_with_metadata_request(
    const RegistryClientConfig& config, std::string_view base_url, const Subject& subject,
    const std::vector<std::pair<std::string, std::string>>& metadata) {
  std::string url =
      std::string(base_url) + "/subjects/" + encode_path_segment(subject.name()) + "/metadata?";
  for (const auto& [key, value] : metadata) {
    url += "key=" + encode_path_segment(key) + "&value=" + encode_path_segment(value) + "&";
  }
  url += "deleted=false";
  return base_request(config, "GET", std::move(url));
}

Result<RegisteredSchema> parse_schema_answer(std::string_view body, SchemaId id) {
  SLUICE_ASSIGN_OR_RETURN(json answer, parse_object(body));
  RegisteredSchema schema;
  schema.id = id;
  SLUICE_RETURN_IF_ERROR(fill_schema(answer, schema));
  return schema;
}

Result<SubjectSchema> parse_subject_schema_answer(std::string_view body) {
  SLUICE_ASSIGN_OR_RETURN(json answer, parse_object(body));
  auto id = answer.find("id");
  auto version = answer.find("version");
  if (id == answer.end() || !id->is_number_integer() || version == answer.end() ||
      !version->is_number_integer()) {
    return Status::data_error("the registry's answer has no id or version");
  }
  SubjectSchema out;
  out.version = SchemaVersion{version->get<int32_t>()};
  out.schema.id = SchemaId{id->get<int32_t>()};
  SLUICE_RETURN_IF_ERROR(fill_schema(answer, out.schema));
  return out;
}

RegistryError parse_error_answer(std::string_view body) {
  RegistryError error;
  json answer = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (answer.is_object()) {
    auto code = answer.find("error_code");
    auto message = answer.find("message");
    if (code != answer.end() && code->is_number_integer()) error.error_code = code->get<int>();
    if (message != answer.end() && message->is_string())
      error.message = message->get<std::string>();
  }
  if (error.message.empty()) error.message = std::string(body.substr(0, 200));
  return error;
}

}  // namespace sluice::schema_registry
