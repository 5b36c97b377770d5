// Counting the records of one values object, by its extension, for `sluice verify`:
//   .gz suffix   gzip (s3.compression.type=gzip; concatenated members too), then the inner format
//   .json        JSON lines: one record per '\n' (JSON text escapes newlines inside values)
//   .avro        Avro container: the sum of the blocks' object counts (every codec avro/ reads)
//   .parquet     the footer's num_rows (any page compression: the footer is not compressed)
//   other        ByteArray: occurrences of format.bytearray.separator, written after each record
// A ByteArray value containing the separator bytes counts twice: that format does not say where a
// record ends, and the count is then an upper bound. An empty separator cannot be counted.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace sluice::cli {

// REQUIRES: `extension` is the format's extension of the object's key (".json.gz").
// kDataError when the bytes are not of that format, naming the problem.
Result<int64_t> count_records(std::string_view extension, std::string_view object,
                              std::string_view bytearray_separator);

// Whether count_records of an object with this extension may exceed its records (ByteArray).
bool count_is_upper_bound(std::string_view extension);

// The bytes of a gzip stream (one or more members).
Result<std::string> gunzip(std::string_view compressed);

}  // namespace sluice::cli
