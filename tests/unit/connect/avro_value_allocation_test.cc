// The hot-path contract of AvroValueDecoder and AvroValueEncoder (and of ProtobufValueDecoder and
// SchemalessValueBinder): once warmed up, decoding and encoding a record allocate nothing on the
// heap. Counted with the replaced global operator new of counting_new.h.
#include <gtest/gtest.h>

#include "avro_test_util.h"
#include "connect/avro_to_connect_schema.h"
#include "connect/avro_value_decoder.h"
#include "connect/avro_value_encoder.h"
#include "connect/connect_to_avro_schema.h"
#include "connect/protobuf_to_connect_schema.h"
#include "connect/protobuf_value_decoder.h"
#include "connect/schemaless_value_binder.h"
#include "connect/supplied_value_schema.h"
#include "counting_new.h"
#include "protobuf_test_util.h"

namespace sluice::connect {
namespace {

using sluice::testing::g_allocations;
using sluice::testing::g_counting;

TEST(AvroValueAllocationTest, SteadyStateDecodeAndEncodeDoNotAllocate) {
  AvroDataConfig config;
  config.enhanced_avro_schema_support = true;
  avro::SchemaPtr writer =
      testing::avro_schema(testing::read_data("avro/connect/wire_all_types.avsc"));
  SchemaPtr schema = *AvroToConnectSchema(config).convert(writer);
  avro::SchemaPtr avro = *ConnectToAvroSchema(config).convert(schema);
  std::vector<std::string> datums;
  for (const std::string& line : testing::read_lines("avro/connect/wire_all_types.hex")) {
    datums.push_back(testing::unhex(line).substr(5));
  }
  AvroValueDecoder decoder(config);
  AvroValueEncoder encoder(config);
  Arena arena;
  std::string out;
  auto run = [&] {
    for (const std::string& datum : datums) {
      Value value;
      ASSERT_TRUE(decoder.decode(datum, *writer, *schema, arena, &value).ok());
      out.clear();
      ASSERT_TRUE(encoder.encode(*schema, *avro, value, out).ok());
    }
    arena.reset();
  };
  for (int i = 0; i < 3; ++i) run();  // warm up: Arena blocks, scratch tables, `out`
  g_allocations = 0;
  g_counting = true;
  { std::vector<int> probe(10); }  // the counter sees allocations
  g_counting = false;
  ASSERT_EQ(g_allocations, 1u);
  g_allocations = 0;
  g_counting = true;
  for (int i = 0; i < 100; ++i) run();
  g_counting = false;
  EXPECT_EQ(g_allocations, 0u);
}

TEST(ProtobufValueAllocationTest, SteadyStateDecodeDoesNotAllocate) {
  auto file = testing::load_proto(R"(syntax = "proto3";
package a;
import "google/protobuf/timestamp.proto";
message Order {
  int64 id = 1;
  string customer = 2;
  google.protobuf.Timestamp created = 3;
  repeated string tags = 4;
  enum Status { NEW = 0; PAID = 1; }
  Status status = 5;
  oneof payment { string card = 6; Line gift = 7; }
  map<string, int32> counts = 8;
  repeated Line lines = 9;
  repeated sint64 deltas = 10;
  optional double discount = 11;
  message Line { string sku = 1; uint32 count = 2; }
}
)");
  const google::protobuf::Descriptor& order = testing::message_type(*file, "a.Order");
  SchemaPtr schema = *ProtobufToConnectSchema().convert(order, 1);
  const std::vector<std::string> messages = {
      testing::encode(*file, "a.Order",
                      R"(id: 1 customer: "é" created { seconds: 5 nanos: 7 } tags: "a" status: PAID
                         card: "x" counts { key: "k" value: 1 } counts { key: "j" value: 2 }
                         lines { sku: "s" count: 3 } deltas: [-1, 2, -3] discount: 0.5)"),
      testing::encode(*file, "a.Order", R"(gift { sku: "g" } status: 7)"),
      std::string(),
  };
  ProtobufValueDecoder decoder;
  Arena arena;
  auto run = [&] {
    for (const std::string& bytes : messages) {
      Value value;
      ASSERT_TRUE(decoder.decode(bytes, order, *schema, arena, &value).ok());
    }
    arena.reset();
  };
  for (int i = 0; i < 3; ++i) run();  // warm up: Arena blocks, the map-key table
  g_allocations = 0;
  g_counting = true;
  for (int i = 0; i < 100; ++i) run();
  g_counting = false;
  EXPECT_EQ(g_allocations, 0u);
}

TEST(SchemalessValueAllocationTest, SteadyStateBindDoesNotAllocate) {
  SchemaPtr schema = *supplied_schema_from_text(R"({"type": "record", "name": "Order", "fields": [
      {"name": "id", "type": "int"},
      {"name": "note", "type": ["null", "string"], "default": null},
      {"name": "either", "type": ["null", "long", "string", "boolean"]},
      {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9,
                                  "scale": 3}},
      {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
      {"name": "tags", "type": {"type": "array", "items": "string"}},
      {"name": "attrs", "type": {"type": "map", "values": "double"}},
      {"name": "raw", "type": "bytes"}]})",
                                                config::ValueSchemaType::kAvro);
  const std::vector<std::string> documents = {
      R"({"id": 1, "note": "caf\u00e9", "either": "x", "amount": 1.5, "at": 1700000000000,
          "tags": ["a", "b\n"], "attrs": {"k": 1.25}, "raw": "AQI=", "extra": [1, {"a": 2}]})",
      R"({"id": -2, "either": true, "amount": "-12.25", "at": "2024-05-01T12:00:00Z",
          "tags": [], "attrs": {}, "raw": ""})",
  };
  SchemalessValueBinder binder(schema);
  Arena arena;
  auto run = [&] {
    for (const std::string& text : documents) {
      Value value;
      Status st = binder.bind(Schema::optional_string().get(), Value::string(text), arena, &value);
      ASSERT_TRUE(st.ok()) << st.message();
    }
    arena.reset();
  };
  for (int i = 0; i < 3; ++i) run();  // warm up: Arena blocks, the JSON reader's scratch
  g_allocations = 0;
  g_counting = true;
  for (int i = 0; i < 100; ++i) run();
  g_counting = false;
  EXPECT_EQ(g_allocations, 0u);
}

}  // namespace
}  // namespace sluice::connect
