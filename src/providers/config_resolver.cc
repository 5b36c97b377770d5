#include "providers/config_resolver.h"

#include <cctype>
#include <set>

#include "providers/placeholder.h"

namespace sluice::providers {

namespace {

bool resolvable(const std::string& key, ConfigScope scope) {
  if (scope == ConfigScope::kConnector) return true;
  // The providers' own settings are read before any provider exists (Kafka does not transform
  // them either), and Connect reads plugin.path before it loads providers.
  return key != "config.providers" && key.rfind("config.providers.", 0) != 0 &&
         key != "plugin.path";
}

std::string declared_list(const ConfigProviders& providers) {
  std::string out;
  for (const std::string& name : providers.declared()) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "none" : out;
}

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// Replaces whole-word occurrences of `needle` in `text`.
void replace_words(std::string* text, const std::string& needle, const std::string& replacement) {
  if (needle.empty()) return;
  size_t at = 0;
  while ((at = text->find(needle, at)) != std::string::npos) {
    size_t after = at + needle.size();
    bool starts = at == 0 || !word_char((*text)[at - 1]) || !word_char(needle.front());
    bool ends = after == text->size() || !word_char((*text)[after]) || !word_char(needle.back());
    if (starts && ends) {
      text->replace(at, needle.size(), replacement);
      at += replacement.size();
    } else {
      at += 1;
    }
  }
}

}  // namespace

ConfigResolution resolve_placeholders(config::RawConfig* raw, const ConfigProviders& providers,
                                      ConfigScope scope) {
  ConfigResolution out;
  // provider -> path -> keys, as ConfigTransformer groups its lookups.
  std::map<std::string, std::map<std::string, std::set<std::string>>> wanted;
  std::vector<std::pair<std::string, std::vector<Placeholder>>> found;  // in file order
  for (const config::RawEntry& entry : raw->entries()) {
    if (!resolvable(entry.key, scope)) continue;
    std::vector<Placeholder> placeholders = find_placeholders(entry.value);
    if (placeholders.empty()) continue;
    for (const Placeholder& p : placeholders) wanted[p.provider][p.path].insert(p.key);
    out.originals.emplace(entry.key, entry.value);
    found.emplace_back(entry.key, std::move(placeholders));
  }
  // provider -> path -> data, or the error of that lookup.
  std::map<std::string, std::map<std::string, Result<ConfigData>>> fetched;
  for (const auto& [name, paths] : wanted) {
    ConfigProvider* provider = providers.find(name);
    if (provider == nullptr) continue;
    for (const auto& [path, keys] : paths) {
      Result<ConfigData> data = provider->get(path, keys);
      if (data.ok() && data->ttl && (!out.ttl || *data->ttl < *out.ttl)) {
        out.ttl = data->ttl;
        out.ttl_source = path.empty() ? name : name + ":" + path;
      }
      fetched[name].emplace(path, std::move(data));
    }
  }
  for (auto& [key, placeholders] : found) {
    const std::string& original = out.originals.at(key);
    std::string value;
    size_t copied = 0;
    bool complete = true;
    for (const Placeholder& p : placeholders) {
      value.append(original, copied, p.begin - copied);
      copied = p.end;
      std::string reference = std::string(p.text(original));
      auto problem = [&](std::string message) {
        complete = false;
        out.problems.push_back(config::ConfigProblem{key, original, std::move(message),
                                                     config::Severity::kError, raw->location(key)});
      };
      ConfigProvider* provider = providers.find(p.provider);
      if (provider == nullptr) {
        bool declared = false;
        for (const std::string& d : providers.declared()) declared = declared || d == p.provider;
        problem("The value of '" + key + "' refers to config provider '" + p.provider + "' (" +
                reference + "), " +
                (declared ? "which could not be configured (see its error)"
                          : "which config.providers in the worker configuration does not "
                            "declare (declared: " +
                                declared_list(providers) + ")"));
        continue;
      }
      const Result<ConfigData>& data = fetched.at(p.provider).at(p.path);
      if (!data.ok()) {
        problem("Cannot resolve '" + key + "': config provider '" + p.provider + "' (" +
                std::string(provider->class_name()) + ") failed for " + reference + ": " +
                data.status().message());
        continue;
      }
      auto it = data->data.find(p.key);
      if (it == data->data.end()) {
        problem("Cannot resolve '" + key + "': config provider '" + p.provider + "' (" +
                std::string(provider->class_name()) + ") has no key '" + p.key + "'" +
                (p.path.empty() ? std::string() : " at path '" + p.path + "'") + " for " +
                reference);
        continue;
      }
      value += it->second;
    }
    value.append(original, copied);
    if (!complete) continue;
    out.resolved.emplace(key, value);
    raw->replace_value(key, std::move(value));
  }
  return out;
}

void mask_resolved_values(config::ConfigProblem* problem, const ConfigResolution& resolution) {
  if (auto it = resolution.originals.find(problem->key); it != resolution.originals.end()) {
    if (problem->value != "[hidden]" && !problem->value.empty()) problem->value = it->second;
  }
  for (const auto& [key, value] : resolution.resolved) {
    replace_words(&problem->message, value, resolution.originals.at(key));
    replace_words(&problem->value, value, resolution.originals.at(key));
  }
}

}  // namespace sluice::providers
