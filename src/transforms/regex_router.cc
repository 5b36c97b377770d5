#include "transforms/regex_router.h"

#include <memory>
#include <string>
#include <utility>

#include "transforms/java_regex.h"

namespace sluice::transforms {
namespace {

using config::ConfigType;
using config::Importance;

constexpr std::string_view kRegexRouter = "org.apache.kafka.connect.transforms.RegexRouter";

class RegexRouter final : public Transformation {
 public:
  RegexRouter(JavaRegex regex, JavaReplacement replacement)
      : regex_(std::move(regex)), replacement_(std::move(replacement)) {}

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    if (!regex_.matches(record.topic)) return Disposition::kKeep;
    if (!replacement_.ok()) {
      context.failure_class = replacement_.error_class();
      return Status::data_error(replacement_.error_message());
    }
    topic_.clear();
    if (regex_.replace_first(record.topic, replacement_, &topic_)) {
      record.topic = context.arena.copy(topic_);
    }
    return Disposition::kKeep;
  }
  std::string_view class_name() const override { return kRegexRouter; }

 private:
  JavaRegex regex_;
  JavaReplacement replacement_;
  std::string topic_;  // reused for every record
};

const config::ConfigDef& regex_router_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d{std::string(kRegexRouter)};
    d.define("regex", ConfigType::kString)
        .required()
        .validator(valid_java_regex())
        .importance(Importance::kHigh)
        .doc("Regular expression to use for matching.");
    d.define("replacement", ConfigType::kString)
        .required()
        .importance(Importance::kHigh)
        .doc("Replacement string.");
    return d;
  }();
  return def;
}

std::unique_ptr<Transformation> create_regex_router(const config::ParsedConfig& params,
                                                    std::vector<config::ConfigProblem>* problems) {
  auto regex = JavaRegex::compile(params.string_value("regex"));
  if (!regex.ok()) {
    problems->push_back(config::invalid_value("regex", params.string_value("regex"),
                                              "Invalid regex: " + regex.status().message()));
    return nullptr;
  }
  const std::string replacement_text = params.string_value("replacement");
  JavaReplacement replacement = regex->compile_replacement(replacement_text);
  if (!replacement.ok()) {
    problems->push_back(config::ConfigProblem{
        "replacement", replacement_text,
        "Replacement '" + config::printable(replacement_text) + "' does not fit regex '" +
            config::printable(regex->pattern()) +
            "': every record whose topic matches will fail with " +
            std::string(replacement.error_class()) + ": " + replacement.error_message() +
            " (Kafka Connect accepts it at start too)",
        config::Severity::kWarning});
  }
  return std::make_unique<RegexRouter>(std::move(regex).value(), std::move(replacement));
}

}  // namespace

TransformType regex_router_type() {
  return {kRegexRouter, &regex_router_definition, &create_regex_router};
}

}  // namespace sluice::transforms
