// org.apache.kafka.connect.transforms.Filter: drops every record it is applied to (KIP-585), so
// it is used with a predicate ("drop tombstones", "drop records of topics matching ...").
#pragma once

#include "transforms/transform_registry.h"

namespace sluice::transforms {

TransformType filter_type();

}  // namespace sluice::transforms
