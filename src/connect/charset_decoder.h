// Decoding bytes in a Java charset into UTF-8 text, replacing malformed input exactly as
// `new String(bytes, charset)` does on the JDK (kafka-connect.md §2.1).
//
// Java never fails to decode a String: each malformed sequence becomes one U+FFFD, and how many
// bytes one U+FFFD swallows is charset-specific (UTF-8: the JDK decoder's rules, which follow
// Unicode's "maximal subpart" practice except for encoded surrogates; UTF-16: one per unpaired
// unit, a high surrogate followed by a non-low unit swallows both). Connect's StringConverter and
// SimpleHeaderConverter inherit that, so sluice must produce the same text.
//
// Valid UTF-8 input is returned as a view of the input itself (no copy, the hot path); anything
// that needs rewriting is written into the caller's Arena.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connect/value.h"

namespace sluice::connect {

enum class Charset : uint8_t {
  kUtf8,
  kIso8859_1,
  kUsAscii,
  kUtf16,  // BOM-detecting, big-endian without a BOM; the BOM is dropped
  kUtf16Be,
  kUtf16Le,
  kWindows1252,
};

// Looks up a Java charset name or alias, case-insensitively ("utf8", "latin1", "Cp1252", ...).
std::optional<Charset> find_charset(std::string_view java_name);
// The canonical Java name ("UTF-8", "ISO-8859-1", ...).
std::string_view charset_name(Charset charset);
// The canonical names of every supported charset, for messages.
const std::vector<std::string>& supported_charset_names();

// `new String(bytes, charset)`, as UTF-8. A view of `bytes` when they are already the answer.
std::string_view decode_to_utf8(Charset charset, std::string_view bytes, Arena& arena);
// The UTF-8 case of decode_to_utf8.
std::string_view decode_utf8(std::string_view bytes, Arena& arena);
// Whether `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

}  // namespace sluice::connect
