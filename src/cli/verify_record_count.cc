#include "cli/verify_record_count.h"

#include <zlib.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "avro/container_reader.h"
#include "parquet/footer_row_count.h"

namespace sluice::cli {

namespace {

int64_t count_occurrences(std::string_view text, std::string_view needle) {
  int64_t n = 0;
  for (size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

Result<int64_t> count_avro(std::string_view file) {
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<avro::ContainerReader> reader,
                          avro::ContainerReader::open(file));
  int64_t n = 0;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(std::optional<avro::ContainerReader::Block> block,
                            reader->next_block());
    if (!block) return n;
    n += block->count;
  }
}

}  // namespace

Result<std::string> gunzip(std::string_view compressed) {
  z_stream z{};
  if (inflateInit2(&z, MAX_WBITS + 16) != Z_OK) return Status::fatal("zlib inflateInit2 failed");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&z, inflateEnd);
  std::string out;
  char buffer[64 * 1024];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(compressed.size());
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof(buffer);
    int rc = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof(buffer) - z.avail_out);
    if (rc == Z_STREAM_END) {
      if (z.avail_in == 0) return out;
      if (inflateReset(&z) != Z_OK) return Status::data_error("gzip: cannot read the next member");
      continue;
    }
    if (rc != Z_OK) {
      return Status::data_error(std::string("gzip: ") + (z.msg != nullptr ? z.msg : "bad data") +
                                " at byte " + std::to_string(z.total_in));
    }
    if (z.avail_in == 0 && z.avail_out != 0) return Status::data_error("gzip: truncated stream");
  }
}

bool count_is_upper_bound(std::string_view extension) {
  if (extension.ends_with(".gz")) extension.remove_suffix(3);
  return !extension.ends_with(".json") && !extension.ends_with(".avro") &&
         !extension.ends_with(".parquet");
}

Result<int64_t> count_records(std::string_view extension, std::string_view object,
                              std::string_view bytearray_separator) {
  std::string inflated;
  if (extension.ends_with(".gz")) {
    SLUICE_ASSIGN_OR_RETURN(inflated, gunzip(object));
    object = inflated;
    extension.remove_suffix(3);
  }
  if (extension.ends_with(".json")) return count_occurrences(object, "\n");
  if (extension.ends_with(".avro")) return count_avro(object);
  if (extension.ends_with(".parquet")) return parquet::footer_row_count(object);
  if (bytearray_separator.empty()) {
    return Status::data_error(
        "ByteArray records cannot be counted with an empty format.bytearray.separator");
  }
  return count_occurrences(object, bytearray_separator);
}

}  // namespace sluice::cli
