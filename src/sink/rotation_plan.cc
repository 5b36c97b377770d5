#include "sink/rotation_plan.h"

#include <charconv>

namespace sluice::sink {

namespace {

constexpr std::string_view kMagic = "sluice-plan-v1;";

void put_number(int64_t v, std::string* out) {
  out->append(std::to_string(v));
  out->push_back(';');
}

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool number(int64_t* v) {
    size_t end = in_.find(';');
    if (end == std::string_view::npos) return false;
    auto [ptr, ec] = std::from_chars(in_.data(), in_.data() + end, *v);
    if (ec != std::errc() || ptr != in_.data() + end) return false;
    in_.remove_prefix(end + 1);
    return true;
  }
  bool bytes(size_t n, std::string* out) {
    if (in_.size() < n) return false;
    out->assign(in_.substr(0, n));
    in_.remove_prefix(n);
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

}  // namespace

int RotationPlan::partition_for(int64_t offset) const {
  int found = -1;
  for (const auto& [first, index] : runs) {
    if (first > offset) break;
    found = index;
  }
  return found;
}

std::string encode_rotation_plans(const std::vector<RotationPlan>& plans) {
  if (plans.empty()) return {};
  std::string out(kMagic);
  put_number(static_cast<int64_t>(plans.size()), &out);
  for (const RotationPlan& plan : plans) {
    put_number(plan.begin_offset, &out);
    put_number(plan.end_offset, &out);
    put_number(static_cast<int64_t>(plan.partitions.size()), &out);
    for (const std::string& p : plan.partitions) {
      put_number(static_cast<int64_t>(p.size()), &out);
      out.append(p);
    }
    put_number(static_cast<int64_t>(plan.runs.size()), &out);
    for (const auto& [first, index] : plan.runs) {
      put_number(first, &out);
      put_number(index, &out);
    }
  }
  return out;
}

Result<std::vector<RotationPlan>> decode_rotation_plans(std::string_view metadata) {
  std::vector<RotationPlan> plans;
  if (metadata.substr(0, kMagic.size()) != kMagic) return plans;
  Reader r(metadata.substr(kMagic.size()));
  auto damaged = [&] {
    return Status::fatal("damaged sluice rotation plan in the committed offset's metadata: '" +
                         std::string(metadata.substr(0, 200)) + "'");
  };
  int64_t count = 0;
  if (!r.number(&count) || count < 0) return damaged();
  for (int64_t i = 0; i < count; ++i) {
    RotationPlan plan;
    int64_t n = 0;
    if (!r.number(&plan.begin_offset) || !r.number(&plan.end_offset) || !r.number(&n) || n < 0) {
      return damaged();
    }
    for (int64_t j = 0; j < n; ++j) {
      int64_t len = 0;
      std::string p;
      if (!r.number(&len) || len < 0 || !r.bytes(static_cast<size_t>(len), &p)) return damaged();
      plan.partitions.push_back(std::move(p));
    }
    if (!r.number(&n) || n < 0) return damaged();
    for (int64_t j = 0; j < n; ++j) {
      int64_t first = 0, index = 0;
      if (!r.number(&first) || !r.number(&index) || index < 0 ||
          index >= static_cast<int64_t>(plan.partitions.size())) {
        return damaged();
      }
      plan.runs.emplace_back(first, static_cast<int>(index));
    }
    plans.push_back(std::move(plan));
  }
  if (!r.done()) return damaged();
  return plans;
}

}  // namespace sluice::sink
