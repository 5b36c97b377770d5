// StaticCredentialsProvider: fixed keys given in the connector config (Confluent's
// aws.access.key.id / aws.secret.access.key, which take precedence over every other source).
// Immutable after construction, so thread-safe.
#pragma once

#include "aws/credentials.h"

namespace sluice::aws {

class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  // Reports kNotFound unless both the key id and the secret are non-blank, as the Java connector
  // uses static keys only when both are set.
  explicit StaticCredentialsProvider(AwsCredentials credentials);

  Result<AwsCredentials> credentials() override;
  std::string name() const override { return "static"; }

 private:
  AwsCredentials credentials_;
};

}  // namespace sluice::aws
