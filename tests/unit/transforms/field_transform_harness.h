// Test harness for the field transforms: builds a transform by Java class name from properties,
// decodes a record's key or value with JsonConverter (the same JSON that is given to Apache
// Kafka's real transform when recording an expected value), and renders the result as Kafka's
// JsonConverter with schemas.enable=true writes it ({"schema":...,"payload":...}), so that a test
// compares the whole outcome (schema, optional flags, defaults, values, map order) in one string
// printed by the Java implementation.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "config/config_def.h"
#include "connect/json_converter.h"
#include "connect/sink_record.h"
#include "transforms/transformation.h"

namespace sluice::transforms::testing {

// The record every test uses (the Java runs use the same metadata).
inline constexpr std::string_view kTopic = "topic1";
inline constexpr int32_t kPartition = 2;
inline constexpr int64_t kOffset = 42;
inline constexpr int64_t kTimestamp = 1700000000123;

class Harness {
 public:
  // Builds `class_name` from `params`; on a configuration problem the returned pointer is null and
  // problems() holds the messages.
  std::unique_ptr<Transformation> make(std::string_view class_name,
                                       const std::map<std::string, std::string>& params);
  // The messages of the configuration problems found by the last make().
  const std::vector<std::string>& problems() const { return problems_; }
  // The first problem's message, or "" when none.
  std::string first_problem() const { return problems_.empty() ? "" : problems_.front(); }

  // A record whose key (`key`) or value is `json` decoded by JsonConverter with schemas.enable
  // `with_schema` ("null" is a Kafka null). The other side is null.
  connect::SinkRecord record(bool key, bool with_schema, std::string json);

  // Applies `t` and renders the changed side, "DROPPED", or "ERROR <message>".
  std::string run(Transformation& t, bool key, bool with_schema, std::string json);

  // {"schema":<schema or null>,"payload":<value>} as JsonConverter.fromConnectData writes it.
  std::string envelope(const connect::SchemaPtr& schema, const connect::Value& value);

  connect::Arena& arena() { return arena_; }

 private:
  connect::Arena arena_;
  std::deque<std::string> inputs_;  // decoded strings are views into these
  std::vector<std::string> problems_;
};

// JsonConverter.asJsonSchema(schema).toString().
std::string json_schema(const connect::Schema& schema);

}  // namespace sluice::transforms::testing

namespace sluice::transforms::testing {

// One recorded run of Apache Kafka's transform: the transform, its properties ("k=v;k=v"), the
// side and converter mode of the input, the input JSON, and what Kafka 4.4.0 produced: the
// changed side as a JsonConverter envelope, "ERROR <DataException message>" or "CONFIG <message>".
// `extra` "otherkey" appends " KEY <key envelope>", "headers" appends " HEADER <key>=<envelope>"
// per header.
struct RecordedCase {
  const char* class_name;
  const char* config;
  bool key;
  bool with_schema;
  const char* input;
  const char* expected;
  const char* extra = "";
};

// Runs `c` through sluice's transform and renders the outcome in the format of `expected`.
std::string run_case(Harness& harness, const RecordedCase& c);

// EXPECTs every case of `cases` to give its recorded outcome.
void expect_recorded(std::span<const RecordedCase> cases);

}  // namespace sluice::transforms::testing
