// Schema to JSON text: Java's Schema.toString() byte for byte, and the Parsing Canonical Form.
//
// schema_to_json reproduces Avro 1.11's Schema.toString() (what DataFileWriter stores as the
// avro.schema of every file Confluent's AvroFormat writes):
//  * key order per kind: primitive with properties {"type", props...} (without properties just
//    "int"); record {"type":"record"|"error", "name", "namespace", "doc", "fields", props...,
//    "aliases"}; field {"name", "type", "doc", "default", "order" (unless ascending), "aliases",
//    props...}; enum {"type", "name", "namespace", "doc", "symbols", "default", props...,
//    "aliases"}; fixed {"type", "name", "namespace", "doc", "size", props..., "aliases"};
//    array {"type", "items", props...}; map {"type", "values", props...}; union [...];
//  * "namespace" is written only where it differs from the enclosing record's namespace, as ""
//    for a type without namespace inside one that has one;
//  * a named type already written is referred to by name: unqualified when in the enclosing
//    namespace (unless the name is also a type name like "int" or "record"), else the full name;
//    aliases are qualified against the type's own namespace the same way;
//  * JSON values (defaults, properties) as Jackson writes them (json_value.h): doubles as
//    Double.toString, members in insertion order, Jackson's escapes.
//
// parsing_canonical_form follows the Avro specification's transformation as Java's
// SchemaNormalization.toParsingForm implements it; fingerprint64 is the specification's
// CRC-64-AVRO (Rabin) fingerprint.
//
// Stateless and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "avro/schema.h"

namespace sluice::avro {

void append_schema_json(std::string& out, const Schema& schema);
std::string schema_to_json(const Schema& schema);

std::string parsing_canonical_form(const Schema& schema);
uint64_t fingerprint64(std::string_view bytes);
// fingerprint64(parsing_canonical_form(schema)), Java's parsingFingerprint64.
uint64_t parsing_fingerprint64(const Schema& schema);

}  // namespace sluice::avro
