#include "kafka/library_version.h"

#include <librdkafka/rdkafka.h>

namespace sluice::kafka {

std::string librdkafka_version() {
  return rd_kafka_version_str();
}

}  // namespace sluice::kafka
