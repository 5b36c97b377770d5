// S3ObjectStore: ObjectStore over the S3 REST API (HttpClient + SigV4 + a CredentialsProvider).
//
// One instance per upload thread (see object_store.h): it owns one HttpClient, whose kept-alive
// connection it reuses, plus the retry state (random source, clock offset). The
// CredentialsProvider is shared and must be thread-safe.
//
// Each call is one S3 request, tried up to S3StoreOptions::max_attempts times (Confluent's
// s3.part.retries, attempts including the first) with full-jitter exponential backoff
// (RetryPolicy) on transport errors, 5xx, throttling, RequestTimeout and clock skew. Every attempt
// is signed anew. On RequestTimeTooSkewed the store adopts the server's clock (from the Date
// header) for later signatures; on ExpiredToken it invalidates the credentials and retries once.
// A request whose answer was lost (reset, timeout) is simply sent again: a PutObject or UploadPart
// rewrites the same bytes under the same key or part number; a CompleteMultipartUpload retry that
// finds the upload gone (NoSuchUpload) checks the key with HeadObject and the multipart ETag of
// the parts it sent (decide_lost_completion).
// The final error's Status names operation, bucket, key, HTTP status, S3 code, message, request
// id and attempts; a 403 also names the access key id used (never the secret) and the IAM action
// the operation needs.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "aws/credentials.h"
#include "aws/sigv4_signer.h"
#include "http/http_client.h"
#include "storage/object_store.h"
#include "storage/retry_policy.h"
#include "storage/s3_endpoint.h"
#include "storage/s3_store_metrics.h"

namespace sluice::storage {

// What x-amz-content-sha256 carries (spec msk-connect-and-aws.md §4.4).
enum class PayloadSigning {
  kAuto,      // UNSIGNED-PAYLOAD over https (TLS protects the body), the SHA-256 over plain http
  kUnsigned,  // always UNSIGNED-PAYLOAD
  kSigned,    // always the body's SHA-256
};

struct S3StoreOptions {
  std::string bucket;                // s3.bucket.name
  std::string region = "us-west-2";  // s3.region: signing region, and the endpoint's
  std::string endpoint;              // store.url; blank = the regional AWS endpoint
  bool path_style = true;            // s3.path.style.access.enabled
  bool accelerate = false;           // s3.wan.mode (Transfer Acceleration)
  int max_attempts = 3;              // s3.part.retries: attempts including the first
  std::chrono::milliseconds retry_backoff_base{200};  // s3.retry.backoff.ms
  std::chrono::milliseconds retry_backoff_cap = RetryPolicy::kDefaultCap;
  PayloadSigning payload_signing = PayloadSigning::kAuto;
  // Timeouts, proxy (s3.proxy.*), Expect: 100-continue (s3.http.send.expect.continue), CA file.
  // An empty user_agent becomes "sluice/<version>".
  http::HttpClientOptions http;
  // Where request durations, errors and retries are counted; null: nowhere.
  std::shared_ptr<const S3StoreMetrics> metrics;
};

// The store's seams to time and chance, replaced in tests.
struct S3StoreClock {
  std::function<std::chrono::system_clock::time_point()> now;  // the signing clock
  std::function<void(std::chrono::milliseconds)> sleep;        // waits between attempts
  std::function<double()> uniform;                             // a draw in [0, 1) for jitter
};

// What a CompleteMultipartUpload retry that met NoSuchUpload found at the key (HeadObject): the
// object an earlier attempt completed although its answer was lost, or not ours. `expected_etag`
// is the multipart ETag of the parts sent, empty when not comparable (SSE-KMS, SSE-C).
enum class LostCompletion { kCompletedByUs, kNotOurs };
LostCompletion decide_lost_completion(bool object_present, std::string_view found_etag,
                                      std::string_view expected_etag);

class S3ObjectStore final : public ObjectStore {
 public:
  // kInvalidArgument for unusable options (no bucket, bad store.url, ...). An empty clock member
  // means the real one.
  static Result<std::unique_ptr<S3ObjectStore>> create(
      S3StoreOptions options, std::shared_ptr<aws::CredentialsProvider> credentials,
      S3StoreClock clock = {});

  Status head_bucket() override;
  Status put_object(std::string_view key, std::string_view body,
                    const PutOptions& options) override;
  Result<std::string> create_multipart_upload(std::string_view key,
                                              const PutOptions& options) override;
  Result<std::string> upload_part(std::string_view key, std::string_view upload_id, int part_number,
                                  std::string_view body, const PutOptions& options) override;
  Status complete_multipart_upload(std::string_view key, std::string_view upload_id,
                                   const std::vector<std::string>& etags,
                                   const PutOptions& options) override;
  Status abort_multipart_upload(std::string_view key, std::string_view upload_id) override;
  Result<ListPage> list_objects(std::string_view prefix,
                                std::string_view continuation_token) override;
  Result<std::string> get_object(std::string_view key) override;
  Result<bool> object_exists(std::string_view key) override;
  Result<std::optional<ObjectInfo>> head_object(std::string_view key) override;
  Status delete_object(std::string_view key) override;
  Status put_object_tagging(std::string_view key, const ObjectTags& tags) override;

  const S3Endpoint& endpoint() const { return endpoint_; }
  // How far the server's clock is ahead of ours, as learnt from a clock-skew error.
  std::chrono::seconds clock_offset() const { return clock_offset_; }

 private:
  struct Call;     // one S3 request: operation, method, key, query, headers, body
  struct Outcome;  // the final HTTP answer of a call, its S3 error if any, attempts made

  S3ObjectStore(S3StoreOptions options, S3Endpoint endpoint,
                std::shared_ptr<aws::CredentialsProvider> credentials, S3StoreClock clock);

  // Sends the call with retries. A transport failure that outlasts them is the Status; an HTTP
  // answer (success or final error) is the Outcome.
  Result<Outcome> execute(const Call& call);
  // A Complete retry met NoSuchUpload: OK when HeadObject shows the object the parts make,
  // kRetriable when the object is absent or another, HeadObject's failure otherwise.
  Status reconcile_lost_completion(std::string_view key, std::string_view upload_id,
                                   const std::vector<std::string>& etags, const PutOptions& options,
                                   const Status& no_such_upload);
  // The Status for a final error outcome of `call`.
  Status error_status(const Call& call, const Outcome& outcome) const;
  std::chrono::system_clock::time_point signing_time() const;
  // Counts one attempt's duration, and its transport failure if any, in options_.metrics.
  void record_attempt(ObjectStoreOp op, std::chrono::steady_clock::time_point sent_at,
                      const Result<http::HttpResponse>& response);

  S3StoreOptions options_;
  S3Endpoint endpoint_;
  std::shared_ptr<aws::CredentialsProvider> credentials_;
  S3StoreClock clock_;
  aws::SigV4Signer signer_;
  RetryPolicy retry_;
  http::HttpClient http_;
  std::chrono::seconds clock_offset_{0};
  std::string last_access_key_id_;  // for 403 messages; not a secret
};

}  // namespace sluice::storage
