#include "storage/s3_error.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "storage/xml_reader.h"

namespace sluice::storage {

namespace {

std::string code_for_status(int status) {
  switch (status) {
    case 301:
      return "MovedPermanently";
    case 307:
      return "TemporaryRedirect";
    case 400:
      return "BadRequest";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 405:
      return "MethodNotAllowed";
    case 407:
      // From the proxy, not from S3: say which settings to check.
      return "ProxyAuthenticationRequired";
    case 409:
      return "Conflict";
    case 412:
      return "PreconditionFailed";
    case 429:
      return "TooManyRequests";
    case 500:
      return "InternalError";
    case 503:
      return "ServiceUnavailable";
    default:
      return "HTTP " + std::to_string(status);
  }
}

void fill_from_xml(S3Error& error, const XmlElement& root) {
  error.code = root.child_text("Code");
  error.message = root.child_text("Message");
  if (auto id = root.child_text("RequestId"); !id.empty()) error.request_id = id;
  if (auto id = root.child_text("HostId"); !id.empty()) error.host_id = id;
  if (auto region = root.child_text("Region"); !region.empty()) error.region = region;
  error.endpoint = root.child_text("Endpoint");
  error.server_time = root.child_text("ServerTime");
  error.request_time = root.child_text("RequestTime");
}

void fill_from_headers(S3Error& error, const http::HttpResponse& response) {
  if (const std::string* id = response.header("x-amz-request-id")) error.request_id = *id;
  if (const std::string* id = response.header("x-amz-id-2")) error.host_id = *id;
  if (const std::string* region = response.header("x-amz-bucket-region")) error.region = *region;
}

bool one_of(std::string_view code, std::initializer_list<std::string_view> codes) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

}  // namespace

std::string S3Error::describe() const {
  std::string out = "status=" + std::to_string(http_status);
  if (embedded_in_ok) out += " (error inside a 200 response)";
  out += " code=" + code;
  if (!message.empty()) out += " message=\"" + message + "\"";
  if (!request_id.empty()) out += " request_id=" + request_id;
  return out;
}

S3Error parse_s3_error(const http::HttpResponse& response) {
  S3Error error;
  error.http_status = response.status;
  fill_from_headers(error, response);
  if (!response.body.empty()) {
    Result<XmlElement> root = parse_xml(response.body);
    if (root.ok() && root->name == "Error") fill_from_xml(error, *root);
  }
  if (error.code.empty()) error.code = code_for_status(response.status);
  if (response.status == 407 && error.message.empty()) {
    error.message = "the proxy refused the request: check s3.proxy.user and s3.proxy.password";
  }
  return error;
}

std::optional<S3Error> parse_embedded_error(const http::HttpResponse& response) {
  // Cheap test first: a successful result never contains this tag.
  if (response.body.find("<Error>") == std::string::npos) return std::nullopt;
  Result<XmlElement> root = parse_xml(response.body);
  if (!root.ok() || root->name != "Error") return std::nullopt;
  S3Error error;
  error.http_status = response.status;
  error.embedded_in_ok = true;
  fill_from_headers(error, response);
  fill_from_xml(error, *root);
  return error;
}

bool is_throttling_code(std::string_view code) {
  return one_of(code, {"SlowDown", "Throttling", "ThrottlingException", "ThrottledException",
                       "RequestThrottledException", "TooManyRequestsException", "RequestThrottled",
                       "RequestLimitExceeded", "BandwidthLimitExceeded"});
}

S3ErrorClass classify_s3_error(const S3Error& error) {
  const std::string& code = error.code;
  if (one_of(code, {"RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture"})) {
    return S3ErrorClass::kClockSkew;
  }
  if (one_of(code, {"ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired"})) {
    return S3ErrorClass::kExpiredCredentials;
  }
  // Throttling and transient codes the AWS SDKs retry, whatever the status they come with.
  if (is_throttling_code(code) ||
      one_of(code, {"InternalError", "ServiceUnavailable", "RequestTimeout",
                    "RequestTimeoutException", "OperationAborted", "PriorRequestNotComplete",
                    // A conditional write raced another one (409); the retry settles it as
                    // success or a clean 412.
                    "ConditionalRequestConflict"})) {
    return S3ErrorClass::kRetriable;
  }
  if (error.http_status == 429 || error.http_status == 500 || error.http_status == 502 ||
      error.http_status == 503 || error.http_status == 504) {
    return S3ErrorClass::kRetriable;
  }
  return S3ErrorClass::kFatal;
}

}  // namespace sluice::storage
