#include "connect/charset_decoder.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace sluice::connect {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Java's Charset.forName names and aliases (lower-cased; lookup is case-insensitive).
struct CharsetName {
  std::string_view name;
  Charset charset;
};
constexpr CharsetName kCharsetNames[] = {
    {"utf-8", Charset::kUtf8},
    {"utf8", Charset::kUtf8},
    {"unicode-1-1-utf-8", Charset::kUtf8},
    {"iso-8859-1", Charset::kIso8859_1},
    {"iso8859_1", Charset::kIso8859_1},
    {"iso_8859_1", Charset::kIso8859_1},
    {"iso_8859-1", Charset::kIso8859_1},
    {"iso8859-1", Charset::kIso8859_1},
    {"iso_8859-1:1987", Charset::kIso8859_1},
    {"8859_1", Charset::kIso8859_1},
    {"iso-ir-100", Charset::kIso8859_1},
    {"latin1", Charset::kIso8859_1},
    {"l1", Charset::kIso8859_1},
    {"ibm819", Charset::kIso8859_1},
    {"ibm-819", Charset::kIso8859_1},
    {"cp819", Charset::kIso8859_1},
    {"819", Charset::kIso8859_1},
    {"csisolatin1", Charset::kIso8859_1},
    {"us-ascii", Charset::kUsAscii},
    {"ascii", Charset::kUsAscii},
    {"ascii7", Charset::kUsAscii},
    {"us", Charset::kUsAscii},
    {"646", Charset::kUsAscii},
    {"iso646-us", Charset::kUsAscii},
    {"iso-ir-6", Charset::kUsAscii},
    {"ansi_x3.4-1968", Charset::kUsAscii},
    {"ansi_x3.4-1986", Charset::kUsAscii},
    {"iso_646.irv:1983", Charset::kUsAscii},
    {"iso_646.irv:1991", Charset::kUsAscii},
    {"cp367", Charset::kUsAscii},
    {"ibm367", Charset::kUsAscii},
    {"csascii", Charset::kUsAscii},
    {"default", Charset::kUsAscii},
    {"utf-16", Charset::kUtf16},
    {"utf_16", Charset::kUtf16},
    {"utf16", Charset::kUtf16},
    {"unicode", Charset::kUtf16},
    {"unicodebig", Charset::kUtf16},
    {"utf-16be", Charset::kUtf16Be},
    {"utf_16be", Charset::kUtf16Be},
    {"x-utf-16be", Charset::kUtf16Be},
    {"iso-10646-ucs-2", Charset::kUtf16Be},
    {"unicodebigunmarked", Charset::kUtf16Be},
    {"utf-16le", Charset::kUtf16Le},
    {"utf_16le", Charset::kUtf16Le},
    {"x-utf-16le", Charset::kUtf16Le},
    {"unicodelittleunmarked", Charset::kUtf16Le},
    {"windows-1252", Charset::kWindows1252},
    {"cp1252", Charset::kWindows1252},
    {"cp5348", Charset::kWindows1252},
    {"ibm-1252", Charset::kWindows1252},
    {"ibm1252", Charset::kWindows1252},
};

// windows-1252 bytes 0x80..0x9F; 0 marks the five unmapped bytes, which decode to U+FFFD.
constexpr std::array<uint16_t, 32> kWindows1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Decoders write through one of these two: a first pass counts the output bytes, a second writes
// them into exactly that much arena memory (no heap allocation, no over-allocation).
struct CountingOutput {
  size_t size = 0;
  void push_back(char) { ++size; }
  void append(std::string_view s) { size += s.size(); }
};
struct WritingOutput {
  char* at;
  void push_back(char c) { *at++ = c; }
  void append(std::string_view s) {
    std::memcpy(at, s.data(), s.size());
    at += s.size();
  }
};

// Appends code point `cp` (never a surrogate) as UTF-8.
template <typename Out>
void append_code_point(Out& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_continuation(uint8_t b) {
  return (b & 0xC0) == 0x80;
}

// The JDK's checks (String.decodeUTF8_UTF16 / sun.nio.cs.UTF_8), named as there.
bool is_malformed3(uint8_t b1, uint8_t b2, uint8_t b3) {
  return (b1 == 0xE0 && (b2 & 0xE0) == 0x80) || !is_continuation(b2) || !is_continuation(b3);
}
bool is_malformed3_2(uint8_t b1, uint8_t b2) {
  return (b1 == 0xE0 && (b2 & 0xE0) == 0x80) || !is_continuation(b2);
}
bool is_malformed4_2(uint8_t b1, uint8_t b2) {
  return (b1 == 0xF0 && (b2 < 0x90 || b2 > 0xBF)) || (b1 == 0xF4 && (b2 & 0xF0) != 0x80) ||
         !is_continuation(b2);
}
// How many bytes one U+FFFD replaces for a malformed 3-byte sequence starting at `p`.
size_t malformed3_length(const uint8_t* p) {
  return ((p[0] == 0xE0 && (p[1] & 0xE0) == 0x80) || !is_continuation(p[1])) ? 1 : 2;
}
// The same for a complete but malformed 4-byte sequence.
size_t malformed4_length(const uint8_t* p) {
  const uint8_t b1 = p[0], b2 = p[1];
  if (b1 > 0xF4 || (b1 == 0xF0 && (b2 < 0x90 || b2 > 0xBF)) ||
      (b1 == 0xF4 && (b2 & 0xF0) != 0x80) || !is_continuation(b2)) {
    return 1;
  }
  return is_continuation(p[2]) ? 3 : 2;
}

// UTF-8 with the JDK's replacement rules. Mirrors the control flow of the JDK decoder, because
// where exactly a malformed run is cut decides how many U+FFFD appear.
template <typename Out>
void decode_utf8_replacing(std::string_view in, Out& out) {
  const auto* s = reinterpret_cast<const uint8_t*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  while (i < n) {
    const uint8_t b1 = s[i];
    if (b1 < 0x80) {
      out.push_back(static_cast<char>(b1));
      ++i;
    } else if (b1 >= 0xC2 && b1 <= 0xDF) {
      if (i + 1 < n) {
        if (!is_continuation(s[i + 1])) {
          out.append(kReplacement);
          ++i;
        } else {
          out.append(in.substr(i, 2));
          i += 2;
        }
        continue;
      }
      out.append(kReplacement);
      break;
    } else if ((b1 & 0xF0) == 0xE0) {
      if (i + 2 < n) {
        if (is_malformed3(b1, s[i + 1], s[i + 2])) {
          out.append(kReplacement);
          i += malformed3_length(s + i);
        } else {
          // A complete sequence that encodes a surrogate is one malformed unit of 3 bytes.
          const uint32_t cp = ((b1 & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
          if (cp >= 0xD800 && cp <= 0xDFFF) {
            out.append(kReplacement);
          } else {
            out.append(in.substr(i, 3));
          }
          i += 3;
        }
        continue;
      }
      if (i + 1 < n && is_malformed3_2(b1, s[i + 1])) {
        out.append(kReplacement);
        ++i;
        continue;
      }
      out.append(kReplacement);  // a truncated sequence at the end: one U+FFFD for the rest
      break;
    } else if ((b1 & 0xF8) == 0xF0) {
      if (i + 3 < n) {
        const uint32_t cp = ((b1 & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) |
                            ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
        if (!is_continuation(s[i + 1]) || !is_continuation(s[i + 2]) ||
            !is_continuation(s[i + 3]) || cp < 0x10000 || cp > 0x10FFFF) {
          out.append(kReplacement);
          i += malformed4_length(s + i);
        } else {
          out.append(in.substr(i, 4));
          i += 4;
        }
        continue;
      }
      if (b1 > 0xF4 || (i + 1 < n && is_malformed4_2(b1, s[i + 1]))) {
        out.append(kReplacement);
        ++i;
        continue;
      }
      out.append(kReplacement);
      i += 2;  // the lead and (if present) its valid second byte
      if (i < n && !is_continuation(s[i])) continue;
      break;
    } else {
      out.append(kReplacement);  // 0x80..0xC1 and 0xF8..0xFF
      ++i;
    }
  }
}

// The JDK's UnicodeDecoder. `order` is 0 for BOM detection (then big-endian), 1 big, 2 little.
template <typename Out>
void decode_utf16(std::string_view in, int order, Out& out) {
  const auto* s = reinterpret_cast<const uint8_t*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  auto unit = [&](size_t at) -> uint16_t {
    return order == 2 ? static_cast<uint16_t>(s[at] | (s[at + 1] << 8))
                      : static_cast<uint16_t>((s[at] << 8) | s[at + 1]);
  };
  while (n - i > 1) {
    if (order == 0) {
      const uint16_t c = static_cast<uint16_t>((s[i] << 8) | s[i + 1]);
      if (c == 0xFEFF || c == 0xFFFE) {
        order = c == 0xFEFF ? 1 : 2;
        i += 2;
        continue;
      }
      order = 1;
    }
    const uint16_t c = unit(i);
    if (c == 0xFFFE) {  // a reversed byte-order mark inside the stream is malformed
      out.append(kReplacement);
      i += 2;
      continue;
    }
    if (c >= 0xD800 && c <= 0xDFFF) {
      if (c <= 0xDBFF) {
        if (n - i < 4) break;  // an incomplete pair at the end: one U+FFFD below
        const uint16_t c2 = unit(i + 2);
        if (c2 < 0xDC00 || c2 > 0xDFFF) {
          out.append(kReplacement);  // both units are swallowed
        } else {
          append_code_point(out, 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00));
        }
        i += 4;
        continue;
      }
      out.append(kReplacement);  // an unpaired low surrogate
      i += 2;
      continue;
    }
    append_code_point(out, c);
    i += 2;
  }
  if (i < n) out.append(kReplacement);  // leftover bytes at the end of input
}

bool is_ascii(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(),
                     [](char c) { return static_cast<uint8_t>(c) < 0x80; });
}

template <typename Out>
void decode_single_byte(Charset charset, std::string_view bytes, Out& out) {
  for (char c : bytes) {
    const uint8_t b = static_cast<uint8_t>(c);
    if (b < 0x80) {
      out.push_back(c);
    } else if (charset == Charset::kIso8859_1) {
      append_code_point(out, b);
    } else if (charset == Charset::kUsAscii) {
      out.append(kReplacement);
    } else if (b <= 0x9F) {  // windows-1252
      const uint16_t cp = kWindows1252High[b - 0x80];
      if (cp == 0) {
        out.append(kReplacement);
      } else {
        append_code_point(out, cp);
      }
    } else {
      append_code_point(out, b);
    }
  }
}

template <typename Out>
void decode_any(Charset charset, std::string_view bytes, Out& out) {
  switch (charset) {
    case Charset::kUtf8:
      decode_utf8_replacing(bytes, out);
      break;
    case Charset::kUtf16:
      decode_utf16(bytes, 0, out);
      break;
    case Charset::kUtf16Be:
      decode_utf16(bytes, 1, out);
      break;
    case Charset::kUtf16Le:
      decode_utf16(bytes, 2, out);
      break;
    default:
      decode_single_byte(charset, bytes, out);
      break;
  }
}

std::string_view decode_into_arena(Charset charset, std::string_view bytes, Arena& arena) {
  CountingOutput count;
  decode_any(charset, bytes, count);
  if (count.size == 0) return {};
  char* data = static_cast<char*>(arena.allocate(count.size, 1));
  WritingOutput write{data};
  decode_any(charset, bytes, write);
  return {data, count.size};
}

}  // namespace

std::optional<Charset> find_charset(std::string_view java_name) {
  std::string lower(java_name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
  for (const CharsetName& entry : kCharsetNames) {
    if (entry.name == lower) return entry.charset;
  }
  return std::nullopt;
}

std::string_view charset_name(Charset charset) {
  switch (charset) {
    case Charset::kUtf8:
      return "UTF-8";
    case Charset::kIso8859_1:
      return "ISO-8859-1";
    case Charset::kUsAscii:
      return "US-ASCII";
    case Charset::kUtf16:
      return "UTF-16";
    case Charset::kUtf16Be:
      return "UTF-16BE";
    case Charset::kUtf16Le:
      return "UTF-16LE";
    case Charset::kWindows1252:
      return "windows-1252";
  }
  return "UTF-8";
}

const std::vector<std::string>& supported_charset_names() {
  static const std::vector<std::string> kNames = {"UTF-8",    "ISO-8859-1", "US-ASCII",    "UTF-16",
                                                  "UTF-16BE", "UTF-16LE",   "windows-1252"};
  return kNames;
}

bool is_valid_utf8(std::string_view bytes) {
  return simdjson::validate_utf8(bytes.data(), bytes.size());
}

std::string_view decode_utf8(std::string_view bytes, Arena& arena) {
  if (is_valid_utf8(bytes)) return bytes;
  return decode_into_arena(Charset::kUtf8, bytes, arena);
}

std::string_view decode_to_utf8(Charset charset, std::string_view bytes, Arena& arena) {
  switch (charset) {
    case Charset::kUtf8:
      return decode_utf8(bytes, arena);
    case Charset::kIso8859_1:
    case Charset::kUsAscii:
    case Charset::kWindows1252:
      if (is_ascii(bytes)) return bytes;  // the same bytes in every one of them
      break;
    default:
      break;
  }
  return decode_into_arena(charset, bytes, arena);
}

}  // namespace sluice::connect
