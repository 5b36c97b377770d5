// LatestSchemaLookup: the reader schema of Confluent's deserializers when use.latest.version=true
// or use.latest.with.metadata is set (AbstractKafkaSchemaSerDe.lookupLatestVersion /
// getLatestWithMetadata, Schema Registry 7.7; see "Use the latest schema version" in
// https://docs.confluent.io/platform/current/schema-registry/fundamentals/serdes-develop/index.html).
//
// For a record written with schema id W under subject S (the subject name strategy applied to
// the writer schema), the reader schema is S's latest version, or with use.latest.with.metadata
// S's latest version whose metadata holds every given property (GET
// /subjects/S/metadata?key=..&value=..). Confluent's Avro deserializer prefers the metadata
// lookup when both are set; its JSON Schema and Protobuf deserializers prefer the latest version
// (LatestPrecedence). The answer is cached per (S, W) as the serde's own cache is: at most
// latest.cache.size entries (1000), each for latest.cache.ttl.sec seconds (-1, the default:
// until evicted). With latest.cache.size=0 the registry client's own cache of the latest version
// answers instead, which keeps it for latest.cache.ttl.sec, else 60 seconds.
//
// Data-contract migration rules (ruleSet.migrationRules, run by CEL / JSONata executors) are not
// run by sluice: when the writer's version W_v and the reader's version R_v differ and a version
// in (min, max] carries a migration rule for that direction (UPGRADE when W_v < R_v, DOWNGRADE
// otherwise, UPDOWN for both; disabled ones too, since Java then still converts through JSON), the
// lookup fails with a kDataError naming the rule, so the record follows errors.tolerance rather
// than being written unmigrated.
//
// Errors: a subject without versions (or none with the metadata) is the registry's kDataError;
// an unreachable registry kRetriable. Failures are not cached. Not thread-safe: one per converter.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "connect/converter_options.h"
#include "schema_registry/registry_protocol.h"
#include "schema_registry/schema_registry_client.h"
#include "util/lru_cache.h"
#include "util/status.h"

namespace sluice::connect {

// use.latest.version, use.latest.with.metadata, latest.cache.size, latest.cache.ttl.sec.
struct LatestSchemaOptions {
  bool use_latest_version = false;
  // use.latest.with.metadata "k1=v1,k2=v2", in order; nullopt when unset.
  std::optional<std::vector<std::pair<std::string, std::string>>> with_metadata;
  int32_t cache_size = 1000;
  int32_t cache_ttl_sec = -1;

  bool enabled() const { return use_latest_version || with_metadata.has_value(); }
  // Reads the keys; bad values are problems in `options` (exit 2).
  static LatestSchemaOptions read(ConverterOptions& options);
};

// Which setting wins when both are given (see the file comment).
enum class LatestPrecedence { kMetadataFirst, kLatestVersionFirst };

class LatestSchemaLookup {
 public:
  // REQUIRES: options.enabled(), client != nullptr.
  LatestSchemaLookup(LatestSchemaOptions options, LatestPrecedence precedence,
                     std::shared_ptr<schema_registry::SchemaRegistryClient> client);

  // The reader schema for records written with `writer` (registered as `writer_version` under
  // `subject`). The pointer stays valid until the next call.
  Result<const schema_registry::SubjectSchema*> reader_for(
      const schema_registry::Subject& subject, const schema_registry::RegisteredSchema& writer,
      schema_registry::SchemaVersion writer_version);

 private:
  struct Entry {
    schema_registry::SubjectSchema reader;
    std::chrono::steady_clock::time_point fetched;
  };
  Result<schema_registry::SubjectSchema> fetch(const schema_registry::Subject& subject);
  Status check_migrations(const schema_registry::Subject& subject,
                          const schema_registry::RegisteredSchema& writer,
                          schema_registry::SchemaVersion writer_version,
                          const schema_registry::SubjectSchema& reader);

  const LatestSchemaOptions options_;
  const LatestPrecedence precedence_;
  std::shared_ptr<schema_registry::SchemaRegistryClient> client_;
  std::optional<std::chrono::seconds> ttl_;
  LruCache<std::string, Entry> cache_;  // subject, '\0', writer id
  std::string key_;                     // reused: no allocation per record
};

}  // namespace sluice::connect
