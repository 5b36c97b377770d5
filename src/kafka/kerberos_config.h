// GSSAPI (Kerberos) for the Kafka clients: the Java client's Krb5LoginModule login and
// sasl.kerberos.* keys in librdkafka's terms, and the check that this machine can speak GSSAPI.
// Stateless apart from a cached list of Cyrus SASL plugins; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "kafka/client_config.h"
#include "util/status.h"

namespace sluice::kafka {

// Translates the Kerberos login when `gssapi` (sasl.mechanism=GSSAPI over SASL_PLAINTEXT or
// SASL_SSL): the Krb5LoginModule options and sasl.kerberos.* keys become librdkafka's
// sasl.kerberos.* properties of `config`. kInvalidArgument for what the Java client would refuse
// at start (no service name, no keytab or ticket cache, ...). Without `gssapi` it only notes
// Kerberos settings that have no effect.
Status translate_gssapi(const std::map<std::string, std::string>& java, bool gssapi,
                        ClientConfig& config);

// librdkafka speaks GSSAPI through Cyrus SASL, whose GSSAPI plugin is a package of its own (Debian
// and Ubuntu: libsasl2-modules-gssapi-mit; RHEL: cyrus-sasl-gssapi); without it every login fails
// with Cyrus's "No worthy mechs found". Given the client mechanisms Cyrus SASL found on this
// machine, fails (kInvalidArgument) naming the package when GSSAPI is not among them.
// check_librdkafka_properties runs it with this machine's list for a GSSAPI configuration.
Status check_gssapi_plugin(const std::vector<std::string>& cyrus_client_mechanisms);

// The client mechanisms of the Cyrus SASL plugins this process can load (Cyrus's plugin folder,
// or SASL_PATH), listed once.
const std::vector<std::string>& cyrus_client_mechanisms();

}  // namespace sluice::kafka
