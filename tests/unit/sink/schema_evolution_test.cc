// schema.compatibility: which schema changes cut files and which records are projected into the
// open file (sink/schema_compatibility.h), checked on the decision alone and through a
// TopicPartitionWriter writing JSON files from two interleaved schema versions.
#include <gtest/gtest.h>

#include "../format/format_test_support.h"
#include "avro/schema_parser.h"
#include "connect/avro_to_connect_schema.h"
#include "sink/schema_compatibility.h"
#include "writer_test_fixture.h"

namespace sluice::sink {
namespace {

using connect::Schema;
using connect::SchemaPtr;
using connect::SchemaType;
using connect::Value;
using format::testing::array_of;
using format::testing::map_of;
using format::testing::primitive;
using format::testing::struct_of;
using format::testing::with_default;

SchemaPtr versioned(SchemaPtr base, std::optional<int32_t> version) {
  auto s = std::make_shared<Schema>(*base);
  s->version = version;
  return s;
}

// Order v1 {id int32, note optional string}; v2 adds qty int32 with default 1.
SchemaPtr order_v1() {
  return versioned(struct_of("Order", {{"id", primitive(SchemaType::kInt32)},
                                       {"note", primitive(SchemaType::kString, true)}}),
                   1);
}
SchemaPtr order_v2() {
  return versioned(
      struct_of("Order", {{"id", primitive(SchemaType::kInt32)},
                          {"qty", with_default(primitive(SchemaType::kInt32), Value::integer(1))},
                          {"note", primitive(SchemaType::kString, true)}}),
      2);
}

SchemaChange change(SchemaCompatibility mode, const SchemaPtr& record, const SchemaPtr& file) {
  Result<SchemaChange> c = check_schema_change(mode, record.get(), file.get());
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? *c : SchemaChange::kCompatible;
}

TEST(SchemaCompatibilityTest, NoneCutsOnAnyDifferenceAndNothingElse) {
  SchemaPtr v1 = order_v1();
  SchemaPtr same = order_v1();  // equal, but another object
  EXPECT_EQ(change(SchemaCompatibility::kNone, v1, same), SchemaChange::kCompatible);
  EXPECT_EQ(change(SchemaCompatibility::kNone, order_v2(), v1), SchemaChange::kDifferentSchema);
  EXPECT_EQ(change(SchemaCompatibility::kNone, versioned(v1, 7), v1),
            SchemaChange::kDifferentSchema);
  // NONE needs no versions.
  EXPECT_EQ(change(SchemaCompatibility::kNone, versioned(v1, std::nullopt), v1),
            SchemaChange::kDifferentSchema);
}

TEST(SchemaCompatibilityTest, BackwardCutsOnANewerVersionAndProjectsAnOlderOne) {
  for (SchemaCompatibility mode : {SchemaCompatibility::kBackward, SchemaCompatibility::kFull}) {
    EXPECT_EQ(change(mode, order_v2(), order_v1()), SchemaChange::kDifferentVersion);
    EXPECT_EQ(change(mode, order_v1(), order_v2()), SchemaChange::kCompatible);
  }
  EXPECT_EQ(change(SchemaCompatibility::kForward, order_v2(), order_v1()),
            SchemaChange::kCompatible);
  EXPECT_EQ(change(SchemaCompatibility::kForward, order_v1(), order_v2()),
            SchemaChange::kDifferentVersion);
}

TEST(SchemaCompatibilityTest, VersionsAreRequiredUnderBackwardForwardAndFull) {
  SchemaPtr unversioned = versioned(order_v1(), std::nullopt);
  Result<SchemaChange> c =
      check_schema_change(SchemaCompatibility::kBackward, unversioned.get(), order_v1().get());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kDataError);
  EXPECT_EQ(c.status().message(), "Schema version required for BACKWARD compatibility");
  c = check_schema_change(SchemaCompatibility::kForward, order_v1().get(), unversioned.get());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(), "Schema version required for FORWARD compatibility");
}

// Recursive schemas (reference nodes, connect/schema.h): the walk ends, and still compares what a
// value could reach.
SchemaPtr recursive_node(int version, std::string_view value_type, bool with_label) {
  std::string json = R"({"type":"record","name":"Node","fields":[{"name":"value","type":")" +
                     std::string(value_type) + R"("},)";
  if (with_label) json += R"({"name":"label","type":["null","string"],"default":null},)";
  json += R"({"name":"next","type":["null","Node"],"default":null},)"
          R"({"name":"kids","type":{"type":"array","items":"Node"}}]})";
  auto avro = avro::parse_schema(json);
  EXPECT_TRUE(avro.ok());
  connect::AvroToConnectSchema converter;
  auto schema = converter.convert(*avro, version);
  EXPECT_TRUE(schema.ok());
  return *schema;
}

TEST(SchemaCompatibilityTest, RecursiveSchemasTerminate) {
  SchemaPtr v1 = recursive_node(1, "int", false);
  EXPECT_EQ(change(SchemaCompatibility::kNone, v1, recursive_node(1, "int", false)),
            SchemaChange::kCompatible);
  EXPECT_EQ(change(SchemaCompatibility::kNone, recursive_node(2, "int", true), v1),
            SchemaChange::kDifferentSchema);
  // v2 adds an optional field and widens int to long: v1 records project onto it.
  EXPECT_EQ(change(SchemaCompatibility::kBackward, v1, recursive_node(2, "long", true)),
            SchemaChange::kCompatible);
  EXPECT_EQ(change(SchemaCompatibility::kBackward, recursive_node(2, "long", true), v1),
            SchemaChange::kDifferentType);
  EXPECT_EQ(change(SchemaCompatibility::kFull, recursive_node(2, "string", false), v1),
            SchemaChange::kDifferentType);
}

TEST(SchemaCompatibilityTest, StructuralChangesCutEvenForAnOlderVersion) {
  const auto mode = SchemaCompatibility::kBackward;
  // A type that does not widen (string -> int32), anywhere in the tree.
  SchemaPtr file = versioned(struct_of("R", {{"a", primitive(SchemaType::kInt32)}}), 2);
  SchemaPtr record = versioned(struct_of("R", {{"a", primitive(SchemaType::kString)}}), 1);
  EXPECT_EQ(change(mode, record, file), SchemaChange::kDifferentType);
  // A widening is fine: int8 written as int32.
  record = versioned(struct_of("R", {{"a", primitive(SchemaType::kInt8)}}), 1);
  EXPECT_EQ(change(mode, record, file), SchemaChange::kCompatible);
  // Another name.
  record = versioned(struct_of("S", {{"a", primitive(SchemaType::kInt32)}}), 1);
  EXPECT_EQ(change(mode, record, file), SchemaChange::kDifferentName);
  // An optional record field against a required file field without default.
  record = versioned(struct_of("R", {{"a", primitive(SchemaType::kInt32, true)}}), 1);
  EXPECT_EQ(change(mode, record, file), SchemaChange::kIncompatibleOptionality);
  // A required file field without default that the record lacks.
  record = versioned(struct_of("R", {{"b", primitive(SchemaType::kInt32)}}), 1);
  EXPECT_EQ(change(mode, record, file), SchemaChange::kMissingRequiredField);
  // Array elements and map keys are checked too.
  SchemaPtr file_array = versioned(array_of(primitive(SchemaType::kInt32)), 2);
  EXPECT_EQ(change(mode, versioned(array_of(primitive(SchemaType::kBoolean)), 1), file_array),
            SchemaChange::kDifferentType);
  SchemaPtr file_map =
      versioned(map_of(primitive(SchemaType::kString), primitive(SchemaType::kInt64)), 2);
  EXPECT_EQ(
      change(mode,
             versioned(map_of(primitive(SchemaType::kBytes), primitive(SchemaType::kInt64)), 1),
             file_map),
      SchemaChange::kDifferentType);
  // Parameters other than documentation ones.
  auto with_params = std::make_shared<Schema>(*file);
  with_params->parameters = {{"connect.record.doc", "x"}};
  EXPECT_EQ(change(mode, versioned(with_params, 1), file), SchemaChange::kCompatible);
  with_params->parameters = {{"k", "v"}};
  EXPECT_EQ(change(mode, versioned(with_params, 1), file), SchemaChange::kDifferentParameters);
}

class SchemaEvolutionWriterTest : public test::TopicPartitionWriterTest {
 protected:
  connect::SinkRecord order(int64_t offset, const SchemaPtr& schema, int32_t id) {
    connect::SinkRecord r;
    r.topic = "orders";
    r.partition = 3;
    r.offset = offset;
    r.timestamp = 0;
    r.value_schema = schema;
    const bool has_qty = schema->field("qty") != nullptr;
    auto items = arena_.allocate_array<Value>(has_qty ? 3 : 2);
    items[0] = Value::integer(id);
    if (has_qty) items[1] = Value::integer(9);
    items[has_qty ? 2 : 1] = Value::string(arena_.copy("n" + std::to_string(id)));
    r.value = Value::structure(schema.get(), items);
    return r;
  }

  // A writer whose open files rotate_now() can cut (it records a plan, which is accepted).
  void build_for_schemas(const RotationPolicy& policy) {
    build(PartitionerOptions{}, policy, std::nullopt, 5 * 1024 * 1024,
          [](const std::string&, int32_t, int64_t, const std::string&) {
            return Status::ok_status();
          });
  }

  // Writes v1, v2, v1, v2, v1 (offsets 0..4) under `mode` with a large flush.size.
  void write_interleaved(SchemaCompatibility mode) {
    RotationPolicy policy;
    policy.flush_size = 100;
    policy.schema_compatibility = mode;
    build_for_schemas(policy);
    SchemaPtr v1 = order_v1();
    SchemaPtr v2 = order_v2();
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(writer_->write(order(i, i % 2 == 0 ? v1 : v2, i + 1), 0).ok());
    }
    writer_->rotate_now(0);
    {
      Status settled = settle();
      ASSERT_TRUE(settled.ok()) << settled.message();
    }
  }

  static std::string key(int offset) {
    char name[64];
    std::snprintf(name, sizeof name, "topics/orders/partition=3/orders+3+%010d.json", offset);
    return name;
  }

  connect::Arena arena_;
};

TEST_F(SchemaEvolutionWriterTest, NoneStartsAFileAtEverySchemaSwitch) {
  write_interleaved(SchemaCompatibility::kNone);
  EXPECT_EQ(store_.keys(), (std::vector<std::string>{key(0), key(1), key(2), key(3), key(4)}));
  EXPECT_EQ(body(key(1)), "{\"id\":2,\"qty\":9,\"note\":\"n2\"}\n");
}

TEST_F(SchemaEvolutionWriterTest, BackwardCutsOnceAndProjectsOlderRecordsIntoTheNewerFile) {
  for (SchemaCompatibility mode : {SchemaCompatibility::kBackward, SchemaCompatibility::kFull}) {
    store_.clear();
    write_interleaved(mode);
    EXPECT_EQ(store_.keys(), (std::vector<std::string>{key(0), key(1)}));
    EXPECT_EQ(body(key(0)), "{\"id\":1,\"note\":\"n1\"}\n");
    // v1 records take v2's shape: qty gets its default.
    EXPECT_EQ(body(key(1)),
              "{\"id\":2,\"qty\":9,\"note\":\"n2\"}\n"
              "{\"id\":3,\"qty\":1,\"note\":\"n3\"}\n"
              "{\"id\":4,\"qty\":9,\"note\":\"n4\"}\n"
              "{\"id\":5,\"qty\":1,\"note\":\"n5\"}\n");
  }
}

TEST_F(SchemaEvolutionWriterTest, ForwardKeepsTheFirstSchemaAndProjectsNewerRecordsOntoIt) {
  write_interleaved(SchemaCompatibility::kForward);
  EXPECT_EQ(store_.keys(), (std::vector<std::string>{key(0)}));
  EXPECT_EQ(body(key(0)),
            "{\"id\":1,\"note\":\"n1\"}\n{\"id\":2,\"note\":\"n2\"}\n{\"id\":3,\"note\":\"n3\"}\n"
            "{\"id\":4,\"note\":\"n4\"}\n{\"id\":5,\"note\":\"n5\"}\n");
}

TEST_F(SchemaEvolutionWriterTest, AMissingVersionIsADataErrorThatWritesNothing) {
  RotationPolicy policy;
  policy.flush_size = 100;
  policy.schema_compatibility = SchemaCompatibility::kBackward;
  build_for_schemas(policy);
  ASSERT_TRUE(writer_->write(order(0, order_v1(), 1), 0).ok());
  Status st = writer_->write(order(1, versioned(order_v2(), std::nullopt), 2), 0);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(), "Schema version required for BACKWARD compatibility");
  writer_->skip(1);
  ASSERT_TRUE(writer_->write(order(2, order_v1(), 3), 0).ok());
  writer_->rotate_now(0);
  {
    Status settled = settle();
    ASSERT_TRUE(settled.ok()) << settled.message();
  }
  EXPECT_EQ(body(key(0)), "{\"id\":1,\"note\":\"n1\"}\n{\"id\":3,\"note\":\"n3\"}\n");
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(3));
}

TEST_F(SchemaEvolutionWriterTest, ASwitchToSchemalessValuesAlwaysCuts) {
  RotationPolicy policy;
  policy.flush_size = 100;
  policy.schema_compatibility = SchemaCompatibility::kBackward;
  build_for_schemas(policy);
  ASSERT_TRUE(writer_->write(order(0, order_v1(), 1), 0).ok());
  connect::SinkRecord schemaless = record(1, "plain");
  schemaless.value_schema = nullptr;
  ASSERT_TRUE(writer_->write(schemaless, 0).ok());
  writer_->rotate_now(0);
  {
    Status settled = settle();
    ASSERT_TRUE(settled.ok()) << settled.message();
  }
  EXPECT_EQ(store_.keys(), (std::vector<std::string>{key(0), key(1)}));
}

}  // namespace
}  // namespace sluice::sink
