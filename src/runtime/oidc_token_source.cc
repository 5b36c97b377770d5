#include "runtime/oidc_token_source.h"

#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "aws/uri_encoding.h"
#include "format/base64.h"
#include "http/http_client.h"

namespace sluice::runtime {

namespace {

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
std::optional<nlohmann::json> jwt_claims(const std::string& token) {
  size_t first = token.find('.');
  if (first == std::string::npos) return std::nullopt;
  size_t second = token.find('.', first + 1);
  if (second == std::string::npos) return std::nullopt;
  std::optional<std::string> payload =
      base64url_decode(token.substr(first + 1, second - first - 1));
  if (!payload) return std::nullopt;
  nlohmann::json claims = nlohmann::json::parse(*payload, nullptr, /*allow_exceptions=*/false);
  if (!claims.is_object()) return std::nullopt;
  return claims;
}

class OidcClient {
 public:
  OidcClient(kafka::ClientConfig::Oidc settings,
             std::function<std::chrono::system_clock::time_point()> clock)
      : settings_(std::move(settings)), clock_(std::move(clock)) {
    http::HttpClientOptions options;
    options.request_timeout = std::chrono::seconds(30);
    options.user_agent = std::string("sluice/") + SLUICE_VERSION;
    http_ = std::make_unique<http::HttpClient>(options);
  }

  Result<kafka::OAuthBearerToken> fetch() {
    // As Java's ClientCredentialsJwtRetriever: id and secret as they are, or form-encoded with
    // sasl.oauthbearer.header.urlencode=true (RFC 6749 §2.3.1).
    std::string credentials =
        settings_.header_urlencode
            ? aws::uri_encode(settings_.client_id) + ":" + aws::uri_encode(settings_.client_secret)
            : settings_.client_id + ":" + settings_.client_secret;
    std::string basic;
    format::append_base64(basic, credentials);
    std::string body = "grant_type=client_credentials";
    if (!settings_.scope.empty()) {
      body += "&scope=" + aws::uri_encode(settings_.scope);
    }
    http::HttpRequest request;
    request.method = "POST";
    request.url = settings_.token_endpoint_url;
    request.headers = {{"Authorization", "Basic " + basic},
                       {"Content-Type", "application/x-www-form-urlencoded"},
                       {"Accept", "application/json"}};
    request.body = body;
    std::lock_guard<std::mutex> lock(mutex_);  // one HttpClient, one request at a time
    Result<http::HttpResponse> response = http_->send(request);
    if (!response.ok()) {
      return Status::retriable("OAuth token endpoint " + settings_.token_endpoint_url + ": " +
                               response.status().message());
    }
    if (response->status != 200) {
      // The error document (RFC 6749 §5.2) says why; it holds no secret of ours.
      nlohmann::json error = nlohmann::json::parse(response->body, nullptr, false);
      std::string why = error.is_object() && error.contains("error") && error["error"].is_string()
                            ? error["error"].get<std::string>()
                            : "HTTP " + std::to_string(response->status);
      if (error.is_object() && error.contains("error_description") &&
          error["error_description"].is_string()) {
        why += ": " + error["error_description"].get<std::string>();
      }
      std::string message = "OAuth token endpoint " + settings_.token_endpoint_url +
                            " refused client " + settings_.client_id + " (HTTP " +
                            std::to_string(response->status) + ", " + why + ")";
      return response->status >= 500 ? Status::retriable(message) : Status::fatal(message);
    }
    Result<kafka::OAuthBearerToken> token =
        parse_token_response(response->body, settings_.sub_claim_name, clock_());
    if (!token.ok()) {
      return Status::fatal("OAuth token endpoint " + settings_.token_endpoint_url + ": " +
                           token.status().message());
    }
    token->extensions = settings_.extensions;
    return token;
  }

 private:
  const kafka::ClientConfig::Oidc settings_;
  const std::function<std::chrono::system_clock::time_point()> clock_;
  std::mutex mutex_;
  std::unique_ptr<http::HttpClient> http_;
};

}  // namespace

Result<kafka::OAuthBearerToken> parse_token_response(std::string_view body,
                                                     const std::string& sub_claim_name,
                                                     std::chrono::system_clock::time_point now) {
  nlohmann::json answer = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!answer.is_object()) return Status::fatal("the answer is not a JSON object");
  if (!answer.contains("access_token") || !answer["access_token"].is_string() ||
      answer["access_token"].get<std::string>().empty()) {
    return Status::fatal("the answer has no access_token");
  }
  kafka::OAuthBearerToken token;
  token.value = answer["access_token"].get<std::string>();
  std::optional<nlohmann::json> claims = jwt_claims(token.value);
  std::optional<std::chrono::system_clock::time_point> expiry;
  if (claims && claims->contains("exp") && (*claims)["exp"].is_number()) {
    // Clamped (to about year 2286) so that an absurd exp cannot overflow the conversion.
    const double exp_seconds = std::min((*claims)["exp"].get<double>(), 1e10);
    expiry = std::chrono::system_clock::time_point(
        std::chrono::milliseconds(static_cast<int64_t>(exp_seconds * 1000)));
  } else if (answer.contains("expires_in") && answer["expires_in"].is_number()) {
    const double expires_in = std::min(answer["expires_in"].get<double>(), 1e9);
    expiry = now + std::chrono::milliseconds(static_cast<int64_t>(expires_in * 1000));
  }
  if (!expiry) return Status::fatal("the token has neither an exp claim nor expires_in");
  if (*expiry <= now) return Status::fatal("the token has already expired");
  token.expiration = *expiry;
  if (claims && claims->contains(sub_claim_name) && (*claims)[sub_claim_name].is_string()) {
    token.principal = (*claims)[sub_claim_name].get<std::string>();
  }
  if (token.principal.empty()) {
    // Kafka's Java client refuses a JWT without the subject claim; an opaque token has none.
    if (claims) return Status::fatal("the token has no '" + sub_claim_name + "' claim");
    token.principal = "unknown";
  }
  return token;
}

kafka::OAuthBearerTokenSource make_oidc_token_source(
    kafka::ClientConfig::Oidc settings,
    std::function<std::chrono::system_clock::time_point()> clock) {
  if (!clock) clock = [] { return std::chrono::system_clock::now(); };
  auto client = std::make_shared<OidcClient>(std::move(settings), std::move(clock));
  return [client]() { return client->fetch(); };
}

}  // namespace sluice::runtime
