// JSON string literals exactly as Jackson 2.x's UTF8JsonGenerator writes them (used by both
// JsonConverter and the plain ObjectMapper, so by every JsonFormat line).
//
// `"` and `\` get a backslash; U+0008, U+0009, U+000A, U+000C, U+000D become \b \t \n \f \r;
// other control characters below U+0020 become \u00XX with upper-case hex; `/`, DEL and all other
// BMP characters are written raw as UTF-8 (U+2028/U+2029 too). Characters outside the BMP are
// written as the two escaped UTF-16 surrogates (😀 -> \uD83D\uDE00): Jackson 2.x escapes each
// surrogate char it meets (JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8, off by default,
// arrived only in 2.18). Invalid UTF-8 cannot occur in a Java String; should it reach us, each bad
// byte is written as U+FFFD, which is what decoding the bytes into a String would have produced.
#pragma once

#include <string>
#include <string_view>

namespace sluice::util {

// Appends the escape of one character that JSON text must escape, as Jackson writes it: `"` and `\`
// get a backslash, U+0008/09/0A/0C/0D become \b \t \n \f \r, other characters below U+0020
// \u00XX with upper-case hex. REQUIRES: c < 0x20, or c is '"' or '\\'.
void append_json_escape(std::string& out, unsigned char c);

// Appends `text` (UTF-8) as a quoted JSON string.
void append_json_string(std::string& out, std::string_view text);

}  // namespace sluice::util
