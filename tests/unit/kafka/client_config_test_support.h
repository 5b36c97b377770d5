// Shared by the unit tests of the Java client settings translation (client_config_test.cc,
// kerberos_config_test.cc, tls_stores_test.cc): scratch files and a test certificate
// (test_support/tls_files.h), and the worker keys those tests start from.
#pragma once

#include <librdkafka/rdkafka.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "kafka/client_config.h"
#include "test_support/tls_files.h"

namespace sluice::kafka::test_support {

inline constexpr const char* kSecret = "Sup3r-Secret-Value";

using ::sluice::test_support::TempDir;
using ::sluice::test_support::TestCert;

inline ClientConfigInput input_with(std::map<std::string, std::string> worker_consumer,
                                    std::map<std::string, std::string> connector_override = {}) {
  ClientConfigInput in;
  in.bootstrap_servers = "b1:9096,b2:9096";
  in.group_id = "connect-s3";
  in.client_id = "connector-consumer-s3-0";
  in.layers = {std::move(worker_consumer), std::move(connector_override)};
  return in;
}

inline const char* kScramJaas =
    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" "
    "password=\"Sup3r-Secret-Value\";";

// Every message of a result: the error, or all notes.
inline std::string all_messages(const Result<ClientConfig>& r) {
  if (!r.ok()) return r.status().message();
  std::string out;
  for (const std::string& n : r->notes) out += n + "\n";
  return out;
}

// rd_kafka_new runs librdkafka's checks of the whole configuration (those that look at several
// keys at once); rd_kafka_conf_set alone does not. Returns librdkafka's error, empty when it took
// the configuration. Nothing listens on the bootstrap address.
inline std::string librdkafka_consumer_error(std::map<std::string, std::string> properties) {
  properties["bootstrap.servers"] = "127.0.0.1:1";
  properties["log_level"] = "0";  // the refused connection is expected
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512] = "";
  for (const auto& [key, value] : properties) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), err, sizeof(err)) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return err;
    }
  }
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof(err));
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return err;
  }
  rd_kafka_destroy(rk);
  return "";
}

}  // namespace sluice::kafka::test_support
