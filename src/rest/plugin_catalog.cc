#include "rest/plugin_catalog.h"

#include <algorithm>
#include <vector>

#include "config/converter_config.h"
#include "transforms/transform_registry.h"

namespace sluice::rest {

namespace {

void add_sorted(std::vector<std::string> classes, std::string_view type, const std::string& version,
                Json* out) {
  std::sort(classes.begin(), classes.end());
  for (const std::string& c : classes) {
    Json plugin;
    plugin["class"] = c;
    plugin["type"] = type;
    plugin["version"] = version;
    out->push_back(std::move(plugin));
  }
}

}  // namespace

Json connector_plugins_json(bool connectors_only, const std::string& connector_class,
                            const std::string& version) {
  Json out = Json::array();
  add_sorted({connector_class}, "sink", version, &out);
  if (connectors_only) return out;

  std::vector<std::string> transforms;
  for (const transforms::TransformType& t : transforms::transform_types()) {
    transforms.emplace_back(t.class_name);
  }
  add_sorted(std::move(transforms), "transformation", version, &out);
  std::vector<std::string> predicates;
  for (const transforms::PredicateType& p : transforms::predicate_types()) {
    predicates.emplace_back(p.class_name);
  }
  add_sorted(std::move(predicates), "predicate", version, &out);

  std::vector<std::string> converters;
  std::vector<std::string> header_converters;
  for (int i = static_cast<int>(config::ConverterClass::kString);
       i <= static_cast<int>(config::ConverterClass::kBoolean); ++i) {
    auto c = static_cast<config::ConverterClass>(i);
    const std::string& name = config::converter_classes().full_name(c);
    if (config::usable_as_key_or_value(c)) converters.push_back(name);
    if (config::usable_as_header(c)) header_converters.push_back(name);
  }
  add_sorted(std::move(converters), "converter", version, &out);
  add_sorted(std::move(header_converters), "header_converter", version, &out);
  return out;
}

}  // namespace sluice::rest
