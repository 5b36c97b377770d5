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

}  // namespace sluice::sink
