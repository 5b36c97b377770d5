#include "connect/subject_name_strategy.h"

#include <vector>

namespace sluice::connect {

namespace {

constexpr std::string_view kPackage = "io.confluent.kafka.serializers.subject.";

struct StrategyName {
  SubjectNameStrategy strategy;
  std::string_view simple_name;
};

constexpr StrategyName kStrategies[] = {
    {SubjectNameStrategy::kTopicName, "TopicNameStrategy"},
    {SubjectNameStrategy::kRecordName, "RecordNameStrategy"},
    {SubjectNameStrategy::kTopicRecordName, "TopicRecordNameStrategy"},
};

}  // namespace

SubjectNameStrategy read_subject_name_strategy(ConverterOptions& options, bool is_key) {
  const std::string key = is_key ? "key.subject.name.strategy" : "value.subject.name.strategy";
  const std::string* raw = options.raw(key);
  if (raw == nullptr) return SubjectNameStrategy::kTopicName;
  std::string_view name = java_trim(*raw);
  std::string_view simple = name.starts_with(kPackage) ? name.substr(kPackage.size()) : name;
  for (const StrategyName& s : kStrategies) {
    if (simple == s.simple_name) return s.strategy;
  }
  options.add_problem(key, *raw,
                      "sluice knows io.confluent.kafka.serializers.subject.TopicNameStrategy, "
                      "RecordNameStrategy and TopicRecordNameStrategy");
  return SubjectNameStrategy::kTopicName;
}

schema_registry::Subject subject_name(SubjectNameStrategy strategy, std::string_view topic,
                                      bool is_key, std::string_view record_name) {
  switch (strategy) {
    case SubjectNameStrategy::kRecordName:
      return schema_registry::Subject(std::string(record_name));
    case SubjectNameStrategy::kTopicRecordName:
      return schema_registry::Subject(std::string(topic) + "-" + std::string(record_name));
    case SubjectNameStrategy::kTopicName:
      break;
  }
  return schema_registry::Subject(std::string(topic) + (is_key ? "-key" : "-value"));
}

}  // namespace sluice::connect
