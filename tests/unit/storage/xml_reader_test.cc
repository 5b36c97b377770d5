#include "storage/xml_reader.h"

#include <gtest/gtest.h>

namespace sluice::storage {
namespace {

TEST(XmlReaderTest, ReadsListBucketResultWithNamespaceAndRepeatedChildren) {
  // The response shape of spec msk-connect-and-aws.md §6.6.
  Result<XmlElement> root = parse_xml(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      "<Name>bucket</Name><Prefix>topics/</Prefix><KeyCount>2</KeyCount>"
      "<IsTruncated>true</IsTruncated>"
      "<Contents><Key>topics/a</Key><ETag>&quot;abc&quot;</ETag><Size>12</Size></Contents>"
      "<Contents><Key>topics/b &amp; c</Key><ETag>\"def\"</ETag><Size>0</Size></Contents>"
      "<CommonPrefixes><Prefix>topics/x/</Prefix></CommonPrefixes>"
      "<NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>"
      "</ListBucketResult>");
  ASSERT_TRUE(root.ok()) << root.status().to_string();
  EXPECT_EQ(root->name, "ListBucketResult");
  EXPECT_EQ(root->child_text("Prefix"), "topics/");  // the top-level one, not CommonPrefixes'
  EXPECT_EQ(root->child_text("NextContinuationToken"),
            "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
  auto contents = root->children_named("Contents");
  ASSERT_EQ(contents.size(), 2u);
  EXPECT_EQ(contents[0]->child_text("ETag"), "\"abc\"");
  EXPECT_EQ(contents[1]->child_text("Key"), "topics/b & c");
  EXPECT_EQ(contents[1]->child_text("Size"), "0");
  EXPECT_EQ(root->child("CommonPrefixes")->child_text("Prefix"), "topics/x/");
  EXPECT_EQ(root->child_text("Missing"), "");
  EXPECT_EQ(root->child("Missing"), nullptr);
}

TEST(XmlReaderTest, DecodesEntitiesCharacterReferencesAndCdata) {
  Result<XmlElement> root =
      parse_xml("<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#xE9;&#x1F600;<![CDATA[<raw>&amp;]]></a>");
  ASSERT_TRUE(root.ok()) << root.status().to_string();
  EXPECT_EQ(root->text, "<>&'\"AB\xC3\xA9\xF0\x9F\x98\x80<raw>&amp;");
}

TEST(XmlReaderTest, SkipsAttributesCommentsAndPrefixes) {
  Result<XmlElement> root = parse_xml(
      "<!-- lead --><s:Error a='1>2' b=\"/x\"><!-- c --><Code>SlowDown</Code><Empty/>"
      "<?pi x?></s:Error>  ");
  ASSERT_TRUE(root.ok()) << root.status().to_string();
  EXPECT_EQ(root->name, "Error");
  EXPECT_EQ(root->child_text("Code"), "SlowDown");
  ASSERT_NE(root->child("Empty"), nullptr);
  EXPECT_EQ(root->child("Empty")->text, "");
}

TEST(XmlReaderTest, AcceptsWhitespacePaddingBeforeTheRoot) {
  // CompleteMultipartUpload pads with whitespace while it works (spec §6.4).
  Result<XmlElement> root = parse_xml("\n   \n  <Error><Code>InternalError</Code></Error>\n");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(root->child_text("Code"), "InternalError");
}

TEST(XmlReaderTest, RejectsMalformedDocuments) {
  EXPECT_EQ(parse_xml("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(parse_xml("not xml").ok());
  EXPECT_FALSE(parse_xml("<a><b></a>").ok());
  EXPECT_FALSE(parse_xml("<a>").ok());
  EXPECT_FALSE(parse_xml("<a>&bogus;</a>").ok());
  EXPECT_FALSE(parse_xml("<a></a><b></b>").ok());
  EXPECT_EQ(parse_xml("<a><b></a>").status().message(),
            "XML: mismatched end tag for <b> at byte 9");
}

TEST(XmlReaderTest, RejectsPathologicalNesting) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<a>";
  for (int i = 0; i < 100; ++i) deep += "</a>";
  EXPECT_FALSE(parse_xml(deep).ok());
}

TEST(XmlReaderTest, EscapesTextForRequestBodies) {
  EXPECT_EQ(xml_escape("a<b>&\"c\"'"), "a&lt;b&gt;&amp;\"c\"'");
  Result<XmlElement> back = parse_xml("<v>" + xml_escape("x & <y>\"") + "</v>");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->text, "x & <y>\"");
}

}  // namespace
}  // namespace sluice::storage
