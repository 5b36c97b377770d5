#include "format/java_big_decimal.h"

#include <charconv>
#include <vector>

namespace sluice::format {
namespace {

// Sign and magnitude (big-endian bytes, leading zeros stripped) of a two's-complement integer.
// `storage` receives the magnitude when it has to be negated.
struct Magnitude {
  bool negative = false;
  std::string_view bytes;
};

Magnitude magnitude_of(std::string_view twos, std::string& storage) {
  Magnitude m;
  if (twos.empty()) return m;
  m.negative = (static_cast<unsigned char>(twos[0]) & 0x80) != 0;
  if (!m.negative) {
    m.bytes = twos;
  } else {
    // Negate: invert and add one, from the least significant byte.
    storage.assign(twos);
    unsigned carry = 1;
    for (size_t i = storage.size(); i-- > 0;) {
      unsigned v = (~static_cast<unsigned char>(storage[i]) & 0xFFu) + carry;
      storage[i] = static_cast<char>(v & 0xFF);
      carry = v >> 8;
    }
    m.bytes = storage;
  }
  size_t first = 0;
  while (first < m.bytes.size() && m.bytes[first] == 0) ++first;
  m.bytes.remove_prefix(first);
  return m;
}

// Decimal digits of a big-endian magnitude (at least "0").
void append_magnitude_digits(std::string& out, std::string_view magnitude) {
  if (magnitude.size() <= 16) {
    unsigned __int128 v = 0;
    for (char c : magnitude) v = v << 8 | static_cast<unsigned char>(c);
    char buf[48];
    char* p = buf + sizeof(buf);
    do {
      *--p = static_cast<char>('0' + static_cast<int>(v % 10));
      v /= 10;
    } while (v != 0);
    out.append(p, buf + sizeof(buf) - p);
    return;
  }
  // Larger than 128 bits (rare): schoolbook division by 10^9 on 32-bit words.
  std::vector<uint32_t> words((magnitude.size() + 3) / 4, 0);
  size_t shift_bytes = words.size() * 4 - magnitude.size();
  for (size_t i = 0; i < magnitude.size(); ++i) {
    size_t pos = i + shift_bytes;
    words[pos / 4] |= static_cast<uint32_t>(static_cast<unsigned char>(magnitude[i]))
                      << (8 * (3 - pos % 4));
  }
  std::vector<uint32_t> chunks;  // base 10^9, least significant first
  size_t start = 0;
  while (start < words.size()) {
    uint64_t remainder = 0;
    for (size_t i = start; i < words.size(); ++i) {
      uint64_t cur = remainder << 32 | words[i];
      words[i] = static_cast<uint32_t>(cur / 1000000000u);
      remainder = cur % 1000000000u;
    }
    chunks.push_back(static_cast<uint32_t>(remainder));
    while (start < words.size() && words[start] == 0) ++start;
  }
  char buf[16];
  auto end = std::to_chars(buf, buf + sizeof(buf), chunks.back()).ptr;
  out.append(buf, end);
  for (size_t i = chunks.size() - 1; i-- > 0;) {
    end = std::to_chars(buf, buf + sizeof(buf), chunks[i]).ptr;
    out.append(9 - static_cast<size_t>(end - buf), '0');
    out.append(buf, end);
  }
}

}  // namespace

void append_java_big_decimal(std::string& out, std::string_view twos_complement, int32_t scale) {
  std::string storage;
  Magnitude m = magnitude_of(twos_complement, storage);
  std::string digits;
  append_magnitude_digits(digits, m.bytes);
  if (m.negative) out.push_back('-');
  int64_t length = static_cast<int64_t>(digits.size());
  int64_t adjusted = -static_cast<int64_t>(scale) + (length - 1);
  if (scale == 0) {
    out.append(digits);
  } else if (scale > 0 && adjusted >= -6) {
    if (length > scale) {
      out.append(digits, 0, static_cast<size_t>(length - scale));
      out.push_back('.');
      out.append(digits, static_cast<size_t>(length - scale));
    } else {
      out.append("0.");
      out.append(static_cast<size_t>(scale - length), '0');
      out.append(digits);
    }
  } else {
    out.push_back(digits[0]);
    if (length > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    out.push_back('E');
    if (adjusted > 0) out.push_back('+');
    char buf[24];
    auto end = std::to_chars(buf, buf + sizeof(buf), adjusted).ptr;
    out.append(buf, end);
  }
}

std::string_view minimal_twos_complement(std::string_view bytes) {
  if (bytes.empty()) return std::string_view("\0", 1);
  size_t first = 0;
  while (first + 1 < bytes.size()) {
    auto b0 = static_cast<unsigned char>(bytes[first]);
    auto b1 = static_cast<unsigned char>(bytes[first + 1]);
    // A leading 0x00 (0xFF) is redundant when the next byte already carries the sign.
    if ((b0 == 0x00 && (b1 & 0x80) == 0) || (b0 == 0xFF && (b1 & 0x80) != 0)) {
      ++first;
    } else {
      break;
    }
  }
  return bytes.substr(first);
}

int32_t java_big_decimal_hash_code(std::string_view twos_complement, int32_t scale) {
  std::string storage;
  Magnitude m = magnitude_of(twos_complement, storage);
  // BigInteger.hashCode: fold the 32-bit magnitude words (most significant first), times signum.
  uint32_t h = 0;
  size_t lead = m.bytes.size() % 4;
  size_t pos = 0;
  while (pos < m.bytes.size()) {
    size_t take = pos == 0 && lead != 0 ? lead : 4;
    uint32_t word = 0;
    for (size_t i = 0; i < take; ++i)
      word = word << 8 | static_cast<unsigned char>(m.bytes[pos + i]);
    h = 31 * h + word;
    pos += take;
  }
  if (m.negative) h = 0u - h;
  return static_cast<int32_t>(31 * h + static_cast<uint32_t>(scale));
}

}  // namespace sluice::format
