#include "config/config_reference.h"

#include <map>

#include "config/connector_config.h"
#include "config/converter_config.h"
#include "config/worker_config.h"

namespace sluice::config {
namespace {

// Table cells: pipes escaped, line breaks flattened.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string code(std::string_view text) {
  if (text.empty()) return "`\"\"`";
  return "`" + cell(printable(text)) + "`";
}

std::string default_cell(const ConfigKey& key) {
  switch (key.default_kind()) {
    case DefaultKind::kRequired:
      return "**required**";
    case DefaultKind::kNull:
      return "null";
    case DefaultKind::kValue:
      return code(key.default_text());
  }
  return "";
}

std::string description_cell(const ConfigKey& key) {
  std::string text = key.doc();
  if (key.is_internal()) text = "Internal (undocumented upstream). " + text;
  if (!key.ignored_note().empty()) text += " Accepted, not used: " + key.ignored_note() + ".";
  return cell(text);
}

constexpr std::string_view kTableHeader =
    "| Key | Type | Default | Valid values | Importance | Description "
    "|\n|---|---|---|---|---|---|\n";

std::string key_row(const ConfigKey& key) {
  return "| `" + key.name() + "` | " + std::string(config_type_name(key.type())) + " | " +
         default_cell(key) + " | " + cell(key.validator().description()) + " | " +
         std::string(importance_name(key.importance())) + " | " + description_cell(key) + " |\n";
}

}  // namespace

std::string render_key_table(const ConfigDef& def) {
  if (def.keys().empty()) return {};
  std::string out(kTableHeader);
  for (const ConfigKey& key : def.keys()) out += key_row(key);
  return out;
}

std::string_view reference_config_part(std::string_view text) {
  return text.substr(0, text.find(kTransformsSectionStart));
}

std::string_view reference_transforms_part(std::string_view text) {
  const size_t at = text.find(kTransformsSectionStart);
  return at == std::string_view::npos ? std::string_view() : text.substr(at);
}

std::string render_definition_markdown(const ConfigDef& def) {
  std::string out = "## " + def.title() + "\n";
  for (const auto& [group, description] : def.groups()) {
    out += "\n### " + group + "\n\n";
    if (!description.empty()) out += description + "\n\n";
    out += kTableHeader;
    for (const ConfigKey& key : def.keys()) {
      if (key.group() == group) out += key_row(key);
    }
    bool has_prefixes = false;
    for (const ConfigPrefix& prefix : def.prefixes()) {
      if (prefix.group != group) continue;
      if (!has_prefixes) {
        out += "\nAny key under these prefixes is accepted:\n\n";
        out += "| Prefix | Meaning |\n|---|---|\n";
        has_prefixes = true;
      }
      out += "| `" + prefix.prefix + "` | " + cell(prefix.documentation) + " |\n";
    }
  }
  return out;
}

std::string render_reference_markdown() {
  std::string out;
  out += "# sluice configuration reference\n\n";
  out +=
      "<!-- Generated from the key definitions in src/config/ by "
      "sluice::config::render_reference_markdown(). Do not edit by hand: run the config unit "
      "tests with SLUICE_UPDATE_DOCS=1 to regenerate. -->\n\n";
  out +=
      "sluice takes the worker and connector configuration you gave Kafka Connect or MSK "
      "Connect for Confluent's S3 sink connector (`io.confluent.connect.s3.S3SinkConnector`). "
      "Files may be Java `.properties` or Connect REST JSON (`{\"name\": ..., \"config\": "
      "{...}}` or a bare config object); the syntax is picked by content.\n\n";
  out +=
      "Values are parsed as Kafka's ConfigDef does: strings, class names and passwords are "
      "trimmed; lists are split on commas with surrounding whitespace removed (an empty value "
      "is an empty list); booleans are `true`/`false` in any case; numbers are decimal within "
      "Java's int/long limits. Every problem is reported at once, with the key, the value "
      "given (`[hidden]` for passwords) and what is allowed. Keys that are neither defined "
      "nor under an accepted prefix are reported as warnings (with a suggestion when a "
      "defined key is close) and ignored.\n\n";
  out +=
      "The connector name comes from `name`, or from `--name` on the command line when the "
      "file has none (MSK Connect passes the name separately). It is never derived from the "
      "file name, because it decides the consumer group `connect-<name>` and so where "
      "consumption resumes.\n\n";
  out +=
      "Converter classes accepted in `key.converter`, `value.converter` and "
      "`header.converter` (full name, or an alias in parentheses): " +
      cell(converter_classes().table().describe()) + ".\n\n";
  out += render_definition_markdown(connector_definition());
  out += "\n";
  out += render_definition_markdown(worker_definition());
  return out;
}

}  // namespace sluice::config
