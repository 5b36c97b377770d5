// SigV4Signer: AWS Signature Version 4 for one service in one region (spec
// msk-connect-and-aws.md §4): header signing (the Authorization header), query signing
// (presigned URLs) and the per-chunk signatures of aws-chunked uploads.
//
// The signer holds only its service and region, so one instance may be shared by any number of
// threads. It signs what it is given and invents nothing about the wire: the caller passes the
// path exactly as it will be sent (already URI-encoded, see uri_encoding.h for the S3 rule), the
// decoded query parameters and the headers it will send, including Host (with ":port" when the
// port is not the scheme's default).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/credentials.h"
#include "aws/hashing.h"
#include "http/http_client.h"
#include "util/status.h"

namespace sluice::aws {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// x-amz-content-sha256 values (spec §4.4).
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
inline constexpr std::string_view kStreamingSignedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
inline constexpr std::string_view kEmptyPayloadSha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// The parts of a request that a signature covers.
struct SignableRequest {
  std::string method;         // "GET", "PUT", ...
  std::string canonical_uri;  // the encoded path as sent; "" is taken as "/"
  QueryParams query;          // decoded names and values, any order; a flag is {"uploads", ""}
  http::HeaderList headers;   // the headers that will be sent, Host included
  std::string payload_hash;   // lowercase hex SHA-256 of the body, kUnsignedPayload, ...;
                              // empty = the hash of an empty body
};

// Every intermediate of one signature, for tests and for debugging a SignatureDoesNotMatch.
// Contains no secret.
struct SigningResult {
  std::string amz_date;  // "20130524T000000Z"
  std::string scope;     // "20130524/us-east-1/s3/aws4_request"
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers;  // "host;range;x-amz-content-sha256;x-amz-date"
  std::string signature;       // lowercase hex
  std::string authorization;   // the Authorization header value (header signing only)
};

class SigV4Signer {
 public:
  // service: "s3", "sts", "kafka-cluster", ...; region: the signing region ("us-east-1").
  // For "s3" the signer adds x-amz-content-sha256, which S3 requires on every request.
  SigV4Signer(std::string service, std::string region);

  const std::string& service() const { return service_; }
  const std::string& region() const { return region_; }

  // Header signing. Adds (replacing any already present) x-amz-date, x-amz-content-sha256 (S3),
  // x-amz-security-token (when the credentials carry a session token) and Authorization to
  // request.headers. Signs every header given except hop-by-hop and client-added ones (Expect,
  // Connection, Transfer-Encoding, User-Agent, Accept, ...), so every x-amz-* header sent is
  // covered.
  SigningResult sign(SignableRequest& request, const AwsCredentials& credentials,
                     std::chrono::system_clock::time_point now) const;

  // Query signing: the query string to send after '?' (the request's own parameters plus
  // X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders, -Security-Token, sorted, then
  // X-Amz-Signature). The payload hash defaults to UNSIGNED-PAYLOAD for S3 and to the hash of an
  // empty body otherwise. expires must be 1..604800 seconds.
  Result<std::string> presign_query(const SignableRequest& request,
                                    const AwsCredentials& credentials,
                                    std::chrono::system_clock::time_point now,
                                    std::chrono::seconds expires,
                                    SigningResult* details = nullptr) const;

  // kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
  static Sha256Digest signing_key(std::string_view secret, std::string_view yyyymmdd,
                                  std::string_view region, std::string_view service);

  // The signature of one chunk of an aws-chunked (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) body; the
  // first chunk's previous signature is the seed (header) signature.
  static std::string chunk_signature(const Sha256Digest& signing_key, std::string_view amz_date,
                                     std::string_view scope, std::string_view previous_signature,
                                     std::string_view chunk);

 private:
  SigningResult compute(const SignableRequest& request, const std::string& secret,
                        const std::string& amz_date) const;

  std::string service_;
  std::string region_;
};

// "YYYYMMDDTHHMMSSZ" in UTC.
std::string format_amz_date(std::chrono::system_clock::time_point time);

// Each name and value strictly encoded, sorted by encoded name then value, joined "k=v&k=v".
std::string canonical_query_string(const QueryParams& query);

// The CanonicalHeaders block (each line "name:value\n") and the SignedHeaders list for the headers
// that are signed, as described at SigV4Signer::sign.
std::pair<std::string, std::string> canonical_headers(const http::HeaderList& headers);

}  // namespace sluice::aws
