// Creating converters from configuration: the converter classes sluice implements, their
// Connect-style aliases and the validation of their sub-configs (kafka-connect.md §2.0).
//
// A class may be named by its fully-qualified Java name, its simple name ("JsonConverter") or the
// simple name without "Converter" ("Json"). Unknown classes, classes sluice does not implement
// yet (the Confluent Schema Registry converters) and classes used in the wrong slot (the
// HeaderConverter-only SimpleHeaderConverter as a key converter) are configuration errors whose
// message names the key, the value and what is supported. Sub-config values are checked with
// ConfigDef's rules; every problem is reported at once.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connect/converter.h"
#include "util/status.h"

namespace sluice::connect {

enum class ConverterSlot : uint8_t { kKey, kValue, kHeader };

// "key.converter", "value.converter", "header.converter".
std::string_view converter_slot_key(ConverterSlot slot);

// The canonical class name for a full name or alias sluice knows (implemented or not).
std::optional<std::string_view> resolve_converter_class(std::string_view name);
// The canonical names of the converters sluice implements for `slot`.
std::vector<std::string_view> supported_converter_classes(ConverterSlot slot);

// Every problem with naming `class_name` in `slot` configured with `sub_config` (prefix already
// stripped); empty when it is fine.
std::vector<std::string> validate_converter_config(
    std::string_view class_name, const std::map<std::string, std::string>& sub_config,
    ConverterSlot slot);

// A configured key (is_key) or value converter; kInvalidArgument listing every problem otherwise.
Result<std::unique_ptr<Converter>> make_converter(
    std::string_view class_name, const std::map<std::string, std::string>& sub_config, bool is_key);
// A configured header converter.
Result<std::unique_ptr<HeaderConverter>> make_header_converter(
    std::string_view class_name, const std::map<std::string, std::string>& sub_config);

}  // namespace sluice::connect
