#include "oauth/token_response.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

namespace sluice::oauth {

namespace {

using nlohmann::json;
using TimePoint = std::chrono::system_clock::time_point;

// RFC 4648 §5 base64url, padding optional; nullopt for anything else.
std::optional<std::string> base64url_decode(std::string_view text) {
  std::string standard(text);
  for (char& c : standard) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (standard.size() % 4 != 0) standard.push_back('=');
  std::string out(standard.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(standard.data()),
                          static_cast<int>(standard.size()));
  if (n < 0) return std::nullopt;
  size_t padding = 0;
  for (size_t i = standard.size(); i > 0 && standard[i - 1] == '='; --i) ++padding;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

// The claims of a JWT (header.payload.signature), or nothing when the token is not one.
std::optional<json> jwt_claims(const std::string& token) {
  size_t first = token.find('.');
  if (first == std::string::npos) return std::nullopt;
  size_t second = token.find('.', first + 1);
  if (second == std::string::npos) return std::nullopt;
  std::optional<std::string> payload =
      base64url_decode(std::string_view(token).substr(first + 1, second - first - 1));
  if (!payload) return std::nullopt;
  json claims = json::parse(*payload, nullptr, /*allow_exceptions=*/false);
  if (!claims.is_object()) return std::nullopt;
  return claims;
}

// Seconds since the epoch (a JWT NumericDate, or expires_in added to `base`) as a time point;
// clamped (to about year 2286) so that an absurd value cannot overflow the conversion.
TimePoint seconds_after(TimePoint base, double seconds) {
  seconds = std::clamp(seconds, -1e10, 1e10);
  return base + std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

// As Kafka's ClaimValidationUtils.validateScopes: one string, or a list of strings, each non-blank
// and none twice; a claim of another type is no scope at all.
Status check_scope(const json& claims, const std::string& name) {
  auto it = claims.find(name);
  if (it == claims.end()) return Status::ok_status();
  std::vector<const json*> values;
  if (it->is_string()) {
    values.push_back(&*it);
  } else if (it->is_array()) {
    for (const json& v : *it) values.push_back(&v);
  }
  std::set<std::string_view> seen;
  for (const json* v : values) {
    std::string_view scope = v->is_string() ? trim(v->get_ref<const std::string&>()) : "";
    if (scope.empty()) {
      return Status::fatal("the token's '" + name + "' claim holds an empty or non-string value");
    }
    if (!seen.insert(scope).second) {
      return Status::fatal("the token's '" + name + "' claim lists '" + std::string(scope) +
                           "' twice");
    }
  }
  return Status::ok_status();
}

}  // namespace

Result<AccessToken> parse_token_response(std::string_view body, const ClaimNames& names,
                                         TimePoint now) {
  json answer = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!answer.is_object()) return Status::fatal("the answer is not a JSON object");
  auto access_token = answer.find("access_token");
  if (access_token == answer.end() || !access_token->is_string() ||
      access_token->get_ref<const std::string&>().empty()) {
    return Status::fatal("the answer has no access_token");
  }
  AccessToken token;
  token.value = access_token->get<std::string>();
  std::optional<json> claims = jwt_claims(token.value);
  std::optional<TimePoint> expiry;
  if (claims && claims->contains("exp") && (*claims)["exp"].is_number()) {
    expiry = seconds_after(TimePoint(), (*claims)["exp"].get<double>());
  } else if (answer.contains("expires_in") && answer["expires_in"].is_number()) {
    expiry = seconds_after(now, answer["expires_in"].get<double>());
  }
  if (!expiry) return Status::fatal("the token has neither an exp claim nor expires_in");
  if (*expiry <= now) return Status::fatal("the token has already expired");
  token.expiration = *expiry;
  if (claims && claims->contains("iat") && (*claims)["iat"].is_number()) {
    const double iat = (*claims)["iat"].get<double>();
    if (iat < 0) return Status::fatal("the token's iat claim is negative");
    token.issued_at = seconds_after(TimePoint(), iat);
  }
  if (claims && !names.scope.empty()) SLUICE_RETURN_IF_ERROR(check_scope(*claims, names.scope));
  if (claims && claims->contains(names.subject) && (*claims)[names.subject].is_string()) {
    token.principal = std::string(trim((*claims)[names.subject].get_ref<const std::string&>()));
  }
  if (token.principal.empty()) {
    // Kafka's Java client refuses a JWT without the subject claim; an opaque token has none.
    if (claims) return Status::fatal("the token has no '" + names.subject + "' claim");
    token.principal = "unknown";
  }
  return token;
}

}  // namespace sluice::oauth
