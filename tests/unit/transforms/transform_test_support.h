// Helpers for the transforms unit tests: records with headers and chains built from
// configuration text, as a connector file would give them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/config_problem.h"
#include "config/connector_config.h"
#include "connect/sink_record.h"
#include "connect/value.h"
#include "transforms/transform_chain.h"

namespace sluice::transforms::testing {

// A record of `topic` with a STRING value (or a tombstone) and STRING headers, its memory in
// `arena`.
inline connect::SinkRecord make_record(
    connect::Arena& arena, std::string_view topic, const char* value,
    std::vector<std::pair<std::string, std::string>> headers = {}) {
  connect::SinkRecord r;
  r.topic = arena.copy(topic);
  r.partition = 0;
  r.offset = 7;
  r.timestamp = 1000;
  r.timestamp_type = connect::TimestampType::kCreateTime;
  if (value != nullptr) {
    r.value_schema = connect::Schema::optional_string();
    r.value = connect::Value::string(arena.copy(value));
  }
  std::span<connect::Header> hs = arena.allocate_array<connect::Header>(headers.size());
  for (size_t i = 0; i < headers.size(); ++i) {
    hs[i].key = arena.copy(headers[i].first);
    hs[i].schema = connect::Schema::optional_string();
    hs[i].value = connect::Value::string(arena.copy(headers[i].second));
    hs[i].raw = hs[i].value.as_text();
  }
  r.headers = hs;
  return r;
}

inline config::TransformConfig transform(std::string alias, std::string type,
                                         std::map<std::string, std::string> params = {},
                                         std::optional<std::string> predicate = std::nullopt,
                                         bool negate = false) {
  return config::TransformConfig{std::move(alias), std::move(type), std::move(params),
                                 std::move(predicate), negate};
}

inline config::PredicateConfig predicate(std::string alias, std::string type,
                                         std::map<std::string, std::string> params = {}) {
  return config::PredicateConfig{std::move(alias), std::move(type), std::move(params)};
}

// Builds a chain that must be valid.
inline std::unique_ptr<TransformChain> must_build(
    std::vector<config::TransformConfig> transforms,
    std::vector<config::PredicateConfig> predicates = {}) {
  config::ConfigReport report;
  auto chain = TransformChain::build(transforms, predicates, &report);
  for (const config::ConfigProblem& p : report.errors) ADD_FAILURE() << p.to_string();
  return chain;
}

// The error messages building the chain reports.
inline std::vector<std::string> build_errors(std::vector<config::TransformConfig> transforms,
                                             std::vector<config::PredicateConfig> predicates = {}) {
  config::ConfigReport report;
  auto chain = TransformChain::build(transforms, predicates, &report);
  EXPECT_EQ(chain, nullptr);
  std::vector<std::string> out;
  for (const config::ConfigProblem& p : report.errors) out.push_back(p.key + ": " + p.message);
  return out;
}

inline std::string header_keys(const connect::SinkRecord& r) {
  std::string out;
  for (const connect::Header& h : r.headers) out += std::string(h.key) + ";";
  return out;
}

}  // namespace sluice::transforms::testing
