// Helpers shared by the avro unit tests: test data files, hex, and the "Mixed" records that
// tests/data/avro/generator/ContainerVectors.java writes with Avro's Java library.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "avro/encoder.h"
#include "avro/schema.h"
#include "avro/schema_parser.h"

namespace sluice::avro::testing {

// tests/data/avro: from SLUICE_TEST_DATA (ctest sets it), else next to this source file.
inline std::filesystem::path data_dir() {
  if (const char* data = std::getenv("SLUICE_TEST_DATA")) {
    return std::filesystem::path(data) / "avro";
  }
  return (std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "data" / "avro")
      .lexically_normal();
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

inline std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    if (!out.empty()) out.push_back(' ');
    out.push_back(kDigits[static_cast<unsigned char>(c) >> 4]);
    out.push_back(kDigits[static_cast<unsigned char>(c) & 15]);
  }
  return out;
}

// "4f 62 6a" (spaces and newlines ignored) to bytes.
inline std::string unhex(std::string_view text) {
  std::string out;
  int high = -1;
  for (char c : text) {
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (v < 0) continue;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<char>(high * 16 + v));
      high = -1;
    }
  }
  return out;
}

inline SchemaPtr parse_or_die(std::string_view json) {
  auto schema = parse_schema(json);
  EXPECT_TRUE(schema.ok()) << schema.status().to_string();
  return schema.ok() ? *schema : nullptr;
}

inline std::string encoded(void (*write)(Encoder&)) {
  std::string out;
  Encoder encoder(out);
  write(encoder);
  return out;
}

// The schema of ContainerVectors.java's "Mixed" records.
inline constexpr std::string_view kMixedSchema =
    R"({"type":"record","name":"Mixed","namespace":"sluice.test","fields":[)"
    R"({"name":"id","type":"long"},{"name":"i","type":"int"},{"name":"flag","type":"boolean"},)"
    R"({"name":"f","type":"float"},{"name":"d","type":"double"},{"name":"s","type":"string"},)"
    R"({"name":"b","type":"bytes"},{"name":"opt","type":["null","string"],"default":null},)"
    R"({"name":"e","type":{"type":"enum","name":"Color","symbols":["RED","GREEN","BLUE"]}},)"
    R"({"name":"fx","type":{"type":"fixed","name":"Four","size":4}},)"
    R"({"name":"arr","type":{"type":"array","items":"long"}},)"
    R"({"name":"m","type":{"type":"map","values":"int"}}]})";

// Encodes the same pseudo-random records as ContainerVectors.java (same generator, same values).
class MixedRecords {
 public:
  void encode(Encoder& e, int k) {
    e.write_long(k);
    e.write_int(static_cast<int32_t>(static_cast<uint32_t>(next())));
    e.write_boolean((next() & 1) == 1);
    e.write_float(static_cast<float>(static_cast<int64_t>(next() % 100000)) / 8.0f);
    e.write_double(static_cast<double>(static_cast<int64_t>(next() % 1000000007)) / 1024.0 -
                   400000.0);
    std::string s = "h\xc3\xa9llo-" + std::to_string(k) + "-";
    for (uint64_t reps = next() % 20, j = 0; j < reps; ++j) s += "ab";
    e.write_string(s);
    std::string b(static_cast<size_t>(next() % 16), '\0');
    for (size_t j = 0; j < b.size(); ++j) b[j] = static_cast<char>(k * 7 + static_cast<int>(j));
    e.write_bytes(b);
    if (k % 3 == 0) {
      e.write_union_index(0);
    } else {
      e.write_union_index(1);
      e.write_string("o" + std::to_string(k));
    }
    e.write_enum(static_cast<int32_t>(next() % 3));
    uint64_t x = next();
    const char fx[4] = {static_cast<char>(x), static_cast<char>(x >> 8), static_cast<char>(x >> 16),
                        static_cast<char>(x >> 24)};
    e.write_fixed(std::string_view(fx, 4));
    uint64_t n = next() % 5;
    e.write_array_start(n);
    for (uint64_t j = 0; j < n; ++j) e.write_long((static_cast<int64_t>(j) - k) * 1000003);
    e.write_array_end();
    uint64_t mn = next() % 3;
    e.write_map_start(mn);
    for (uint64_t j = 0; j < mn; ++j) {
      e.write_string("k" + std::to_string(j));
      e.write_int(static_cast<int32_t>(j) * k);
    }
    e.write_map_end();
  }

 private:
  // Java: state = state * 6364136223846793005L + 1442695040888963407L; return state >>> 33;
  uint64_t next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return state_ >> 33;
  }
  uint64_t state_ = 42;
};

}  // namespace sluice::avro::testing
