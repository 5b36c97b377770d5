// The "Connector" group of the connector configuration: the keys every Kafka Connect connector
// has (name, connector.class, tasks.max, topics or topics.regex, converter overrides and client
// overrides), how the builder reads them, and the check that exactly one topic selection is set
// and that the dead-letter queue topic is not consumed.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>

#include "config/connector_config_internal.h"

namespace sluice::config {
namespace connector_internal {
namespace {

// Class-valued key whose only accepted class needs no enum of its own.
enum class ConnectorClassId { kS3Sink };

const ClassAliases<ConnectorClassId>& connector_classes() {
  static const ClassAliases<ConnectorClassId> kClasses(
      {{std::string(kS3SinkConnectorClass), ConnectorClassId::kS3Sink},
       {std::string(kSluiceConnectorClass), ConnectorClassId::kS3Sink}},
      {"Connector"});
  return kClasses;
}

// Whether a pattern uses Java regex syntax that ECMAScript (std::regex) lacks, so that a
// std::regex compile failure says nothing about its validity in Java.
bool uses_java_only_regex_syntax(std::string_view pattern) {
  for (std::string_view marker : {"(?", "*+", "++", "?+", "}+", "\\p", "\\P", "\\Q", "\\A", "\\Z",
                                  "\\z", "\\h", "\\R", "&&"}) {
    if (pattern.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

bool is_iso_control_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return true;
    // U+0080..U+009F are C2 80..C2 9F in UTF-8.
    if (c == 0xC2 && i + 1 < s.size()) {
      auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

void define_topic_keys(ConfigDef& def) {
  using T = ConfigType;
  def.define("topics", T::kList)
      .layout("Common", 4, Width::kLong, "Topics")
      .default_value("")
      .validator(Validator::custom("topic names",
                                   [](const ConfigValue& v) -> std::optional<std::string> {
                                     const auto* s = std::get_if<std::string>(&v);
                                     if (s == nullptr || s->empty())
                                       return std::nullopt;  // empty items are dropped
                                     return topic_name_problem(*s);
                                   }))
      .importance(Importance::kHigh)
      .doc(
          "Topics to consume, comma-separated. Empty entries and duplicates are dropped. Exactly "
          "one of `topics` and `topics.regex` must be set. sluice rejects names Kafka would "
          "reject at subscribe time.");
  def.define("topics.regex", T::kString)
      .layout("Common", 4, Width::kLong, "Topics regex")
      .default_value("")
      .validator(Validator::custom(
          "Java regular expression",
          [](const ConfigValue& v) -> std::optional<std::string> {
            const auto* s = std::get_if<std::string>(&v);
            if (s == nullptr || s->empty() || uses_java_only_regex_syntax(*s)) return std::nullopt;
            try {
              std::regex re(*s, std::regex::ECMAScript);
            } catch (const std::regex_error& e) {
              return std::string("not a valid regular expression (") + e.what() + ")";
            }
            return std::nullopt;
          }))
      .importance(Importance::kHigh)
      .doc(
          "Java regular expression; topics whose whole name matches are consumed. Exactly one of "
          "`topics` and `topics.regex` must be set.");
}

void define_override_keys(ConfigDef& def) {
  using T = ConfigType;
  // Connect's layout: "Common" 6, 8 and 10 (7, 9 and 11 are its *.converter.plugin.version keys).
  struct Shown {
    ConverterSlot slot;
    int order;
    const char* display_name;
  };
  for (Shown shown : {Shown{ConverterSlot::kKey, 6, "Key converter class"},
                      Shown{ConverterSlot::kValue, 8, "Value converter class"},
                      Shown{ConverterSlot::kHeader, 10, "Header converter class"}}) {
    ConverterSlot slot = shown.slot;
    std::string key(converter_key(slot));
    def.define(key, T::kClass)
        .layout("Common", shown.order, Width::kShort, shown.display_name)
        .default_null()
        .validator(converter_class_validator(slot))
        .importance(Importance::kLow)
        .doc("Overrides the worker's `" + key +
             "` for this connector. When set, the converter "
             "is configured with this connector's `" +
             key +
             ".*` keys only; when unset, the "
             "worker's class and the worker's `" +
             key + ".*` keys apply and this connector's `" + key +
             ".*` keys are ignored (as in Connect).");
    def.define_prefix(key + ".", "Sub-configuration of the connector's " + key +
                                     " (prefix stripped), used only when " + key +
                                     " is set in the connector.");
  }
  def.define("config.action.reload", T::kString)
      .layout("Common", 14, Width::kMedium, "Reload Action")
      .default_value("restart")
      .validator(Validator::one_of({"none", "restart"}, true))
      .importance(Importance::kLow)
      .doc(
          "What happens when a value from a config provider expires (its provider gave a TTL, as "
          "`?ttl=<ms>` on the AWS providers' placeholders): `restart` resolves the configuration "
          "again when the earliest TTL passes and, if a value changed, restarts the connector in "
          "the same process (uploads in flight finish and durable offsets are committed first); "
          "`none` keeps the values read at start. Kafka Connect restarts at every expiry, changed "
          "or not.");
  def.define_prefix("consumer.override.",
                    "Consumer settings for this connector's tasks, applied over the worker's "
                    "`consumer.*` (subject to the worker's "
                    "`connector.client.config.override.policy`).");
  def.define_prefix("producer.override.",
                    "Producer settings for this connector's dead-letter queue producer.");
  def.define_prefix("admin.override.",
                    "Admin client settings for this connector (dead-letter queue topic creation).");
}

}  // namespace

void define_connector_keys(ConfigDef& def) {
  using T = ConfigType;
  def.begin_group("Connector",
                  "Keys every Kafka Connect connector has (kafka-connect.md §7.2). In MSK Connect "
                  "the connector name is given to CreateConnector, not in the configuration.");
  def.define("name", T::kString)
      .layout("Common", 1, Width::kMedium, "Connector name")
      .required()
      .validator(
          Validator::custom("non-empty, no control characters",
                            [](const ConfigValue& v) -> std::optional<std::string> {
                              const auto* s = std::get_if<std::string>(&v);
                              if (s == nullptr) return std::nullopt;
                              if (s->empty()) return "the connector name must not be empty";
                              if (is_iso_control_utf8(*s))
                                return "the connector name must not contain control characters";
                              return std::nullopt;
                            }))
      .importance(Importance::kHigh)
      .hint_when_missing(
          "set name=<connector name> in the connector configuration or pass --name (the "
          "consumer group is connect-<name>, so the name decides where consumption resumes)")
      .doc(
          "Connector name. The sink tasks consume in the group `connect-<name>`, so keep the name "
          "of the connector you replace to resume from its committed offsets. sluice takes it "
          "from this key or from the command line (`--name`); it is never derived from a file "
          "name.");
  def.define("connector.class", T::kString)
      .layout("Common", 2, Width::kLong, "Connector class")
      .required()
      .validator(class_validator(connector_classes(), "the connector class"))
      .importance(Importance::kHigh)
      .doc("Must name the S3 sink connector.");
  def.define("tasks.max", T::kInt)
      .layout("Common", 4, Width::kShort, "Tasks max")
      .default_value("1")
      .validator(Validator::at_least(1))
      .importance(Importance::kHigh)
      .doc("Number of sink tasks (each with its own consumer in the connector's group).");
  def.define("tasks.max.enforce", T::kBoolean)
      .layout("Common", 5, Width::kShort, "Enforce tasks max")
      .default_value("true")
      .importance(Importance::kLow)
      .ignored("sluice never runs more tasks than tasks.max")
      .doc("Deprecated Connect key (3.8+).");
  define_topic_keys(def);
  define_override_keys(def);
}

}  // namespace connector_internal

using connector_internal::connector_classes;
using connector_internal::uses_java_only_regex_syntax;

void ConnectorConfigBuilder::read_connector_keys() {
  S3SinkConnectorConfig& c = config_;
  c.name_ = parsed_.string_value("name");
  c.connector_class_ = std::string(kS3SinkConnectorClass);
  if (auto id = connector_classes().resolve(parsed_.string_value("connector.class"))) {
    c.connector_class_ = connector_classes().full_name(*id);
    if (parsed_.string_value("connector.class") == kSluiceConnectorClass) {
      c.connector_class_ = std::string(kSluiceConnectorClass);
    }
  }
  c.tasks_max_ = parsed_.int_value("tasks.max");
  c.tasks_max_enforce_ = parsed_.bool_value("tasks.max.enforce");
  std::set<std::string> seen;
  for (const std::string& topic : parsed_.list_value("topics")) {
    if (!topic.empty() && seen.insert(topic).second) c.topics_.push_back(topic);
  }
  if (std::string regex = parsed_.string_value("topics.regex"); !regex.empty()) {
    c.topics_regex_ = regex;
  }
  c.config_action_reload_ = parsed_.string_value("config.action.reload");
  for (ConverterSlot slot : {ConverterSlot::kKey, ConverterSlot::kValue, ConverterSlot::kHeader}) {
    std::string key(converter_key(slot));
    std::map<std::string, std::string> sub = raw_.with_prefix(key + ".");
    std::optional<ConverterSpec>* target = slot == ConverterSlot::kKey     ? &c.key_converter_
                                           : slot == ConverterSlot::kValue ? &c.value_converter_
                                                                           : &c.header_converter_;
    std::map<std::string, std::string>* subconfig =
        slot == ConverterSlot::kKey     ? &c.key_converter_subconfig_
        : slot == ConverterSlot::kValue ? &c.value_converter_subconfig_
                                        : &c.header_converter_subconfig_;
    *subconfig = sub;
    if (std::optional<std::string> name = parsed_.optional_string(key)) {
      if (auto converter = converter_classes().resolve(*name)) {
        *target = ConverterSpec{*converter, converter_classes().full_name(*converter),
                                std::move(sub), ConfigLayer::kConnector};
      }
    } else if (!sub.empty() && valid(key)) {
      warn(sub.begin()->first.empty() ? key : key + "." + sub.begin()->first,
           "The connector sets " + key + ".* keys but not " + key +
               ", so Kafka Connect (and sluice) ignore them and use the worker's " + key +
               " with the worker's " + key + ".* keys; set " + key +
               " in the connector to use them");
    }
  }
  c.consumer_overrides_ = raw_.with_prefix("consumer.override.");
  c.producer_overrides_ = raw_.with_prefix("producer.override.");
  c.admin_overrides_ = raw_.with_prefix("admin.override.");
}

// kafka-connect.md §5.3 and §4: exactly one of topics / topics.regex; the DLQ topic is not one
// of the consumed topics.
void ConnectorConfigBuilder::check_topics() {
  const S3SinkConnectorConfig& c = config_;
  if (!valid("topics") || !valid("topics.regex")) return;
  bool has_topics = !c.topics_.empty();
  bool has_regex = c.topics_regex_.has_value();
  if (has_topics && has_regex) {
    error("topics.regex", "Only one of topics and topics.regex may be set (topics='" +
                              given("topics") + "', topics.regex='" + *c.topics_regex_ + "')");
  } else if (!has_topics && !has_regex) {
    error("topics",
          "One of topics or topics.regex must be set (a non-empty topic list or a "
          "regular expression)");
  }
  const std::string& dlq = c.dlq_topic_name_;
  if (dlq.empty() || !valid("errors.deadletterqueue.topic.name")) return;
  if (std::find(c.topics_.begin(), c.topics_.end(), dlq) != c.topics_.end()) {
    error("errors.deadletterqueue.topic.name",
          "The dead-letter queue topic '" + dlq +
              "' may not be included in the list of topics ('topics=" + given("topics") +
              "') consumed by the connector");
  } else if (has_regex && !uses_java_only_regex_syntax(*c.topics_regex_)) {
    try {
      if (std::regex_match(dlq, std::regex(*c.topics_regex_, std::regex::ECMAScript))) {
        error("errors.deadletterqueue.topic.name",
              "The dead-letter queue topic '" + dlq + "' may not match the topics.regex ('" +
                  *c.topics_regex_ + "') of the topics consumed by the connector");
      }
    } catch (const std::regex_error&) {
      // Reported by the topics.regex validator.
    }
  }
}

}  // namespace sluice::config
