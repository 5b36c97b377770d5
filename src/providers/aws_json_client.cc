#include "providers/aws_json_client.h"

#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "aws/hashing.h"

namespace sluice::providers {

namespace {

std::string authority_of(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find('/', start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// "com.amazonaws.secretsmanager#ResourceNotFoundException" -> "ResourceNotFoundException"; the
// X-Amzn-ErrorType header may also carry ":http://..." after the code.
std::string bare_code(std::string code) {
  if (size_t hash = code.rfind('#'); hash != std::string::npos) code.erase(0, hash + 1);
  if (size_t colon = code.find(':'); colon != std::string::npos) code.erase(colon);
  return code;
}

}  // namespace

BuiltJsonRequest build_json_request(const AwsServiceEndpoint& endpoint, const AwsJsonCall& call) {
  BuiltJsonRequest out;
  out.url = endpoint.url + "/";
  out.signable.method = "POST";
  out.signable.canonical_uri = "/";
  out.signable.headers = {{"Host", authority_of(endpoint.url)},
                          {"Content-Type", "application/x-amz-json-1.1"},
                          {"X-Amz-Target", call.target}};
  out.signable.payload_hash = aws::sha256_hex(call.body);
  return out;
}

AwsJsonError parse_json_error(const http::HttpResponse& response) {
  AwsJsonError error;
  error.http_status = response.status;
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    if (auto it = body.find("__type"); it != body.end() && it->is_string()) {
      error.code = bare_code(it->get<std::string>());
    }
    for (const char* name : {"message", "Message"}) {
      if (auto it = body.find(name); it != body.end() && it->is_string()) {
        error.message = it->get<std::string>();
        break;
      }
    }
  }
  if (error.code.empty()) {
    if (const std::string* header = response.header("X-Amzn-ErrorType")) {
      error.code = bare_code(*header);
    }
  }
  return error;
}

bool is_retriable_json_error(const AwsJsonError& error) {
  if (error.http_status >= 500 || error.http_status == 429) return true;
  static const char* const kRetriableCodes[] = {
      "ThrottlingException",   "Throttling",           "TooManyRequestsException",
      "RequestLimitExceeded",  "InternalServiceError", "InternalFailure",
      "ServiceUnavailable",    "RequestTimeout",       "RequestTimeoutException",
      "ExpiredTokenException", "ExpiredToken",         "RequestExpired"};
  for (const char* code : kRetriableCodes) {
    if (error.code == code) return true;
  }
  return false;
}

std::string describe(const AwsJsonError& error) {
  std::string out = "HTTP " + std::to_string(error.http_status);
  if (!error.code.empty()) out += ": " + error.code;
  if (!error.message.empty()) out += ": " + error.message;
  return out;
}

AwsJsonClient::AwsJsonClient(AwsJsonClientOptions options)
    : options_(std::move(options)),
      signer_(options_.endpoint.signing_service, options_.endpoint.region),
      http_(options_.http) {
  while (!options_.endpoint.url.empty() && options_.endpoint.url.back() == '/') {
    options_.endpoint.url.pop_back();
  }
  if (!options_.sleep) {
    options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  }
}

Result<AwsJsonOutcome> AwsJsonClient::call(const AwsJsonCall& call, const std::string& what) {
  std::minstd_rand jitter(std::random_device{}());
  Status last = Status::retriable(what + ": no attempt made");
  bool refreshed_credentials = false;
  for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
    if (attempt > 1) {
      // Full jitter: a random wait up to base * 2^(attempt-2), capped.
      int64_t cap = std::min<int64_t>(options_.backoff_max.count(), options_.backoff_base.count()
                                                                        << (attempt - 2));
      std::uniform_int_distribution<int64_t> wait(0, std::max<int64_t>(cap, 0));
      options_.sleep(std::chrono::milliseconds(wait(jitter)));
    }
    Result<aws::AwsCredentials> credentials = options_.credentials->credentials();
    if (!credentials.ok()) return credentials.status().with_context(what + ": AWS credentials");
    BuiltJsonRequest built = build_json_request(options_.endpoint, call);
    signer_.sign(built.signable, *credentials, std::chrono::system_clock::now());
    http::HttpRequest request;
    request.method = "POST";
    request.url = built.url;
    request.headers = built.signable.headers;
    request.body = call.body;
    Result<http::HttpResponse> response = http_.send(request);
    if (!response.ok()) {
      last = response.status().with_context(what);
      if (response.status().code() == StatusCode::kRetriable) continue;
      return last;
    }
    if (response->status == 200) return AwsJsonOutcome{true, std::move(response->body), {}};
    AwsJsonError error = parse_json_error(*response);
    if (error.code == "ExpiredTokenException" || error.code == "ExpiredToken") {
      if (refreshed_credentials) return Status::fatal(what + ": " + describe(error));
      refreshed_credentials = true;
      options_.credentials->invalidate();
    }
    if (!is_retriable_json_error(error)) return AwsJsonOutcome{false, {}, std::move(error)};
    last = Status::retriable(what + ": " + describe(error));
  }
  return Status(last.code(),
                last.message() + " (after " + std::to_string(options_.max_attempts) + " attempts)");
}

}  // namespace sluice::providers
