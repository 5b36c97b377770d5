// S3Endpoint: where the requests for one bucket go and how their paths are spelled.
//
// From Confluent's settings (spec confluent-s3-sink.md §2.2, §2.4, §6.1): `store.url` blank means
// the regional AWS endpoint https://s3.<region>.amazonaws.com (amazonaws.com.cn in China
// regions; https://<bucket>.s3-accelerate.amazonaws.com with s3.wan.mode); a store.url without a
// scheme gets https://. Path-style puts the bucket first in the path (/bucket/key, the Java
// connector's default and what MinIO and LocalStack want); virtual-hosted puts it in the host name
// (bucket.s3.<region>.amazonaws.com/key). The Host value carries ":port" only for a non-default
// port, exactly as it must be signed (spec msk-connect-and-aws.md §4.3). Immutable.
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace sluice::storage {

class S3Endpoint {
 public:
  // kInvalidArgument (naming store.url / s3.wan.mode) for an unusable combination.
  static Result<S3Endpoint> create(std::string_view store_url, std::string_view region,
                                   std::string_view bucket, bool path_style, bool accelerate);

  bool is_https() const { return scheme_ == "https"; }
  // The Host header value: "s3.us-east-1.amazonaws.com", "bucket.s3...", "localhost:9000".
  const std::string& host() const { return host_; }
  // The encoded path of an object ("/bucket/topics/a%2Bb"), or of the bucket for an empty key.
  std::string path(std::string_view key) const;
  // scheme://host + encoded path [+ "?" + encoded query].
  std::string url(std::string_view encoded_path, std::string_view encoded_query) const;
  // "https://s3.us-east-1.amazonaws.com path-style", for messages.
  std::string describe() const;

 private:
  std::string scheme_;
  std::string host_;
  std::string base_path_;  // a path prefix from store.url, without a trailing '/'
  std::string bucket_;
  bool path_style_ = true;
};

}  // namespace sluice::storage
