#include "providers/ssm_param_store_config_provider.h"

#include <nlohmann/json.hpp>

namespace sluice::providers {

Result<std::unique_ptr<ConfigProvider>> SsmParamStoreConfigProvider::create(
    const std::map<std::string, std::string>& params, AwsProviderDeps deps) {
  SLUICE_ASSIGN_OR_RETURN(AwsProviderSettings settings,
                          aws_provider_settings(params, "ssm", "SSM", deps.env));
  std::unique_ptr<AwsJsonClient> client = make_aws_json_client(settings, "ssm", std::move(deps));
  return std::unique_ptr<ConfigProvider>(
      new SsmParamStoreConfigProvider(std::move(settings), std::move(client)));
}

Result<ConfigData> SsmParamStoreConfigProvider::get(const std::string& /*path*/,
                                                    const std::set<std::string>& keys) {
  ConfigData out;
  for (const std::string& key : keys) {
    SLUICE_ASSIGN_OR_RETURN(KeyReference ref, parse_key_reference(key));
    out.ttl = earliest(out.ttl, ref.ttl);
    AwsJsonCall call{"AmazonSSM.GetParameter",
                     nlohmann::json{{"Name", ref.name}, {"WithDecryption", true}}.dump()};
    std::string what =
        "GetParameter for parameter '" + ref.name + "' at " + client_->endpoint().url;
    SLUICE_ASSIGN_OR_RETURN(AwsJsonOutcome outcome, client_->call(call, what));
    if (!outcome.ok) {
      if (outcome.error.code != "ParameterNotFound") {
        return Status::fatal(what + ": " + describe(outcome.error));
      }
      if (settings_.not_found == NotFoundStrategy::kIgnore) {
        out.data.emplace(key, "");
        continue;
      }
      return Status::invalid_argument("parameter '" + ref.name +
                                      "' does not exist (NotFoundStrategy=fail)");
    }
    nlohmann::json body = nlohmann::json::parse(outcome.body, nullptr, false);
    const nlohmann::json* value = nullptr;
    if (body.is_object() && body.contains("Parameter") && body["Parameter"].is_object() &&
        body["Parameter"].contains("Value") && body["Parameter"]["Value"].is_string()) {
      value = &body["Parameter"]["Value"];
    }
    if (value == nullptr) return Status::fatal(what + ": the answer has no Parameter.Value");
    out.data.emplace(key, value->get<std::string>());
  }
  return out;
}

}  // namespace sluice::providers
