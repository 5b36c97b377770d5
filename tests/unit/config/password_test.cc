#include "config/password.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sstream>

namespace sluice::config {
namespace {

TEST(PasswordTest, EveryFormattingPathPrintsHidden) {
  Password secret("wJalrXUtnFEMI/K7MDENG");
  std::ostringstream os;
  os << secret;
  EXPECT_EQ(os.str(), "[hidden]");
  EXPECT_EQ(fmt::format("{}", secret), "[hidden]");
  EXPECT_EQ(fmt::format("key={:>10}", secret), "key=  [hidden]");
  EXPECT_EQ(to_string(secret), "[hidden]");
  EXPECT_EQ(::testing::PrintToString(secret), "[hidden]");
}

TEST(PasswordTest, RevealReturnsTheSecret) {
  Password secret("s3cr3t");
  EXPECT_EQ(secret.reveal(), "s3cr3t");
  EXPECT_FALSE(secret.empty());
  EXPECT_TRUE(Password().empty());
}

TEST(PasswordTest, CopiesAndMovesKeepTheSecret) {
  Password a("one");
  Password b = a;
  EXPECT_EQ(b.reveal(), "one");
  Password c = std::move(a);
  EXPECT_EQ(c.reveal(), "one");
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): a moved-from Password is wiped
  b = Password("two");
  EXPECT_EQ(b.reveal(), "two");
  EXPECT_EQ(b, Password("two"));
  EXPECT_NE(b, c);
}

}  // namespace
}  // namespace sluice::config
