#include "storage/object_etag.h"

#include <cctype>
#include <cstdint>

#include "aws/hashing.h"

namespace sluice::storage {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view unquoted(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    etag = etag.substr(1, etag.size() - 2);
  }
  return etag;
}

}  // namespace

std::string put_object_etag(std::string_view body) {
  return "\"" + aws::hex_encode(aws::md5(body)) + "\"";
}

std::string multipart_etag(const std::vector<std::string>& part_etags) {
  std::string digests;
  digests.reserve(part_etags.size() * 16);
  for (const std::string& quoted : part_etags) {
    std::string_view hex = unquoted(quoted);
    if (hex.size() != 32) return "";
    for (size_t i = 0; i < hex.size(); i += 2) {
      int high = hex_value(hex[i]);
      int low = hex_value(hex[i + 1]);
      if (high < 0 || low < 0) return "";
      digests.push_back(static_cast<char>((high << 4) | low));
    }
  }
  return "\"" + aws::hex_encode(aws::md5(digests)) + "-" + std::to_string(part_etags.size()) + "\"";
}

bool etag_is_md5_based(const PutOptions& options) {
  switch (options.encryption) {
    case ServerSideEncryption::kNone:
    case ServerSideEncryption::kS3:
      return true;
    case ServerSideEncryption::kKms:
    case ServerSideEncryption::kKmsDsse:
    case ServerSideEncryption::kCustomerKey:
      return false;
  }
  return false;
}

bool etags_match(std::string_view a, std::string_view b) {
  a = unquoted(a);
  b = unquoted(b);
  if (a.empty() || a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace sluice::storage
