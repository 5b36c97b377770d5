#include "avro/datum_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "avro/decoder.h"
#include "avro_test_support.h"

namespace sluice::avro {
namespace {

using ::testing::HasSubstr;
using testing::parse_or_die;
using testing::unhex;

// An all-types record (every primitive and complex type, decimal, date, time and timestamp).
constexpr std::string_view kAllTypesSchema = R"({"type":"record","name":"All","fields":[
  {"name":"bo","type":"boolean"},{"name":"i","type":"int"},{"name":"l","type":"long"},
  {"name":"f","type":"float"},{"name":"d","type":"double"},{"name":"s","type":["null","string"]},
  {"name":"by","type":"bytes"},{"name":"fx","type":{"type":"fixed","name":"F2","size":2}},
  {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","C"]}},
  {"name":"a","type":{"type":"array","items":"long"}},{"name":"m","type":{"type":"map","values":"int"}},
  {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":64,"scale":2}},
  {"name":"date","type":{"type":"int","logicalType":"date"}},
  {"name":"t","type":{"type":"int","logicalType":"time-millis"}},
  {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}}]})";

const std::string kAllTypesDatum = unhex(
    "01 01 80 80 80 80 80 40 00 00 c0 3f 00 00 00 00 00 00 d0 bf 02 06 68 c3 a9 04 00 ff ab cd 04 "
    "03 04 06 36 00 02 02 6b 80 01 00 04 cf c7 f0 a8 02 f8 bb c6 03 f6 a1 ab fe f9 62");

TEST(DatumReaderTest, RendersTheAllTypesVectorAsAvroJson) {
  SchemaPtr schema = parse_or_die(kAllTypesSchema);
  Decoder decoder(kAllTypesDatum);
  std::string json;
  ASSERT_TRUE(append_datum_json(decoder, *schema, json).ok());
  EXPECT_TRUE(decoder.at_end());
  EXPECT_EQ(json, R"({"bo":true,"i":-1,"l":1099511627776,"f":1.5,"d":-0.25,"s":{"string":"hé"},)"
                  R"("by":"\u0000ÿ","fx":"«Í","e":"C","a":[3,27],"m":{"k":64},"dec":"ÏÇ",)"
                  R"("date":19000,"t":3723004,"ts":1700000000123})");
}

TEST(DatumReaderTest, SkipConsumesExactlyOneDatum) {
  SchemaPtr schema = parse_or_die(kAllTypesSchema);
  std::string two = kAllTypesDatum + kAllTypesDatum;
  Decoder decoder(two);
  ASSERT_TRUE(skip_datum(decoder, *schema).ok());
  EXPECT_EQ(decoder.position(), kAllTypesDatum.size());
  ASSERT_TRUE(skip_datum(decoder, *schema).ok());
  EXPECT_TRUE(decoder.at_end());
  for (size_t cut = 0; cut < kAllTypesDatum.size(); ++cut) {
    std::string prefix = kAllTypesDatum.substr(0, cut);
    Decoder truncated(prefix);
    EXPECT_FALSE(skip_datum(truncated, *schema).ok()) << cut;
  }
}

TEST(DatumReaderTest, RecursionIsBounded) {
  SchemaPtr list = parse_or_die(
      R"({"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]})");
  std::string deep(5000, '\x02');  // branch 1 again and again
  deep += '\x00';
  Decoder decoder(deep);
  EXPECT_THAT(skip_datum(decoder, *list).message(), HasSubstr("nested deeper"));
  std::string shallow = unhex("02 02 00");
  Decoder ok(shallow);
  std::string json;
  ASSERT_TRUE(append_datum_json(ok, *list, json).ok());
  EXPECT_EQ(json, R"({"next":{"L":{"next":{"L":{"next":null}}}}})");
}

TEST(DatumReaderTest, NonFiniteFloatsAreStrings) {
  SchemaPtr schema = parse_or_die(R"({"type":"array","items":"double"})");
  std::string data = unhex("04 00 00 00 00 00 00 f8 7f 00 00 00 00 00 00 f0 ff 00");
  Decoder decoder(data);
  std::string json;
  ASSERT_TRUE(append_datum_json(decoder, *schema, json).ok());
  EXPECT_EQ(json, R"(["NaN","-Infinity"])");
}

}  // namespace
}  // namespace sluice::avro
