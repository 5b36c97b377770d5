// JavaMapOrder: the iteration order of the java.util.HashMaps Apache Kafka's transforms build, so
// that a schemaless record leaves a transform with its entries in the order the Java transform's
// map iterates them (and JsonFormat writes them).
//
// Why: Kafka's transforms copy a schemaless value into a new HashMap (new HashMap<>(value), or
// new HashMap<>(size) filled entry by entry), and a HashMap's iteration order depends on its table
// size, which depends on how it was constructed. Schemaless maps from the converters hold the
// producer's order and are HashMaps in Java (writers replay that order); the maps built here are
// returned with connect::Value::ordered_map(), already in the Java map's order.
//
// One per transform instance (reuses its scratch space); not thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "connect/value.h"
#include "format/java_hash_map_order.h"

namespace sluice::transforms {

class JavaMapOrder {
 public:
  // The indices of `map`'s entries in the iteration order of the Java map it stands for: its own
  // order for an ordered_map(), else the order of a HashMap filled in the entries' order (what
  // the converters build). The span is valid until the next call.
  std::span<const uint32_t> iteration_order(const connect::Value& map);
  // The same order, appended to `out` (for walks that nest maps).
  void append_iteration_order(const connect::Value& map, std::vector<uint32_t>& out);

  // A HashMap whose first table has `first_capacity` buckets, after putting `entries` (key,
  // value, key, value, ... with distinct keys) in order: an ordered_map in the Arena.
  connect::Value hash_map(std::span<const connect::Value> entries, uint32_t first_capacity,
                          connect::Arena& arena);

 private:
  format::JavaHashMapOrder hash_map_;
  std::vector<uint32_t> source_order_;
  std::vector<uint32_t> built_order_;
};

}  // namespace sluice::transforms
