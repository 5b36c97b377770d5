#include "aws/imds_credentials_provider.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <utility>

#include "aws/credentials_parsing.h"

namespace sluice::aws {

namespace {

constexpr std::string_view kCredentialsPath = "/latest/meta-data/iam/security-credentials/";

http::HttpClientOptions imds_http_options(const ImdsOptions& imds) {
  http::HttpClientOptions options;
  options.connect_timeout = imds.connect_timeout;
  options.request_timeout = imds.request_timeout;
  return options;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

ImdsCredentialsProvider::ImdsCredentialsProvider(EnvironmentCredentialsProvider::Lookup env,
                                                 ImdsOptions options)
    : env_(std::move(env)), options_(std::move(options)), http_(imds_http_options(options_)) {
  disabled_ = lower(env_or_empty(env_, "AWS_EC2_METADATA_DISABLED")) == "true";
  endpoint_ = env_or_empty(env_, "AWS_EC2_METADATA_SERVICE_ENDPOINT");
  if (endpoint_.empty()) {
    endpoint_ = lower(env_or_empty(env_, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE")) == "ipv6"
                    ? "http://[fd00:ec2::254]"
                    : "http://169.254.169.254";
  }
  while (!endpoint_.empty() && endpoint_.back() == '/') endpoint_.pop_back();
}

std::chrono::steady_clock::time_point ImdsCredentialsProvider::now() const {
  return options_.clock ? options_.clock() : std::chrono::steady_clock::now();
}

Result<std::string> ImdsCredentialsProvider::token(bool force) {
  if (!force && !token_.empty() && now() < token_expiry_) return token_;
  http::HttpRequest request;
  request.method = "PUT";
  request.url = endpoint_ + "/latest/api/token";
  request.headers = {{"X-aws-ec2-metadata-token-ttl-seconds", std::to_string(kTokenTtlSeconds)}};
  auto started = now();
  Result<http::HttpResponse> response = http_.send(request);
  if (!response.ok()) {
    // Not on EC2 (or a hop limit that drops the reply): let the chain move on, and remember it.
    unreachable_ = Status::not_found("instance metadata service at " + endpoint_ +
                                     " not reachable: " + response.status().message());
    unreachable_until_ = now() + options_.unreachable_ttl;
    return unreachable_;
  }
  if (response->status != 200 || response->body.empty()) {
    return Status::fatal("IMDS token request to " + endpoint_ + " answered HTTP " +
                         std::to_string(response->status));
  }
  token_ = response->body;
  // Renew a minute early so a request never carries a token that expires in flight.
  token_expiry_ = started + std::chrono::seconds(kTokenTtlSeconds - 60);
  return token_;
}

Result<http::HttpResponse> ImdsCredentialsProvider::get(const std::string& path) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    SLUICE_ASSIGN_OR_RETURN(std::string t, token(attempt > 0));
    http::HttpRequest request;
    request.url = endpoint_ + path;
    request.headers = {{"X-aws-ec2-metadata-token", t}};
    Result<http::HttpResponse> response = http_.send(request);
    if (!response.ok()) return response.status().with_context("IMDS GET " + path);
    if (response->status == 401 && attempt == 0) continue;  // token expired: fetch a new one
    return response;
  }
  return Status::fatal("unreachable");
}

Result<AwsCredentials> ImdsCredentialsProvider::credentials() {
  if (disabled_) return Status::not_found("AWS_EC2_METADATA_DISABLED=true");
  std::lock_guard lock(mutex_);
  if (!unreachable_.ok() && now() < unreachable_until_) return unreachable_;
  SLUICE_ASSIGN_OR_RETURN(http::HttpResponse roles, get(std::string(kCredentialsPath)));
  if (roles.status == 404) return Status::not_found("no IAM role attached to this EC2 instance");
  if (roles.status != 200) {
    return Status::fatal("IMDS role lookup answered HTTP " + std::to_string(roles.status));
  }
  std::string role = roles.body.substr(0, roles.body.find('\n'));
  while (!role.empty() && (role.back() == '\r' || role.back() == ' ')) role.pop_back();
  if (role.empty()) return Status::not_found("no IAM role attached to this EC2 instance");
  SLUICE_ASSIGN_OR_RETURN(http::HttpResponse creds, get(std::string(kCredentialsPath) + role));
  if (creds.status != 200) {
    StatusCode code = creds.status >= 500 ? StatusCode::kRetriable : StatusCode::kFatal;
    return Status(code, "IMDS credentials of role " + role + " answered HTTP " +
                            std::to_string(creds.status));
  }
  nlohmann::json doc = nlohmann::json::parse(creds.body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_object() && doc.contains("Code") && doc["Code"] != "Success") {
    std::string code = doc["Code"].is_string() ? doc["Code"].get<std::string>() : "?";
    return Status::fatal("IMDS credentials of role " + role + ": Code " + code);
  }
  return parse_credentials_json(creds.body, "Token", "imds");
}

Result<std::string> ImdsCredentialsProvider::region() {
  if (disabled_) return Status::not_found("AWS_EC2_METADATA_DISABLED=true");
  std::lock_guard lock(mutex_);
  if (!unreachable_.ok() && now() < unreachable_until_) return unreachable_;
  SLUICE_ASSIGN_OR_RETURN(http::HttpResponse answer, get("/latest/meta-data/placement/region"));
  if (answer.status != 200) {
    return Status::not_found("IMDS region lookup answered HTTP " + std::to_string(answer.status));
  }
  std::string region = answer.body;
  while (!region.empty() &&
         (region.back() == '\n' || region.back() == '\r' || region.back() == ' ')) {
    region.pop_back();
  }
  if (region.empty()) return Status::not_found("IMDS gave an empty region");
  return region;
}

}  // namespace sluice::aws
