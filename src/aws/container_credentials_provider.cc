#include "aws/container_credentials_provider.h"

#include <utility>

#include "aws/credentials_parsing.h"

namespace sluice::aws {

namespace {

http::HttpClientOptions metadata_http_options() {
  http::HttpClientOptions options;
  options.connect_timeout = std::chrono::milliseconds(2'000);
  options.request_timeout = std::chrono::milliseconds(5'000);
  return options;
}

}  // namespace

ContainerCredentialsProvider::ContainerCredentialsProvider(
    EnvironmentCredentialsProvider::Lookup env, std::string relative_base)
    : env_(std::move(env)),
      relative_base_(std::move(relative_base)),
      http_(metadata_http_options()) {}

bool ContainerCredentialsProvider::full_uri_allowed(const std::string& url) {
  if (url.rfind("https://", 0) == 0) return true;
  if (url.rfind("http://", 0) != 0) return false;
  std::string authority = url.substr(
      7, url.find('/', 7) == std::string::npos ? std::string::npos : url.find('/', 7) - 7);
  std::string host;
  if (!authority.empty() && authority[0] == '[') {
    host = authority.substr(0, authority.find(']') + 1);
  } else {
    host = authority.substr(0, authority.find(':'));
  }
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "[::1]" ||
         host == "169.254.170.2" || host == "169.254.170.23" || host == "[fd00:ec2::23]";
}

Result<AwsCredentials> ContainerCredentialsProvider::credentials() {
  std::string relative = env_or_empty(env_, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  std::string full = env_or_empty(env_, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
  std::string url;
  if (!relative.empty()) {
    url = relative_base_ + relative;
  } else if (!full.empty()) {
    if (!full_uri_allowed(full)) {
      return Status::fatal("AWS_CONTAINER_CREDENTIALS_FULL_URI " + full +
                           " is neither https nor a loopback or container-agent address");
    }
    url = full;
  } else {
    return Status::not_found("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/_FULL_URI not set");
  }
  http::HttpRequest request;
  request.url = url;
  std::string token_file = env_or_empty(env_, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
  std::string token;
  if (!token_file.empty()) {
    Result<std::string> read = read_text_file(token_file);
    if (!read.ok())
      return Status::fatal("container authorization token: " + read.status().message());
    token = std::move(read).value();
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  } else {
    token = env_or_empty(env_, "AWS_CONTAINER_AUTHORIZATION_TOKEN");
  }
  if (!token.empty()) request.headers.emplace_back("Authorization", token);
  Result<http::HttpResponse> response = [&] {
    std::lock_guard lock(mutex_);
    return http_.send(request);
  }();
  const std::string context = "container credentials from " + url;
  if (!response.ok()) return response.status().with_context(context);
  if (response->status != 200) {
    StatusCode code = response->status >= 500 || response->status == 429 ? StatusCode::kRetriable
                                                                         : StatusCode::kFatal;
    return Status(code, context + ": HTTP " + std::to_string(response->status));
  }
  return parse_credentials_json(response->body, "Token", "container");
}

}  // namespace sluice::aws
