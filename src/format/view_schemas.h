// The Connect schemas of the record views that are not a record's own key or value schema
// (Confluent's RecordViews: KeyRecordView, HeaderRecordView; see its S3 sink documentation on
// store.kafka.keys / store.kafka.headers):
//
//   headers array   every header as the unnamed struct {key: STRING, value: STRING} (both
//                   required), in record order; what AvroFormat's headers files hold.
//   key envelope    ParquetFormat wraps the key as the struct "RecordKey" {key: <key schema>}, so
//                   a primitive key can be a Parquet row.
//   headers envelope  ParquetFormat wraps the headers array as the struct "RecordHeaders"
//                   {headers: <headers array>}.
//
// The shared schemas are built once and immutable; safe from any thread.
#pragma once

#include "connect/schema.h"

namespace sluice::format {

const connect::SchemaPtr& headers_array_schema();
const connect::SchemaPtr& headers_envelope_schema();
// REQUIRES: key_schema is not null (Connect cannot build a field without a schema).
connect::SchemaPtr key_envelope_schema(const connect::SchemaPtr& key_schema);

}  // namespace sluice::format
