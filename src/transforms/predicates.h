// The predicates that ship with Apache Kafka (KIP-585, org.apache.kafka.connect.transforms
// .predicates): TopicNameMatches, HasHeaderKey and RecordIsTombstone, with their configuration
// keys, defaults and validators as Kafka 4.4 defines them.
//
// Each instance belongs to one task (see transformation.h); test() only reads the record.
#pragma once

#include "transforms/transform_registry.h"

namespace sluice::transforms {

// org.apache.kafka.connect.transforms.predicates.TopicNameMatches: `pattern` (a Java regex)
// matches the whole topic name.
PredicateType topic_name_matches_type();
// org.apache.kafka.connect.transforms.predicates.HasHeaderKey: the record has at least one
// header named `name`.
PredicateType has_header_key_type();
// org.apache.kafka.connect.transforms.predicates.RecordIsTombstone: the record's value is null.
PredicateType record_is_tombstone_type();

}  // namespace sluice::transforms
