// SchemaBuilder: creates schema nodes and checks them as Java's Schema constructors and
// Schema.Parser do (SchemaParser is built on it; converters that make schemas in code use it
// directly).
//
// Checks (each failure is a kDataError naming the problem):
//  * names: the unqualified part of every type name, alias, field name and enum symbol must start
//    with a letter or `_` and continue with letters, digits or `_` (Java checks only the last part
//    of a dotted name, not the namespace). Non-ASCII characters are accepted as letters: Java's
//    Character.isLetter is Unicode-aware and we do not carry its tables, so a name Java refuses
//    for a non-ASCII symbol or digit passes here. `validate_names = false` turns the check off,
//    as Parser.setValidate(false) does.
//  * a named type may not be called after a primitive ("int"; "x.int" is fine) nor defined twice;
//  * records: no two fields with the same name; defaults valid for the field's type when
//    `validate_defaults` (Java's Parser validates them by default): int/long need an integral
//    number in range, float/double any number, bytes/string/enum/fixed a string, boolean,
//    null, arrays and maps element-wise, a union the first branch, a record an object whose every
//    field has a valid value or a default;
//  * enums: symbols are valid names without repeats, the default is one of them;
//  * fixed: 0 <= size <= 2^31 - 9 (Java's byte-array limit);
//  * unions: no union directly inside a union, no two branches with the same full name (two
//    arrays, two maps, two "int", or the same record twice are duplicates);
//  * properties: none with a reserved name (type, name, namespace, doc, aliases, fields, items,
//    values, size, symbols; "default" on enums; for fields: name, type, doc, default, order,
//    aliases), none twice.
//
// Names: a type's `name` may be qualified ("a.b.C"); otherwise `space` is its namespace (pass the
// enclosing namespace to inherit it, "" for none). Aliases without a dot take the type's namespace.
//
// Ownership: the builder owns the nodes it creates until build(), which hands them to the returned
// SchemaPtr; named types stay known to the builder (and alive) for later schemas. Not thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "avro/schema.h"
#include "util/status.h"

namespace sluice::avro {

struct SchemaBuilderOptions {
  bool validate_names = true;
  bool validate_defaults = true;
};

struct NamedTypeSpec {
  std::string name;   // "C" or "a.b.C"
  std::string space;  // namespace for an unqualified name; "" = none
  std::optional<std::string> doc;
  std::vector<std::string> aliases;  // "X" (in the type's namespace) or "other.ns.X"
  Properties props;
};

struct FieldSpec {
  std::string name;
  const Schema* type = nullptr;
  std::optional<std::string> doc;
  std::optional<JsonValue> default_value;
  FieldOrder order = FieldOrder::kAscending;
  std::vector<std::string> aliases;
  Properties props;
};

class SchemaBuilder {
 public:
  explicit SchemaBuilder(SchemaBuilderOptions options = {});
  ~SchemaBuilder();
  SchemaBuilder(SchemaBuilder&&) noexcept;
  SchemaBuilder& operator=(SchemaBuilder&&) noexcept;

  // A primitive type. Without properties this is a shared static node.
  // REQUIRES: is_primitive(type).
  Result<const Schema*> primitive(Type type, Properties props = {});
  // REQUIRES: items/values non-null and built by this builder (or imported).
  Result<const Schema*> array(const Schema* items, Properties props = {});
  Result<const Schema*> map(const Schema* values, Properties props = {});
  Result<const Schema*> union_of(std::vector<const Schema*> branches);
  Result<const Schema*> fixed(NamedTypeSpec spec, int64_t size);
  Result<const Schema*> enumeration(NamedTypeSpec spec, std::vector<std::string> symbols,
                                    std::optional<std::string> default_symbol);
  // Declares a record: its name is known (and the node usable, e.g. by its own fields) at once;
  // set_fields() completes it.
  Result<const Schema*> record(NamedTypeSpec spec, bool is_error = false);
  // REQUIRES: `record` came from record() and has no fields yet; every field type non-null.
  Status set_fields(const Schema* record, std::vector<FieldSpec> fields);

  // The named type called `full_name` ("a.b.C", or "C" without namespace), or nullptr.
  const Schema* find(std::string_view full_name) const;
  // Makes every named type reachable from `schema` known, as Java's Parser.addTypes(); the types
  // may then be used in this builder's schemas. Fails if one is already defined differently.
  Status import(const SchemaPtr& schema);

  // Returns a handle to `root` that owns every node created so far. The builder stays usable, and
  // its named types stay known. REQUIRES: every declared record has its fields.
  Result<SchemaPtr> build(const Schema* root);

  const SchemaBuilderOptions& options() const { return options_; }

 private:
  struct QualifiedName {
    std::string name;
    std::string space;
    std::string full;
  };
  Result<QualifiedName> qualify(std::string_view name, std::string_view space) const;
  Status check_name(std::string_view name) const;
  Result<Schema*> new_named(Type type, NamedTypeSpec& spec);
  Status set_props(Schema& node, Properties props) const;
  Status check_field_props(const Properties& props) const;
  void derive_logical_type(Schema& node) const;
  Schema* new_node(Type type);
  static const Schema* plain_primitive(Type type);

  SchemaBuilderOptions options_;
  std::shared_ptr<detail::SchemaStore> store_;
  std::unordered_map<std::string, const Schema*> names_;
  std::vector<Schema*> open_records_;  // declared, fields not set yet
  // Owners of the nodes this builder's schemas may point at: imported schemas, earlier builds.
  std::vector<std::shared_ptr<const void>> keep_alive_;
};

// True when `value` is a valid default for a field of type `schema`, as Java's isValidDefault.
bool is_valid_default(const Schema& schema, const JsonValue& value);

}  // namespace sluice::avro
