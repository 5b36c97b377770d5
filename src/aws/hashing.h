// Digests and encodings that AWS request signing and S3 integrity headers need: SHA-256,
// HMAC-SHA256 and MD5 (over OpenSSL), lowercase hex, and standard base64.
//
// Free functions with no state; safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "util/status.h"

namespace sluice::aws {

using Sha256Digest = std::array<uint8_t, 32>;
using Md5Digest = std::array<uint8_t, 16>;

Sha256Digest sha256(std::string_view data);
// The digest of the chunks concatenated, without concatenating them.
Sha256Digest sha256(std::span<const std::string_view> chunks);
Sha256Digest hmac_sha256(std::string_view key, std::string_view data);
Md5Digest md5(std::string_view data);
Md5Digest md5(std::span<const std::string_view> chunks);

// Lowercase hex, as SigV4 wants everywhere.
std::string hex_encode(std::span<const uint8_t> bytes);
inline std::string sha256_hex(std::string_view data) {
  return hex_encode(sha256(data));
}

// Standard alphabet with '=' padding (Content-MD5, SSE-C keys).
std::string base64_encode(std::span<const uint8_t> bytes);
inline std::string base64_encode(std::string_view bytes) {
  return base64_encode(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}
// Accepts padded or unpadded input; ignores no characters (whitespace is an error).
Result<std::string> base64_decode(std::string_view text);

}  // namespace sluice::aws
