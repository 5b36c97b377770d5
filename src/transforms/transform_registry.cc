#include "transforms/transform_registry.h"

#include "transforms/field_transforms.h"
#include "transforms/filter.h"
#include "transforms/header_transforms.h"
#include "transforms/predicates.h"
#include "transforms/regex_router.h"
#include "transforms/timestamp_router.h"

namespace sluice::transforms {
namespace {

// The transforms of this file's family; the field transforms append theirs in
// transform_types().
void add_routing_and_header_types(std::vector<TransformType>* types) {
  types->push_back(filter_type());
  types->push_back(regex_router_type());
  types->push_back(timestamp_router_type());
  types->push_back(insert_header_type());
  types->push_back(drop_headers_type());
}

}  // namespace

const std::vector<TransformType>& transform_types() {
  static const std::vector<TransformType> types = [] {
    std::vector<TransformType> t;
    add_routing_and_header_types(&t);
    for (const TransformType& type : field_transform_types()) t.push_back(type);
    return t;
  }();
  return types;
}

const std::vector<PredicateType>& predicate_types() {
  static const std::vector<PredicateType> types = {
      has_header_key_type(), record_is_tombstone_type(), topic_name_matches_type()};
  return types;
}

const TransformType* find_transform_type(std::string_view class_name) {
  for (const TransformType& type : transform_types()) {
    if (type.class_name == class_name) return &type;
  }
  return nullptr;
}

const PredicateType* find_predicate_type(std::string_view class_name) {
  for (const PredicateType& type : predicate_types()) {
    if (type.class_name == class_name) return &type;
  }
  return nullptr;
}

}  // namespace sluice::transforms
