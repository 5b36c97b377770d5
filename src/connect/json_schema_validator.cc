#include "connect/json_schema_validator.h"

#include <charconv>
#include <map>
#include <stdexcept>

#define VALIJSON_USE_EXCEPTIONS 1
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace sluice::connect {
namespace {

// The payload as an nlohmann::json tree. Numbers keep their kind: an integral token that fits
// 64 bits is an integer, any other number a double (valijson compares in double precision).
nlohmann::json to_nlohmann(const JsonNode& node) {
  switch (node.type) {
    case JsonType::kNull:
      return nullptr;
    case JsonType::kBoolean:
      return node.boolean;
    case JsonType::kNumber: {
      if (node.integral) {
        int64_t v = 0;
        auto [end, ec] = std::from_chars(node.text.data(), node.text.data() + node.text.size(), v);
        if (ec == std::errc() && end == node.text.data() + node.text.size()) return v;
      }
      return json_double_value(node);
    }
    case JsonType::kString:
      return std::string(node.text);
    case JsonType::kArray: {
      nlohmann::json out = nlohmann::json::array();
      for (const JsonNode& item : node.items) out.push_back(to_nlohmann(item));
      return out;
    }
    case JsonType::kObject: {
      nlohmann::json out = nlohmann::json::object();
      for (size_t i = 0; i < node.items.size(); ++i) {
        out[std::string(node.keys[i])] = to_nlohmann(node.items[i]);
      }
      return out;
    }
  }
  return nullptr;
}

}  // namespace

struct JsonSchemaValidator::Impl {
  valijson::Schema schema;
  valijson::Validator validator{valijson::Validator::kStrongTypes};
};

JsonSchemaValidator::JsonSchemaValidator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JsonSchemaValidator::~JsonSchemaValidator() = default;

Result<std::unique_ptr<JsonSchemaValidator>> JsonSchemaValidator::create(
    const JsonSchemaSource& schema, const std::vector<JsonSchemaSource>& referenced) {
  try {
    const nlohmann::json root = nlohmann::json::parse(schema.text);
    std::map<std::string, nlohmann::json> documents;
    for (const JsonSchemaSource& ref : referenced) {
      documents.emplace(ref.name, nlohmann::json::parse(ref.text));
    }
    const bool draft4 = root.is_object() && root.contains("$schema") &&
                        root["$schema"].is_string() &&
                        root["$schema"].get<std::string>().find("draft-04") != std::string::npos;
    valijson::SchemaParser parser(draft4 ? valijson::SchemaParser::kDraft4
                                         : valijson::SchemaParser::kDraft7);
    auto impl = std::make_unique<Impl>();
    // valijson asks for a referenced document by the URI it resolved; match it by the
    // reference's name, or by its last path segment.
    auto fetch = [&documents](const std::string& uri) -> const nlohmann::json* {
      for (const auto& [name, doc] : documents) {
        const bool same_tail = uri.size() >= name.size() &&
                               uri.compare(uri.size() - name.size(), name.size(), name) == 0;
        if (uri == name || same_tail) return new nlohmann::json(doc);
      }
      return nullptr;
    };
    auto release = [](const nlohmann::json* doc) { delete doc; };
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(root), impl->schema, fetch,
                          release);
    return std::unique_ptr<JsonSchemaValidator>(new JsonSchemaValidator(std::move(impl)));
  } catch (const std::exception& e) {
    return Status::data_error(std::string("the schema cannot be read for validation: ") + e.what());
  }
}

Status JsonSchemaValidator::validate(const JsonNode& payload) {
  const nlohmann::json document = to_nlohmann(payload);
  valijson::ValidationResults results;
  bool valid = false;
  try {
    valid = impl_->validator.validate(impl_->schema,
                                      valijson::adapters::NlohmannJsonAdapter(document), &results);
  } catch (const std::exception& e) {
    return Status::data_error(std::string("JSON cannot be validated: ") + e.what());
  }
  if (valid) return Status::ok_status();
  std::string where = "#";
  std::string what = "invalid";
  valijson::ValidationResults::Error error;
  // The deepest error says the most; valijson lists the enclosing ones after it.
  if (results.popError(error)) {
    // valijson names each step "[name]" or "[index]"; a JSON pointer has "/name".
    for (const std::string& step : error.context) {
      if (step == "<root>") continue;
      const bool bracketed = step.size() >= 2 && step.front() == '[' && step.back() == ']';
      where.append("/").append(bracketed ? step.substr(1, step.size() - 2) : step);
    }
    what = error.description;
  }
  return Status::data_error("JSON does not match schema: " + where + ": " + what);
}

}  // namespace sluice::connect
