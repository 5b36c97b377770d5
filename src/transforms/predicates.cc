#include "transforms/predicates.h"

#include <memory>
#include <string>
#include <utility>

#include "transforms/java_regex.h"

namespace sluice::transforms {
namespace {

using config::ConfigDef;
using config::ConfigType;
using config::Importance;
using config::Validator;

constexpr std::string_view kTopicNameMatches =
    "org.apache.kafka.connect.transforms.predicates.TopicNameMatches";
constexpr std::string_view kHasHeaderKey =
    "org.apache.kafka.connect.transforms.predicates.HasHeaderKey";
constexpr std::string_view kRecordIsTombstone =
    "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone";

class TopicNameMatches final : public Predicate {
 public:
  explicit TopicNameMatches(JavaRegex pattern) : pattern_(std::move(pattern)) {}
  bool test(const connect::SinkRecord& record) const override {
    return pattern_.matches(record.topic);
  }
  std::string_view class_name() const override { return kTopicNameMatches; }

 private:
  JavaRegex pattern_;
};

class HasHeaderKey final : public Predicate {
 public:
  explicit HasHeaderKey(std::string name) : name_(std::move(name)) {}
  bool test(const connect::SinkRecord& record) const override {
    for (const connect::Header& header : record.headers) {
      if (header.key == name_) return true;
    }
    return false;
  }
  std::string_view class_name() const override { return kHasHeaderKey; }

 private:
  std::string name_;
};

class RecordIsTombstone final : public Predicate {
 public:
  bool test(const connect::SinkRecord& record) const override { return record.value.is_null(); }
  std::string_view class_name() const override { return kRecordIsTombstone; }
};

// Kafka's ConfigDef.NonEmptyString and RegexValidator, checked in that order
// (CompositeValidator), under Kafka's description "non-empty string, valid regex".
Validator non_empty_valid_regex() {
  return Validator::custom("non-empty string, valid regex",
                           [non_empty = Validator::non_empty_string(),
                            regex = valid_java_regex()](const config::ConfigValue& value) {
                             if (auto reason = non_empty.check(value)) return reason;
                             return regex.check(value);
                           });
}

const ConfigDef& topic_name_matches_definition() {
  static const ConfigDef def = [] {
    ConfigDef d{std::string(kTopicNameMatches)};
    d.define("pattern", ConfigType::kString)
        .required()
        .validator(non_empty_valid_regex())
        .importance(Importance::kMedium)
        .doc("A Java regular expression for matching against the name of a record's topic.");
    return d;
  }();
  return def;
}

const ConfigDef& has_header_key_definition() {
  static const ConfigDef def = [] {
    ConfigDef d{std::string(kHasHeaderKey)};
    d.define("name", ConfigType::kString)
        .required()
        .validator(Validator::non_empty_string())
        .importance(Importance::kMedium)
        .doc("The header name.");
    return d;
  }();
  return def;
}

const ConfigDef& record_is_tombstone_definition() {
  static const ConfigDef def(std::string{kRecordIsTombstone});
  return def;
}

std::unique_ptr<Predicate> create_topic_name_matches(const config::ParsedConfig& params,
                                                     std::vector<config::ConfigProblem>* problems) {
  auto pattern = JavaRegex::compile(params.string_value("pattern"));
  if (!pattern.ok()) {  // the validator has already reported it; kept for safety
    problems->push_back(config::invalid_value("pattern", params.string_value("pattern"),
                                              "Invalid regex: " + pattern.status().message()));
    return nullptr;
  }
  return std::make_unique<TopicNameMatches>(std::move(pattern).value());
}

std::unique_ptr<Predicate> create_has_header_key(const config::ParsedConfig& params,
                                                 std::vector<config::ConfigProblem>*) {
  return std::make_unique<HasHeaderKey>(params.string_value("name"));
}

std::unique_ptr<Predicate> create_record_is_tombstone(const config::ParsedConfig&,
                                                      std::vector<config::ConfigProblem>*) {
  return std::make_unique<RecordIsTombstone>();
}

}  // namespace

PredicateType topic_name_matches_type() {
  return {kTopicNameMatches, &topic_name_matches_definition, &create_topic_name_matches};
}
PredicateType has_header_key_type() {
  return {kHasHeaderKey, &has_header_key_definition, &create_has_header_key};
}
PredicateType record_is_tombstone_type() {
  return {kRecordIsTombstone, &record_is_tombstone_definition, &create_record_is_tombstone};
}

}  // namespace sluice::transforms
