// JsonRecordWriter: JsonFormat files, one JSON document per record followed by "\n"
// (confluent-s3-sink.md §4.1, §4.6).
//
// A Struct view goes through JsonConverter semantics, anything else through Jackson
// ObjectMapper semantics (JsonValueEncoder). The headers view is the enveloped struct
// {"headers":[{"key":"k","value":"v"},...]} with each value as Values.convertToString renders it
// (map values in the order the header converter produced). Each record is encoded completely into
// a reused line buffer before anything is written, so a record that fails adds no bytes.
//
// At gzip level 0 (the only setting where the split into write calls shows in the bytes) the
// writer replays the Java connector's calls: JsonConverter bytes and the line break as two writes,
// a Jackson value together with the previous record's line break (Jackson holds it in its buffer),
// the last line break at close. Not replayed: Jackson also flushes its 8000-byte buffer in the
// middle of a longer value, and a file mixing Struct and non-Struct values (which schema-based
// rotation prevents) gets its line breaks displaced in Java but not here.
//
// Owns its compressor; borrows the sink. Not thread-safe.
#pragma once

#include <memory>
#include <string>

#include "format/compressor.h"
#include "format/json_value_encoder.h"
#include "format/record_writer.h"
#include "format/record_writer_provider.h"

namespace sluice::format {

class JsonRecordWriter final : public RecordWriter {
 public:
  static Result<std::unique_ptr<JsonRecordWriter>> create(ByteSink& sink,
                                                          const FormatOptions& options);

  struct ConstructionTag {};
  JsonRecordWriter(ConstructionTag, std::unique_ptr<Compressor> compressor,
                   JsonEncoderOptions options)
      : compressor_(std::move(compressor)), encoder_(options) {}

  Status write(const connect::SinkRecord& record, RecordView view) override;
  Status close() override;
  uint64_t bytes_written() const override { return compressor_->bytes_out(); }

 private:
  Status append_headers(const connect::SinkRecord& record);

  std::unique_ptr<Compressor> compressor_;
  JsonValueEncoder encoder_;
  // Per-record scratch, shared by every writer on the thread: a write never outlives its call, and
  // ten thousand open files should not each keep a record's worth of memory. Writers are created
  // and used by one task thread.
  static std::string& thread_scratch(int which) {
    thread_local std::string buffers[2];
    return buffers[which];
  }
  std::string& line_ = thread_scratch(0);
  std::string& scratch_ = thread_scratch(1);
  // Java's Jackson generator keeps the line break written after a non-Struct value in its buffer
  // until the next value is flushed; tracked only where write boundaries change the output.
  bool separator_pending_ = false;
  bool closed_ = false;
};

class JsonRecordWriterProvider final : public RecordWriterProvider {
 public:
  explicit JsonRecordWriterProvider(FormatOptions options)
      : options_(std::move(options)),
        extension_(".json" + std::string(compression_extension(options_.compression))) {}

  const std::string& extension() const override { return extension_; }
  Result<std::unique_ptr<RecordWriter>> create_writer(ByteSink& sink) const override;

 private:
  FormatOptions options_;
  std::string extension_;
};

}  // namespace sluice::format
