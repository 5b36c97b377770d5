#include "oauth/client_credentials.h"

#include <openssl/evp.h>

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "util/thread_annotations.h"

namespace sluice::oauth {

namespace {

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

// Percent-encodes all but RFC 3986's unreserved characters (a space is %20), which every
// application/x-www-form-urlencoded reader decodes.
std::string form_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0f];
    }
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

// Why the endpoint said no: its RFC 6749 §5.2 error document, which holds no secret of ours.
std::string refusal_reason(const http::HttpResponse& response) {
  nlohmann::json error = nlohmann::json::parse(response.body, nullptr, false);
  std::string why = error.is_object() && error.contains("error") && error["error"].is_string()
                        ? error["error"].get<std::string>()
                        : "HTTP " + std::to_string(response.status);
  if (error.is_object() && error.contains("error_description") &&
      error["error_description"].is_string()) {
    why += ": " + error["error_description"].get<std::string>();
  }
  return why;
}

// One client's requests to its token endpoint; shared by the copies of its TokenSource.
class ClientCredentialsFetcher {
 public:
  ClientCredentialsFetcher(ClientCredentials credentials, http::HttpClientOptions http, Clock clock)
      : credentials_(std::move(credentials)), clock_(std::move(clock)), http_(std::move(http)) {
    const ClientCredentials& c = credentials_;
    const std::string id_and_secret =
        c.header_urlencode ? form_encode(c.client_id) + ":" + form_encode(c.client_secret)
                           : c.client_id + ":" + c.client_secret;
    authorization_ = "Basic " + base64(id_and_secret);
    body_ = "grant_type=client_credentials";
    if (std::string_view scope = trim(c.scope); !scope.empty()) {
      body_ += "&scope=" + form_encode(scope);
    }
  }

  Result<AccessToken> fetch() EXCLUDES(mu_) {
    http::HttpRequest request;
    request.method = "POST";
    request.url = credentials_.token_endpoint_url;
    request.headers = {{"Authorization", authorization_},
                       {"Content-Type", "application/x-www-form-urlencoded"},
                       {"Accept", "application/json"}};
    request.body = body_;
    Result<http::HttpResponse> response = [&] {
      std::lock_guard<std::mutex> lock(mu_);
      return http_.send(request);
    }();
    const std::string& url = credentials_.token_endpoint_url;
    if (!response.ok()) {
      return Status::retriable("OAuth token endpoint " + url + ": " + response.status().message());
    }
    const int status = response->status;
    if (status / 100 != 2) {
      std::string message = "OAuth token endpoint " + url + " refused client " +
                            credentials_.client_id + " (HTTP " + std::to_string(status) + ", " +
                            refusal_reason(*response) + ")";
      const bool transient = status == 408 || status == 429 || status >= 500;
      return transient ? Status::retriable(std::move(message)) : Status::fatal(std::move(message));
    }
    Result<AccessToken> token = parse_token_response(response->body, credentials_.claims, clock_());
    if (!token.ok()) {
      return Status::fatal("OAuth token endpoint " + url + ": " + token.status().message());
    }
    token->extensions = credentials_.extensions;
    return token;
  }

 private:
  const ClientCredentials credentials_;
  const Clock clock_;
  std::string authorization_;  // a secret (the Basic credentials)
  std::string body_;
  std::mutex mu_;
  http::HttpClient http_ GUARDED_BY(mu_);
};

}  // namespace

TokenSource make_client_credentials_source(ClientCredentials credentials,
                                           http::HttpClientOptions http, Clock clock) {
  auto fetcher = std::make_shared<ClientCredentialsFetcher>(std::move(credentials), std::move(http),
                                                            system_clock_or(std::move(clock)));
  return [fetcher]() { return fetcher->fetch(); };
}

}  // namespace sluice::oauth
