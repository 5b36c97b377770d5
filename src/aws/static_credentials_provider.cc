#include "aws/static_credentials_provider.h"

#include <utility>

namespace sluice::aws {

namespace {

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

StaticCredentialsProvider::StaticCredentialsProvider(AwsCredentials credentials)
    : credentials_(std::move(credentials)) {
  credentials_.provider = "static";
}

Result<AwsCredentials> StaticCredentialsProvider::credentials() {
  if (blank(credentials_.access_key_id) || blank(credentials_.secret_access_key)) {
    return Status::not_found("aws.access.key.id and aws.secret.access.key are not both set");
  }
  return credentials_;
}

}  // namespace sluice::aws
