// The TLS of `https` REST listeners, configured as Kafka Connect configures Jetty's
// SslContextFactory (SSLUtils.createServerSideSslContextFactory): the `listeners.https.` (or
// `admin.listeners.https.`) keys when any is set, else the worker's `ssl.*` keys
// (AbstractConfig.valuesWithPrefixAllOrNothing), read into an OpenSSL SSL_CTX.
//
// The stores are read with config/key_stores.h, as the Kafka client's are (PEM and PKCS#12; JKS
// and JCEKS refused with the keytool command). Stateless; thread-safe.
#pragma once

#include <openssl/ssl.h>

#include <map>
#include <string>

#include "config/worker_config.h"
#include "util/status.h"

namespace sluice::rest {

// The TLS settings one kind of https listener uses.
struct ServerTlsSettings {
  // What the keys were written with, for messages: "listeners.https.", "admin.listeners.https."
  // or "" (the worker's own ssl.* keys).
  std::string key_prefix;
  // Unprefixed names ("ssl.keystore.location"); may hold secrets.
  std::map<std::string, std::string> values;
};

// Connect's rule: the keys under `prefix` (given stripped, as `prefixed`) when there is any,
// else the worker's ssl.* keys.
ServerTlsSettings server_tls_settings(const std::map<std::string, std::string>& prefixed,
                                      const std::string& prefix,
                                      const config::WorkerConfig& worker);

// Configures `ctx` to serve with these settings: the certificate chain and key, the trust store
// and ssl.client.auth, ssl.enabled.protocols and ssl.cipher.suites. kInvalidArgument naming the
// key (never a secret) when a setting cannot be used. REQUIRES: ctx is a fresh server context.
Status configure_server_tls(const ServerTlsSettings& settings, SSL_CTX* ctx);

// configure_server_tls on a context of its own: whether a listener could start with these.
Status check_server_tls(const ServerTlsSettings& settings);

}  // namespace sluice::rest
