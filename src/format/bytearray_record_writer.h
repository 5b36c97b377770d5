// ByteArrayRecordWriter: ByteArrayFormat files, each record's bytes verbatim followed by
// format.bytearray.separator (confluent-s3-sink.md §4.2).
//
// The view must be BYTES (or schemaless) and hold bytes, as Kafka's ByteArrayConverter requires;
// anything else is a data error with the converter's message. There is no escaping: a record that
// contains the separator reads back as two. Owns its compressor; borrows the sink.
#pragma once

#include <memory>
#include <string>

#include "format/compressor.h"
#include "format/record_writer.h"
#include "format/record_writer_provider.h"

namespace sluice::format {

class ByteArrayRecordWriter final : public RecordWriter {
 public:
  static Result<std::unique_ptr<ByteArrayRecordWriter>> create(ByteSink& sink,
                                                               const FormatOptions& options);

  struct ConstructionTag {};
  ByteArrayRecordWriter(ConstructionTag, std::unique_ptr<Compressor> compressor,
                        std::string separator)
      : compressor_(std::move(compressor)), separator_(std::move(separator)) {}

  Status write(const connect::SinkRecord& record, RecordView view) override;
  Status close() override;
  uint64_t bytes_written() const override { return compressor_->bytes_out(); }

  // Records up to this size are joined with the separator into one compressor write.
  static constexpr size_t kMaxJoinedRecord = 64 * 1024;

 private:
  std::unique_ptr<Compressor> compressor_;
  std::string separator_;
  std::string buffer_;
  bool closed_ = false;
};

class ByteArrayRecordWriterProvider final : public RecordWriterProvider {
 public:
  explicit ByteArrayRecordWriterProvider(FormatOptions options)
      : options_(std::move(options)),
        extension_(options_.bytearray_extension +
                   std::string(compression_extension(options_.compression))) {}

  const std::string& extension() const override { return extension_; }
  Result<std::unique_ptr<RecordWriter>> create_writer(ByteSink& sink) const override;

 private:
  FormatOptions options_;
  std::string extension_;
};

}  // namespace sluice::format
