#include "runtime/oidc_token_source.h"

#include <string>

#include "oauth/client_credentials.h"

namespace sluice::runtime {

kafka::OAuthBearerTokenSource make_oidc_token_source(
    kafka::ClientConfig::Oidc settings,
    std::function<std::chrono::system_clock::time_point()> clock) {
  oauth::ClientCredentials credentials;
  credentials.token_endpoint_url = std::move(settings.token_endpoint_url);
  credentials.client_id = std::move(settings.client_id);
  credentials.client_secret = std::move(settings.client_secret);
  credentials.scope = std::move(settings.scope);
  credentials.claims.subject = std::move(settings.sub_claim_name);
  // The broker validates the scope; sasl.oauthbearer.scope.claim.name has no effect here.
  credentials.claims.scope.clear();
  credentials.header_urlencode = settings.header_urlencode;
  credentials.extensions = std::move(settings.extensions);
  http::HttpClientOptions http;
  http.request_timeout = std::chrono::seconds(30);
  http.user_agent = std::string("sluice/") + SLUICE_VERSION;
  return oauth::make_client_credentials_source(std::move(credentials), std::move(http),
                                               std::move(clock));
}

}  // namespace sluice::runtime
