// The Schema Registry's vocabulary as strong types, so that an id, a version and a subject cannot
// be passed for one another (Confluent Schema Registry API reference:
// https://docs.confluent.io/platform/current/schema-registry/develop/api.html).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::schema_registry {

// A schema's global id, as the Confluent wire format carries it (bytes 1..4, big-endian).
struct SchemaId {
  int32_t value = 0;
  friend bool operator==(SchemaId a, SchemaId b) = default;
  friend auto operator<=>(SchemaId a, SchemaId b) = default;
};

// A version of a schema under one subject (1, 2, ...).
struct SchemaVersion {
  int32_t value = 0;
  friend bool operator==(SchemaVersion a, SchemaVersion b) = default;
};

// A subject name ("<topic>-value" under the default TopicNameStrategy).
class Subject {
 public:
  explicit Subject(std::string name) : name_(std::move(name)) {}
  const std::string& name() const { return name_; }
  friend bool operator==(const Subject& a, const Subject& b) = default;

 private:
  std::string name_;
};

// The registry's `schemaType`; absent in its answers means AVRO.
enum class SchemaKind { kAvro, kJson, kProtobuf };

// "AVRO", "JSON", "PROTOBUF", as the registry spells them.
std::string_view schema_kind_name(SchemaKind kind);

// A schema a schema refers to (Protobuf imports, JSON Schema $refs, Avro named types).
struct SchemaReference {
  std::string name;
  std::string subject;
  int32_t version = 0;
  friend bool operator==(const SchemaReference& a, const SchemaReference& b) = default;
};

// A migration rule of a schema's data contract (`ruleSet.migrationRules`, Confluent Data
// Contracts): `mode` is UPGRADE, DOWNGRADE or UPDOWN; `type` names its executor (CEL, JSONATA).
struct MigrationRule {
  std::string name;
  std::string type;
  std::string mode;
  bool disabled = false;
};

// A schema as the registry stores it: its text exactly as returned, never re-serialized.
struct RegisteredSchema {
  SchemaId id;
  SchemaKind kind = SchemaKind::kAvro;
  std::string text;
  std::vector<SchemaReference> references;
  std::vector<MigrationRule> migration_rules;
};

}  // namespace sluice::schema_registry

template <>
struct std::hash<sluice::schema_registry::SchemaId> {
  size_t operator()(sluice::schema_registry::SchemaId id) const noexcept {
    return std::hash<int32_t>()(id.value);
  }
};
