// A WorkerConfig for the REST tests: the three required keys plus `extra`.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>

#include "config/worker_config.h"

namespace sluice::rest {

inline config::WorkerConfig test_worker(
    std::initializer_list<std::pair<std::string, std::string>> extra) {
  config::RawConfig raw{{"bootstrap.servers", "broker:9092"},
                        {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                        {"value.converter", "org.apache.kafka.connect.storage.StringConverter"}};
  for (const auto& [k, v] : extra) raw.set(k, v);
  Result<config::WorkerConfig> w = config::WorkerConfig::parse(raw);
  EXPECT_TRUE(w.ok()) << w.status().to_string();
  return std::move(w).value();
}

}  // namespace sluice::rest
