#include "format/logical_types.h"

#include <charconv>

namespace sluice::format {

Result<int32_t> decimal_scale(const connect::Schema& schema) {
  const std::string* text = schema.parameter("scale");
  if (text == nullptr) {
    return Status::data_error("Invalid Decimal schema: scale parameter not found.");
  }
  // Integer.parseInt accepts an optional leading '+' or '-'.
  std::string_view digits = *text;
  if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
  int32_t scale = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), scale);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty()) {
    return Status::data_error("Invalid Decimal schema: scale parameter '" + *text +
                              "' is not an integer");
  }
  return scale;
}

Result<int32_t> decimal_value_scale(const connect::Schema* schema, const connect::Value& value) {
  if (value.is_decimal()) return value.decimal_scale();
  if (schema == nullptr) return Status::data_error("Decimal value without a Decimal schema");
  return decimal_scale(*schema);
}

}  // namespace sluice::format
