// Connect values: what a converter produces from Kafka bytes and a format writer consumes.
//
// A Value is a small, trivially copyable handle. Strings and bytes are views into memory that
// outlives the record: the Kafka message itself (StringConverter, ByteArrayConverter) or the batch's
// Arena (decoded JSON). Arrays, maps and struct fields are spans of Values in the Arena. So a record
// is decoded without a heap allocation of its own, and the whole batch is released at once.
#pragma once

#include <cstdint>
#include <memory>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "connect/schema.h"

namespace sluice::connect {

// Bump allocator for one batch of records. Not thread-safe: owned by the task that decodes.
class Arena {
 public:
  Arena() : resource_(initial_, sizeof(initial_)) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  void* allocate(size_t bytes, size_t align) { return resource_.allocate(bytes, align); }
  template <typename T>
  std::span<T> allocate_array(size_t n) {
    if (n == 0) return {};
    T* p = static_cast<T*>(resource_.allocate(n * sizeof(T), alignof(T)));
    for (size_t i = 0; i < n; ++i) new (p + i) T();
    return {p, n};
  }
  std::string_view copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(resource_.allocate(s.size(), 1));
    std::copy(s.begin(), s.end(), p);
    return {p, s.size()};
  }
  // Frees everything allocated since construction or the last reset.
  void reset() { resource_.release(); }

 private:
  alignas(std::max_align_t) char initial_[4096];
  std::pmr::monotonic_buffer_resource resource_;
};

enum class ValueKind : uint8_t {
  kNull,
  kBoolean,
  kInt,      // any integer type; the schema (if any) says which width
  kFloat32,  // float; kept apart from kFloat64 because Java prints them differently
  kFloat64,
  kString,   // UTF-8
  kBytes,
  kArray,    // items()
  kMap,      // items() holds key, value, key, value, ... in iteration order
  kStruct,   // items() holds field values in the order of struct_schema()->fields
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
  std::span<const Value> items() const { return items_; }
  size_t map_size() const { return items_.size() / 2; }
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
  union {
    bool b;
    int64_t i;
    double d;
  } scalar_{};
  std::string_view text_;
  std::span<const Value> items_;
  const Schema* struct_schema_ = nullptr;
};

// A Value together with the Arena that owns its memory, for long-lived values such as schema defaults.
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
