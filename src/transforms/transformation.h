// Transformation and Predicate: Kafka Connect's single message transforms (KIP-66) and their
// predicates (KIP-585), applied to a converted SinkRecord before the sink sees it.
//
// A record's path is kafka -> connect (converters) -> transforms -> sink. Each task owns one
// instance of every configured transform and predicate (built once from the connector
// configuration, as Connect does per task), so implementations need no locking: one task thread
// calls apply()/test().
//
// Memory rules, so that the per-record path stays free of heap churn:
//  * A transform changes the record in place. New values (structs, maps, arrays, copied strings,
//    a new topic name) are allocated in the batch Arena passed to apply(), which lives as long as
//    the record.
//  * New schemas are NOT allocated per record: a transform derives a schema once per distinct
//    input schema and keeps it in a small cache of its own (Java keeps an LRU cache of 16), whose
//    entries hold the input SchemaPtr so the pointer used as the key cannot be reused while cached.
//    A schema a transform hands out stays alive as long as a record refers to it (SchemaPtr).
//  * Header arrays are rebuilt in the Arena (connect::Header has a destructor; Arena runs it).
//
// Failures: apply() returns kDataError with the message of the exception Java's transform throws
// (Apache Kafka's own wording, so logs and dead-letter headers read the same) and sets
// `failure_class` to that exception's Java class. The runtime applies errors.tolerance with stage
// TRANSFORMATION and the transform's class name. A transform never returns kRetriable unless the
// Java transform throws a RetriableException for the same cause.
#pragma once

#include <cstdint>
#include <string_view>

#include "connect/sink_record.h"
#include "connect/value.h"
#include "util/status.h"

namespace sluice::transforms {

inline constexpr std::string_view kDataException = "org.apache.kafka.connect.errors.DataException";
inline constexpr std::string_view kIllegalArgumentException = "java.lang.IllegalArgumentException";

// What a transform did with the record.
enum class Disposition : uint8_t {
  kKeep,  // the record (possibly changed) goes on down the chain
  kDrop,  // the transform returned null: the record is filtered out, its offset still commits
};

// The per-call state a transform works with.
struct TransformContext {
  connect::Arena& arena;
  // Set by a failing apply() to the Java exception class it stands for; kDataException unless
  // the transform says otherwise.
  std::string_view failure_class = kDataException;
  // Set by a failing chain of transforms to the class name of the transform (or, for a failing
  // predicate, of the transform it guards) that failed: the __connect.errors.class.name header.
  std::string_view failed_transform;
};

class Transformation {
 public:
  virtual ~Transformation() = default;

  // Transforms `record` in place, or drops it. On failure the record is left in an unspecified
  // state and must not be used.
  virtual Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) = 0;

  // The Java class name the user configured ("org.apache.kafka.connect.transforms.Cast$Value"),
  // for the __connect.errors.class.name header and log lines.
  virtual std::string_view class_name() const = 0;
};

class Predicate {
 public:
  virtual ~Predicate() = default;

  // Whether the predicate holds for `record`. Predicates do not fail on any record Apache Kafka's
  // predicates accept; a failure would be reported as the transform's (stage TRANSFORMATION).
  virtual bool test(const connect::SinkRecord& record) const = 0;

  virtual std::string_view class_name() const = 0;
};

}  // namespace sluice::transforms
