// The "zstandard" codec: one Zstandard frame per block, streamed like Java's ZstandardCodec
// (zstd-jni's ZstdOutputStream: the block with ZSTD_e_continue, then ZSTD_e_end, so the frame
// header carries no content size), checksum off, level clamped to zstd's range.
#include <zstd.h>

#include <algorithm>
#include <string>

#include "avro/codec_internal.h"

namespace sluice::avro::internal {
namespace {

std::string zstd_error(const char* what, size_t code) {
  return "avro zstandard: " + std::string(what) + " failed (" + ZSTD_getErrorName(code) + ")";
}

class ZstandardCodec final : public Codec {
 public:
  explicit ZstandardCodec(int level) : level_(level) {}
  ~ZstandardCodec() override {
    ZSTD_freeCCtx(cctx_);
    ZSTD_freeDCtx(dctx_);
  }
  ZstandardCodec(const ZstandardCodec&) = delete;
  ZstandardCodec& operator=(const ZstandardCodec&) = delete;

  CodecId id() const override { return CodecId::kZstandard; }

  Result<std::string_view> compress(std::string_view block, std::string& scratch) override {
    if (cctx_ == nullptr && (cctx_ = ZSTD_createCCtx()) == nullptr) {
      return Status::fatal("avro zstandard: out of memory");
    }
    ZSTD_CCtx_reset(cctx_, ZSTD_reset_session_and_parameters);
    size_t rc = ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, level_);
    if (ZSTD_isError(rc)) return Status::fatal(zstd_error("setting the level", rc));
    scratch.resize(ZSTD_compressBound(block.size()));
    ZSTD_inBuffer in{block.data(), block.size(), 0};
    ZSTD_outBuffer out{scratch.data(), scratch.size(), 0};
    while (in.pos < in.size) {
      rc = ZSTD_compressStream2(cctx_, &out, &in, ZSTD_e_continue);
      if (ZSTD_isError(rc)) return Status::fatal(zstd_error("ZSTD_compressStream2", rc));
    }
    do {
      if (out.pos == out.size) {
        scratch.resize(scratch.size() * 2);
        out.dst = scratch.data();
        out.size = scratch.size();
      }
      rc = ZSTD_compressStream2(cctx_, &out, &in, ZSTD_e_end);
      if (ZSTD_isError(rc)) return Status::fatal(zstd_error("ZSTD_compressStream2", rc));
    } while (rc != 0);
    scratch.resize(out.pos);
    return std::string_view(scratch);
  }

  void release_compression_state() override {
    ZSTD_freeCCtx(cctx_);
    cctx_ = nullptr;
  }

  Result<std::string_view> decompress(std::string_view data, std::string& scratch,
                                      size_t max_size) override {
    if (dctx_ == nullptr && (dctx_ = ZSTD_createDCtx()) == nullptr) {
      return Status::fatal("avro zstandard: out of memory");
    }
    ZSTD_DCtx_reset(dctx_, ZSTD_reset_session_only);
    scratch.clear();
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    size_t rc = 1;  // non-zero: a frame is not complete yet
    // Like zstd-jni's input stream, concatenated frames are read one after the other.
    while (in.pos < in.size || rc != 0) {
      size_t used = scratch.size();
      if (used >= output_cap(max_size)) return decompressed_too_large("zstandard", max_size);
      size_t grow = std::min<size_t>(std::max<size_t>(used, ZSTD_DStreamOutSize()),
                                     output_cap(max_size) - used);
      scratch.resize(used + grow);
      ZSTD_outBuffer out{scratch.data() + used, grow, 0};
      size_t before_in = in.pos;
      rc = ZSTD_decompressStream(dctx_, &out, &in);
      scratch.resize(used + out.pos);
      if (ZSTD_isError(rc)) return Status::data_error(zstd_error("decompressing", rc));
      if (rc != 0 && in.pos == in.size && in.pos == before_in && out.pos == 0) {
        return Status::data_error("avro zstandard: truncated block data");
      }
    }
    if (scratch.size() > max_size) return decompressed_too_large("zstandard", max_size);
    return std::string_view(scratch);
  }

 private:
  int level_;
  ZSTD_CCtx* cctx_ = nullptr;
  ZSTD_DCtx* dctx_ = nullptr;
};

}  // namespace

Result<std::unique_ptr<Codec>> make_zstandard_codec(int level) {
  int bounded = std::clamp(level, ZSTD_minCLevel(), ZSTD_maxCLevel());
  return std::unique_ptr<Codec>(std::make_unique<ZstandardCodec>(bounded));
}

}  // namespace sluice::avro::internal
