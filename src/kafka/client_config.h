// Translation of Java Kafka client properties (what users put in worker and connector configs)
// into librdkafka properties.
//
// Kafka Connect builds a sink task's consumer from: Connect's defaults, the worker's
// bootstrap.servers, the worker's `consumer.*` keys, then the connector's `consumer.override.*`
// keys. Most Java consumer keys have a librdkafka twin of the same name; some are spelled
// differently, some have no meaning for librdkafka (deserializers, Java class names) and are
// dropped with a note, and a few cannot be honoured and are reported as problems.
//
// Security settings get a translation of their own, because the Java client takes them in forms
// librdkafka does not know: a JAAS login module line (sasl.jaas.config) instead of
// sasl.username/sasl.password, and Java key stores (ssl.truststore.*, ssl.keystore.*) instead of
// PEM files. PKCS#12 and PEM stores are translated (a PKCS#12 trust store is read here and handed
// to librdkafka as PEM text); JKS stores are refused with the keytool command that converts them.
// Messages never show secret values: they print "[hidden]" instead.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/jaas_config.h"
#include "util/status.h"

namespace sluice::kafka {

struct ClientConfigInput {
  std::string bootstrap_servers;
  std::string group_id;   // connect-<name>
  std::string client_id;  // connector-consumer-<name>-<task>
  // Java-named consumer properties, in increasing priority: worker consumer.* (prefix stripped),
  // then connector consumer.override.* (prefix stripped).
  std::vector<std::map<std::string, std::string>> layers;
};

struct ClientConfig {
  std::map<std::string, std::string> properties;  // librdkafka names; may hold secrets
  std::vector<std::string> notes;                 // dropped or adapted keys, for a warning log line
  int max_poll_records = 500;
  // Set for MSK IAM authentication (sasl.mechanism=AWS_MSK_IAM with IAMLoginModule, or
  // OAUTHBEARER with IAMOAuthBearerLoginCallbackHandler): the login module's options, in the order
  // written (awsRoleArn, awsProfileName, ...). librdkafka's mechanism is then OAUTHBEARER and the
  // runtime must supply the tokens (ConsumerOptions::oauthbearer_token).
  std::optional<std::vector<std::pair<std::string, std::string>>> msk_iam_options;
  // Set for OAUTHBEARER with Kafka's OIDC login handler (KIP-768): what the runtime needs to fetch
  // tokens from the OAuth token endpoint itself (ConsumerOptions::oauthbearer_token). librdkafka's
  // own OIDC login differs from Java's where a sink needs it most: it reports a failed refresh as
  // an authentication error while the current token is still good, retries no connection failure,
  // and has no header.urlencode (docs/compatibility.md, "OAUTHBEARER with OIDC").
  struct Oidc {
    std::string token_endpoint_url;
    std::string client_id;
    std::string client_secret;  // a secret
    std::string scope;          // empty: none sent
    std::vector<std::pair<std::string, std::string>> extensions;
    std::string sub_claim_name = "sub";  // sasl.oauthbearer.sub.claim.name
    // sasl.oauthbearer.header.urlencode: form-encode id and secret inside the Basic header (Java's
    // default is to send them as they are).
    bool header_urlencode = false;
  };
  std::optional<Oidc> oidc;
};

// Fails (kInvalidArgument) for values librdkafka cannot accept, naming the key and the value
// (or "[hidden]" for a secret). Reads the trust and key stores named by ssl.*.location to find
// out what they hold.
Result<ClientConfig> translate_consumer_config(const ClientConfigInput& input);

// The librdkafka properties that say where the cluster is and how to sign in (bootstrap servers,
// security protocol, ssl.*, sasl.*, unsecured JWT logins), out of a client's properties: what a
// second client of the same task (the dead-letter-queue producer) needs to reach the cluster.
std::map<std::string, std::string> connection_properties(
    const std::map<std::string, std::string>& properties);

// Whether Java client keys (prefix stripped) set anything about security: security.protocol,
// sasl.* or ssl.*.
bool has_security_settings(const std::map<std::string, std::string>& java_properties);

// Sets every property on a fresh librdkafka configuration, as Consumer::create will, so that a
// name or value librdkafka refuses is a configuration error found before connecting.
// kInvalidArgument naming the key and librdkafka's reason (the value hidden for secrets).
Status check_librdkafka_properties(const std::map<std::string, std::string>& properties);

}  // namespace sluice::kafka
