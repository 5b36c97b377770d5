#include "storage/s3_store_metrics.h"

namespace sluice::storage {

std::string_view s3_error_kind_name(S3ErrorKind kind) {
  switch (kind) {
    case S3ErrorKind::kThrottled:
      return "throttled";
    case S3ErrorKind::kServer:
      return "server";
    case S3ErrorKind::kClient:
      return "client";
    case S3ErrorKind::kNetwork:
      return "network";
    case S3ErrorKind::kTimeout:
      return "timeout";
  }
  return "client";
}

S3ErrorKind s3_error_kind(const S3Error& error) {
  if (is_throttling_code(error.code) || error.http_status == 429) return S3ErrorKind::kThrottled;
  if (error.code == "RequestTimeout" || error.code == "RequestTimeoutException" ||
      error.http_status == 408) {
    return S3ErrorKind::kTimeout;
  }
  // What classify_s3_error() retries as transient without a 5xx status (InternalError in a 200
  // CompleteMultipartUpload body, ...) is the server's fault too.
  if (error.http_status >= 500 ||
      (classify_s3_error(error) == S3ErrorClass::kRetriable && error.http_status < 400)) {
    return S3ErrorKind::kServer;
  }
  return S3ErrorKind::kClient;
}

std::shared_ptr<const S3StoreMetrics> S3StoreMetrics::create(metrics::Registry& registry,
                                                             const std::string& connector,
                                                             metrics::Registration* registration) {
  auto m = std::make_shared<S3StoreMetrics>();
  metrics::HistogramFamily& duration = registry.histogram(
      "sluice_s3_request_duration_seconds",
      "Duration of S3 requests (each attempt, from sending to the full answer), by operation.",
      {"connector", "operation"},
      {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60});
  for (int op = 0; op < kObjectStoreOpCount; ++op) {
    m->request_seconds[op] = registration->add(
        duration, {connector, object_store_op_name(static_cast<ObjectStoreOp>(op))});
  }
  metrics::CounterFamily& errors = registry.counter(
      "sluice_s3_errors_total",
      "S3 requests (attempts) that failed, by kind: throttled, server (5xx), client (4xx), "
      "network (no answer), timeout.",
      {"connector", "kind"});
  for (int kind = 0; kind < kS3ErrorKindCount; ++kind) {
    m->errors[kind] = registration->add(
        errors, {connector, std::string(s3_error_kind_name(static_cast<S3ErrorKind>(kind)))});
  }
  m->retries = registration->add(
      registry.counter(
          "sluice_s3_retries_total",
          "S3 request attempts made again after a retriable failure (s3.part.retries).",
          {"connector"}),
      {connector});
  return m;
}

}  // namespace sluice::storage
