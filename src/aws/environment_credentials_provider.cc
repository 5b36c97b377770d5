#include "aws/environment_credentials_provider.h"

#include <cstdlib>
#include <utility>

namespace sluice::aws {

EnvironmentCredentialsProvider::EnvironmentCredentialsProvider()
    : lookup_([](const char* name) -> std::optional<std::string> {
        const char* value = std::getenv(name);
        if (value == nullptr) return std::nullopt;
        return std::string(value);
      }) {}

EnvironmentCredentialsProvider::EnvironmentCredentialsProvider(Lookup lookup)
    : lookup_(std::move(lookup)) {}

Result<AwsCredentials> EnvironmentCredentialsProvider::credentials() {
  AwsCredentials out;
  out.provider = "environment";
  out.access_key_id = lookup_("AWS_ACCESS_KEY_ID").value_or("");
  out.secret_access_key = lookup_("AWS_SECRET_ACCESS_KEY").value_or("");
  if (out.access_key_id.empty() && out.secret_access_key.empty()) {
    return Status::not_found("AWS_ACCESS_KEY_ID is not set");
  }
  if (out.access_key_id.empty()) {
    return Status::fatal("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is empty");
  }
  if (out.secret_access_key.empty()) {
    return Status::fatal("AWS_ACCESS_KEY_ID=" + out.access_key_id +
                         " is set but AWS_SECRET_ACCESS_KEY is empty");
  }
  out.session_token = lookup_("AWS_SESSION_TOKEN").value_or("");
  if (out.session_token.empty()) out.session_token = lookup_("AWS_SECURITY_TOKEN").value_or("");
  return out;
}

}  // namespace sluice::aws
