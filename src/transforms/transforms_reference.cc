#include "transforms/transforms_reference.h"

#include "config/config_reference.h"
#include "transforms/transform_chain.h"
#include "transforms/transform_registry.h"

namespace sluice::transforms {
namespace {

// One type: its class name, the aliases Connect would accept, and its key table.
template <typename Type>
std::string render_type(const Type& type, const std::string& aliases) {
  std::string out = "\n#### `" + std::string(type.class_name) + "`\n\n";
  if (!aliases.empty()) out += "Also accepted as " + aliases + ".\n\n";
  const std::string table = config::render_key_table(type.definition());
  out += table.empty() ? std::string("No parameters.\n") : table;
  return out;
}

template <typename Type, typename Resolve>
std::string aliases_of(const Type& type, Resolve resolve) {
  // The aliases Connect derives: the simple class name and, for a name ending in the plugin
  // kind, the name without it; listed when they resolve to this very type.
  std::string name(type.class_name);
  name = name.substr(name.find_last_of(".$") + 1);
  std::string out;
  for (const std::string& alias : {name, name.substr(0, name.rfind("Transformation")),
                                   name.substr(0, name.rfind("Predicate"))}) {
    if (alias.empty() || resolve(alias) != &type) continue;
    const std::string shown = "`" + alias + "`";
    if (out.find(shown) == std::string::npos) out += (out.empty() ? "" : ", ") + shown;
  }
  return out;
}

}  // namespace

std::string render_transforms_reference_markdown() {
  std::string out(config::kTransformsSectionStart);
  out +=
      "\n## Transforms and predicates\n\n"
      "Kafka Connect's single message transforms and predicates, configured as in Connect: "
      "`transforms=<alias>,...` with `transforms.<alias>.type` and the transform's own keys under "
      "`transforms.<alias>.`, optionally `transforms.<alias>.predicate=<predicate alias>` and "
      "`transforms.<alias>.negate`; `predicates=<alias>,...` with `predicates.<alias>.type` and "
      "its keys. A type is the Java class name, or the simple class name when no other plugin "
      "has the same one. Keys, defaults, validators and messages are Apache Kafka 4.4's; "
      "`sluice validate` reports every problem under its full key "
      "(`transforms.<alias>.<key>`).\n";
  out += "\n### Transforms\n";
  for (const TransformType& type : transform_types()) {
    out += render_type(type, aliases_of(type, resolve_transform_type));
  }
  out += "\n### Predicates\n";
  for (const PredicateType& type : predicate_types()) {
    out += render_type(type, aliases_of(type, resolve_predicate_type));
  }
  return out;
}

}  // namespace sluice::transforms
