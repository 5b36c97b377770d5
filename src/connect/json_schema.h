// The JSON schema grammar of JsonConverter's envelope (kafka-connect.md §2.3): the "schema"
// member -> a Connect Schema (JsonConverter.asConnectSchema), and the LRU cache of parsed schemas
// (`schemas.cache.size`) keyed by the schema's JSON text.
//
// Error messages are Connect's ("Schema must contain 'type' field", "Unknown schema type: x",
// SchemaBuilder's "Cannot create field because of field name duplication x", ...). Defaults are
// converted with the schema they belong to and validated as SchemaBuilder.defaultValue does,
// including Java's quirk that a non-null STRUCT default is always rejected ("Invalid default
// value": ConnectSchema.equals refuses the SchemaBuilder it is compared with).
#pragma once

#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "connect/json_tree.h"
#include "connect/schema.h"
#include "util/status.h"

namespace sluice::connect {

// `json` must not be JSON null (that means "no schema" and is the caller's business).
Result<SchemaPtr> json_to_connect_schema(const JsonNode& json, bool replace_null_with_default);

// Least-recently-used map from schema JSON text to schema, as JsonConverter's toConnectSchemaCache.
// A capacity <= 0 caches nothing (Java's LRUCache evicts immediately). Lookups do not allocate.
class JsonSchemaCache {
 public:
  explicit JsonSchemaCache(int32_t capacity) : capacity_(capacity) {}
  JsonSchemaCache(const JsonSchemaCache&) = delete;
  JsonSchemaCache& operator=(const JsonSchemaCache&) = delete;

  // The cached schema for `text` (made most recently used), or nullptr.
  const SchemaPtr* find(std::string_view text);
  void insert(std::string_view text, SchemaPtr schema);
  size_t size() const { return entries_.size(); }

 private:
  using Entry = std::pair<std::string, SchemaPtr>;
  int32_t capacity_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  // keys view entries_
};

}  // namespace sluice::connect
