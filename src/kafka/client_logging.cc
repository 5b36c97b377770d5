#include "kafka/client_logging.h"

#include <cstring>

#include "util/log.h"

namespace sluice::kafka {

void log_to_spdlog(const rd_kafka_t*, int level, const char* facility, const char* message) {
  // librdkafka syslog levels: 0-3 error, 4 warning, 5-6 info, 7 debug.
  if (level <= 3) {
    SLUICE_LOG(kKafka).error("kafka {}: {}", facility, message);
  } else if (level == 4) {
    SLUICE_LOG(kKafka).warn("kafka {}: {}", facility, message);
  } else if (level <= 6) {
    SLUICE_LOG(kKafka).info("kafka {}: {}", facility, message);
  } else {
    SLUICE_LOG(kKafka).debug("kafka {}: {}", facility, message);
  }
}

bool is_tls_refusal(int err, const char* reason) {
  if (err == RD_KAFKA_RESP_ERR__SSL) return true;
  return err == RD_KAFKA_RESP_ERR__TRANSPORT && reason != nullptr &&
         std::strstr(reason, "SSL alert number") != nullptr;
}

bool is_authentication_failure(int err, const char* reason) {
  return err == RD_KAFKA_RESP_ERR__AUTHENTICATION || is_tls_refusal(err, reason);
}

}  // namespace sluice::kafka
