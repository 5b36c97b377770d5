// S3Error: what an S3 error response says (HTTP status, error code, message, request id, the
// region a misdirected request should have used, the server's clock), and how to react to it.
//
// The store decides retriability here, where the error is understood (spec
// msk-connect-and-aws.md §6.9, confluent-s3-sink.md §6.5), never by matching strings later.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/http_client.h"

namespace sluice::storage {

struct S3Error {
  int http_status = 0;
  // The <Code>; for a response without an XML body (HEAD, a proxy's page) a name derived from
  // the status ("NotFound", "Forbidden", "MovedPermanently", "HTTP 502").
  std::string code;
  std::string message;
  std::string request_id;       // <RequestId> or x-amz-request-id
  std::string host_id;          // <HostId> or x-amz-id-2
  std::string region;           // <Region> or x-amz-bucket-region: where the bucket really is
  std::string endpoint;         // <Endpoint> of a PermanentRedirect
  std::string server_time;      // <ServerTime> of RequestTimeTooSkewed
  std::string request_time;     // <RequestTime> of RequestTimeTooSkewed
  bool embedded_in_ok = false;  // an <Error> body that came with HTTP 200

  // "status=503 code=SlowDown message="Please reduce your request rate."
  // request_id=4442587FB7D0A2F9"
  std::string describe() const;
};

// Reads the error of a non-2xx response from its body (when it is S3 error XML) and headers.
S3Error parse_s3_error(const http::HttpResponse& response);

// The <Error> that S3 may send inside a 200 response (CompleteMultipartUpload pads the response
// and reports a late failure in the body), or nullopt when the body is not an error document.
std::optional<S3Error> parse_embedded_error(const http::HttpResponse& response);

enum class S3ErrorClass {
  kRetriable,           // 5xx, throttling, RequestTimeout, OperationAborted, conditional race
  kClockSkew,           // the signing clock is off: re-sync from the server's Date, re-sign, retry
  kExpiredCredentials,  // ExpiredToken and friends: refresh the credentials, retry once
  kFatal,               // anything else: retrying cannot help
};

S3ErrorClass classify_s3_error(const S3Error& error);
// Whether an error code means S3 (or a compatible store) throttles the caller: SlowDown,
// Throttling, RequestLimitExceeded, ...
bool is_throttling_code(std::string_view code);

}  // namespace sluice::storage
