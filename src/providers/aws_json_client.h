// AwsJsonClient: calls one operation of an AWS service that speaks the JSON 1.1 protocol
// (Secrets Manager, Systems Manager): an HTTPS POST to "/" with Content-Type
// application/x-amz-json-1.1, the operation in the X-Amz-Target header ("secretsmanager.
// GetSecretValue", "AmazonSSM.GetParameter") and a JSON body, signed with SigV4 using credentials
// from an aws::CredentialsProvider (the default chain in production).
//
// Building the request (build_json_request, pure) is apart from sending, classifying and retrying
// it (AwsJsonClient::call). Errors are read from the JSON error body's "__type" (the part after
// '#') and "message"/"Message", or the X-Amzn-ErrorType header. 5xx, 429, throttling codes and
// transport failures are retried with full-jitter exponential backoff; an expired-token answer
// invalidates the credentials and is retried once; anything else fails at once.
//
// One client owns one HttpClient: use it from one thread at a time.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "aws/credentials.h"
#include "aws/sigv4_signer.h"
#include "http/http_client.h"
#include "util/status.h"

namespace sluice::providers {

// Where a service is reached and how requests to it are signed.
struct AwsServiceEndpoint {
  std::string url;              // "https://secretsmanager.us-east-1.amazonaws.com" (no trailing /)
  std::string region;           // signing region
  std::string signing_service;  // "secretsmanager", "ssm"
};

// One JSON 1.1 operation call.
struct AwsJsonCall {
  std::string target;  // X-Amz-Target, e.g. "secretsmanager.GetSecretValue"
  std::string body;    // the request's JSON document
};

// The request as it will be signed (headers: Host, Content-Type, X-Amz-Target) and its URL.
struct BuiltJsonRequest {
  std::string url;
  aws::SignableRequest signable;
};
BuiltJsonRequest build_json_request(const AwsServiceEndpoint& endpoint, const AwsJsonCall& call);

// An AWS error answer, parsed.
struct AwsJsonError {
  int http_status = 0;
  std::string code;     // "ResourceNotFoundException" ("" when the answer names none)
  std::string message;  // the service's message ("" when none)
};
AwsJsonError parse_json_error(const http::HttpResponse& response);
bool is_retriable_json_error(const AwsJsonError& error);

struct AwsJsonClientOptions {
  AwsServiceEndpoint endpoint;
  std::shared_ptr<aws::CredentialsProvider> credentials;
  http::HttpClientOptions http;
  int max_attempts = 4;
  std::chrono::milliseconds backoff_base{200};
  std::chrono::milliseconds backoff_max{5'000};
  // Sleeps between attempts; tests pass one that records instead.
  std::function<void(std::chrono::milliseconds)> sleep;
};

// The outcome of a call: the body of a 200 answer, or the service's error (for the caller to tell
// "not found" from other failures), or a Status (transport, credentials, retries exhausted).
struct AwsJsonOutcome {
  bool ok = false;
  std::string body;    // when ok
  AwsJsonError error;  // when !ok and the service answered
};

class AwsJsonClient {
 public:
  explicit AwsJsonClient(AwsJsonClientOptions options);

  // Sends `call`, retrying as described above. A Status error is returned when no answer could be
  // used (transport, credentials, retriable errors until max_attempts); its message starts with
  // `what` ("GetSecretValue for secret 'db'") and names the HTTP status and AWS error code.
  // A non-retriable AWS error answer is returned as an outcome with ok=false.
  Result<AwsJsonOutcome> call(const AwsJsonCall& call, const std::string& what);

  const AwsServiceEndpoint& endpoint() const { return options_.endpoint; }

 private:
  AwsJsonClientOptions options_;
  std::string host_;
  aws::SigV4Signer signer_;
  http::HttpClient http_;
};

// "HTTP 400: ResourceNotFoundException: <message>" for messages.
std::string describe(const AwsJsonError& error);

}  // namespace sluice::providers
