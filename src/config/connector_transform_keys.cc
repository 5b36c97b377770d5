// The "Transforms" group of the connector configuration: the transforms and predicates lists and
// their per-alias prefixes, and how the builder reads them into TransformConfig and
// PredicateConfig (kafka-connect.md §3.1: aliases unique and non-empty, a type for each,
// predicates that exist).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "config/connector_config_internal.h"

namespace sluice::config {
namespace connector_internal {

void define_transform_keys(ConfigDef& def) {
  using T = ConfigType;
  def.begin_group("Transforms",
                  "Single Message Transforms and predicates (kafka-connect.md §3.1).");
  def.define("transforms", T::kList)
      .layout("Transforms", 12, Width::kLong, "Transforms")
      .default_value("")
      .importance(Importance::kLow)
      .doc(
          "Aliases of the transforms to apply, in order. Each alias needs "
          "`transforms.<alias>.type`; duplicates are rejected.");
  def.define_prefix("transforms.",
                    "`transforms.<alias>.type`, `.predicate`, `.negate` and the transform's own "
                    "parameters.");
  def.define("predicates", T::kList)
      .layout("Predicates", 13, Width::kLong, "Predicates")
      .default_value("")
      .importance(Importance::kLow)
      .doc(
          "Aliases of the predicates transforms may refer to. Each alias needs "
          "`predicates.<alias>.type`.");
  def.define_prefix("predicates.", "`predicates.<alias>.type` and the predicate's parameters.");
}

}  // namespace connector_internal

void ConnectorConfigBuilder::read_transforms() {
  std::set<std::string> predicate_aliases = read_predicates();
  std::set<std::string> transform_aliases;
  if (valid("transforms")) {
    for (const std::string& alias : parsed_.list_value("transforms")) {
      if (accept_alias("transforms", alias, &transform_aliases)) {
        read_transform(alias, predicate_aliases);
      }
    }
  }
  warn_unlisted_aliases(transform_aliases, predicate_aliases);
}

// Whether `alias`, listed in `list_key`, is non-empty and new; reports it otherwise.
bool ConnectorConfigBuilder::accept_alias(const std::string& list_key, const std::string& alias,
                                          std::set<std::string>* seen) {
  if (alias.empty()) {
    error(list_key, "Invalid value '" + printable(given(list_key)) + "' for configuration " +
                        list_key + ": an alias must not be empty");
    return false;
  }
  if (!seen->insert(alias).second) {
    error(list_key, "Invalid value '" + printable(given(list_key)) + "' for configuration " +
                        list_key + ": duplicate alias '" + alias + "'");
    return false;
  }
  return true;
}

// The trimmed `<prefix>type` of a transform or predicate, taken out of its parameters; reports
// it (and returns "") when it is missing or blank.
std::string ConnectorConfigBuilder::take_type(const std::string& prefix, std::string_view what,
                                              const std::string& alias,
                                              std::map<std::string, std::string>* params) {
  auto type = params->find("type");
  if (type == params->end() || java_trim(type->second).empty()) {
    error(prefix + "type", "Missing required configuration '" + prefix + "type' for " +
                               std::string(what) + " '" + alias + "'");
    return {};
  }
  std::string name(java_trim(type->second));
  params->erase(type);
  return name;
}

std::set<std::string> ConnectorConfigBuilder::read_predicates() {
  std::set<std::string> aliases;
  if (!valid("predicates")) return aliases;
  for (const std::string& alias : parsed_.list_value("predicates")) {
    if (!accept_alias("predicates", alias, &aliases)) continue;
    std::string prefix = "predicates." + alias + ".";
    PredicateConfig predicate{alias, {}, raw_.with_prefix(prefix)};
    predicate.type = take_type(prefix, "predicate", alias, &predicate.params);
    config_.predicates_.push_back(std::move(predicate));
  }
  return aliases;
}

void ConnectorConfigBuilder::read_transform(const std::string& alias,
                                            const std::set<std::string>& predicate_aliases) {
  std::string prefix = "transforms." + alias + ".";
  TransformConfig transform{alias, {}, raw_.with_prefix(prefix), std::nullopt, false};
  transform.type = take_type(prefix, "transform", alias, &transform.params);
  auto predicate = transform.params.find("predicate");
  bool has_predicate_key = predicate != transform.params.end();
  if (has_predicate_key) {
    std::string name(java_trim(predicate->second));
    transform.params.erase(predicate);
    if (predicate_aliases.count(name) == 0) {
      error(prefix + "predicate", "Invalid value '" + name + "' for configuration " + prefix +
                                      "predicate: it must name a predicate listed "
                                      "in 'predicates'");
    } else {
      transform.predicate = name;
    }
  }
  auto negate = transform.params.find("negate");
  if (negate != transform.params.end()) {
    Result<ConfigValue> value = parse_config_value(ConfigType::kBoolean, negate->second);
    if (!value.ok()) {
      report_->add(invalid_value(prefix + "negate", negate->second, value.status().message(),
                                 where(prefix + "negate")));
    } else {
      transform.negate = std::get<bool>(*value);
      if (!transform.predicate && !has_predicate_key &&
          raw_.find(prefix + "predicate") == nullptr) {
        error(prefix + "negate", "'" + prefix + "negate' is set but '" + prefix +
                                     "predicate' is not; negate needs a predicate");
      }
    }
    transform.params.erase(negate);
  }
  config_.transforms_.push_back(std::move(transform));
}

// Keys of aliases that are not listed are ignored by Connect; say so.
void ConnectorConfigBuilder::warn_unlisted_aliases(const std::set<std::string>& transform_aliases,
                                                   const std::set<std::string>& predicate_aliases) {
  for (const RawEntry& entry : raw_.entries()) {
    for (auto [prefix, aliases] :
         {std::pair{std::string_view("transforms."), &transform_aliases},
          std::pair{std::string_view("predicates."), &predicate_aliases}}) {
      if (entry.key.rfind(prefix, 0) != 0) continue;
      std::string rest = entry.key.substr(prefix.size());
      std::string alias = rest.substr(0, rest.find('.'));
      if (aliases->count(alias) == 0) {
        std::string list_key(prefix.substr(0, prefix.size() - 1));
        warn(entry.key,
             "'" + entry.key + "' is ignored: '" + alias + "' is not listed in " + list_key);
      }
    }
  }
}

}  // namespace sluice::config
