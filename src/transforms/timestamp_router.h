// org.apache.kafka.connect.transforms.TimestampRouter: the record's topic becomes `topic.format`
// with ${topic} replaced by the topic and ${timestamp} by the record timestamp formatted with
// `timestamp.format` (a java.text.SimpleDateFormat pattern, in UTC). A record without a
// timestamp fails with Kafka's DataException "Timestamp missing on record: ...".
//
// Java builds the SimpleDateFormat on first use, so a bad `timestamp.format` is accepted at start
// and fails every record that has a timestamp with IllegalArgumentException; sluice does the
// same and warns at start. The topic format is split into parts once; each record's topic is
// assembled in a reused buffer and copied into the batch Arena.
#pragma once

#include "transforms/transform_registry.h"

namespace sluice::transforms {

TransformType timestamp_router_type();

}  // namespace sluice::transforms
