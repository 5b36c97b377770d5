// TransformChain: a connector's `transforms` list, built from its configuration and applied to
// each converted record in order (Kafka Connect's TransformationChain, KIP-66 and KIP-585).
//
// build() resolves each `type` (a full Java class name, or a plugin alias as Kafka Connect's
// DelegatingClassLoader accepts it: the simple class name, or the simple name without a
// "Transformation"/"Predicate" suffix, when no other known plugin has the same one), parses
// every transform's and predicate's parameters with its ConfigDef and collects every problem in
// one pass, with keys `transforms.<alias>.<key>` / `predicates.<alias>.<key>`. Checks of the
// lists themselves (aliases, a type for each, predicate references, negate without predicate)
// belong to config::S3SinkConnectorConfig and are not repeated here.
//
// apply() runs the steps in order. A step with a predicate runs only when
// `predicate.test(record) XOR negate`; a step that drops the record ends the chain. When a step
// fails, failed_class() names its Java class (for errors.tolerance with stage TRANSFORMATION and
// the __connect.errors.class.name header) and the context's failure_class the exception's.
//
// Ownership and threads: each task builds its own chain (Connect configures one instance of
// every transform per task) and calls apply() from its one thread; the chain owns its transforms
// and predicates, which must outlive the batches they transformed (a record may refer to a
// transform's constant values, such as an inserted header).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_problem.h"
#include "config/connector_config.h"
#include "transforms/transform_registry.h"
#include "transforms/transformation.h"

namespace sluice::transforms {

class TransformChain {
 public:
  // Builds the chain, adding every problem (errors, and warnings such as unknown parameters)
  // to *report. Returns null when any is an error.
  static std::unique_ptr<TransformChain> build(
      const std::vector<config::TransformConfig>& transforms,
      const std::vector<config::PredicateConfig>& predicates, config::ConfigReport* report);

  // Applies the steps to `record` in place (see the class comment). On failure the record must
  // not be used.
  Result<Disposition> apply(connect::SinkRecord& record, TransformContext& context);

  // The Java class name of the transform whose apply() failed last.
  std::string_view failed_class() const { return failed_class_; }

  bool empty() const { return steps_.empty(); }
  size_t size() const { return steps_.size(); }

 private:
  struct Step {
    std::string alias;
    std::unique_ptr<Transformation> transform;
    const Predicate* predicate = nullptr;  // owned by predicates_
    bool negate = false;
  };

  std::vector<std::unique_ptr<Predicate>> predicates_;
  std::vector<Step> steps_;
  std::string_view failed_class_;
};

// The transform or predicate type `name` denotes (a full class name or an unambiguous alias),
// or null.
const TransformType* resolve_transform_type(std::string_view name);
const PredicateType* resolve_predicate_type(std::string_view name);

// "org.apache.kafka.connect.transforms.Filter (Filter), ..." — what resolve_*_type accept, for
// messages and docs.
std::string describe_transform_types();
std::string describe_predicate_types();

}  // namespace sluice::transforms
