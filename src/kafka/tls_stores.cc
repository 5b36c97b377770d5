#include "kafka/tls_stores.h"

#include "config/key_stores.h"
#include "kafka/java_keys.h"

namespace sluice::kafka {

namespace {

sluice::config::StoreSettings store_settings(const std::map<std::string, std::string>& java,
                                             const std::string& kind) {
  sluice::config::StoreSettings s;
  s.prefix = "ssl.";
  s.location = get(java, "ssl." + kind + ".location");
  s.type = to_upper(get(java, "ssl." + kind + ".type").value_or("JKS"));
  s.password = get(java, "ssl." + kind + ".password");
  return s;
}

}  // namespace

// ssl.truststore.*: what the broker's certificate is checked against.
Status translate_truststore(const std::map<std::string, std::string>& java, ClientConfig& config) {
  std::map<std::string, std::string>& p = config.properties;
  if (auto pem = get(java, "ssl.truststore.certificates")) p["ssl.ca.pem"] = *pem;
  sluice::config::StoreSettings settings = store_settings(java, "truststore");
  if (!sluice::config::is_known_store_type(settings.type)) {
    return Status::invalid_argument(invalid_value("ssl.truststore.type", settings.type,
                                                  "sluice reads PEM and PKCS12 trust stores"));
  }
  if (!settings.location || settings.location->empty()) {
    if (java.count("ssl.truststore.password") != 0 && !java.count("ssl.truststore.certificates")) {
      config.notes.push_back(
          "ssl.truststore.password has no effect without ssl.truststore.location");
    }
    return Status::ok_status();
  }
  SLUICE_ASSIGN_OR_RETURN(sluice::config::TrustStorePem store,
                          sluice::config::load_trust_store(settings));
  if (!store.file.empty()) {
    p["ssl.ca.location"] = store.file;
  } else {
    p["ssl.ca.pem"] = std::move(store.text);
  }
  return Status::ok_status();
}

// ssl.keystore.*: the client's own certificate and key (mutual TLS).
Status translate_keystore(const std::map<std::string, std::string>& java, ClientConfig& config) {
  std::map<std::string, std::string>& p = config.properties;
  if (auto chain = get(java, "ssl.keystore.certificate.chain")) p["ssl.certificate.pem"] = *chain;
  if (auto key = get(java, "ssl.keystore.key")) p["ssl.key.pem"] = *key;
  sluice::config::StoreSettings settings = store_settings(java, "keystore");
  if (!sluice::config::is_known_store_type(settings.type)) {
    return Status::invalid_argument(invalid_value("ssl.keystore.type", settings.type,
                                                  "sluice reads PEM and PKCS12 key stores"));
  }
  if (!settings.location || settings.location->empty()) return Status::ok_status();
  SLUICE_ASSIGN_OR_RETURN(sluice::config::KeyStoreFile store,
                          sluice::config::locate_key_store(settings));
  const std::string* location = &store.path;
  if (store.format == sluice::config::KeyStoreFormat::kPem) {
    // A Java PEM key store is one file with the private key and the certificate chain; OpenSSL
    // picks each out of the same file.
    p["ssl.certificate.location"] = *location;
    p["ssl.key.location"] = *location;
    return Status::ok_status();
  }
  p["ssl.keystore.location"] = *location;
  if (auto password = get(java, "ssl.keystore.password")) p["ssl.keystore.password"] = *password;
  auto key_password = get(java, "ssl.key.password");
  if (key_password && key_password != get(java, "ssl.keystore.password")) {
    // librdkafka opens a PKCS#12 file with one password, for the store and the key alike.
    return Status::invalid_argument(
        "Invalid value [hidden] for configuration ssl.key.password: with a PKCS12 key store "
        "sluice needs the key password to equal ssl.keystore.password (re-export the store with "
        "one password)");
  }
  return Status::ok_status();
}

}  // namespace sluice::kafka
