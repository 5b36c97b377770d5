#include "connect/string_converter.h"

#include "connect/converter_options.h"
#include "connect/standard_schemas.h"

namespace sluice::connect {

std::unique_ptr<StringConverter> StringConverter::configure(
    const std::map<std::string, std::string>& config, const std::string& prefix, bool is_key,
    std::vector<std::string>& problems) {
  ConverterOptions options(config, prefix);
  // StringConverter copies converter.encoding into deserializer.encoding, but StringDeserializer
  // looks at the slot-specific key first; that one is not trimmed (Charset.forName sees it raw).
  const std::string slot_key = is_key ? "key.deserializer.encoding" : "value.deserializer.encoding";
  std::string key = "converter.encoding";
  std::string name = options.string(key, "UTF-8");
  if (const std::string* override_name = options.raw(slot_key)) {
    key = slot_key;
    name = *override_name;
  }
  std::optional<Charset> charset = find_charset(name);
  if (!charset) {
    std::string allowed = "Unsupported or unknown charset; supported: ";
    const auto& names = supported_charset_names();
    for (size_t i = 0; i < names.size(); ++i) {
      if (i > 0) allowed.append(", ");
      allowed.append(names[i]);
    }
    allowed.append(" (and their Java aliases)");
    options.add_problem(key, name, allowed);
  }
  problems.insert(problems.end(), options.problems().begin(), options.problems().end());
  return std::make_unique<StringConverter>(charset.value_or(Charset::kUtf8));
}

Status StringConverter::to_connect(std::string_view /*topic*/, KafkaBytes bytes, Arena& arena,
                                   SchemaAndValue& out) {
  out.schema = optional_schema(SchemaType::kString);
  out.value = bytes ? Value::string(decode_to_utf8(charset_, *bytes, arena)) : Value::null();
  return Status::ok_status();
}

}  // namespace sluice::connect
