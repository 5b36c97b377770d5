#include "connect/converter_factory.h"

#include "connect/avro_converter.h"
#include "connect/byte_array_converter.h"
#include "connect/json_converter.h"
#include "connect/json_schema_converter.h"
#include "connect/number_converters.h"
#include "connect/protobuf_converter.h"
#include "connect/simple_header_converter.h"
#include "connect/string_converter.h"

namespace sluice::connect {
namespace {

enum class Kind : uint8_t {
  kString,
  kByteArray,
  kJson,
  kShort,
  kInteger,
  kLong,
  kFloat,
  kDouble,
  kBoolean,
  kSimpleHeader,
  kAvro,
  kJsonSchema,
  kProtobuf,
  kUnsupported,  // a real Connect converter that sluice does not implement yet
};

struct ClassInfo {
  std::string_view full_name;
  Kind kind;
};

constexpr ClassInfo kClasses[] = {
    {"org.apache.kafka.connect.storage.StringConverter", Kind::kString},
    {"org.apache.kafka.connect.converters.ByteArrayConverter", Kind::kByteArray},
    {"org.apache.kafka.connect.json.JsonConverter", Kind::kJson},
    {"org.apache.kafka.connect.converters.ShortConverter", Kind::kShort},
    {"org.apache.kafka.connect.converters.IntegerConverter", Kind::kInteger},
    {"org.apache.kafka.connect.converters.LongConverter", Kind::kLong},
    {"org.apache.kafka.connect.converters.FloatConverter", Kind::kFloat},
    {"org.apache.kafka.connect.converters.DoubleConverter", Kind::kDouble},
    {"org.apache.kafka.connect.converters.BooleanConverter", Kind::kBoolean},
    {"org.apache.kafka.connect.storage.SimpleHeaderConverter", Kind::kSimpleHeader},
    {"io.confluent.connect.avro.AvroConverter", Kind::kAvro},
    {"io.confluent.connect.json.JsonSchemaConverter", Kind::kJsonSchema},
    {"io.confluent.connect.protobuf.ProtobufConverter", Kind::kProtobuf},
};

std::string_view simple_name(std::string_view full_name) {
  return full_name.substr(full_name.rfind('.') + 1);
}

const ClassInfo* find_class(std::string_view name) {
  for (const ClassInfo& info : kClasses) {
    const std::string_view simple = simple_name(info.full_name);
    std::string_view shortest = simple;
    if (shortest.size() > 9 && shortest.substr(shortest.size() - 9) == "Converter") {
      shortest.remove_suffix(9);
    }
    if (name == info.full_name || name == simple || name == shortest) return &info;
  }
  return nullptr;
}

bool usable_in(Kind kind, ConverterSlot slot) {
  if (kind == Kind::kUnsupported) return false;
  // AvroConverter, JsonSchemaConverter and ProtobufConverter implement Converter only;
  // SimpleHeaderConverter HeaderConverter only.
  if (slot == ConverterSlot::kHeader) {
    return kind != Kind::kAvro && kind != Kind::kJsonSchema && kind != Kind::kProtobuf;
  }
  return kind != Kind::kSimpleHeader;
}

std::string supported_list(ConverterSlot slot) {
  std::string out;
  for (std::string_view name : supported_converter_classes(slot)) {
    if (!out.empty()) out.append(", ");
    out.append(name);
  }
  return out;
}

std::string invalid_class(ConverterSlot slot, std::string_view value, std::string_view message) {
  std::string problem = "Invalid value ";
  problem.append(value).append(" for configuration ").append(converter_slot_key(slot));
  problem.append(": ").append(message);
  return problem;
}

std::string prefix_of(ConverterSlot slot) {
  return std::string(converter_slot_key(slot)) + ".";
}

// Builds and configures a converter; configuration problems are appended to `problems`.
std::unique_ptr<DataAndHeaderConverter> create_data_converter(
    Kind kind, const std::map<std::string, std::string>& sub_config, ConverterSlot slot,
    std::vector<std::string>& problems) {
  const std::string prefix = prefix_of(slot);
  switch (kind) {
    case Kind::kString:
      return StringConverter::configure(sub_config, prefix, slot == ConverterSlot::kKey, problems);
    case Kind::kByteArray:
      return std::make_unique<ByteArrayConverter>();
    case Kind::kJson:
      return std::make_unique<JsonConverter>(
          JsonConverterConfig::parse(sub_config, prefix, problems));
    case Kind::kShort:
      return std::make_unique<NumberConverter>(NumberKind::kShort);
    case Kind::kInteger:
      return std::make_unique<NumberConverter>(NumberKind::kInteger);
    case Kind::kLong:
      return std::make_unique<NumberConverter>(NumberKind::kLong);
    case Kind::kFloat:
      return std::make_unique<NumberConverter>(NumberKind::kFloat);
    case Kind::kDouble:
      return std::make_unique<NumberConverter>(NumberKind::kDouble);
    case Kind::kBoolean:
      return std::make_unique<NumberConverter>(NumberKind::kBoolean);
    case Kind::kAvro: {
      const size_t before = problems.size();
      AvroConverterConfig config =
          AvroConverterConfig::parse(sub_config, prefix, slot == ConverterSlot::kKey, problems);
      if (problems.size() != before) return nullptr;
      auto client = std::make_shared<schema_registry::SchemaRegistryClient>(config.registry);
      return std::make_unique<AvroConverter>(std::move(config), slot == ConverterSlot::kKey,
                                             std::move(client));
    }
    case Kind::kJsonSchema: {
      const size_t before = problems.size();
      JsonSchemaConverterConfig config = JsonSchemaConverterConfig::parse(
          sub_config, prefix, slot == ConverterSlot::kKey, problems);
      if (problems.size() != before) return nullptr;
      auto client = std::make_shared<schema_registry::SchemaRegistryClient>(config.registry);
      return std::make_unique<JsonSchemaConverter>(std::move(config), slot == ConverterSlot::kKey,
                                                   std::move(client));
    }
    case Kind::kProtobuf: {
      const size_t before = problems.size();
      ProtobufConverterConfig config =
          ProtobufConverterConfig::parse(sub_config, prefix, slot == ConverterSlot::kKey, problems);
      if (problems.size() != before) return nullptr;
      auto client = std::make_shared<schema_registry::SchemaRegistryClient>(config.registry);
      return std::make_unique<ProtobufConverter>(std::move(config), slot == ConverterSlot::kKey,
                                                 std::move(client));
    }
    case Kind::kSimpleHeader:
    case Kind::kUnsupported:
      break;
  }
  return nullptr;
}

// Resolves the class for `slot`; nullptr with a problem appended when it cannot be used there.
const ClassInfo* resolve_for_slot(std::string_view class_name, ConverterSlot slot,
                                  std::vector<std::string>& problems) {
  const ClassInfo* info = find_class(class_name);
  if (info == nullptr) {
    problems.push_back(invalid_class(
        slot, class_name,
        "Class " + std::string(class_name) + " could not be found. Converters sluice supports: " +
            supported_list(slot) + " (also by simple name, e.g. JsonConverter or Json)"));
    return nullptr;
  }
  if (info->kind == Kind::kUnsupported) {
    problems.push_back(invalid_class(slot, class_name,
                                     std::string(info->full_name) +
                                         " is not supported by sluice yet (Schema Registry "
                                         "converters are planned); supported: " +
                                         supported_list(slot)));
    return nullptr;
  }
  if (!usable_in(info->kind, slot)) {
    const bool header = slot == ConverterSlot::kHeader;
    problems.push_back(invalid_class(
        slot, class_name,
        "Class " + std::string(info->full_name) + " is not an instance of " +
            (header ? "org.apache.kafka.connect.storage.HeaderConverter"
                    : "org.apache.kafka.connect.storage.Converter (it can only convert headers)") +
            "; supported: " + supported_list(slot)));
    return nullptr;
  }
  return info;
}

std::string join(const std::vector<std::string>& problems) {
  std::string out;
  for (const std::string& p : problems) {
    if (!out.empty()) out.append("; ");
    out.append(p);
  }
  return out;
}

}  // namespace

std::string_view converter_slot_key(ConverterSlot slot) {
  switch (slot) {
    case ConverterSlot::kKey:
      return "key.converter";
    case ConverterSlot::kValue:
      return "value.converter";
    case ConverterSlot::kHeader:
      return "header.converter";
  }
  return "value.converter";
}

std::optional<std::string_view> resolve_converter_class(std::string_view name) {
  const ClassInfo* info = find_class(name);
  if (info == nullptr) return std::nullopt;
  return info->full_name;
}

std::vector<std::string_view> supported_converter_classes(ConverterSlot slot) {
  std::vector<std::string_view> names;
  for (const ClassInfo& info : kClasses) {
    if (usable_in(info.kind, slot)) names.push_back(info.full_name);
  }
  return names;
}

std::vector<std::string> validate_converter_config(
    std::string_view class_name, const std::map<std::string, std::string>& sub_config,
    ConverterSlot slot) {
  std::vector<std::string> problems;
  const ClassInfo* info = resolve_for_slot(class_name, slot, problems);
  if (info != nullptr && info->kind != Kind::kSimpleHeader) {
    create_data_converter(info->kind, sub_config, slot, problems);
  }
  return problems;
}

Result<std::unique_ptr<Converter>> make_converter(
    std::string_view class_name, const std::map<std::string, std::string>& sub_config,
    bool is_key) {
  const ConverterSlot slot = is_key ? ConverterSlot::kKey : ConverterSlot::kValue;
  std::vector<std::string> problems;
  const ClassInfo* info = resolve_for_slot(class_name, slot, problems);
  std::unique_ptr<Converter> converter;
  if (info != nullptr) converter = create_data_converter(info->kind, sub_config, slot, problems);
  if (!problems.empty()) return Status::invalid_argument(join(problems));
  return converter;
}

Result<std::unique_ptr<HeaderConverter>> make_header_converter(
    std::string_view class_name, const std::map<std::string, std::string>& sub_config) {
  std::vector<std::string> problems;
  const ClassInfo* info = resolve_for_slot(class_name, ConverterSlot::kHeader, problems);
  std::unique_ptr<HeaderConverter> converter;
  if (info != nullptr) {
    if (info->kind == Kind::kSimpleHeader) {
      converter = std::make_unique<SimpleHeaderConverter>();
    } else {
      converter = create_data_converter(info->kind, sub_config, ConverterSlot::kHeader, problems);
    }
  }
  if (!problems.empty()) return Status::invalid_argument(join(problems));
  return converter;
}

}  // namespace sluice::connect
