// The row count a Parquet file's footer declares (FileMetaData.num_rows), read without a Parquet
// library: for `sluice verify`, which counts the records of objects the sink (or Confluent's
// connector, through parquet-java) wrote.
//
// The file ends with the footer (a Thrift compact-protocol FileMetaData), its length as a 4-byte
// little-endian integer and the magic "PAR1" (apache/parquet-format, "File Format"). num_rows is
// field 3 of FileMetaData; the fields before it (version, schema) are skipped by type, so any
// writer's footer is read. Every failure is a kDataError naming the problem. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "util/status.h"

namespace sluice::parquet {

Result<int64_t> footer_row_count(std::string_view file);

}  // namespace sluice::parquet
