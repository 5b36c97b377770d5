// transform_alias_keys: the keys of each transform and predicate alias of a connector
// configuration, laid out as Kafka Connect's enriched connector ConfigDef lays them out for its
// validate endpoint (ConnectorConfig.enrich: one group "Transforms: <alias>" or
// "Predicates: <alias>" per alias, with `<prefix><alias>.type` at order 0 and the type's own keys,
// plus `negate` and `predicate` for a transform, from order 2 on, sorted as ConfigDef sorts them:
// keys without a default first, then by importance, then by name). Order 1 is Connect's
// `<alias>.plugin.version`, a key sluice does not have.
//
// The keys come from the transform registry's typed tables (transform_registry.h); an alias whose
// type is missing or unknown has only its type key. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config_def.h"
#include "config/raw_config.h"

namespace sluice::transforms {

struct AliasKeys {
  std::string group;                    // "Transforms: <alias>" or "Predicates: <alias>"
  std::vector<config::ConfigKey> keys;  // full names, layout set, in Connect's order
  // The classes `<prefix><alias>.type` may name, sorted (the type key's recommended values).
  std::vector<std::string> type_classes;
};

// The distinct, non-empty aliases of the list `key` ("transforms" or "predicates") of `raw`, in
// order; none when the list does not parse.
std::vector<std::string> distinct_aliases(const config::RawConfig& raw, std::string_view key);

// The transforms' aliases (the distinct non-empty names of `transforms`, in order), then the
// predicates'.
std::vector<AliasKeys> transform_alias_keys(const config::RawConfig& connector);

}  // namespace sluice::transforms
