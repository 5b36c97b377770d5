// AvroValueDecoder: Confluent wire payloads (written by fastavro's schemaless_writer, as
// KafkaAvroSerializer writes them: tests/data/avro/connect/make_wire_vectors.py) decoded into
// Connect values, union member choice as AvroData makes it, and malformed input.
#include "connect/avro_value_decoder.h"

#include <gtest/gtest.h>

#include <string>

#include "avro/encoder.h"
#include "avro_test_util.h"
#include "connect/avro_to_connect_schema.h"

namespace sluice::connect {
namespace {

using testing::avro_schema;
using testing::render;
using testing::unhex;

class AvroDecoderTest : public ::testing::Test {
 protected:
  // Renders the value decoded from `datum`, or "ERROR <message>".
  std::string decode(const avro::SchemaPtr& writer, std::string_view datum) {
    AvroToConnectSchema schemas(config_);
    auto schema = schemas.convert(writer);
    if (!schema.ok()) return "SCHEMA ERROR " + schema.status().message();
    schema_ = *schema;
    AvroValueDecoder decoder(config_);
    Value value;
    Status st = decoder.decode(datum, *writer, *schema_, arena_, &value);
    if (!st.ok()) return "ERROR " + st.message();
    return render(value);
  }
  std::string decode(std::string_view writer_json, std::string_view datum) {
    return decode(avro_schema(writer_json), datum);
  }
  AvroDataConfig config_;
  Arena arena_;
  SchemaPtr schema_;
};

TEST_F(AvroDecoderTest, ConfluentWirePayloads) {
  avro::SchemaPtr writer = avro_schema(testing::read_data("avro/connect/wire_all_types.avsc"));
  const std::vector<std::string> payloads = testing::read_lines("avro/connect/wire_all_types.hex");
  ASSERT_EQ(payloads.size(), 4u);
  const std::string expected[] = {
      "Struct{b=true,i=-1,l=1099511627776,f=f:1.5,d=d:-0.25,s=\"h\xc3\xa9 \xf0\x9f\x98\x80\","
      "by=0x00ff,fx=0x61626364,e=\"GREEN\",a=[3,27],m={\"k\":64},dec=dec(0xcfc7,2),day=19000,"
      "tm=3723004,ts=1700000000123,tmicros=5,id=\"6ba7b810-9dad-11d1-80b4-00c04fd430c8\","
      "i8=-128,i16=32767,opt=null,optd=\"y\",u=Struct{int=5,string=null,Color=null},"
      "nested=Struct{x=1},kv={1:\"one\"}}",
      "Struct{b=false,i=2147483647,l=-9223372036854775808,f=f:0,d=d:1.0000000000000001e+300,"
      "s=\"\",by=0x,fx=0x00000000,e=\"BLUE\",a=[],m={},dec=dec(0x00,2),day=-1,tm=0,ts=-1,"
      "tmicros=-5,id=\"00000000-0000-0000-0000-000000000000\",i8=127,i16=-32768,opt=\"o\","
      "optd=null,u=Struct{int=null,string=\"text\",Color=null},nested=Struct{x=-2},"
      "kv={2:\"a\",3:\"b\"}}",
      "Struct{b=true,i=0,l=0,f=f:-2.5,d=d:0.10000000000000001,s=\"plain\",by=0x01,"
      "fx=0x7778797a,e=\"RED\",a=[-1],m={\"a\":1,\"b\":2},dec=dec(0x02540be3ff,2),day=0,"
      "tm=86399999,ts=0,tmicros=0,id=\"6ba7b811-9dad-11d1-80b4-00c04fd430c8\",i8=0,i16=0,"
      "opt=null,optd=\"x\",u=Struct{int=null,string=\"BLUE\",Color=null},nested=Struct{x=0},"
      "kv={}}",
      "Struct{b=false,i=1,l=1,f=f:1,d=d:1,s=\"u\",by=0x80,fx=0x31323334,e=\"RED\",a=[1,2,3],"
      "m={\"z\":-1},dec=dec(0x01,2),day=11016,tm=43200000,ts=86400000,tmicros=1,"
      "id=\"6ba7b812-9dad-11d1-80b4-00c04fd430c8\",i8=1,i16=1,opt=\"x\",optd=\"z\",u=null,"
      "nested=Struct{x=5},kv={9:\"\"}}",
  };
  for (size_t i = 0; i < payloads.size(); ++i) {
    const std::string payload = unhex(payloads[i]);
    ASSERT_EQ(payload.substr(0, 5), std::string("\0\0\0\0\x2a", 5));  // magic 0, schema id 42
    EXPECT_EQ(decode(writer, std::string_view(payload).substr(5)), expected[i]) << "payload " << i;
  }
}

TEST_F(AvroDecoderTest, EveryTruncationIsADataError) {
  avro::SchemaPtr writer = avro_schema(testing::read_data("avro/connect/wire_all_types.avsc"));
  for (const std::string& hex_payload : testing::read_lines("avro/connect/wire_all_types.hex")) {
    const std::string datum = unhex(hex_payload).substr(5);
    for (size_t n = 0; n < datum.size(); ++n) {
      AvroToConnectSchema schemas(config_);
      SchemaPtr schema = *schemas.convert(writer);
      AvroValueDecoder decoder(config_);
      Value value;
      Status st =
          decoder.decode(std::string_view(datum).substr(0, n), *writer, *schema, arena_, &value);
      EXPECT_EQ(st.code(), StatusCode::kDataError) << "prefix " << n << " decoded";
    }
  }
}

TEST_F(AvroDecoderTest, MalformedInput) {
  EXPECT_EQ(decode(R"(["null","int"])", std::string("\x04", 1)).substr(0, 6), "ERROR ");
  EXPECT_EQ(
      decode(R"({"type":"enum","name":"E","symbols":["A"]})", std::string("\x02", 1)).substr(0, 6),
      "ERROR ");
  EXPECT_EQ(decode(R"("bytes")", std::string("\x01", 1)).substr(0, 6), "ERROR ");  // length -1
  // A block count far beyond the bytes left is refused before anything is allocated.
  EXPECT_EQ(decode(R"({"type":"array","items":"long"})", std::string("\xfe\xff\xff\xff\x0f", 5))
                .substr(0, 6),
            "ERROR ");
  // Bytes after the datum are ignored, as Java's deserializer ignores them.
  EXPECT_EQ(decode(R"("int")", std::string("\x02\x99", 2)), "1");
}

TEST_F(AvroDecoderTest, StringsAreDecodedAsJavaDoes) {
  // A malformed UTF-8 sequence becomes U+FFFD, as new String(bytes, UTF_8).
  EXPECT_EQ(decode(R"("string")", std::string("\x06"
                                              "a\xff"
                                              "b",
                                              4)),
            "\"a\xef\xbf\xbd"
            "b\"");
}

TEST_F(AvroDecoderTest, LogicalValues) {
  EXPECT_EQ(decode(R"({"type":"int","logicalType":"time-millis"})", std::string("\x01", 1)),
            "ERROR Time values must use number of milliseconds greater than 0 and less than "
            "86400000");
  EXPECT_EQ(decode(R"({"type":"bytes","logicalType":"decimal","precision":4,"scale":1})",
                   std::string("\x00", 1)),
            "ERROR Zero length BigInteger");
  // Java's BigInteger(byte[]) takes any two's complement; the value keeps its minimal form.
  EXPECT_EQ(decode(R"({"type":"bytes","logicalType":"decimal","precision":4,"scale":1})",
                   std::string("\x06\xff\xff\x85", 4)),
            "dec(0x85,1)");
  EXPECT_EQ(decode(R"({"type":"fixed","name":"D","size":2,"logicalType":"decimal","precision":4,
                       "scale":1,"connect.name":"org.apache.kafka.connect.data.Decimal"})",
                   std::string("\x00\x7b", 2)),
            "dec(0x7b,1)");
}

TEST_F(AvroDecoderTest, MapsKeepFirstPlaceAndLastValue) {
  // Two blocks, the key "a" twice: a HashMap keeps one entry with the last value.
  std::string datum;
  avro::Encoder e(datum);
  e.write_map_start(2);
  e.write_string("a");
  e.write_int(1);
  e.write_string("b");
  e.write_int(2);
  e.write_map_start(1);
  e.write_string("a");
  e.write_int(3);
  e.write_map_end();
  EXPECT_EQ(decode(R"({"type":"map","values":"int"})", datum), "{\"a\":3,\"b\":2}");
}

TEST_F(AvroDecoderTest, SizedBlocks) {
  // A negative count announces the block's byte size: [3, 27] as 03 04 06 36 00.
  EXPECT_EQ(decode(R"({"type":"array","items":"long"})", std::string("\x03\x04\x06\x36\x00", 5)),
            "[3,27]");
}

TEST_F(AvroDecoderTest, UnionMembersChosenAsJavaChooses) {
  // A fixed value is a GenericFixed, which the earlier "bytes" field accepts.
  EXPECT_EQ(
      decode(R"(["bytes",{"type":"fixed","name":"F","size":2}])", std::string("\x02\x61\x62", 3)),
      "Struct{bytes=0x6162,F=null}");
  // A bytes value of the fixed size is taken by an earlier fixed field.
  EXPECT_EQ(decode(R"([{"type":"fixed","name":"F","size":2},"bytes"])",
                   std::string("\x02\x04\x61\x62", 4)),
            "Struct{F=0x6162,bytes=null}");
  EXPECT_EQ(
      decode(R"([{"type":"fixed","name":"F","size":2},"bytes"])", std::string("\x02\x02\x61", 3)),
      "Struct{F=null,bytes=0x61}");
  // INT8 has no Java class in AvroData's table: an int8 member never matches.
  EXPECT_EQ(
      decode(R"(["string",{"type":"int","connect.type":"int8"}])", std::string("\x02\x02", 2)),
      "ERROR Did not find matching union field for data");
  EXPECT_EQ(decode(R"(["null","string","long"])", std::string("\x00", 1)), "null");
  EXPECT_EQ(decode(R"(["string","long"])", std::string("\x02\x0a", 2)),
            "Struct{string=null,long=5}");
  // A record goes to its own field, named or a ConnectDefault.
  EXPECT_EQ(decode(R"(["int",{"type":"record","name":"ConnectDefault","namespace":
                       "io.confluent.connect.avro","fields":[{"name":"x","type":"int"}]}])",
                   std::string("\x02\x06", 2)),
            "Struct{int=null,ConnectDefault=Struct{x=3}}");
  // An enum symbol goes to the enum's field, not to an earlier string field.
  EXPECT_EQ(decode(R"(["string",{"type":"enum","name":"E","symbols":["A","B"]}])",
                   std::string("\x02\x02", 2)),
            "Struct{string=null,E=\"B\"}");
}

TEST_F(AvroDecoderTest, NullForARequiredSchema) {
  config_.flatten_singleton_union = true;
  // A union member that is null in a required Connect position cannot come from Avro data, so
  // check the rule through a record field whose Connect schema is required.
  EXPECT_EQ(decode(R"(["null","int"])", std::string("\x00", 1)), "null");
  SchemaPtr required = testing::connect_schema(R"({"type":"int32"})");
  avro::SchemaPtr writer = avro_schema(R"(["null","int"])");
  AvroValueDecoder decoder(config_);
  Value value;
  Status st = decoder.decode(std::string("\x00", 1), *writer, *required, arena_, &value);
  EXPECT_EQ(st.message(), "Found null value for non-optional schema");
}

}  // namespace
}  // namespace sluice::connect
