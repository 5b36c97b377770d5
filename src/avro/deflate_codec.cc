// The "deflate" codec: raw deflate as Java's DeflateCodec writes it (java.util.zip.Deflater with
// nowrap = true: zlib, window 15, memLevel 8, default strategy, the whole block then finish).
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "avro/codec_internal.h"

namespace sluice::avro::internal {
namespace {

std::string zlib_error(const char* what, int code, const z_stream& stream) {
  std::string message =
      "avro deflate: " + std::string(what) + " failed (zlib code " + std::to_string(code);
  if (stream.msg != nullptr) message += ", " + std::string(stream.msg);
  return message + ")";
}

class DeflateCodec final : public Codec {
 public:
  explicit DeflateCodec(int level) : level_(level) {}
  ~DeflateCodec() override {
    if (deflating_) deflateEnd(&deflater_);
    if (inflating_) inflateEnd(&inflater_);
  }
  DeflateCodec(const DeflateCodec&) = delete;
  DeflateCodec& operator=(const DeflateCodec&) = delete;

  CodecId id() const override { return CodecId::kDeflate; }

  Result<std::string_view> compress(std::string_view block, std::string& scratch) override {
    if (block.size() > UINT32_MAX) return Status::fatal("avro deflate: block over 4 GiB");
    if (!deflating_) {
      int rc = deflateInit2(&deflater_, level_, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
      if (rc != Z_OK) return Status::fatal(zlib_error("deflateInit2", rc, deflater_));
      deflating_ = true;
    } else {
      deflateReset(&deflater_);
    }
    scratch.resize(deflateBound(&deflater_, static_cast<uLong>(block.size())));
    deflater_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(block.data()));
    deflater_.avail_in = static_cast<uInt>(block.size());
    deflater_.next_out = reinterpret_cast<Bytef*>(scratch.data());
    deflater_.avail_out = static_cast<uInt>(scratch.size());
    // deflateBound leaves room for the whole stream, so one call finishes it.
    int rc = deflate(&deflater_, Z_FINISH);
    if (rc != Z_STREAM_END) return Status::fatal(zlib_error("deflate", rc, deflater_));
    scratch.resize(scratch.size() - deflater_.avail_out);
    return std::string_view(scratch);
  }

  void release_compression_state() override {
    if (deflating_) deflateEnd(&deflater_);
    deflating_ = false;
  }

  Result<std::string_view> decompress(std::string_view data, std::string& scratch,
                                      size_t max_size) override {
    if (data.size() > UINT32_MAX) return Status::data_error("avro deflate: block over 4 GiB");
    if (!inflating_) {
      int rc = inflateInit2(&inflater_, -MAX_WBITS);
      if (rc != Z_OK) return Status::fatal(zlib_error("inflateInit2", rc, inflater_));
      inflating_ = true;
    } else {
      inflateReset(&inflater_);
    }
    scratch.clear();
    inflater_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    inflater_.avail_in = static_cast<uInt>(data.size());
    for (;;) {
      size_t used = scratch.size();
      if (used >= output_cap(max_size)) return decompressed_too_large("deflate", max_size);
      size_t grow =
          std::min<size_t>({std::max<size_t>(used, 4096), output_cap(max_size) - used, UINT32_MAX});
      scratch.resize(used + grow);
      inflater_.next_out = reinterpret_cast<Bytef*>(scratch.data() + used);
      inflater_.avail_out = static_cast<uInt>(grow);
      int rc = inflate(&inflater_, Z_NO_FLUSH);
      scratch.resize(scratch.size() - inflater_.avail_out);
      // Like Java's InflaterOutputStream, bytes after the end of the stream are ignored.
      if (rc == Z_STREAM_END) break;
      if (rc == Z_BUF_ERROR && inflater_.avail_in == 0) {
        return Status::data_error("avro deflate: truncated block data");
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Status::data_error(zlib_error("inflate", rc, inflater_));
      }
    }
    if (scratch.size() > max_size) return decompressed_too_large("deflate", max_size);
    return std::string_view(scratch);
  }

 private:
  int level_;
  z_stream deflater_{};
  z_stream inflater_{};
  bool deflating_ = false;
  bool inflating_ = false;
};

}  // namespace

Result<std::unique_ptr<Codec>> make_deflate_codec(int level) {
  return std::unique_ptr<Codec>(std::make_unique<DeflateCodec>(level));
}

}  // namespace sluice::avro::internal
