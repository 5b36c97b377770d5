// ColumnWriter: buffers one leaf column's chunk of the row group being built, as data pages v1:
// RLE/bit-packed hybrid repetition levels (when the leaf's max repetition level is > 0), then
// definition levels (when its max definition level is > 0), then the values (parquet-format,
// Encodings.md and the "Data Pages" and "Nested Encoding" sections of README.md). Each entry is
// a value (definition level = the maximum) or an absence at a smaller definition level (a null
// leaf, a null or empty ancestor); its repetition level is 0 (a new row) unless repeat() set it.
// Values are dictionary-encoded when WriterProperties::dictionary is on (not for BOOLEAN and
// FIXED_LEN_BYTE_ARRAY), as parquet-java's v1 writer does: pages labelled PLAIN_DICTIONARY, one
// dictionary page first in the chunk; PLAIN for the whole chunk when the first page shows the
// dictionary does not pay; PLAIN from the page on where the dictionary passes
// dictionary_page_size (earlier pages keep it). Otherwise values are PLAIN. A page is closed
// (encoded, compressed, appended to the chunk with its header) once its buffered bytes reach
// WriterProperties::page_size or it holds page_row_limit values; a column with repetition levels
// closes it only before an entry of repetition level 0, so a row never straddles two pages, and
// counts page_row_limit in rows. The chunk statistics are collected as entries arrive (absences
// count as nulls, as parquet-java counts them).
//
// Memory: the open page (about page_size), the encoded chunk and the compression scratch, all
// std::string buffers whose capacities are charged to WriterProperties::memory and follow it as
// they grow; reset_chunk() (after each row group) gives all of it back. No allocation per value
// once the buffers have grown (binary bounds reuse their capacity).
//
// Owned by a FileWriter; the caller gives every column one or more entries per row (exactly one
// when the leaf has no repetition levels). Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parquet/dictionary_encoder.h"
#include "parquet/flat_schema.h"
#include "parquet/metadata.h"
#include "parquet/nested_schema.h"
#include "parquet/page_compressor.h"
#include "parquet/statistics_collector.h"
#include "parquet/writer_properties.h"
#include "util/memory_account.h"
#include "util/status.h"

namespace sluice::parquet {

class ColumnWriter {
 public:
  // `leaf`, `properties` and `compressor` must outlive the writer.
  ColumnWriter(const LeafDescriptor& leaf, const WriterProperties& properties,
               PageCompressor& compressor);
  ColumnWriter(const ColumnWriter&) = delete;
  ColumnWriter& operator=(const ColumnWriter&) = delete;

  const FlatColumn& column() const { return leaf_.column; }
  const LeafDescriptor& leaf() const { return leaf_; }

  // Sets the repetition level of the next entry only (the entries after it are at level 0 again
  // unless repeat() is called for them too): `level` continues the level-th repeated ancestor
  // (1 = the outermost). REQUIRES: 0 <= level <= max repetition level; not the first entry of a
  // chunk when level > 0.
  ColumnWriter& repeat(int16_t level) {
    pending_repetition_ = static_cast<uint8_t>(level);
    return *this;
  }

  // One entry of the current row. write_null: the leaf itself is null (definition level
  // max - 1; REQUIRES: an OPTIONAL leaf). write_absent: no value because an ancestor is null or
  // an empty list/map, `definition_level` telling how deep the path is defined (REQUIRES:
  // 0 <= definition_level < max). The value writers: REQUIRES the method that matches the
  // column's physical type (write_bytes for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY, with exactly
  // type_length bytes for the latter). Fail only when a page cannot be closed (codec failure, a
  // page over 2 GiB).
  Status write_null();
  Status write_absent(int16_t definition_level);
  Status write_bool(bool value);
  Status write_int32(int32_t value);
  Status write_int64(int64_t value);
  Status write_float(float value);
  Status write_double(double value);
  Status write_bytes(std::string_view value);

  // Entries (values, nulls and absences) in the current chunk.
  int64_t num_values() const { return chunk_values_ + page_values_; }
  // Rows (entries of repetition level 0) in the current chunk.
  int64_t num_rows() const { return chunk_rows_ + page_rows_; }
  // Bytes the chunk will take at least: the encoded pages plus the open page's raw bytes.
  size_t buffered_bytes() const {
    return chunk_.size() + dictionary_.plain().size() + values_.size() +
           (levels_.size() + repetition_levels_.size()) / 8;
  }

  // Closes the open page and makes the dictionary page, if any.
  Status close_chunk();
  // The column chunk as the file stores it: the dictionary page (empty when there is none), then
  // the data pages. REQUIRES: close_chunk() since the last write.
  std::string_view dictionary_page_bytes() const { return dictionary_page_; }
  std::string_view data_page_bytes() const { return chunk_; }
  // The chunk's metadata for the footer, its first page being at `file_offset` in the file.
  // REQUIRES: close_chunk() since the last write.
  ColumnChunk chunk_metadata(int64_t file_offset) const;
  // Starts the next row group's chunk and frees the finished chunk's memory.
  void reset_chunk();

 private:
  // Before an entry: with repetition levels, closes the page when it is full and the entry
  // starts a row.
  Status before_entry();
  // Records the entry's levels; without repetition levels, closes the page when it is full;
  // follows the memory charge.
  Status after_entry(uint8_t definition_level);
  bool page_full() const;
  // Appends the u32 length and the hybrid runs of `levels` (bit width for `max_level`) to body_.
  void append_levels(const std::string& levels, int max_level);
  Status close_page();
  // Dictionary mode: the value just buffered (its PLAIN bytes; BYTE_ARRAY without the prefix).
  void add_to_dictionary(std::string_view value);
  // Appends the bit width and the indices of the open page to body_; false (body_ unchanged)
  // when the chunk falls back to PLAIN at its first page.
  bool encode_indices();
  // Compresses `body` and appends `header` (sizes filled in) and the stored body to `out`.
  Status store_page(PageHeader header, std::string_view body, std::string& out);
  void update_charge();

  const LeafDescriptor& leaf_;
  const FlatColumn& column_;  // leaf_.column
  const WriterProperties& properties_;
  PageCompressor& compressor_;
  StatisticsCollector stats_;
  const bool dictionary_eligible_;  // dictionary on, and not BOOLEAN or FIXED_LEN_BYTE_ARRAY
  bool dictionary_mode_;            // the open page is dictionary-encoded
  DictionaryEncoder dictionary_;

  // The open page.
  std::string levels_;              // one byte per entry: definition level (max > 0 only)
  std::string repetition_levels_;   // one byte per entry: repetition level (max > 0 only)
  uint8_t pending_repetition_ = 0;  // repeat()'s level for the next entry
  int64_t page_rows_ = 0;
  std::string values_;             // PLAIN-encoded non-null values (kept in dictionary mode too)
  std::vector<uint32_t> indices_;  // dictionary mode: the values' dictionary indices
  int64_t page_values_ = 0;
  size_t bool_bits_ = 0;  // BOOLEAN: values bit-packed into values_ so far

  // The chunk.
  std::string dictionary_page_;  // header and stored body, made by close_chunk()
  std::string chunk_;            // data pages: headers and stored bodies
  int64_t chunk_values_ = 0;
  int64_t chunk_rows_ = 0;
  int64_t uncompressed_size_ = 0;  // headers + uncompressed bodies, dictionary page included
  int32_t dictionary_pages_ = 0;   // data pages dictionary-encoded
  int32_t plain_pages_ = 0;        // data pages PLAIN-encoded

  std::string body_;     // scratch: the page body before compression
  std::string scratch_;  // scratch: the compressed body
  util::MemoryCharge charge_;
  bool failed_ = false;  // a page failed to close: the chunk is unusable
};

}  // namespace sluice::parquet
