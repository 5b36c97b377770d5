// Whether AvroData.fromConnectData(file_schema, value) accepts a value whose own Connect schema is
// `schema`, as the Avro and Parquet writers need for the records after a file's first: Java
// casts the value to the Java class of the file schema's type (so the same primitive type and
// logical type pass), walks arrays and maps, and compares structs with Struct.schema().equals()
// ("Mismatching struct schema" otherwise).
#pragma once

#include "connect/schema.h"

namespace sluice::format {

bool avro_data_accepts(const connect::Schema& file_schema, const connect::Schema& schema);

}  // namespace sluice::format
