#include "transforms/java_map_order.h"

#include "format/java_hash_code.h"

namespace sluice::transforms {

std::span<const uint32_t> JavaMapOrder::iteration_order(const connect::Value& map) {
  source_order_.clear();
  append_iteration_order(map, source_order_);
  return source_order_;
}

void JavaMapOrder::append_iteration_order(const connect::Value& map, std::vector<uint32_t>& out) {
  const auto count = static_cast<uint32_t>(map.map_size());
  if (map.map_in_java_order() || count < 2) {
    for (uint32_t i = 0; i < count; ++i) out.push_back(i);
  } else {
    format::ConnectMapKeys keys(nullptr, map);
    hash_map_.compute(count, keys, out);
  }
}

connect::Value JavaMapOrder::hash_map(std::span<const connect::Value> entries,
                                      uint32_t first_capacity, connect::Arena& arena) {
  const connect::Value in_put_order = connect::Value::map(entries);
  const auto count = static_cast<uint32_t>(in_put_order.map_size());
  if (count < 2) return connect::Value::ordered_map(entries);
  built_order_.clear();
  format::ConnectMapKeys keys(nullptr, in_put_order);
  hash_map_.compute(count, keys, built_order_, first_capacity);
  std::span<connect::Value> out = arena.allocate_array<connect::Value>(2 * count);
  for (uint32_t k = 0; k < count; ++k) {
    out[2 * k] = in_put_order.map_key(built_order_[k]);
    out[2 * k + 1] = in_put_order.map_value(built_order_[k]);
  }
  return connect::Value::ordered_map(out);
}

}  // namespace sluice::transforms
