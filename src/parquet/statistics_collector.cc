// Chunk statistics (see statistics_collector.h; rules from parquet-format's parquet.thrift,
// "Statistics" and "ColumnOrder").
#include "parquet/statistics_collector.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace sluice::parquet {
namespace {

static_assert(std::endian::native == std::endian::little, "PLAIN values are little-endian");

constexpr size_t kMaxBinaryStatBytes = 4096;  // as parquet-java: larger bounds are not written

template <typename T>
std::string plain_bytes(T value) {
  std::string out(sizeof(T), '\0');
  std::memcpy(out.data(), &value, sizeof(T));
  return out;
}

bool unsigned_less(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);  // memcmp compares unsigned bytes
  return c < 0 || (c == 0 && a.size() < b.size());
}

}  // namespace

StatisticsCollector::StatisticsCollector(const FlatColumn& column)
    : type_(column.type),
      order_(sort_order_of(column)),
      legacy_min_max_(order_ == SortOrder::kSigned &&
                      column.logical_type.kind != LogicalType::Kind::kDecimal) {}

void StatisticsCollector::add_int32(int32_t v) {
  // Unsigned INT32 (UINT_8..32): compare as uint32, which int64 holds exactly.
  add_integer(order_ == SortOrder::kUnsigned ? static_cast<int64_t>(static_cast<uint32_t>(v)) : v);
}

void StatisticsCollector::add_integer(int64_t v) {
  // Unsigned INT64: flipping the sign bit turns unsigned order into signed order.
  int64_t key = (order_ == SortOrder::kUnsigned && type_ == PhysicalType::kInt64)
                    ? static_cast<int64_t>(static_cast<uint64_t>(v) ^ (uint64_t{1} << 63))
                    : v;
  if (!has_bounds_) {
    min_int_ = max_int_ = key;
    has_bounds_ = true;
    return;
  }
  if (key < min_int_) min_int_ = key;
  if (key > max_int_) max_int_ = key;
}

void StatisticsCollector::add_floating(double v) {
  if (std::isnan(v)) {
    ++nan_count_;
    return;
  }
  if (!has_bounds_) {
    min_float_ = max_float_ = v;
    has_bounds_ = true;
    return;
  }
  if (v < min_float_) min_float_ = v;
  if (v > max_float_) max_float_ = v;
}

void StatisticsCollector::add_binary(std::string_view v) {
  if (!has_bounds_) {
    min_bytes_.assign(v);
    max_bytes_.assign(v);
    has_bounds_ = true;
    return;
  }
  if (unsigned_less(v, min_bytes_)) min_bytes_.assign(v);
  if (unsigned_less(max_bytes_, v)) max_bytes_.assign(v);
}

std::string StatisticsCollector::encode(int64_t integer, double floating, bool is_max) const {
  switch (type_) {
    case PhysicalType::kBoolean:
      return std::string(1, static_cast<char>(integer));
    case PhysicalType::kInt32:
      return plain_bytes(static_cast<int32_t>(integer));
    case PhysicalType::kInt64:
      if (order_ == SortOrder::kUnsigned) {
        integer = static_cast<int64_t>(static_cast<uint64_t>(integer) ^ (uint64_t{1} << 63));
      }
      return plain_bytes(integer);
    case PhysicalType::kFloat:
    case PhysicalType::kDouble: {
      // A zero bound is written as -0.0 (min) or +0.0 (max) so that it covers both zeros.
      if (floating == 0.0) floating = is_max ? 0.0 : -0.0;
      return type_ == PhysicalType::kFloat ? plain_bytes(static_cast<float>(floating))
                                           : plain_bytes(floating);
    }
    default:
      return {};
  }
}

Statistics StatisticsCollector::to_thrift(bool exactness_flags) const {
  Statistics s;
  s.null_count = null_count_;
  bool floating = type_ == PhysicalType::kFloat || type_ == PhysicalType::kDouble;
  if (floating) s.nan_count = nan_count_;
  if (!has_bounds_ || order_ == SortOrder::kUndefined) return s;
  bool binary = type_ == PhysicalType::kByteArray || type_ == PhysicalType::kFixedLenByteArray;
  if (binary) {
    if (min_bytes_.size() > kMaxBinaryStatBytes || max_bytes_.size() > kMaxBinaryStatBytes) {
      return s;
    }
    s.max_value = max_bytes_;
    s.min_value = min_bytes_;
  } else {
    s.max_value = encode(max_int_, max_float_, true);
    s.min_value = encode(min_int_, min_float_, false);
  }
  if (legacy_min_max_) {
    s.max = s.max_value;
    s.min = s.min_value;
  }
  if (exactness_flags) {
    s.is_max_value_exact = true;
    s.is_min_value_exact = true;
  }
  return s;
}

void StatisticsCollector::reset() {
  has_bounds_ = false;
  null_count_ = 0;
  nan_count_ = 0;
  min_bytes_.clear();
  max_bytes_.clear();
}

}  // namespace sluice::parquet
