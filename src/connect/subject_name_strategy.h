// The subject under which a Confluent converter looks a schema up in the registry, as its
// `key.subject.name.strategy` / `value.subject.name.strategy` names it
// (https://docs.confluent.io/platform/current/schema-registry/fundamentals/serdes-develop/index.html#subject-name-strategy):
//
//   io.confluent.kafka.serializers.subject.TopicNameStrategy        <topic>-key / <topic>-value
//   io.confluent.kafka.serializers.subject.RecordNameStrategy       <record full name>
//   io.confluent.kafka.serializers.subject.TopicRecordNameStrategy  <topic>-<record full name>
//
// Stateless.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "connect/converter_options.h"
#include "schema_registry/registry_types.h"

namespace sluice::connect {

enum class SubjectNameStrategy { kTopicName, kRecordName, kTopicRecordName };

// Reads `<slot>.subject.name.strategy`, where `slot` is "key" or "value"; the class name may be
// given in full or by its simple name. An unknown class is a problem in `options`.
SubjectNameStrategy read_subject_name_strategy(ConverterOptions& options, bool is_key);

// The subject for a record of `topic` whose schema's full name is `record_name` (the Avro record
// or Protobuf message name; unused by TopicNameStrategy).
schema_registry::Subject subject_name(SubjectNameStrategy strategy, std::string_view topic,
                                      bool is_key, std::string_view record_name);

}  // namespace sluice::connect
