#include "avro/container_writer.h"

#include "avro/schema_writer.h"

namespace sluice::avro {
namespace {

constexpr std::string_view kMagic("Obj\x01", 4);
constexpr size_t kMinSyncInterval = 32;
constexpr size_t kMaxSyncInterval = size_t{1} << 30;

// String.hashCode() over the UTF-16 code units of a UTF-8 string (a malformed byte counts as
// U+FFFD, as decoding it into a Java String would make it).
int32_t java_string_hash(std::string_view utf8) {
  uint32_t h = 0;
  auto unit = [&h](uint32_t u) { h = 31 * h + u; };
  for (size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    int length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    uint32_t cp = length == 1 ? c : length == 2 ? c & 0x1f : length == 3 ? c & 0x0f : c & 0x07;
    bool valid = length > 0 && i + static_cast<size_t>(length) <= utf8.size();
    for (int k = 1; valid && k < length; ++k) {
      auto next = static_cast<unsigned char>(utf8[i + static_cast<size_t>(k)]);
      valid = (next & 0xc0) == 0x80;
      cp = (cp << 6) | (next & 0x3f);
    }
    if (!valid) {
      unit(0xfffd);
      ++i;
      continue;
    }
    if (cp >= 0x10000) {
      unit(0xd800 + ((cp - 0x10000) >> 10));
      unit(0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else {
      unit(cp);
    }
    i += static_cast<size_t>(length);
  }
  return static_cast<int32_t>(h);
}

}  // namespace

std::vector<size_t> java_hash_map_order(const std::vector<std::string_view>& keys) {
  std::vector<uint32_t> hashes;
  std::vector<size_t> distinct;  // index of each key's first put
  for (size_t i = 0; i < keys.size(); ++i) {
    bool repeated = false;
    for (size_t d : distinct) repeated = repeated || keys[d] == keys[i];
    if (repeated) continue;
    auto h = static_cast<uint32_t>(java_string_hash(keys[i]));
    hashes.push_back(h ^ (h >> 16));  // HashMap.hash()
    distinct.push_back(i);
  }
  size_t capacity = 16;
  std::vector<std::vector<size_t>> buckets(capacity);  // positions in `distinct`
  auto resize = [&] {
    capacity *= 2;
    std::vector<std::vector<size_t>> next(capacity);
    for (const auto& bucket : buckets) {
      for (size_t k : bucket) next[hashes[k] & (capacity - 1)].push_back(k);
    }
    buckets = std::move(next);
  };
  for (size_t k = 0; k < distinct.size(); ++k) {
    auto& bucket = buckets[hashes[k] & (capacity - 1)];
    bool treeify = bucket.size() >= 8;  // HashMap.putVal: TREEIFY_THRESHOLD
    bucket.push_back(k);
    if (treeify && capacity < 64) resize();  // treeifyBin resizes small tables instead
    if (k + 1 > capacity * 3 / 4) resize();
  }
  std::vector<size_t> order;
  for (const auto& bucket : buckets) {
    for (size_t k : bucket) order.push_back(distinct[k]);
  }
  return order;
}

ContainerWriter::ContainerWriter(ConstructionTag, ByteSink& sink, std::unique_ptr<Codec> codec,
                                 SyncMarker sync, size_t sync_interval, util::MemoryAccount* memory)
    : sink_(sink),
      codec_(std::move(codec)),
      sync_(sync),
      sync_interval_(sync_interval),
      held_(memory, 0) {}

Result<std::unique_ptr<ContainerWriter>> ContainerWriter::create(const Schema& schema,
                                                                 ByteSink& sink,
                                                                 ContainerWriterOptions options) {
  return create_with_schema_json(schema_to_json(schema), sink, std::move(options));
}

Result<std::unique_ptr<ContainerWriter>> ContainerWriter::create_with_schema_json(
    std::string schema_json, ByteSink& sink, ContainerWriterOptions options) {
  if (options.sync_interval < kMinSyncInterval || options.sync_interval > kMaxSyncInterval) {
    return Status::invalid_argument("avro: sync interval " + std::to_string(options.sync_interval) +
                                    " is out of range (32 to 2^30)");
  }
  // Java: setCodec puts avro.codec, setMeta the extra keys, create() avro.schema.
  std::vector<std::pair<std::string, std::string>> entries;
  entries.emplace_back("avro.codec", std::string(codec_name(options.codec)));
  for (auto& [key, value] : options.metadata) {
    if (key.starts_with("avro.")) {
      return Status::invalid_argument("avro: cannot set reserved metadata key " + key);
    }
    bool replaced = false;
    for (auto& entry : entries) {
      if (entry.first == key) {
        entry.second = value;
        replaced = true;
      }
    }
    if (!replaced) entries.emplace_back(std::move(key), std::move(value));
  }
  entries.emplace_back("avro.schema", std::move(schema_json));
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<Codec> codec,
                          make_codec(options.codec, options.compression_level));
  SyncMarker sync = options.sync_marker.value_or(SyncMarker::random());
  auto writer = std::make_unique<ContainerWriter>(ConstructionTag(), sink, std::move(codec), sync,
                                                  options.sync_interval, options.memory);
  writer->write_header(entries);
  return writer;
}

void ContainerWriter::emit(std::string_view bytes) {
  sink_.append(bytes);
  bytes_written_ += bytes.size();
}

void ContainerWriter::write_header(
    const std::vector<std::pair<std::string, std::string>>& entries) {
  std::vector<std::string_view> keys;
  for (const auto& entry : entries) keys.push_back(entry.first);
  std::string header(kMagic);
  Encoder encoder(header);
  encoder.write_map_start(entries.size());
  for (size_t i : java_hash_map_order(keys)) {
    encoder.write_string(entries[i].first);
    encoder.write_bytes(entries[i].second);
  }
  encoder.write_map_end();
  header.append(sync_.view());
  emit(header);
}

Status ContainerWriter::datum_appended() {
  if (closed_) return Status::fatal("avro: append to a closed container file");
  ++block_count_;
  ++datums_written_;
  if (block_.size() >= sync_interval_) return emit_block();
  settle_block();
  return Status::ok_status();
}

void ContainerWriter::truncate_block(size_t size) {
  block_.resize(size);
  settle_block();
}

void ContainerWriter::settle_block() {
  if (block_.capacity() > sync_interval_ && block_.size() < sync_interval_) {
    // Doubling overshot (61,440 -> 122,880 bytes for 64,000), or a refused datum left room: the
    // block is emitted as soon as it reaches the sync interval, so that much room is all it keeps.
    std::string bounded;
    bounded.reserve(sync_interval_);
    bounded.append(block_);
    block_.swap(bounded);
  }
  account();
}

Status ContainerWriter::append_encoded(std::string_view datum) {
  if (closed_) return Status::fatal("avro: append to a closed container file");
  block_.append(datum);
  return datum_appended();
}

Status ContainerWriter::emit_block() {
  if (block_count_ == 0) return Status::ok_status();
  Result<std::string_view> compressed = codec_->compress(block_, compressed_);
  codec_->release_compression_state();
  account();  // the compressed copy, for as long as it exists
  if (!compressed.ok()) return compressed.status();
  char prefix[20];
  size_t length = encode_long(block_count_, prefix);
  length += encode_long(static_cast<int64_t>(compressed->size()), prefix + length);
  emit(std::string_view(prefix, length));
  emit(*compressed);
  emit(sync_.view());
  // Both buffers are freed, not kept for the next block: an idle open file then holds nothing.
  // (Swapping frees them; assigning an empty string would keep the allocation.)
  std::string().swap(block_);
  std::string().swap(compressed_);
  account();
  block_count_ = 0;
  ++blocks_written_;
  return Status::ok_status();
}

Status ContainerWriter::flush() {
  if (closed_) return Status::ok_status();
  return emit_block();
}

Status ContainerWriter::close() {
  if (closed_) return Status::ok_status();
  SLUICE_RETURN_IF_ERROR(emit_block());
  closed_ = true;
  return Status::ok_status();
}

}  // namespace sluice::avro
