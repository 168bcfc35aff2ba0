// The registry update a responsibility decision proposes (Eurodac Art. 16(1)): for an application
// registered before 1 July 2026, decided on Dublin III's criteria, the take back's note names
// Dublin III's provision, not the AMMR's; a Dublin III designation this State examines gives the
// status patch as the AMMR's does.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "rules/responsibility.h"
#include "test_util.h"

namespace openpact::rules {
namespace {

using json = nlohmann::json;

TEST(ResponsibilityRecordUpdate, DublinThreeDecisionsSayWhichActGoverns) {
  auto data = RulesData::Load(testing::DataDir());
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  // An earlier application in Italy, no Member State responsible recorded: a take back (Art. 20(5)).
  auto c = ParseResponsibilityCase(R"({"decision_date": "2026-09-01", "member_state": "DEU",
      "registered_on": "2026-06-25", "lodged_on": "2026-06-25", "applicant": {"nationality": "AFG"},
      "eurodac_hits": [{"category": "applicant", "member_state": "ITA", "date": "2026-02-01"}]})",
                                   data->countries);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto d = DecideResponsibility(*c, *data);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->procedure, "take_back");
  const json back = json::parse(ResponsibilityDecisionForRecordToJson(*c, *d, "rec-1"));
  const std::string note = back["eurodac_update"]["note"];
  EXPECT_NE(note.find("Regulation (EU) No 604/2013, Art. 20(5)"), std::string::npos) << note;
  EXPECT_EQ(note.find("AMMR Art. 38(4)"), std::string::npos) << note;
  EXPECT_FALSE(back["eurodac_update"].contains("status"));
  // No criterion designating another State: this State examines, and the patch records it.
  c->eurodac_hits.clear();
  d = DecideResponsibility(*c, *data);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->procedure, "none");
  const json here = json::parse(ResponsibilityDecisionForRecordToJson(*c, *d, "rec-1"));
  EXPECT_EQ(here["eurodac_update"]["status"]["ms_responsible"], "DEU");
}

}  // namespace
}  // namespace openpact::rules
