// JavaHashMapOrder: the iteration order of a java.util.HashMap built by put()-ing keys in order.
//
// Why: JsonConverter (and the Avro/Protobuf converters) decode every Connect MAP and every
// schemaless JSON object into a java.util.HashMap, so the Java connector writes map entries in
// HashMap iteration order, not in the order the producer wrote them (kafka-connect.md §2.3). To be
// byte-identical we replay HashMap's algorithm (JDK 8+): spread hash h ^ (h >>> 16), a table of 16
// buckets allocated on the first put and doubled when the size exceeds 0.75 x capacity, new keys
// appended to their bucket's list, resize splitting each bucket into a low and a high list in
// order, a bucket that reaches 8 entries doubling the table while it is smaller than 64, and
// otherwise becoming a red-black tree bin. Tree bins are emulated too (insertion after the tree
// parent, root moved to the front, split and untreeify on resize), with Comparable order from the
// caller. Two keys that compare equal but are not equal fall back to Java's identity-hash tie
// break, which is not reproducible; we then always go left (only non-Comparable key types such as
// byte[] or Struct can get there).
//
// A put of a key already present keeps the key's position and replaces the value: the result lists
// each distinct key once, as the index of its last put (the value that won).
//
// Not thread-safe; owned by one encoder, which reuses its scratch arrays for every map.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sluice::format {

// The first table size of new HashMap(initialCapacity): tableSizeFor(initialCapacity).
uint32_t hash_map_capacity_for_size(uint32_t initial_capacity);
// The first table size of new HashMap(Map m) with m.size() == `size`, as JDK 17's
// putMapEntries computes it: tableSizeFor((int) (size / 0.75f + 1.0f)), at least 1.
uint32_t hash_map_capacity_for_copy(uint32_t size);

class JavaHashMapOrder {
 public:
  // The keys of one map, indexed 0..n-1 in put order.
  class Keys {
   public:
    virtual ~Keys() = default;
    // Object.hashCode() of key i, as the key's Java class computes it.
    virtual int32_t hash_code(uint32_t i) const = 0;
    // Object.equals() of keys a and b.
    virtual bool equals(uint32_t a, uint32_t b) const = 0;
    // Sign of Comparable.compareTo(key a, key b); 0 when the keys are not mutually comparable.
    virtual int compare(uint32_t a, uint32_t b) const = 0;
  };

  // Appends to `order` the iteration order of a HashMap after putting keys 0..count-1 in order.
  // `first_capacity` is the table size allocated by the first put: 16 for new HashMap(), the
  // capacity a sized constructor chose otherwise (see hash_map_capacity_for_*).
  // REQUIRES: first_capacity is a power of two.
  void compute(uint32_t count, const Keys& keys, std::vector<uint32_t>& order,
               uint32_t first_capacity = 16);

 private:
  static constexpr int32_t kNone = -1;

  void put(uint32_t key, const Keys& keys);
  void resize();
  uint32_t first_capacity_ = 16;
  void split_tree_bin(std::vector<int32_t>& table, uint32_t index, uint32_t bit, int32_t head);
  void treeify_bin(int32_t hash);
  void treeify(std::vector<int32_t>& table, int32_t head, const Keys& keys);
  int32_t untreeify(int32_t head);
  int32_t put_tree_value(uint32_t index, int32_t hash, uint32_t key, const Keys& keys);
  int32_t find_in_tree(int32_t node, int32_t hash, uint32_t key, const Keys& keys) const;
  void move_root_to_front(std::vector<int32_t>& table, int32_t root);
  int32_t balance_insertion(int32_t root, int32_t x);
  int32_t rotate_left(int32_t root, int32_t p);
  int32_t rotate_right(int32_t root, int32_t p);
  int direction(int32_t hash, uint32_t key, int32_t node, const Keys& keys) const;

  // Nodes are identified by the index of the key's first put.
  std::vector<int32_t> hash_;
  std::vector<int32_t> next_;
  std::vector<uint32_t> value_index_;
  // Tree-bin fields, meaningful only while is_tree_ is set.
  std::vector<uint8_t> is_tree_;
  std::vector<uint8_t> red_;
  std::vector<int32_t> left_, right_, parent_, prev_;
  std::vector<int32_t> table_;
  std::vector<int32_t> new_table_;
  uint32_t size_ = 0;
  uint32_t threshold_ = 0;
  const Keys* keys_ = nullptr;
};

}  // namespace sluice::format
