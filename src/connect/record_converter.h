// RecordConverter: one consumed Kafka record -> a SinkRecord, through the task's key, value and
// header converters (kafka-connect.md §1.5, §2, and the per-record stages of §4).
//
// It works on plain views (KafkaRecordView), not librdkafka types, so the kafka module maps a
// rd_kafka_message_t onto it and tests can build records by hand. The stages run in Java's order
// (key, value, headers, then the timestamp check) and stop at the first failure, which is
// returned with the stage and converter class the error-tolerance machinery and the dead-letter
// queue need. Every error message starts with the record's topic, partition and offset.
//
// A converter failure that is about its services rather than the record keeps its code: kRetriable
// (the Schema Registry or its token endpoint unreachable: read the record again later) and kFatal
// (the registry refused sluice's credentials); errors.tolerance applies to kDataError only.
//
// Owns the three converters (and the optional value binder); one per task, not thread-safe. Decoded
// data lives in the Arena and in the record's bytes, which the caller keeps alive while the
// SinkRecord is used.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "connect/converter.h"
#include "connect/schemaless_value_binder.h"
#include "connect/sink_record.h"

namespace sluice::connect {

struct KafkaHeaderView {
  std::string_view key;
  KafkaBytes value;
};

// A consumed record as Kafka delivered it.
struct KafkaRecordView {
  std::string_view topic;
  int32_t partition = 0;
  int64_t offset = 0;
  int64_t timestamp = -1;  // milliseconds; -1 is "no timestamp"
  TimestampType timestamp_type = TimestampType::kNone;
  KafkaBytes key;
  KafkaBytes value;
  std::span<const KafkaHeaderView> headers;
};

enum class ConversionStage : uint8_t {
  kKeyConverter,
  kValueConverter,
  kHeaderConverter,
  kTimestamp,  // the broker timestamp check, which Java runs outside errors.tolerance
};

// "KEY_CONVERTER", "VALUE_CONVERTER", "HEADER_CONVERTER" (Connect's Stage names, used in the
// __connect.errors.stage header) and "TIMESTAMP".
std::string_view conversion_stage_name(ConversionStage stage);

// Why a record could not be converted.
struct ConversionFailure {
  StatusCode code = StatusCode::kDataError;  // kRetriable / kFatal: see RecordConverter
  ConversionStage stage = ConversionStage::kValueConverter;
  std::string_view class_name;  // the converter's Java class; empty for kTimestamp
  std::string message;          // the exception message, without the record context
  // Whether errors.tolerance=all may skip the record. The timestamp check is not tolerable: Java
  // throws it outside the retry-and-tolerance operator and the task fails.
  bool tolerable = true;
};

class RecordConverter {
 public:
  RecordConverter(std::unique_ptr<Converter> key_converter,
                  std::unique_ptr<Converter> value_converter,
                  std::unique_ptr<HeaderConverter> header_converter);

  // Fills `out` from `record`. On failure returns kDataError whose message is
  // "topic=<t> partition=<p> offset=<o> stage=<STAGE> class=<class>: <message>" and, when
  // `failure` is given, describes it there.
  Status convert(const KafkaRecordView& record, Arena& arena, SinkRecord& out,
                 ConversionFailure* failure = nullptr);

  // sluice.value.schema.*: binds each non-null schemaless value the value converter returns to
  // the supplied schema; a value that does not fit fails as the value converter would.
  void set_value_binder(std::unique_ptr<SchemalessValueBinder> binder) {
    binder_ = std::move(binder);
  }

  Converter& key_converter() { return *key_; }
  Converter& value_converter() { return *value_; }
  HeaderConverter& header_converter() { return *header_; }

 private:
  Status convert_headers(const KafkaRecordView& record, Arena& arena, SinkRecord& out);

  std::unique_ptr<Converter> key_;
  std::unique_ptr<Converter> value_;
  std::unique_ptr<HeaderConverter> header_;
  std::unique_ptr<SchemalessValueBinder> binder_;
};

}  // namespace sluice::connect
