#include "providers/secrets_manager_config_provider.h"

#include <nlohmann/json.hpp>

#include "aws/hashing.h"
#include "aws/uri_encoding.h"

namespace sluice::providers {

Result<std::map<std::string, std::string>> secret_json_fields(const std::string& secret_string) {
  nlohmann::json doc = nlohmann::json::parse(secret_string, nullptr, false);
  if (!doc.is_object()) {
    return Status::invalid_argument(
        "Unexpected value of a secret's structure: the secret string is not a JSON object (use "
        "${<provider>:<secret>} for the whole string)");
  }
  std::map<std::string, std::string> out;
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const nlohmann::json& v = it.value();
    if (v.is_string()) {
      out.emplace(it.key(), v.get<std::string>());
    } else if (v.is_number() || v.is_boolean()) {
      out.emplace(it.key(), v.dump());
    } else if (!v.is_null()) {
      return Status::invalid_argument("Unexpected value of a secret's structure: field '" +
                                      it.key() + "' is not a string, number or boolean");
    }
  }
  return out;
}

Result<std::unique_ptr<ConfigProvider>> SecretsManagerConfigProvider::create(
    const std::map<std::string, std::string>& params, AwsProviderDeps deps) {
  SLUICE_ASSIGN_OR_RETURN(
      AwsProviderSettings settings,
      aws_provider_settings(params, "secretsmanager", "SECRETS_MANAGER", deps.env));
  bool base64 = false;
  if (auto it = params.find("RawSecretEncoding"); it != params.end()) {
    if (it->second == "base64") {
      base64 = true;
    } else if (it->second != "none") {
      return Status::invalid_argument("Invalid value " + it->second +
                                      " for param RawSecretEncoding: allowed values are none, "
                                      "base64");
    }
  }
  std::unique_ptr<AwsJsonClient> client =
      make_aws_json_client(settings, "secretsmanager", std::move(deps));
  return std::unique_ptr<ConfigProvider>(
      new SecretsManagerConfigProvider(std::move(settings), base64, std::move(client)));
}

Result<std::optional<std::string>> SecretsManagerConfigProvider::secret_string(
    const std::string& secret_id) {
  AwsJsonCall call{"secretsmanager.GetSecretValue", nlohmann::json{{"SecretId", secret_id}}.dump()};
  std::string what = "GetSecretValue for secret '" + secret_id + "' at " + client_->endpoint().url;
  SLUICE_ASSIGN_OR_RETURN(AwsJsonOutcome outcome, client_->call(call, what));
  if (!outcome.ok) {
    if (outcome.error.code == "ResourceNotFoundException") return std::optional<std::string>();
    return Status::fatal(what + ": " + describe(outcome.error));
  }
  nlohmann::json body = nlohmann::json::parse(outcome.body, nullptr, false);
  auto it = body.is_object() ? body.find("SecretString") : body.end();
  if (it == body.end() || !it->is_string()) {
    return Status::fatal(what +
                         ": the answer has no SecretString (a binary secret cannot be used)");
  }
  return std::optional<std::string>(it->get<std::string>());
}

Result<ConfigData> SecretsManagerConfigProvider::get(const std::string& path,
                                                     const std::set<std::string>& keys) {
  ConfigData out;
  auto not_found = [&](const std::string& key, const std::string& why) -> Status {
    if (settings_.not_found == NotFoundStrategy::kIgnore) {
      out.data.emplace(key, "");
      return Status::ok_status();
    }
    return Status::invalid_argument(why + " (NotFoundStrategy=fail)");
  };
  if (path.empty()) {
    // `${secretsmanager:<secret>}`: each key names a whole secret.
    for (const std::string& key : keys) {
      SLUICE_ASSIGN_OR_RETURN(KeyReference ref, parse_key_reference(key));
      std::string secret_id = aws::uri_decode(ref.name, /*plus_as_space=*/true);
      SLUICE_ASSIGN_OR_RETURN(std::optional<std::string> text, secret_string(secret_id));
      out.ttl = earliest(out.ttl, ref.ttl);
      if (!text) {
        SLUICE_RETURN_IF_ERROR(not_found(key, "secret '" + secret_id + "' does not exist"));
        continue;
      }
      out.data.emplace(key, raw_base64_ ? aws::base64_encode(*text) : *text);
    }
    return out;
  }
  std::string secret_id = aws::uri_decode(path, /*plus_as_space=*/true);
  SLUICE_ASSIGN_OR_RETURN(std::optional<std::string> text, secret_string(secret_id));
  std::map<std::string, std::string> fields;
  if (text) {
    Result<std::map<std::string, std::string>> parsed = secret_json_fields(*text);
    if (!parsed.ok()) return parsed.status().with_context("secret '" + secret_id + "'");
    fields = std::move(parsed).value();
  }
  for (const std::string& key : keys) {
    SLUICE_ASSIGN_OR_RETURN(KeyReference ref, parse_key_reference(key));
    out.ttl = earliest(out.ttl, ref.ttl);
    if (!text) {
      SLUICE_RETURN_IF_ERROR(not_found(key, "secret '" + secret_id + "' does not exist"));
      continue;
    }
    auto field = fields.find(ref.name);
    if (field == fields.end()) {
      SLUICE_RETURN_IF_ERROR(
          not_found(key, "secret '" + secret_id + "' has no field '" + ref.name + "'"));
      continue;
    }
    out.data.emplace(key, field->second);
  }
  return out;
}

}  // namespace sluice::providers
