#include "format/gzip_compressor.h"

#include <string>

namespace sluice::format {
namespace {

// ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=0xff ("unknown"), as JDK >= 16 writes it.
constexpr unsigned char kGzipHeader[10] = {0x1f, 0x8b, 0x08, 0x00, 0x00,
                                           0x00, 0x00, 0x00, 0x00, 0xff};

std::string zlib_error(const char* what, int code, const z_stream& stream) {
  std::string message = std::string("gzip: ") + what + " failed (zlib code " + std::to_string(code);
  if (stream.msg != nullptr) message += ", " + std::string(stream.msg);
  return message + ")";
}

}  // namespace

Result<std::unique_ptr<GzipCompressor>> GzipCompressor::create(int level, ByteSink& sink) {
  if (level < -1 || level > 9) {
    return Status::invalid_argument("s3.compression.level: " + std::to_string(level) +
                                    " is out of range (allowed: -1 to 9)");
  }
  auto compressor =
      std::make_unique<GzipCompressor>(ConstructionTag{}, level == -1 ? 6 : level, sink);
  SLUICE_RETURN_IF_ERROR(compressor->init());
  return compressor;
}

GzipCompressor::~GzipCompressor() {
  if (initialised_) deflateEnd(&stream_);
}

Status GzipCompressor::init() {
  // Raw deflate (negative window bits): we write the gzip header and trailer ourselves.
  int rc = deflateInit2(&stream_, level_, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  if (rc != Z_OK) return Status::fatal(zlib_error("deflateInit2", rc, stream_));
  initialised_ = true;
  crc_ = static_cast<uint32_t>(crc32(0L, Z_NULL, 0));
  emit(kGzipHeader, sizeof(kGzipHeader));
  return Status::ok_status();
}

void GzipCompressor::emit(const unsigned char* data, size_t size) {
  if (size == 0) return;
  sink_.append(std::string_view(reinterpret_cast<const char*>(data), size));
  bytes_out_ += size;
}

Status GzipCompressor::write(std::string_view bytes) {
  if (finished_) return Status::fatal("gzip: write after finish");
  // DeflaterOutputStream ignores empty writes; so do we (it matters for level 0 block boundaries).
  if (bytes.empty()) return Status::ok_status();
  crc_ = static_cast<uint32_t>(
      crc32_z(crc_, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
  bytes_in_ += bytes.size();
  stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream_.avail_in = 0;
  size_t remaining = bytes.size();
  // avail_in is 32 bits; feed huge inputs in slices (Java's int-sized arrays never exceed it).
  while (remaining > 0 || stream_.avail_in > 0) {
    if (stream_.avail_in == 0) {
      uInt slice = remaining > 0x40000000u ? 0x40000000u : static_cast<uInt>(remaining);
      stream_.avail_in = slice;
      remaining -= slice;
    }
    // One deflate call per fresh output buffer until the input is consumed, like Java's
    // `while (!def.needsInput()) deflate();`.
    stream_.next_out = out_.data();
    stream_.avail_out = static_cast<uInt>(out_.size());
    int rc = deflate(&stream_, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_BUF_ERROR) return Status::fatal(zlib_error("deflate", rc, stream_));
    emit(out_.data(), out_.size() - stream_.avail_out);
  }
  return Status::ok_status();
}

Status GzipCompressor::finish() {
  if (finished_) return Status::ok_status();
  stream_.next_in = nullptr;
  stream_.avail_in = 0;
  int rc = Z_OK;
  do {
    stream_.next_out = out_.data();
    stream_.avail_out = static_cast<uInt>(out_.size());
    rc = deflate(&stream_, Z_FINISH);
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      return Status::fatal(zlib_error("deflate(Z_FINISH)", rc, stream_));
    }
    emit(out_.data(), out_.size() - stream_.avail_out);
  } while (rc != Z_STREAM_END);
  unsigned char trailer[8];
  uint32_t size = static_cast<uint32_t>(bytes_in_);  // ISIZE is the length modulo 2^32
  for (int i = 0; i < 4; ++i) {
    trailer[i] = static_cast<unsigned char>(crc_ >> (8 * i));
    trailer[4 + i] = static_cast<unsigned char>(size >> (8 * i));
  }
  emit(trailer, sizeof(trailer));
  finished_ = true;
  return Status::ok_status();
}

}  // namespace sluice::format
