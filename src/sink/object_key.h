// Object keys and file extensions (spec §3.1, §3.4, §3.5).
//
//   key = [topics.dir + D] + partitionedPath + D + topic + F + partition + F + pad(offset) + ext
//
// D = directory.delim, F = file.delim, ext = view extension ("", ".keys", ".headers") + the
// format's extension. partitionedPath comes from Partitioner::partitioned_path. Nothing is
// normalised: doubled delimiters, a leading '/', spaces and non-ASCII pass through as Java sends
// them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace sluice::sink {

// The configuration that shapes every key of a connector.
struct ObjectKeyLayout {
  std::string topics_dir = "topics";  // topics.dir; blank (empty or whitespace) means no prefix
  std::string directory_delim = "/";  // directory.delim
  std::string file_delim = "+";       // file.delim
  // filename.offset.zero.pad.width: minimum digits of the start offset; wider offsets print in
  // full. 0 means no padding (Java's String.format("%00d") throws there: fixed in sluice).
  int zero_pad_width = 10;
};

// Appends the key of a file to *out. `extension` is the view extension plus the format's.
void append_object_key(const ObjectKeyLayout& layout, std::string_view partitioned_path,
                       std::string_view topic, int32_t kafka_partition, int64_t start_offset,
                       std::string_view extension, std::string* out);

// The same, returned as a new string.
std::string build_object_key(const ObjectKeyLayout& layout, std::string_view partitioned_path,
                             std::string_view topic, int32_t kafka_partition, int64_t start_offset,
                             std::string_view extension);

// Java's String.format("%0<width>d", offset): zero-padded to `width` characters including a
// '-' sign, never truncated; width 0 prints the plain number.
void append_zero_padded(int64_t value, int width, std::string* out);

// View extensions of the three files of one start offset (spec §3.4).
inline constexpr std::string_view kValueViewExtension = "";
inline constexpr std::string_view kKeysViewExtension = ".keys";
inline constexpr std::string_view kHeadersViewExtension = ".headers";

}  // namespace sluice::sink
