// Base64 as Java's Base64.getEncoder() and Jackson's default variant write it: standard alphabet,
// '=' padding, no line breaks.
#pragma once

#include <string>
#include <string_view>

namespace sluice::format {

void append_base64(std::string& out, std::string_view bytes);

}  // namespace sluice::format
