// StatisticsCollector: min/max/null_count (and nan_count for FLOAT/DOUBLE) of one column chunk,
// under the column's sort order, turned into the footer's Statistics the way parquet-format's
// rules (and parquet-java 1.15) fill it:
//   * min_value/max_value (fields 5/6) for every defined order; deprecated min/max (1/2) only for
//     signed orders that are not decimals;
//   * FLOAT/DOUBLE: NaN ignored for min/max (all NaN: no min/max), -0.0 written as the min and
//     +0.0 as the max when a bound is zero, nan_count always;
//   * BYTE_ARRAY/FIXED_LEN_BYTE_ARRAY: unsigned byte-wise order, no min/max when a bound is longer
//     than 4 KiB (never truncated, so the exactness flags, when asked for, are true);
//   * null_count always; no min/max when every value is null.
// Binary bounds are copies kept in two strings whose capacity is reused between chunks. Owned by
// one ColumnWriter; not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "parquet/flat_schema.h"
#include "parquet/metadata.h"

namespace sluice::parquet {

class StatisticsCollector {
 public:
  explicit StatisticsCollector(const FlatColumn& column);

  void add_null() { ++null_count_; }
  // REQUIRES: the method that matches the column's physical type.
  void add_bool(bool v) { add_integer(v ? 1 : 0); }
  void add_int32(int32_t v);
  void add_int64(int64_t v) { add_integer(v); }
  void add_float(float v) { add_floating(v); }
  void add_double(double v) { add_floating(v); }
  void add_binary(std::string_view v);

  // The chunk's statistics; `exactness_flags` adds is_min/max_value_exact (DuckDB uses them).
  Statistics to_thrift(bool exactness_flags) const;
  // Bytes held for binary bounds (for memory accounting).
  size_t held_bytes() const { return min_bytes_.capacity() + max_bytes_.capacity(); }
  // Starts a new chunk.
  void reset();

 private:
  void add_integer(int64_t v);
  void add_floating(double v);
  std::string encode(int64_t integer, double floating, bool is_max) const;

  PhysicalType type_;
  SortOrder order_;
  bool legacy_min_max_;  // write the deprecated signed min/max as well
  bool has_bounds_ = false;
  int64_t null_count_ = 0;
  int64_t nan_count_ = 0;
  int64_t min_int_ = 0, max_int_ = 0;     // BOOLEAN, INT32, INT64
  double min_float_ = 0, max_float_ = 0;  // FLOAT, DOUBLE
  std::string min_bytes_, max_bytes_;     // BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY
};

}  // namespace sluice::parquet
