// The Kafka Connect 4.4 REST answers recorded in tests/data/rest/kafka-connect-4.4 (see its
// README), for the rest module's unit tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace sluice::rest {

inline std::filesystem::path recorded_dir() {
  if (const char* data = std::getenv("SLUICE_TEST_DATA")) {
    return std::filesystem::path(data) / "rest" / "kafka-connect-4.4";
  }
  return (std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "data" / "rest" /
          "kafka-connect-4.4")
      .lexically_normal();
}

// A recorded file's text (a test failure when it is missing).
inline std::string read_text(const std::string& name) {
  std::ifstream in(recorded_dir() / name);
  EXPECT_TRUE(in) << "missing " << (recorded_dir() / name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace sluice::rest
