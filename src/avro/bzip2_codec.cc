// The "bzip2" codec: one complete bzip2 stream per block with 900 kB blocks ("BZh9"), the
// parameters of Java's BZip2Codec (Commons Compress BZip2CompressorOutputStream defaults).
#include <bzlib.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "avro/codec_internal.h"

namespace sluice::avro::internal {
namespace {

constexpr int kBlockSize100k = 9;

// Frees a bz_stream whichever way the call that initialised it ends.
class Bzip2Stream {
 public:
  explicit Bzip2Stream(bool compressing) : compressing_(compressing) {}
  ~Bzip2Stream() {
    if (!initialised_) return;
    if (compressing_) {
      BZ2_bzCompressEnd(&stream_);
    } else {
      BZ2_bzDecompressEnd(&stream_);
    }
  }
  Bzip2Stream(const Bzip2Stream&) = delete;
  Bzip2Stream& operator=(const Bzip2Stream&) = delete;

  int init() {
    int rc = compressing_ ? BZ2_bzCompressInit(&stream_, kBlockSize100k, 0, 0)
                          : BZ2_bzDecompressInit(&stream_, 0, 0);
    initialised_ = rc == BZ_OK;
    return rc;
  }
  bz_stream& get() { return stream_; }

 private:
  bz_stream stream_{};
  bool compressing_;
  bool initialised_ = false;
};

class Bzip2Codec final : public Codec {
 public:
  CodecId id() const override { return CodecId::kBzip2; }

  Result<std::string_view> compress(std::string_view block, std::string& scratch) override {
    if (block.size() > UINT32_MAX) return Status::fatal("avro bzip2: block over 4 GiB");
    Bzip2Stream stream(true);
    if (int rc = stream.init(); rc != BZ_OK) {
      return Status::fatal("avro bzip2: BZ2_bzCompressInit failed (" + std::to_string(rc) + ")");
    }
    bz_stream& bz = stream.get();
    bz.next_in = const_cast<char*>(block.data());
    bz.avail_in = static_cast<unsigned>(block.size());
    // bzip2's documented worst case: 1% larger plus 600 bytes.
    scratch.resize(block.size() + block.size() / 100 + 600);
    size_t used = 0;
    for (;;) {
      if (used == scratch.size()) scratch.resize(scratch.size() * 2);
      bz.next_out = scratch.data() + used;
      bz.avail_out = static_cast<unsigned>(std::min<size_t>(scratch.size() - used, UINT32_MAX));
      unsigned before = bz.avail_out;
      int rc = BZ2_bzCompress(&bz, BZ_FINISH);
      used += before - bz.avail_out;
      if (rc == BZ_STREAM_END) break;
      if (rc != BZ_FINISH_OK) {
        return Status::fatal("avro bzip2: BZ2_bzCompress failed (" + std::to_string(rc) + ")");
      }
    }
    scratch.resize(used);
    return std::string_view(scratch);
  }

  Result<std::string_view> decompress(std::string_view data, std::string& scratch,
                                      size_t max_size) override {
    if (data.size() > UINT32_MAX) return Status::data_error("avro bzip2: block over 4 GiB");
    Bzip2Stream stream(false);
    if (int rc = stream.init(); rc != BZ_OK) {
      return Status::fatal("avro bzip2: BZ2_bzDecompressInit failed (" + std::to_string(rc) + ")");
    }
    bz_stream& bz = stream.get();
    bz.next_in = const_cast<char*>(data.data());
    bz.avail_in = static_cast<unsigned>(data.size());
    scratch.clear();
    for (;;) {
      size_t used = scratch.size();
      if (used >= output_cap(max_size)) return decompressed_too_large("bzip2", max_size);
      size_t grow =
          std::min<size_t>({std::max<size_t>(used, 4096), output_cap(max_size) - used, UINT32_MAX});
      scratch.resize(used + grow);
      bz.next_out = scratch.data() + used;
      bz.avail_out = static_cast<unsigned>(grow);
      int rc = BZ2_bzDecompress(&bz);
      scratch.resize(scratch.size() - bz.avail_out);
      if (rc == BZ_STREAM_END) break;
      if (rc != BZ_OK) {
        return Status::data_error("avro bzip2: corrupt block data (" + std::to_string(rc) + ")");
      }
      if (bz.avail_in == 0 && bz.avail_out != 0) {
        return Status::data_error("avro bzip2: truncated block data");
      }
    }
    if (scratch.size() > max_size) return decompressed_too_large("bzip2", max_size);
    return std::string_view(scratch);
  }
};

}  // namespace

std::unique_ptr<Codec> make_bzip2_codec() {
  return std::make_unique<Bzip2Codec>();
}

}  // namespace sluice::avro::internal
