// The Java client's key and trust stores (ssl.truststore.*, ssl.keystore.*) in librdkafka's terms:
// the stores are read by config/key_stores.h (PEM passed on, PKCS#12 trust stores as PEM text,
// JKS refused with the keytool command); this file maps the result onto librdkafka's ssl.*
// properties. Stateless; thread-safe.
#pragma once

#include <map>
#include <string>

#include "kafka/client_config.h"
#include "util/status.h"

namespace sluice::kafka {

// ssl.truststore.*: what the broker's certificate is checked against. Sets ssl.ca.* properties of
// `config`; kInvalidArgument names the key (never a password) when a store cannot be used.
Status translate_truststore(const std::map<std::string, std::string>& java, ClientConfig& config);

// ssl.keystore.* and ssl.key.password: the client certificate for mutual TLS. Sets
// ssl.certificate.* / ssl.key.* / ssl.keystore.* properties of `config`.
Status translate_keystore(const std::map<std::string, std::string>& java, ClientConfig& config);

}  // namespace sluice::kafka
