// Java's org.apache.avro.Schema.equals for schema nodes: what decides, when Schema.toString()
// meets a second named type with an already written name, whether it is written as a reference
// (equal) or fails with "Can't redefine" (different).
//
// Equal: same type and properties (compared as maps, in any order); named types also the same
// full name; records field by field (name, schema, default, order, properties; docs and aliases
// do not count); enums the same symbols; fixed the same size; arrays, maps and unions their
// children. Recursive records compare as equal while a pair is being compared (Java's SEEN set).
//
// Stateless and thread-safe.
#pragma once

#include "avro/schema.h"

namespace sluice::connect {

bool avro_schemas_equal(const avro::Schema& a, const avro::Schema& b);
bool avro_props_equal(const avro::Properties& a, const avro::Properties& b);

}  // namespace sluice::connect
