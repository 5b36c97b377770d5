// HashMapEntryOrder: the order in which Confluent's Avro and Parquet writers see a Connect map's
// entries. AvroData.fromConnectData copies a Connect map into a java.util.HashMap, so the entries
// come out in that HashMap's iteration order (JavaHashMapOrder replays it from the keys' Java
// hashCode()s). One per writer; not thread-safe (it reuses the order's scratch space).
#pragma once

#include <cstdint>
#include <vector>

#include "connect/avro_value_encoder.h"
#include "format/java_hash_code.h"
#include "format/java_hash_map_order.h"

namespace sluice::format {

class HashMapEntryOrder final : public connect::MapEntryOrder {
 public:
  void order(const connect::Schema& map_schema, const connect::Value& map,
             std::vector<uint32_t>& order) override {
    ConnectMapKeys keys(map_schema.key_schema.get(), map);
    hash_map_.compute(static_cast<uint32_t>(map.map_size()), keys, order);
  }

 private:
  JavaHashMapOrder hash_map_;
};

}  // namespace sluice::format
