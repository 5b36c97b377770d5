// Configuration helpers shared by the field transforms: the replace.null.with.default key,
// validators whose reasons read like Apache Kafka's ConfigDef validators, a problem reporter, and
// the factories that make a "$Key" and a "$Value" TransformType from one transform class.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_def.h"
#include "config/config_problem.h"
#include "transforms/operand.h"
#include "transforms/transform_registry.h"

namespace sluice::transforms {

inline constexpr std::string_view kTransformsPackage = "org.apache.kafka.connect.transforms.";
inline constexpr std::string_view kReplaceNullWithDefault = "replace.null.with.default";

// replace.null.with.default (KIP-1040, Apache Kafka 3.9): BOOLEAN, default true.
void define_replace_null_with_default(config::ConfigDef& def);

// ConfigDef.ValidString.in(...): "String must be one of: a, b", or with `ignore_case`
// (CaseInsensitiveValidString) "String must be one of (case insensitive): A, B".
config::Validator kafka_one_of(std::vector<std::string> allowed, bool ignore_case = false);
// ConfigDef.NonEmptyString: "String must be non-empty" for a null-free empty (after trim) value.
config::Validator kafka_non_empty_string();

// Adds an error about `key` with Kafka's message as is.
void add_problem(std::vector<config::ConfigProblem>* problems, std::string key, std::string value,
                 std::string message);

// The factory of a transform class T constructed as T(class_name, side, params, problems); it
// returns null when T's constructor added problems.
template <typename T, Operand kSide>
std::unique_ptr<Transformation> create_operand_transform(
    const config::ParsedConfig& params, std::vector<config::ConfigProblem>* problems);

// The "$Key" and "$Value" TransformTypes of T (named by T::kKeyClass and T::kValueClass),
// appended to `out`.
template <typename T>
void add_key_value_types(std::vector<TransformType>& out,
                         const config::ConfigDef& (*definition)()) {
  out.push_back(
      TransformType{T::kKeyClass, definition, &create_operand_transform<T, Operand::kKey>});
  out.push_back(
      TransformType{T::kValueClass, definition, &create_operand_transform<T, Operand::kValue>});
}

template <typename T, Operand kSide>
std::unique_ptr<Transformation> create_operand_transform(
    const config::ParsedConfig& params, std::vector<config::ConfigProblem>* problems) {
  const size_t before = problems->size();
  auto transform = std::make_unique<T>(kSide, params, problems);
  if (problems->size() != before) return nullptr;
  return transform;
}

}  // namespace sluice::transforms
