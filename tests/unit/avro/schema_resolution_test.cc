// Avro 1.11 specification, "Schema Resolution", with Java's Resolver choices
// (avro/resolution_plan.h): each test writes a datum with a writer schema, resolves it to a
// reader schema and reads the result back as reader-schema JSON.
#include <gtest/gtest.h>

#include <string>

#include "avro/datum_reader.h"
#include "avro/default_encoder.h"
#include "avro/encoder.h"
#include "avro/json_reader.h"
#include "avro/resolution_plan.h"
#include "avro/resolving_transcoder.h"
#include "avro_test_support.h"

namespace sluice::avro {
namespace {

using testing::parse_or_die;

// A datum of `schema` from JSON (unions take branch 0, as for defaults).
std::string datum(const SchemaPtr& schema, std::string_view json) {
  Result<JsonValue> value = parse_json(json);
  EXPECT_TRUE(value.ok()) << value.status().to_string();
  std::string out;
  Status s = encode_default(*value, *schema, out);
  EXPECT_TRUE(s.ok()) << s.to_string();
  return out;
}

// Resolves `bytes` from `writer` to `reader`; the reader-schema JSON, or "error: <message>".
std::string resolve(std::string_view writer, std::string_view reader, const std::string& bytes) {
  SchemaPtr w = parse_or_die(writer);
  SchemaPtr r = parse_or_die(reader);
  Result<ResolutionPlan> plan = ResolutionPlan::build(w, r);
  if (!plan.ok()) return "plan error: " + plan.status().message();
  ResolvingTranscoder transcoder;
  std::string out;
  Status s = transcoder.transcode(bytes, *plan, out);
  if (!s.ok()) {
    EXPECT_EQ(s.code(), StatusCode::kDataError);
    return "error: " + s.message();
  }
  Decoder decoder(out);
  std::string json;
  Status read = append_datum_json(decoder, *r, json);
  EXPECT_TRUE(read.ok()) << read.to_string();
  EXPECT_TRUE(decoder.at_end()) << "bytes left after the reader datum";
  return json;
}

std::string resolve_json(std::string_view writer, std::string_view reader, std::string_view json) {
  return resolve(writer, reader, datum(parse_or_die(writer), json));
}

constexpr std::string_view kWriterRecord =
    R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"},)"
    R"({"name":"b","type":"string"},{"name":"c","type":"long"}]})";

TEST(SchemaResolution, ReordersFieldsAndSkipsWriterOnlyFields) {
  const std::string reader = R"({"type":"record","name":"R","fields":[{"name":"c","type":"long"},)"
                             R"({"name":"a","type":"int"}]})";
  EXPECT_EQ(resolve_json(kWriterRecord, reader, R"({"a":1,"b":"skip me","c":3})"),
            R"({"c":3,"a":1})");
}

TEST(SchemaResolution, RecordNamesNeedNotMatch) {
  const std::string reader =
      R"({"type":"record","name":"Other","namespace":"x","fields":[{"name":"a","type":"int"}]})";
  EXPECT_EQ(resolve_json(kWriterRecord, reader, R"({"a":7,"b":"","c":0})"), R"({"a":7})");
}

TEST(SchemaResolution, FillsDefaultsOfReaderOnlyFieldsInReaderOrder) {
  const std::string reader =
      R"({"type":"record","name":"R","fields":[)"
      R"({"name":"s","type":"string","default":"dflt"},{"name":"a","type":"int"},)"
      R"({"name":"o","type":["null","int"],"default":null},)"
      R"({"name":"bytes","type":"bytes","default":"\u00ff\u0001"},)"
      R"({"name":"fx","type":{"type":"fixed","name":"F2","size":2},"default":"z"},)"
      R"({"name":"l","type":"long","default":2},)"
      R"({"name":"d","type":"double","default":5},)"
      R"({"name":"arr","type":{"type":"array","items":"int"},"default":[1,2]},)"
      R"({"name":"m","type":{"type":"map","values":"string"},"default":{"k":"v"}},)"
      R"({"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y"]},"default":"Y"},)"
      R"({"name":"rec","type":{"type":"record","name":"In","fields":[)"
      R"({"name":"p","type":"int"},{"name":"q","type":"string","default":"qd"}]},)"
      R"("default":{"p":4}},{"name":"c","type":"long"}]})";
  EXPECT_EQ(resolve_json(kWriterRecord, reader, R"({"a":1,"b":"x","c":3})"),
            R"({"s":"dflt","a":1,"o":null,"bytes":")"
            "\xc3\xbf"
            R"(\u0001","fx":"z\u0000","l":2,"d":5.0,)"
            R"("arr":[1,2],"m":{"k":"v"},"e":"Y","rec":{"p":4,"q":"qd"},"c":3})");
}

TEST(SchemaResolution, DefaultsAfterSuppliedFieldsAreAppended) {
  const std::string reader =
      R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"},)"
      R"({"name":"c","type":"long"},{"name":"z","type":"boolean","default":true}]})";
  EXPECT_EQ(resolve_json(kWriterRecord, reader, R"({"a":-1,"b":"","c":9})"),
            R"({"a":-1,"c":9,"z":true})");
}

TEST(SchemaResolution, MissingFieldWithoutDefaultFailsNamingIt) {
  const std::string reader =
      R"({"type":"record","name":"R2","namespace":"n","fields":[{"name":"a","type":"int"},)"
      R"({"name":"x","type":"int"}]})";
  EXPECT_EQ(resolve_json(kWriterRecord, reader, R"({"a":1,"b":"","c":3})"),
            "error: Found R, expecting n.R2, missing required field x");
}

TEST(SchemaResolution, DefaultOfTheWrongKindIsRefusedWithJavasWording) {
  // Schema parsers validate defaults, so the registry never serves one; the encoder still checks.
  std::string out;
  Status s = encode_default(JsonValue::string("one"), *parse_or_die(R"("int")"), out);
  EXPECT_EQ(s.message(), "Non-numeric default value for int: \"one\"");
  s = encode_default(JsonValue::integer(1), *parse_or_die(R"("string")"), out);
  EXPECT_EQ(s.message(), "Non-string default value for string: 1");
  s = encode_default(JsonValue::object({}), *parse_or_die(kWriterRecord), out);
  EXPECT_EQ(s.message(), "No default value for: a");
}

TEST(SchemaResolution, PromotesNumbers) {
  EXPECT_EQ(resolve_json(R"("int")", R"("long")", "-5"), "-5");
  EXPECT_EQ(resolve_json(R"("int")", R"("float")", "16777217"), "1.6777216E7");
  EXPECT_EQ(resolve_json(R"("int")", R"("double")", "3"), "3.0");
  EXPECT_EQ(resolve_json(R"("long")", R"("float")", "9007199254740993"), "9.0071993E15");
  EXPECT_EQ(resolve_json(R"("long")", R"("double")", "9007199254740993"), "9.007199254740992E15");
  EXPECT_EQ(resolve_json(R"("float")", R"("double")", "0.1"), "0.10000000149011612");
}

TEST(SchemaResolution, RefusesDemotionAndUnrelatedTypes) {
  EXPECT_EQ(resolve_json(R"("long")", R"("int")", "1"), "error: Found long, expecting int");
  EXPECT_EQ(resolve_json(R"("string")", R"("int")", R"("1")"),
            "error: Found string, expecting int");
  EXPECT_EQ(resolve_json(R"("double")", R"("float")", "1"), "error: Found double, expecting float");
}

TEST(SchemaResolution, StringsAndBytesResolveBothWays) {
  // The UTF-8 bytes of "hé" read as bytes: the renderer shows byte values as code points.
  EXPECT_EQ(resolve_json(R"("string")", R"("bytes")", R"("h\u00e9")"), "\"h\xc3\x83\xc2\xa9\"");
  EXPECT_EQ(resolve_json(R"("bytes")", R"("string")", R"("ab")"), R"("ab")");
}

constexpr std::string_view kColors =
    R"({"type":"enum","name":"Color","symbols":["RED","GREEN","BLUE"]})";

TEST(SchemaResolution, EnumSymbolsMapByNameToTheReaderDefault) {
  const std::string reader =
      R"({"type":"enum","name":"Color","symbols":["BLUE","RED","OTHER"],"default":"OTHER"})";
  EXPECT_EQ(resolve_json(kColors, reader, R"("RED")"), R"("RED")");
  EXPECT_EQ(resolve_json(kColors, reader, R"("BLUE")"), R"("BLUE")");
  EXPECT_EQ(resolve_json(kColors, reader, R"("GREEN")"), R"("OTHER")");
}

TEST(SchemaResolution, EnumSymbolWithoutMatchFailsOnlyWhenRead) {
  const std::string reader = R"({"type":"enum","name":"Color","symbols":["BLUE","RED"]})";
  EXPECT_EQ(resolve_json(kColors, reader, R"("RED")"), R"("RED")");
  EXPECT_EQ(resolve_json(kColors, reader, R"("GREEN")"), "error: No match for GREEN");
}

TEST(SchemaResolution, EnumAndFixedNamesMustMatch) {
  EXPECT_EQ(resolve_json(kColors, R"({"type":"enum","name":"Hue","symbols":["RED"]})", R"("RED")"),
            "error: Found Color, expecting Hue");
  EXPECT_EQ(resolve_json(R"({"type":"fixed","name":"F","size":2})",
                         R"({"type":"fixed","name":"F","size":3})", R"("ab")"),
            "error: Found F, expecting F");
  EXPECT_EQ(resolve_json(R"({"type":"fixed","name":"a.F","size":2})",
                         R"({"type":"fixed","name":"b.F","size":2})", R"("ab")"),
            R"("ab")");
}

TEST(SchemaResolution, ReaderAliasesRenameWriterTypesAndFields) {
  const std::string writer =
      R"({"type":"record","name":"old.Rec","fields":[{"name":"n","type":"int"},)"
      R"({"name":"col","type":{"type":"enum","name":"old.Col","symbols":["A","B"]}}]})";
  const std::string reader =
      R"({"type":"record","name":"new.Rec","aliases":["old.Rec"],"fields":[)"
      R"({"name":"number","aliases":["n"],"type":"long"},)"
      R"({"name":"col","type":{"type":"enum","name":"Colour","aliases":["old.Col"],)"
      R"("symbols":["B","A"]}}]})";
  EXPECT_EQ(resolve_json(writer, reader, R"({"n":12,"col":"A"})"), R"({"number":12,"col":"A"})");
}

TEST(SchemaResolution, FieldAliasesApplyOnlyToTheirRecord) {
  // The writer record is not called R (nor an alias of it): its field n keeps its name.
  const std::string writer =
      R"({"type":"record","name":"Other","fields":[{"name":"n","type":"int"}]})";
  const std::string reader =
      R"({"type":"record","name":"R","fields":[{"name":"number","aliases":["n"],)"
      R"("type":"int","default":-1}]})";
  EXPECT_EQ(resolve_json(writer, reader, R"({"n":12})"), R"({"number":-1})");
}

// Writes a union datum: branch index, then the branch value from JSON.
std::string union_datum(std::string_view branch_schema, int index, std::string_view json) {
  std::string out;
  Encoder(out).write_union_index(index);
  return out + datum(parse_or_die(branch_schema), json);
}

TEST(SchemaResolution, EquivalentUnionsResolveBranchForBranch) {
  const std::string writer = R"(["null","int",{"type":"record","name":"P","fields":[)"
                             R"({"name":"a","type":"int"}]}])";
  const std::string reader = R"(["null","int",{"type":"record","name":"P","fields":[)"
                             R"({"name":"a","type":"int"}]}])";
  EXPECT_EQ(resolve(writer, reader, union_datum(R"("int")", 1, "5")), R"({"int":5})");
}

TEST(SchemaResolution, WriterUnionBranchesResolveAgainstTheReader) {
  const std::string writer = R"(["null","int","string"])";
  // Against a non-union: each branch on its own, failing only when that branch is read.
  EXPECT_EQ(resolve(writer, R"("long")", union_datum(R"("int")", 1, "5")), "5");
  EXPECT_EQ(resolve(writer, R"("long")", union_datum(R"("null")", 0, "null")),
            "error: Found null, expecting long");
  // Against another union: the first branch of the same type, then a promotion.
  const std::string reader = R"(["string","null","double"])";
  EXPECT_EQ(resolve(writer, reader, union_datum(R"("int")", 1, "5")), R"({"double":5.0})");
  EXPECT_EQ(resolve(writer, reader, union_datum(R"("string")", 2, R"("s")")), R"({"string":"s"})");
  EXPECT_EQ(resolve(writer, reader, union_datum(R"("null")", 0, "null")), "null");
}

TEST(SchemaResolution, ReaderUnionTakesTheFirstMatchingBranch) {
  EXPECT_EQ(resolve_json(R"("int")", R"(["null","string","long","int"])", "4"), R"({"int":4})");
  EXPECT_EQ(resolve_json(R"("int")", R"(["null","float","long"])", "4"), R"({"float":4.0})");
  EXPECT_EQ(resolve_json(R"("bytes")", R"(["null","string"])", R"("b")"), R"({"string":"b"})");
  EXPECT_EQ(resolve_json(R"("boolean")", R"(["null","string"])", "true"),
            "error: Found boolean, expecting union");
}

TEST(SchemaResolution, ReaderUnionPrefersTheRecordOfTheSameName) {
  const std::string writer =
      R"({"type":"record","name":"a.Pt","fields":[{"name":"x","type":"int"}]})";
  const std::string reader =
      R"(["null",{"type":"record","name":"Other","fields":[{"name":"x","type":"long"}]},)"
      R"({"type":"record","name":"b.Pt","fields":[{"name":"x","type":"int"}]},)"
      R"({"type":"record","name":"a.Pt","fields":[{"name":"x","type":"double"}]}])";
  // The same full name wins over earlier structural matches.
  EXPECT_EQ(resolve_json(writer, reader, R"({"x":3})"), R"({"a.Pt":{"x":3.0}})");
  const std::string no_full_match =
      R"(["null",{"type":"record","name":"Other","fields":[{"name":"x","type":"long"}]},)"
      R"({"type":"record","name":"b.Pt","fields":[{"name":"x","type":"int"}]}])";
  // Else a structural match, the one with the same short name preferred.
  EXPECT_EQ(resolve_json(writer, no_full_match, R"({"x":3})"), R"({"b.Pt":{"x":3}})");
}

TEST(SchemaResolution, ArraysAndMapsResolveTheirItems) {
  const std::string writer = R"({"type":"array","items":{"type":"record","name":"I","fields":[)"
                             R"({"name":"a","type":"int"},{"name":"b","type":"int"}]}})";
  const std::string reader = R"({"type":"array","items":{"type":"record","name":"I","fields":[)"
                             R"({"name":"b","type":"long"},{"name":"a","type":"int"}]}})";
  EXPECT_EQ(resolve_json(writer, reader, R"([{"a":1,"b":2},{"a":3,"b":4}])"),
            R"([{"b":2,"a":1},{"b":4,"a":3}])");
  EXPECT_EQ(resolve_json(R"({"type":"map","values":"int"})", R"({"type":"map","values":"double"})",
                         R"({"k":1,"l":2})"),
            R"({"k":1.0,"l":2.0})");
  // Two blocks, the second sized (negative count, then its byte size).
  std::string bytes;
  Encoder e(bytes);
  e.write_long(1);
  e.write_int(7);
  e.write_long(-2);
  e.write_long(2);
  e.write_int(8);
  e.write_int(9);
  e.write_long(0);
  EXPECT_EQ(
      resolve(R"({"type":"array","items":"int"})", R"({"type":"array","items":"long"})", bytes),
      "[7,8,9]");
}

TEST(SchemaResolution, NestedRecordsReorderInsideReorderedRecords) {
  const std::string writer =
      R"({"type":"record","name":"O","fields":[{"name":"x","type":"string"},)"
      R"({"name":"in","type":{"type":"record","name":"I","fields":[{"name":"p","type":"int"},)"
      R"({"name":"q","type":"string"}]}},{"name":"y","type":"int"}]})";
  const std::string reader =
      R"({"type":"record","name":"O","fields":[{"name":"y","type":"long"},)"
      R"({"name":"in","type":{"type":"record","name":"I","fields":[{"name":"q","type":"string"},)"
      R"({"name":"r","type":"int","default":0},{"name":"p","type":"int"}]}},)"
      R"({"name":"x","type":"string"}]})";
  EXPECT_EQ(resolve_json(writer, reader, R"({"x":"ex","in":{"p":1,"q":"qu"},"y":2})"),
            R"({"y":2,"in":{"q":"qu","r":0,"p":1},"x":"ex"})");
}

TEST(SchemaResolution, TruncatedDatumIsADataError) {
  const std::string bytes = datum(parse_or_die(kWriterRecord), R"({"a":1,"b":"long text","c":3})");
  const std::string reader =
      R"({"type":"record","name":"R","fields":[{"name":"c","type":"long"}]})";
  std::string cut = resolve(kWriterRecord, reader, bytes.substr(0, 4));
  EXPECT_TRUE(cut.starts_with("error: avro: truncated")) << cut;
}

TEST(SchemaResolution, WarmTranscoderReusesItsOutput) {
  SchemaPtr w = parse_or_die(kWriterRecord);
  SchemaPtr r = parse_or_die(
      R"({"type":"record","name":"R","fields":[{"name":"c","type":"long"},{"name":"a","type":"int"}]})");
  Result<ResolutionPlan> plan = ResolutionPlan::build(w, r);
  ASSERT_TRUE(plan.ok());
  const std::string bytes = datum(w, R"({"a":1,"b":"bb","c":3})");
  ResolvingTranscoder transcoder;
  std::string out;
  ASSERT_TRUE(transcoder.transcode(bytes, *plan, out).ok());
  const char* buffer = out.data();
  ASSERT_TRUE(transcoder.transcode(bytes, *plan, out).ok());
  EXPECT_EQ(out.data(), buffer);
  EXPECT_EQ(testing::hex(out), "06 02");
}

}  // namespace
}  // namespace sluice::avro
