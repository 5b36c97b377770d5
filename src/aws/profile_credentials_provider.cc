#include "aws/profile_credentials_provider.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>
#include <utility>

#include "aws/assume_role_credentials_provider.h"
#include "aws/container_credentials_provider.h"
#include "aws/credentials_parsing.h"
#include "aws/imds_credentials_provider.h"
#include "aws/process_credentials_provider.h"
#include "aws/refreshing_credentials_provider.h"
#include "aws/static_credentials_provider.h"
#include "aws/web_identity_credentials_provider.h"

namespace sluice::aws {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

using Properties = std::map<std::string, std::string>;

std::string get(const Properties& p, const char* key) {
  auto it = p.find(key);
  return it == p.end() ? std::string() : it->second;
}

std::string default_session_name() {
  return "sluice-session-" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                                std::chrono::system_clock::now().time_since_epoch())
                                                .count());
}

// Resolves one profile into a provider; `visited` holds the profiles on the current
// source_profile path, for cycle detection.
class ProfileResolver {
 public:
  ProfileResolver(const ProfileMap& profiles, const EnvironmentCredentialsProvider::Lookup& env,
                  const ProfileProviderOptions& options)
      : profiles_(profiles), env_(env), options_(options) {}

  Result<std::unique_ptr<CredentialsProvider>> resolve(const std::string& name) {
    auto found = profiles_.find(name);
    if (found == profiles_.end()) return Status::not_found("profile " + name + " not found");
    const Properties& p = found->second;
    const std::string context = "profile " + name;
    if (!get(p, "role_arn").empty()) return resolve_role(name, p);
    if (!get(p, "credential_process").empty()) {
      return std::unique_ptr<CredentialsProvider>(std::make_unique<RefreshingCredentialsProvider>(
          std::make_unique<ProcessCredentialsProvider>(get(p, "credential_process"))));
    }
    return static_keys(name, p);
  }

 private:
  Result<std::unique_ptr<CredentialsProvider>> static_keys(const std::string& name,
                                                           const Properties& p) {
    AwsCredentials keys;
    keys.access_key_id = get(p, "aws_access_key_id");
    keys.secret_access_key = get(p, "aws_secret_access_key");
    keys.session_token = get(p, "aws_session_token");
    keys.provider = "profile";
    if (keys.access_key_id.empty()) {
      return Status::not_found("profile " + name + " has no credentials");
    }
    if (keys.secret_access_key.empty()) {
      return Status::fatal("profile " + name + " has aws_access_key_id " + keys.access_key_id +
                           " but no aws_secret_access_key");
    }
    return std::unique_ptr<CredentialsProvider>(
        std::make_unique<StaticCredentialsProvider>(std::move(keys)));
  }

  Result<std::unique_ptr<CredentialsProvider>> resolve_role(const std::string& name,
                                                            const Properties& p) {
    const std::string context = "profile " + name;
    if (!get(p, "mfa_serial").empty()) {
      return Status::fatal(context + ": mfa_serial needs an interactive MFA code; not supported");
    }
    StsClientOptions sts_options = options_.sts;
    sts_options.region = get(p, "region");
    if (sts_options.region.empty()) sts_options.region = env_or_empty(env_, "AWS_REGION");
    if (sts_options.region.empty()) sts_options.region = env_or_empty(env_, "AWS_DEFAULT_REGION");
    if (sts_options.region.empty()) sts_options.region = "us-east-1";
    auto sts = std::make_shared<StsClient>(std::move(sts_options));
    std::string session = get(p, "role_session_name");
    if (session.empty()) session = default_session_name();

    if (!get(p, "web_identity_token_file").empty()) {
      return make_web_identity_provider(
          WebIdentityConfig{get(p, "role_arn"), get(p, "web_identity_token_file"), session}, sts);
    }
    std::unique_ptr<CredentialsProvider> source;
    std::string source_profile = get(p, "source_profile");
    std::string credential_source = get(p, "credential_source");
    if (!source_profile.empty() && !credential_source.empty()) {
      return Status::fatal(context + ": both source_profile and credential_source are set");
    }
    if (!source_profile.empty()) {
      if (source_profile == name) {
        // A profile that names itself takes its own static keys as the caller.
        SLUICE_ASSIGN_OR_RETURN(source, static_keys(name, p));
      } else {
        if (!visited_.insert(name).second || visited_.count(source_profile) > 0) {
          return Status::fatal(context + ": source_profile cycle through " + source_profile);
        }
        Result<std::unique_ptr<CredentialsProvider>> resolved = resolve(source_profile);
        if (!resolved.ok()) {
          return Status::fatal(context + ": source_profile " + source_profile + ": " +
                               resolved.status().message());
        }
        source = std::move(resolved).value();
      }
    } else if (!credential_source.empty()) {
      if (credential_source == "Environment") {
        source = std::make_unique<EnvironmentCredentialsProvider>(env_);
      } else if (credential_source == "Ec2InstanceMetadata" ||
                 credential_source == "EcsContainer") {
        if (options_.credential_source_factory) {
          source = options_.credential_source_factory(credential_source);
        } else if (credential_source == "Ec2InstanceMetadata") {
          source = std::make_unique<RefreshingCredentialsProvider>(
              std::make_unique<ImdsCredentialsProvider>(env_));
        } else {
          source = std::make_unique<RefreshingCredentialsProvider>(
              std::make_unique<ContainerCredentialsProvider>(env_));
        }
      } else {
        return Status::fatal(context + ": unknown credential_source " + credential_source);
      }
    } else {
      return Status::fatal(context + ": role_arn needs source_profile, credential_source or " +
                           "web_identity_token_file");
    }
    AssumeRoleRequest request{get(p, "role_arn"), session, get(p, "external_id"), {}};
    std::string duration = get(p, "duration_seconds");
    if (!duration.empty()) {
      char* end = nullptr;
      long seconds = std::strtol(duration.c_str(), &end, 10);
      if (*end != '\0' || seconds < 900 || seconds > 43200) {
        return Status::fatal(context + ": duration_seconds " + duration +
                             " is not a number of seconds in 900..43200");
      }
      request.duration_seconds = static_cast<int>(seconds);
    }
    return make_assume_role_provider(std::move(source), std::move(sts), std::move(request));
  }

  const ProfileMap& profiles_;
  const EnvironmentCredentialsProvider::Lookup& env_;
  const ProfileProviderOptions& options_;
  std::set<std::string> visited_;
};

}  // namespace

ProfileMap parse_profile_file(std::string_view text, bool is_config_file) {
  ProfileMap out;
  std::map<std::string, std::string>* section = nullptr;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view raw = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    bool indented = !raw.empty() && (raw.front() == ' ' || raw.front() == '\t');
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      size_t close = line.find(']');
      section = nullptr;
      if (close == std::string_view::npos) continue;
      std::string_view name = trim(line.substr(1, close - 1));
      if (is_config_file) {
        if (name.substr(0, 8) == "profile " || name.substr(0, 8) == "profile\t") {
          name = trim(name.substr(8));
        } else if (name != "default") {
          continue;  // [sso-session x], [services x], or a credentials-style [x]: not a profile
        }
      }
      section = &out[std::string(name)];
      continue;
    }
    if (section == nullptr || indented) continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view value = trim(line.substr(eq + 1));
    for (size_t i = 1; i < value.size(); ++i) {
      if ((value[i] == '#' || value[i] == ';') && (value[i - 1] == ' ' || value[i - 1] == '\t')) {
        value = trim(value.substr(0, i));
        break;
      }
    }
    (*section)[lower(trim(line.substr(0, eq)))] = std::string(value);
  }
  return out;
}

std::optional<std::string> profile_region(const EnvironmentCredentialsProvider::Lookup& env,
                                          std::string_view profile) {
  std::string config_path = env_or_empty(env, "AWS_CONFIG_FILE");
  if (config_path.empty()) config_path = env_or_empty(env, "HOME") + "/.aws/config";
  Result<std::string> text = read_text_file(config_path);
  if (!text.ok()) return std::nullopt;
  std::string name(profile);
  if (name.empty()) name = env_or_empty(env, "AWS_PROFILE");
  if (name.empty()) name = "default";
  ProfileMap profiles = parse_profile_file(text.value(), true);
  auto it = profiles.find(name);
  if (it == profiles.end()) return std::nullopt;
  auto region = it->second.find("region");
  if (region == it->second.end() || region->second.empty()) return std::nullopt;
  return region->second;
}

ProfileCredentialsProvider::ProfileCredentialsProvider(EnvironmentCredentialsProvider::Lookup env,
                                                       ProfileProviderOptions options)
    : env_(std::move(env)), options_(std::move(options)) {}

Result<std::shared_ptr<CredentialsProvider>> ProfileCredentialsProvider::delegate() {
  std::lock_guard lock(mutex_);
  if (delegate_) return delegate_;
  std::string home = env_or_empty(env_, "HOME");
  std::string config_path = env_or_empty(env_, "AWS_CONFIG_FILE");
  if (config_path.empty()) config_path = home + "/.aws/config";
  std::string credentials_path = env_or_empty(env_, "AWS_SHARED_CREDENTIALS_FILE");
  if (credentials_path.empty()) credentials_path = home + "/.aws/credentials";
  ProfileMap profiles;
  if (Result<std::string> text = read_text_file(config_path); text.ok()) {
    profiles = parse_profile_file(text.value(), true);
  }
  if (Result<std::string> text = read_text_file(credentials_path); text.ok()) {
    for (auto& [name, properties] : parse_profile_file(text.value(), false)) {
      for (auto& [key, value] : properties) profiles[name][key] = value;  // credentials file wins
    }
  }
  std::string profile = options_.profile;
  if (profile.empty()) profile = env_or_empty(env_, "AWS_PROFILE");
  bool explicit_profile = !profile.empty();
  if (profile.empty()) profile = "default";
  if (explicit_profile && profiles.count(profile) == 0) {
    return Status::fatal("profile " + profile + " not found in " + config_path + " or " +
                         credentials_path);
  }
  ProfileResolver resolver(profiles, env_, options_);
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<CredentialsProvider> built, resolver.resolve(profile));
  delegate_ = std::move(built);
  return delegate_;
}

Result<AwsCredentials> ProfileCredentialsProvider::credentials() {
  SLUICE_ASSIGN_OR_RETURN(std::shared_ptr<CredentialsProvider> provider, delegate());
  Result<AwsCredentials> result = provider->credentials();
  if (!result.ok() && result.status().code() == StatusCode::kNotFound) {
    // A configured profile whose source is missing is a configuration error, not "absent".
    return Status::fatal(result.status().message());
  }
  // Static keys of a profile come through StaticCredentialsProvider, which names itself.
  if (result.ok() && result->provider == "static") result->provider = "profile";
  return result;
}

void ProfileCredentialsProvider::invalidate() {
  std::shared_ptr<CredentialsProvider> old;
  {
    std::lock_guard lock(mutex_);
    old = std::move(delegate_);
  }
  if (old) old->invalidate();
}

}  // namespace sluice::aws
