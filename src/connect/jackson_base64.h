// Base64 decoding as Jackson's TextNode.binaryValue() does it for JsonConverter BYTES and
// Decimal payloads (Base64Variants.MIME_NO_LINEFEEDS, the default variant).
//
// The rules are Jackson's, not RFC 4648's: the text is trimmed of characters <= U+0020; such
// characters may also appear between 4-character groups but not inside one; padding is
// required; a padded group may be followed by more groups; bits left over in the last character
// are ignored.
#pragma once

#include <string>
#include <string_view>

#include "connect/value.h"

namespace sluice::connect {

// Decodes `text` into `arena`; returns false with `*error` set on broken input.
bool jackson_base64_decode(std::string_view text, Arena& arena, std::string_view* out,
                           std::string* error);

}  // namespace sluice::connect
