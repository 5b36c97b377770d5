// Decimal bytes: the unscaled integer of a Connect Decimal as Java's BigInteger.toByteArray()
// writes it (big-endian two's complement, minimal length, at least one byte; kafka-connect.md
// §1.3), built from decimal digits or normalised from any two's-complement input.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "connect/value.h"

namespace sluice::connect {

// The integer whose decimal digits are `high` followed by `low` (leading zeros allowed, either
// part may be empty), negated when `negative`, as minimal two's-complement bytes in `arena`.
std::string_view digits_to_twos_complement(bool negative, std::string_view high,
                                           std::string_view low, Arena& arena);

// The same integer as `twos_complement` (non-empty) in its minimal form: a view into the input.
std::string_view minimal_twos_complement(std::string_view twos_complement);

// Integer.parseInt: an optional '+' or '-' and decimal digits that fit in an int.
std::optional<int32_t> parse_java_int(std::string_view text);

}  // namespace sluice::connect
