// Decoding one librdkafka message into a SinkRecord with the task's converters.
//
// Strings and bytes stay views into the message where the converter allows it; anything decoded
// (JSON trees, headers) goes into the batch Arena. The message must outlive the record.
#pragma once

#include <librdkafka/rdkafka.h>

#include <vector>

#include "connect/converter.h"
#include "connect/schemaless_value_binder.h"
#include "connect/sink_record.h"
#include "connect/value.h"
#include "util/status.h"

namespace sluice::runtime {

struct RecordConverters {
  connect::Converter* key = nullptr;
  connect::Converter* value = nullptr;
  connect::HeaderConverter* header = nullptr;  // null: headers are not decoded
  // sluice.value.schema.*: binds the value converter's schemaless value to the supplied schema;
  // null when unset. A value that does not fit fails as the value converter would.
  connect::SchemalessValueBinder* value_binder = nullptr;
};

// kDataError (naming topic, partition and offset) when a converter rejects the bytes, with the
// failing stage (KEY_CONVERTER, VALUE_CONVERTER, HEADER_CONVERTER) in `*failed_stage`; kFatal for
// an invalid timestamp. A converter failure that says nothing about the record keeps its code:
// kRetriable (the Schema Registry or its token endpoint unreachable: read the record again later)
// and kFatal (the registry refused sluice's credentials). `headers` is scratch space reused
// across records.
Status decode_message(const rd_kafka_message_t* message, const RecordConverters& converters,
                      connect::Arena& arena, std::vector<connect::Header>* headers,
                      connect::SinkRecord* record, const char** failed_stage = nullptr);

}  // namespace sluice::runtime
