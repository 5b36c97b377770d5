// The page codecs of page_compressor.h.
#include "parquet/page_compressor.h"

#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <climits>

namespace sluice::parquet {
namespace {

class Uncompressed final : public PageCompressor {
 public:
  CompressionCodec codec() const override { return CompressionCodec::kUncompressed; }
  Result<std::string_view> compress(std::string_view body, std::string&) override { return body; }
};

class SnappyCompressor final : public PageCompressor {
 public:
  CompressionCodec codec() const override { return CompressionCodec::kSnappy; }
  Result<std::string_view> compress(std::string_view body, std::string& scratch) override {
    scratch.resize(snappy::MaxCompressedLength(body.size()));
    size_t length = 0;
    snappy::RawCompress(body.data(), body.size(), scratch.data(), &length);
    scratch.resize(length);
    return std::string_view(scratch);
  }
};

// One gzip member: zlib's deflate with windowBits 15 + 16 (gzip header, mtime 0, OS 3 = Unix
// as zlib writes it; CRC-32 and length trailer).
class GzipCompressor final : public PageCompressor {
 public:
  explicit GzipCompressor(int level) : level_(level) {}
  ~GzipCompressor() override { release_state(); }
  GzipCompressor(const GzipCompressor&) = delete;
  GzipCompressor& operator=(const GzipCompressor&) = delete;

  CompressionCodec codec() const override { return CompressionCodec::kGzip; }

  Result<std::string_view> compress(std::string_view body, std::string& scratch) override {
    if (body.size() > UINT_MAX) return Status::fatal("parquet gzip: page over 4 GiB");
    if (!initialized_) {
      int rc = deflateInit2(&stream_, level_, Z_DEFLATED, MAX_WBITS + 16, 8, Z_DEFAULT_STRATEGY);
      if (rc != Z_OK)
        return Status::fatal("parquet gzip: deflateInit2 failed " + std::to_string(rc));
      initialized_ = true;
    } else {
      deflateReset(&stream_);
    }
    scratch.resize(deflateBound(&stream_, static_cast<uLong>(body.size())));
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    stream_.avail_in = static_cast<uInt>(body.size());
    stream_.next_out = reinterpret_cast<Bytef*>(scratch.data());
    stream_.avail_out = static_cast<uInt>(scratch.size());
    // deflateBound leaves room for the whole member (header and trailer included).
    int rc = deflate(&stream_, Z_FINISH);
    if (rc != Z_STREAM_END)
      return Status::fatal("parquet gzip: deflate failed " + std::to_string(rc));
    scratch.resize(scratch.size() - stream_.avail_out);
    return std::string_view(scratch);
  }

  void release_state() override {
    if (initialized_) deflateEnd(&stream_);
    initialized_ = false;
  }

 private:
  int level_;
  bool initialized_ = false;
  z_stream stream_{};
};

class ZstdCompressor final : public PageCompressor {
 public:
  explicit ZstdCompressor(int level) : level_(level) {}
  ~ZstdCompressor() override { release_state(); }
  ZstdCompressor(const ZstdCompressor&) = delete;
  ZstdCompressor& operator=(const ZstdCompressor&) = delete;

  CompressionCodec codec() const override { return CompressionCodec::kZstd; }

  Result<std::string_view> compress(std::string_view body, std::string& scratch) override {
    if (cctx_ == nullptr && (cctx_ = ZSTD_createCCtx()) == nullptr) {
      return Status::fatal("parquet zstd: out of memory");
    }
    scratch.resize(ZSTD_compressBound(body.size()));
    size_t n =
        ZSTD_compressCCtx(cctx_, scratch.data(), scratch.size(), body.data(), body.size(), level_);
    if (ZSTD_isError(n)) {
      return Status::fatal(std::string("parquet zstd: ") + ZSTD_getErrorName(n));
    }
    scratch.resize(n);
    return std::string_view(scratch);
  }

  void release_state() override {
    ZSTD_freeCCtx(cctx_);
    cctx_ = nullptr;
  }

 private:
  int level_;
  ZSTD_CCtx* cctx_ = nullptr;
};

}  // namespace

Result<std::unique_ptr<PageCompressor>> make_page_compressor(CompressionCodec codec, int level) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      return std::unique_ptr<PageCompressor>(std::make_unique<Uncompressed>());
    case CompressionCodec::kSnappy:
      return std::unique_ptr<PageCompressor>(std::make_unique<SnappyCompressor>());
    case CompressionCodec::kGzip:
      if (level < -1 || level > 9) {
        return Status::invalid_argument("parquet gzip: level " + std::to_string(level) +
                                        " is not in -1..9");
      }
      return std::unique_ptr<PageCompressor>(
          std::make_unique<GzipCompressor>(level == kDefaultCodecLevel ? 6 : level));
    case CompressionCodec::kZstd: {
      int bounded =
          level == kDefaultCodecLevel ? 3 : std::clamp(level, ZSTD_minCLevel(), ZSTD_maxCLevel());
      return std::unique_ptr<PageCompressor>(std::make_unique<ZstdCompressor>(bounded));
    }
    default:
      return Status::invalid_argument(
          "parquet: codec " + std::to_string(static_cast<int>(codec)) +
          " is not supported (allowed: UNCOMPRESSED, SNAPPY, GZIP, ZSTD)");
  }
}

}  // namespace sluice::parquet
