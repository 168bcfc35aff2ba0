#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace openpact {
namespace {

TEST(JsonWriter, WritesWhatNlohmannReadsBack) {
  JsonWriter w;
  w.BeginObject().Field("s", "quote \" backslash \\ newline \n tab \t bell \x07 ü");
  w.Key("n").Int(-42).Key("d").Double(0.1).Key("b").Bool(true).Key("z").Null();
  w.Key("a").BeginArray().Int(1).BeginObject().EndObject().BeginArray().EndArray().EndArray();
  w.EndObject();
  auto j = nlohmann::json::parse(w.str());
  EXPECT_EQ(j["s"], "quote \" backslash \\ newline \n tab \t bell \x07 ü");
  EXPECT_EQ(j["n"], -42);
  EXPECT_EQ(j["d"], 0.1);
  EXPECT_EQ(j["b"], true);
  EXPECT_TRUE(j["z"].is_null());
  EXPECT_EQ(j["a"].dump(), "[1,{},[]]");
  EXPECT_EQ(w.str().find('\n'), std::string::npos);  // compact by default
}

TEST(JsonWriter, PrettyPrintsLikeNlohmann) {
  JsonWriter w(2);
  w.BeginObject().Field("a", "x").Key("b").BeginArray().Int(1).Int(2).EndArray().Key("c").BeginObject().EndObject().EndObject();
  nlohmann::ordered_json j = {{"a", "x"}, {"b", {1, 2}}, {"c", nlohmann::ordered_json::object()}};
  EXPECT_EQ(w.str(), j.dump(2));
}

TEST(JsonWriter, NonFiniteNumbersBecomeNull) {
  JsonWriter w;
  w.BeginArray().Double(1.0 / 0.0).Double(2.5).EndArray();
  EXPECT_EQ(w.str(), "[null,2.5]");
}

}  // namespace
}  // namespace openpact
