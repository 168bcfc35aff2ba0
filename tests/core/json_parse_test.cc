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

// A caseworker's case file of a hundred lines needs the place of a typo, not only its kind; the
// bytes quoted from invalid UTF-8 are escaped, since the message goes into JSON answers.
TEST(BoundedJson, MalformedTextIsLocatedByLineAndColumn) {
  auto v = ParseBoundedJson("{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}", "--case");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().field(), "--case");
  EXPECT_NE(v.status().message().find("at line 3, column 14"), std::string::npos) << v.status().ToString();
  EXPECT_NE(v.status().message().find("unexpected ','"), std::string::npos) << v.status().ToString();
  const std::string invalid_utf8 = DescribeJsonSyntaxError("\"\xff\xfe\"");
  EXPECT_EQ(invalid_utf8.rfind("at column 2: ", 0), 0u) << invalid_utf8;  // one line: no line number
  EXPECT_NE(invalid_utf8.find("\\xFF"), std::string::npos) << invalid_utf8;
  EXPECT_NO_THROW((void)nlohmann::json(invalid_utf8).dump());
  EXPECT_EQ(DescribeJsonSyntaxError(R"({"a": [1, 2]})"), "");
  // Deep nesting is only refused by the bound, not a syntax error: nothing to locate.
  EXPECT_EQ(DescribeJsonSyntaxError(Nested(100000)), "");
}

// A request body: an object with known members only; each refusal names what it refuses, a
// member with an empty name included (found by fuzz/planning_fuzz: its field was empty).
TEST(JsonObject, NamesTheUnknownMemberOrTheBody) {
  auto ok = ParseJsonObject(R"({"year": 2026, "on": "2026-07-01", "name": "x"})", {"year", "on", "name"});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(*OptionalStringMember(*ok, "name"), "x");
  EXPECT_EQ(*OptionalStringMember(*ok, "absent"), "");
  EXPECT_EQ(OptionalStringMember(*ok, "year").status().field(), "year");
  EXPECT_EQ(OptionalDateMember(*ok, "on")->value().ToString(), "2026-07-01");
  EXPECT_FALSE(OptionalDateMember(*ok, "absent")->has_value());
  EXPECT_EQ(OptionalDateMember(*ok, "name").status().field(), "name");
  EXPECT_EQ(ParseJsonObject(R"({"year": 1, "month": 2})", {"year"}).status().field(), "month");
  auto empty_name = ParseJsonObject(R"({"": 28})", {"year"});
  ASSERT_FALSE(empty_name.ok());
  EXPECT_EQ(empty_name.status().field(), "body");
  EXPECT_NE(empty_name.status().message().find("empty name"), std::string::npos);
  EXPECT_EQ(ParseJsonObject("[1]", {"year"}).status().field(), "body");
  EXPECT_EQ(ParseJsonObject("{", {"year"}).status().field(), "body");
}

// A whole number: 12 and 12.0 are one JSON number; a fraction, a string, a boolean or one past
// what a long long holds is refused naming the member.
TEST(JsonObject, WholeNumbersAreThoseWithoutAFraction) {
  auto v = ParseJsonObject(
      R"({"a": 12, "b": 12.0, "c": -3, "d": 12.5, "e": "12", "f": true, "g": 1e300, "h": 18446744073709551615,
          "i": null})",
      {"a", "b", "c", "d", "e", "f", "g", "h", "i"});
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(OptionalIntegerMember(*v, "a")->value(), 12);
  EXPECT_EQ(OptionalIntegerMember(*v, "b")->value(), 12);
  EXPECT_EQ(OptionalIntegerMember(*v, "c")->value(), -3);
  EXPECT_FALSE(OptionalIntegerMember(*v, "i")->has_value());
  EXPECT_FALSE(OptionalIntegerMember(*v, "absent")->has_value());
  for (const char* bad : {"d", "e", "f", "g", "h"}) {
    auto r = OptionalIntegerMember(*v, bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().field(), bad);
  }
}

}  // namespace
}  // namespace openpact
