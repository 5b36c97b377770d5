#include "transforms/transform_chain.h"

#include <map>
#include <utility>

#include "config/class_alias.h"
#include "config/config_def.h"
#include "config/raw_config.h"

namespace sluice::transforms {
namespace {

// Kafka Connect computes plugin aliases over every plugin it knows, so transforms and predicates
// share one table: ids below the number of transform types are transforms, the rest predicates.
const config::ClassAliasTable& plugin_aliases() {
  static const config::ClassAliasTable table = [] {
    std::vector<config::ClassAliasTable::Entry> entries;
    int id = 0;
    for (const TransformType& t : transform_types()) {
      entries.push_back({std::string(t.class_name), id++});
    }
    for (const PredicateType& p : predicate_types()) {
      entries.push_back({std::string(p.class_name), id++});
    }
    // PluginUtils.prunedName strips the plugin kind's interface name.
    return config::ClassAliasTable(std::move(entries), {"Transformation", "Predicate"});
  }();
  return table;
}

std::string describe(bool transforms) {
  const config::ClassAliasTable& table = plugin_aliases();
  const int first_predicate = static_cast<int>(transform_types().size());
  std::map<int, std::vector<std::string>> aliases;
  for (const std::string& spelling : table.spellings()) {
    std::optional<int> id = table.resolve(spelling);
    if (id && spelling != table.full_name(*id)) aliases[*id].push_back(spelling);
  }
  std::string out;
  for (const config::ClassAliasTable::Entry& e : table.entries()) {
    if ((e.id < first_predicate) != transforms) continue;
    if (!out.empty()) out += ", ";
    out += e.full_name;
    const auto it = aliases.find(e.id);
    if (it == aliases.end()) continue;
    out += " (";
    for (size_t i = 0; i < it->second.size(); ++i) out += (i ? ", " : "") + it->second[i];
    out += ")";
  }
  return out;
}

// A problem found by a transform's own ConfigDef or factory, whose key is relative to
// "transforms.<alias>.", rewritten to name the full key.
config::ConfigProblem with_prefix(config::ConfigProblem problem, const std::string& prefix) {
  if (problem.key.empty()) return problem;
  if (problem.message.compare(0, problem.key.size() + 1, problem.key + " ") == 0) {
    problem.message.insert(0, prefix);  // a message that starts by naming its key
  }
  for (const std::string& quoted :
       {"configuration '" + problem.key + "'", "configuration " + problem.key + ":"}) {
    const size_t at = problem.message.find(quoted);
    if (at == std::string::npos) continue;
    const size_t key_at = at + quoted.find(problem.key);
    problem.message.insert(key_at, prefix);
    break;
  }
  problem.key = prefix + problem.key;
  if (problem.message.find(problem.key) == std::string::npos) {
    // Kafka's own text does not say which key it is about: name the key and the value.
    problem.message = "Invalid value '" + config::printable(problem.value) +
                      "' for configuration " + problem.key + ": " + problem.message;
  }
  return problem;
}

config::RawConfig raw_params(const std::map<std::string, std::string>& params) {
  config::RawConfig raw;
  for (const auto& [key, value] : params) raw.set(key, value);
  return raw;
}

// Parses `params` with the type's ConfigDef and creates the plugin; every problem goes to
// *report with the prefixed key. Null when there was an error.
template <typename Type, typename Plugin>
std::unique_ptr<Plugin> configure(const Type& type,
                                  const std::map<std::string, std::string>& params,
                                  const std::string& prefix, config::ConfigReport* report) {
  config::ConfigReport own;
  config::ParsedConfig parsed = type.definition().parse(raw_params(params), &own);
  std::unique_ptr<Plugin> plugin;
  if (own.ok()) {
    std::vector<config::ConfigProblem> problems;
    plugin = type.create(parsed, &problems);
    for (config::ConfigProblem& p : problems) own.add(std::move(p));
    if (!own.ok()) plugin.reset();
  }
  for (config::ConfigProblem& p : own.errors) report->add(with_prefix(std::move(p), prefix));
  for (config::ConfigProblem& p : own.warnings) report->add(with_prefix(std::move(p), prefix));
  return plugin;
}

config::ConfigProblem unknown_class(const std::string& key, const std::string& name,
                                    bool transform) {
  return config::invalid_value(key, name,
                               "Class " + name + " could not be found; the known " +
                                   (transform ? "transforms" : "predicates") + " are " +
                                   describe(transform));
}

}  // namespace

const TransformType* resolve_transform_type(std::string_view name) {
  std::optional<int> id = plugin_aliases().resolve(name);
  if (!id || *id >= static_cast<int>(transform_types().size())) return nullptr;
  return &transform_types()[*id];
}

const PredicateType* resolve_predicate_type(std::string_view name) {
  std::optional<int> id = plugin_aliases().resolve(name);
  const int first = static_cast<int>(transform_types().size());
  if (!id || *id < first) return nullptr;
  return &predicate_types()[*id - first];
}

std::string describe_transform_types() {
  return describe(true);
}
std::string describe_predicate_types() {
  return describe(false);
}

std::unique_ptr<TransformChain> TransformChain::build(
    const std::vector<config::TransformConfig>& transforms,
    const std::vector<config::PredicateConfig>& predicates, config::ConfigReport* report) {
  auto chain = std::unique_ptr<TransformChain>(new TransformChain());
  const size_t errors_before = report->errors.size();
  bool failed = false;
  std::map<std::string, const Predicate*, std::less<>> by_alias;
  for (const config::PredicateConfig& p : predicates) {
    const std::string prefix = "predicates." + p.alias + ".";
    if (p.type.empty()) {  // reported by the connector configuration
      failed = true;
      continue;
    }
    const PredicateType* type = resolve_predicate_type(p.type);
    if (type == nullptr) {
      report->add(unknown_class(prefix + "type", p.type, false));
      failed = true;
      continue;
    }
    auto predicate = configure<PredicateType, Predicate>(*type, p.params, prefix, report);
    if (predicate == nullptr) {
      failed = true;
      continue;
    }
    by_alias[p.alias] = predicate.get();
    chain->predicates_.push_back(std::move(predicate));
  }
  for (const config::TransformConfig& t : transforms) {
    const std::string prefix = "transforms." + t.alias + ".";
    if (t.type.empty()) {
      failed = true;
      continue;
    }
    const TransformType* type = resolve_transform_type(t.type);
    if (type == nullptr) {
      report->add(unknown_class(prefix + "type", t.type, true));
      failed = true;
      continue;
    }
    auto transform = configure<TransformType, Transformation>(*type, t.params, prefix, report);
    if (transform == nullptr) {
      failed = true;
      continue;
    }
    Step step{t.alias, std::move(transform), nullptr, t.negate};
    if (t.predicate) {
      const auto it = by_alias.find(*t.predicate);
      if (it == by_alias.end()) {  // an unknown or invalid predicate, reported already
        failed = true;
        continue;
      }
      step.predicate = it->second;
    }
    chain->steps_.push_back(std::move(step));
  }
  if (failed || report->errors.size() != errors_before) return nullptr;
  return chain;
}

Result<Disposition> TransformChain::apply(connect::SinkRecord& record, TransformContext& context) {
  for (Step& step : steps_) {
    if (step.predicate != nullptr && step.predicate->test(record) == step.negate) continue;
    context.failure_class = kDataException;
    Result<Disposition> result = step.transform->apply(record, context);
    if (!result.ok()) {
      failed_class_ = step.transform->class_name();
      return result;
    }
    if (*result == Disposition::kDrop) return Disposition::kDrop;
  }
  return Disposition::kKeep;
}

}  // namespace sluice::transforms
