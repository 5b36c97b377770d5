#include "rest/config_infos.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "config/config_def.h"
#include "config/connector_config.h"
#include "transforms/transform_alias_keys.h"

namespace sluice::rest {
namespace {

using config::ConfigKey;
using config::ConfigType;

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// One key to show, with the recommended values of its value.
struct Shown {
  const ConfigKey* key;
  std::vector<std::string> recommended;
};

// ConfigDef.convertToString of a parsed value: lists comma-joined, passwords "[hidden]".
std::optional<std::string> parsed_text(const ConfigKey& key, std::string_view text) {
  Result<config::ConfigValue> parsed = config::parse_config_value(key.type(), text, key.trims());
  if (!parsed.ok()) return std::nullopt;
  // Connect parses a CLASS value by loading the class: one no validator accepts does not load.
  if (key.type() == ConfigType::kClass && key.validator() && key.validator().check(*parsed)) {
    return std::nullopt;
  }
  return config::format_config_value(*parsed);
}

std::optional<std::string> default_text(const ConfigKey& key, const ConfigValidator& validator) {
  switch (key.default_kind()) {
    case config::DefaultKind::kRequired:
      return std::nullopt;
    case config::DefaultKind::kNull:
      return validator.worker_default(key.name());
    case config::DefaultKind::kValue: {
      Result<config::ConfigValue> parsed =
          config::parse_config_value(key.type(), key.default_text(), key.trims());
      if (!parsed.ok()) return key.default_text();
      return config::format_config_value(*parsed);
    }
  }
  return std::nullopt;
}

Json nullable(const std::optional<std::string>& text) {
  return text ? Json(*text) : Json(nullptr);
}

Json definition_json(const ConfigKey& key, const ConfigValidator& validator) {
  const config::KeyLayout& layout = key.layout();
  Json d;
  d["name"] = key.name();
  d["type"] = upper(config::config_type_name(key.type()));
  d["required"] = key.is_required();
  d["default_value"] = nullable(default_text(key, validator));
  d["importance"] = upper(config::importance_name(key.importance()));
  d["documentation"] = key.doc();
  d["group"] = layout.group;
  d["order_in_group"] = layout.order;
  d["width"] = std::string(config::width_name(layout.width));
  d["display_name"] = layout.display_name.empty() ? key.name() : layout.display_name;
  d["dependents"] = key.dependents();
  return d;
}

std::optional<std::string> value_text(const ConfigKey& key, const config::RawConfig& written,
                                      const config::RawConfig& resolved,
                                      const ConfigValidator& validator) {
  std::optional<std::string_view> given = written.get(key.name());
  if (!given) return default_text(key, validator);
  std::optional<std::string_view> used = resolved.get(key.name());
  // A value from a config provider shows as its placeholder, as Connect shows it.
  if (!used || *used != *given) return std::string(*given);
  return parsed_text(key, *used);
}

Json value_json(const std::string& name, std::optional<std::string> value,
                const std::vector<std::string>& recommended,
                const std::vector<std::string>& errors) {
  Json v;
  v["name"] = name;
  v["value"] = nullable(value);
  v["recommended_values"] = recommended;
  v["errors"] = errors;
  v["visible"] = true;
  return v;
}

// The keys to show, in Connect's order, and the group names in order.
std::vector<Shown> shown_keys(const std::vector<transforms::AliasKeys>& aliases,
                              std::vector<std::string>* groups) {
  const config::ConfigDef& def = config::connector_definition();
  // Group ranks: the table's layout groups, the alias groups after "Error Handling".
  std::vector<std::string> order = def.layout_groups();
  auto after = std::find(order.begin(), order.end(), "Error Handling");
  after = after == order.end() ? order.end() : after + 1;
  std::vector<std::string> alias_groups;
  for (const transforms::AliasKeys& a : aliases) alias_groups.push_back(a.group);
  order.insert(after, alias_groups.begin(), alias_groups.end());
  std::map<std::string, size_t, std::less<>> rank;
  for (size_t i = 0; i < order.size(); ++i) rank.emplace(order[i], i);
  auto rank_of = [&rank](const std::string& group) {
    auto it = rank.find(group);
    return it == rank.end() ? rank.size() : it->second;
  };

  std::vector<Shown> out;
  for (const ConfigKey& k : def.keys()) out.push_back(Shown{&k, {}});
  for (const transforms::AliasKeys& a : aliases) {
    for (const ConfigKey& k : a.keys) out.push_back(Shown{&k, {}});
    out[out.size() - a.keys.size()].recommended = a.type_classes;  // the type key
  }
  std::stable_sort(out.begin(), out.end(), [&rank_of](const Shown& a, const Shown& b) {
    size_t ra = rank_of(a.key->layout().group);
    size_t rb = rank_of(b.key->layout().group);
    if (ra != rb) return ra < rb;
    return a.key->layout().order < b.key->layout().order;
  });
  for (const Shown& s : out) {
    const std::string& g = s.key->layout().group;
    if (std::find(groups->begin(), groups->end(), g) == groups->end()) groups->push_back(g);
  }
  return out;
}

}  // namespace

Json config_infos_json(const std::string& connector_class, const config::RawConfig& written,
                       const ValidatedConfig& checked, const ConfigValidator& validator) {
  // The problems by key, in the order found.
  std::map<std::string, std::vector<std::string>, std::less<>> errors;
  std::vector<std::string> keys_with_errors;
  for (const config::ConfigProblem& p : checked.report.errors) {
    auto [it, inserted] = errors.try_emplace(p.key);
    if (inserted) keys_with_errors.push_back(p.key);
    it->second.push_back(p.message);
  }
  std::vector<transforms::AliasKeys> aliases = transforms::transform_alias_keys(written);
  std::vector<std::string> groups;
  std::vector<Shown> shown = shown_keys(aliases, &groups);

  static const std::vector<std::string> kNone;
  auto errors_of = [&errors](const std::string& key) -> const std::vector<std::string>& {
    auto it = errors.find(key);
    return it == errors.end() ? kNone : it->second;
  };
  Json configs = Json::array();
  std::set<std::string, std::less<>> listed;
  size_t error_count = 0;
  for (const Shown& s : shown) {
    const ConfigKey& k = *s.key;
    listed.insert(k.name());
    const std::vector<std::string>& errs = errors_of(k.name());
    error_count += errs.size();
    Json entry;
    entry["definition"] = definition_json(k, validator);
    entry["value"] = value_json(k.name(), value_text(k, written, checked.resolved, validator),
                                s.recommended, errs);
    configs.push_back(std::move(entry));
  }
  // Problems about keys the table does not list.
  for (const std::string& key : keys_with_errors) {
    if (listed.count(key) != 0) continue;
    const std::vector<std::string>& errs = errors_of(key);
    error_count += errs.size();
    std::optional<std::string> given;
    if (std::optional<std::string_view> v = written.get(key)) {
      given = config::is_sensitive_key(key) ? "[hidden]" : std::string(*v);
    }
    Json entry;
    entry["definition"] = nullptr;
    entry["value"] = value_json(key, given, {}, errs);
    configs.push_back(std::move(entry));
  }

  Json out;
  out["name"] = connector_class;
  out["error_count"] = error_count;
  out["groups"] = groups;
  out["configs"] = std::move(configs);
  return out;
}

}  // namespace sluice::rest
