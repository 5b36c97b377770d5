// Reads a column chunk with repetition and definition levels for the unit tests of nested files:
// decodes each data page v1 (rep-level runs, then def-level runs, each with a u32 length, then
// PLAIN or dictionary-index values) into (rep, def, value) entries, independent of the writer's
// code. Test-only; reports problems with ADD_FAILURE/EXPECT.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "parquet_test_reader.h"

namespace sluice::parquet::testing {

struct LevelEntry {
  uint32_t rep = 0;
  uint32_t def = 0;
  std::optional<std::string> value;  // PLAIN bytes (BYTE_ARRAY without its length) when def==max
  bool operator==(const LevelEntry&) const = default;
};

struct LeveledChunk {
  std::vector<LevelEntry> entries;
  std::vector<uint32_t> first_rep_of_page;  // the repetition level each data page starts with
  std::vector<int64_t> page_num_values;
};

inline int test_bit_width(uint32_t max) {
  int width = 0;
  while (max >> width) ++width;
  return width;
}

// Levels of `n` entries at the body's `pos` (u32 length, then runs); advances `pos`.
inline std::vector<uint32_t> read_levels(std::string_view body, size_t& pos, uint32_t max,
                                         size_t n) {
  if (max == 0) return std::vector<uint32_t>(n, 0);
  uint32_t len = 0;
  std::memcpy(&len, body.data() + pos, 4);
  std::vector<uint32_t> levels = decode_hybrid(body.substr(pos + 4, len), test_bit_width(max), n);
  pos += 4 + len;
  return levels;
}

// Column `c` of row group `g`; `width` as for read_chunk (not BOOLEAN).
inline LeveledChunk read_leveled_chunk(const ParsedFile& f, size_t g, size_t c, int width,
                                       uint32_t max_rep, uint32_t max_def) {
  const TValue& meta = f.footer.at(4).list.at(g).at(1).list.at(c).at(3);
  int codec = static_cast<int>(meta.at(4).integer);
  size_t start = static_cast<size_t>(meta.has(11) ? meta.at(11).integer : meta.at(9).integer);
  size_t end = start + static_cast<size_t>(meta.at(7).integer);
  size_t pos = start;
  std::vector<std::string> dictionary;
  LeveledChunk out;
  while (pos < end) {
    TReader r(f.data.substr(pos, end - pos));
    TValue header = r.read_struct();
    pos += r.pos();
    size_t stored_size = static_cast<size_t>(header.at(3).integer);
    check_crc(header, f.data.substr(pos, stored_size));
    std::string body = decompress(codec, f.data.substr(pos, stored_size),
                                  static_cast<size_t>(header.at(2).integer));
    pos += stored_size;
    size_t bpos = 0;
    if (header.at(1).integer == 2) {  // the dictionary page
      dictionary = split_plain(body, bpos, width, header.at(7).at(1).integer);
      continue;
    }
    EXPECT_EQ(header.at(1).integer, 0) << "data page v1";
    size_t n = static_cast<size_t>(header.at(5).at(1).integer);
    out.page_num_values.push_back(static_cast<int64_t>(n));
    std::vector<uint32_t> reps = read_levels(body, bpos, max_rep, n);
    std::vector<uint32_t> defs = read_levels(body, bpos, max_def, n);
    if (!reps.empty()) out.first_rep_of_page.push_back(reps[0]);
    size_t present = 0;
    for (uint32_t d : defs) present += d == max_def ? 1 : 0;
    std::vector<std::string> values;
    if (int64_t encoding = header.at(5).at(2).integer; encoding == 2 || encoding == 8) {
      int index_width = static_cast<uint8_t>(body[bpos]);
      for (uint32_t i :
           decode_hybrid(std::string_view(body).substr(bpos + 1), index_width, present)) {
        values.push_back(dictionary.at(i));
      }
    } else {
      EXPECT_EQ(encoding, 0) << "PLAIN";
      values = split_plain(body, bpos, width, present);
      EXPECT_EQ(bpos, body.size()) << "page body not fully consumed";
    }
    for (size_t i = 0, next = 0; i < n; ++i) {
      LevelEntry e{reps[i], defs[i], std::nullopt};
      if (defs[i] == max_def) e.value = values.at(next++);
      out.entries.push_back(std::move(e));
    }
  }
  EXPECT_EQ(pos, end) << "chunk size does not match total_compressed_size";
  EXPECT_EQ(static_cast<int64_t>(out.entries.size()), meta.at(5).integer) << "num_values";
  return out;
}

}  // namespace sluice::parquet::testing
