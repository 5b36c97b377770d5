// Connect values: what a converter produces from Kafka bytes and a format writer consumes.
//
// A Value is a small, trivially copyable handle. Strings and bytes are views into memory that
// outlives the record: the Kafka message itself (StringConverter, ByteArrayConverter) or the
// batch's Arena (decoded JSON). Arrays, maps and struct fields are spans of Values in the Arena. So
// a record is decoded without a heap allocation of its own, and the whole batch is released at
// once.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "connect/schema.h"

namespace sluice::connect {

// Bump allocator for one batch of records. Not thread-safe: owned by the task that decodes.
//
// reset() keeps the memory blocks for the next batch (only blocks the last batch did not touch
// are returned), so a task in its steady state decodes without touching malloc or faulting in
// fresh pages. Objects with a destructor (a Header holds a SchemaPtr) are destroyed by reset()
// and by the Arena's destructor, so a schema created for one record is released with its batch.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() { run_destructors(); }

  void* allocate(size_t bytes, size_t align) {
    const uintptr_t at =
        (reinterpret_cast<uintptr_t>(current_) + offset_ + align - 1) & ~(align - 1);
    const size_t end = at - reinterpret_cast<uintptr_t>(current_) + bytes;
    if (current_ == nullptr || end > current_size_) return allocate_in_next_block(bytes, align);
    offset_ = end;
    return reinterpret_cast<void*>(at);
  }
  template <typename T>
  std::span<T> allocate_array(size_t n) {
    if (n == 0) return {};
    T* p = static_cast<T*>(allocate(n * sizeof(T), alignof(T)));
    for (size_t i = 0; i < n; ++i) new (p + i) T();
    if constexpr (!std::is_trivially_destructible_v<T>) {
      auto* node = static_cast<Cleanup*>(allocate(sizeof(Cleanup), alignof(Cleanup)));
      *node = Cleanup{&destroy_array<T>, p, n, cleanups_};
      cleanups_ = node;
    }
    return {p, n};
  }
  std::string_view copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(allocate(s.size(), 1));
    std::copy(s.begin(), s.end(), p);
    return {p, s.size()};
  }
  // Destroys everything allocated since construction or the last reset and makes the memory
  // available again.
  void reset() {
    run_destructors();
    // Blocks the finished batch never reached are surplus from an earlier, bigger batch.
    if (blocks_.size() > block_index_ + 1) blocks_.resize(block_index_ + 1);
    block_index_ = 0;
    offset_ = 0;
    current_ = blocks_.empty() ? nullptr : blocks_[0].data.get();
    current_size_ = blocks_.empty() ? 0 : blocks_[0].size;
  }

 private:
  struct Block {
    std::unique_ptr<char[]> data;
    size_t size;
  };
  struct Cleanup {
    void (*destroy)(void*, size_t);
    void* objects;
    size_t count;
    Cleanup* next;
  };
  static constexpr size_t kFirstBlockSize = 16 * 1024;
  static constexpr size_t kMaxBlockSize = 8 * 1024 * 1024;

  void* allocate_in_next_block(size_t bytes, size_t align) {
    const size_t needed = bytes + align;
    size_t next = current_ == nullptr ? 0 : block_index_ + 1;
    while (next < blocks_.size() && blocks_[next].size < needed) ++next;
    if (next >= blocks_.size()) {
      const size_t grown =
          blocks_.empty() ? kFirstBlockSize : std::min(blocks_.back().size * 2, kMaxBlockSize);
      const size_t size = std::max(grown, needed);
      blocks_.push_back(Block{std::make_unique_for_overwrite<char[]>(size), size});
      next = blocks_.size() - 1;
    }
    block_index_ = next;
    current_ = blocks_[next].data.get();
    current_size_ = blocks_[next].size;
    offset_ = 0;
    return allocate(bytes, align);
  }
  template <typename T>
  static void destroy_array(void* p, size_t n) {
    for (size_t i = 0; i < n; ++i) static_cast<T*>(p)[i].~T();
  }
  void run_destructors() {
    for (Cleanup* c = cleanups_; c != nullptr; c = c->next) c->destroy(c->objects, c->count);
    cleanups_ = nullptr;
  }

  std::vector<Block> blocks_;
  size_t block_index_ = 0;
  char* current_ = nullptr;
  size_t current_size_ = 0;
  size_t offset_ = 0;
  Cleanup* cleanups_ = nullptr;
};

enum class ValueKind : uint8_t {
  kNull,
  kBoolean,
  kInt,      // any integer type; the schema (if any) says which width
  kFloat32,  // float; kept apart from kFloat64 because Java prints them differently
  kFloat64,
  kString,  // UTF-8
  kBytes,
  kArray,   // items()
  kMap,     // items() holds key, value, key, value, ... in iteration order
  kStruct,  // items() holds field values in the order of struct_schema()->fields
};

class Value {
 public:
  Value() = default;
  static Value null() { return Value(); }
  static Value boolean(bool b) {
    Value v(ValueKind::kBoolean);
    v.scalar_.b = b;
    return v;
  }
  static Value integer(int64_t i) {
    Value v(ValueKind::kInt);
    v.scalar_.i = i;
    return v;
  }
  static Value float32(float f) {
    Value v(ValueKind::kFloat32);
    v.scalar_.d = f;
    return v;
  }
  static Value float64(double d) {
    Value v(ValueKind::kFloat64);
    v.scalar_.d = d;
    return v;
  }
  static Value string(std::string_view s) {
    Value v(ValueKind::kString);
    v.text_ = s;
    return v;
  }
  static Value bytes(std::string_view b) {
    Value v(ValueKind::kBytes);
    v.text_ = b;
    return v;
  }
  // A Decimal (Java BigDecimal): the unscaled integer as minimal big-endian two's-complement
  // bytes, plus the value's own scale. The scale usually equals the schema's "scale" parameter,
  // but JsonConverter keeps the scale written in a JSON number ("2.2" into a scale-2 schema has
  // scale 1), as Java does; writers that need the schema scale must check, as Decimal.fromLogical
  // does ("mismatching scale").
  static Value decimal(std::string_view unscaled, int32_t scale) {
    Value v(ValueKind::kBytes);
    v.text_ = unscaled;
    v.scalar_.i = scale;
    v.is_decimal_ = true;
    return v;
  }
  static Value array(std::span<const Value> items) {
    Value v(ValueKind::kArray);
    v.items_ = items;
    return v;
  }
  // `entries` alternates key and value.
  static Value map(std::span<const Value> entries) {
    Value v(ValueKind::kMap);
    v.items_ = entries;
    return v;
  }
  // A map whose entries are already in the iteration order of the Java Map it stands for (a
  // LinkedHashMap, or a HashMap whose order the producer computed), so writers must not reorder
  // them as they do for maps the converters built (see map_in_java_order()).
  static Value ordered_map(std::span<const Value> entries) {
    Value v = map(entries);
    v.in_java_order_ = true;
    return v;
  }
  static Value structure(const Schema* schema, std::span<const Value> field_values) {
    Value v(ValueKind::kStruct);
    v.items_ = field_values;
    v.struct_schema_ = schema;
    return v;
  }

  ValueKind kind() const { return kind_; }
  bool is_null() const { return kind_ == ValueKind::kNull; }
  bool as_bool() const { return scalar_.b; }
  int64_t as_int() const { return scalar_.i; }
  double as_double() const { return scalar_.d; }
  std::string_view as_text() const { return text_; }  // kString and kBytes
  // Whether this kBytes value was made by decimal(); then decimal_scale() is its scale.
  bool is_decimal() const { return is_decimal_; }
  int32_t decimal_scale() const { return static_cast<int32_t>(scalar_.i); }
  std::span<const Value> items() const { return items_; }
  size_t map_size() const { return items_.size() / 2; }
  // Whether made by ordered_map(): the entries are in the Java map's own iteration order. Maps
  // from converters are not (they hold the producer's order; the Java converters put them into a
  // HashMap, whose order writers replay).
  bool map_in_java_order() const { return in_java_order_; }
  const Value& map_key(size_t i) const { return items_[2 * i]; }
  const Value& map_value(size_t i) const { return items_[2 * i + 1]; }
  const Schema* struct_schema() const { return struct_schema_; }
  // Struct field by name; nullptr when the struct has no such field.
  const Value* struct_field(std::string_view name) const;
  // Map entry by string key; nullptr when absent.
  const Value* map_lookup(std::string_view key) const;

 private:
  explicit Value(ValueKind kind) : kind_(kind) {}

  ValueKind kind_ = ValueKind::kNull;
  bool is_decimal_ = false;
  bool in_java_order_ = false;
  union {
    bool b;
    int64_t i;
    double d;
  } scalar_{};
  std::string_view text_;
  std::span<const Value> items_;
  const Schema* struct_schema_ = nullptr;
};

// A Value together with the Arena that owns its memory, for long-lived values such as schema
// defaults.
class OwnedValue {
 public:
  OwnedValue() : arena_(std::make_unique<Arena>()) {}
  Arena& arena() { return *arena_; }
  const Value& value() const { return value_; }
  void set(Value v) { value_ = v; }

 private:
  std::unique_ptr<Arena> arena_;
  Value value_;
};

// Deep equality (schema-less): kinds and contents, map entries in order.
bool values_equal(const Value& a, const Value& b);

}  // namespace sluice::connect
