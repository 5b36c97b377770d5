// EnvironmentCredentialsProvider: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the optional
// AWS_SESSION_TOKEN (or the older AWS_SECURITY_TOKEN), read on every call so a supervisor that
// rotates them is followed (spec msk-connect-and-aws.md §5.2).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "aws/credentials.h"

namespace sluice::aws {

class EnvironmentCredentialsProvider final : public CredentialsProvider {
 public:
  // Looks a variable up; nullopt when unset. Tests inject a map; the default reads the process
  // environment (std::getenv, safe as long as nobody calls setenv concurrently).
  using Lookup = std::function<std::optional<std::string>(const char* name)>;

  EnvironmentCredentialsProvider();
  explicit EnvironmentCredentialsProvider(Lookup lookup);

  // kNotFound when AWS_ACCESS_KEY_ID is unset or empty; kFatal when only one of the key id and
  // the secret is set (a half-configured environment is a mistake to report, not to skip).
  Result<AwsCredentials> credentials() override;
  std::string name() const override { return "environment"; }

 private:
  Lookup lookup_;
};

}  // namespace sluice::aws
