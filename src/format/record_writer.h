// RecordWriter: the format interface. One writer builds one file (a value, keys or headers file of
// one topic-partition and encoded partition) from records in offset order.
//
// The sink core creates a writer through a RecordWriterProvider when it opens a file, hands it the
// ByteSink of that file, calls write() per record and close() at commit; it owns the writer and the
// sink. Writers own their Compressor. Errors: kDataError for a record that cannot be written (the
// record goes to errors.tolerance handling; a writer guarantees that a record that fails with
// kDataError added nothing to the file), kFatal for what fails the task in Java too.
//
// Designed for the formats to come as well: an Avro or Parquet writer takes the file schema from
// the first record it sees, emits its header then (or at close), buffers container blocks or a row
// group and writes them out as they fill, and writes the footer in close().
#pragma once

#include <cstdint>
#include <string_view>

#include "connect/sink_record.h"
#include "util/status.h"

namespace sluice::format {

// Which part of a record a file stores (RecordView in the Java connector).
enum class RecordView : uint8_t {
  kValue,    // record.value with record.value_schema
  kKey,      // record.key with record.key_schema
  kHeaders,  // the headers as [{key, value}] with each value converted to a string
};

// The infix the view adds before the format extension: "", ".keys" or ".headers".
constexpr std::string_view record_view_extension(RecordView view) {
  switch (view) {
    case RecordView::kValue:
      return "";
    case RecordView::kKey:
      return ".keys";
    case RecordView::kHeaders:
      return ".headers";
  }
  return "";
}

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;

  // Encodes the `view` of `record` and appends it to the file. The record's memory need only stay
  // valid during the call unless the format buffers rows (Parquet copies what it keeps).
  virtual Status write(const connect::SinkRecord& record, RecordView view) = 0;
  // Flushes everything (buffered rows, footer, compression trailer) into the sink. No write()
  // afterwards. Destroying a writer without close() abandons the file (the sink core aborts the
  // upload); nothing more is written.
  virtual Status close() = 0;
  // Bytes handed to the sink so far, after compression.
  virtual uint64_t bytes_written() const = 0;
  // Bytes the writer holds in memory outside its sink (an Avro block being built, a Parquet row
  // group's pages), so the sink core can see which files hold the most.
  virtual size_t held_bytes() const { return 0; }
};

}  // namespace sluice::format
