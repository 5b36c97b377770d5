// The connector configuration turned into the sink's runtime objects: one function per setting
// group, each the only place that setting is mapped. ConnectorRuntime::build() calls them and the
// unit tests (tests/unit/runtime/config_mapping_test.cc) call the same functions, so what is
// tested is what ships. Pure functions of the parsed configuration; thread-safe.
#pragma once

#include <optional>

#include "config/connector_config.h"
#include "format/record_writer_provider.h"
#include "sink/object_tagger.h"
#include "sink/partitioner.h"
#include "sink/timestamp_extractor.h"
#include "sink/topic_partition_writer.h"
#include "storage/object_store.h"
#include "util/memory_account.h"
#include "util/status.h"

namespace sluice::runtime {

// partitioner.class, directory.delim, partition.field.name, partition.duration.ms, path.format,
// locale, timezone, s3.schema.partition.affix.type, behavior.on.null.values=write and
// tombstone.encoded.partition.
sink::PartitionerOptions partitioner_options(const config::S3SinkConnectorConfig& c);

// timestamp.extractor and timestamp.field (used by time-based partitioners only).
sink::TimestampExtractorOptions timestamp_extractor_options(const config::S3SinkConnectorConfig& c);

// format.class, store.kafka.keys' keys.format.class and headers.format.class.
Result<format::FormatClass> format_class(config::FormatClass f);

// s3.compression.type and .level, json.*, avro.codec, parquet.codec, the AvroData settings and
// format.bytearray.*; `memory` is charged with what writers hold outside their part buffers.
format::FormatOptions format_options(const config::S3SinkConnectorConfig& c,
                                     util::MemoryAccount* memory);

// topics.dir, directory.delim, file.delim and filename.offset.zero.pad.width.
sink::ObjectKeyLayout object_key_layout(const config::S3SinkConnectorConfig& c);

// s3.acl.canned, s3.ssea.name with s3.sse.customer.key / s3.sse.kms.key.id, s3.send.digest and
// enable.conditional.writes (when it is active). As the Java connector: aws:kms without a key id
// and aws:kms:dsse send no encryption header; a customer key without AES256 is ignored.
storage::PutOptions put_options(const config::S3SinkConnectorConfig& c);

// s3.object.tagging and its .key.value.pairs, s3.part.retries, s3.retry.backoff.ms and
// s3.object.behavior.on.tagging.error; nullopt when objects are not tagged.
std::optional<sink::TaggingOptions> tagging_options(const config::S3SinkConnectorConfig& c);

// flush.size, rotate.interval.ms, rotate.schedule.interval.ms, timezone,
// rotate.file.on.partition.change, partitioner.max.open.files and schema.compatibility.
// Rotations are planned (recorded in the commit metadata) when file boundaries depend on the wall
// clock: scheduled rotation, or a wall-clock timestamp extractor (`wallclock_extractor`).
sink::RotationPolicy rotation_policy(const config::S3SinkConnectorConfig& c,
                                     bool wallclock_extractor);

}  // namespace sluice::runtime
