// ProfileCredentialsProvider: credentials from the shared files ~/.aws/credentials and
// ~/.aws/config (spec msk-connect-and-aws.md §5.3), for the profile AWS_PROFILE names (default
// "default").
//
// Inside a profile: role_arn (with web_identity_token_file, source_profile or credential_source)
// wins over credential_process, which wins over static keys; the credentials file wins over the
// config file key by key. The files are read at the first call, and again after invalidate() or
// while the profile has no credentials; the provider built from them (with its cached temporary
// credentials) is kept in between. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "aws/environment_credentials_provider.h"
#include "aws/sts_client.h"

namespace sluice::aws {

// profile name -> (lowercase key -> value).
using ProfileMap = std::map<std::string, std::map<std::string, std::string>>;

// Parses one shared file. In the config file profiles are [default] and [profile name] (other
// sections, such as [sso-session x] or [services x], are skipped); in the credentials file they
// are [name]. Lines starting with '#' or ';' are comments, as is the rest of a line after " #" or
// " ;". Indented lines (nested settings such as "s3 =\n  max_concurrent_requests = 4") are skipped.
ProfileMap parse_profile_file(std::string_view text, bool is_config_file);

// The `region` of a profile in the shared config file (AWS_CONFIG_FILE, default ~/.aws/config), as
// the SDKs' region chains read it: `profile`, else AWS_PROFILE, else "default". Nothing when the
// file, the profile or the key is missing.
std::optional<std::string> profile_region(const EnvironmentCredentialsProvider::Lookup& env,
                                          std::string_view profile = {});

struct ProfileProviderOptions {
  // Profile to use; empty: AWS_PROFILE, else "default".
  std::string profile;
  // Keeps endpoint/http/clock; the region comes from the profile (region), AWS_REGION,
  // AWS_DEFAULT_REGION or us-east-1.
  StsClientOptions sts;
  // For credential_source = Ec2InstanceMetadata / EcsContainer: replace the base providers
  // (tests). Empty: the IMDS / container providers over env.
  std::function<std::unique_ptr<CredentialsProvider>(const std::string& credential_source)>
      credential_source_factory;
};

class ProfileCredentialsProvider final : public CredentialsProvider {
 public:
  ProfileCredentialsProvider(EnvironmentCredentialsProvider::Lookup env,
                             ProfileProviderOptions options = {});

  // kNotFound when the default profile is absent or has no credentials; kFatal when a profile
  // named explicitly (AWS_PROFILE) is absent, or for broken configuration (source_profile cycles,
  // mfa_serial, a missing secret, an unknown credential_source).
  Result<AwsCredentials> credentials() override;
  void invalidate() override;
  std::string name() const override { return "profile"; }

 private:
  Result<std::shared_ptr<CredentialsProvider>> delegate();

  EnvironmentCredentialsProvider::Lookup env_;
  ProfileProviderOptions options_;
  std::mutex mutex_;
  std::shared_ptr<CredentialsProvider> delegate_;
};

}  // namespace sluice::aws
