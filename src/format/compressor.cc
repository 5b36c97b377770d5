#include "format/compressor.h"

#include <string>

#include "format/gzip_compressor.h"

namespace sluice::format {
namespace {

// `none`: the writer's bytes go to the sink unchanged.
class PassThroughCompressor final : public Compressor {
 public:
  explicit PassThroughCompressor(ByteSink& sink) : sink_(sink) {}

  Status write(std::string_view bytes) override {
    if (bytes.empty()) return Status::ok_status();
    sink_.append(bytes);
    bytes_ += bytes.size();
    return Status::ok_status();
  }
  Status finish() override { return Status::ok_status(); }
  uint64_t bytes_in() const override { return bytes_; }
  uint64_t bytes_out() const override { return bytes_; }

 private:
  ByteSink& sink_;
  uint64_t bytes_ = 0;
};

}  // namespace

std::string_view compression_extension(CompressionType type) {
  return type == CompressionType::kGzip ? ".gz" : "";
}

Result<std::unique_ptr<Compressor>> make_compressor(CompressionType type, int level,
                                                    ByteSink& sink) {
  if (type == CompressionType::kNone) {
    return std::unique_ptr<Compressor>(std::make_unique<PassThroughCompressor>(sink));
  }
  SLUICE_ASSIGN_OR_RETURN(auto gzip, GzipCompressor::create(level, sink));
  return std::unique_ptr<Compressor>(std::move(gzip));
}

}  // namespace sluice::format
