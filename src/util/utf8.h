// UTF-8 decoding helpers for code that must reason in Java's UTF-16 terms (String.hashCode,
// String.compareTo, Jackson's escaping of supplementary characters).
#pragma once

#include <cstddef>
#include <cstdint>

namespace sluice::util {

// Decodes the code point starting at `p` (p < end) into `cp` and returns its length in bytes.
// Connect strings are valid UTF-8 (the converters replace malformed input with U+FFFD, as Java's
// decoders do); should an invalid sequence still get here, each offending byte decodes as U+FFFD.
inline size_t decode_utf8(const unsigned char* p, const unsigned char* end, char32_t& cp) {
  unsigned char b0 = p[0];
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t available = static_cast<size_t>(end - p);
  auto continuation = [&](size_t i) { return i < available && (p[i] & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF && continuation(1)) {
    cp = (char32_t{b0} & 0x1F) << 6 | (p[1] & 0x3F);
    return 2;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF && continuation(1) && continuation(2)) {
    char32_t c = (char32_t{b0} & 0x0F) << 12 | (char32_t{p[1]} & 0x3F) << 6 | (p[2] & 0x3F);
    if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
      cp = c;
      return 3;
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4 && continuation(1) && continuation(2) && continuation(3)) {
    char32_t c = (char32_t{b0} & 0x07) << 18 | (char32_t{p[1]} & 0x3F) << 12 |
                 (char32_t{p[2]} & 0x3F) << 6 | (p[3] & 0x3F);
    if (c >= 0x10000 && c <= 0x10FFFF) {
      cp = c;
      return 4;
    }
  }
  cp = 0xFFFD;
  return 1;
}

// The UTF-16 code units of a supplementary code point (cp >= 0x10000).
inline char16_t high_surrogate(char32_t cp) {
  return static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
}
inline char16_t low_surrogate(char32_t cp) {
  return static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
}

}  // namespace sluice::util
