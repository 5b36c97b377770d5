// Test helpers for the Protobuf converter: descriptors built from .proto text the way the
// converter builds them (protobuf_schema_loader.h), messages written by libprotobuf itself
// (DynamicMessage from protobuf text format, then SerializeAsString: an encoder independent of
// sluice's decoder), and a rendering of Connect schemas with names, versions and parameters.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "connect/protobuf_schema_loader.h"
#include "connect/schema.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/text_format.h"

namespace sluice::connect::testing {

// Loads `text` as schema id 1; `references` maps import paths to the text of the files they name
// (served as subject "<path>" version 1).
inline std::shared_ptr<const ProtobufSchemaFile> load_proto(
    std::string_view text, const std::map<std::string, std::string>& references = {}) {
  schema_registry::RegisteredSchema schema;
  schema.id.value = 1;
  schema.kind = schema_registry::SchemaKind::kProtobuf;
  schema.text = std::string(text);
  for (const auto& [path, unused] : references) schema.references.push_back({path, path, 1});
  auto fetch = [&](const schema_registry::SchemaReference& ref)
      -> Result<schema_registry::RegisteredSchema> {
    auto it = references.find(ref.subject);
    if (it == references.end()) return Status::data_error("no subject " + ref.subject);
    schema_registry::RegisteredSchema r;
    r.kind = schema_registry::SchemaKind::kProtobuf;
    r.text = it->second;
    return r;
  };
  auto loaded = load_protobuf_schema(schema, fetch);
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
  return loaded.ok() ? *loaded : nullptr;
}

inline const google::protobuf::Descriptor& message_type(const ProtobufSchemaFile& file,
                                                        const std::string& full_name) {
  const google::protobuf::Descriptor* d = file.file()->pool()->FindMessageTypeByName(full_name);
  EXPECT_NE(d, nullptr) << full_name;
  return *d;
}

// libprotobuf's encoding of the message of type `full_name` written in text format.
inline std::string encode(const ProtobufSchemaFile& file, const std::string& full_name,
                          const std::string& text_format) {
  google::protobuf::DynamicMessageFactory factory(file.file()->pool());
  std::unique_ptr<google::protobuf::Message> m(
      factory.GetPrototype(&message_type(file, full_name))->New());
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text_format, m.get())) << text_format;
  return m->SerializeAsString();
}

// "opt? type name@version {k=v,...}" and children, e.g.
// "struct Order@3 [id: opt int64 {Tag=1}, ...]".
inline std::string describe(const Schema* s) {
  if (s == nullptr) return "none";
  std::string out = s->optional ? "opt " : "";
  if (s->is_reference()) return out + "ref " + s->reference_target->name.value_or("?");
  out += std::string(schema_type_name(s->type));
  if (s->name) out += " " + *s->name;
  if (s->version) out += "@" + std::to_string(*s->version);
  if (!s->parameters.empty()) {
    out += " {";
    for (size_t i = 0; i < s->parameters.size(); ++i) {
      if (i > 0) out += ",";
      std::string key = s->parameters[i].first;
      // Shorter: io.confluent.connect.protobuf.Tag -> Tag.
      constexpr std::string_view kPrefix = "io.confluent.connect.protobuf.";
      if (key.starts_with(kPrefix)) key = key.substr(kPrefix.size());
      out += key + "=" + s->parameters[i].second;
    }
    out += "}";
  }
  if (s->type == SchemaType::kArray) out += " <" + describe(s->value_schema.get()) + ">";
  if (s->type == SchemaType::kMap) {
    out += " <" + describe(s->key_schema.get()) + ", " + describe(s->value_schema.get()) + ">";
  }
  if (s->type == SchemaType::kStruct) {
    out += " [";
    for (size_t i = 0; i < s->fields.size(); ++i) {
      if (i > 0) out += ", ";
      out += s->fields[i].name + ": " + describe(s->fields[i].schema.get());
    }
    out += "]";
  }
  return out;
}

}  // namespace sluice::connect::testing
