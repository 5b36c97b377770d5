// S3StoreMetrics: the metric cells an S3ObjectStore records into — the duration of each request
// (every attempt, by operation), error answers and transport failures by kind, and retries.
//
// Made once per connector and shared, read-only, by the stores of all its upload threads (the
// cells themselves are atomic). The kinds are derived from the store's own error classification
// (s3_error.h), never from message text.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "metrics/registry.h"
#include "storage/object_store.h"
#include "storage/s3_error.h"
#include "util/status.h"

namespace sluice::storage {

enum class S3ErrorKind {
  kThrottled,  // SlowDown and the other throttling codes, HTTP 429
  kServer,     // any other 5xx answer
  kClient,     // any other 4xx answer (access denied, clock skew, expired credentials, 404 ...)
  kNetwork,    // no HTTP answer: DNS, connect, TLS, reset
  kTimeout,    // RequestTimeout / HTTP 408, or the connect or request timeout ran out
};
inline constexpr int kS3ErrorKindCount = 5;

// "throttled", "server", "client", "network", "timeout": the label value.
std::string_view s3_error_kind_name(S3ErrorKind kind);
// The kind of an S3 error answer.
S3ErrorKind s3_error_kind(const S3Error& error);

struct S3StoreMetrics {
  // The cells of `connector` in `registry` (sluice_s3_request_duration_seconds,
  // sluice_s3_errors_total, sluice_s3_retries_total), every operation and kind made at zero;
  // `registration` takes them out when the connector stops.
  static std::shared_ptr<const S3StoreMetrics> create(metrics::Registry& registry,
                                                      const std::string& connector,
                                                      metrics::Registration* registration);

  std::array<std::shared_ptr<metrics::Histogram>, kObjectStoreOpCount> request_seconds;
  std::array<std::shared_ptr<metrics::Counter>, kS3ErrorKindCount> errors;
  std::shared_ptr<metrics::Counter> retries;
};

}  // namespace sluice::storage
