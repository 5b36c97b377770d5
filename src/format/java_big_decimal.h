// BigDecimal helpers for Connect's Decimal logical type, whose encoded value is the unscaled
// integer as big-endian two's-complement bytes (BigInteger.toByteArray()) with the scale in the
// schema.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::format {

// Appends BigDecimal.toString() of unscaled x 10^-scale: plain notation when scale >= 0 and the
// adjusted exponent is >= -6 ("2.21", "12.30", "0.00000123"), else scientific with a signed
// exponent ("1E-9", "1.23E-7", "1E+2"). Empty bytes are zero.
void append_java_big_decimal(std::string& out, std::string_view twos_complement, int32_t scale);

// The shortest two's-complement form of the same integer, as BigInteger.toByteArray() returns it
// (at least one byte). Returns a view into `twos_complement`, or "\0" for empty input.
std::string_view minimal_twos_complement(std::string_view twos_complement);

// BigDecimal.hashCode() of unscaled x 10^-scale.
int32_t java_big_decimal_hash_code(std::string_view twos_complement, int32_t scale);

}  // namespace sluice::format
