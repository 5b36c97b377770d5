// Validation and footer form of a flat schema (see flat_schema.h). Logical type rules from
// parquet-format's LogicalTypes.md.
#include "parquet/flat_schema.h"

#include <cmath>
#include <set>

namespace sluice::parquet {
namespace {

using Kind = LogicalType::Kind;

bool is_binary(PhysicalType t) {
  return t == PhysicalType::kByteArray || t == PhysicalType::kFixedLenByteArray;
}

// The largest decimal precision `column`'s physical type holds.
int32_t max_decimal_precision(const FlatColumn& c) {
  switch (c.type) {
    case PhysicalType::kInt32:
      return 9;
    case PhysicalType::kInt64:
      return 18;
    case PhysicalType::kFixedLenByteArray:  // floor(log10(2^(8n-1) - 1))
      return static_cast<int32_t>(std::floor((8.0 * c.type_length - 1) * std::log10(2.0)));
    case PhysicalType::kByteArray:
      return INT32_MAX;
    default:
      return 0;
  }
}

// Empty when `c`'s logical type suits its physical type, else what is wrong.
std::string logical_type_problem(const FlatColumn& c) {
  const LogicalType& lt = c.logical_type;
  switch (lt.kind) {
    case Kind::kNone:
    case Kind::kUnknown:
      return {};
    case Kind::kString:
    case Kind::kEnum:
    case Kind::kJson:
    case Kind::kBson:
      return c.type == PhysicalType::kByteArray ? "" : "needs BYTE_ARRAY";
    case Kind::kUuid:
      return c.type == PhysicalType::kFixedLenByteArray && c.type_length == 16
                 ? ""
                 : "needs FIXED_LEN_BYTE_ARRAY(16)";
    case Kind::kDate:
      return c.type == PhysicalType::kInt32 ? "" : "needs INT32";
    case Kind::kTime:
      if (lt.unit == TimeUnit::kMillis) return c.type == PhysicalType::kInt32 ? "" : "needs INT32";
      return c.type == PhysicalType::kInt64 ? "" : "needs INT64";
    case Kind::kTimestamp:
      return c.type == PhysicalType::kInt64 ? "" : "needs INT64";
    case Kind::kInteger:
      if (lt.bit_width != 8 && lt.bit_width != 16 && lt.bit_width != 32 && lt.bit_width != 64) {
        return "bit width must be 8, 16, 32 or 64";
      }
      return (lt.bit_width == 64 ? c.type == PhysicalType::kInt64 : c.type == PhysicalType::kInt32)
                 ? ""
                 : "bit width does not match the physical type";
    case Kind::kDecimal:
      if (lt.precision < 1 || lt.scale < 0 || lt.scale > lt.precision) {
        return "needs precision >= 1 and 0 <= scale <= precision";
      }
      return lt.precision <= max_decimal_precision(c) ? "" : "precision too large for the type";
    case Kind::kMap:
    case Kind::kList:
      return "is a group annotation";
  }
  return "is not supported";
}

}  // namespace

std::optional<ConvertedType> converted_type_for(const LogicalType& lt) {
  switch (lt.kind) {
    case Kind::kString:
      return ConvertedType::kUtf8;
    case Kind::kMap:
      return ConvertedType::kMap;
    case Kind::kList:
      return ConvertedType::kList;
    case Kind::kEnum:
      return ConvertedType::kEnum;
    case Kind::kDecimal:
      return ConvertedType::kDecimal;
    case Kind::kDate:
      return ConvertedType::kDate;
    case Kind::kTime:
      if (lt.unit == TimeUnit::kNanos) return std::nullopt;
      return lt.unit == TimeUnit::kMillis ? ConvertedType::kTimeMillis : ConvertedType::kTimeMicros;
    case Kind::kTimestamp:
      if (lt.unit == TimeUnit::kNanos) return std::nullopt;
      return lt.unit == TimeUnit::kMillis ? ConvertedType::kTimestampMillis
                                          : ConvertedType::kTimestampMicros;
    case Kind::kInteger: {
      int step = lt.bit_width == 8 ? 0 : lt.bit_width == 16 ? 1 : lt.bit_width == 32 ? 2 : 3;
      int base = lt.is_signed ? static_cast<int>(ConvertedType::kInt8)
                              : static_cast<int>(ConvertedType::kUint8);
      return static_cast<ConvertedType>(base + step);
    }
    case Kind::kJson:
      return ConvertedType::kJson;
    case Kind::kBson:
      return ConvertedType::kBson;
    default:
      return std::nullopt;
  }
}

SortOrder sort_order_of(const FlatColumn& c) {
  if (c.type == PhysicalType::kInt96) return SortOrder::kUndefined;
  if (c.logical_type.kind == Kind::kInteger && !c.logical_type.is_signed) {
    return SortOrder::kUnsigned;
  }
  if (is_binary(c.type)) {
    // A decimal's order is numeric, which byte comparison does not give for byte arrays.
    return c.logical_type.kind == Kind::kDecimal ? SortOrder::kUndefined : SortOrder::kUnsigned;
  }
  return SortOrder::kSigned;
}

Status validate_column_type(const FlatColumn& c, const std::string& where) {
  if (c.type == PhysicalType::kInt96) {
    return Status::invalid_argument(where + ": INT96 is deprecated and not written");
  }
  if (c.type == PhysicalType::kFixedLenByteArray && c.type_length <= 0) {
    return Status::invalid_argument(where + ": FIXED_LEN_BYTE_ARRAY needs a positive length");
  }
  if (std::string problem = logical_type_problem(c); !problem.empty()) {
    return Status::invalid_argument(where + ": logical type " + problem);
  }
  return Status();
}

Result<FlatSchema> FlatSchema::make(std::string root_name, std::vector<FlatColumn> columns) {
  if (root_name.empty()) return Status::invalid_argument("parquet schema: empty root name");
  std::set<std::string_view> names;
  for (const FlatColumn& c : columns) {
    std::string where = "parquet schema: column '" + c.name + "'";
    if (c.name.empty()) return Status::invalid_argument("parquet schema: empty column name");
    if (!names.insert(c.name).second) return Status::invalid_argument(where + " appears twice");
    if (Status status = validate_column_type(c, where); !status.ok()) return status;
  }
  return FlatSchema(std::move(root_name), std::move(columns));
}

std::vector<SchemaElement> FlatSchema::to_schema_elements() const {
  std::vector<SchemaElement> elements;
  elements.reserve(columns_.size() + 1);
  elements.push_back(
      SchemaElement{.name = root_name_, .num_children = static_cast<int32_t>(columns_.size())});
  for (const FlatColumn& c : columns_) {
    SchemaElement e{.type = c.type,
                    .repetition_type = c.optional ? Repetition::kOptional : Repetition::kRequired,
                    .name = c.name,
                    .converted_type = converted_type_for(c.logical_type),
                    .logical_type = c.logical_type};
    if (c.type == PhysicalType::kFixedLenByteArray) e.type_length = c.type_length;
    if (c.logical_type.kind == Kind::kDecimal) {
      e.scale = c.logical_type.scale;
      e.precision = c.logical_type.precision;
    }
    elements.push_back(std::move(e));
  }
  return elements;
}

}  // namespace sluice::parquet
