#include "avro/codec.h"

#include "avro/codec_internal.h"

namespace sluice::avro {
namespace {

class NullCodec final : public Codec {
 public:
  CodecId id() const override { return CodecId::kNull; }
  Result<std::string_view> compress(std::string_view block, std::string&) override { return block; }
  Result<std::string_view> decompress(std::string_view data, std::string&,
                                      size_t max_size) override {
    if (data.size() > max_size) return internal::decompressed_too_large("null", max_size);
    return data;
  }
};

constexpr CodecId kAllCodecs[] = {CodecId::kNull,  CodecId::kDeflate, CodecId::kSnappy,
                                  CodecId::kBzip2, CodecId::kXz,      CodecId::kZstandard};

Status level_out_of_range(CodecId id, int level) {
  return Status::invalid_argument("avro codec " + std::string(codec_name(id)) + ": level " +
                                  std::to_string(level) + " is out of range (allowed: -1 to 9)");
}

}  // namespace

std::string_view codec_name(CodecId id) {
  switch (id) {
    case CodecId::kNull:
      return "null";
    case CodecId::kDeflate:
      return "deflate";
    case CodecId::kSnappy:
      return "snappy";
    case CodecId::kBzip2:
      return "bzip2";
    case CodecId::kXz:
      return "xz";
    case CodecId::kZstandard:
      return "zstandard";
  }
  return "";
}

std::optional<CodecId> codec_from_name(std::string_view name) {
  for (CodecId id : kAllCodecs) {
    if (codec_name(id) == name) return id;
  }
  return std::nullopt;
}

Result<std::unique_ptr<Codec>> make_codec(CodecId id, int level) {
  switch (id) {
    case CodecId::kNull:
      return std::unique_ptr<Codec>(std::make_unique<NullCodec>());
    case CodecId::kDeflate:
      if (level < -1 || level > 9) return level_out_of_range(id, level);
      return internal::make_deflate_codec(level == -1 ? 6 : level);
    case CodecId::kSnappy:
      return internal::make_snappy_codec();
    case CodecId::kBzip2:
      return internal::make_bzip2_codec();
    case CodecId::kXz:
      if (level < -1 || level > 9) return level_out_of_range(id, level);
      return internal::make_xz_codec(level == -1 ? 6 : level);
    case CodecId::kZstandard:
      return internal::make_zstandard_codec(level == -1 ? 3 : level);
  }
  return Status::invalid_argument("avro: unknown codec");
}

namespace internal {

Status decompressed_too_large(std::string_view codec, size_t max_size) {
  return Status::data_error("avro " + std::string(codec) + ": decompressed block exceeds " +
                            std::to_string(max_size) + " bytes");
}

}  // namespace internal
}  // namespace sluice::avro
