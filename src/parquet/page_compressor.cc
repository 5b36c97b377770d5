// The page codecs of page_compressor.h.
#include "parquet/page_compressor.h"

#include <lz4.h>
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

// LZ4_RAW: one raw LZ4 block, no frame and no size prefix (parquet-format Compression.md).
// LZ4 (deprecated): the Hadoop framing parquet-java's LZ4 writes through Hadoop's Lz4Codec and
// BlockCompressorStream: per chunk of at most 261,100 input bytes (its 256 KiB buffer less the
// codec's overhead allowance), the chunk's length and the compressed block's length as u32
// big-endian, then the block. A 64 KiB page is one chunk.
class Lz4Compressor final : public PageCompressor {
 public:
  explicit Lz4Compressor(bool hadoop_framing) : hadoop_(hadoop_framing) {}

  CompressionCodec codec() const override {
    return hadoop_ ? CompressionCodec::kLz4 : CompressionCodec::kLz4Raw;
  }

  Result<std::string_view> compress(std::string_view body, std::string& scratch) override {
    scratch.clear();
    if (!hadoop_) {
      SLUICE_RETURN_IF_ERROR(append_block(body, scratch));
      return std::string_view(scratch);
    }
    constexpr size_t kChunk = 256 * 1024 - (256 * 1024 / 255 + 16);
    size_t at = 0;
    do {
      const std::string_view chunk = body.substr(at, kChunk);
      append_u32(scratch, static_cast<uint32_t>(chunk.size()));
      const size_t length_at = scratch.size();
      append_u32(scratch, 0);
      SLUICE_RETURN_IF_ERROR(append_block(chunk, scratch));
      const uint32_t compressed = static_cast<uint32_t>(scratch.size() - length_at - 4);
      for (int i = 0; i < 4; ++i) {
        scratch[length_at + i] = static_cast<char>(compressed >> (24 - 8 * i));
      }
      at += chunk.size();
    } while (at < body.size());
    return std::string_view(scratch);
  }

 private:
  static void append_u32(std::string& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
  }
  static Status append_block(std::string_view input, std::string& out) {
    if (input.size() > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) {
      return Status::fatal("parquet lz4: page over LZ4's 2 GiB input limit");
    }
    const size_t at = out.size();
    const int bound = LZ4_compressBound(static_cast<int>(input.size()));
    out.resize(at + static_cast<size_t>(bound));
    const int n =
        LZ4_compress_default(input.data(), out.data() + at, static_cast<int>(input.size()), bound);
    if (n <= 0 && !input.empty()) return Status::fatal("parquet lz4: compression failed");
    out.resize(at + static_cast<size_t>(std::max(n, 0)));
    return Status::ok_status();
  }

  bool hadoop_;
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
    case CompressionCodec::kLz4:
    case CompressionCodec::kLz4Raw:
      return std::unique_ptr<PageCompressor>(
          std::make_unique<Lz4Compressor>(codec == CompressionCodec::kLz4));
    default:
      return Status::invalid_argument(
          "parquet: codec " + std::to_string(static_cast<int>(codec)) +
          " is not supported (allowed: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4, LZ4_RAW)");
  }
}

}  // namespace sluice::parquet
