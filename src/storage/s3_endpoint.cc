#include "storage/s3_endpoint.h"

#include "aws/uri_encoding.h"

namespace sluice::storage {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

Result<S3Endpoint> S3Endpoint::create(std::string_view store_url, std::string_view region,
                                      std::string_view bucket, bool path_style, bool accelerate) {
  S3Endpoint out;
  out.bucket_ = std::string(bucket);
  out.path_style_ = path_style;
  if (bucket.empty()) return Status::invalid_argument("s3.bucket.name must be set");
  store_url = trim(store_url);
  if (store_url.empty()) {
    if (region.empty()) return Status::invalid_argument("s3.region must be set");
    out.scheme_ = "https";
    if (accelerate) {
      if (path_style) {
        return Status::invalid_argument(
            "s3.wan.mode=true needs s3.path.style.access.enabled=false (Transfer Acceleration "
            "works with virtual-hosted addressing only)");
      }
      out.host_ = "s3-accelerate.amazonaws.com";
    } else {
      std::string suffix = region.starts_with("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com";
      out.host_ = "s3." + std::string(region) + suffix;
    }
  } else {
    std::string_view rest = store_url;
    size_t scheme_end = rest.find("://");
    if (scheme_end == std::string_view::npos) {
      out.scheme_ = "https";
    } else {
      out.scheme_ = lower(rest.substr(0, scheme_end));
      rest.remove_prefix(scheme_end + 3);
    }
    if (out.scheme_ != "https" && out.scheme_ != "http") {
      return Status::invalid_argument("store.url=" + std::string(store_url) +
                                      " must be an http:// or https:// URL");
    }
    size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    std::string_view base = slash == std::string_view::npos ? "" : rest.substr(slash);
    if (authority.empty() || authority.find('@') != std::string_view::npos ||
        authority.find_first_of("?#") != std::string_view::npos ||
        base.find_first_of("?#") != std::string_view::npos) {
      return Status::invalid_argument("store.url=" + std::string(store_url) +
                                      " must be scheme://host[:port][/path]");
    }
    std::string host = lower(authority);
    // The scheme's default port is not part of Host (curl would not send it either). In an IPv6
    // literal the port can only follow the closing bracket.
    size_t port_colon = host.rfind(':');
    size_t bracket = host.rfind(']');
    if (port_colon != std::string::npos && (bracket == std::string::npos || port_colon > bracket)) {
      std::string_view port = std::string_view(host).substr(port_colon + 1);
      if (port == (out.scheme_ == "https" ? "443" : "80")) host.resize(port_colon);
    }
    out.host_ = std::move(host);
    while (base.ends_with('/')) base.remove_suffix(1);
    out.base_path_ = std::string(base);
  }
  if (!path_style) out.host_ = std::string(bucket) + "." + out.host_;
  return out;
}

std::string S3Endpoint::path(std::string_view key) const {
  std::string out = base_path_;
  if (path_style_) {
    out += '/';
    aws::uri_encode_append(out, bucket_);
    if (!key.empty()) {
      out += '/';
      aws::uri_encode_append(out, key, /*keep_slash=*/true);
    }
  } else {
    out += '/';
    aws::uri_encode_append(out, key, /*keep_slash=*/true);
  }
  return out;
}

std::string S3Endpoint::url(std::string_view encoded_path, std::string_view encoded_query) const {
  std::string out = scheme_ + "://" + host_;
  out += encoded_path;
  if (!encoded_query.empty()) {
    out += '?';
    out += encoded_query;
  }
  return out;
}

std::string S3Endpoint::describe() const {
  return scheme_ + "://" + host_ + base_path_ + (path_style_ ? " path-style" : " virtual-hosted");
}

}  // namespace sluice::storage
