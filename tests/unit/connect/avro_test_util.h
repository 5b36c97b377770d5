// Test helpers for the Avro <-> Connect conversions: a complete one-line rendering of a Connect
// schema (type, optional, name, version, doc, parameters in order, default, children), Avro
// schema parsing that fails the test on error, test data files and hex.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "avro/schema_parser.h"
#include "connect/json_schema.h"
#include "connect/json_tree.h"
#include "connect/schema.h"
#include "connect/value.h"
#include "value_text.h"

namespace sluice::connect::testing {

// "optional struct name=a.B v=1 doc=d params{k=v} default=... {f:int32,...}".
inline std::string dump(const Schema* s) {
  if (s == nullptr) return "none";
  std::string out = s->optional ? "optional " : "";
  // A reference node (recursive schema) prints the name of the schema it stands for.
  if (s->is_reference()) return out + "ref " + s->reference_target->name.value_or("?");
  out += std::string(schema_type_name(s->type));
  if (s->name) out += " name=" + *s->name;
  if (s->version) out += " v=" + std::to_string(*s->version);
  if (s->doc) out += " doc=" + *s->doc;
  if (!s->parameters.empty()) {
    out += " params{";
    for (size_t i = 0; i < s->parameters.size(); ++i) {
      out += (i > 0 ? "," : "") + s->parameters[i].first + "=" + s->parameters[i].second;
    }
    out += "}";
  }
  if (s->default_value) out += " default=" + render(s->default_value->value());
  if (s->type == SchemaType::kArray) out += "<" + dump(s->value_schema.get()) + ">";
  if (s->type == SchemaType::kMap) {
    out += "<" + dump(s->key_schema.get()) + "," + dump(s->value_schema.get()) + ">";
  }
  if (s->type == SchemaType::kStruct) {
    out += " {";
    for (size_t i = 0; i < s->fields.size(); ++i) {
      out += (i > 0 ? ", " : "") + s->fields[i].name + ":" + dump(s->fields[i].schema.get());
    }
    out += "}";
  }
  return out;
}

// A Connect schema written in JsonConverter's schema grammar.
inline SchemaPtr connect_schema(std::string_view json) {
  JsonReader reader;
  Arena arena;
  reader.start_document();
  const JsonNode* root = nullptr;
  Status st = reader.read(json, arena, &root);
  EXPECT_TRUE(st.ok() && root != nullptr) << st.message() << " in " << json;
  if (root == nullptr) return nullptr;
  auto schema = json_to_connect_schema(*root, true);
  EXPECT_TRUE(schema.ok()) << schema.status().message() << " in " << json;
  return schema.ok() ? *schema : nullptr;
}

inline avro::SchemaPtr avro_schema(std::string_view json) {
  auto parsed = avro::parse_schema(json);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message() << " in " << json;
  return parsed.ok() ? *parsed : nullptr;
}

inline std::string data_path(const std::string& relative) {
  const char* root = std::getenv("SLUICE_TEST_DATA");
  return std::string(root != nullptr ? root : "tests/data") + "/" + relative;
}

inline std::string read_data(const std::string& relative) {
  std::ifstream in(data_path(relative), std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing test data " << data_path(relative);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline std::vector<std::string> read_lines(const std::string& relative) {
  std::vector<std::string> lines;
  std::istringstream in(read_data(relative));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

inline std::string unhex(std::string_view hex_text) {
  std::string out;
  for (size_t i = 0; i + 1 < hex_text.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex_text.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

inline std::string to_hex(std::string_view bytes) {
  return hex(bytes).substr(2);
}

}  // namespace sluice::connect::testing
