// The Java client's key and trust stores (ssl.truststore.*, ssl.keystore.*) in librdkafka's terms:
// PEM files are passed on, PKCS#12 stores are read here with OpenSSL and handed over as PEM text,
// JKS and JCEKS stores are refused with the keytool command that converts them. Stateless;
// thread-safe (OpenSSL's legacy provider is loaded once).
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
