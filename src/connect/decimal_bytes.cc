#include "connect/decimal_bytes.h"

#include <vector>

namespace sluice::connect {
namespace {

// Writes the minimal two's complement of the magnitude `mag[0..size)` (big-endian, no leading
// zero bytes, size 0 for zero) into the arena. `mag` has one spare byte in front (mag[-1]).
std::string_view finish(uint8_t* mag, size_t size, bool negative, Arena& arena) {
  if (size == 0) return arena.copy(std::string_view("\0", 1));
  if (!negative) {
    if (mag[0] & 0x80) {
      --mag;
      ++size;
      mag[0] = 0x00;
    }
  } else {
    bool carry = true;
    for (size_t i = size; i-- > 0;) {
      uint8_t b = static_cast<uint8_t>(~mag[i]);
      if (carry) {
        ++b;
        carry = b == 0;
      }
      mag[i] = b;
    }
    if (!(mag[0] & 0x80)) {
      --mag;
      ++size;
      mag[0] = 0xFF;
    }
    while (size > 1 && mag[0] == 0xFF && (mag[1] & 0x80)) {
      ++mag;
      --size;
    }
  }
  return arena.copy(std::string_view(reinterpret_cast<const char*>(mag), size));
}

}  // namespace

std::string_view digits_to_twos_complement(bool negative, std::string_view high,
                                           std::string_view low, Arena& arena) {
  // Little-endian base-2^32 limbs; digits are folded in nine at a time. Numbers of up to ~300
  // digits stay on the stack.
  constexpr size_t kInlineLimbs = 32;
  uint32_t inline_limbs[kInlineLimbs];
  std::vector<uint32_t> heap_limbs;
  uint32_t* limbs = inline_limbs;
  size_t limb_count = 0;
  uint32_t chunk = 0;
  uint32_t chunk_scale = 1;
  auto flush = [&] {
    uint64_t carry = chunk;
    for (size_t i = 0; i < limb_count; ++i) {
      const uint64_t v = static_cast<uint64_t>(limbs[i]) * chunk_scale + carry;
      limbs[i] = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
    if (carry != 0) {
      if (limbs == inline_limbs && limb_count == kInlineLimbs) {
        heap_limbs.assign(inline_limbs, inline_limbs + kInlineLimbs);
      }
      if (limb_count >= kInlineLimbs) {
        heap_limbs.resize(limb_count + 1);
        limbs = heap_limbs.data();
      }
      limbs[limb_count++] = static_cast<uint32_t>(carry);
    }
    chunk = 0;
    chunk_scale = 1;
  };
  bool seen_nonzero = false;
  for (std::string_view part : {high, low}) {
    for (char c : part) {
      if (!seen_nonzero && c == '0') continue;
      seen_nonzero = true;
      chunk = chunk * 10 + static_cast<uint32_t>(c - '0');
      chunk_scale *= 10;
      if (chunk_scale == 1000000000) flush();
    }
  }
  if (chunk_scale != 1) flush();

  const size_t max_bytes = limb_count * 4 + 1;
  uint8_t inline_bytes[kInlineLimbs * 4 + 1];
  std::vector<uint8_t> heap_bytes;
  uint8_t* buffer = inline_bytes;
  if (max_bytes > sizeof(inline_bytes)) {
    heap_bytes.resize(max_bytes);
    buffer = heap_bytes.data();
  }
  uint8_t* mag = buffer + 1;  // one spare byte for a sign byte
  size_t size = 0;
  for (size_t i = limb_count; i-- > 0;) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      const uint8_t b = static_cast<uint8_t>(limbs[i] >> shift);
      if (size == 0 && b == 0) continue;
      mag[size++] = b;
    }
  }
  return finish(mag, size, negative, arena);
}

std::string_view minimal_twos_complement(std::string_view bytes) {
  size_t drop = 0;
  while (bytes.size() - drop > 1) {
    const uint8_t first = static_cast<uint8_t>(bytes[drop]);
    const uint8_t next = static_cast<uint8_t>(bytes[drop + 1]);
    if ((first == 0x00 && !(next & 0x80)) || (first == 0xFF && (next & 0x80))) {
      ++drop;
    } else {
      break;
    }
  }
  return bytes.substr(drop);
}

std::optional<int32_t> parse_java_int(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  size_t i = 0;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    i = 1;
  }
  if (i == text.size()) return std::nullopt;
  int64_t value = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
    if (value > 2147483648LL) return std::nullopt;
  }
  if (negative) value = -value;
  if (value > INT32_MAX || value < INT32_MIN) return std::nullopt;
  return static_cast<int32_t>(value);
}

}  // namespace sluice::connect
