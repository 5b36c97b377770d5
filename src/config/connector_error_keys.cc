// The "Error handling" group of the connector configuration: Kafka Connect's errant-record keys
// (errors.tolerance, retries, logging and the dead-letter queue) and how the builder reads them.
#include <optional>
#include <string>

#include "config/connector_config_internal.h"

namespace sluice::config {
namespace connector_internal {

void define_error_keys(ConfigDef& def) {
  using T = ConfigType;
  def.begin_group("Error handling", "Errant-record handling (kafka-connect.md §4).");
  def.define("errors.tolerance", T::kString)
      .layout("Error Handling", 3, Width::kShort, "Error Tolerance")
      .default_value("none")
      .validator(Validator::one_of(enum_texts(kErrorTolerances), true))
      .importance(Importance::kMedium)
      .doc(
          "`none`: the first record that fails conversion or transformation fails the task. "
          "`all`: such records are skipped (and reported if a reporter is configured).");
  def.define("errors.retry.timeout", T::kLong)
      .layout("Error Handling", 1, Width::kMedium, "Retry Timeout for Errors")
      .default_value("0")
      .validator(Validator::at_least(-1))
      .importance(Importance::kMedium)
      .doc(
          "Milliseconds to retry a record whose conversion failed for a retriable reason (the "
          "Schema Registry or its token endpoint unreachable), with Connect's backoff: 300 ms, "
          "doubling, at most errors.retry.delay.max.ms. Once a positive timeout has run out the "
          "record follows errors.tolerance, as in Connect. -1 and the default 0 retry until the "
          "service is back: where Connect gives up at once (and errors.tolerance=all would skip "
          "the record), sluice holds the record back, so an outage never loses data. sluice "
          "rejects values below -1.");
  def.define("errors.retry.delay.max.ms", T::kLong)
      .layout("Error Handling", 2, Width::kMedium, "Maximum Delay Between Retries for Errors")
      .default_value("60000")
      .validator(Validator::at_least(0))
      .importance(Importance::kMedium)
      .doc(
          "Cap on the backoff between retries; once the doubling passes it, each delay is random "
          "below it (as Connect does).");
  def.define("errors.log.enable", T::kBoolean)
      .layout("Error Handling", 4, Width::kShort, "Log Errors")
      .default_value("false")
      .importance(Importance::kMedium)
      .doc(
          "Log every record that fails conversion, a transform or the write, with Connect's "
          "line: \"Error encountered in task <connector>-<task>. Executing stage '<STAGE>' with "
          "class '<class>'\" and the exception. The record's key and value are not logged; the "
          "exception's message may quote part of a malformed input, as in Connect.");
  def.define("errors.log.include.messages", T::kBoolean)
      .layout("Error Handling", 5, Width::kShort, "Log Error Details")
      .default_value("false")
      .importance(Importance::kMedium)
      .doc(
          "Add the record's topic, partition, offset, timestamp and timestamp type to that log "
          "line (\", where consumed record is {topic='...', partition=..., ...}\"), not its key "
          "or value.");
  def.define("errors.deadletterqueue.topic.name", T::kString)
      .layout("Error Handling", 6, Width::kMedium, "Dead Letter Queue Topic Name")
      .default_value("")
      .validator(Validator::custom("topic name or empty",
                                   [](const ConfigValue& v) -> std::optional<std::string> {
                                     const auto* s = std::get_if<std::string>(&v);
                                     if (s == nullptr || s->empty()) return std::nullopt;
                                     return topic_name_problem(*s);
                                   }))
      .importance(Importance::kMedium)
      .doc(
          "Dead-letter queue topic for failed records (original bytes); empty = none. It may not "
          "be one of the consumed topics.");
  def.define("errors.deadletterqueue.topic.replication.factor", T::kShort)
      .layout("Error Handling", 7, Width::kMedium, "Dead Letter Queue Topic Replication Factor")
      .default_value("3")
      .validator(
          Validator::custom("-1 (broker default) or [1,...,32767]",
                            [](const ConfigValue& v) -> std::optional<std::string> {
                              const auto* n = std::get_if<int32_t>(&v);
                              if (n == nullptr || *n == -1 || (*n >= 1 && *n <= 32767))
                                return std::nullopt;
                              return "must be -1 (the broker's default) or between 1 and 32767";
                            }))
      .importance(Importance::kMedium)
      .doc("Replication factor used when the dead-letter queue topic has to be created.");
  def.define("errors.deadletterqueue.context.headers.enable", T::kBoolean)
      .layout("Error Handling", 8, Width::kMedium, "Enable Error Context Headers")
      .default_value("false")
      .importance(Importance::kMedium)
      .doc("Add `__connect.errors.*` headers describing the failure to dead-letter records.");
}

}  // namespace connector_internal

using connector_internal::enum_from_text;
using connector_internal::kErrorTolerances;

void ConnectorConfigBuilder::read_error_keys() {
  S3SinkConnectorConfig& c = config_;
  c.errors_tolerance_ =
      enum_from_text(kErrorTolerances, parsed_.string_value("errors.tolerance"), true);
  c.errors_retry_timeout_ms_ = parsed_.long_value("errors.retry.timeout");
  c.errors_retry_delay_max_ms_ = parsed_.long_value("errors.retry.delay.max.ms");
  c.errors_log_enable_ = parsed_.bool_value("errors.log.enable");
  c.errors_log_include_messages_ = parsed_.bool_value("errors.log.include.messages");
  c.dlq_topic_name_ = parsed_.string_value("errors.deadletterqueue.topic.name");
  c.dlq_replication_factor_ = parsed_.int_value("errors.deadletterqueue.topic.replication.factor");
  c.dlq_context_headers_ = parsed_.bool_value("errors.deadletterqueue.context.headers.enable");
}

}  // namespace sluice::config
