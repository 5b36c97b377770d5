#include "connect/byte_array_converter.h"

#include "connect/standard_schemas.h"

namespace sluice::connect {

Status ByteArrayConverter::to_connect(std::string_view /*topic*/, KafkaBytes bytes,
                                      Arena& /*arena*/, SchemaAndValue& out) {
  out.schema = optional_schema(SchemaType::kBytes);
  out.value = bytes ? Value::bytes(*bytes) : Value::null();
  return Status::ok_status();
}

}  // namespace sluice::connect
