// The Kafka client library sluice is linked with, for `sluice --version` and the start-up log.
// Thread-safe: librdkafka's version is a constant of the binary.

#pragma once

#include <string>

namespace sluice::kafka {

// librdkafka's version as it reports it, e.g. "2.14.2".
std::string librdkafka_version();

}  // namespace sluice::kafka
