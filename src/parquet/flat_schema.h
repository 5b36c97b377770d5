// FlatColumn and FlatSchema: the schema of a file whose columns are all top-level primitive
// fields (no groups, no lists), each REQUIRED or OPTIONAL. Validates the column definitions,
// builds the SchemaElement list of the footer and tells each column's sort order (for
// statistics). Nested schemas are NestedSchema's (nested_schema.h); FileWriter takes either.
//
// Immutable after make(); safe to share between threads for reading.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parquet/metadata.h"
#include "util/status.h"

namespace sluice::parquet {

struct FlatColumn {
  std::string name;
  PhysicalType type = PhysicalType::kInt32;
  bool optional = false;
  int32_t type_length = 0;   // FIXED_LEN_BYTE_ARRAY only: the byte width (> 0)
  LogicalType logical_type;  // kNone for none
};

// How min/max statistics compare values (parquet-format, LogicalTypes.md, "Sort Order").
enum class SortOrder : uint8_t { kSigned, kUnsigned, kUndefined };

// The sort order of `column`: unsigned for UINT annotations and byte arrays, undefined for
// INT96; signed otherwise (numbers, DECIMAL on integers, dates, times, timestamps, booleans).
SortOrder sort_order_of(const FlatColumn& column);

// OK when `column`'s type, length and logical type follow FlatSchema::make's rules (the name is
// not checked); else kInvalidArgument, the message starting with `where`.
Status validate_column_type(const FlatColumn& column, const std::string& where);

class FlatSchema {
 public:
  // Fails with kInvalidArgument when a name is empty or repeated, a FIXED_LEN_BYTE_ARRAY has no
  // positive length, INT96 is asked for (deprecated; not written), or the logical type does not
  // fit the physical type (e.g. STRING on INT32, DECIMAL whose precision the type cannot hold).
  static Result<FlatSchema> make(std::string root_name, std::vector<FlatColumn> columns);

  const std::string& root_name() const { return root_name_; }
  const std::vector<FlatColumn>& columns() const { return columns_; }
  // Root first, then one leaf per column (what FileMetaData.schema holds).
  std::vector<SchemaElement> to_schema_elements() const;

 private:
  FlatSchema(std::string root_name, std::vector<FlatColumn> columns)
      : root_name_(std::move(root_name)), columns_(std::move(columns)) {}

  std::string root_name_;
  std::vector<FlatColumn> columns_;
};

}  // namespace sluice::parquet
