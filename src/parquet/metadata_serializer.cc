// Thrift compact serialization of Parquet's metadata (field ids from parquet.thrift).
#include "parquet/metadata_serializer.h"

#include "parquet/thrift_compact.h"

namespace sluice::parquet {
namespace {

using thrift::CompactType;
using thrift::CompactWriter;

int32_t as_i32(auto value) {
  return static_cast<int32_t>(value);
}

void write_key_values(CompactWriter& w, int16_t id, const std::vector<KeyValue>& kvs) {
  if (kvs.empty()) return;
  w.field_list(id, CompactType::kStruct, kvs.size());
  for (const KeyValue& kv : kvs) {
    w.begin_struct();
    w.field_binary(1, kv.key);
    if (kv.value) w.field_binary(2, *kv.value);
    w.end_struct();
  }
}

void write_time_unit(CompactWriter& w, int16_t id, TimeUnit unit) {
  w.field_struct(id);                          // TimeUnit union
  w.field_struct(static_cast<int16_t>(unit));  // MILLIS / MICROS / NANOS: empty structs
  w.end_struct();
  w.end_struct();
}

void write_logical_type(CompactWriter& w, const LogicalType& lt) {
  using Kind = LogicalType::Kind;
  w.field_struct(10);  // the union
  w.field_struct(static_cast<int16_t>(lt.kind));
  switch (lt.kind) {
    case Kind::kDecimal:
      w.field_i32(1, lt.scale);
      w.field_i32(2, lt.precision);
      break;
    case Kind::kTime:
    case Kind::kTimestamp:
      w.field_bool(1, lt.adjusted_to_utc);
      write_time_unit(w, 2, lt.unit);
      break;
    case Kind::kInteger:
      w.field_i8(1, lt.bit_width);
      w.field_bool(2, lt.is_signed);
      break;
    default:  // the other members are empty structs
      break;
  }
  w.end_struct();
  w.end_struct();
}

void write_schema_element(CompactWriter& w, const SchemaElement& e) {
  w.begin_struct();
  if (e.type) w.field_i32(1, as_i32(*e.type));
  if (e.type_length) w.field_i32(2, *e.type_length);
  if (e.repetition_type) w.field_i32(3, as_i32(*e.repetition_type));
  w.field_binary(4, e.name);
  if (e.num_children) w.field_i32(5, *e.num_children);
  if (e.converted_type) w.field_i32(6, as_i32(*e.converted_type));
  if (e.scale) w.field_i32(7, *e.scale);
  if (e.precision) w.field_i32(8, *e.precision);
  if (e.field_id) w.field_i32(9, *e.field_id);
  if (e.logical_type.kind != LogicalType::Kind::kNone) write_logical_type(w, e.logical_type);
  w.end_struct();
}

void write_statistics(CompactWriter& w, int16_t id, const Statistics& s) {
  w.field_struct(id);
  if (s.max) w.field_binary(1, *s.max);
  if (s.min) w.field_binary(2, *s.min);
  if (s.null_count) w.field_i64(3, *s.null_count);
  if (s.distinct_count) w.field_i64(4, *s.distinct_count);
  if (s.max_value) w.field_binary(5, *s.max_value);
  if (s.min_value) w.field_binary(6, *s.min_value);
  if (s.is_max_value_exact) w.field_bool(7, *s.is_max_value_exact);
  if (s.is_min_value_exact) w.field_bool(8, *s.is_min_value_exact);
  if (s.nan_count) w.field_i64(9, *s.nan_count);
  w.end_struct();
}

void write_column_meta_data(CompactWriter& w, const ColumnMetaData& m) {
  w.field_struct(3);
  w.field_i32(1, as_i32(m.type));
  w.field_list(2, CompactType::kI32, m.encodings.size());
  for (Encoding e : m.encodings) w.element_i32(as_i32(e));
  w.field_list(3, CompactType::kBinary, m.path_in_schema.size());
  for (const std::string& name : m.path_in_schema) w.element_binary(name);
  w.field_i32(4, as_i32(m.codec));
  w.field_i64(5, m.num_values);
  w.field_i64(6, m.total_uncompressed_size);
  w.field_i64(7, m.total_compressed_size);
  write_key_values(w, 8, m.key_value_metadata);
  w.field_i64(9, m.data_page_offset);
  if (m.dictionary_page_offset) w.field_i64(11, *m.dictionary_page_offset);
  if (m.statistics) write_statistics(w, 12, *m.statistics);
  if (!m.encoding_stats.empty()) {
    w.field_list(13, CompactType::kStruct, m.encoding_stats.size());
    for (const PageEncodingStats& s : m.encoding_stats) {
      w.begin_struct();
      w.field_i32(1, as_i32(s.page_type));
      w.field_i32(2, as_i32(s.encoding));
      w.field_i32(3, s.count);
      w.end_struct();
    }
  }
  w.end_struct();
}

void write_row_group(CompactWriter& w, const RowGroup& rg) {
  w.begin_struct();
  w.field_list(1, CompactType::kStruct, rg.columns.size());
  for (const ColumnChunk& chunk : rg.columns) {
    w.begin_struct();
    w.field_i64(2, chunk.file_offset);
    write_column_meta_data(w, chunk.meta_data);
    w.end_struct();
  }
  w.field_i64(2, rg.total_byte_size);
  w.field_i64(3, rg.num_rows);
  if (rg.file_offset) w.field_i64(5, *rg.file_offset);
  if (rg.total_compressed_size) w.field_i64(6, *rg.total_compressed_size);
  if (rg.ordinal) w.field_i16(7, *rg.ordinal);
  w.end_struct();
}

size_t leaf_count(const std::vector<SchemaElement>& schema) {
  size_t leaves = 0;
  for (const SchemaElement& e : schema) leaves += e.num_children ? 0 : 1;
  return leaves;
}

}  // namespace

void serialize_file_metadata(const FileMetaData& meta, std::string& out) {
  CompactWriter w(out);
  w.begin_struct();
  w.field_i32(1, meta.version);
  w.field_list(2, CompactType::kStruct, meta.schema.size());
  for (const SchemaElement& e : meta.schema) write_schema_element(w, e);
  w.field_i64(3, meta.num_rows);
  w.field_list(4, CompactType::kStruct, meta.row_groups.size());
  for (const RowGroup& rg : meta.row_groups) write_row_group(w, rg);
  write_key_values(w, 5, meta.key_value_metadata);
  if (meta.created_by) w.field_binary(6, *meta.created_by);
  if (meta.type_defined_column_orders) {
    size_t leaves = leaf_count(meta.schema);
    w.field_list(7, CompactType::kStruct, leaves);
    for (size_t i = 0; i < leaves; ++i) {
      w.begin_struct();   // ColumnOrder union
      w.field_struct(1);  // TYPE_ORDER: an empty TypeDefinedOrder
      w.end_struct();
      w.end_struct();
    }
  }
  w.end_struct();
}

void serialize_page_header(const PageHeader& header, std::string& out) {
  CompactWriter w(out);
  w.begin_struct();
  w.field_i32(1, as_i32(header.type));
  w.field_i32(2, header.uncompressed_page_size);
  w.field_i32(3, header.compressed_page_size);
  if (header.crc) w.field_i32(4, *header.crc);
  if (header.data_page_header) {
    const DataPageHeader& d = *header.data_page_header;
    w.field_struct(5);
    w.field_i32(1, d.num_values);
    w.field_i32(2, as_i32(d.encoding));
    w.field_i32(3, as_i32(d.definition_level_encoding));
    w.field_i32(4, as_i32(d.repetition_level_encoding));
    if (d.statistics) write_statistics(w, 5, *d.statistics);
    w.end_struct();
  }
  if (header.dictionary_page_header) {
    const DictionaryPageHeader& d = *header.dictionary_page_header;
    w.field_struct(7);
    w.field_i32(1, d.num_values);
    w.field_i32(2, as_i32(d.encoding));
    if (d.is_sorted) w.field_bool(3, *d.is_sorted);
    w.end_struct();
  }
  w.end_struct();
}

}  // namespace sluice::parquet
