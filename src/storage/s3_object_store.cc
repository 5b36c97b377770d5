#include "storage/s3_object_store.h"

#include <cstdlib>
#include <ctime>
#include <optional>
#include <random>
#include <thread>

#include "aws/hashing.h"
#include "aws/uri_encoding.h"
#include "storage/object_etag.h"
#include "storage/s3_error.h"
#include "storage/xml_reader.h"
#include "util/log.h"

namespace sluice::storage {

struct S3ObjectStore::Call {
  ObjectStoreOp op;
  std::string method;
  std::string_view key;      // "" for a bucket-level request
  aws::QueryParams query;    // decoded
  http::HeaderList headers;  // the operation's own headers (ACL, SSE, conditions, digest)
  std::string_view body;
  bool body_may_hold_error = false;  // CompleteMultipartUpload: a 200 can carry an <Error>
  std::string_view upload_id;        // for messages
  int part_number = 0;               // for messages
  bool uses_kms = false;             // for the IAM hint of a 403
};

struct S3ObjectStore::Outcome {
  http::HttpResponse response;
  std::optional<S3Error> error;  // set when the final answer is an error
  int attempts = 0;
};

namespace {

// Clock skew beyond which a SignatureDoesNotMatch is blamed on the clock, as the AWS SDKs do.
constexpr std::chrono::minutes kSkewTolerance{4};

const char* iam_action(ObjectStoreOp op) {
  switch (op) {
    case ObjectStoreOp::kHeadBucket:
    case ObjectStoreOp::kListObjects:
      return "s3:ListBucket";
    case ObjectStoreOp::kPutObject:
    case ObjectStoreOp::kCreateMultipartUpload:
    case ObjectStoreOp::kUploadPart:
    case ObjectStoreOp::kCompleteMultipartUpload:
      return "s3:PutObject";
    case ObjectStoreOp::kAbortMultipartUpload:
      return "s3:AbortMultipartUpload";
    case ObjectStoreOp::kGetObject:
    case ObjectStoreOp::kHeadObject:
      return "s3:GetObject";
    case ObjectStoreOp::kDeleteObject:
      return "s3:DeleteObject";
    case ObjectStoreOp::kPutObjectTagging:
      return "s3:PutObjectTagging";
  }
  return "?";
}

// Parses an HTTP date ("Fri, 24 May 2013 00:00:00 GMT").
std::optional<std::chrono::system_clock::time_point> parse_http_date(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

bool is_success(int status) {
  return status >= 200 && status < 300;
}

std::string content_md5(std::string_view body) {
  return aws::base64_encode(aws::md5(body));
}

void add_customer_key_headers(http::HeaderList& headers, const PutOptions& options) {
  // validate_put_options() has checked the key decodes.
  std::string raw = aws::base64_decode(options.customer_key_base64).value();
  headers.emplace_back("x-amz-server-side-encryption-customer-algorithm", "AES256");
  headers.emplace_back("x-amz-server-side-encryption-customer-key", options.customer_key_base64);
  headers.emplace_back("x-amz-server-side-encryption-customer-key-MD5", content_md5(raw));
}

// The object-creation headers of PutObject and CreateMultipartUpload.
void add_object_headers(http::HeaderList& headers, const PutOptions& options) {
  if (!options.content_type.empty()) headers.emplace_back("Content-Type", options.content_type);
  if (!options.canned_acl.empty()) headers.emplace_back("x-amz-acl", options.canned_acl);
  switch (options.encryption) {
    case ServerSideEncryption::kNone:
      break;
    case ServerSideEncryption::kS3:
      headers.emplace_back("x-amz-server-side-encryption", "AES256");
      break;
    case ServerSideEncryption::kKms:
    case ServerSideEncryption::kKmsDsse:
      headers.emplace_back(
          "x-amz-server-side-encryption",
          options.encryption == ServerSideEncryption::kKms ? "aws:kms" : "aws:kms:dsse");
      if (!options.kms_key_id.empty()) {
        headers.emplace_back("x-amz-server-side-encryption-aws-kms-key-id", options.kms_key_id);
      }
      break;
    case ServerSideEncryption::kCustomerKey:
      add_customer_key_headers(headers, options);
      break;
  }
}

bool uses_kms(const PutOptions& options) {
  return options.encryption == ServerSideEncryption::kKms ||
         options.encryption == ServerSideEncryption::kKmsDsse;
}

}  // namespace

Result<std::unique_ptr<S3ObjectStore>> S3ObjectStore::create(
    S3StoreOptions options, std::shared_ptr<aws::CredentialsProvider> credentials,
    S3StoreClock clock) {
  if (!credentials) return Status::invalid_argument("S3 store: no credentials provider");
  if (options.region.empty()) return Status::invalid_argument("s3.region must be set");
  SLUICE_ASSIGN_OR_RETURN(S3Endpoint endpoint,
                          S3Endpoint::create(options.endpoint, options.region, options.bucket,
                                             options.path_style, options.accelerate));
  if (options.http.user_agent.empty()) options.http.user_agent = "sluice/" SLUICE_VERSION;
  if (!clock.now) clock.now = [] { return std::chrono::system_clock::now(); };
  if (!clock.sleep)
    clock.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  if (!clock.uniform) {
    auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
    clock.uniform = [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
  }
  return std::unique_ptr<S3ObjectStore>(new S3ObjectStore(
      std::move(options), std::move(endpoint), std::move(credentials), std::move(clock)));
}

S3ObjectStore::S3ObjectStore(S3StoreOptions options, S3Endpoint endpoint,
                             std::shared_ptr<aws::CredentialsProvider> credentials,
                             S3StoreClock clock)
    : options_(std::move(options)),
      endpoint_(std::move(endpoint)),
      credentials_(std::move(credentials)),
      clock_(std::move(clock)),
      signer_("s3", options_.region),
      retry_(options_.max_attempts, options_.retry_backoff_base, options_.retry_backoff_cap),
      http_(options_.http) {}

void S3ObjectStore::record_attempt(ObjectStoreOp op, std::chrono::steady_clock::time_point sent_at,
                                   const Result<http::HttpResponse>& response) {
  if (!options_.metrics) return;
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - sent_at;
  options_.metrics->request_seconds[static_cast<int>(op)]->observe(took.count());
  if (!response.ok() && response.status().code() != StatusCode::kCancelled) {
    S3ErrorKind kind = http_.last_send_timed_out() ? S3ErrorKind::kTimeout : S3ErrorKind::kNetwork;
    options_.metrics->errors[static_cast<int>(kind)]->inc();
  }
}

std::chrono::system_clock::time_point S3ObjectStore::signing_time() const {
  return clock_.now() + clock_offset_;
}

Result<S3ObjectStore::Outcome> S3ObjectStore::execute(const Call& call) {
  const std::string op_name = object_store_op_name(call.op);
  const std::string path = endpoint_.path(call.key);
  const std::string url = endpoint_.url(path, aws::canonical_query_string(call.query));
  const bool sign_payload =
      options_.payload_signing == PayloadSigning::kSigned ||
      (options_.payload_signing == PayloadSigning::kAuto && !endpoint_.is_https());
  const std::string payload_hash =
      sign_payload ? aws::sha256_hex(call.body) : std::string(aws::kUnsignedPayload);
  auto context = [&] {
    std::string c = "S3 " + op_name + " bucket=" + options_.bucket;
    if (!call.key.empty()) c += " key=" + std::string(call.key);
    return c;
  };

  bool refreshed_credentials = false;
  int max_attempts = retry_.max_attempts();
  std::chrono::milliseconds delay{0};
  for (int attempt = 1;; ++attempt) {
    if (options_.http.cancel != nullptr && options_.http.cancel->load()) {
      return Status::cancelled(context() + ": cancelled");
    }
    if (delay.count() > 0) clock_.sleep(delay);
    delay = std::chrono::milliseconds(0);
    auto log_retry = [&](std::string_view why) {
      if (options_.metrics) options_.metrics->retries->inc();
      SLUICE_LOG(kStorage).warn(
          "s3 retry op={} bucket={} key={} attempt={}/{} delay_ms={} reason={}", op_name,
          options_.bucket, call.key, attempt, max_attempts, delay.count(), why);
    };

    Result<aws::AwsCredentials> credentials = credentials_->credentials();
    if (!credentials.ok()) {
      if (credentials.status().is_retriable() && attempt < max_attempts) {
        delay = retry_.delay_before(attempt + 1, clock_.uniform());
        log_retry(credentials.status().message());
        continue;
      }
      return credentials.status().with_context(context());
    }
    last_access_key_id_ = credentials->access_key_id;

    aws::SignableRequest signable;
    signable.method = call.method;
    signable.canonical_uri = path;
    signable.query = call.query;
    signable.headers.reserve(call.headers.size() + 6);
    signable.headers.emplace_back("Host", endpoint_.host());
    signable.headers.insert(signable.headers.end(), call.headers.begin(), call.headers.end());
    signable.payload_hash = payload_hash;
    aws::SigningResult signature = signer_.sign(signable, *credentials, signing_time());

    http::HttpRequest request;
    request.method = call.method;
    request.url = url;
    request.headers = std::move(signable.headers);
    request.body = call.body;
    SLUICE_LOG(kStorage).debug("s3 request op={} bucket={} key={} attempt={} bytes={} {}", op_name,
                               options_.bucket, call.key, attempt, call.body.size(),
                               credentials->describe());
    const auto sent_at = std::chrono::steady_clock::now();
    Result<http::HttpResponse> response = http_.send(request);
    record_attempt(call.op, sent_at, response);
    if (!response.ok()) {
      if (response.status().is_retriable() && attempt < max_attempts) {
        delay = retry_.delay_before(attempt + 1, clock_.uniform());
        log_retry(response.status().message());
        continue;
      }
      return response.status().with_context(context() + " attempts=" + std::to_string(attempt));
    }

    Outcome outcome;
    outcome.attempts = attempt;
    outcome.response = std::move(response).value();
    if (is_success(outcome.response.status)) {
      if (call.body_may_hold_error) outcome.error = parse_embedded_error(outcome.response);
    } else {
      outcome.error = parse_s3_error(outcome.response);
    }
    if (!outcome.error) return outcome;

    S3Error& error = *outcome.error;
    if (options_.metrics) {
      options_.metrics->errors[static_cast<int>(s3_error_kind(error))]->inc();
    }
    S3ErrorClass error_class = classify_s3_error(error);
    const std::string* date = outcome.response.header("Date");
    std::optional<std::chrono::system_clock::time_point> server_now =
        date != nullptr ? parse_http_date(*date) : std::nullopt;
    // A signature computed with a wrong clock may be reported as a mismatch rather than as skew.
    if (error_class == S3ErrorClass::kFatal && server_now &&
        (error.code == "SignatureDoesNotMatch" || error.code == "InvalidSignatureException" ||
         error.code == "AuthFailure")) {
      auto skew = *server_now - signing_time();
      if (skew > kSkewTolerance || skew < -kSkewTolerance) error_class = S3ErrorClass::kClockSkew;
    }

    bool retry = false;
    switch (error_class) {
      case S3ErrorClass::kRetriable:
        retry = attempt < max_attempts;
        if (retry) delay = retry_.delay_before(attempt + 1, clock_.uniform());
        break;
      case S3ErrorClass::kClockSkew:
        if (server_now) {
          auto offset =
              std::chrono::duration_cast<std::chrono::seconds>(*server_now - clock_.now());
          SLUICE_LOG(kStorage).warn(
              "s3 clock skew op={} bucket={} local clock is {} s {} S3's (server Date {}, our "
              "x-amz-date {}); signing with the server's time from now on",
              op_name, options_.bucket, std::abs(offset.count()),
              offset.count() > 0 ? "behind" : "ahead of", *date, signature.amz_date);
          clock_offset_ = offset;
        }
        error.message += " (our x-amz-date " + signature.amz_date +
                         (error.server_time.empty() ? "" : ", server time " + error.server_time) +
                         ": check the host's clock)";
        // Re-signing with the corrected clock needs no backoff.
        retry = attempt < max_attempts;
        break;
      case S3ErrorClass::kExpiredCredentials:
        // Refresh and retry once, outside the attempt budget: the next credentials are new.
        if (!refreshed_credentials) {
          credentials_->invalidate();
          refreshed_credentials = true;
          ++max_attempts;
          retry = true;
        }
        break;
      case S3ErrorClass::kFatal:
        if (error.code == "SignatureDoesNotMatch") {
          // S3 returns the canonical request it computed; ours shows where they differ.
          SLUICE_LOG(kStorage).debug("s3 SignatureDoesNotMatch op={} our canonical request:\n{}",
                                     op_name, signature.canonical_request);
        }
        break;
    }
    if (!retry) return outcome;
    log_retry(error.describe());
  }
}

Status S3ObjectStore::error_status(const Call& call, const Outcome& outcome) const {
  const S3Error& error = *outcome.error;
  std::string message =
      "S3 " + std::string(object_store_op_name(call.op)) + " failed: bucket=" + options_.bucket;
  if (!call.key.empty()) message += " key=" + std::string(call.key);
  if (!call.upload_id.empty()) message += " upload_id=" + std::string(call.upload_id);
  if (call.part_number > 0) message += " part=" + std::to_string(call.part_number);
  message += " " + error.describe() + " attempts=" + std::to_string(outcome.attempts);

  S3ErrorClass error_class = classify_s3_error(error);
  if (error_class == S3ErrorClass::kRetriable || error_class == S3ErrorClass::kClockSkew) {
    return Status::retriable(std::move(message));
  }
  if (error_class == S3ErrorClass::kExpiredCredentials) {
    // Temporary credentials may be renewed by the time the caller tries again.
    return Status::retriable(std::move(message) + ": credentials expired even after a refresh " +
                             "(access_key_id=" + last_access_key_id_ + ")");
  }
  if (error.http_status == 412 || error.code == "PreconditionFailed") {
    return Status::conflict(std::move(message) + ": the object already exists");
  }
  if (error.code == "NoSuchKey" || (error.http_status == 404 && error.code == "NotFound" &&
                                    call.op != ObjectStoreOp::kHeadBucket)) {
    return Status::not_found(std::move(message));
  }
  if (error.code == "NoSuchBucket" ||
      (call.op == ObjectStoreOp::kHeadBucket && error.http_status == 404)) {
    return Status::fatal(std::move(message) + ": bucket " + options_.bucket +
                         " does not exist at " + endpoint_.describe());
  }
  if (!error.region.empty() && error.region != options_.region) {
    return Status::fatal(std::move(message) + ": bucket " + options_.bucket + " is in region " +
                         error.region + ", not " + options_.region +
                         "; set s3.region=" + error.region);
  }
  if (error.http_status == 301 || error.code == "PermanentRedirect") {
    return Status::fatal(std::move(message) + ": the bucket must be addressed through " +
                         (error.endpoint.empty() ? "another region's endpoint" : error.endpoint) +
                         "; check s3.region and store.url");
  }
  if (error.http_status == 403) {
    std::string who = "access_key_id=" + last_access_key_id_;
    if (error.code == "InvalidAccessKeyId") {
      message += ": S3 does not know " + who;
    } else if (error.code == "SignatureDoesNotMatch") {
      message += ": the secret access key does not match " + who;
    } else {
      message += ": " + who + " is not allowed " + object_store_op_name(call.op) + " (needs " +
                 iam_action(call.op);
      if (call.uses_kms) message += ", kms:GenerateDataKey and kms:Decrypt on the KMS key";
      message += ")";
    }
    return Status::fatal(std::move(message));
  }
  return Status::fatal(std::move(message));
}

Status S3ObjectStore::head_bucket() {
  Call call{ObjectStoreOp::kHeadBucket, "HEAD"};
  SLUICE_ASSIGN_OR_RETURN(Outcome outcome, execute(call));
  if (outcome.error && outcome.response.status == 403) {
    // As the Java connector does: a role allowed to write objects but not s3:ListBucket gets 403
    // here, and must still work. Real denials surface, clearly, at the first upload.
    SLUICE_LOG(kStorage).warn(
        "S3 HeadBucket on bucket {} was denied (403, {}): continuing as the Java connector "
        "does; uploads will fail if the credentials cannot write either",
        options_.bucket, error_status(call, outcome).message());
    return Status::ok_status();
  }
  if (outcome.error) return error_status(call, outcome);
  return Status::ok_status();
}

Status S3ObjectStore::put_object(std::string_view key, std::string_view body,
                                 const PutOptions& options) {
  if (key.empty()) return Status::invalid_argument("S3 PutObject: empty key");
  SLUICE_RETURN_IF_ERROR(validate_put_options(options));
  Call call{ObjectStoreOp::kPutObject, "PUT", key};
  add_object_headers(call.headers, options);
  if (options.if_none_match_star) call.headers.emplace_back("If-None-Match", "*");
  if (options.send_content_md5) call.headers.emplace_back("Content-MD5", content_md5(body));
  call.body = body;
  call.uses_kms = uses_kms(options);
  SLUICE_ASSIGN_OR_RETURN(Outcome outcome, execute(call));
  if (outcome.error) return error_status(call, outcome);
  return Status::ok_status();
}

Result<std::string> S3ObjectStore::create_multipart_upload(std::string_view key,
                                                           const PutOptions& options) {
  if (key.empty()) return Status::invalid_argument("S3 CreateMultipartUpload: empty key");
  SLUICE_RETURN_IF_ERROR(validate_put_options(options));
  Call call{ObjectStoreOp::kCreateMultipartUpload, "POST", key};
  call.query = {{"uploads", ""}};
  add_object_headers(call.headers, options);
  call.uses_kms = uses_kms(options);
  SLUICE_ASSIGN_OR_RETURN(Outcome outcome, execute(call));
  if (outcome.error) return error_status(call, outcome);
  Result<XmlElement> root = parse_xml(outcome.response.body);
  std::string upload_id = root.ok() ? root->child_text("UploadId") : std::string();
  if (upload_id.empty()) {
    return Status::fatal("S3 CreateMultipartUpload bucket=" + options_.bucket +
                         " key=" + std::string(key) + ": no UploadId in the response");
  }
  return upload_id;
}

Result<std::string> S3ObjectStore::upload_part(std::string_view key, std::string_view upload_id,
                                               int part_number, std::string_view body,
                                               const PutOptions& options) {
  if (part_number < 1 || part_number > 10000) {
    return Status::invalid_argument("S3 UploadPart key=" + std::string(key) + ": part number " +
                                    std::to_string(part_number) + " is outside 1..10000");
  }
  SLUICE_RETURN_IF_ERROR(validate_put_options(options));
  Call call{ObjectStoreOp::kUploadPart, "PUT", key};
  call.query = {{"partNumber", std::to_string(part_number)}, {"uploadId", std::string(upload_id)}};
  if (options.encryption == ServerSideEncryption::kCustomerKey) {
    add_customer_key_headers(call.headers, options);
  }
  if (options.send_content_md5) call.headers.emplace_back("Content-MD5", content_md5(body));
  call.body = body;
  call.upload_id = upload_id;
  call.part_number = part_number;
  SLUICE_ASSIGN_OR_RETURN(Outcome outcome, execute(call));
  if (outcome.error) return error_status(call, outcome);
  const std::string* etag = outcome.response.header("ETag");
  if (etag == nullptr || etag->empty()) {
    return Status::fatal("S3 UploadPart bucket=" + options_.bucket + " key=" + std::string(key) +
                         " part=" + std::to_string(part_number) + ": no ETag in the response");
  }
  return *etag;
}

Status S3ObjectStore::complete_multipart_upload(std::string_view key, std::string_view upload_id,
                                                const std::vector<std::string>& etags,
                                                const PutOptions& options) {
  std::string body = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
  for (size_t i = 0; i < etags.size(); ++i) {
    body += "<Part><PartNumber>" + std::to_string(i + 1) + "</PartNumber><ETag>" +
            xml_escape(etags[i]) + "</ETag></Part>";
  }
  body += "</CompleteMultipartUpload>";
  Call call{ObjectStoreOp::kCompleteMultipartUpload, "POST", key};
  call.query = {{"uploadId", std::string(upload_id)}};
  if (options.if_none_match_star) call.headers.emplace_back("If-None-Match", "*");
  call.body = body;
  call.body_may_hold_error = true;
  call.upload_id = upload_id;
  SLUICE_ASSIGN_OR_RETURN(Outcome outcome, execute(call));
  if (!outcome.error) return Status::ok_status();
  // A retried Complete whose earlier attempt succeeded (its answer lost) finds the upload gone.
  if (outcome.error->code == "NoSuchUpload" && outcome.attempts > 1) {
    return reconcile_lost_completion(key, upload_id, etags, options, error_status(call, outcome));
  }
  return error_status(call, outcome);
}

Status S3ObjectStore::reconcile_lost_completion(std::string_view key, std::string_view upload_id,
                                                const std::vector<std::string>& etags,
                                                const PutOptions& options,
                                                const Status& no_such_upload) {
  Result<std::optional<ObjectInfo>> head = head_object(key);
  if (!head.ok()) return head.status().with_context("checking a completion whose answer was lost");
  const std::string expected = etag_is_md5_based(options) ? multipart_etag(etags) : "";
  const bool present = head->has_value();
  const std::string found = present ? (*head)->etag : "";
  switch (decide_lost_completion(present, found, expected)) {
    case LostCompletion::kCompletedByUs:
      SLUICE_LOG(kStorage).warn(
          "s3 complete op=CompleteMultipartUpload bucket={} key={} upload_id={}: the retry found "
          "the upload gone and the object present{}: an earlier attempt completed it",
          options_.bucket, key, upload_id,
          expected.empty() ? " (ETag not comparable with SSE-KMS/SSE-C)"
                           : " with our ETag " + found);
      return Status::ok_status();
    case LostCompletion::kNotOurs:
      // Gone and not written by us (aborted meanwhile, or another object): a fresh upload of the
      // same file, after the task rewinds, writes it.
      return Status::retriable(no_such_upload.message() + ": the upload is gone and " +
                               (present ? "the object there (ETag " + found +
                                              ") is not the one completed (ETag " + expected + ")"
                                        : "the object is absent") +
                               "; the file is uploaded again");
  }
  return no_such_upload;
}

LostCompletion decide_lost_completion(bool object_present, std::string_view found_etag,
                                      std::string_view expected_etag) {
  if (!object_present) return LostCompletion::kNotOurs;
  // Without a comparable ETag (SSE-KMS, SSE-C) the object's presence is all there is to go by.
  if (expected_etag.empty()) return LostCompletion::kCompletedByUs;
  return etags_match(found_etag, expected_etag) ? LostCompletion::kCompletedByUs
                                                : LostCompletion::kNotOurs;
}

Status S3ObjectStore::abort_multipart_upload(std::string_view key, std::string_view upload_id) {
  Call call{ObjectStoreOp::kAbortMultipartUpload, "DELETE", key};
  call.query = {{"uploadId", std::string(upload_id)}};
  call.upload_id = upload_id;
  SLUICE_ASSIGN_OR_RETURN(Outcome outcome, execute(call));
  if (!outcome.error || outcome.error->code == "NoSuchUpload") return Status::ok_status();
  return error_status(call, outcome);
}

Result<ListPage> S3ObjectStore::list_objects(std::string_view prefix,
                                             std::string_view continuation_token) {
  Call call{ObjectStoreOp::kListObjects, "GET", ""};
  // encoding-type=url: keys may hold bytes XML 1.0 cannot carry.
  call.query = {{"list-type", "2"}, {"prefix", std::string(prefix)}, {"encoding-type", "url"}};
  if (!continuation_token.empty()) {
    call.query.emplace_back("continuation-token", std::string(continuation_token));
  }
  SLUICE_ASSIGN_OR_RETURN(Outcome outcome, execute(call));
  if (outcome.error) return error_status(call, outcome);
  Result<XmlElement> root = parse_xml(outcome.response.body);
  if (!root.ok() || root->name != "ListBucketResult") {
    return Status::retriable("S3 ListObjectsV2 bucket=" + options_.bucket +
                             " prefix=" + std::string(prefix) + ": unreadable response (" +
                             (root.ok() ? "root <" + root->name + ">" : root.status().message()) +
                             ")");
  }
  const bool url_encoded = root->child_text("EncodingType") == "url";
  ListPage page;
  for (const XmlElement* contents : root->children_named("Contents")) {
    ObjectInfo info;
    info.key = contents->child_text("Key");
    if (url_encoded) info.key = aws::uri_decode(info.key, /*plus_as_space=*/true);
    info.size = std::strtoull(contents->child_text("Size").c_str(), nullptr, 10);
    info.etag = contents->child_text("ETag");
    info.last_modified = contents->child_text("LastModified");
    page.objects.push_back(std::move(info));
  }
  if (root->child_text("IsTruncated") == "true") {
    page.next_continuation_token = root->child_text("NextContinuationToken");
  }
  return page;
}

Result<std::string> S3ObjectStore::get_object(std::string_view key) {
  Call call{ObjectStoreOp::kGetObject, "GET", key};
  SLUICE_ASSIGN_OR_RETURN(Outcome outcome, execute(call));
  if (outcome.error) return error_status(call, outcome);
  return std::move(outcome.response.body);
}

Result<bool> S3ObjectStore::object_exists(std::string_view key) {
  Call call{ObjectStoreOp::kHeadObject, "HEAD", key};
  SLUICE_ASSIGN_OR_RETURN(Outcome outcome, execute(call));
  if (!outcome.error) return true;
  if (outcome.response.status == 404) return false;
  return error_status(call, outcome);
}

Result<std::optional<ObjectInfo>> S3ObjectStore::head_object(std::string_view key) {
  Call call{ObjectStoreOp::kHeadObject, "HEAD", key};
  SLUICE_ASSIGN_OR_RETURN(Outcome outcome, execute(call));
  if (outcome.error) {
    if (outcome.response.status == 404) return std::optional<ObjectInfo>();
    return error_status(call, outcome);
  }
  ObjectInfo info;
  info.key = std::string(key);
  if (const std::string* etag = outcome.response.header("ETag")) info.etag = *etag;
  if (const std::string* length = outcome.response.header("Content-Length")) {
    info.size = std::strtoull(length->c_str(), nullptr, 10);
  }
  if (const std::string* modified = outcome.response.header("Last-Modified")) {
    info.last_modified = *modified;
  }
  return std::optional<ObjectInfo>(std::move(info));
}

Status S3ObjectStore::delete_object(std::string_view key) {
  Call call{ObjectStoreOp::kDeleteObject, "DELETE", key};
  SLUICE_ASSIGN_OR_RETURN(Outcome outcome, execute(call));
  if (!outcome.error || outcome.error->code == "NoSuchKey") return Status::ok_status();
  return error_status(call, outcome);
}

Status S3ObjectStore::put_object_tagging(std::string_view key, const ObjectTags& tags) {
  std::string body = "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>";
  for (const auto& [name, value] : tags) {
    body +=
        "<Tag><Key>" + xml_escape(name) + "</Key><Value>" + xml_escape(value) + "</Value></Tag>";
  }
  body += "</TagSet></Tagging>";
  Call call{ObjectStoreOp::kPutObjectTagging, "PUT", key};
  call.query = {{"tagging", ""}};
  // PutObjectTagging requires an integrity header.
  call.headers.emplace_back("Content-MD5", content_md5(body));
  call.body = body;
  SLUICE_ASSIGN_OR_RETURN(Outcome outcome, execute(call));
  if (outcome.error) return error_status(call, outcome);
  return Status::ok_status();
}

}  // namespace sluice::storage
