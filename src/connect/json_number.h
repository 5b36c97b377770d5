// JsonNumber: a JSON number token read the way JsonConverter's Jackson setup reads it.
//
// JsonConverter configures Jackson with ALLOW_LEADING_ZEROS_FOR_NUMBERS, USE_BIG_DECIMAL_FOR_FLOATS
// and exact BigDecimal nodes (kafka-connect.md §2.3), so a number keeps every digit: an integer
// token becomes an int, long or BigInteger node, anything with a fraction or exponent an exact
// BigDecimal. The accessors below are Jackson's lax NumericNode accessors on such a node:
// intValue()/longValue() keep the low 32/64 bits of the value truncated toward zero (silent
// wrap-around), floatValue()/doubleValue() round correctly, decimalValue() keeps the written
// scale. The token is kept as a view; nothing is converted until asked.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "connect/value.h"

namespace sluice::connect {

struct JsonNumber {
  std::string_view token;  // the whole token
  bool negative = false;
  std::string_view int_digits;   // one or more digits, leading zeros allowed
  std::string_view frac_digits;  // digits after the '.', empty if none
  int64_t exponent = 0;          // the e/E part
  bool integral = false;         // no '.' and no exponent: Jackson's VALUE_NUMBER_INT

  // Parses `token` with Jackson's grammar plus leading zeros: -?[0-9]+(.[0-9]+)?([eE][+-]?[0-9]+)?
  // Returns false (with a Jackson-like message in *error) on a malformed token, a token longer
  // than Jackson's 1000-character limit, or an exponent BigDecimal cannot hold.
  static bool parse(std::string_view token, JsonNumber* out, std::string* error);

  // Jackson's isInt(): an integer token whose value fits in 32 bits (an IntNode).
  bool is_int32() const;
  // intValue()/longValue(): the low bits of the value truncated toward zero.
  int32_t int32_value() const { return static_cast<int32_t>(static_cast<uint32_t>(int64_value())); }
  int64_t int64_value() const;
  // floatValue()/doubleValue(): correctly rounded; an exact zero is +0.0 (BigDecimal has no -0).
  float float_value() const;
  double double_value() const;
  // decimalValue(): the unscaled integer as minimal two's-complement bytes in `arena`, and the
  // scale written in the token ("2.210" has scale 3, "1e2" scale -2, an integer token scale 0).
  std::string_view unscaled_bytes(Arena& arena) const;
  int32_t scale() const;

  bool is_zero() const;
};

}  // namespace sluice::connect
