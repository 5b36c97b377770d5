#include "sink/object_key.h"

#include <charconv>

namespace sluice::sink {
namespace {

bool is_blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

void append_zero_padded(int64_t value, int width, std::string* out) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof(buf), value);
  const int length = static_cast<int>(res.ptr - buf);
  const char* digits = buf;
  if (value < 0) {
    out->push_back('-');
    ++digits;
  }
  // Java counts the sign in the width.
  for (int i = length; i < width; ++i) out->push_back('0');
  out->append(digits, static_cast<size_t>(res.ptr - digits));
}

void append_object_key(const ObjectKeyLayout& layout, std::string_view partitioned_path,
                       std::string_view topic, int32_t kafka_partition, int64_t start_offset,
                       std::string_view extension, std::string* out) {
  if (!is_blank(layout.topics_dir)) {
    out->append(layout.topics_dir);
    out->append(layout.directory_delim);
  }
  out->append(partitioned_path);
  out->append(layout.directory_delim);
  out->append(topic);
  out->append(layout.file_delim);
  char buf[16];
  const auto res = std::to_chars(buf, buf + sizeof(buf), kafka_partition);
  out->append(buf, res.ptr);
  out->append(layout.file_delim);
  append_zero_padded(start_offset, layout.zero_pad_width, out);
  out->append(extension);
}

std::string build_object_key(const ObjectKeyLayout& layout, std::string_view partitioned_path,
                             std::string_view topic, int32_t kafka_partition, int64_t start_offset,
                             std::string_view extension) {
  std::string key;
  key.reserve(layout.topics_dir.size() + partitioned_path.size() + topic.size() + extension.size() +
              40);
  append_object_key(layout, partitioned_path, topic, kafka_partition, start_offset, extension,
                    &key);
  return key;
}

Result<std::string> format_extension(FileFormat format, std::string_view compression_type,
                                     std::string_view parquet_codec,
                                     std::string_view bytearray_extension) {
  const std::string compression = lower_ascii(compression_type);
  if (compression != "none" && compression != "gzip" && !compression.empty()) {
    return Status::invalid_argument("s3.compression.type: '" + std::string(compression_type) +
                                    "' is not one of none, gzip");
  }
  const bool gzip = compression == "gzip";
  switch (format) {
    case FileFormat::kAvro:
      return std::string(".avro");
    case FileFormat::kJson:
      return std::string(gzip ? ".json.gz" : ".json");
    case FileFormat::kByteArray: {
      std::string ext(bytearray_extension);
      if (gzip) ext += ".gz";
      return ext;
    }
    case FileFormat::kParquet: {
      const std::string codec = lower_ascii(parquet_codec);
      // parquet-java's CompressionCodecName extensions (parquet >= 1.13 for lz4).
      std::string_view part;
      if (codec == "none" || codec == "uncompressed") {
        part = "";
      } else if (codec == "snappy") {
        part = ".snappy";
      } else if (codec == "gzip") {
        part = ".gz";
      } else if (codec == "zstd") {
        part = ".zstd";
      } else if (codec == "lz4") {
        part = ".lz4hadoop";
      } else if (codec == "lz4_raw") {
        part = ".lz4raw";
      } else if (codec == "brotli") {
        part = ".br";
      } else if (codec == "lzo") {
        part = ".lzo";
      } else {
        return Status::invalid_argument("parquet.codec: '" + std::string(parquet_codec) +
                                        "' is not one of none, snappy, gzip, zstd, lz4, lz4_raw, "
                                        "brotli, lzo");
      }
      return std::string(part) + ".parquet";
    }
  }
  return Status::invalid_argument("unknown format");
}

}  // namespace sluice::sink
