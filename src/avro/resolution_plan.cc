#include "avro/resolution_plan.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "avro/default_encoder.h"

namespace sluice::avro {

namespace {

using Kind = ResolutionStep::Kind;

std::string_view short_name(std::string_view full_name) {
  const size_t dot = full_name.rfind('.');
  return dot == std::string_view::npos ? full_name : full_name.substr(dot + 1);
}

}  // namespace

// Builds the steps of one plan; see the header for the rules.
class ResolutionPlanBuilder {
 public:
  explicit ResolutionPlanBuilder(ResolutionPlan& plan) : plan_(plan) {}

  Status build() {
    std::set<const Schema*> seen;
    collect_aliases(*plan_.reader_, seen);
    plan_.root_ = resolve(*plan_.writer_, *plan_.reader_);
    return default_error_;
  }

 private:
  // Schema.getAliases over the reader: type aliases and, per record name, field aliases.
  void collect_aliases(const Schema& s, std::set<const Schema*>& seen) {
    if (s.is_named()) {
      for (const std::string& alias : s.aliases()) type_aliases_[alias] = s.full_name();
    }
    switch (s.type()) {
      case Type::kRecord: {
        if (!seen.insert(&s).second) return;
        for (const Field& f : s.fields()) {
          for (const std::string& alias : f.aliases()) {
            field_aliases_[s.full_name()][alias] = f.name();
          }
          collect_aliases(f.schema(), seen);
        }
        auto own = field_aliases_.find(s.full_name());
        if (own != field_aliases_.end()) {
          const auto copy = own->second;
          for (const std::string& alias : s.aliases()) field_aliases_[alias] = copy;
        }
        return;
      }
      case Type::kArray:
        return collect_aliases(s.items(), seen);
      case Type::kMap:
        return collect_aliases(s.values(), seen);
      case Type::kUnion:
        for (const Schema* b : s.branches()) collect_aliases(*b, seen);
        return;
      default:
        return;
    }
  }

  // The writer's full name after Schema.applyAliases (named types only; others: the type name).
  std::string_view writer_name(const Schema& w) const {
    if (!w.is_named()) return w.full_name();
    auto it = type_aliases_.find(w.full_name());
    return it == type_aliases_.end() ? std::string_view(w.full_name())
                                     : std::string_view(it->second);
  }

  std::string_view writer_field_name(const Schema& w, const Field& f) const {
    auto record = field_aliases_.find(std::string(writer_name(w)));
    if (record == field_aliases_.end()) return f.name();
    auto it = record->second.find(f.name());
    return it == record->second.end() ? std::string_view(f.name()) : std::string_view(it->second);
  }

  uint32_t add(ResolutionStep step) {
    plan_.steps_.push_back(std::move(step));
    return static_cast<uint32_t>(plan_.steps_.size() - 1);
  }

  uint32_t error(const Schema& w, const Schema& r, std::string suffix = "") {
    ResolutionStep step;
    step.kind = Kind::kError;
    step.writer = &w;
    step.message = "Found " + std::string(writer_name(w)) + ", expecting " + r.full_name() + suffix;
    return add(std::move(step));
  }

  uint32_t simple(Kind kind, const Schema& w) {
    ResolutionStep step;
    step.kind = kind;
    step.writer = &w;
    return add(std::move(step));
  }

  uint32_t resolve(const Schema& w, const Schema& r) {
    if (w.type() == Type::kUnion) return resolve_writer_union(w, r);
    if (w.type() == r.type()) {
      switch (w.type()) {
        case Type::kFixed:
          if (short_name(writer_name(w)) != r.name() || w.fixed_size() != r.fixed_size()) {
            return error(w, r);
          }
          return simple(Kind::kCopy, w);
        case Type::kArray:
        case Type::kMap: {
          const bool array = w.type() == Type::kArray;
          const uint32_t child =
              array ? resolve(w.items(), r.items()) : resolve(w.values(), r.values());
          ResolutionStep step;
          step.kind = array ? Kind::kArray : Kind::kMap;
          step.writer = &w;
          step.child = child;
          return add(std::move(step));
        }
        case Type::kEnum:
          return resolve_enum(w, r);
        case Type::kRecord:
          return resolve_record(w, r);
        default:
          return simple(Kind::kCopy, w);
      }
    }
    if (r.type() == Type::kUnion) return resolve_reader_union(w, r);
    return promote(w, r);
  }

  uint32_t promote(const Schema& w, const Schema& r) {
    const Type wt = w.type();
    switch (r.type()) {
      case Type::kLong:
        if (wt == Type::kInt) return simple(Kind::kIntToLong, w);
        break;
      case Type::kFloat:
        if (wt == Type::kInt) return simple(Kind::kIntToFloat, w);
        if (wt == Type::kLong) return simple(Kind::kLongToFloat, w);
        break;
      case Type::kDouble:
        if (wt == Type::kInt) return simple(Kind::kIntToDouble, w);
        if (wt == Type::kLong) return simple(Kind::kLongToDouble, w);
        if (wt == Type::kFloat) return simple(Kind::kFloatToDouble, w);
        break;
      case Type::kBytes:
      case Type::kString:
        if (wt == Type::kString || wt == Type::kBytes) return simple(Kind::kCopy, w);
        break;
      default:
        break;
    }
    return error(w, r);
  }

  uint32_t resolve_enum(const Schema& w, const Schema& r) {
    if (short_name(writer_name(w)) != r.name()) return error(w, r);
    const int default_index = r.enum_default() ? r.symbol_index(*r.enum_default()) : -1;
    ResolutionStep step;
    step.kind = Kind::kEnum;
    step.writer = &w;
    for (const std::string& symbol : w.symbols()) {
      const int j = r.symbol_index(symbol);
      step.enum_map.push_back(j >= 0 ? j : default_index);
    }
    return add(std::move(step));
  }

  uint32_t resolve_record(const Schema& w, const Schema& r) {
    const auto key = std::make_pair(&w, &r);
    if (auto it = records_.find(key); it != records_.end()) return it->second;
    const uint32_t index = add(ResolutionStep{});  // inserted early: recursive types
    records_[key] = index;
    ResolutionStep step;
    step.kind = Kind::kRecord;
    step.writer = &w;
    std::vector<bool> supplied(r.fields().size(), false);
    int32_t last = -1;
    for (const Field& wf : w.fields()) {
      const Field* rf = r.field(writer_field_name(w, wf));
      if (rf == nullptr) {
        step.reader_position.push_back(-1);
        step.field_steps.push_back(ResolutionStep::kNoStep);
        continue;
      }
      const auto position = static_cast<int32_t>(rf->position());
      if (position < last) step.in_order = false;
      last = std::max(last, position);
      supplied[rf->position()] = true;
      step.reader_position.push_back(position);
      step.field_steps.push_back(resolve(wf.schema(), rf->schema()));
    }
    step.defaults.resize(r.fields().size());
    std::string missing;
    for (const Field& rf : r.fields()) {
      if (supplied[rf.position()]) continue;
      if (static_cast<int32_t>(rf.position()) < last) step.in_order = false;
      if (!rf.default_value()) {
        missing = rf.name();  // Java names the last one
        continue;
      }
      Status encoded =
          encode_default(*rf.default_value(), rf.schema(), step.defaults[rf.position()]);
      if (!encoded.ok() && default_error_.ok()) {
        default_error_ =
            encoded.with_context("default value of field " + rf.name() + " of " + r.full_name());
      }
    }
    step.from_writer = std::move(supplied);
    if (!missing.empty()) {
      const uint32_t failed = error(w, r, ", missing required field " + missing);
      ResolutionStep failure = std::move(plan_.steps_[failed]);
      plan_.steps_.pop_back();
      plan_.steps_[index] = std::move(failure);
      return index;
    }
    plan_.steps_[index] = std::move(step);
    return index;
  }

  uint32_t resolve_writer_union(const Schema& w, const Schema& r) {
    std::map<std::pair<const Schema*, const Schema*>, bool> seen;
    const bool equivalent = union_equivalent(w, r, seen);
    std::vector<uint32_t> branches;
    for (size_t i = 0; i < w.branches().size(); ++i) {
      const Schema& wb = *w.branches()[i];
      if (!equivalent) {
        branches.push_back(resolve(wb, r));
        continue;
      }
      // Branch for branch: the reader's index is the writer's.
      const uint32_t child = resolve(wb, *r.branches()[i]);
      ResolutionStep select;
      select.kind = Kind::kReaderUnion;
      select.writer = &wb;
      select.reader_branch = static_cast<int32_t>(i);
      select.child = child;
      branches.push_back(add(std::move(select)));
    }
    ResolutionStep step;
    step.kind = Kind::kWriterUnion;
    step.writer = &w;
    step.branch_steps = std::move(branches);
    return add(std::move(step));
  }

  uint32_t resolve_reader_union(const Schema& w, const Schema& r) {
    const int branch = first_matching_branch(w, r);
    if (branch < 0) return error(w, r);
    const uint32_t child = resolve(w, *r.branches()[static_cast<size_t>(branch)]);
    ResolutionStep step;
    step.kind = Kind::kReaderUnion;
    step.writer = &w;
    step.reader_branch = branch;
    step.child = child;
    return add(std::move(step));
  }

  bool has_match_error(uint32_t index) const {
    const ResolutionStep& step = plan_.steps_[index];
    if (step.kind == Kind::kError) return true;
    for (uint32_t field : step.field_steps) {
      if (field != ResolutionStep::kNoStep && plan_.steps_[field].kind == Kind::kError) return true;
    }
    return false;
  }

  // Resolver.ReaderUnion.firstMatchingBranch (Java's "soft match", kept bug for bug).
  int first_matching_branch(const Schema& w, const Schema& r) {
    const Type vt = w.type();
    int structure_match = -1;
    const auto& branches = r.branches();
    for (size_t j = 0; j < branches.size(); ++j) {
      const Schema& b = *branches[j];
      if (b.type() != vt) continue;
      if (!w.is_named()) return static_cast<int>(j);
      if (writer_name(w) == b.full_name()) return static_cast<int>(j);
      if (vt == Type::kRecord && !has_match_error(resolve_record(w, b))) {
        if (structure_match < 0 || short_name(writer_name(w)) == b.name()) {
          structure_match = static_cast<int>(j);
        }
      }
    }
    if (structure_match >= 0) return structure_match;
    for (size_t j = 0; j < branches.size(); ++j) {
      const Type bt = branches[j]->type();
      const bool promotable =
          (vt == Type::kInt && (bt == Type::kLong || bt == Type::kDouble || bt == Type::kFloat)) ||
          (vt == Type::kLong && (bt == Type::kDouble || bt == Type::kFloat)) ||
          (vt == Type::kFloat && bt == Type::kDouble) ||
          (vt == Type::kString && bt == Type::kBytes) ||
          (vt == Type::kBytes && bt == Type::kString);
      if (promotable) return static_cast<int>(j);
    }
    return -1;
  }

  // Resolver.unionEquiv: the same shape, named types with the same short name.
  bool union_equivalent(const Schema& w, const Schema& r,
                        std::map<std::pair<const Schema*, const Schema*>, bool>& seen) const {
    if (w.type() != r.type()) return false;
    if (w.is_named() && short_name(writer_name(w)) != r.name()) return false;
    switch (w.type()) {
      case Type::kArray:
        return union_equivalent(w.items(), r.items(), seen);
      case Type::kMap:
        return union_equivalent(w.values(), r.values(), seen);
      case Type::kFixed:
        return w.fixed_size() == r.fixed_size();
      case Type::kEnum:
        return w.symbols() == r.symbols();
      case Type::kUnion: {
        if (w.branches().size() != r.branches().size()) return false;
        for (size_t i = 0; i < w.branches().size(); ++i) {
          if (!union_equivalent(*w.branches()[i], *r.branches()[i], seen)) return false;
        }
        return true;
      }
      case Type::kRecord: {
        const auto key = std::make_pair(&w, &r);
        if (auto it = seen.find(key); it != seen.end()) return it->second;
        seen[key] = true;  // optimistic, for recursive types
        bool same = w.fields().size() == r.fields().size();
        for (size_t i = 0; same && i < w.fields().size(); ++i) {
          same = writer_field_name(w, w.fields()[i]) == r.fields()[i].name() &&
                 union_equivalent(w.fields()[i].schema(), r.fields()[i].schema(), seen);
        }
        seen[key] = same;
        return same;
      }
      default:
        return true;
    }
  }

  ResolutionPlan& plan_;
  std::unordered_map<std::string, std::string> type_aliases_;
  std::unordered_map<std::string, std::unordered_map<std::string, std::string>> field_aliases_;
  std::map<std::pair<const Schema*, const Schema*>, uint32_t> records_;
  Status default_error_;
};

Result<ResolutionPlan> ResolutionPlan::build(SchemaPtr writer, SchemaPtr reader) {
  ResolutionPlan plan;
  plan.writer_ = std::move(writer);
  plan.reader_ = std::move(reader);
  ResolutionPlanBuilder builder(plan);
  SLUICE_RETURN_IF_ERROR(builder.build());
  return plan;
}

}  // namespace sluice::avro
