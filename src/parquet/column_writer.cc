// Column chunks of data pages v1 with repetition and definition levels (see column_writer.h).
#include "parquet/column_writer.h"

#include <zlib.h>

#include <bit>
#include <cassert>
#include <cstring>
#include <limits>
#include <span>

#include "parquet/metadata_serializer.h"
#include "parquet/rle_hybrid.h"

namespace sluice::parquet {
namespace {

static_assert(std::endian::native == std::endian::little, "PLAIN values are little-endian");

template <typename T>
void append_plain(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

constexpr size_t kMaxPageBytes = std::numeric_limits<int32_t>::max();

}  // namespace

ColumnWriter::ColumnWriter(const LeafDescriptor& leaf, const WriterProperties& properties,
                           PageCompressor& compressor)
    : leaf_(leaf),
      column_(leaf.column),
      properties_(properties),
      compressor_(compressor),
      stats_(column_),
      dictionary_eligible_(properties.dictionary && column_.type != PhysicalType::kBoolean &&
                           column_.type != PhysicalType::kFixedLenByteArray),
      dictionary_mode_(dictionary_eligible_),
      dictionary_(dictionary_eligible_ ? column_.type : PhysicalType::kByteArray),
      charge_(properties.memory, 0) {}

void ColumnWriter::add_to_dictionary(std::string_view value) {
  if (!dictionary_mode_) return;
  indices_.push_back(dictionary_.index_of(value));
  if (dictionary_.plain().size() > properties_.dictionary_page_size) {
    // Over budget: this page and the rest of the chunk are PLAIN (the open page still has its
    // PLAIN values). Earlier pages keep the dictionary; without any, it is dropped.
    dictionary_mode_ = false;
    indices_.clear();
    if (dictionary_pages_ == 0) dictionary_.clear();
  }
}

Status ColumnWriter::write_null() {
  assert(column_.optional);
  return write_absent(static_cast<int16_t>(leaf_.max_definition_level - 1));
}

Status ColumnWriter::write_absent(int16_t definition_level) {
  assert(definition_level >= 0 && definition_level < leaf_.max_definition_level);
  if (Status status = before_entry(); !status.ok()) return status;
  stats_.add_null();
  return after_entry(static_cast<uint8_t>(definition_level));
}

Status ColumnWriter::write_bool(bool value) {
  if (Status status = before_entry(); !status.ok()) return status;
  assert(column_.type == PhysicalType::kBoolean);
  if (bool_bits_ % 8 == 0) values_.push_back('\0');
  if (value) values_.back() = static_cast<char>(values_.back() | (1 << (bool_bits_ % 8)));
  ++bool_bits_;
  stats_.add_bool(value);
  return after_entry(static_cast<uint8_t>(leaf_.max_definition_level));
}

Status ColumnWriter::write_int32(int32_t value) {
  if (Status status = before_entry(); !status.ok()) return status;
  assert(column_.type == PhysicalType::kInt32);
  append_plain(values_, value);
  stats_.add_int32(value);
  add_to_dictionary(std::string_view(values_).substr(values_.size() - sizeof(value)));
  return after_entry(static_cast<uint8_t>(leaf_.max_definition_level));
}

Status ColumnWriter::write_int64(int64_t value) {
  if (Status status = before_entry(); !status.ok()) return status;
  assert(column_.type == PhysicalType::kInt64);
  append_plain(values_, value);
  stats_.add_int64(value);
  add_to_dictionary(std::string_view(values_).substr(values_.size() - sizeof(value)));
  return after_entry(static_cast<uint8_t>(leaf_.max_definition_level));
}

Status ColumnWriter::write_float(float value) {
  if (Status status = before_entry(); !status.ok()) return status;
  assert(column_.type == PhysicalType::kFloat);
  append_plain(values_, value);
  stats_.add_float(value);
  add_to_dictionary(std::string_view(values_).substr(values_.size() - sizeof(value)));
  return after_entry(static_cast<uint8_t>(leaf_.max_definition_level));
}

Status ColumnWriter::write_double(double value) {
  if (Status status = before_entry(); !status.ok()) return status;
  assert(column_.type == PhysicalType::kDouble);
  append_plain(values_, value);
  stats_.add_double(value);
  add_to_dictionary(std::string_view(values_).substr(values_.size() - sizeof(value)));
  return after_entry(static_cast<uint8_t>(leaf_.max_definition_level));
}

Status ColumnWriter::write_bytes(std::string_view value) {
  if (Status status = before_entry(); !status.ok()) return status;
  if (column_.type == PhysicalType::kByteArray) {
    append_plain(values_, static_cast<uint32_t>(value.size()));
  } else {
    assert(column_.type == PhysicalType::kFixedLenByteArray &&
           value.size() == static_cast<size_t>(column_.type_length));
  }
  values_.append(value);
  stats_.add_binary(value);
  add_to_dictionary(value);
  return after_entry(static_cast<uint8_t>(leaf_.max_definition_level));
}

bool ColumnWriter::page_full() const {
  return values_.size() + (levels_.size() + repetition_levels_.size()) / 8 >=
             properties_.page_size ||
         static_cast<size_t>(page_rows_) >= properties_.page_row_limit;
}

Status ColumnWriter::before_entry() {
  assert(pending_repetition_ <= leaf_.max_repetition_level);
  assert(pending_repetition_ == 0 || num_values() > 0);
  // A page closes only where a row starts, so a row never straddles two pages.
  if (leaf_.max_repetition_level == 0 || pending_repetition_ != 0 || page_values_ == 0 ||
      !page_full()) {
    return Status();
  }
  return close_page();
}

Status ColumnWriter::after_entry(uint8_t definition_level) {
  if (leaf_.max_definition_level > 0) levels_.push_back(static_cast<char>(definition_level));
  if (leaf_.max_repetition_level > 0) {
    repetition_levels_.push_back(static_cast<char>(pending_repetition_));
  }
  if (pending_repetition_ == 0) ++page_rows_;
  pending_repetition_ = 0;
  ++page_values_;
  Status status;
  if (leaf_.max_repetition_level == 0 && page_full()) status = close_page();
  update_charge();
  return status;
}

void ColumnWriter::append_levels(const std::string& levels, int max_level) {
  size_t start = body_.size();
  body_.append(4, '\0');  // the u32 length of the level runs, filled in below
  encode_rle_hybrid(std::span(reinterpret_cast<const uint8_t*>(levels.data()), levels.size()),
                    bit_width_of(static_cast<uint32_t>(max_level)), body_);
  uint32_t length = static_cast<uint32_t>(body_.size() - start - 4);
  std::memcpy(body_.data() + start, &length, 4);
}

Status ColumnWriter::close_page() {
  if (failed_) {
    return Status::fatal("parquet column '" + leaf_.dotted_path() + "': an earlier page failed");
  }
  if (page_values_ == 0) return Status();
  body_.clear();
  if (leaf_.max_repetition_level > 0) {
    append_levels(repetition_levels_, leaf_.max_repetition_level);
  }
  if (leaf_.max_definition_level > 0) append_levels(levels_, leaf_.max_definition_level);
  bool dictionary = dictionary_mode_ && encode_indices();
  if (!dictionary) body_.append(values_);
  PageHeader header{.type = PageType::kDataPage,
                    .data_page_header = DataPageHeader{
                        .num_values = static_cast<int32_t>(page_values_),
                        .encoding = dictionary ? Encoding::kPlainDictionary : Encoding::kPlain,
                        .definition_level_encoding = Encoding::kRle,
                        .repetition_level_encoding = Encoding::kRle,
                    }};
  if (Status status = store_page(header, body_, chunk_); !status.ok()) return status;
  chunk_values_ += page_values_;
  chunk_rows_ += page_rows_;
  ++(dictionary ? dictionary_pages_ : plain_pages_);
  levels_.clear();
  repetition_levels_.clear();
  values_.clear();
  indices_.clear();
  page_values_ = 0;
  page_rows_ = 0;
  bool_bits_ = 0;
  return Status();
}

bool ColumnWriter::encode_indices() {
  size_t levels_size = body_.size();
  // parquet-java's width: enough for the largest index (0 bits for a one-entry dictionary).
  int width =
      dictionary_.size() <= 1 ? 0 : bit_width_of(static_cast<uint32_t>(dictionary_.size() - 1));
  body_.push_back(static_cast<char>(width));
  encode_rle_hybrid(indices_, width, body_);
  if (dictionary_pages_ == 0 && plain_pages_ == 0 &&
      dictionary_.plain().size() + (body_.size() - levels_size) >= values_.size()) {
    // The first page shows that the dictionary does not pay: PLAIN for the whole chunk (as
    // parquet-java decides), and no dictionary page.
    body_.resize(levels_size);
    dictionary_mode_ = false;
    dictionary_.clear();
    return false;
  }
  return true;
}

Status ColumnWriter::store_page(PageHeader header, std::string_view body, std::string& out) {
  std::string where = "parquet column '" + leaf_.dotted_path() + "'";
  if (body.size() > kMaxPageBytes) {
    failed_ = true;
    return Status::data_error(where + ": a page over 2 GiB");
  }
  Result<std::string_view> stored = compressor_.compress(body, scratch_);
  if (!stored.ok()) {
    failed_ = true;
    return stored.status().with_context(where);
  }
  if (stored->size() > kMaxPageBytes) {
    failed_ = true;
    return Status::data_error(where + ": a page over 2 GiB");
  }
  header.uncompressed_page_size = static_cast<int32_t>(body.size());
  header.compressed_page_size = static_cast<int32_t>(stored->size());
  if (properties_.write_page_crc) {
    // zlib's CRC-32 (the gzip polynomial), stored as Thrift's signed i32.
    header.crc = static_cast<int32_t>(static_cast<uint32_t>(
        crc32_z(0, reinterpret_cast<const Bytef*>(stored->data()), stored->size())));
  }
  size_t header_start = out.size();
  serialize_page_header(header, out);
  uncompressed_size_ += static_cast<int64_t>(out.size() - header_start + body.size());
  out.append(*stored);
  return Status();
}

Status ColumnWriter::close_chunk() {
  Status status = close_page();
  if (status.ok() && dictionary_pages_ > 0) {
    PageHeader header{.type = PageType::kDictionaryPage,
                      .dictionary_page_header = DictionaryPageHeader{
                          .num_values = static_cast<int32_t>(dictionary_.size()),
                          .encoding = Encoding::kPlainDictionary}};
    status = store_page(header, dictionary_.plain(), dictionary_page_);
  }
  update_charge();
  return status;
}

ColumnChunk ColumnWriter::chunk_metadata(int64_t file_offset) const {
  ColumnMetaData meta{
      .type = column_.type,
      .path_in_schema = leaf_.path,
      .codec = compressor_.codec(),
      .num_values = chunk_values_,
      .total_uncompressed_size = uncompressed_size_,
      .total_compressed_size = static_cast<int64_t>(dictionary_page_.size() + chunk_.size()),
      .data_page_offset = file_offset + static_cast<int64_t>(dictionary_page_.size()),
      .statistics = stats_.to_thrift(properties_.write_exactness_flags)};
  // Every encoding of the chunk: parquet-java's dictionary filtering trusts this list.
  if (dictionary_pages_ > 0) {
    meta.dictionary_page_offset = file_offset;
    meta.encodings.push_back(Encoding::kPlainDictionary);
  }
  if (plain_pages_ > 0) meta.encodings.push_back(Encoding::kPlain);
  if (leaf_.max_definition_level > 0 || leaf_.max_repetition_level > 0) {
    meta.encodings.push_back(Encoding::kRle);
  }
  if (properties_.write_encoding_stats) {
    if (dictionary_pages_ > 0) {
      meta.encoding_stats.push_back({PageType::kDictionaryPage, Encoding::kPlainDictionary, 1});
      meta.encoding_stats.push_back(
          {PageType::kDataPage, Encoding::kPlainDictionary, dictionary_pages_});
    }
    if (plain_pages_ > 0) {
      meta.encoding_stats.push_back({PageType::kDataPage, Encoding::kPlain, plain_pages_});
    }
  }
  return ColumnChunk{.file_offset = 0, .meta_data = std::move(meta)};
}

void ColumnWriter::reset_chunk() {
  // Give the memory back: a row group's chunk can be large, and a writer between row groups
  // (e.g. one of many open files) should hold next to nothing.
  std::string().swap(chunk_);
  std::string().swap(dictionary_page_);
  std::string().swap(body_);
  std::string().swap(scratch_);
  std::string().swap(values_);
  std::string().swap(levels_);
  std::string().swap(repetition_levels_);
  std::vector<uint32_t>().swap(indices_);
  dictionary_.clear();  // every row group starts with a fresh dictionary
  dictionary_mode_ = dictionary_eligible_;
  chunk_values_ = 0;
  chunk_rows_ = 0;
  page_rows_ = 0;
  pending_repetition_ = 0;
  uncompressed_size_ = 0;
  dictionary_pages_ = 0;
  plain_pages_ = 0;
  failed_ = false;
  page_values_ = 0;
  bool_bits_ = 0;
  stats_.reset();
  update_charge();
}

void ColumnWriter::update_charge() {
  // repetition_levels_ stays empty (no heap) in columns without repetition levels.
  size_t repetition = leaf_.max_repetition_level > 0 ? repetition_levels_.capacity() : 0;
  charge_.resize(levels_.capacity() + repetition + values_.capacity() + chunk_.capacity() +
                 body_.capacity() + scratch_.capacity() + stats_.held_bytes() +
                 dictionary_.held_bytes() + indices_.capacity() * sizeof(uint32_t) +
                 dictionary_page_.capacity());
}

}  // namespace sluice::parquet
