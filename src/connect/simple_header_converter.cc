#include "connect/simple_header_converter.h"

#include "connect/charset_decoder.h"
#include "connect/standard_schemas.h"
#include "connect/values_parser.h"

namespace sluice::connect {

Status SimpleHeaderConverter::to_connect_header(std::string_view /*topic*/,
                                                std::string_view /*header_key*/, KafkaBytes bytes,
                                                Arena& arena, SchemaAndValue& out) {
  if (!bytes) {
    out.schema = nullptr;
    out.value = Value::null();
    return Status::ok_status();
  }
  if (!parse_values_string(decode_utf8(*bytes, arena), arena, &out)) {
    out.schema = required_schema(SchemaType::kBytes);
    out.value = Value::bytes(*bytes);
  }
  return Status::ok_status();
}

}  // namespace sluice::connect
