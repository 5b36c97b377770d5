#include "util/status.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

Result<int> parse_positive(int v) {
  if (v <= 0) return Status::invalid_argument("not positive");
  return v;
}

Status add_context(int v) {
  SLUICE_ASSIGN_OR_RETURN(int parsed, parse_positive(v));
  (void)parsed;
  return Status::ok_status();
}

TEST(StatusTest, ResultCarriesValueOrError) {
  EXPECT_EQ(*parse_positive(3), 3);
  EXPECT_EQ(parse_positive(-1).status().code(), StatusCode::kInvalidArgument);
}

TEST(StatusTest, AssignOrReturnPropagatesError) {
  EXPECT_TRUE(add_context(1).ok());
  Status st = add_context(0);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.with_context("key=flush.size").message(), "key=flush.size: not positive");
  EXPECT_EQ(st.to_string(), "InvalidArgument: not positive");
}

}  // namespace
}  // namespace sluice
