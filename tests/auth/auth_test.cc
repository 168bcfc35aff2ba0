#include "auth/auth.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/crypto.h"
#include "store/store.h"
#include "test_util.h"

namespace openpact::auth {
namespace {

TEST(Roles, ParseEveryRoleAndRefuseUnknown) {
  for (Role r : AllRoles()) EXPECT_EQ(*ParseRole(RoleName(r)), r);
  auto bad = ParseRole("superuser", "--role");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "--role");
  EXPECT_NE(bad.status().message().find("registry_operator"), std::string::npos);
  EXPECT_EQ(AllRoles().size(), 9u);
}

TEST(Matrix, EveryActionHasABasisAndAtLeastOneRole) {
  for (Action a : AllActions()) {
    EXPECT_FALSE(ActionBasis(a).empty()) << ActionName(a);
    bool any = false;
    for (Role r : AllRoles()) any |= Allowed(r, a);
    EXPECT_TRUE(any) << ActionName(a);
  }
}

TEST(Matrix, SeparatesDutiesAsTheRegulationRequires) {
  // Administrators manage the system but see no personal data.
  EXPECT_TRUE(Allowed(Role::kAdmin, Action::kTokenCreate));
  EXPECT_FALSE(Allowed(Role::kAdmin, Action::kRegistryRead));
  EXPECT_FALSE(Allowed(Role::kAdmin, Action::kRegistrySearch));
  // Law enforcement requests; only the verifying authority verifies (Eurodac Arts. 5-6, 32).
  EXPECT_TRUE(Allowed(Role::kLawEnforcement, Action::kLawEnforcementSearch));
  EXPECT_FALSE(Allowed(Role::kLawEnforcement, Action::kLawEnforcementVerify));
  EXPECT_TRUE(Allowed(Role::kVerifyingAuthority, Action::kLawEnforcementVerify));
  EXPECT_FALSE(Allowed(Role::kLawEnforcement, Action::kRegistrySearch));
  // Only the Member State of origin's registry unit erases (Art. 40(3)).
  EXPECT_TRUE(Allowed(Role::kRegistryOperator, Action::kRegistryErase));
  EXPECT_FALSE(Allowed(Role::kBorderGuard, Action::kRegistryErase));
  // Analysts get aggregates only.
  EXPECT_TRUE(Allowed(Role::kAnalyst, Action::kRegistryStats));
  EXPECT_FALSE(Allowed(Role::kAnalyst, Action::kRegistryRead));
  // Auditors read and verify the log but cannot prune it.
  EXPECT_TRUE(Allowed(Role::kAuditor, Action::kAuditVerify));
  EXPECT_FALSE(Allowed(Role::kAuditor, Action::kAuditPrune));
  // The fundamental-rights monitoring mechanism reads screening files (Screening Reg. Art. 10(2))
  // but screens nobody, and only it reads them besides the border guards who screen.
  EXPECT_TRUE(Allowed(Role::kRightsMonitor, Action::kScreeningMonitor));
  EXPECT_FALSE(Allowed(Role::kRightsMonitor, Action::kScreening));
  EXPECT_FALSE(Allowed(Role::kRightsMonitor, Action::kRegistryRead));
  for (Role r : AllRoles()) {
    EXPECT_EQ(Allowed(r, Action::kScreeningMonitor), r == Role::kRightsMonitor) << RoleName(r);
  }
}

TEST(Bearer, ParsesTheSchemeCaseInsensitively) {
  EXPECT_EQ(*BearerToken("Bearer abc"), "abc");
  EXPECT_EQ(*BearerToken("bearer  abc "), "abc");
  EXPECT_FALSE(BearerToken("Basic abc").has_value());
  EXPECT_FALSE(BearerToken("").has_value());
  EXPECT_FALSE(BearerToken("Bearer").has_value());
}

class TokenSuite : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Init().ok());
    const std::string url = testing::FreshDatabaseUrl(GetParam(), dir_);
    if (url.empty()) GTEST_SKIP();
    store_ = std::move(*store::Store::Open(url));
    ASSERT_TRUE(store_->Migrate().ok());
  }
  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_P(TokenSuite, CreateAuthenticateRevoke) {
  TokenStore tokens(store_.get());
  auto created = tokens.Create("ops", Role::kRegistryOperator, "cli:test");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const std::string& secret = created->first;
  EXPECT_EQ(secret.size(), 68u);  // "opk_" + 64 hex digits = 32 random bytes
  EXPECT_EQ(secret.rfind("opk_", 0), 0u);
  auto who = tokens.Authenticate(secret);
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->role, Role::kRegistryOperator);
  EXPECT_EQ(who->name, "ops");
  // The secret itself is never stored.
  auto rows = store_->Query("SELECT token_hash FROM api_token");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->rows[0].Text(0), crypto::Blake2b256Hex(secret));
  EXPECT_EQ(rows->rows[0].Text(0).find(secret.substr(4)), std::string::npos);
  // A one-character change is refused.
  std::string wrong = secret;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  EXPECT_EQ(tokens.Authenticate(wrong).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(tokens.Authenticate("opk_short").status().code(), StatusCode::kUnauthenticated);
  ASSERT_TRUE(tokens.Revoke(created->second.id).ok());
  auto revoked = tokens.Authenticate(secret);
  EXPECT_EQ(revoked.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(revoked.status().message().find("revoked"), std::string::npos);
  EXPECT_EQ(tokens.Revoke(created->second.id).code(), StatusCode::kNotFound);
  EXPECT_TRUE((*tokens.List())[0].revoked);
}

TEST_P(TokenSuite, TwoTokensNeverCollide) {
  TokenStore tokens(store_.get());
  auto a = tokens.Create("a", Role::kAnalyst, "t");
  auto b = tokens.Create("b", Role::kAnalyst, "t");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->first, b->first);
  EXPECT_FALSE(tokens.Create("", Role::kAnalyst, "t").ok());
  // Names are one line of printable text, at most 200 bytes (a newline broke `token list`).
  for (const std::string& bad : {std::string("a\nb"), std::string("tab\there"), std::string(201, 'x')}) {
    auto r = tokens.Create(bad, Role::kAnalyst, "t");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().field(), "--name");
  }
  EXPECT_TRUE(tokens.Create(std::string(200, 'x'), Role::kAnalyst, "t").ok());
  EXPECT_TRUE(tokens.Create("Büro Süd – Ausländerbehörde", Role::kAnalyst, "t").ok());  // UTF-8 is printable
  EXPECT_EQ(tokens.List()->size(), 4u);  // a, b and the two good names: nothing of the refused ones
}

INSTANTIATE_TEST_SUITE_P(Backends, TokenSuite, ::testing::ValuesIn(testing::StoreBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace openpact::auth

namespace openpact::auth {
namespace {

TEST(Docs, SecurityDocEmbedsTheMatrixAsTheCodeHasIt) {
  std::ifstream in(std::string(OPENPACT_SOURCE_DIR) + "/docs/security.md");
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string begin = "<!-- BEGIN MATRIX (generated by `openpact roles`) -->\n";
  const size_t b = doc.find(begin), e = doc.find("<!-- END MATRIX -->");
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(e, std::string::npos);
  EXPECT_EQ(doc.substr(b + begin.size(), e - b - begin.size()), MatrixMarkdown())
      << "docs/security.md is out of date: regenerate the table with `openpact roles`";
}

}  // namespace
}  // namespace openpact::auth
