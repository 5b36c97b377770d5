#include "avro/container_reader.h"

#include "avro/decoder.h"
#include "avro/schema_parser.h"

namespace sluice::avro {
namespace {

constexpr std::string_view kMagic("Obj\x01", 4);

Status at_offset(const Status& status, size_t offset) {
  return Status(status.code(), status.message() + " (file offset " + std::to_string(offset) + ")");
}

}  // namespace

ContainerReader::ContainerReader(ConstructionTag, std::string_view file,
                                 ContainerReaderOptions options)
    : file_(file), options_(options) {}

Result<std::unique_ptr<ContainerReader>> ContainerReader::open(std::string_view file,
                                                               ContainerReaderOptions options) {
  auto reader = std::make_unique<ContainerReader>(ConstructionTag(), file, options);
  SLUICE_RETURN_IF_ERROR(reader->read_header());
  return reader;
}

std::string_view ContainerReader::schema_json() const {
  for (const auto& [key, value] : metadata_) {
    if (key == "avro.schema") return value;
  }
  return {};
}

Status ContainerReader::read_header() {
  if (!file_.starts_with(kMagic))
    return Status::data_error("avro: not an Avro data file (bad magic)");
  Decoder decoder(file_.substr(kMagic.size()));
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(int64_t count, decoder.read_block_count());
    if (count == 0) break;
    for (int64_t i = 0; i < count; ++i) {
      SLUICE_ASSIGN_OR_RETURN(std::string_view key, decoder.read_string());
      SLUICE_ASSIGN_OR_RETURN(std::string_view value, decoder.read_bytes());
      metadata_.emplace_back(std::string(key), std::string(value));
    }
  }
  SLUICE_ASSIGN_OR_RETURN(std::string_view sync, decoder.read_fixed(SyncMarker::kSize));
  sync_ = SyncMarker::from_bytes(sync);
  header_size_ = position_ = kMagic.size() + decoder.position();

  std::optional<std::string_view> schema_text, codec_text;
  for (const auto& [key, value] : metadata_) {
    if (key == "avro.schema") schema_text = value;
    if (key == "avro.codec") codec_text = value;
  }
  if (!schema_text.has_value()) return Status::data_error("avro: header has no avro.schema");
  std::optional<CodecId> codec = codec_from_name(codec_text.value_or("null"));
  if (!codec.has_value()) {
    return Status::data_error("avro: unrecognized codec " + std::string(*codec_text));
  }
  SLUICE_ASSIGN_OR_RETURN(codec_, make_codec(*codec));
  SLUICE_ASSIGN_OR_RETURN(
      schema_, parse_schema(*schema_text, SchemaParseOptions{.validate_names = false,
                                                             .validate_defaults = false}));
  return Status::ok_status();
}

Result<std::optional<ContainerReader::Block>> ContainerReader::next_block() {
  if (position_ == file_.size()) return std::optional<Block>();
  Block block;
  block.offset = position_;
  Decoder decoder(file_.substr(position_));
  auto count = decoder.read_long();
  if (!count.ok()) return at_offset(count.status(), position_);
  auto size = decoder.read_long();
  if (!size.ok()) return at_offset(size.status(), position_);
  if (*count < 0 || *size < 0 || static_cast<uint64_t>(*size) > decoder.remaining()) {
    return at_offset(Status::data_error("avro: invalid block (count " + std::to_string(*count) +
                                        ", size " + std::to_string(*size) + ")"),
                     position_);
  }
  SLUICE_ASSIGN_OR_RETURN(std::string_view data, decoder.read_fixed(static_cast<size_t>(*size)));
  auto sync = decoder.read_fixed(SyncMarker::kSize);
  if (!sync.ok() || *sync != sync_.view()) {
    return at_offset(Status::data_error("avro: invalid sync marker after block"), position_);
  }
  auto decompressed = codec_->decompress(data, scratch_, options_.max_block_bytes);
  if (!decompressed.ok()) return at_offset(decompressed.status(), position_);
  block.count = *count;
  block.data = *decompressed;
  block.stored_size = decoder.position();
  position_ += decoder.position();
  return std::optional<Block>(block);
}

}  // namespace sluice::avro
