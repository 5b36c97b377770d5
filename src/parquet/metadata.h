// The Parquet metadata structures a writer emits (apache/parquet-format, src/main/thrift/
// parquet.thrift), as plain C++ values: the footer (FileMetaData and what it holds) and page
// headers. Field comments give the Thrift field ids; std::optional marks fields the IDL declares
// optional (absent = not written). Serialization is in metadata_serializer.h.
//
// Only what a writer of flat and nested columns needs is modelled: no encryption, page indexes,
// bloom filters, size/geospatial statistics, sorting columns or data page v2. Plain values, no
// ownership beyond their own members; not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sluice::parquet {

// Enum values are the IDL's.
enum class PhysicalType : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

enum class Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

enum class ConvertedType : int32_t {
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32 = 17,
  kInt64 = 18,
  kJson = 19,
  kBson = 20,
  kInterval = 21,
};

enum class Encoding : int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

enum class CompressionCodec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,
  kZstd = 6,
  kLz4Raw = 7,
};

enum class PageType : int32_t {
  kDataPage = 0,
  kIndexPage = 1,
  kDictionaryPage = 2,
  kDataPageV2 = 3,
};

enum class TimeUnit : uint8_t { kMillis = 1, kMicros = 2, kNanos = 3 };  // union member ids

// The LogicalType union: `kind` is the id of the member that is set (0 = no logical type).
struct LogicalType {
  enum class Kind : int16_t {
    kNone = 0,
    kString = 1,
    kMap = 2,
    kList = 3,
    kEnum = 4,
    kDecimal = 5,
    kDate = 6,
    kTime = 7,
    kTimestamp = 8,
    kInteger = 10,
    kUnknown = 11,
    kJson = 12,
    kBson = 13,
    kUuid = 14,
  };
  Kind kind = Kind::kNone;
  int32_t scale = 0;                  // DECIMAL
  int32_t precision = 0;              // DECIMAL
  bool adjusted_to_utc = true;        // TIME, TIMESTAMP
  TimeUnit unit = TimeUnit::kMillis;  // TIME, TIMESTAMP
  int8_t bit_width = 0;               // INTEGER: 8, 16, 32 or 64
  bool is_signed = true;              // INTEGER

  static LogicalType of(Kind kind) { return LogicalType{.kind = kind}; }
  static LogicalType decimal(int32_t scale, int32_t precision) {
    return LogicalType{.kind = Kind::kDecimal, .scale = scale, .precision = precision};
  }
  static LogicalType time(bool utc, TimeUnit unit) {
    return LogicalType{.kind = Kind::kTime, .adjusted_to_utc = utc, .unit = unit};
  }
  static LogicalType timestamp(bool utc, TimeUnit unit) {
    return LogicalType{.kind = Kind::kTimestamp, .adjusted_to_utc = utc, .unit = unit};
  }
  static LogicalType integer(int8_t bits, bool is_signed) {
    return LogicalType{.kind = Kind::kInteger, .bit_width = bits, .is_signed = is_signed};
  }
};

struct SchemaElement {
  std::optional<PhysicalType> type;             // 1, leaves only
  std::optional<int32_t> type_length;           // 2, FIXED_LEN_BYTE_ARRAY only
  std::optional<Repetition> repetition_type;    // 3, all but the root
  std::string name;                             // 4, required
  std::optional<int32_t> num_children;          // 5, groups only
  std::optional<ConvertedType> converted_type;  // 6
  std::optional<int32_t> scale;                 // 7
  std::optional<int32_t> precision;             // 8
  std::optional<int32_t> field_id;              // 9
  LogicalType logical_type;                     // 10, written unless kind is kNone
};

struct Statistics {
  std::optional<std::string> max;          // 1, deprecated: signed order only
  std::optional<std::string> min;          // 2
  std::optional<int64_t> null_count;       // 3
  std::optional<int64_t> distinct_count;   // 4
  std::optional<std::string> max_value;    // 5
  std::optional<std::string> min_value;    // 6
  std::optional<bool> is_max_value_exact;  // 7
  std::optional<bool> is_min_value_exact;  // 8
  std::optional<int64_t> nan_count;        // 9
};

struct KeyValue {
  std::string key;                   // 1
  std::optional<std::string> value;  // 2
};

struct PageEncodingStats {
  PageType page_type = PageType::kDataPage;  // 1
  Encoding encoding = Encoding::kPlain;      // 2
  int32_t count = 0;                         // 3
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::kBoolean;                // 1
  std::vector<Encoding> encodings;                           // 2
  std::vector<std::string> path_in_schema;                   // 3
  CompressionCodec codec = CompressionCodec::kUncompressed;  // 4
  int64_t num_values = 0;                                    // 5
  int64_t total_uncompressed_size = 0;                       // 6
  int64_t total_compressed_size = 0;                         // 7
  std::vector<KeyValue> key_value_metadata;                  // 8, written when not empty
  int64_t data_page_offset = 0;                              // 9
  std::optional<int64_t> dictionary_page_offset;             // 11
  std::optional<Statistics> statistics;                      // 12
  std::vector<PageEncodingStats> encoding_stats;             // 13, written when not empty
};

struct ColumnChunk {
  int64_t file_offset = 0;   // 2, required; 0 as parquet-java 1.15 writes it
  ColumnMetaData meta_data;  // 3
};

struct RowGroup {
  std::vector<ColumnChunk> columns;              // 1
  int64_t total_byte_size = 0;                   // 2
  int64_t num_rows = 0;                          // 3
  std::optional<int64_t> file_offset;            // 5
  std::optional<int64_t> total_compressed_size;  // 6
  std::optional<int16_t> ordinal;                // 7
};

struct FileMetaData {
  int32_t version = 1;                       // 1
  std::vector<SchemaElement> schema;         // 2
  int64_t num_rows = 0;                      // 3
  std::vector<RowGroup> row_groups;          // 4
  std::vector<KeyValue> key_value_metadata;  // 5, written when not empty
  std::optional<std::string> created_by;     // 6
  // 7: column_orders. When true, one TYPE_ORDER per leaf (the number of schema leaves).
  bool type_defined_column_orders = true;
};

struct DataPageHeader {
  int32_t num_values = 0;                               // 1
  Encoding encoding = Encoding::kPlain;                 // 2
  Encoding definition_level_encoding = Encoding::kRle;  // 3
  Encoding repetition_level_encoding = Encoding::kRle;  // 4
  std::optional<Statistics> statistics;                 // 5
};

struct DictionaryPageHeader {
  int32_t num_values = 0;                // 1
  Encoding encoding = Encoding::kPlain;  // 2
  std::optional<bool> is_sorted;         // 3
};

struct PageHeader {
  PageType type = PageType::kDataPage;                         // 1
  int32_t uncompressed_page_size = 0;                          // 2
  int32_t compressed_page_size = 0;                            // 3
  std::optional<int32_t> crc;                                  // 4
  std::optional<DataPageHeader> data_page_header;              // 5
  std::optional<DictionaryPageHeader> dictionary_page_header;  // 7
};

// The ConvertedType parquet-java writes next to a logical type (for old readers), if any.
std::optional<ConvertedType> converted_type_for(const LogicalType& logical);

}  // namespace sluice::parquet
