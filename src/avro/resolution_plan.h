// ResolutionPlan: how to read data written with one Avro schema (the writer's) as another (the
// reader's), per the Avro 1.11 specification, "Schema Resolution", with the choices Java's
// org.apache.avro.Resolver (1.11) makes where the specification leaves room:
//
//   - the reader's aliases first rename the writer's named types and record fields
//     (Schema.applyAliases): a writer type whose full name is an alias of a reader type takes
//     that type's name; a writer field named like an alias of a reader field, in a record of the
//     same (renamed) full name, takes that field's name;
//   - records match whatever their names; fields match by name, in any order; a writer field the
//     reader lacks is skipped; a reader field the writer lacks takes its default
//     (default_encoder.h) or, without one, fails: "Found W, expecting R, missing required field F";
//   - enums and fixed types need the same unqualified name (fixed: and size); a writer symbol the
//     reader lacks maps to the reader's enum default, else fails when read: "No match for S";
//   - promotions int -> long, float, double; long -> float, double; float -> double;
//     string <-> bytes; anything else: "Found W, expecting R";
//   - a writer union resolves each branch (branch for branch when the two unions are equivalent,
//     else against the whole reader schema); a reader union with a non-union writer takes the
//     first branch of the same type (named types: the same full name first, then a record whose
//     fields resolve, preferring the same short name), then the first promotable branch.
// Errors inside a plan are steps of their own and fail only when a datum reaches them, as Java's
// ResolvingDecoder does (a union branch no record uses never fails).
//
// A plan is built once per (writer, reader) pair and is immutable: ResolvingTranscoder walks it
// for each datum. It holds SchemaPtrs to both schemas. Thread-safe once built.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "avro/schema.h"
#include "util/status.h"

namespace sluice::avro {

// One step of a plan; steps refer to one another by index into ResolutionPlan::steps().
struct ResolutionStep {
  enum class Kind : uint8_t {
    kCopy,       // same encoding: the writer's bytes are copied (`writer` says how far)
    kIntToLong,  // promotions: read the writer's value, write the reader's
    kIntToFloat,
    kIntToDouble,
    kLongToFloat,
    kLongToDouble,
    kFloatToDouble,
    kEnum,         // symbol index mapped by enum_map (-1: error "No match for <symbol>")
    kArray,        // items through `child`
    kMap,          // values through `child`
    kRecord,       // see the record members below
    kWriterUnion,  // the writer's branch index selects branch_steps[index]
    kReaderUnion,  // writes reader_branch, then `child`
    kError,        // fails with `message`
  };
  static constexpr uint32_t kNoStep = UINT32_MAX;

  Kind kind = Kind::kError;
  const Schema* writer = nullptr;
  uint32_t child = kNoStep;
  std::vector<int32_t> enum_map;
  std::vector<uint32_t> branch_steps;
  int32_t reader_branch = 0;
  std::string message;

  // kRecord: per writer field, its reader field position (-1: skipped) and step; per reader
  // field, whether the writer supplies it, else its default's binary encoding. `in_order` when
  // the supplied fields come in reader order and every default comes after them, so the output
  // needs no reordering.
  std::vector<int32_t> reader_position;
  std::vector<uint32_t> field_steps;
  std::vector<bool> from_writer;
  std::vector<std::string> defaults;
  bool in_order = true;
};

class ResolutionPlan {
 public:
  // A plan that reads `writer` data as `reader`. Fails only when a reader field's default cannot
  // be encoded (Java fails building its reader then, so every datum fails).
  static Result<ResolutionPlan> build(SchemaPtr writer, SchemaPtr reader);

  const SchemaPtr& writer() const { return writer_; }
  const SchemaPtr& reader() const { return reader_; }
  const std::vector<ResolutionStep>& steps() const { return steps_; }
  uint32_t root() const { return root_; }

 private:
  SchemaPtr writer_;
  SchemaPtr reader_;
  std::vector<ResolutionStep> steps_;
  uint32_t root_ = 0;
  friend class ResolutionPlanBuilder;
};

}  // namespace sluice::avro
