#include "format/java_type_names.h"

namespace sluice::format {

using connect::SchemaType;
using connect::ValueKind;

std::string_view java_class_name(const connect::Schema* schema, const connect::Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull:
      return "null";
    case ValueKind::kBoolean:
      return "class java.lang.Boolean";
    case ValueKind::kInt:
      if (schema != nullptr) {
        if (schema->name && (*schema->name == connect::kDateLogicalName ||
                             *schema->name == connect::kTimeLogicalName ||
                             *schema->name == connect::kTimestampLogicalName)) {
          return "class java.util.Date";
        }
        switch (schema->type) {
          case SchemaType::kInt8:
            return "class java.lang.Byte";
          case SchemaType::kInt16:
            return "class java.lang.Short";
          case SchemaType::kInt32:
            return "class java.lang.Integer";
          default:
            break;
        }
      }
      return "class java.lang.Long";
    case ValueKind::kFloat32:
      return "class java.lang.Float";
    case ValueKind::kFloat64:
      return "class java.lang.Double";
    case ValueKind::kString:
      return "class java.lang.String";
    case ValueKind::kBytes:
      if (v.is_decimal() ||
          (schema != nullptr && schema->name && *schema->name == connect::kDecimalLogicalName)) {
        return "class java.math.BigDecimal";
      }
      return "class [B";
    case ValueKind::kArray:
      return "class java.util.ArrayList";
    case ValueKind::kMap:
      return "class java.util.HashMap";
    case ValueKind::kStruct:
      return "class org.apache.kafka.connect.data.Struct";
  }
  return "class java.lang.Object";
}

SchemaType connect_schema_type(const connect::Schema* schema, const connect::Value& v) {
  if (schema != nullptr) return schema->type;
  switch (v.kind()) {
    case ValueKind::kBoolean:
      return SchemaType::kBoolean;
    case ValueKind::kInt:
      return SchemaType::kInt64;
    case ValueKind::kFloat32:
      return SchemaType::kFloat32;
    case ValueKind::kFloat64:
      return SchemaType::kFloat64;
    case ValueKind::kBytes:
      return SchemaType::kBytes;
    case ValueKind::kArray:
      return SchemaType::kArray;
    case ValueKind::kMap:
      return SchemaType::kMap;
    case ValueKind::kStruct:
      return SchemaType::kStruct;
    case ValueKind::kString:
    case ValueKind::kNull:
      break;
  }
  return SchemaType::kString;
}

}  // namespace sluice::format
