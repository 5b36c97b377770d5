#include "format/view_schemas.h"

namespace sluice::format {

using connect::Schema;
using connect::SchemaType;

const connect::SchemaPtr& headers_array_schema() {
  static const connect::SchemaPtr kSchema = [] {
    auto text = std::make_shared<Schema>();
    text->type = SchemaType::kString;
    auto header = std::make_shared<Schema>();
    header->type = SchemaType::kStruct;
    header->fields.push_back(connect::Field{"key", 0, text});
    header->fields.push_back(connect::Field{"value", 1, text});
    auto array = std::make_shared<Schema>();
    array->type = SchemaType::kArray;
    array->value_schema = std::move(header);
    return connect::SchemaPtr(std::move(array));
  }();
  return kSchema;
}

const connect::SchemaPtr& headers_envelope_schema() {
  static const connect::SchemaPtr kSchema = [] {
    auto envelope = std::make_shared<Schema>();
    envelope->type = SchemaType::kStruct;
    envelope->name = "RecordHeaders";
    envelope->fields.push_back(connect::Field{"headers", 0, headers_array_schema()});
    return connect::SchemaPtr(std::move(envelope));
  }();
  return kSchema;
}

connect::SchemaPtr key_envelope_schema(const connect::SchemaPtr& key_schema) {
  auto envelope = std::make_shared<Schema>();
  envelope->type = SchemaType::kStruct;
  envelope->name = "RecordKey";
  envelope->fields.push_back(connect::Field{"key", 0, key_schema});
  return envelope;
}

}  // namespace sluice::format
