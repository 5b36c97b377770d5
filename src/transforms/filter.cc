#include "transforms/filter.h"

#include <memory>
#include <string>

namespace sluice::transforms {
namespace {

constexpr std::string_view kFilter = "org.apache.kafka.connect.transforms.Filter";

class Filter final : public Transformation {
 public:
  Result<Disposition> apply(connect::SinkRecord&, TransformContext&) override {
    return Disposition::kDrop;
  }
  std::string_view class_name() const override { return kFilter; }
};

const config::ConfigDef& filter_definition() {
  static const config::ConfigDef def{std::string(kFilter)};
  return def;
}

std::unique_ptr<Transformation> create_filter(const config::ParsedConfig&,
                                              std::vector<config::ConfigProblem>*) {
  return std::make_unique<Filter>();
}

}  // namespace

TransformType filter_type() {
  return {kFilter, &filter_definition, &create_filter};
}

}  // namespace sluice::transforms
