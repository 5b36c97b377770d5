// Nested schemas and columns with repetition/definition levels: the shapes parquet-avro writes
// (2-level lists, MAP/MAP_KEY_VALUE maps, structs) and the 3-level list in the footer, the
// levels of the writer specification's worked examples decoded by the test reader, rows counted
// at repetition level 0, pages cut at row boundaries, leaf statistics and misuse.
#include <gtest/gtest.h>

#include <cstring>

#include "nested_test_reader.h"
#include "parquet/file_writer.h"
#include "test_support.h"

namespace sluice::parquet {
namespace {

using testing::LevelEntry;
using testing::parse_file;
using testing::ParsedFile;
using testing::read_leveled_chunk;
using testing::TValue;
using Kind = LogicalType::Kind;
using R = Repetition;

std::string i32(int32_t v) {
  std::string out(4, '\0');
  std::memcpy(out.data(), &v, 4);
  return out;
}

SchemaNode string_leaf(std::string name, R repetition) {
  return SchemaNode::leaf(std::move(name), repetition, PhysicalType::kByteArray,
                          LogicalType::of(Kind::kString));
}

WriterProperties plain_properties() {
  return {.codec = CompressionCodec::kUncompressed, .dictionary = false};
}

// Writes rows with `fill` (which ends each row itself) and returns the file.
template <typename Fill>
std::string write_file(std::vector<SchemaNode> fields, WriterProperties properties, Fill fill) {
  auto schema = NestedSchema::make("r", std::move(fields));
  EXPECT_TRUE(schema.ok()) << schema.status().to_string();
  StringByteSink sink;
  auto writer = FileWriter::open(std::move(schema).value(), std::move(properties), sink);
  EXPECT_TRUE(writer.ok());
  fill(**writer);
  EXPECT_TRUE((*writer)->close().ok());
  return sink.take();
}

#define OK(expr) ASSERT_TRUE((expr).ok())

TEST(NestedSchemaTest, ParquetAvroShapesInTheFooter) {
  auto schema = NestedSchema::make(
      "r", {SchemaNode::legacy_list("tags", R::kRequired, string_leaf("x", R::kRequired)),
            SchemaNode::map("attrs", R::kOptional,
                            SchemaNode::leaf("v", R::kOptional, PhysicalType::kInt32)),
            SchemaNode::three_level_list("l", R::kOptional,
                                         SchemaNode::leaf("e", R::kOptional, PhysicalType::kInt64)),
            SchemaNode::group("s", R::kOptional,
                              {SchemaNode::leaf("a", R::kRequired, PhysicalType::kInt32)})});
  ASSERT_TRUE(schema.ok()) << schema.status().to_string();
  std::vector<SchemaElement> e = schema->to_schema_elements();
  std::vector<std::string> names;
  for (const SchemaElement& x : e) names.push_back(x.name);
  EXPECT_EQ(names, (std::vector<std::string>{"r", "tags", "array", "attrs", "key_value", "key",
                                             "value", "l", "list", "element", "s", "a"}));
  EXPECT_EQ(e[0].num_children, 4);
  EXPECT_EQ(e[1].converted_type, ConvertedType::kList);
  EXPECT_EQ(e[1].logical_type.kind, Kind::kList);
  EXPECT_EQ(e[1].num_children, 1);
  EXPECT_EQ(e[2].repetition_type, R::kRepeated);
  EXPECT_EQ(e[2].converted_type, ConvertedType::kUtf8);
  EXPECT_EQ(e[3].converted_type, ConvertedType::kMap);
  EXPECT_EQ(e[3].logical_type.kind, Kind::kMap);
  EXPECT_EQ(e[4].converted_type, ConvertedType::kMapKeyValue);  // legacy only: no LogicalType
  EXPECT_EQ(e[4].logical_type.kind, Kind::kNone);
  EXPECT_EQ(e[4].repetition_type, R::kRepeated);
  EXPECT_EQ(e[5].repetition_type, R::kRequired);
  EXPECT_EQ(e[5].type, PhysicalType::kByteArray);
  EXPECT_EQ(e[5].logical_type.kind, Kind::kString);
  EXPECT_EQ(e[6].repetition_type, R::kOptional);
  EXPECT_FALSE(e[10].type.has_value());
  EXPECT_FALSE(e[10].converted_type.has_value());

  using Levels = std::pair<int16_t, int16_t>;
  const auto& leaves = schema->leaves();
  ASSERT_EQ(leaves.size(), 5u);
  auto levels = [&](size_t i) {
    return std::pair(leaves[i].max_repetition_level, leaves[i].max_definition_level);
  };
  EXPECT_EQ(leaves[0].dotted_path(), "tags.array");
  EXPECT_EQ(levels(0), Levels(1, 1));
  EXPECT_EQ(leaves[1].dotted_path(), "attrs.key_value.key");
  EXPECT_EQ(levels(1), Levels(1, 2));
  EXPECT_EQ(levels(2), Levels(1, 3));
  EXPECT_EQ(leaves[3].dotted_path(), "l.list.element");
  EXPECT_EQ(levels(3), Levels(1, 3));
  EXPECT_EQ(leaves[4].dotted_path(), "s.a");
  EXPECT_EQ(levels(4), Levels(0, 1));
}

TEST(NestedSchemaTest, RejectsBadShapes) {
  auto error = [](std::vector<SchemaNode> fields) {
    auto s = NestedSchema::make("r", std::move(fields));
    return s.ok() ? std::string("ok") : s.status().message();
  };
  SchemaNode a = SchemaNode::leaf("a", R::kRequired, PhysicalType::kInt32);
  EXPECT_NE(error({SchemaNode::group("g", R::kRequired, {a, a})}).find("'a' appears twice"),
            std::string::npos);
  EXPECT_NE(error({a, a}).find("appears twice"), std::string::npos);
  SchemaNode list = SchemaNode::group("l", R::kOptional, {a});
  list.logical_type = LogicalType::of(Kind::kList);
  EXPECT_NE(error({list}).find("exactly one REPEATED child"), std::string::npos);
  SchemaNode map = SchemaNode::map("m", R::kOptional, a);
  map.children[0].children[0].repetition = R::kOptional;
  EXPECT_NE(error({map}).find("REQUIRED primitive key"), std::string::npos);
  SchemaNode string_group = SchemaNode::group("g", R::kOptional, {a});
  string_group.logical_type = LogicalType::of(Kind::kString);
  EXPECT_NE(error({string_group}).find("LIST or MAP"), std::string::npos);
  SchemaNode bad_leaf = SchemaNode::group(
      "g", R::kOptional,
      {SchemaNode::leaf("s", R::kRequired, PhysicalType::kInt32, LogicalType::of(Kind::kString))});
  EXPECT_NE(error({bad_leaf}).find("'g.s'"), std::string::npos);
  EXPECT_NE(error({SchemaNode::leaf("", R::kRequired, PhysicalType::kInt32)}).find("empty name"),
            std::string::npos);
}

TEST(NestedSchemaTest, FlatSchemaGivesTheSameFooterSchema) {
  auto flat = FlatSchema::make("r", {{.name = "a", .type = PhysicalType::kInt32},
                                     {.name = "b",
                                      .type = PhysicalType::kFixedLenByteArray,
                                      .optional = true,
                                      .type_length = 4,
                                      .logical_type = LogicalType::decimal(2, 9)}});
  ASSERT_TRUE(flat.ok());
  std::vector<SchemaElement> a = flat->to_schema_elements();
  std::vector<SchemaElement> b = NestedSchema::from_flat(*flat).to_schema_elements();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].name, b[i].name);
    EXPECT_EQ(a[i].type, b[i].type);
    EXPECT_EQ(a[i].repetition_type, b[i].repetition_type);
    EXPECT_EQ(a[i].type_length, b[i].type_length);
    EXPECT_EQ(a[i].converted_type, b[i].converted_type);
    EXPECT_EQ(a[i].scale, b[i].scale);
    EXPECT_EQ(a[i].precision, b[i].precision);
    EXPECT_EQ(a[i].num_children, b[i].num_children);
  }
}

// Spec example (c): a 3-level nullable list of nullable strings; rows ["x", null], [], null, ["y"].
TEST(NestedWriterTest, ThreeLevelListLevelsAndRowCount) {
  std::string file = write_file(
      {SchemaNode::three_level_list("tags", R::kOptional, string_leaf("e", R::kOptional))},
      plain_properties(), [](FileWriter& w) {
        ColumnWriter& c = w.column(0);
        OK(c.write_bytes("x"));
        OK(c.repeat(1).write_null());
        OK(w.end_row());
        OK(c.write_absent(1));
        OK(w.end_row());
        OK(c.write_absent(0));
        OK(w.end_row());
        OK(c.write_bytes("y"));
        OK(w.end_row());
      });
  ParsedFile f = parse_file(file);
  EXPECT_EQ(f.footer.at(3).integer, 4);                   // FileMetaData.num_rows
  EXPECT_EQ(f.footer.at(4).list.at(0).at(3).integer, 4);  // RowGroup.num_rows
  const TValue& meta = f.footer.at(4).list[0].at(1).list[0].at(3);
  EXPECT_EQ(meta.at(5).integer, 5);  // num_values counts every entry
  ASSERT_EQ(meta.at(3).list.size(), 3u);
  EXPECT_EQ(meta.at(3).list[1].binary, "list");
  EXPECT_EQ(meta.at(3).list[2].binary, "element");
  auto chunk = read_leveled_chunk(f, 0, 0, 0, 1, 3);
  EXPECT_EQ(chunk.entries, (std::vector<LevelEntry>{
                               {0, 3, "x"}, {1, 2, {}}, {0, 1, {}}, {0, 0, {}}, {0, 3, "y"}}));
  // The specification's bytes: rep 0 1 0 0 0, def 3 2 1 0 3 (width 2).
  std::string page = std::string(f.data.substr(meta.at(9).integer));
  EXPECT_NE(testing::to_hex(page).find("02 00 00 00 03 02 03 00 00 00 03 1b 03 01 00 00 00 78"),
            std::string::npos);
  // Leaf statistics: absences count as nulls.
  EXPECT_EQ(meta.at(12).at(3).integer, 3);
  EXPECT_EQ(meta.at(12).at(6).binary, "x");
  EXPECT_EQ(meta.at(12).at(5).binary, "y");
}

// Spec examples (d) and (g): parquet-avro's 2-level lists, a list of lists.
TEST(NestedWriterTest, LegacyListsAndListOfLists) {
  SchemaNode inner = SchemaNode::legacy_list(
      "ignored", R::kRequired, SchemaNode::leaf("x", R::kRequired, PhysicalType::kInt32));
  std::string file =
      write_file({SchemaNode::legacy_list("tags", R::kRequired, string_leaf("x", R::kRequired)),
                  SchemaNode::legacy_list("outer", R::kRequired, inner)},
                 plain_properties(), [](FileWriter& w) {
                   ColumnWriter& tags = w.column(0);
                   ColumnWriter& m = w.column(1);
                   OK(tags.write_bytes("x"));  // ["x", "z"], [[1, 2], []]
                   OK(tags.repeat(1).write_bytes("z"));
                   OK(m.write_int32(1));
                   OK(m.repeat(2).write_int32(2));
                   OK(m.repeat(1).write_absent(1));
                   OK(w.end_row());
                   OK(tags.write_absent(0));  // [], []
                   OK(m.write_absent(0));
                   OK(w.end_row());
                   OK(tags.write_bytes("y"));  // ["y"], [[3]]
                   OK(m.write_int32(3));
                   OK(w.end_row());
                 });
  ParsedFile f = parse_file(file);
  EXPECT_EQ(f.footer.at(3).integer, 3);
  EXPECT_EQ(read_leveled_chunk(f, 0, 0, 0, 1, 1).entries,
            (std::vector<LevelEntry>{{0, 1, "x"}, {1, 1, "z"}, {0, 0, {}}, {0, 1, "y"}}));
  EXPECT_EQ(read_leveled_chunk(f, 0, 1, 4, 2, 2).entries,
            (std::vector<LevelEntry>{
                {0, 2, i32(1)}, {2, 2, i32(2)}, {1, 1, {}}, {0, 0, {}}, {0, 2, i32(3)}}));
  const TValue& path = f.footer.at(4).list[0].at(1).list[1].at(3).at(3);
  ASSERT_EQ(path.list.size(), 3u);
  EXPECT_EQ(path.list[1].binary, "array");
  EXPECT_EQ(path.list[2].binary, "array");
}

// Spec examples (e) and (b): a map as parquet-avro writes it, an optional struct.
TEST(NestedWriterTest, MapAndOptionalStruct) {
  std::string file =
      write_file({SchemaNode::map("attrs", R::kOptional,
                                  SchemaNode::leaf("v", R::kRequired, PhysicalType::kInt32)),
                  SchemaNode::group("addr", R::kOptional,
                                    {string_leaf("city", R::kRequired),
                                     SchemaNode::leaf("zip", R::kOptional, PhysicalType::kInt32)})},
                 plain_properties(), [](FileWriter& w) {
                   ColumnWriter &key = w.column(0), &value = w.column(1);
                   ColumnWriter &city = w.column(2), &zip = w.column(3);
                   OK(key.write_bytes("a"));  // {a: 1, b: 2}, {city a, zip 1}
                   OK(value.write_int32(1));
                   OK(key.repeat(1).write_bytes("b"));
                   OK(value.repeat(1).write_int32(2));
                   OK(city.write_bytes("a"));
                   OK(zip.write_int32(1));
                   OK(w.end_row());
                   OK(key.write_absent(1));  // {}, {city b, zip null}
                   OK(value.write_absent(1));
                   OK(city.write_bytes("b"));
                   OK(zip.write_null());
                   OK(w.end_row());
                   OK(key.write_absent(0));  // null, null
                   OK(value.write_absent(0));
                   OK(city.write_absent(0));
                   OK(zip.write_absent(0));
                   OK(w.end_row());
                 });
  ParsedFile f = parse_file(file);
  std::vector<LevelEntry> keys{{0, 2, "a"}, {1, 2, "b"}, {0, 1, {}}, {0, 0, {}}};
  EXPECT_EQ(read_leveled_chunk(f, 0, 0, 0, 1, 2).entries, keys);
  EXPECT_EQ(read_leveled_chunk(f, 0, 1, 4, 1, 2).entries,
            (std::vector<LevelEntry>{{0, 2, i32(1)}, {1, 2, i32(2)}, {0, 1, {}}, {0, 0, {}}}));
  EXPECT_EQ(read_leveled_chunk(f, 0, 2, 0, 0, 1).entries,
            (std::vector<LevelEntry>{{0, 1, "a"}, {0, 1, "b"}, {0, 0, {}}}));
  EXPECT_EQ(read_leveled_chunk(f, 0, 3, 4, 0, 2).entries,
            (std::vector<LevelEntry>{{0, 2, i32(1)}, {0, 1, {}}, {0, 0, {}}}));
  const TValue& zip_meta = f.footer.at(4).list[0].at(1).list[3].at(3);
  EXPECT_EQ(zip_meta.at(12).at(3).integer, 2);  // null_count
  EXPECT_EQ(f.footer.at(7).list.size(), 4u);    // a column order per leaf, none for groups
}

// Pages close only before an entry that starts a row, and page_row_limit counts rows.
TEST(NestedWriterTest, PagesStartAtRowBoundaries) {
  constexpr int kRows = 3000;
  std::string file =
      write_file({SchemaNode::legacy_list(
                     "l", R::kOptional, SchemaNode::leaf("x", R::kRequired, PhysicalType::kInt64))},
                 {.page_size = 512, .page_row_limit = 100}, [](FileWriter& w) {
                   for (int k = 0; k < kRows; ++k) {
                     ColumnWriter& c = w.column(0);
                     if (k % 10 == 0) {
                       OK(c.write_absent(0));
                     } else {
                       for (int i = 0; i < k % 7; ++i) {
                         OK(c.repeat(i == 0 ? 0 : 1).write_int64(k * 8 + i));
                       }
                       if (k % 7 == 0) {
                         OK(c.write_absent(1));
                       }
                     }
                     OK(w.end_row());
                   }
                 });
  ParsedFile f = parse_file(file);
  EXPECT_EQ(f.footer.at(3).integer, kRows);
  auto chunk = read_leveled_chunk(f, 0, 0, 8, 1, 2);
  EXPECT_GT(chunk.first_rep_of_page.size(), 30u);
  for (uint32_t rep : chunk.first_rep_of_page) EXPECT_EQ(rep, 0u);
  size_t next = 0;
  for (int k = 0; k < kRows; ++k) {
    if (k % 10 == 0) {
      EXPECT_EQ(chunk.entries.at(next++), (LevelEntry{0, 0, {}}));
    } else if (k % 7 == 0) {
      EXPECT_EQ(chunk.entries.at(next++), (LevelEntry{0, 1, {}}));
    } else {
      for (int i = 0; i < k % 7; ++i) {
        int64_t v = k * 8 + i;
        std::string bytes(8, '\0');
        std::memcpy(bytes.data(), &v, 8);
        EXPECT_EQ(chunk.entries.at(next++), (LevelEntry{i == 0 ? 0u : 1u, 2, bytes}));
      }
    }
  }
  EXPECT_EQ(next, chunk.entries.size());
}

TEST(NestedWriterTest, RowsArePerColumnAtRepetitionLevelZero) {
  auto schema = NestedSchema::make(
      "r", {SchemaNode::leaf("id", R::kRequired, PhysicalType::kInt32),
            SchemaNode::legacy_list("l", R::kRequired,
                                    SchemaNode::leaf("x", R::kRequired, PhysicalType::kInt32))});
  ASSERT_TRUE(schema.ok());
  StringByteSink sink;
  auto writer = FileWriter::open(std::move(schema).value(), plain_properties(), sink);
  ASSERT_TRUE(writer.ok());
  FileWriter& w = **writer;
  OK(w.column(0).write_int32(1));
  OK(w.column(1).write_int32(1));
  OK(w.column(1).repeat(1).write_int32(2));  // three values, one row: fine
  OK(w.column(1).repeat(1).write_int32(3));
  OK(w.end_row());
  OK(w.column(0).write_int32(2));
  Status s = w.end_row();  // the list column started no row
  EXPECT_EQ(s.code(), StatusCode::kFatal);
  EXPECT_NE(s.message().find("'l.array' has 1 values for 2 rows"), std::string::npos)
      << s.message();
}

}  // namespace
}  // namespace sluice::parquet
