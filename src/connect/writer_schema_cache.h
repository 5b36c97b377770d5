// WriterSchemaCache: the writer schemas a Schema Registry converter has loaded, by topic and by
// what identifies the schema in the record's wire frame (the schema id, and for Protobuf the
// message-index path), so the registry is asked once per schema and topic, never per record.
// Keyed by topic too because the subject, and so the version the Connect schema carries, depends
// on it. Bounded (least recently used first out), as Confluent's converters bound theirs.
//
// Not thread-safe: owned by one converter, which is owned by one task.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "util/lru_cache.h"
#include "util/status.h"

namespace sluice::connect {

template <typename Writer>
class WriterSchemaCache {
 public:
  explicit WriterSchemaCache(size_t capacity) : cache_(capacity) {}

  // The writer schema for `schema_key` (bytes identifying it in the frame) as seen from `topic`;
  // `load()` (returning Result<Writer>) makes it the first time. A failed load is not cached.
  // The pointer stays valid until the next call.
  template <typename Load>
  Result<const Writer*> find_or_load(std::string_view topic, std::string_view schema_key,
                                     Load&& load) {
    key_.assign(topic);
    key_.push_back('\0');
    key_.append(schema_key);
    if (const Writer* cached = cache_.get(key_)) return cached;
    Result<Writer> loaded = std::forward<Load>(load)();
    if (!loaded.ok()) return loaded.status();
    cache_.put(key_, std::move(*loaded));
    return cache_.get(key_);
  }

 private:
  LruCache<std::string, Writer> cache_;
  std::string key_;  // reused: no allocation per record
};

}  // namespace sluice::connect
