#include "core/json_parse.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace openpact {
namespace {

std::string Nested(int levels) { return std::string(static_cast<size_t>(levels), '[') + std::string(static_cast<size_t>(levels), ']'); }

TEST(BoundedJson, ParsesShallowDocuments) {
  auto v = ParseBoundedJson(R"({"a": [1, {"b": "c"}], "d": null})", "body");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ((*v)["a"][1]["b"], "c");
  EXPECT_TRUE((*v)["d"].is_null());
  EXPECT_TRUE(ParseBoundedJson(Nested(kMaxJsonDepth), "body").ok());  // exactly at the bound
}

// 300,000 nested arrays once overflowed the stack when the stored value was dumped (a crash of
// `screening record`); a document deeper than the bound is refused before any value exists.
TEST(BoundedJson, RefusesDeepNestingAndMalformedText) {
  for (int levels : {kMaxJsonDepth + 1, 1000, 300000}) {
    auto v = ParseBoundedJson(Nested(levels), "body");
    ASSERT_FALSE(v.ok()) << levels;
    EXPECT_EQ(v.status().field(), "body");
    EXPECT_NE(v.status().message().find("nested more than 32 levels"), std::string::npos) << v.status().ToString();
  }
  auto deep_in_object = ParseBoundedJson("{\"form\": " + Nested(100) + "}", "--form");
  ASSERT_FALSE(deep_in_object.ok());
  EXPECT_EQ(deep_in_object.status().field(), "--form");
  for (const char* bad : {"{", "", "[1,]", "{\"a\" 1}", "nul"}) {
    auto v = ParseBoundedJson(bad, "body");
    ASSERT_FALSE(v.ok()) << bad;
    EXPECT_NE(v.status().message().find("malformed JSON"), std::string::npos) << bad;
  }
}

}  // namespace
}  // namespace openpact
