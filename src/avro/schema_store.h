// SchemaStore (internal): owns the nodes of the schemas one SchemaBuilder::build() call finished,
// and keeps alive the stores of the schemas they refer to (imports, earlier builds).
//
// Filled by one SchemaBuilder on one thread, then shared read-only through SchemaPtrs (aliasing
// shared_ptrs to its nodes). A deque keeps node addresses stable while it grows.
#pragma once

#include <deque>
#include <memory>
#include <vector>

#include "avro/schema.h"

namespace sluice::avro::detail {

class SchemaStore : public std::enable_shared_from_this<SchemaStore> {
 public:
  Schema* add(Type type) { return &nodes_.emplace_back(Schema::ConstructionTag(), type, this); }
  void keep_alive(std::vector<std::shared_ptr<const void>> owners) { owners_ = std::move(owners); }
  bool empty() const { return nodes_.empty(); }

 private:
  std::deque<Schema> nodes_;
  std::vector<std::shared_ptr<const void>> owners_;
};

}  // namespace sluice::avro::detail
