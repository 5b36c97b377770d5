// A consumed librdkafka message as the connect module's KafkaRecordView: the plain views the
// record converter works on.
//
// Key, value and header values stay views into the message, which must outlive the view and every
// SinkRecord made from it. Header keys are decoded as UTF-8 the way Java's consumer makes Strings
// of them (malformed bytes become U+FFFD), into the Arena when they need changing.
#pragma once

#include <librdkafka/rdkafka.h>

#include <vector>

#include "connect/record_converter.h"
#include "connect/value.h"

namespace sluice::kafka {

// `headers` is scratch space the returned view's headers point into; it is reused (cleared) by
// the next call, so no allocation happens once it has grown.
connect::KafkaRecordView record_view(const rd_kafka_message_t* message, connect::Arena& arena,
                                     std::vector<connect::KafkaHeaderView>* headers);

}  // namespace sluice::kafka
