// org.apache.kafka.connect.transforms.RegexRouter: when the whole topic name matches `regex`,
// the record's topic becomes Matcher.replaceFirst(`replacement`) of it (so "$1" and "${name}"
// refer to the pattern's groups); other records pass unchanged.
//
// Java checks the replacement only when a record matches, so a bad group reference ("$2" for a
// pattern with one group) is accepted at start and fails every matching record with Java's
// IndexOutOfBoundsException or IllegalArgumentException; sluice does the same and also warns at
// start. The new topic name is copied into the batch Arena.
#pragma once

#include "transforms/transform_registry.h"

namespace sluice::transforms {

TransformType regex_router_type();

}  // namespace sluice::transforms
