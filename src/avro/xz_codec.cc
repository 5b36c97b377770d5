// The "xz" codec: one .xz stream per block with a CRC-64 check at the given preset (Java's
// XZCodec: Commons Compress XZCompressorOutputStream, default level 6).
#include <lzma.h>

#include <algorithm>
#include <string>

#include "avro/codec_internal.h"

namespace sluice::avro::internal {
namespace {

class XzCodec final : public Codec {
 public:
  explicit XzCodec(uint32_t preset) : preset_(preset) {}
  ~XzCodec() override { lzma_end(&stream_); }
  XzCodec(const XzCodec&) = delete;
  XzCodec& operator=(const XzCodec&) = delete;

  CodecId id() const override { return CodecId::kXz; }

  Result<std::string_view> compress(std::string_view block, std::string& scratch) override {
    // Re-initialising the same lzma_stream reuses its memory.
    lzma_ret rc = lzma_easy_encoder(&stream_, preset_, LZMA_CHECK_CRC64);
    if (rc != LZMA_OK)
      return Status::fatal("avro xz: encoder init failed (" + std::to_string(rc) + ")");
    scratch.resize(lzma_stream_buffer_bound(block.size()));
    stream_.next_in = reinterpret_cast<const uint8_t*>(block.data());
    stream_.avail_in = block.size();
    stream_.next_out = reinterpret_cast<uint8_t*>(scratch.data());
    stream_.avail_out = scratch.size();
    while ((rc = lzma_code(&stream_, LZMA_FINISH)) == LZMA_OK) {
    }
    if (rc != LZMA_STREAM_END)
      return Status::fatal("avro xz: encoding failed (" + std::to_string(rc) + ")");
    scratch.resize(scratch.size() - stream_.avail_out);
    return std::string_view(scratch);
  }

  // The one lzma_stream serves both directions; decompress() sets it up again per block anyway.
  void release_compression_state() override { lzma_end(&stream_); }

  Result<std::string_view> decompress(std::string_view data, std::string& scratch,
                                      size_t max_size) override {
    lzma_ret rc = lzma_stream_decoder(&stream_, UINT64_MAX, 0);
    if (rc != LZMA_OK)
      return Status::fatal("avro xz: decoder init failed (" + std::to_string(rc) + ")");
    stream_.next_in = reinterpret_cast<const uint8_t*>(data.data());
    stream_.avail_in = data.size();
    scratch.clear();
    for (;;) {
      size_t used = scratch.size();
      if (used >= output_cap(max_size)) return decompressed_too_large("xz", max_size);
      size_t grow = std::min<size_t>(std::max<size_t>(used, 4096), output_cap(max_size) - used);
      scratch.resize(used + grow);
      stream_.next_out = reinterpret_cast<uint8_t*>(scratch.data() + used);
      stream_.avail_out = grow;
      rc = lzma_code(&stream_, LZMA_FINISH);
      scratch.resize(scratch.size() - stream_.avail_out);
      if (rc == LZMA_STREAM_END) break;
      if (rc == LZMA_BUF_ERROR && stream_.avail_in == 0) {
        return Status::data_error("avro xz: truncated block data");
      }
      if (rc != LZMA_OK && rc != LZMA_BUF_ERROR) {
        return Status::data_error("avro xz: corrupt block data (" + std::to_string(rc) + ")");
      }
    }
    if (scratch.size() > max_size) return decompressed_too_large("xz", max_size);
    return std::string_view(scratch);
  }

 private:
  uint32_t preset_;
  lzma_stream stream_ = LZMA_STREAM_INIT;
};

}  // namespace

Result<std::unique_ptr<Codec>> make_xz_codec(int preset) {
  return std::unique_ptr<Codec>(std::make_unique<XzCodec>(static_cast<uint32_t>(preset)));
}

}  // namespace sluice::avro::internal
