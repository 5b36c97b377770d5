#include "kafka/client_config.h"

#include <set>

namespace sluice::kafka {

namespace {

// Java consumer keys that librdkafka understands under the same name with the same meaning.
const std::set<std::string>& same_name_keys() {
  static const std::set<std::string> kKeys = {
      "auto.offset.reset", "session.timeout.ms", "heartbeat.interval.ms", "max.poll.interval.ms",
      "fetch.min.bytes", "fetch.max.bytes", "max.partition.fetch.bytes", "fetch.max.wait.ms",
      "isolation.level", "client.rack", "metadata.max.age.ms", "reconnect.backoff.ms",
      "reconnect.backoff.max.ms", "retry.backoff.ms", "socket.connection.setup.timeout.ms",
      "connections.max.idle.ms", "security.protocol", "sasl.mechanism", "sasl.username",
      "sasl.password", "ssl.ca.location", "ssl.certificate.location", "ssl.key.location",
      "ssl.key.password", "ssl.endpoint.identification.algorithm", "ssl.cipher.suites",
      "group.instance.id", "partition.assignment.strategy", "client.dns.lookup",
      "check.crcs", "receive.buffer.bytes", "send.buffer.bytes", "request.timeout.ms",
      "default.api.timeout.ms", "allow.auto.create.topics", "client.id", "group.id",
      "bootstrap.servers", "enable.auto.commit", "auto.commit.interval.ms",
  };
  return kKeys;
}

// Keys with no meaning for librdkafka: Java classes and JVM-only tuning.
const std::set<std::string>& ignored_keys() {
  static const std::set<std::string> kKeys = {
      "key.deserializer", "value.deserializer", "interceptor.classes", "metric.reporters",
      "metrics.num.samples", "metrics.sample.window.ms", "metrics.recording.level",
      "exclude.internal.topics", "auto.include.jmx.reporter", "enable.metrics.push",
      "default.api.timeout.ms", "request.timeout.ms", "receive.buffer.bytes", "send.buffer.bytes",
      "client.dns.lookup", "retry.backoff.max.ms", "security.providers",
  };
  return kKeys;
}

// Java's assignor class names to librdkafka's strategy names.
Result<std::string> translate_assignors(const std::string& value) {
  std::string out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(',', start);
    if (end == std::string::npos) end = value.size();
    std::string item = value.substr(start, end - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    start = end + 1;
    if (item.empty()) continue;
    std::string name;
    if (item.find("CooperativeSticky") != std::string::npos || item == "cooperative-sticky") {
      name = "cooperative-sticky";
    } else if (item.find("RoundRobin") != std::string::npos || item == "roundrobin") {
      name = "roundrobin";
    } else if (item.find("Range") != std::string::npos || item == "range") {
      name = "range";
    } else {
      return Status::invalid_argument("Invalid value '" + value +
                                      "' for configuration partition.assignment.strategy: "
                                      "sluice supports RangeAssignor, RoundRobinAssignor and "
                                      "CooperativeStickyAssignor");
    }
    if (!out.empty()) out += ",";
    out += name;
  }
  return out;
}

}  // namespace

Result<ClientConfig> translate_consumer_config(const ClientConfigInput& input) {
  ClientConfig config;
  std::map<std::string, std::string>& p = config.properties;
  // Connect's sink-task defaults. Offsets are committed by sluice only for durable data.
  p["bootstrap.servers"] = input.bootstrap_servers;
  p["group.id"] = input.group_id;
  p["client.id"] = input.client_id;
  p["enable.auto.commit"] = "false";
  p["enable.auto.offset.store"] = "false";
  p["auto.offset.reset"] = "earliest";
  // Cooperative rebalancing keeps the open files of partitions that stay with this member. A
  // group that mixes in Java members still works: Kafka falls back to a protocol all support.
  p["partition.assignment.strategy"] = "cooperative-sticky";
  p["session.timeout.ms"] = "45000";
  p["max.poll.interval.ms"] = "300000";
  // librdkafka prefetches aggressively by default; bound it so memory stays predictable.
  p["queued.max.messages.kbytes"] = "65536";

  for (const auto& layer : input.layers) {
    for (const auto& [key, value] : layer) {
      if (key == "max.poll.records") {
        try {
          config.max_poll_records = std::stoi(value);
        } catch (...) {
          return Status::invalid_argument("Invalid value '" + value +
                                          "' for configuration max.poll.records: must be an int");
        }
        continue;
      }
      if (key == "partition.assignment.strategy") {
        SLUICE_ASSIGN_OR_RETURN(p[key], translate_assignors(value));
        continue;
      }
      if (key == "enable.auto.commit" && value == "true") {
        config.notes.push_back("enable.auto.commit=true ignored: sluice commits only durable offsets");
        continue;
      }
      if (key.rfind("ssl.truststore.", 0) == 0 || key.rfind("ssl.keystore.", 0) == 0 ||
          key == "sasl.jaas.config" || key == "sasl.client.callback.handler.class") {
        // Java-only forms (JKS/PKCS#12 stores, JAAS): librdkafka has no such keys.
        return Status::invalid_argument(
            "Configuration " + key +
            " is a Java client setting that sluice does not translate yet; use ssl.ca.location, "
            "ssl.certificate.location, ssl.key.location (PEM) and sasl.username/sasl.password");
      }
      if (ignored_keys().count(key) != 0) {
        config.notes.push_back(key + " has no effect in sluice (Java client setting)");
        continue;
      }
      if (same_name_keys().count(key) != 0 || key.rfind("sasl.", 0) == 0 ||
          key.rfind("ssl.", 0) == 0) {
        p[key] = value;
        continue;
      }
      config.notes.push_back(key + " is not a consumer setting sluice knows; passed to librdkafka as is");
      p[key] = value;
    }
  }
  if (config.max_poll_records < 1) {
    return Status::invalid_argument("Invalid value '" + std::to_string(config.max_poll_records) +
                                    "' for configuration max.poll.records: must be at least 1");
  }
  return config;
}

}  // namespace sluice::kafka
