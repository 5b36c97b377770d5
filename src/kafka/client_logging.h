// What every librdkafka client of sluice shares about reporting: its log lines go to spdlog at the
// matching level, and the errors no retry fixes (a refused login or TLS handshake) are told apart
// from the transient ones librdkafka retries by itself.
#pragma once

#include <librdkafka/rdkafka.h>

namespace sluice::kafka {

// rd_kafka_conf_set_log_cb callback: librdkafka's syslog levels to spdlog's.
void log_to_spdlog(const rd_kafka_t* rk, int level, const char* facility, const char* message);

// True for an error from librdkafka's error callback that means Kafka refused us for good: a SASL
// authentication failure, a broker certificate that does not verify, or a TLS alert refusing our
// certificate (it shows up as a transport error carrying "SSL alert number": 42 bad certificate,
// 48 unknown CA, 116 certificate required...).
bool is_authentication_failure(int err, const char* reason);
bool is_tls_refusal(int err, const char* reason);

}  // namespace sluice::kafka
