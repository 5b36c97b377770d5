#include "transforms/transform_alias_keys.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "transforms/transform_registry.h"

namespace sluice::transforms {
namespace {

using config::ConfigKey;
using config::ConfigType;
using config::Importance;
using config::Width;

// The keys Connect adds to every transform alias besides its type (ConnectorConfig's
// TRANSFORMS_GROUP enrichment): the predicate that gates it and whether to negate it.
const config::ConfigDef& transform_gate_keys() {
  static const config::ConfigDef kDef = [] {
    config::ConfigDef def("transform gate");
    def.define("negate", ConfigType::kBoolean)
        .default_value("false")
        .importance(Importance::kMedium)
        .doc("Apply the transformation only to records for which the predicate is false.");
    def.define("predicate", ConfigType::kString)
        .default_null()
        .importance(Importance::kMedium)
        .doc(
            "Alias of the predicate (under `predicates`) that decides which records are "
            "transformed; unset, every record is.");
    return def;
  }();
  return kDef;
}

int importance_rank(Importance i) {
  switch (i) {
    case Importance::kHigh:
      return 0;
    case Importance::kMedium:
      return 1;
    case Importance::kLow:
      return 2;
  }
  return 1;
}

// One alias's group. `kind` is "Transformation" or "Predicate" (the type key's display name),
// `params` the type's table (null when the type is missing or unknown), `gate` the keys Connect
// adds for transforms (null for predicates).
AliasKeys alias_keys(const std::string& group, const std::string& prefix, std::string_view kind,
                     const config::ConfigDef* params, const config::ConfigDef* gate,
                     std::vector<std::string> type_classes) {
  AliasKeys out;
  out.group = group;
  out.type_classes = std::move(type_classes);
  std::string alias = group.substr(group.find(": ") + 2);
  config::ConfigDef type_def("alias type");
  type_def.define(prefix + "type", ConfigType::kClass)
      .required()
      .validator(config::Validator::one_of(out.type_classes))
      .importance(Importance::kHigh)
      .doc(std::string(kind) + " class of the alias '" + alias + "'.")
      .layout(group, 0, Width::kLong, std::string(kind) + " type for " + alias);
  out.keys.push_back(type_def.keys().front());
  if (params == nullptr) return out;

  std::vector<const ConfigKey*> keys;
  for (const ConfigKey& k : params->keys()) keys.push_back(&k);
  if (gate != nullptr) {
    for (const ConfigKey& k : gate->keys()) keys.push_back(&k);
  }
  std::stable_sort(keys.begin(), keys.end(), [](const ConfigKey* a, const ConfigKey* b) {
    if (a->is_required() != b->is_required()) return a->is_required();
    if (a->importance() != b->importance()) {
      return importance_rank(a->importance()) < importance_rank(b->importance());
    }
    return a->name() < b->name();
  });
  int order = 2;
  for (const ConfigKey* k : keys) {
    ConfigKey full = k->renamed(prefix + k->name());
    full.layout(group, order++, Width::kNone, k->name());
    out.keys.push_back(std::move(full));
  }
  return out;
}

template <typename Types>
std::vector<std::string> sorted_class_names(const Types& types) {
  std::vector<std::string> out;
  for (const auto& t : types) out.emplace_back(t.class_name);
  std::sort(out.begin(), out.end());
  return out;
}

std::string trimmed_type(const config::RawConfig& raw, const std::string& prefix) {
  std::optional<std::string_view> type = raw.get(prefix + "type");
  return type ? std::string(config::java_trim(*type)) : std::string();
}

}  // namespace

std::vector<std::string> distinct_aliases(const config::RawConfig& raw, std::string_view key) {
  std::optional<std::string_view> text = raw.get(key);
  if (!text) return {};
  Result<config::ConfigValue> list = config::parse_config_value(config::ConfigType::kList, *text);
  if (!list.ok()) return {};
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string& alias : std::get<std::vector<std::string>>(*list)) {
    if (!alias.empty() && seen.insert(alias).second) out.push_back(alias);
  }
  return out;
}

std::vector<AliasKeys> transform_alias_keys(const config::RawConfig& connector) {
  std::vector<AliasKeys> out;
  for (const std::string& alias : distinct_aliases(connector, "transforms")) {
    std::string prefix = "transforms." + alias + ".";
    const TransformType* type = find_transform_type(trimmed_type(connector, prefix));
    out.push_back(alias_keys("Transforms: " + alias, prefix, "Transformation",
                             type != nullptr ? &type->definition() : nullptr,
                             &transform_gate_keys(), sorted_class_names(transform_types())));
  }
  for (const std::string& alias : distinct_aliases(connector, "predicates")) {
    std::string prefix = "predicates." + alias + ".";
    const PredicateType* type = find_predicate_type(trimmed_type(connector, prefix));
    out.push_back(alias_keys("Predicates: " + alias, prefix, "Predicate",
                             type != nullptr ? &type->definition() : nullptr, nullptr,
                             sorted_class_names(predicate_types())));
  }
  return out;
}

}  // namespace sluice::transforms
