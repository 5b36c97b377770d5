// Streaming Parquet file writer (see file_writer.h).
#include "parquet/file_writer.h"

#include <cassert>
#include <cstring>

#include "parquet/metadata_serializer.h"

namespace sluice::parquet {
namespace {

constexpr std::string_view kMagic = "PAR1";

}  // namespace

struct FileWriter::Key {};

Result<std::unique_ptr<FileWriter>> FileWriter::open(const FlatSchema& schema,
                                                     WriterProperties properties, ByteSink& sink) {
  return open(NestedSchema::from_flat(schema), std::move(properties), sink);
}

Result<std::unique_ptr<FileWriter>> FileWriter::open(NestedSchema schema,
                                                     WriterProperties properties, ByteSink& sink) {
  Result<std::unique_ptr<PageCompressor>> compressor =
      make_page_compressor(properties.codec, properties.codec_level);
  if (!compressor.ok()) return compressor.status();
  auto writer = std::make_unique<FileWriter>(Key{}, std::move(schema), std::move(properties), sink,
                                             std::move(compressor).value());
  writer->append(kMagic);
  return writer;
}

FileWriter::FileWriter(const Key&, NestedSchema schema, WriterProperties properties, ByteSink& sink,
                       std::unique_ptr<PageCompressor> compressor)
    : schema_(std::move(schema)),
      properties_(std::move(properties)),
      sink_(sink),
      compressor_(std::move(compressor)) {
  columns_.reserve(schema_.leaves().size());
  for (const LeafDescriptor& leaf : schema_.leaves()) {
    columns_.push_back(std::make_unique<ColumnWriter>(leaf, properties_, *compressor_));
  }
}

void FileWriter::append(std::string_view bytes) {
  sink_.append(bytes);
  offset_ += static_cast<int64_t>(bytes.size());
}

size_t FileWriter::buffered_bytes() const {
  size_t total = 0;
  for (const auto& column : columns_) total += column->buffered_bytes();
  return total;
}

Status FileWriter::end_row() {
  assert(!closed_);
  ++group_rows_;
  size_t buffered = 0;
  for (const auto& column : columns_) {
    if (column->num_rows() != group_rows_) {  // entries of repetition level 0 start rows
      return Status::fatal("parquet: column '" + column->leaf().dotted_path() + "' has " +
                           std::to_string(column->num_rows()) + " values for " +
                           std::to_string(group_rows_) + " rows");
    }
    buffered += column->buffered_bytes();
  }
  if (buffered >= properties_.row_group_size) return flush_row_group();
  return Status();
}

Status FileWriter::flush_row_group() {
  assert(!closed_);
  if (group_rows_ == 0) return Status();
  RowGroup group{.num_rows = group_rows_, .file_offset = offset_, .total_compressed_size = 0};
  if (row_groups_.size() <= static_cast<size_t>(INT16_MAX)) {
    group.ordinal = static_cast<int16_t>(row_groups_.size());
  }
  group.columns.reserve(columns_.size());
  for (const auto& column : columns_) {
    if (Status status = column->close_chunk(); !status.ok()) return status;
    ColumnChunk chunk = column->chunk_metadata(offset_);
    group.total_byte_size += chunk.meta_data.total_uncompressed_size;
    *group.total_compressed_size += chunk.meta_data.total_compressed_size;
    append(column->dictionary_page_bytes());
    append(column->data_page_bytes());
    column->reset_chunk();
    group.columns.push_back(std::move(chunk));
  }
  compressor_->release_state();  // rebuilt by the next page
  row_groups_.push_back(std::move(group));
  flushed_rows_ += group_rows_;
  group_rows_ = 0;
  return Status();
}

Status FileWriter::close() {
  assert(!closed_);
  if (Status status = flush_row_group(); !status.ok()) return status;
  closed_ = true;
  FileMetaData meta{.version = 1,
                    .schema = schema_.to_schema_elements(),
                    .num_rows = flushed_rows_,
                    .row_groups = std::move(row_groups_),
                    .key_value_metadata = properties_.key_value_metadata,
                    .created_by = properties_.created_by.empty()
                                      ? std::nullopt
                                      : std::optional<std::string>(properties_.created_by)};
  std::string footer;
  serialize_file_metadata(meta, footer);
  uint32_t length = static_cast<uint32_t>(footer.size());
  char length_bytes[4];
  std::memcpy(length_bytes, &length, 4);  // little-endian (asserted in column_writer.cc)
  footer.append(length_bytes, 4);
  footer.append(kMagic);
  append(footer);
  compressor_->release_state();
  return Status();
}

}  // namespace sluice::parquet
