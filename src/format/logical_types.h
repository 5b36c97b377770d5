// Connect's logical types as the format writers see them: how a schema name maps to a logical
// type, and how the encoded value (days, milliseconds, unscaled bytes) maps to the Java object
// (java.util.Date, BigDecimal) whose rendering Jackson and Values.convertToString define.
#pragma once

#include <cstdint>
#include <string>

#include "connect/schema.h"
#include "connect/value.h"
#include "util/status.h"

namespace sluice::format {

enum class LogicalType : uint8_t { kNone, kDecimal, kDate, kTime, kTimestamp };

inline LogicalType logical_type(const connect::Schema* schema) {
  if (schema == nullptr || !schema->name) return LogicalType::kNone;
  const std::string& name = *schema->name;
  if (name == connect::kDecimalLogicalName) return LogicalType::kDecimal;
  if (name == connect::kDateLogicalName) return LogicalType::kDate;
  if (name == connect::kTimeLogicalName) return LogicalType::kTime;
  if (name == connect::kTimestampLogicalName) return LogicalType::kTimestamp;
  return LogicalType::kNone;
}

inline constexpr int64_t kMillisPerDay = 86400000;

// java.util.Date#getTime() of a Date (days), Time or Timestamp (milliseconds) value.
inline int64_t logical_epoch_millis(LogicalType type, int64_t encoded) {
  return type == LogicalType::kDate ? encoded * kMillisPerDay : encoded;
}

// The Decimal schema's "scale" parameter, parsed as Integer.parseInt would.
Result<int32_t> decimal_scale(const connect::Schema& schema);

// The scale of a Decimal value: its own (Value::decimal keeps the scale the BigDecimal had, which
// JsonConverter may have taken from the JSON text), else the schema's.
Result<int32_t> decimal_value_scale(const connect::Schema* schema, const connect::Value& value);

// Whether the value stands for a BigDecimal: made by Value::decimal, or bytes under a Decimal
// schema.
inline bool is_decimal_value(const connect::Schema* schema, const connect::Value& value) {
  return value.kind() == connect::ValueKind::kBytes &&
         (value.is_decimal() || logical_type(schema) == LogicalType::kDecimal);
}

}  // namespace sluice::format
