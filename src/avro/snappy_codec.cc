// The "snappy" codec: a raw snappy block followed by the big-endian CRC-32 (zlib's, as
// java.util.zip.CRC32) of the uncompressed bytes, as the specification and Java's SnappyCodec
// define it; the block's byte size includes the 4 checksum bytes.
#include <snappy.h>
#include <zlib.h>

#include <string>

#include "avro/codec_internal.h"

namespace sluice::avro::internal {
namespace {

uint32_t crc32_of(std::string_view bytes) {
  return static_cast<uint32_t>(
      crc32_z(0L, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
}

class SnappyCodec final : public Codec {
 public:
  CodecId id() const override { return CodecId::kSnappy; }

  Result<std::string_view> compress(std::string_view block, std::string& scratch) override {
    scratch.resize(snappy::MaxCompressedLength(block.size()) + 4);
    size_t length = 0;
    snappy::RawCompress(block.data(), block.size(), scratch.data(), &length);
    uint32_t crc = crc32_of(block);
    for (int i = 0; i < 4; ++i) scratch[length + i] = static_cast<char>(crc >> (24 - 8 * i));
    scratch.resize(length + 4);
    return std::string_view(scratch);
  }

  Result<std::string_view> decompress(std::string_view data, std::string& scratch,
                                      size_t max_size) override {
    if (data.size() < 4) return Status::data_error("avro snappy: block shorter than its checksum");
    std::string_view compressed = data.substr(0, data.size() - 4);
    size_t length = 0;
    if (!snappy::GetUncompressedLength(compressed.data(), compressed.size(), &length)) {
      return Status::data_error("avro snappy: corrupt block header");
    }
    if (length > max_size) return decompressed_too_large("snappy", max_size);
    scratch.resize(length);
    if (!snappy::RawUncompress(compressed.data(), compressed.size(), scratch.data())) {
      return Status::data_error("avro snappy: corrupt block data");
    }
    uint32_t expected = 0;
    for (int i = 0; i < 4; ++i) {
      expected = (expected << 8) | static_cast<unsigned char>(data[data.size() - 4 + i]);
    }
    if (crc32_of(scratch) != expected) return Status::data_error("avro snappy: checksum mismatch");
    return std::string_view(scratch);
  }
};

}  // namespace

std::unique_ptr<Codec> make_snappy_codec() {
  return std::make_unique<SnappyCodec>();
}

}  // namespace sluice::avro::internal
