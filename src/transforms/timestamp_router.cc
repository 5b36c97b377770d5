#include "transforms/timestamp_router.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "transforms/simple_date_format.h"

namespace sluice::transforms {
namespace {

using config::ConfigType;
using config::Importance;

constexpr std::string_view kTimestampRouter = "org.apache.kafka.connect.transforms.TimestampRouter";
constexpr std::string_view kTopicPlaceholder = "${topic}";
constexpr std::string_view kTimestampPlaceholder = "${timestamp}";

// Java replaces every ${topic} first, then every ${timestamp}; topic names cannot contain '$',
// so splitting the format once gives the same result.
struct FormatPart {
  enum Kind : uint8_t { kLiteral, kTopic, kTimestamp } kind;
  std::string literal;
};

std::vector<FormatPart> split_topic_format(std::string_view format) {
  std::vector<FormatPart> parts;
  size_t start = 0;
  while (start < format.size()) {
    const size_t topic = format.find(kTopicPlaceholder, start);
    const size_t timestamp = format.find(kTimestampPlaceholder, start);
    const size_t next = std::min(topic, timestamp);
    if (next == std::string_view::npos) break;
    if (next > start)
      parts.push_back({FormatPart::kLiteral, std::string(format.substr(start, next - start))});
    if (next == topic) {
      parts.push_back({FormatPart::kTopic, {}});
      start = next + kTopicPlaceholder.size();
    } else {
      parts.push_back({FormatPart::kTimestamp, {}});
      start = next + kTimestampPlaceholder.size();
    }
  }
  if (start < format.size())
    parts.push_back({FormatPart::kLiteral, std::string(format.substr(start))});
  return parts;
}

std::string_view timestamp_type_name(connect::TimestampType type) {
  switch (type) {
    case connect::TimestampType::kCreateTime:
      return "CreateTime";
    case connect::TimestampType::kLogAppendTime:
      return "LogAppendTime";
    case connect::TimestampType::kNone:
      break;
  }
  return "NoTimestampType";
}

// Java appends SinkRecord.toString(); sluice leaves out the key, value, schemas and headers so
// that record contents stay out of logs and dead-letter headers, and names the current topic
// and partition as the original ones (the record's source is not carried past a router).
std::string missing_timestamp_message(const connect::SinkRecord& r) {
  const std::string topic(r.topic);
  const std::string partition = std::to_string(r.partition);
  const std::string offset = std::to_string(r.offset);
  return "Timestamp missing on record: SinkRecord{kafkaOffset=" + offset +
         ", timestampType=" + std::string(timestamp_type_name(r.timestamp_type)) +
         ", originalTopic=" + topic + ", originalKafkaPartition=" + partition +
         ", originalKafkaOffset=" + offset + "} ConnectRecord{topic='" + topic +
         "', kafkaPartition=" + partition + ", timestamp=null}";
}

class TimestampRouter final : public Transformation {
 public:
  TimestampRouter(std::vector<FormatPart> parts, Result<SimpleDateFormat> format)
      : parts_(std::move(parts)), format_(std::move(format)) {}

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    if (!record.timestamp) return Status::data_error(missing_timestamp_message(record));
    if (!format_.ok()) {
      context.failure_class = kIllegalArgumentException;
      return Status::data_error(format_.status().message());
    }
    timestamp_.clear();
    format_->format(*record.timestamp, &timestamp_);
    topic_.clear();
    for (const FormatPart& part : parts_) {
      switch (part.kind) {
        case FormatPart::kLiteral:
          topic_ += part.literal;
          break;
        case FormatPart::kTopic:
          topic_ += record.topic;
          break;
        case FormatPart::kTimestamp:
          topic_ += timestamp_;
          break;
      }
    }
    record.topic = context.arena.copy(topic_);
    return Disposition::kKeep;
  }
  std::string_view class_name() const override { return kTimestampRouter; }

 private:
  std::vector<FormatPart> parts_;
  Result<SimpleDateFormat> format_;
  std::string timestamp_;  // reused buffers
  std::string topic_;
};

const config::ConfigDef& timestamp_router_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d{std::string(kTimestampRouter)};
    d.define("topic.format", ConfigType::kString)
        .default_value("${topic}-${timestamp}")
        .importance(Importance::kHigh)
        .doc(
            "Format string which can contain `${topic}` and `${timestamp}` as placeholders for "
            "the topic and timestamp, respectively.");
    d.define("timestamp.format", ConfigType::kString)
        .default_value("yyyyMMdd")
        .importance(Importance::kHigh)
        .doc(
            "Format string for the timestamp that is compatible with "
            "`java.text.SimpleDateFormat`.");
    return d;
  }();
  return def;
}

std::unique_ptr<Transformation> create_timestamp_router(
    const config::ParsedConfig& params, std::vector<config::ConfigProblem>* problems) {
  const std::string pattern = params.string_value("timestamp.format");
  Result<SimpleDateFormat> format = SimpleDateFormat::compile(pattern);
  if (!format.ok()) {
    problems->push_back(config::ConfigProblem{
        "timestamp.format", pattern,
        "timestamp.format '" + config::printable(pattern) +
            "' is not a SimpleDateFormat pattern: every record with a timestamp will fail with " +
            std::string(kIllegalArgumentException) + ": " + format.status().message() +
            " (Kafka Connect accepts it at start too)",
        config::Severity::kWarning});
  }
  return std::make_unique<TimestampRouter>(split_topic_format(params.string_value("topic.format")),
                                           std::move(format));
}

}  // namespace

TransformType timestamp_router_type() {
  return {kTimestampRouter, &timestamp_router_definition, &create_timestamp_router};
}

}  // namespace sluice::transforms
