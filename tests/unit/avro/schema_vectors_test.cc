// Schema parse / print vectors produced by Avro 1.11.4's Java library
// (tests/data/avro/generator/SchemaVectors.java over generator/schema_cases.txt): for each input,
// whether Schema.Parser accepts it, and if so Schema.toString(), the Parsing Canonical Form, its
// CRC-64-AVRO fingerprint and the logical type Java derives.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "avro/schema_parser.h"
#include "avro/schema_writer.h"
#include "avro_test_support.h"

namespace sluice::avro {
namespace {

struct Vector {
  std::string input;
  bool ok = false;
  std::string java;
  std::string canonical;
  uint64_t fingerprint = 0;
  std::string logical;
  std::string error;
};

std::vector<Vector> load_vectors() {
  std::istringstream lines(testing::read_file(testing::data_dir() / "schema_vectors.jsonl"));
  std::vector<Vector> vectors;
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line);
    Vector v;
    v.input = j["input"];
    v.ok = j["ok"];
    if (v.ok) {
      v.java = j["java"];
      v.canonical = j["canonical"];
      v.fingerprint = std::stoull(j["fp64"].get<std::string>(), nullptr, 16);
      v.logical = j["logical"];
    } else {
      v.error = j["error"];
    }
    vectors.push_back(std::move(v));
  }
  return vectors;
}

// Inputs on which we knowingly differ from Java 1.11 (see json_reader.h).
bool is_known_divergence(const Vector& v) {
  // A number literal beyond double range: Jackson reads Infinity, nlohmann refuses the literal.
  return v.input.find("1e400") != std::string::npos;
}

TEST(SchemaVectorsTest, MatchJavaSchemaParserAndToString) {
  std::vector<Vector> vectors = load_vectors();
  ASSERT_GT(vectors.size(), 150u);
  int accepted = 0, rejected = 0;
  for (const Vector& v : vectors) {
    SCOPED_TRACE(v.input);
    if (is_known_divergence(v)) continue;
    auto schema = parse_schema(v.input);
    if (!v.ok) {
      EXPECT_FALSE(schema.ok()) << "Java rejects it: " << v.error;
      ++rejected;
      continue;
    }
    ASSERT_TRUE(schema.ok()) << schema.status().to_string();
    ++accepted;
    const std::string& expected = v.java;  // doubles in JDK 17's digits, as Java wrote them
    EXPECT_EQ((*schema)->to_json(), expected);
    EXPECT_EQ(parsing_canonical_form(**schema), v.canonical);
    EXPECT_EQ(parsing_fingerprint64(**schema), v.fingerprint);
    std::string_view logical = logical_type_name((*schema)->logical_type());
    // Java 1.11 does not know timestamp-nanos, local-timestamp-nanos and duration.
    if (!v.logical.empty() || (logical != "timestamp-nanos" && logical != "duration")) {
      EXPECT_EQ(logical, v.logical);
    }
    // Java's output parses back to itself.
    auto again = parse_schema(expected);
    ASSERT_TRUE(again.ok()) << again.status().to_string();
    EXPECT_EQ((*again)->to_json(), expected);
  }
  EXPECT_GT(accepted, 100);
  EXPECT_GT(rejected, 50);
}

TEST(SchemaVectorsTest, FingerprintOfTheEmptyString) {
  // CRC-64-AVRO of no bytes is the EMPTY constant of the specification.
  EXPECT_EQ(fingerprint64(""), 0xc15d213aa4d7a795ULL);
}

}  // namespace
}  // namespace sluice::avro
