#include "connect/jackson_base64.h"

#include <array>
#include <cstdint>

#include "connect/converter_options.h"

namespace sluice::connect {
namespace {

constexpr int kPadding = -2;

constexpr std::array<int8_t, 256> make_table() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int i = 0; i < 64; ++i) t[static_cast<uint8_t>(alphabet[i])] = static_cast<int8_t>(i);
  t[static_cast<uint8_t>('=')] = kPadding;
  return t;
}
constexpr std::array<int8_t, 256> kTable = make_table();

int decode_char(char c) {
  return kTable[static_cast<uint8_t>(c)];
}

std::string illegal(char c, int index, std::string_view extra = {}) {
  std::string message = "Illegal character (code 0x";
  static const char* kHex = "0123456789abcdef";
  const uint8_t b = static_cast<uint8_t>(c);
  if (b >= 0x10) message.push_back(kHex[b >> 4]);
  message.push_back(kHex[b & 0xF]);
  message.append(") in base64 content");
  (void)index;
  if (!extra.empty()) message.append(": ").append(extra);
  return message;
}

}  // namespace

bool jackson_base64_decode(std::string_view text, Arena& arena, std::string_view* out,
                           std::string* error) {
  const std::string_view s = java_trim(text);
  // Decode straight into the arena: at most 3 bytes per 4 characters.
  char* bytes = static_cast<char*>(arena.allocate(s.size() / 4 * 3 + 3, 1));
  size_t length = 0;
  auto push = [&](uint32_t b) { bytes[length++] = static_cast<char>(b); };
  size_t i = 0;
  const size_t n = s.size();
  auto eof = [&] {
    *error =
        "Unexpected end of base64-encoded String: base64 variant 'MIME-NO-LINEFEEDS' expects "
        "padding (one or more '=' characters) at the end";
    return false;
  };
  while (true) {
    char c;
    do {
      if (i >= n) {
        *out = std::string_view(bytes, length);
        return true;
      }
      c = s[i++];
    } while (static_cast<uint8_t>(c) <= ' ');
    int bits = decode_char(c);
    if (bits < 0) {
      *error = illegal(c, 0);
      return false;
    }
    uint32_t data = static_cast<uint32_t>(bits);
    if (i >= n) return eof();
    c = s[i++];
    bits = decode_char(c);
    if (bits < 0) {
      *error = illegal(c, 1);
      return false;
    }
    data = (data << 6) | static_cast<uint32_t>(bits);
    if (i >= n) return eof();
    c = s[i++];
    bits = decode_char(c);
    if (bits < 0) {
      if (bits != kPadding) {
        *error = illegal(c, 2);
        return false;
      }
      if (i >= n) return eof();
      c = s[i++];
      if (c != '=') {
        *error = illegal(c, 3, "expected padding character '='");
        return false;
      }
      push((data >> 4) & 0xFF);
      continue;
    }
    data = (data << 6) | static_cast<uint32_t>(bits);
    if (i >= n) return eof();
    c = s[i++];
    bits = decode_char(c);
    if (bits < 0) {
      if (bits != kPadding) {
        *error = illegal(c, 3);
        return false;
      }
      data >>= 2;
      push((data >> 8) & 0xFF);
      push(data & 0xFF);
    } else {
      data = (data << 6) | static_cast<uint32_t>(bits);
      push(data >> 16);
      push((data >> 8) & 0xFF);
      push(data & 0xFF);
    }
  }
}

}  // namespace sluice::connect
