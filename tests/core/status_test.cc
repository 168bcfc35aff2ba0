#include "core/status.h"

#include <gtest/gtest.h>

namespace openpact {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("odd", "x");
  return x / 2;
}

Result<int> Quarter(int x) {
  OP_ASSIGN_OR_RETURN(int h, Half(x));
  OP_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(Status, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ExitCode(), 0);
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(Status, InvalidArgumentNamesFieldAndExitsTwo) {
  Status s = Status::InvalidArgument("not a date", "applicant.date_of_birth");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ExitCode(), 2);
  EXPECT_EQ(s.ToString(), "invalid_argument: applicant.date_of_birth: not a date");
  EXPECT_EQ(Status::IOError("disk").ExitCode(), 1);
}

TEST(Status, FieldPrefixAndContext) {
  Status s = Status::InvalidArgument("bad", "date").WithFieldPrefix("application");
  EXPECT_EQ(s.field(), "application.date");
  EXPECT_EQ(Status::InvalidArgument("bad").WithFieldPrefix("x").field(), "x");
  EXPECT_EQ(Status::InvalidArgument("bad", "[2]").WithFieldPrefix("family").field(), "family[2]");
  EXPECT_EQ(Status::NotFound("gone").WithContext("loading").message(), "loading: gone");
}

TEST(Result, PropagatesErrorsThroughMacros) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);  // 3 is odd
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "x");
}

TEST(Result, OkStatusCannotMasqueradeAsError) {
  Result<int> r = Status::OK();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace openpact
