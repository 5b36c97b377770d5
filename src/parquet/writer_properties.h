// WriterProperties: the settings of a Parquet FileWriter. Defaults follow what Confluent's S3
// sink ends up with through parquet-java 1.15 (64 KiB pages, 20,000-row page limit, SNAPPY,
// 128 MiB row groups, data page v1), except where noted. Every cut (page, row group) is a pure
// function of the data written, so rewriting the same rows gives the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "parquet/metadata.h"
#include "util/memory_account.h"

namespace sluice::parquet {

struct WriterProperties {
  CompressionCodec codec = CompressionCodec::kSnappy;
  int codec_level = -1;  // -1: the codec's default (GZIP 6, ZSTD 3)
  // A data page is closed after the value that takes its buffered bytes (values plus level
  // bytes) to this size, or after page_row_limit rows.
  size_t page_size = 64 * 1024;
  size_t page_row_limit = 20'000;
  // Dictionary encoding (not for BOOLEAN and FIXED_LEN_BYTE_ARRAY), falling back to PLAIN when
  // the dictionary's PLAIN bytes pass dictionary_page_size (parquet-java's 1 MiB default).
  bool dictionary = true;
  size_t dictionary_page_size = 1024 * 1024;
  // A row group is closed after the row that takes the bytes buffered by all columns (encoded
  // pages plus open pages) to this size. Confluent's 128 MiB is memory-estimate based; ours is
  // exact, so the two cut at different rows (Confluent files rarely reach one cut).
  size_t row_group_size = 128 * 1024 * 1024;
  // FileMetaData.created_by; parquet-java only trusts binary statistics when it parses as
  // "<app> version <semver> (build <id>)".
  std::string created_by = "sluice version 0.1.0 (build unknown)";
  std::vector<KeyValue> key_value_metadata;
  // Statistics.is_min/max_value_exact (DuckDB treats string bounds without them as truncated).
  // Off only to reproduce files of writers that predate the fields.
  bool write_exactness_flags = true;
  // ColumnMetaData.encoding_stats (parquet-java writes it; readers use it to see that every data
  // page has the same encoding). Off only to reproduce minimal files.
  bool write_encoding_stats = true;
  // PageHeader.crc: the CRC-32 of each stored page body (parquet-java writes it by default;
  // readers that are asked to verify it, e.g. pyarrow's page_checksum_verification, do).
  bool write_page_crc = true;
  // Where the buffers of open row groups are charged (null: not counted). Must outlive the
  // writer.
  util::MemoryAccount* memory = nullptr;
};

}  // namespace sluice::parquet
