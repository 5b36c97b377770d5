#include "aws/sts_client.h"

#include <cctype>
#include <cstdlib>
#include <utility>

#include "aws/credentials_parsing.h"
#include "aws/uri_encoding.h"

namespace sluice::aws {

namespace {

constexpr std::string_view kErrorCodeMarker = " [sts-code=";

std::string authority_of(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find('/', start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

std::string StsClient::configured_endpoint(const std::string& region) {
  // The SDKs' service-specific endpoint settings (AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL),
  // unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true.
  auto env = [](const char* name) -> std::string {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
  };
  std::string ignore = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  for (char& c : ignore) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ignore != "true") {
    for (const char* name : {"AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"}) {
      std::string value = env(name);
      if (!value.empty()) return value;
    }
  }
  return regional_endpoint(region);
}

StsClient::StsClient(StsClientOptions options)
    : options_(std::move(options)),
      endpoint_(options_.endpoint.empty() ? configured_endpoint(options_.region)
                                          : options_.endpoint),
      host_(authority_of(endpoint_)),
      signer_("sts", options_.region),
      http_(options_.http) {
  while (!endpoint_.empty() && endpoint_.back() == '/') endpoint_.pop_back();
}

std::string StsClient::regional_endpoint(const std::string& region) {
  std::string suffix = region.rfind("cn-", 0) == 0 ? ".amazonaws.com.cn" : ".amazonaws.com";
  return "https://sts." + region + suffix;
}

std::string StsClient::error_code(const Status& status) {
  const std::string& m = status.message();
  size_t at = m.rfind(kErrorCodeMarker);
  if (at == std::string::npos) return "";
  size_t begin = at + kErrorCodeMarker.size();
  size_t end = m.find(']', begin);
  return end == std::string::npos ? "" : m.substr(begin, end - begin);
}

Result<AwsCredentials> StsClient::assume_role(const AssumeRoleRequest& request,
                                              const AwsCredentials& caller) {
  QueryParams params = {{"Action", "AssumeRole"},
                        {"Version", "2011-06-15"},
                        {"RoleArn", request.role_arn},
                        {"RoleSessionName", request.role_session_name}};
  if (!request.external_id.empty()) params.emplace_back("ExternalId", request.external_id);
  if (request.duration_seconds) {
    params.emplace_back("DurationSeconds", std::to_string(*request.duration_seconds));
  }
  return call("AssumeRole", params, &caller);
}

Result<AwsCredentials> StsClient::assume_role_with_web_identity(const WebIdentityRequest& request) {
  QueryParams params = {{"Action", "AssumeRoleWithWebIdentity"},
                        {"Version", "2011-06-15"},
                        {"RoleArn", request.role_arn},
                        {"RoleSessionName", request.role_session_name},
                        {"WebIdentityToken", request.web_identity_token}};
  if (request.duration_seconds) {
    params.emplace_back("DurationSeconds", std::to_string(*request.duration_seconds));
  }
  return call("AssumeRoleWithWebIdentity", params, nullptr);
}

Result<AwsCredentials> StsClient::call(const std::string& action, const QueryParams& params,
                                       const AwsCredentials* caller) {
  std::string body;
  for (const auto& [name, value] : params) {
    if (!body.empty()) body += '&';
    body += uri_encode(name) + "=" + uri_encode(value);
  }
  SignableRequest signable;
  signable.method = "POST";
  signable.canonical_uri = "/";
  signable.headers = {{"Host", host_},
                      {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  if (caller != nullptr) {
    signable.payload_hash = sha256_hex(body);
    signer_.sign(signable, *caller,
                 options_.clock ? options_.clock() : std::chrono::system_clock::now());
  }
  http::HttpRequest request;
  request.method = "POST";
  request.url = endpoint_ + "/";
  request.headers = signable.headers;
  request.body = body;

  const std::string context = "STS " + action + " " + params[2].second;
  Result<http::HttpResponse> response = [&] {
    std::lock_guard lock(mutex_);
    return http_.send(request);
  }();
  if (!response.ok()) return response.status().with_context(context);
  const http::HttpResponse& r = response.value();
  if (r.status != 200) {
    std::string code = xml_element_text(r.body, "Code").value_or("");
    std::string message = xml_element_text(r.body, "Message").value_or("");
    std::string text = context + ": HTTP " + std::to_string(r.status) +
                       (code.empty() ? "" : ": " + code) + (message.empty() ? "" : ": " + message);
    if (!code.empty()) text += std::string(kErrorCodeMarker) + code + "]";
    bool retriable = r.status >= 500 || r.status == 429 || code == "Throttling" ||
                     code == "IDPCommunicationError" || code == "ExpiredToken" ||
                     code == "ExpiredTokenException" || code == "InvalidIdentityToken" ||
                     code == "RequestExpired";
    return Status(retriable ? StatusCode::kRetriable : StatusCode::kFatal, text);
  }
  std::optional<std::string> creds_xml = xml_element_text(r.body, "Credentials");
  if (!creds_xml) return Status::fatal(context + ": response has no Credentials");
  AwsCredentials out;
  out.provider = caller != nullptr ? "sts-assume-role" : "web-identity";
  out.access_key_id = xml_element_text(*creds_xml, "AccessKeyId").value_or("");
  out.secret_access_key = xml_element_text(*creds_xml, "SecretAccessKey").value_or("");
  out.session_token = xml_element_text(*creds_xml, "SessionToken").value_or("");
  std::string expiration = xml_element_text(*creds_xml, "Expiration").value_or("");
  out.expiration = parse_iso8601(expiration);
  if (out.empty() || !out.expiration) {
    return Status::fatal(context + ": incomplete Credentials in the response");
  }
  return out;
}

}  // namespace sluice::aws
