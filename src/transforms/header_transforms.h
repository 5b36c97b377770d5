// The header transforms of Apache Kafka (KIP-145): InsertHeader adds a header with a literal
// value, DropHeaders removes every header with one of the given names.
//
// org.apache.kafka.connect.transforms.InsertHeader: `header` and `value.literal`; the literal is
// typed once at start by Values.parseString (connect/values_parser.h), as Java does in
// configure(): "42" becomes an INT8 header, "true" a BOOLEAN one, "[1,2]" an ARRAY. Its value
// lives in the transform (an OwnedValue), so records refer to it without copying.
//
// org.apache.kafka.connect.transforms.DropHeaders: `headers`, a non-empty list of names.
//
// Both rebuild the record's header array in the batch Arena (only when it changes).
#pragma once

#include "transforms/transform_registry.h"

namespace sluice::transforms {

TransformType insert_header_type();
TransformType drop_headers_type();

}  // namespace sluice::transforms
