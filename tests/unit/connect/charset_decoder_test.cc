// Decoding with Java charsets and the JDK's U+FFFD replacement rules (kafka-connect.md §2.1).
#include "connect/charset_decoder.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::connect {
namespace {

constexpr std::string_view R = "\xEF\xBF\xBD";  // U+FFFD

std::string rep(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.append(R);
  return s;
}

class CharsetDecoderTest : public ::testing::Test {
 protected:
  std::string utf8(std::string_view in) { return std::string(decode_utf8(in, arena_)); }
  std::string decode(Charset c, std::string_view in) {
    return std::string(decode_to_utf8(c, in, arena_));
  }
  Arena arena_;
};

TEST_F(CharsetDecoderTest, ValidUtf8IsReturnedAsAViewOfTheInput) {
  const std::string in = "h\xC3\xA9llo \xF0\x9F\x98\x80";
  const std::string_view out = decode_utf8(in, arena_);
  EXPECT_EQ(out.data(), in.data());
  EXPECT_EQ(out.size(), in.size());
}

TEST_F(CharsetDecoderTest, Utf8StrayAndInvalidBytes) {
  EXPECT_EQ(utf8("a\x80"
                 "b"),
            "a" + rep(1) + "b");
  EXPECT_EQ(utf8("\xFF"), rep(1));
  EXPECT_EQ(utf8("\xC0\x80"), rep(2));  // C0/C1 are never valid leads
  EXPECT_EQ(utf8("\xC3("), rep(1) + "(");
  EXPECT_EQ(utf8("\xF5\x80"), rep(2));
}

TEST_F(CharsetDecoderTest, Utf8TruncatedSequenceAtTheEndIsOneReplacement) {
  EXPECT_EQ(utf8("\xC3"), rep(1));
  EXPECT_EQ(utf8("x\xE2\x82"), "x" + rep(1));
  EXPECT_EQ(utf8("\xF0\x9F"), rep(1));
  EXPECT_EQ(utf8("\xF0\x9F\x98"), rep(1));
}

TEST_F(CharsetDecoderTest, Utf8MaximalSubpartIsOneReplacement) {
  EXPECT_EQ(utf8("\xE2\x82("), rep(1) + "(");
  EXPECT_EQ(utf8("\xF0\x9F\x98("), rep(1) + "(");
  EXPECT_EQ(utf8("\xF0\x9F("), rep(1) + "(");
  EXPECT_EQ(utf8("\xE2("), rep(1) + "(");
}

TEST_F(CharsetDecoderTest, Utf8OverlongsAndOutOfRangeReplaceEachByte) {
  EXPECT_EQ(utf8("\xE0\x80\x80"), rep(3));
  EXPECT_EQ(utf8("\xE0\x80"), rep(2));
  EXPECT_EQ(utf8("\xF0\x80\x80\x80"), rep(4));
  EXPECT_EQ(utf8("\xF4\x90\x80\x80"), rep(4));
}

TEST_F(CharsetDecoderTest, Utf8EncodedSurrogateIsOneReplacementLikeTheJdk) {
  // The JDK decodes the complete 3-byte sequence, sees a surrogate and replaces all three bytes
  // with one U+FFFD (Unicode's maximal-subpart practice would give three).
  EXPECT_EQ(utf8("\xED\xA0\x80"), rep(1));
  EXPECT_EQ(utf8("\xED\xA0("), rep(1) + "(");
  EXPECT_EQ(utf8("\xED\xA0"), rep(1));
  EXPECT_EQ(utf8("\xED\x9F\xBF"), "\xED\x9F\xBF");  // U+D7FF is fine
}

TEST_F(CharsetDecoderTest, Latin1MapsEveryByte) {
  EXPECT_EQ(decode(Charset::kIso8859_1, "caf\xE9"), "caf\xC3\xA9");
  const std::string ascii = "plain";
  EXPECT_EQ(decode_to_utf8(Charset::kIso8859_1, ascii, arena_).data(), ascii.data());
}

TEST_F(CharsetDecoderTest, AsciiReplacesHighBytes) {
  EXPECT_EQ(decode(Charset::kUsAscii,
                   "a\xE9"
                   "b"),
            "a" + rep(1) + "b");
}

TEST_F(CharsetDecoderTest, Windows1252) {
  EXPECT_EQ(decode(Charset::kWindows1252,
                   "\x80"
                   "5"),
            "\xE2\x82\xAC"
            "5");
  EXPECT_EQ(decode(Charset::kWindows1252, "\x81"), rep(1));
  EXPECT_EQ(decode(Charset::kWindows1252, "\xE9"), "\xC3\xA9");
}

TEST_F(CharsetDecoderTest, Utf16DetectsAndDropsTheByteOrderMark) {
  EXPECT_EQ(decode(Charset::kUtf16, std::string_view("\xFE\xFF\x00\x41", 4)), "A");
  EXPECT_EQ(decode(Charset::kUtf16, std::string_view("\xFF\xFE\x41\x00", 4)), "A");
  EXPECT_EQ(decode(Charset::kUtf16, std::string_view("\x00\x41", 2)), "A");  // big-endian default
}

TEST_F(CharsetDecoderTest, Utf16BeAndLeKeepAByteOrderMarkAsACharacter) {
  EXPECT_EQ(decode(Charset::kUtf16Be, std::string_view("\xFE\xFF\x00\x41", 4)),
            "\xEF\xBB\xBF"
            "A");
  EXPECT_EQ(decode(Charset::kUtf16Le, std::string_view("\x41\x00\xE9\x00", 4)), "A\xC3\xA9");
}

TEST_F(CharsetDecoderTest, Utf16SurrogatePairs) {
  EXPECT_EQ(decode(Charset::kUtf16Be, std::string_view("\xD8\x3D\xDE\x00", 4)), "\xF0\x9F\x98\x80");
}

TEST_F(CharsetDecoderTest, Utf16MalformedInput) {
  // A high surrogate followed by a non-low unit: one U+FFFD for both units.
  EXPECT_EQ(decode(Charset::kUtf16Be, std::string_view("\xD8\x00\x00\x41", 4)), rep(1));
  // An unpaired low surrogate.
  EXPECT_EQ(decode(Charset::kUtf16Be, std::string_view("\xDC\x00\x00\x41", 4)), rep(1) + "A");
  // A reversed byte-order mark inside the stream.
  EXPECT_EQ(decode(Charset::kUtf16, std::string_view("\x00\x41\xFF\xFE", 4)), "A" + rep(1));
  // An odd trailing byte; a high surrogate cut off at the end.
  EXPECT_EQ(decode(Charset::kUtf16Be, std::string_view("\x00\x41\x00", 3)), "A" + rep(1));
  EXPECT_EQ(decode(Charset::kUtf16Be, std::string_view("\x00\x41\xD8\x3D", 4)), "A" + rep(1));
  EXPECT_EQ(decode(Charset::kUtf16Be, std::string_view("\xD8\x3D\xDE", 3)), rep(1));
}

TEST_F(CharsetDecoderTest, FindsJavaNamesAndAliasesIgnoringCase) {
  EXPECT_EQ(find_charset("UTF-8"), Charset::kUtf8);
  EXPECT_EQ(find_charset("utf8"), Charset::kUtf8);
  EXPECT_EQ(find_charset("Latin1"), Charset::kIso8859_1);
  EXPECT_EQ(find_charset("ISO8859_1"), Charset::kIso8859_1);
  EXPECT_EQ(find_charset("ascii"), Charset::kUsAscii);
  EXPECT_EQ(find_charset("UnicodeBigUnmarked"), Charset::kUtf16Be);
  EXPECT_EQ(find_charset("utf-16le"), Charset::kUtf16Le);
  EXPECT_EQ(find_charset("Cp1252"), Charset::kWindows1252);
  EXPECT_EQ(find_charset("EBCDIC-Klingon"), std::nullopt);
  EXPECT_EQ(find_charset(" UTF-8"), std::nullopt);
  EXPECT_EQ(charset_name(Charset::kUtf16Le), "UTF-16LE");
}

}  // namespace
}  // namespace sluice::connect
