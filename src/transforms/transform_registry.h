// The transforms and predicates sluice knows, by Java class name, each with its typed
// configuration table (a config::ConfigDef, which also generates its part of
// docs/config-reference.md) and a factory.
//
// Configuration follows Connect: a transform's parameters are the keys under
// "transforms.<alias>." minus type/predicate/negate; they are parsed with the type's ConfigDef
// (defaults, validators, Apache Kafka's validation messages) and then handed to `create`, which
// adds the checks a ConfigDef cannot express (cross-key rules, parsing of field specs) to
// `problems`. Problem keys are relative to the transform ("field", "spec"); the chain prefixes
// them with "transforms.<alias>." before reporting.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "config/config_def.h"
#include "config/config_problem.h"
#include "transforms/transformation.h"

namespace sluice::transforms {

struct TransformType {
  // The fully qualified Java class name, "$Key"/"$Value" variants listed separately
  // ("org.apache.kafka.connect.transforms.ExtractField$Value").
  std::string_view class_name;
  // The transform's configuration keys. REQUIRES: returns the same object on every call.
  const config::ConfigDef& (*definition)();
  // Builds the transform from its parsed parameters. Returns null when it added an error to
  // `problems`. REQUIRES: `params` was parsed with definition() without errors.
  std::unique_ptr<Transformation> (*create)(const config::ParsedConfig& params,
                                            std::vector<config::ConfigProblem>* problems);
};

struct PredicateType {
  std::string_view class_name;
  const config::ConfigDef& (*definition)();
  std::unique_ptr<Predicate> (*create)(const config::ParsedConfig& params,
                                       std::vector<config::ConfigProblem>* problems);
};

// Every transform type, in a stable order (the docs list them in this order).
const std::vector<TransformType>& transform_types();
const std::vector<PredicateType>& predicate_types();

// The type named `class_name` (exact match), or null.
const TransformType* find_transform_type(std::string_view class_name);
const PredicateType* find_predicate_type(std::string_view class_name);

}  // namespace sluice::transforms
