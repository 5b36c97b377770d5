#include "connect/avro_data_names.h"

#include <vector>

#include "connect/decimal_bytes.h"

namespace sluice::connect::avro_data {
namespace {

bool is_name_char(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}

// The non-empty-or-empty components of Java's fullName.split("\\."): trailing empty strings are
// removed (a name of only dots gives one empty component, as "".split gives [""]).
std::vector<std::string_view> java_split_dots(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t dot = s.find('.', start);
    parts.push_back(
        s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  while (parts.size() > 1 && parts.back().empty()) parts.pop_back();
  return parts;
}

}  // namespace

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string scrub_name(std::string_view name) {
  if (name.empty()) return std::string(name);
  bool ok = !is_digit(static_cast<unsigned char>(name[0]));
  for (char c : name) ok = ok && is_name_char(static_cast<unsigned char>(c));
  if (ok) return std::string(name);
  // URLEncoder.encode: [A-Za-z0-9.*_-] kept, ' ' -> '+', every other byte -> %XX; then every
  // character but [A-Za-z0-9_] becomes '_', so '%XX' becomes '_XX'.
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  if (is_digit(static_cast<unsigned char>(name[0]))) out.push_back('x');
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    if (is_name_char(c)) {
      out.push_back(ch);
    } else if (c == '.' || c == '-' || c == '*' || c == ' ') {
      out.push_back('_');
    } else {
      out.push_back('_');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

SplitName split_name(std::string_view full_name, bool scrub) {
  SplitName result;
  if (full_name.empty()) return result;
  std::vector<std::string_view> parts = java_split_dots(full_name);
  if (parts.size() <= 1) {
    result.name = scrub_name(parts[0], scrub);
    return result;
  }
  std::string space;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (i > 0) space.push_back('.');
    space += scrub_name(parts[i], scrub);
  }
  result.space = std::move(space);
  result.name = scrub_name(parts.back(), scrub);
  return result;
}

std::string scrub_full_name(std::string_view full_name, bool scrub) {
  if (!scrub) return std::string(full_name);
  SplitName split = split_name(full_name, true);
  return split.space ? *split.space + "." + split.name : split.name;
}

bool is_union_schema(const Schema& schema) {
  return (schema.name && *schema.name == kAvroTypeUnion) ||
         schema.parameter(kGeneralizedTypeUnion) != nullptr;
}

bool is_enum_schema(const Schema& schema) {
  return schema.type == SchemaType::kString && (schema.parameter(kGeneralizedTypeEnum) != nullptr ||
                                                schema.parameter(kAvroTypeEnum) != nullptr);
}

bool is_fixed_schema(const Schema& schema) {
  return schema.type == SchemaType::kBytes && schema.name &&
         schema.parameter(kFixedSizeParam) != nullptr;
}

std::string union_member_field_name(const avro::Schema& branch, size_t index,
                                    const AvroDataConfig& config) {
  if (config.generalized_sum_type_support) {
    return std::string(kGeneralizedUnionFieldPrefix) + std::to_string(index);
  }
  if (branch.is_named()) {
    return config.enhanced_avro_schema_support ? branch.full_name() : branch.name();
  }
  return std::string(avro::type_name(branch.type()));
}

std::string union_member_field_name(const Schema& member, size_t index,
                                    const AvroDataConfig& config) {
  if (config.generalized_sum_type_support) {
    return std::string(kGeneralizedUnionFieldPrefix) + std::to_string(index);
  }
  if (member.type == SchemaType::kStruct || is_enum_schema(member) || is_fixed_schema(member)) {
    const std::string name = member.name.value_or("");
    if (config.enhanced_avro_schema_support) {
      return scrub_full_name(name, config.scrub_invalid_names);
    }
    return split_name(name, config.scrub_invalid_names).name;
  }
  switch (member.type) {
    case SchemaType::kInt32:
      return "int";
    case SchemaType::kInt64:
      return "long";
    case SchemaType::kFloat32:
      return "float";
    case SchemaType::kFloat64:
      return "double";
    case SchemaType::kBoolean:
      return "boolean";
    case SchemaType::kString:
      return "string";
    case SchemaType::kBytes:
      return "bytes";
    case SchemaType::kArray:
      return "array";
    case SchemaType::kMap:
      return "map";
    default:
      return "null";  // INT8/INT16 have no entry in Java's table (a NullPointerException)
  }
}

std::optional<int32_t> parse_int(std::string_view text) {
  return parse_java_int(text);
}

}  // namespace sluice::connect::avro_data
