// Keeps docs/schemas/procedure-case.schema.json and the parser in step: every property the
// schema lists is accepted by the parser, and an extra one is refused at every level.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "rules/procedure.h"
#include "test_util.h"

namespace openpact::rules {
namespace {

using json = nlohmann::json;

json Schema() {
  std::ifstream in(std::string(OPENPACT_SOURCE_DIR) + "/docs/schemas/procedure-case.schema.json");
  return json::parse(in);
}

// A value the parser accepts for a schema property (by its declared shape).
json Sample(const std::string& name, const json& prop) {
  if (name == "context") return "border_crossing_point";
  if (name == "link") return "connection";
  if (name == "nationality" || name == "country") return "MAR";
  if (name == "member_state") return "ITA";
  if (name == "former_habitual_residence") return "PAK";
  if (name == "first_country_of_asylum") return "TUR";
  if (name == "protection_granted_by") return "FRA";
  if (name == "categories") return json::array({"x"});
  if (name == "region_of_origin") return "somewhere";
  if (name == "decision_date") return "2026-07-20";
  if (name == "made_on") return "2026-07-10";
  if (name == "registered_on") return "2026-07-11";
  if (name == "lodged_on") return "2026-07-14";
  if (name == "date_of_birth") return "1995-01-01";
  if (name.size() > 3 && name.substr(name.size() - 3) == "_on") return "2026-07-12";
  if (prop.value("type", json()) == "boolean") return true;
  return nullptr;
}

json Fill(const json& schema_object) {
  json out = json::object();
  for (auto it = schema_object["properties"].begin(); it != schema_object["properties"].end(); ++it) {
    const json& prop = it.value();
    if (prop.contains("properties")) {
      out[it.key()] = Fill(prop);
    } else if (it.key() == "safe_third_country") {
      out[it.key()] = Fill(prop["oneOf"][1]);
    } else {
      out[it.key()] = Sample(it.key(), prop);
    }
  }
  return out;
}

TEST(CaseSchema, EveryPropertyIsAcceptedAndExtrasAreRefused) {
  auto data = RulesData::Load(testing::DataDir());
  ASSERT_TRUE(data.ok());
  const json schema = Schema();
  json full = Fill(schema);
  auto parsed = ParseProcedureCase(full.dump(), data->countries);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << full.dump(2);
  EXPECT_TRUE(parsed->facts.safe_third_country.has_value());
  EXPECT_TRUE(parsed->application.entered_lawfully);
  for (const char* member : {"", "applicant", "application", "facts", "capacity"}) {
    json extra = full;
    json& target = std::string(member).empty() ? extra : extra[member];
    target["not_in_schema"] = true;
    auto refused = ParseProcedureCase(extra.dump(), data->countries);
    ASSERT_FALSE(refused.ok()) << member;
    EXPECT_EQ(refused.status().field(),
              std::string(member).empty() ? "not_in_schema" : std::string(member) + ".not_in_schema");
  }
}

}  // namespace
}  // namespace openpact::rules
