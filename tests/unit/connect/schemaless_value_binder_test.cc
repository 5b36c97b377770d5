// SchemalessValueBinder: JSON text and schemaless JsonConverter values bound to a supplied
// schema (sluice.value.schema.*), every Connect type, nesting, and errors that name the path.
#include "connect/schemaless_value_binder.h"

#include <gtest/gtest.h>

#include <string>

#include "connect/iso8601_text.h"
#include "connect/json_tree.h"
#include "connect/standard_schemas.h"
#include "connect/supplied_value_schema.h"
#include "value_text.h"

namespace sluice::connect {
namespace {

using testing::render;

constexpr std::string_view kOrderAvsc = R"({
  "type": "record", "name": "Order", "namespace": "shop",
  "fields": [
    {"name": "id", "type": "int"},
    {"name": "small", "type": {"type": "int", "connect.type": "int8"}, "default": 0},
    {"name": "total", "type": "long"},
    {"name": "ratio", "type": "float"},
    {"name": "price", "type": "double"},
    {"name": "paid", "type": "boolean"},
    {"name": "note", "type": ["null", "string"], "default": null},
    {"name": "raw", "type": "bytes"},
    {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
    {"name": "day", "type": {"type": "int", "logicalType": "date"}},
    {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
    {"name": "state", "type": {"type": "enum", "name": "State", "symbols": ["NEW", "DONE"]}},
    {"name": "tags", "type": {"type": "array", "items": "string"}},
    {"name": "attrs", "type": {"type": "map", "values": "long"}},
    {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
      {"name": "name", "type": "string"},
      {"name": "level", "type": "int", "default": 1}]}},
    {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line",
      "fields": [{"name": "sku", "type": "string"}, {"name": "qty", "type": "int"}]}}}
  ]})";

constexpr std::string_view kFullOrder = R"({
  "id": 7, "total": 10000000000, "ratio": 0.5, "price": 12.25, "paid": true,
  "raw": "AQI=", "amount": 12.5, "day": "2024-05-01", "at": "2024-05-01T12:00:00.250Z",
  "state": "DONE", "tags": ["a", "b"], "attrs": {"x": 1, "y": 2},
  "customer": {"name": "Ann"}, "lines": [{"sku": "s1", "qty": 2}], "ignored": {"deep": [1]}})";

class SchemalessValueBinderTest : public ::testing::Test {
 protected:
  SchemalessValueBinderTest() {
    Result<SchemaPtr> schema =
        supplied_schema_from_text(kOrderAvsc, config::ValueSchemaType::kAvro);
    EXPECT_TRUE(schema.ok()) << schema.status().message();
    binder_ = std::make_unique<SchemalessValueBinder>(*schema);
  }
  // Binds JSON text (StringConverter's value) and renders the result or the error message.
  std::string bind_text(std::string_view json) {
    Value out;
    Status st = binder_->bind(Schema::optional_string().get(), Value::string(json), arena_, &out);
    return st.ok() ? render(out) : "error: " + st.message();
  }
  // Replaces one member of kFullOrder ("\"id\": 7" -> replacement).
  std::string bind_with(std::string_view from, std::string_view to) {
    std::string doc(kFullOrder);
    size_t at = doc.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    doc.replace(at, from.size(), to);
    return bind_text(doc);
  }

  Arena arena_;
  std::unique_ptr<SchemalessValueBinder> binder_;
};

TEST_F(SchemalessValueBinderTest, BindsEveryTypeFromJsonText) {
  EXPECT_EQ(bind_text(kFullOrder),
            "Struct{id=7,small=0,total=10000000000,ratio=f:0.5,price=d:12.25,paid=true,note=null,"
            "raw=0x0102,amount=dec(0x04e2,2),day=19844,at=1714564800250,state=\"DONE\","
            "tags=[\"a\",\"b\"],attrs={\"x\":1,\"y\":2},customer=Struct{name=\"Ann\",level=1},"
            "lines=[Struct{sku=\"s1\",qty=2}]}");
}

TEST_F(SchemalessValueBinderTest, NumbersAreCheckedAgainstTheFieldType) {
  EXPECT_EQ(bind_with("\"id\": 7", "\"id\": 3000000000"),
            "error: Value does not fit the schema of sluice.value.schema.* at field 'id': "
            "expected an integer that fits INT32, got a number (3000000000)");
  EXPECT_EQ(bind_with("\"id\": 7", "\"id\": 7.5"),
            "error: Value does not fit the schema of sluice.value.schema.* at field 'id': "
            "expected an integer (INT32), got a number (7.5)");
  EXPECT_NE(bind_with("\"id\": 7", "\"id\": 7, \"small\": 128").find("fits INT8"),
            std::string::npos);
  EXPECT_NE(bind_with("\"total\": 10000000000", "\"total\": 9223372036854775808").find("INT64"),
            std::string::npos);
  EXPECT_NE(bind_with("\"ratio\": 0.5", "\"ratio\": 1e39").find("fits FLOAT32"), std::string::npos);
  EXPECT_NE(bind_with("\"price\": 12.25", "\"price\": \"12\"")
                .find("expected a number, got a "
                      "string"),
            std::string::npos);
}

TEST_F(SchemalessValueBinderTest, ErrorsNameNestedPaths) {
  EXPECT_EQ(bind_with("\"qty\": 2", "\"qty\": \"two\""),
            "error: Value does not fit the schema of sluice.value.schema.* at field "
            "'lines[0].qty': expected an integer (INT32), got a string");
  EXPECT_EQ(bind_with("{\"name\": \"Ann\"}", "{}"),
            "error: Value does not fit the schema of sluice.value.schema.* at field "
            "'customer.name': missing, and the field is required (no default)");
  EXPECT_EQ(bind_with("\"y\": 2", "\"y\": true"),
            "error: Value does not fit the schema of sluice.value.schema.* at field 'attrs.y': "
            "expected an integer (INT64), got a boolean");
  EXPECT_EQ(bind_with("\"state\": \"DONE\"", "\"state\": \"LOST\""),
            "error: Value does not fit the schema of sluice.value.schema.* at field 'state': "
            "'LOST' is not a symbol of enum shop.State");
  EXPECT_NE(bind_with("\"paid\": true", "\"paid\": null")
                .find("'paid': null, and the field is "
                      "required"),
            std::string::npos);
  EXPECT_NE(bind_with("\"raw\": \"AQI=\"", "\"raw\": \"**\"").find("'raw': expected base64"),
            std::string::npos);
  EXPECT_NE(bind_with("\"tags\": [\"a\", \"b\"]", "\"tags\": \"a\"")
                .find("'tags': expected an "
                      "array, got a string"),
            std::string::npos);
}

TEST_F(SchemalessValueBinderTest, DecimalsFromNumbersAndStringsWithoutRounding) {
  EXPECT_NE(bind_with("\"amount\": 12.5", "\"amount\": \"-0.01\"").find("amount=dec(0xff,2)"),
            std::string::npos);
  EXPECT_NE(bind_with("\"amount\": 12.5", "\"amount\": 1.2e1").find("amount=dec(0x04b0,2)"),
            std::string::npos);
  EXPECT_NE(bind_with("\"amount\": 12.5", "\"amount\": 3.1400").find("amount=dec(0x013a,2)"),
            std::string::npos);
  EXPECT_NE(bind_with("\"amount\": 12.5", "\"amount\": 5e-3").find("more than 2 fraction digits"),
            std::string::npos);
  EXPECT_NE(bind_with("\"amount\": 12.5", "\"amount\": 3.145").find("sluice does not round"),
            std::string::npos);
}

TEST_F(SchemalessValueBinderTest, TimesFromNumbersAndIsoText) {
  EXPECT_NE(bind_with("\"at\": \"2024-05-01T12:00:00.250Z\"", "\"at\": 1714564800250")
                .find("at=1714564800250"),
            std::string::npos);
  EXPECT_NE(
      bind_with("\"at\": \"2024-05-01T12:00:00.250Z\"", "\"at\": \"2024-05-01T14:00:00.25+02:00\"")
          .find("at=1714564800250"),
      std::string::npos);
  EXPECT_NE(bind_with("\"day\": \"2024-05-01\"", "\"day\": 19844").find("day=19844"),
            std::string::npos);
  EXPECT_NE(bind_with("\"day\": \"2024-05-01\"", "\"day\": \"2024-02-30\"").find("expected a date"),
            std::string::npos);
  EXPECT_EQ(parse_iso_time_millis("01:02:03.004"), 3723004);
  EXPECT_EQ(parse_iso_date("1969-12-31"), -1);
  EXPECT_EQ(parse_iso_timestamp_millis("1970-01-01 00:00"), 0);
  EXPECT_EQ(parse_iso_timestamp_millis("1970-01-01T00:00:00-0100"), 3'600'000);
  EXPECT_FALSE(parse_iso_timestamp_millis("1970-01-01T24:00:00Z"));
}

TEST_F(SchemalessValueBinderTest, BadDocumentsAndSchemafulValuesAreDataErrors) {
  EXPECT_NE(bind_text("{\"id\": ").find("needs JSON text values"), std::string::npos);
  EXPECT_NE(bind_text("  ").find("got an empty value"), std::string::npos);
  EXPECT_EQ(bind_text("[1]"),
            "error: Value does not fit the schema of sluice.value.schema.* at field "
            "'(the value)': expected an object, got an array");
  Value out;
  Status st =
      binder_->bind(required_schema(SchemaType::kInt32).get(), Value::integer(1), arena_, &out);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_NE(st.message().find("binds schemaless values only"), std::string::npos);
  // A tombstone stays null for behavior.on.null.values.
  ASSERT_TRUE(binder_->bind(nullptr, Value::null(), arena_, &out).ok());
  EXPECT_TRUE(out.is_null());
}

TEST_F(SchemalessValueBinderTest, BindsJsonConverterSchemalessValues) {
  JsonReader reader;
  Value schemaless;
  ASSERT_TRUE(reader.read_values(kFullOrder, arena_, &schemaless).ok());
  ASSERT_EQ(schemaless.kind(), ValueKind::kMap);
  Value out;
  Status st = binder_->bind(nullptr, schemaless, arena_, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(render(out), bind_text(kFullOrder));
  // A FLOAT64 value into a Decimal keeps its shortest digits.
  Value amount_map[] = {Value::string("amount"), Value::float64(0.1)};
  Value map = Value::map(amount_map);
  Result<SchemaPtr> dec = supplied_schema_from_text(
      R"({"type":"record","name":"D","fields":[{"name":"amount","type":{"type":"bytes",
         "logicalType":"decimal","precision":4,"scale":2}}]})",
      config::ValueSchemaType::kAvro);
  ASSERT_TRUE(dec.ok()) << dec.status().message();
  SchemalessValueBinder dec_binder(*dec);
  ASSERT_TRUE(dec_binder.bind(nullptr, map, arena_, &out).ok());
  EXPECT_EQ(render(out), "Struct{amount=dec(0x0a,2)}");
}

TEST(SchemalessValueBinderJsonSchema, BindsAJsonSchemaAndItsUnion) {
  Result<SchemaPtr> schema = supplied_schema_from_text(R"({
      "type": "object", "title": "Event",
      "properties": {
        "id": {"type": "integer", "connect.index": 0},
        "kind": {"oneOf": [{"type": "string"}, {"type": "integer"}], "connect.index": 1},
        "score": {"oneOf": [{"type": "null"}, {"type": "number"}], "connect.index": 2}
      },
      "required": ["id", "kind"]})",
                                                       config::ValueSchemaType::kJson);
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  SchemalessValueBinder binder(*schema);
  Arena arena;
  Value out;
  ASSERT_TRUE(binder.bind(nullptr, Value::string(R"({"id": 1, "kind": 5})"), arena, &out).ok());
  EXPECT_EQ(render(out),
            "Struct{id=1,kind=Struct{io.confluent.connect.json.OneOf.field.0=null,"
            "io.confluent.connect.json.OneOf.field.1=5},score=null}");
  Status st = binder.bind(nullptr, Value::string(R"({"id": 1, "kind": []})"), arena, &out);
  EXPECT_NE(st.message().find("'kind': expected a value of one of the union's member types"),
            std::string::npos);
}

TEST(SchemalessValueBinderAvroUnion, TheFirstMemberThatTakesTheValueGetsIt) {
  Result<SchemaPtr> schema = supplied_schema_from_text(
      R"({"type": "record", "name": "U", "fields": [
          {"name": "u", "type": ["null", "int", "string", {"type": "array", "items": "int"}]}]})",
      config::ValueSchemaType::kAvro);
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  SchemalessValueBinder binder(*schema);
  Arena arena;
  auto bind = [&](std::string_view json) {
    Value out;
    Status st = binder.bind(nullptr, Value::string(json), arena, &out);
    return st.ok() ? render(out) : "error: " + st.message();
  };
  EXPECT_EQ(bind(R"({"u": 5})"), "Struct{u=Struct{int=5,string=null,array=null}}");
  EXPECT_EQ(bind(R"({"u": "x"})"), "Struct{u=Struct{int=null,string=\"x\",array=null}}");
  EXPECT_EQ(bind(R"({"u": [1]})"), "Struct{u=Struct{int=null,string=null,array=[1]}}");
  EXPECT_EQ(bind(R"({})"), "Struct{u=null}");
  EXPECT_EQ(bind(R"({"u": 3000000000})"),
            "error: Value does not fit the schema of sluice.value.schema.* at field 'u': expected "
            "a value of one of the union's member types, got a number (3000000000)");
}

TEST(SuppliedValueSchema, BadSchemasAreInvalidArguments) {
  Result<SchemaPtr> bad =
      supplied_schema_from_text("{\"type\": \"recrd\"}", config::ValueSchemaType::kAvro);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("not a valid Avro schema"), std::string::npos);
  bad = supplied_schema_from_text("{\"type\": 5}", config::ValueSchemaType::kJson);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  bad = load_supplied_schema_file("/nonexistent/x.avsc", config::ValueSchemaType::kAvro);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sluice::connect
