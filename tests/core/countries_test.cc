#include "core/countries.h"

#include <gtest/gtest.h>

#include <fstream>

#include "test_util.h"

namespace openpact {
namespace {

TEST(Countries, ShippedRegistryHasAllCodesAndFlags) {
  auto reg = CountryRegistry::Load(testing::DataDir() + "/countries.csv");
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  EXPECT_GE(reg->size(), 251u);  // 249 ISO 3166-1 codes + XKX + XXA
  EXPECT_EQ(reg->MemberStates().size(), 27u);
  ASSERT_NE(reg->Find("DEU"), nullptr);
  EXPECT_TRUE(reg->Find("DEU")->eu_member_state);
  EXPECT_TRUE(reg->Find("NOR")->schengen_associated);
  EXPECT_FALSE(reg->Find("NOR")->eu_member_state);
  EXPECT_TRUE(reg->Find("ALB")->eu_candidate);
  EXPECT_TRUE(reg->Find("UKR")->eu_candidate);
  EXPECT_FALSE(reg->Find("XKX")->eu_candidate);  // potential candidate only
  EXPECT_NE(reg->Find("XXA"), nullptr);
  EXPECT_EQ(reg->Find("GBR")->eu_member_state, false);
}

TEST(Countries, ValidateNamesTheField) {
  auto reg = CountryRegistry::Load(testing::DataDir() + "/countries.csv");
  ASSERT_TRUE(reg.ok());
  EXPECT_TRUE(reg->Validate("MAR", "applicant.nationality").ok());
  Status s = reg->Validate("XYZ", "applicant.nationality");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "applicant.nationality");
  EXPECT_FALSE(reg->Validate("deu", "x").ok());
  EXPECT_FALSE(reg->ValidateMemberState("NOR", "member_state").ok());
  EXPECT_TRUE(reg->ValidateMemberState("ITA", "member_state").ok());
}

TEST(Countries, RefusesBadFlagNamingLineAndColumn) {
  testing::TempDir dir;
  std::ofstream(dir.File("c.csv")) << "alpha3,alpha2,name,eu,schengen_associated,eu_candidate\n"
                                      "DEU,DE,Germany,yes,0,0\n";
  auto reg = CountryRegistry::Load(dir.File("c.csv"));
  ASSERT_FALSE(reg.ok());
  EXPECT_NE(reg.status().message().find(":2: column 'eu'"), std::string::npos)
      << reg.status().message();
}

}  // namespace
}  // namespace openpact
