#include "transforms/header_transforms.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "connect/values_parser.h"

namespace sluice::transforms {
namespace {

using config::ConfigType;
using config::Importance;
using config::Validator;

constexpr std::string_view kInsertHeader = "org.apache.kafka.connect.transforms.InsertHeader";
constexpr std::string_view kDropHeaders = "org.apache.kafka.connect.transforms.DropHeaders";

class InsertHeader final : public Transformation {
 public:
  InsertHeader(std::string name, std::string literal, std::unique_ptr<connect::OwnedValue> value,
               connect::SchemaPtr schema)
      : name_(std::move(name)),
        literal_(std::move(literal)),
        value_(std::move(value)),
        schema_(std::move(schema)) {}

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    std::span<connect::Header> headers =
        context.arena.allocate_array<connect::Header>(record.headers.size() + 1);
    std::copy(record.headers.begin(), record.headers.end(), headers.begin());
    connect::Header& added = headers.back();
    added.key = name_;
    added.schema = schema_;
    added.value = value_->value();
    added.raw = literal_;  // the text SimpleHeaderConverter would read back as this value
    added.raw_is_null = false;
    record.headers = headers;
    return Disposition::kKeep;
  }
  std::string_view class_name() const override { return kInsertHeader; }

 private:
  std::string name_;
  std::string literal_;
  std::unique_ptr<connect::OwnedValue> value_;
  connect::SchemaPtr schema_;
};

class DropHeaders final : public Transformation {
 public:
  explicit DropHeaders(std::vector<std::string> names) : names_(std::move(names)) {}

  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context) override {
    size_t kept = 0;
    for (const connect::Header& h : record.headers) kept += dropped(h.key) ? 0 : 1;
    if (kept == record.headers.size()) return Disposition::kKeep;
    std::span<connect::Header> headers = context.arena.allocate_array<connect::Header>(kept);
    size_t i = 0;
    for (const connect::Header& h : record.headers) {
      if (!dropped(h.key)) headers[i++] = h;
    }
    record.headers = headers;
    return Disposition::kKeep;
  }
  std::string_view class_name() const override { return kDropHeaders; }

 private:
  bool dropped(std::string_view key) const {
    return std::find(names_.begin(), names_.end(), key) != names_.end();
  }
  std::vector<std::string> names_;
};

// Kafka's ConfigDef.NonNullValidator ("non-null string"); the value of a required key given
// in a file is never null, so it accepts everything sluice can parse.
Validator non_null_string() {
  return Validator::custom(
      "non-null string",
      [](const config::ConfigValue&) -> std::optional<std::string> { return std::nullopt; });
}

const config::ConfigDef& insert_header_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d{std::string(kInsertHeader)};
    d.define("header", ConfigType::kString)
        .required()
        .validator(non_null_string())
        .importance(Importance::kHigh)
        .doc("The name of the header.");
    d.define("value.literal", ConfigType::kString)
        .required()
        .validator(non_null_string())
        .importance(Importance::kHigh)
        .doc("The literal value that is to be set as the header value on all records.");
    return d;
  }();
  return def;
}

// Kafka's ValidList.anyNonDuplicateValues(false, false): a non-empty list of non-empty names
// (Kafka 4.4 does not reject repeated names here, and neither does sluice).
Validator non_empty_names() {
  return Validator::custom("non-empty list of non-empty names",
                           [](const config::ConfigValue& value) -> std::optional<std::string> {
                             const auto* item = std::get_if<std::string>(&value);
                             if (item != nullptr && item->empty()) {
                               return "values must not be empty";
                             }
                             return std::nullopt;
                           });
}

const config::ConfigDef& drop_headers_definition() {
  static const config::ConfigDef def = [] {
    config::ConfigDef d{std::string(kDropHeaders)};
    d.define("headers", ConfigType::kList)
        .required()
        .validator(non_empty_names())
        .importance(Importance::kHigh)
        .doc("The name of the headers to be removed.");
    return d;
  }();
  return def;
}

std::unique_ptr<Transformation> create_insert_header(const config::ParsedConfig& params,
                                                     std::vector<config::ConfigProblem>* problems) {
  const std::string literal = params.string_value("value.literal");
  auto value = std::make_unique<connect::OwnedValue>();
  // Parsed strings may be views into the text they were parsed from: parse a copy that the
  // value's own Arena keeps (the local `literal` is gone once the transform is built).
  const std::string_view text = value->arena().copy(literal);
  connect::SchemaAndValue parsed;
  if (!connect::parse_values_string(text, value->arena(), &parsed)) {
    problems->push_back(config::invalid_value(
        "value.literal", literal, "Values.parseString cannot read it (nested too deeply)"));
    return nullptr;
  }
  value->set(parsed.value);
  return std::make_unique<InsertHeader>(params.string_value("header"), literal, std::move(value),
                                        std::move(parsed.schema));
}

std::unique_ptr<Transformation> create_drop_headers(const config::ParsedConfig& params,
                                                    std::vector<config::ConfigProblem>* problems) {
  const std::vector<std::string>& names = params.list_value("headers");
  if (names.empty()) {
    problems->push_back(config::invalid_value("headers", "", "must not be empty"));
    return nullptr;
  }
  return std::make_unique<DropHeaders>(names);
}

}  // namespace

TransformType insert_header_type() {
  return {kInsertHeader, &insert_header_definition, &create_insert_header};
}
TransformType drop_headers_type() {
  return {kDropHeaders, &drop_headers_definition, &create_drop_headers};
}

}  // namespace sluice::transforms
