#include "util/json_string_escape.h"

#include <array>

#include "util/utf8.h"

namespace sluice::util {
namespace {

// 0: copy as is; 1: needs an escape; 2: start of a multi-byte sequence to check.
constexpr std::array<unsigned char, 256> make_byte_classes() {
  std::array<unsigned char, 256> classes{};
  for (int c = 0; c < 0x20; ++c) classes[c] = 1;
  classes['"'] = 1;
  classes['\\'] = 1;
  for (int c = 0x80; c < 0x100; ++c) classes[c] = 2;
  return classes;
}
constexpr std::array<unsigned char, 256> kByteClasses = make_byte_classes();

constexpr char kHex[] = "0123456789ABCDEF";

void append_unicode_escape(std::string& out, unsigned unit) {
  char buf[6] = {
      '\\',           'u', kHex[(unit >> 12) & 15], kHex[(unit >> 8) & 15], kHex[(unit >> 4) & 15],
      kHex[unit & 15]};
  out.append(buf, sizeof(buf));
}

}  // namespace

void append_json_escape(std::string& out, unsigned char c) {
  switch (c) {
    case '"':
      out.append("\\\"");
      return;
    case '\\':
      out.append("\\\\");
      return;
    case '\b':
      out.append("\\b");
      return;
    case '\t':
      out.append("\\t");
      return;
    case '\n':
      out.append("\\n");
      return;
    case '\f':
      out.append("\\f");
      return;
    case '\r':
      out.append("\\r");
      return;
    default:
      append_unicode_escape(out, c);
  }
}

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  auto* end = begin + text.size();
  auto* p = begin;
  auto* run = begin;  // start of bytes not yet copied
  while (p < end) {
    unsigned char c = *p;
    unsigned char cls = kByteClasses[c];
    if (cls == 0) {
      ++p;
      continue;
    }
    if (cls == 2) {
      char32_t cp;
      size_t length = decode_utf8(p, end, cp);
      bool malformed = cp == 0xFFFD && length == 1;
      if (!malformed && cp < 0x10000) {
        p += length;  // BMP: raw UTF-8, stays in the run
        continue;
      }
      out.append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
      if (cp >= 0x10000) {
        append_unicode_escape(out, high_surrogate(cp));
        append_unicode_escape(out, low_surrogate(cp));
      } else {
        out.append("\xEF\xBF\xBD");  // a malformed byte, as U+FFFD
      }
      p += length;
      run = p;
      continue;
    }
    out.append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
    append_json_escape(out, c);
    ++p;
    run = p;
  }
  out.append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
  out.push_back('"');
}

}  // namespace sluice::util
