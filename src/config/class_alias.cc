#include "config/class_alias.h"

#include <algorithm>
#include <set>

namespace sluice::config {
namespace {

// The part after the last '.' or '$' (a nested class's simple name).
std::string simple_name(const std::string& full_name) {
  size_t cut = full_name.find_last_of(".$");
  return cut == std::string::npos ? full_name : full_name.substr(cut + 1);
}

}  // namespace

ClassAliasTable::ClassAliasTable(std::vector<Entry> entries, std::vector<std::string> suffixes)
    : entries_(std::move(entries)) {
  std::map<std::string, std::set<int>> candidates;  // alias -> ids claiming it
  std::map<int, std::string> canonical;
  for (const Entry& e : entries_) {
    lookup_[e.full_name] = e.id;
    if (canonical.emplace(e.id, e.full_name).second) {
      full_names_in_order_.push_back(e.full_name);
    } else {
      other_full_names_[canonical[e.id]].push_back(e.full_name);
    }
    std::string simple = simple_name(e.full_name);
    if (simple != e.full_name) candidates[simple].insert(e.id);
    for (const std::string& suffix : suffixes) {
      if (simple.size() > suffix.size() &&
          simple.compare(simple.size() - suffix.size(), suffix.size(), suffix) == 0) {
        candidates[simple.substr(0, simple.size() - suffix.size())].insert(e.id);
      }
    }
  }
  // An alias claimed by two different classes is ambiguous and therefore not accepted.
  for (const auto& [alias, ids] : candidates) {
    if (ids.size() != 1 || lookup_.count(alias) != 0) continue;
    int id = *ids.begin();
    lookup_[alias] = id;
    short_names_[canonical[id]].push_back(alias);
  }
  // Longer alias first ("JsonFormat" before "Json"), matching how users usually write them.
  for (auto& [name, aliases] : short_names_) {
    std::stable_sort(
        aliases.begin(), aliases.end(),
        [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  }
  // Other full names of the same class are listed after its short names.
  for (const auto& [name, others] : other_full_names_) {
    for (const std::string& other : others) short_names_[name].push_back(other);
  }
}

std::optional<int> ClassAliasTable::resolve(std::string_view name) const {
  auto it = lookup_.find(name);
  if (it == lookup_.end()) return std::nullopt;
  return it->second;
}

const std::string& ClassAliasTable::full_name(int id) const {
  for (const Entry& e : entries_) {
    if (e.id == id) return e.full_name;
  }
  static const std::string kUnknown;
  return kUnknown;
}

std::vector<std::string> ClassAliasTable::spellings() const {
  std::vector<std::string> out;
  for (const Entry& e : entries_) out.push_back(e.full_name);
  for (const std::string& name : full_names_in_order_) {
    auto it = short_names_.find(name);
    if (it == short_names_.end()) continue;
    for (const std::string& alias : it->second) {
      if (std::find(out.begin(), out.end(), alias) == out.end()) out.push_back(alias);
    }
  }
  return out;
}

std::string ClassAliasTable::describe() const {
  std::string out;
  for (const std::string& name : full_names_in_order_) {
    if (!out.empty()) out += ", ";
    out += name;
    auto it = short_names_.find(name);
    if (it == short_names_.end() || it->second.empty()) continue;
    out += " (";
    for (size_t i = 0; i < it->second.size(); ++i) {
      if (i > 0) out += ", ";
      out += it->second[i];
    }
    out += ")";
  }
  return out;
}

}  // namespace sluice::config
