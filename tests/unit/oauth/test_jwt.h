// Unsigned-looking JWTs for the oauth tests: sluice reads the claims; the server that receives the
// token checks the signature.
#pragma once

#include <openssl/evp.h>

#include <string>
#include <string_view>

namespace sluice::testing {

inline std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

// RFC 4648 §5 without padding, as JWTs use it (RFC 7515 §2).
inline std::string base64url(std::string_view bytes) {
  std::string out = base64(bytes);
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}

inline std::string jwt(const std::string& claims_json) {
  return base64url(R"({"alg":"RS256","kid":"k1","typ":"JWT"})") + "." + base64url(claims_json) +
         ".c2lnbmF0dXJl";
}

}  // namespace sluice::testing
