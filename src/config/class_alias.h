// ClassAliases: the Java class names a CLASS-typed key accepts, with Connect-style short aliases.
//
// Kafka Connect lets users name a plugin class by its fully-qualified name, by its simple name
// ("JsonConverter") or by the simple name without the type suffix ("Json"), the last two only when
// no other known class has the same short name. sluice cannot load Java classes, so each CLASS key
// has a closed table of the classes it implements; the table maps every accepted spelling to an
// enum value. (Connect applies aliases to connectors, converters and transforms only; sluice
// accepts them for formats, partitioners and the other CLASS keys too.)
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::config {

class ClassAliasTable {
 public:
  struct Entry {
    std::string full_name;  // fully-qualified (binary) Java class name
    int id = 0;
  };

  // `suffixes` are stripped from simple names to form the shortest alias ("Converter",
  // "Format"); several full names may share an id (a Java class that moved between packages).
  ClassAliasTable(std::vector<Entry> entries, std::vector<std::string> suffixes);

  // The id for a full name or an unambiguous alias; exact, case-sensitive match (Java class
  // names are case-sensitive).
  std::optional<int> resolve(std::string_view name) const;
  // The first full name listed for `id` (the canonical spelling).
  const std::string& full_name(int id) const;
  const std::vector<Entry>& entries() const { return entries_; }
  // Every spelling that resolve() accepts, full names first.
  std::vector<std::string> spellings() const;
  // "a.b.JsonFormat (JsonFormat, Json), ..." for documentation and messages: each class's
  // canonical full name, then its aliases and its other full names in parentheses.
  std::string describe() const;

 private:
  std::vector<Entry> entries_;
  std::vector<std::string> full_names_in_order_;
  std::map<std::string, std::vector<std::string>> short_names_;  // canonical name -> aliases
  std::map<std::string, std::vector<std::string>> other_full_names_;
  std::map<std::string, int, std::less<>> lookup_;
};

// A ClassAliasTable whose ids are an enum.
template <typename Enum>
class ClassAliases {
 public:
  ClassAliases(std::vector<std::pair<std::string, Enum>> classes, std::vector<std::string> suffixes)
      : table_(to_entries(std::move(classes)), std::move(suffixes)) {}

  std::optional<Enum> resolve(std::string_view name) const {
    std::optional<int> id = table_.resolve(name);
    if (!id) return std::nullopt;
    return static_cast<Enum>(*id);
  }
  const std::string& full_name(Enum value) const {
    return table_.full_name(static_cast<int>(value));
  }
  const ClassAliasTable& table() const { return table_; }

 private:
  static std::vector<ClassAliasTable::Entry> to_entries(
      std::vector<std::pair<std::string, Enum>> classes) {
    std::vector<ClassAliasTable::Entry> entries;
    for (auto& [name, value] : classes) {
      entries.push_back(ClassAliasTable::Entry{std::move(name), static_cast<int>(value)});
    }
    return entries;
  }

  ClassAliasTable table_;
};

}  // namespace sluice::config
