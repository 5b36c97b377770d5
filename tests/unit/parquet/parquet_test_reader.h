// A small Parquet reader for the unit tests of flat files: parses the footer with the generic
// Thrift decoder and decodes each column chunk's data pages v1 (PLAIN values, RLE/bit-packed
// definition levels; UNCOMPRESSED, SNAPPY, GZIP, ZSTD) into one optional byte string per row
// (the value's PLAIN bytes; BYTE_ARRAY without its length prefix, BOOLEAN as one byte 0/1).
// Independent of the writer's code on purpose; test-only, reports problems with ADD_FAILURE.
#pragma once

#include <gtest/gtest.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "thrift_test_reader.h"

namespace sluice::parquet::testing {

// Decodes `count` values of the RLE/bit-packed hybrid at `width`.
inline std::vector<uint32_t> decode_hybrid(std::string_view data, int width, size_t count) {
  std::vector<uint32_t> out;
  size_t pos = 0;
  while (out.size() < count && pos < data.size()) {
    TReader h(data.substr(pos));
    uint64_t header = h.varint();
    pos += h.pos();
    if (header & 1) {
      size_t values = (header >> 1) * 8;
      for (size_t i = 0, bit = 0; i < values; ++i) {
        uint32_t v = 0;
        for (int b = 0; b < width; ++b, ++bit) {
          if ((static_cast<uint8_t>(data[pos + bit / 8]) >> (bit % 8)) & 1) v |= 1u << b;
        }
        if (out.size() < count) out.push_back(v);
      }
      pos += (header >> 1) * width;
    } else {
      uint32_t v = 0;
      for (int byte = 0; byte < (width + 7) / 8; ++byte) {
        v |= static_cast<uint32_t>(static_cast<uint8_t>(data[pos++])) << (8 * byte);
      }
      out.insert(out.end(), header >> 1, v);
    }
  }
  EXPECT_EQ(out.size(), count);
  return out;
}

inline std::string decompress(int codec, std::string_view stored, size_t size) {
  std::string out(size, '\0');
  switch (codec) {
    case 0:
      return std::string(stored);
    case 1:
      EXPECT_TRUE(snappy::RawUncompress(stored.data(), stored.size(), out.data()));
      return out;
    case 2: {
      EXPECT_EQ(stored.substr(0, 3), std::string_view("\x1f\x8b\x08", 3)) << "not a gzip member";
      z_stream z{};
      inflateInit2(&z, MAX_WBITS + 16);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(stored.data()));
      z.avail_in = static_cast<uInt>(stored.size());
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
      EXPECT_EQ(z.avail_in, 0u);
      inflateEnd(&z);
      return out;
    }
    case 6:
      EXPECT_EQ(ZSTD_decompress(out.data(), out.size(), stored.data(), stored.size()), size);
      return out;
    default:
      ADD_FAILURE() << "codec " << codec;
      return {};
  }
}

// The page's CRC (field 4) must be zlib's CRC-32 of the stored body, when present.
inline void check_crc(const TValue& header, std::string_view stored) {
  if (!header.has(4)) return;
  uint32_t crc = static_cast<uint32_t>(
      crc32_z(0, reinterpret_cast<const Bytef*>(stored.data()), stored.size()));
  EXPECT_EQ(header.at(4).integer, static_cast<int32_t>(crc)) << "page crc";
}

struct ParsedFile {
  TValue footer;
  std::string_view data;
};

inline ParsedFile parse_file(std::string_view file) {
  EXPECT_EQ(file.substr(0, 4), "PAR1");
  EXPECT_EQ(file.substr(file.size() - 4), "PAR1");
  uint32_t length = 0;
  std::memcpy(&length, file.data() + file.size() - 8, 4);
  std::string_view footer = file.substr(file.size() - 8 - length, length);
  TReader r(footer);
  ParsedFile parsed{r.read_struct(), file};
  EXPECT_EQ(r.pos(), footer.size());
  return parsed;
}

struct ChunkPages {
  std::vector<std::optional<std::string>> values;
  int pages = 0;             // data pages
  int dictionary_pages = 0;  // data pages with dictionary indices
  size_t dictionary_size = 0;
};

// Splits a PLAIN run of `count` values (width as for read_chunk, not BOOLEAN) into values.
inline std::vector<std::string> split_plain(std::string_view body, size_t& pos, int width,
                                            size_t count) {
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) {
    if (width == 0) {
      uint32_t len = 0;
      std::memcpy(&len, body.data() + pos, 4);
      out.emplace_back(body.substr(pos + 4, len));
      pos += 4 + len;
    } else {
      out.emplace_back(body.substr(pos, width));
      pos += width;
    }
  }
  return out;
}

// Reads column `c` of row group `g`. `width` is the PLAIN width of fixed-size values (0 for
// BYTE_ARRAY, -1 for BOOLEAN); `optional` whether definition levels are present.
inline ChunkPages read_chunk(const ParsedFile& f, size_t g, size_t c, int width, bool optional) {
  const TValue& meta = f.footer.at(4).list.at(g).at(1).list.at(c).at(3);
  int codec = static_cast<int>(meta.at(4).integer);
  int64_t num_values = meta.at(5).integer;
  size_t pos = static_cast<size_t>(meta.at(9).integer);
  std::vector<std::string> dictionary;
  ChunkPages out;
  if (meta.has(11)) {  // a dictionary page first
    size_t dict_pos = static_cast<size_t>(meta.at(11).integer);
    TReader r(f.data.substr(dict_pos));
    TValue header = r.read_struct();
    EXPECT_EQ(header.at(1).integer, 2) << "dictionary page";
    size_t stored_size = static_cast<size_t>(header.at(3).integer);
    check_crc(header, f.data.substr(dict_pos + r.pos(), stored_size));
    std::string body = decompress(codec, f.data.substr(dict_pos + r.pos(), stored_size),
                                  static_cast<size_t>(header.at(2).integer));
    size_t body_pos = 0;
    dictionary = split_plain(body, body_pos, width, header.at(7).at(1).integer);
    EXPECT_EQ(body_pos, body.size());
    EXPECT_EQ(dict_pos + r.pos() + stored_size, pos) << "data pages follow the dictionary page";
    out.dictionary_size = dictionary.size();
    pos = dict_pos;
  }
  size_t end = pos + static_cast<size_t>(meta.at(7).integer);
  if (meta.has(11)) {
    TReader r(f.data.substr(pos));
    TValue header = r.read_struct();
    pos += r.pos() + static_cast<size_t>(header.at(3).integer);
  }
  while (static_cast<int64_t>(out.values.size()) < num_values && pos < end) {
    TReader r(f.data.substr(pos, end - pos));
    TValue header = r.read_struct();
    pos += r.pos();
    EXPECT_EQ(header.at(1).integer, 0) << "data page v1";
    size_t stored_size = static_cast<size_t>(header.at(3).integer);
    check_crc(header, f.data.substr(pos, stored_size));
    std::string body = decompress(codec, f.data.substr(pos, stored_size),
                                  static_cast<size_t>(header.at(2).integer));
    pos += stored_size;
    size_t n = static_cast<size_t>(header.at(5).at(1).integer);
    std::vector<uint32_t> levels(n, 1);
    size_t vpos = 0;
    if (optional) {
      uint32_t len = 0;
      std::memcpy(&len, body.data(), 4);
      levels = decode_hybrid(std::string_view(body).substr(4, len), 1, n);
      vpos = 4 + len;
    }
    int64_t encoding = header.at(5).at(2).integer;
    if (encoding == 2 || encoding == 8) {  // PLAIN_DICTIONARY / RLE_DICTIONARY
      size_t present = 0;
      for (uint32_t level : levels) present += level;
      int index_width = static_cast<uint8_t>(body[vpos]);
      std::vector<uint32_t> indices =
          decode_hybrid(std::string_view(body).substr(vpos + 1), index_width, present);
      size_t next = 0;
      for (uint32_t level : levels) {
        if (level == 0) {
          out.values.push_back(std::nullopt);
        } else {
          EXPECT_LT(indices[next], dictionary.size());
          out.values.push_back(dictionary.at(indices[next++]));
        }
      }
      ++out.pages;
      ++out.dictionary_pages;
      continue;
    }
    EXPECT_EQ(encoding, 0) << "PLAIN";
    size_t bit = 0;
    for (uint32_t level : levels) {
      if (level == 0) {
        out.values.push_back(std::nullopt);
      } else if (width == -1) {
        out.values.push_back(std::string(1, (body[vpos + bit / 8] >> (bit % 8)) & 1));
        ++bit;
      } else if (width == 0) {
        uint32_t len = 0;
        std::memcpy(&len, body.data() + vpos, 4);
        out.values.push_back(body.substr(vpos + 4, len));
        vpos += 4 + len;
      } else {
        out.values.push_back(body.substr(vpos, width));
        vpos += width;
      }
    }
    if (width == -1) vpos += (bit + 7) / 8;
    EXPECT_EQ(vpos, body.size()) << "page body not fully consumed";
    ++out.pages;
  }
  EXPECT_EQ(pos, end) << "chunk size does not match total_compressed_size";
  EXPECT_EQ(static_cast<int64_t>(out.values.size()), num_values);
  return out;
}

}  // namespace sluice::parquet::testing
