#include "field_transform_harness.h"

#include <gtest/gtest.h>

#include "config/raw_config.h"
#include "format/json_value_encoder.h"
#include "transforms/field_transforms.h"
#include "util/json_string_escape.h"

namespace sluice::transforms::testing {

using connect::Schema;
using connect::SchemaType;

std::unique_ptr<Transformation> Harness::make(std::string_view class_name,
                                              const std::map<std::string, std::string>& params) {
  problems_.clear();
  static const std::vector<TransformType> types = field_transform_types();
  for (const TransformType& type : types) {
    if (type.class_name != class_name) continue;
    config::RawConfig raw;
    for (const auto& [k, v] : params) raw.set(k, v);
    config::ConfigReport report;
    config::ParsedConfig parsed = type.definition().parse(raw, &report);
    for (const config::ConfigProblem& p : report.errors) problems_.push_back(p.message);
    if (!problems_.empty()) return nullptr;
    std::vector<config::ConfigProblem> problems;
    std::unique_ptr<Transformation> t = type.create(parsed, &problems);
    for (const config::ConfigProblem& p : problems) problems_.push_back(p.message);
    return t;
  }
  problems_.push_back("no such transform " + std::string(class_name));
  return nullptr;
}

connect::SinkRecord Harness::record(bool key, bool with_schema, std::string json) {
  connect::JsonConverterConfig config;
  config.schemas_enable = with_schema;
  connect::JsonConverter converter(config);
  connect::SchemaAndValue decoded;
  if (json != "null") {
    const std::string& text = inputs_.emplace_back(std::move(json));
    Status st = converter.to_connect(kTopic, std::string_view(text), arena_, decoded);
    if (!st.ok()) throw std::runtime_error("bad test input: " + st.message());
  }
  connect::SinkRecord r;
  r.topic = kTopic;
  r.partition = kPartition;
  r.offset = kOffset;
  r.timestamp = kTimestamp;
  r.timestamp_type = connect::TimestampType::kCreateTime;
  (key ? r.key_schema : r.value_schema) = decoded.schema;
  (key ? r.key : r.value) = decoded.value;
  return r;
}

std::string Harness::run(Transformation& t, bool key, bool with_schema, std::string json) {
  connect::SinkRecord r = record(key, with_schema, std::move(json));
  TransformContext context{arena_};
  Result<Disposition> result = t.apply(r, context);
  if (!result.ok()) return "ERROR " + result.status().message();
  if (*result == Disposition::kDrop) return "DROPPED";
  return key ? envelope(r.key_schema, r.key) : envelope(r.value_schema, r.value);
}

std::string Harness::envelope(const connect::SchemaPtr& schema, const connect::Value& value) {
  std::string out = "{\"schema\":";
  out += schema == nullptr ? "null" : json_schema(*schema);
  out += ",\"payload\":";
  format::JsonValueEncoder encoder;
  Status st = encoder.append_converter_json(out, schema.get(), value);
  if (!st.ok()) return "HARNESS org.apache.kafka.connect.errors.DataException: " + st.message();
  out += "}";
  return out;
}

namespace {

void append_schema(std::string& out, const Schema& schema) {
  out += "{\"type\":\"";
  out += connect::schema_type_name(schema.type);
  out += "\"";
  if (schema.type == SchemaType::kArray) {
    out += ",\"items\":";
    append_schema(out, *schema.value_schema);
  } else if (schema.type == SchemaType::kMap) {
    out += ",\"keys\":";
    append_schema(out, *schema.key_schema);
    out += ",\"values\":";
    append_schema(out, *schema.value_schema);
  } else if (schema.type == SchemaType::kStruct) {
    out += ",\"fields\":[";
    for (size_t i = 0; i < schema.fields.size(); ++i) {
      if (i > 0) out += ",";
      std::string field;
      append_schema(field, *schema.fields[i].schema);
      field.pop_back();
      out += field + ",\"field\":";
      util::append_json_string(out, schema.fields[i].name);
      out += "}";
    }
    out += "]";
  }
  out += schema.optional ? ",\"optional\":true" : ",\"optional\":false";
  if (schema.name) {
    out += ",\"name\":";
    util::append_json_string(out, *schema.name);
  }
  if (schema.version) out += ",\"version\":" + std::to_string(*schema.version);
  if (schema.doc) {
    out += ",\"doc\":";
    util::append_json_string(out, *schema.doc);
  }
  if (!schema.parameters.empty()) {
    out += ",\"parameters\":{";
    for (size_t i = 0; i < schema.parameters.size(); ++i) {
      if (i > 0) out += ",";
      util::append_json_string(out, schema.parameters[i].first);
      out += ":";
      util::append_json_string(out, schema.parameters[i].second);
    }
    out += "}";
  }
  if (schema.default_value != nullptr) {
    out += ",\"default\":";
    format::JsonValueEncoder encoder;
    Status st = encoder.append_converter_json(out, &schema, schema.default_value->value());
    if (!st.ok()) out += "ENCODE ERROR";
  }
  out += "}";
}

}  // namespace

std::string json_schema(const Schema& schema) {
  std::string out;
  append_schema(out, schema);
  return out;
}

}  // namespace sluice::transforms::testing

namespace sluice::transforms::testing {

std::string run_case(Harness& harness, const RecordedCase& c) {
  std::map<std::string, std::string> params;
  std::string_view config = c.config;
  while (!config.empty()) {
    size_t end = config.find(';');
    std::string_view kv = config.substr(0, end);
    size_t eq = kv.find('=');
    params[std::string(kv.substr(0, eq))] = std::string(kv.substr(eq + 1));
    config = end == std::string_view::npos ? std::string_view() : config.substr(end + 1);
  }
  std::string class_name = "org.apache.kafka.connect.transforms." + std::string(c.class_name);
  std::unique_ptr<Transformation> t = harness.make(class_name, params);
  if (t == nullptr) return "CONFIG " + harness.first_problem();
  connect::SinkRecord r = harness.record(c.key, c.with_schema, c.input);
  TransformContext context{harness.arena()};
  Result<Disposition> result = t->apply(r, context);
  if (!result.ok()) return "ERROR " + result.status().message();
  if (*result == Disposition::kDrop) return "DROPPED";
  const connect::SchemaPtr& schema = c.key ? r.key_schema : r.value_schema;
  const connect::Value& value = c.key ? r.key : r.value;
  // JsonConverter.fromConnectData returns null bytes for a null schema and value.
  std::string out = schema == nullptr && value.is_null() ? "null" : harness.envelope(schema, value);
  std::string_view extra = c.extra;
  if (extra == "otherkey") {
    out += " KEY ";
    out +=
        r.key.is_null() && r.key_schema == nullptr ? "null" : harness.envelope(r.key_schema, r.key);
  } else if (extra == "headers") {
    for (const connect::Header& h : r.headers) {
      out +=
          " HEADER " + std::string(h.key) + "=" +
          (h.schema == nullptr && h.value.is_null() ? "null" : harness.envelope(h.schema, h.value));
    }
  }
  return out;
}

}  // namespace sluice::transforms::testing

namespace sluice::transforms::testing {

void expect_recorded(std::span<const RecordedCase> cases) {
  for (const RecordedCase& c : cases) {
    SCOPED_TRACE(std::string(c.class_name) + " [" + c.config + "] " + c.input);
    Harness harness;
    EXPECT_EQ(run_case(harness, c), c.expected);
  }
}

}  // namespace sluice::transforms::testing
