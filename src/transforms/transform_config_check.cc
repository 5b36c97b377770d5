#include "transforms/transform_config_check.h"

#include <set>
#include <string>
#include <vector>

#include "config/config_def.h"
#include "config/connector_config.h"
#include "transforms/transform_alias_keys.h"
#include "transforms/transform_chain.h"

namespace sluice::transforms {
namespace {

// Splits off the "type" parameter, trimmed; false when it is missing or blank.
bool take_type(std::map<std::string, std::string>* params, std::string* type) {
  auto it = params->find("type");
  if (it == params->end() || config::java_trim(it->second).empty()) return false;
  *type = std::string(config::java_trim(it->second));
  params->erase(it);
  return true;
}

}  // namespace

config::ConfigReport check_transform_configs(const config::RawConfig& raw) {
  std::vector<config::PredicateConfig> predicates;
  std::set<std::string> predicate_aliases;
  for (const std::string& alias : distinct_aliases(raw, "predicates")) {
    config::PredicateConfig p{alias, {}, raw.with_prefix("predicates." + alias + ".")};
    if (!take_type(&p.params, &p.type)) continue;
    predicate_aliases.insert(alias);
    predicates.push_back(std::move(p));
  }
  std::vector<config::TransformConfig> transforms;
  for (const std::string& alias : distinct_aliases(raw, "transforms")) {
    config::TransformConfig t{
        alias, {}, raw.with_prefix("transforms." + alias + "."), std::nullopt, false};
    if (!take_type(&t.params, &t.type)) continue;
    if (auto it = t.params.find("predicate"); it != t.params.end()) {
      std::string name(config::java_trim(it->second));
      t.params.erase(it);
      if (predicate_aliases.count(name) == 0) continue;
      t.predicate = std::move(name);
    }
    if (auto it = t.params.find("negate"); it != t.params.end()) {
      Result<config::ConfigValue> negate =
          config::parse_config_value(config::ConfigType::kBoolean, it->second);
      t.params.erase(it);
      if (!negate.ok()) continue;
      t.negate = std::get<bool>(*negate);
    }
    transforms.push_back(std::move(t));
  }
  config::ConfigReport report;
  (void)TransformChain::build(transforms, predicates, &report);
  // Point each problem at the line its key came from.
  for (auto* problems : {&report.errors, &report.warnings}) {
    for (config::ConfigProblem& p : *problems) {
      if (p.location.empty()) p.location = raw.location(p.key);
    }
  }
  return report;
}

}  // namespace sluice::transforms
