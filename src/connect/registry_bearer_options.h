// The bearer.auth.* settings of a Confluent converter's Schema Registry client, read as Confluent's
// client (7.7, BearerAuthCredentialProviderFactory and its providers) reads them from the
// converter's own sub-config:
//
//   bearer.auth.credentials.source   STATIC_TOKEN, OAUTHBEARER or SASL_OAUTHBEARER_INHERIT
//   bearer.auth.token                STATIC_TOKEN's token
//   bearer.auth.issuer.endpoint.url  OAUTHBEARER: the token endpoint (client credentials grant),
//   bearer.auth.client.id / .client.secret / .scope        its client and scope,
//   bearer.auth.sub.claim.name / .scope.claim.name         the JWT claims checked ("sub", "scope"),
//   bearer.auth.cache.expiry.buffer.seconds                renew that long before expiry (300)
//   bearer.auth.logical.cluster      sent as the target-sr-cluster header
//   bearer.auth.identity.pool.id     sent as the Confluent-Identity-Pool-Id header
//
// SASL_OAUTHBEARER_INHERIT is OAUTHBEARER with fallbacks from the converter's own Kafka client
// keys, as Confluent's SaslOauthCredentialProvider takes them: clientId, clientSecret, scope and
// extension_identityPoolId from the login module of sasl.jaas.config (which must be set here:
// sluice has no JVM-wide JAAS file), the endpoint from sasl.oauthbearer.token.endpoint.url, and
// the claim names from sasl.oauthbearer.sub.claim.name / .scope.claim.name, which win over the
// bearer.auth.* ones. CUSTOM (a Java class) is refused. Secrets never appear in problems.
#pragma once

#include "connect/converter_options.h"
#include "schema_registry/registry_client_config.h"

namespace sluice::connect {

// Fills the bearer fields of `config` when bearer.auth.credentials.source is set (non-blank);
// problems go to `options`.
void read_bearer_auth(ConverterOptions& options, schema_registry::RegistryClientConfig& config);

}  // namespace sluice::connect
