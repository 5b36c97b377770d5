// FileWriter: streams a Parquet file of a flat or nested schema to a ByteSink (parquet-format
// README.md, "File Format"): "PAR1" at open, then each row group's column chunks when the row group
// is flushed, then at close the footer (FileMetaData), its u32 little-endian length and "PAR1".
//
// Rows are written column by column: one entry (write_*) on every leaf column(i), more for leaves
// with repetition levels (see ColumnWriter::repeat), then end_row(). A row group
// is flushed after the row that takes the buffered bytes to WriterProperties::row_group_size, on
// flush_row_group(), and at close(). Only the open row group is held in memory (the encoded
// pages of every column, charged to WriterProperties::memory); the footer's metadata grows by one
// RowGroup per flush.
//
// Usage: open(), rows, close(). After a failed call the file is unusable (discard it). Owned by
// one thread; not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "parquet/byte_sink.h"
#include "parquet/column_writer.h"
#include "parquet/flat_schema.h"
#include "parquet/metadata.h"
#include "parquet/nested_schema.h"
#include "parquet/page_compressor.h"
#include "parquet/writer_properties.h"
#include "util/status.h"

namespace sluice::parquet {

class FileWriter {
 public:
  // Writes the leading magic. Fails with kInvalidArgument for a codec or level not offered.
  // `sink` must outlive the writer.
  static Result<std::unique_ptr<FileWriter>> open(const FlatSchema& schema,
                                                  WriterProperties properties, ByteSink& sink);
  // The same for a schema tree: one column per leaf, in NestedSchema::leaves() order.
  static Result<std::unique_ptr<FileWriter>> open(NestedSchema schema, WriterProperties properties,
                                                  ByteSink& sink);
  struct Key;  // only open() constructs
  FileWriter(const Key&, NestedSchema schema, WriterProperties properties, ByteSink& sink,
             std::unique_ptr<PageCompressor> compressor);
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;

  size_t num_columns() const { return columns_.size(); }
  // REQUIRES: i < num_columns().
  ColumnWriter& column(size_t i) { return *columns_[i]; }

  // Ends the current row. Fails with kFatal when a column did not start exactly one row (one
  // entry of repetition level 0) since the last end_row() (a caller bug; the file is unusable),
  // or when flushing the row group fails.
  Status end_row();
  // Writes the buffered rows as a row group (nothing when there are none).
  Status flush_row_group();
  // Flushes the last row group and writes the footer. REQUIRES: not closed yet.
  Status close();

  // Rows ended so far, flushed or not.
  int64_t num_rows() const { return flushed_rows_ + group_rows_; }
  // Bytes handed to the sink so far.
  int64_t bytes_written() const { return offset_; }
  // Bytes buffered for the open row group (encoded pages and open pages of every column).
  size_t buffered_bytes() const;

 private:
  void append(std::string_view bytes);

  NestedSchema schema_;
  WriterProperties properties_;
  ByteSink& sink_;
  std::unique_ptr<PageCompressor> compressor_;
  std::vector<std::unique_ptr<ColumnWriter>> columns_;
  std::vector<RowGroup> row_groups_;
  int64_t offset_ = 0;
  int64_t flushed_rows_ = 0;
  int64_t group_rows_ = 0;
  bool closed_ = false;
};

}  // namespace sluice::parquet
