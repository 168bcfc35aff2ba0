// Keeps docs/schemas/procedure-case.schema.json and the parser in step: every property the
// schema lists is accepted by the parser, and an extra one is refused at every level.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "rules/admission.h"
#include "rules/procedure.h"
#include "rules/responsibility.h"
#include "rules/protection_documents.h"
#include "rules/reception.h"
#include "rules/relocation.h"
#include "rules/return_border.h"
#include "rules/return_decision.h"
#include "rules/temporary_protection.h"
#include <set>
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
  if (name == "context") return "relocation";  // every context-bound field (arrived_after_relocation_on) allowed
  if (name == "link") return "connection";
  if (name == "nationality" || name == "country") return "MAR";
  if (name == "member_state") return "ITA";
  if (name == "former_habitual_residence") return "PAK";
  if (name == "first_country_of_asylum") return "TUR";
  if (name == "protection_granted_by") return "FRA";
  if (name == "categories") return json::array({"x"});
  if (name == "region_of_origin") return "somewhere";
  if (name == "implicit_withdrawal_ground") return "missed_interview";  // not_lodged contradicts lodged_on
  if (name == "explicit_withdrawal_on") return nullptr;  // not with implicit_withdrawal_ground (scenarios wd_06-)
  if (name == "admissibility_interview_omitted") return nullptr;  // not with admissibility_interview_on
  if (name == "previous_final_decision_on") return "2026-06-30";  // before made_on (Art. 55(1))
  if (name == "merits_interview_on") return nullptr;  // interview_omitted (true in the sample) omits it
  if (name == "remitted_on") return nullptr;  // the sample's decision_notified_on (07-12) would precede it
  if (name == "decision_date") return "2026-07-20";
  if (name == "made_on") return "2026-07-10";
  if (name == "registered_on") return "2026-07-11";
  if (name == "lodged_on") return "2026-07-14";
  if (name == "date_of_birth") return "1995-01-01";
  if (name.size() > 3 && name.substr(name.size() - 3) == "_on") return "2026-07-12";
  if (prop.value("type", json()) == "boolean") return true;
  if (prop.contains("enum")) return prop["enum"][0];
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
  EXPECT_EQ(parsed->application.examination_extended, "disproportionate_number");  // the first of its enum
  EXPECT_TRUE(parsed->application.examination_postponed);
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

namespace openpact::rules {
namespace {

// The responsibility case: a document giving every property of
// docs/schemas/responsibility-case.schema.json must be accepted, a property the schema lacks
// refused at every level, and the document must give exactly the schema's properties (so that
// the schema, this test and the parser cannot drift apart).
const char* kFullResponsibilityCase = R"({
  "decision_date": "2026-09-01", "member_state": "DEU", "registered_on": "2026-08-20", "lodged_on": "2026-08-24",
  "applicant": {"nationality": "AFG", "date_of_birth": "2010-01-01", "unaccompanied_minor": false, "married": true},
  "accompanies": {"relation": "spouse", "member_state_responsible": "ITA", "born_after_arrival": false,
                  "family_existed_before_arrival": true, "family_existed_in_country_of_origin": false,
                  "best_interests": "served"},
  "representative": {"application_made_on": "2026-08-19", "appointed_on": "2026-08-20", "exceptional_circumstances": false},
  "security_threat": false,
  "family": [{"relation": "child", "member_state": "FRA", "status": "beneficiary",
              "family_existed_in_country_of_origin": false, "family_existed_before_arrival": false,
              "born_after_arrival": true, "wish_in_writing": true, "date_of_birth": "2024-01-01",
              "first_decision_on_substance": false, "partnership_recognised": false, "can_take_care": false,
              "against_best_interests": false}],
  "documents": [{"type": "visa", "issued_by": "ESP", "valid_from": "2026-01-01", "valid_until": "2026-03-01",
                 "withdrawn_on": "2026-02-01", "on_behalf_of": "AUT", "visa_type": "uniform",
                 "fraud_after_issue": false, "vis_hit_received_on": "2026-08-21", "enabled_entry": true}],
  "diplomas": [{"issued_by": "NLD", "issued_on": "2022-06-30", "study_months": 24}],
  "dependency": {"relation": "parent", "member_state": "SWE", "dependent": "relative", "reason": "old_age",
                 "ties_existed_before_arrival": true, "ties_existed_in_country_of_origin": true,
                 "carer_able": true, "wish_in_writing": true,
                 "applicant_cannot_travel": false},
  "entry": {"irregular_entry": {"member_state": "ITA", "date": "2026-07-01", "via_sar": false},
            "visa_waived_entry": {"member_state": "FRA", "date": "2026-06-01", "exempt_in_member_state_of_registration": true},
            "international_transit_area": "NLD", "left_eu_since": "2025-01-01", "relocated_to": "PRT",
            "irregular_stays": [{"member_state": "AUT", "from": "2025-02-01", "to": "2025-08-01"}]},
  "eurodac_hits": [{"category": "applicant", "member_state": "ITA", "date": "2026-07-01",
                    "hit_received_on": "2026-08-20", "responsible_member_state": "ITA", "responsible_under_16_2": true,
                    "border_procedure_final_on": "2026-07-20", "left_under_return_decision_on": "2026-07-25",
                    "left_territory_on": "2026-07-25", "relocation_member_state": "FRA",
                    "arrived_after_relocation_on": "2026-07-26"}],
  "transfer_impossible_to": ["GRC"],
  "take_charge_request_sent_on": "2026-08-25",
  "urgent_reply": {"ground": "return_decision", "reply_within_days": 10},
  "personal_interview": {"held_on": "2026-08-22", "omitted": null},
  "take_back_sent_on": "2026-08-26",
  "reply_received_on": "2026-08-29",
  "accepted_on": "2026-08-30",
  "reexamination_requested_on": "2026-08-29",
  "reexamination_reply_on": "2026-08-30",
  "detained_on": "2026-08-21",
  "detention": {"ground": "risk_of_absconding", "individual_assessment": true,
                "less_coercive_measures_insufficient": true, "ordered_by": "administrative",
                "judicial_review_on": "2026-08-25"},
  "transfer_decision_on": "2026-08-30",
  "transfer_decision_notified_on": "2026-08-30",
  "transferred_on": "2026-08-31",
  "transfer_extension": {"ground": "absconding", "notified_on": "2026-08-31", "available_again_on": "2026-08-31"},
  "transfer_appeal": {"lodged_on": "2026-08-30", "suspension_requested_on": "2026-08-30", "suspension": "granted",
                      "suspension_decided_on": "2026-08-31", "final_decision_on": "2026-09-01", "outcome": "dismissed"},
  "examines_under_discretionary_clause": false, "first_decision_on_substance_on": "2026-08-31",
  "minor_transfer_against_best_interests": false,
  "humanitarian_request": {"member_state": "SWE", "sent_on": "2026-08-22", "consent_in_writing": true,
                           "accepted_on": "2026-08-25"},
  "information_requests": [{"member_state": "FRA", "sent_on": "2026-08-21", "replied_on": "2026-08-28",
                            "information_refused": false}]
})";

void ExpectSameProperties(const json& schema, const json& doc, const std::string& path) {
  std::set<std::string> in_schema, in_doc;
  for (auto it = schema["properties"].begin(); it != schema["properties"].end(); ++it) in_schema.insert(it.key());
  for (auto it = doc.begin(); it != doc.end(); ++it) in_doc.insert(it.key());
  EXPECT_EQ(in_schema, in_doc) << path;
  for (auto it = schema["properties"].begin(); it != schema["properties"].end(); ++it) {
    const json& prop = it.value();
    if (prop.contains("properties")) ExpectSameProperties(prop, doc[it.key()], path + "." + it.key());
    if (prop.contains("items") && prop["items"].contains("properties")) {
      ExpectSameProperties(prop["items"], doc[it.key()][0], path + "." + it.key() + "[0]");
    }
  }
}

// A property the schema lacks, added to each of `members` ("" the document, "a.b" nested,
// "x[0]" a list's first element), is refused naming it.
template <typename Parse>
void ExpectExtrasRefused(const json& full, const std::vector<std::string>& members, Parse parse) {
  for (const std::string& member : members) {
    json extra = full;
    json* target = &extra;
    std::string rest = member;
    while (!rest.empty()) {
      const size_t dot = rest.find('.');
      std::string part = rest.substr(0, dot);
      rest = dot == std::string::npos ? "" : rest.substr(dot + 1);
      if (part.back() == ']') {
        target = &(*target)[part.substr(0, part.find('['))][0];
      } else {
        target = &(*target)[part];
      }
    }
    (*target)["not_in_schema"] = true;
    const Status refused = parse(extra.dump());
    ASSERT_FALSE(refused.ok()) << member;
    EXPECT_EQ(refused.field(), member.empty() ? "not_in_schema" : member + ".not_in_schema");
  }
}

TEST(ResponsibilityCaseSchema, EveryPropertyIsAcceptedAndExtrasAreRefused) {
  auto data = RulesData::Load(testing::DataDir());
  ASSERT_TRUE(data.ok());
  std::ifstream in(std::string(OPENPACT_SOURCE_DIR) + "/docs/schemas/responsibility-case.schema.json");
  const json schema = json::parse(in);
  const json full = json::parse(kFullResponsibilityCase);
  ExpectSameProperties(schema, full, "");
  auto parsed = ParseResponsibilityCase(full.dump(), data->countries);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(parsed->applicant.married);
  EXPECT_EQ(parsed->documents[0].on_behalf_of, "AUT");
  EXPECT_EQ(parsed->diplomas[0].study_months, 24);
  EXPECT_EQ(parsed->entry.relocated_to, "PRT");
  EXPECT_EQ(parsed->lodged_on, Date::Parse("2026-08-24").value());
  EXPECT_EQ(parsed->documents[0].enabled_entry, std::optional<bool>(true));
  ASSERT_EQ(parsed->entry.irregular_stays.size(), 1u);
  EXPECT_EQ(parsed->entry.irregular_stays[0].member_state, "AUT");
  EXPECT_EQ(parsed->entry.irregular_stays[0].to, Date::Parse("2025-08-01").value());
  EXPECT_EQ(parsed->transfer_impossible_to, std::vector<std::string>{"GRC"});
  ASSERT_TRUE(parsed->urgent_reply.has_value());
  EXPECT_EQ(parsed->urgent_reply->ground, "return_decision");
  EXPECT_EQ(parsed->urgent_reply->reply_within_days, std::optional<int>(10));
  EXPECT_EQ(parsed->transfer_decision_on, Date::Parse("2026-08-30").value());
  EXPECT_EQ(parsed->reexamination_reply_on, Date::Parse("2026-08-30").value());
  ASSERT_TRUE(parsed->accompanies.has_value());
  EXPECT_EQ(parsed->accompanies->member_state_responsible, "ITA");
  ASSERT_TRUE(parsed->detention.has_value());
  EXPECT_EQ(parsed->detention->ordered_by, "administrative");
  ASSERT_TRUE(parsed->transfer_appeal.has_value());
  EXPECT_EQ(parsed->transfer_appeal->suspension, "granted");
  EXPECT_EQ(parsed->transfer_appeal->final_decision_on, Date::Parse("2026-09-01").value());
  ASSERT_EQ(parsed->information_requests.size(), 1u);
  EXPECT_EQ(parsed->information_requests[0].replied_on, Date::Parse("2026-08-28").value());
  ExpectExtrasRefused(full, {"", "applicant", "family[0]", "documents[0]", "diplomas[0]", "dependency",
                              "transfer_extension", "transfer_appeal", "detention", "accompanies", "representative", "personal_interview", "humanitarian_request", "information_requests[0]", "urgent_reply", "entry", "entry.irregular_entry",
                              "entry.visa_waived_entry", "entry.irregular_stays[0]", "eurodac_hits[0]"},
                      [&](const std::string& text) { return ParseResponsibilityCase(text, data->countries).status(); });
}

// The return border procedure case, the same way.
const char* kFullReturnBorderCase = R"JSON({
  "decision_date": "2026-11-30", "member_state": "ITA",
  "person": {"nationality": "TUN", "date_of_birth": "1998-04-02", "unaccompanied_minor": false},
  "rejection": {"decided_on": "2026-10-01", "notified_on": "2026-10-02", "procedure": "border",
                "ground": "inadmissible", "inadmissibility_ground": "38(1)(a)", "crisis_border_procedure": true,
                "subsequent_application": true},
  "appeal": {"time_limit_ends_on": "2026-10-09", "lodged_on": "2026-10-05", "decided_on": "2026-11-05",
             "outcome": "dismissed", "further_appeal_lodged_on": "2026-11-10", "lodged_merely_to_delay_removal": true,
             "leave_to_remain": {"time_limit_ends_on": "2026-10-07", "requested_on": "2026-10-05",
                                 "decided_on": "2026-10-10", "granted": true}},
  "detained_during_border_procedure": true, "detained_on": "2026-10-01", "risk_of_absconding": true,
  "avoids_or_hampers_return": true, "danger_to_public_order_or_security": false,
  "voluntary_departure_requested": true, "travel_documents_handed_over": true, "refusal_of_entry": true,
  "departed_on": "2026-11-20"
})JSON";

TEST(ReturnBorderCaseSchema, EveryPropertyIsAcceptedAndExtrasAreRefused) {
  auto data = RulesData::Load(testing::DataDir());
  ASSERT_TRUE(data.ok());
  std::ifstream in(std::string(OPENPACT_SOURCE_DIR) + "/docs/schemas/return-border-case.schema.json");
  const json schema = json::parse(in);
  const json full = json::parse(kFullReturnBorderCase);
  ExpectSameProperties(schema, full, "");
  auto parsed = ParseReturnBorderCase(full.dump(), data->countries);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->rejection.inadmissibility_ground, "38(1)(a)");
  EXPECT_TRUE(parsed->appeal.leave_to_remain.granted);
  EXPECT_EQ(parsed->appeal.further_appeal_lodged_on, Date::Parse("2026-11-10").value());
  EXPECT_TRUE(parsed->refusal_of_entry);
  ExpectExtrasRefused(full, {"", "person", "rejection", "appeal", "appeal.leave_to_remain"},
                      [&](const std::string& text) { return ParseReturnBorderCase(text, data->countries).status(); });
}

// The reception case, the same way.
const char* kFullReceptionCase = R"JSON({
  "decision_date": "2026-11-30", "member_state": "ITA",
  "applicant": {"nationality": "AFG", "date_of_birth": "2010-05-14", "unaccompanied_minor": true,
                "minor_children": false},
  "application": {"made_on": "2026-09-07", "registered_on": "2026-09-10", "lodged_on": "2026-09-24",
                  "disproportionate_number": true, "made_to_non_registering_authority": true,
                  "registering_authority_informed_on": "2026-09-08",
                  "accelerated_ground": "42(1)(j)", "decided_on": "2026-11-20",
                  "delay_attributable_to_applicant": false, "appealed_with_right_to_remain": true,
                  "appeal_decision_notified_on": "2026-11-25"},
  "information_provided_on": "2026-09-09",
  "needs_assessment": {"integrated_with_apr_article_20": true, "completed_on": "2026-10-02"},
  "representative": {"appointed_on": "2026-09-25", "exceptional_situation": true},
  "education_access_on": "2026-11-16", "labour_market_access_on": "2026-11-02",
  "detention": {"started_on": "2026-10-01", "ordered_by": "administrative", "review": "on_request",
                "review_requested_on": "2026-10-02", "exceptional_situation": true, "reviewed_on": "2026-10-12",
                "released_on": "2026-10-13"},
  "movement_restriction": {"type": "specific_place", "ground": "risk_of_absconding", "decided_on": "2026-09-15",
                           "applied_from": "2026-09-16", "reasons_stated": true,
                           "informed_in_writing_on": "2026-09-15", "review": "ex_officio",
                           "judicially_reviewed_on": "2026-11-17", "ended_on": "2026-11-20"},
  "material_conditions": {"required_to_be_present_in": "ITA", "transfer_decision_notified_on": null,
                          "measure": {"type": "reduce_daily_allowance", "ground": "a", "decided_on": "2026-10-20",
                                      "applied_on": "2026-10-21", "circumstances_ceased_on": "2026-11-02",
                                      "restoration_assessed_on": "2026-11-03"}}
})JSON";

TEST(ReceptionCaseSchema, EveryPropertyIsAcceptedAndExtrasAreRefused) {
  auto data = RulesData::Load(testing::DataDir());
  ASSERT_TRUE(data.ok());
  std::ifstream in(std::string(OPENPACT_SOURCE_DIR) + "/docs/schemas/reception-case.schema.json");
  const json schema = json::parse(in);
  const json full = json::parse(kFullReceptionCase);
  ExpectSameProperties(schema, full, "");
  auto parsed = ParseReceptionCase(full.dump(), data->countries);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->application.accelerated_ground, "42(1)(j)");
  EXPECT_TRUE(parsed->representative.exceptional_situation);
  EXPECT_EQ(parsed->detention.review_requested_on, Date::Parse("2026-10-02").value());
  EXPECT_EQ(parsed->detention.review, "on_request");
  EXPECT_EQ(parsed->material_conditions.measure.ground, 'a');
  EXPECT_EQ(parsed->material_conditions.required_to_be_present_in, "");  // this Member State itself
  EXPECT_EQ(parsed->movement_restriction.ground, "risk_of_absconding");
  EXPECT_EQ(parsed->movement_restriction.applied_from, Date::Parse("2026-09-16").value());
  json unapplied = full;
  unapplied["movement_restriction"].erase("applied_from");
  EXPECT_EQ(ParseReceptionCase(unapplied.dump(), data->countries)->movement_restriction.applied_from,
            Date::Parse("2026-09-15").value());  // decided_on
  ExpectExtrasRefused(full, {"", "applicant", "application", "needs_assessment", "representative", "detention",
                             "movement_restriction", "material_conditions", "material_conditions.measure"},
                      [&](const std::string& text) { return ParseReceptionCase(text, data->countries).status(); });
}

// The protection documents case, the same way.
const char* kFullProtectionDocumentsCase = R"JSON({
  "decision_date": "2027-10-05", "member_state": "DEU", "nationality": "SYR",
  "protection": {"status": "subsidiary_protection", "granted_on": "2026-09-01", "notified_on": "2026-09-03"},
  "provisional_measures_on": "2026-09-10",
  "residence_permit": {"issued_on": "2026-09-15", "valid_until": "2027-09-14"},
  "renewals": [{"issued_on": "2027-09-10", "valid_until": "2029-09-14"}],
  "travel_document": {"issued_on": "2026-10-01", "valid_until": "2031-09-30"},
  "national_passport_obtainable": false, "compelling_reasons_against_travel_document": false,
  "date_of_birth": "1990-01-01", "married": true,
  "family_members": [{"relation": "partner", "family_existed_before_arrival": true, "present_in_member_state": true,
                      "date_of_birth": null,
                      "married": false, "dependent": false, "partnership_recognised": true,
                      "lived_in_household": true, "individually_entitled": false, "requested_permit": true,
                      "excluded": false, "marriage_of_convenience": false, "security_or_public_order": false,
                      "permit": {"issued_on": "2027-09-12", "valid_until": "2029-09-14"}}],
  "revocation": {"examination_started_on": "2027-09-20", "informed_in_writing_on": "2027-09-21",
                 "statement_time_limit": "2027-10-21", "interview_on": "2027-10-30",
                 "cessation": "circumstances_changed", "change_significant_and_lasting": true,
                 "compelling_reasons": false, "excluded": false, "misrepresentation_decisive": false,
                 "danger_to_security": false, "serious_crime_and_danger": false, "established_individually": true}
})JSON";

TEST(ProtectionDocumentsCaseSchema, EveryPropertyIsAcceptedAndExtrasAreRefused) {
  auto data = RulesData::Load(testing::DataDir());
  ASSERT_TRUE(data.ok());
  std::ifstream in(std::string(OPENPACT_SOURCE_DIR) + "/docs/schemas/protection-documents-case.schema.json");
  const json schema = json::parse(in);
  const json full = json::parse(kFullProtectionDocumentsCase);
  ExpectSameProperties(schema, full, "");
  auto parsed = ParseProtectionDocumentsCase(full.dump(), data->countries);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->protection.status, "subsidiary_protection");
  ASSERT_EQ(parsed->renewals.size(), 1u);
  EXPECT_EQ(parsed->renewals[0].valid_until, Date::Parse("2029-09-14").value());
  ASSERT_TRUE(parsed->travel_document.has_value());
  ASSERT_EQ(parsed->family_members.size(), 1u);
  EXPECT_TRUE(parsed->family_members[0].partnership_recognised);
  EXPECT_EQ(parsed->revocation.cessation, 'c');
  ExpectExtrasRefused(full, {"", "protection", "residence_permit", "renewals[0]", "travel_document", "family_members[0]",
                             "family_members[0].permit", "revocation"},
                      [&](const std::string& text) { return ParseProtectionDocumentsCase(text, data->countries).status(); });
}

// The admission case, the same way.
const char* kFullAdmissionCase = R"JSON({
  "decision_date": "2026-11-30", "member_state": "NLD", "nationality": "SDN", "admission": "humanitarian_admission",
  "emergency": true, "registered_on": "2026-03-16", "complex_case": true,
  "conclusion": {"on": "2026-09-10", "outcome": "positive"},
  "status_granted": "humanitarian_status", "entered_on": "2026-11-05", "citizenship_acquired_on": "2026-11-20"
})JSON";

TEST(AdmissionCaseSchema, EveryPropertyIsAcceptedAndExtrasAreRefused) {
  auto data = RulesData::Load(testing::DataDir());
  ASSERT_TRUE(data.ok());
  std::ifstream in(std::string(OPENPACT_SOURCE_DIR) + "/docs/schemas/admission-case.schema.json");
  const json schema = json::parse(in);
  json full = json::parse(kFullAdmissionCase);
  // The members a valid case cannot hold at once: a refusal ground (negative conclusions only) and a
  // discontinuation (no conclusion), each checked on a variant.
  json negative = full;
  negative["conclusion"] = {{"on", "2026-09-10"}, {"outcome", "negative"}, {"refusal_ground", "6(1)(c)"}};
  negative.erase("status_granted");
  negative.erase("entered_on");
  json discontinued = negative;
  discontinued.erase("conclusion");
  discontinued["discontinued"] = {{"on", "2026-06-15"}, {"reason", "consent_withdrawn"}};
  json union_of_all = full;
  union_of_all["conclusion"]["refusal_ground"] = "6(1)(c)";
  union_of_all["discontinued"] = discontinued["discontinued"];
  ExpectSameProperties(schema, union_of_all, "");
  for (const json* doc : {&full, &negative, &discontinued}) {
    auto parsed = ParseAdmissionCase(doc->dump(), data->countries);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << doc->dump();
  }
  auto parsed = ParseAdmissionCase(full.dump(), data->countries);
  EXPECT_EQ(parsed->status_granted, "humanitarian_status");
  EXPECT_TRUE(parsed->complex_case);
  EXPECT_EQ(ParseAdmissionCase(negative.dump(), data->countries)->conclusion.refusal_ground, "6(1)(c)");
  EXPECT_EQ(ParseAdmissionCase(discontinued.dump(), data->countries)->discontinued.reason, "consent_withdrawn");
  ExpectExtrasRefused(full, {"", "conclusion"},
                      [&](const std::string& text) { return ParseAdmissionCase(text, data->countries).status(); });
  ExpectExtrasRefused(discontinued, {"discontinued"},
                      [&](const std::string& text) { return ParseAdmissionCase(text, data->countries).status(); });
}

// The relocation case, the same way.
const char* kFullRelocationCase = R"JSON({
  "decision_date": "2026-11-30", "member_state": "ITA", "relocation_member_state": "DEU", "person": "applicant",
  "responsibility": "benefitting_state",
  "information_received_on": "2026-10-01", "deferral_notified_on": "2026-10-05",
  "reply": {"on": "2026-10-12", "outcome": "confirmed"}, "transfer_decision_on": "2026-10-14",
  "transfer_notified_on": "2026-10-15", "appeal_decided_on": "2026-10-30", "transferred_on": "2026-11-10",
  "security_risk_found_on": null, "bilateral_agreement": null, "protection_granted_on": null,
  "council_act_adopted_on": null, "written_consent_on": null, "links_opportunity_on": "2026-09-20",
  "informed_on": "2026-10-13", "family_relocated_to": ["DEU"], "security_interview_on": "2026-10-06"
})JSON";

TEST(RelocationCaseSchema, EveryPropertyIsAcceptedAndExtrasAreRefused) {
  auto data = RulesData::Load(testing::DataDir());
  ASSERT_TRUE(data.ok());
  std::ifstream in(std::string(OPENPACT_SOURCE_DIR) + "/docs/schemas/relocation-case.schema.json");
  const json schema = json::parse(in);
  const json full = json::parse(kFullRelocationCase);
  ExpectSameProperties(schema, full, "");
  auto parsed = ParseRelocationCase(full.dump(), data->countries);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->reply.outcome, "confirmed");
  EXPECT_EQ(parsed->appeal_decided_on, Date::Parse("2026-10-30").value());
  EXPECT_FALSE(parsed->bilateral_agreement.has_value());
  EXPECT_EQ(parsed->links_opportunity_on, Date::Parse("2026-09-20").value());
  EXPECT_EQ(parsed->informed_on, Date::Parse("2026-10-13").value());
  EXPECT_EQ(parsed->family_relocated_to, std::vector<std::string>{"DEU"});
  EXPECT_EQ(parsed->security_interview_on, Date::Parse("2026-10-06").value());
  ExpectExtrasRefused(full, {"", "reply"},
                      [&](const std::string& text) { return ParseRelocationCase(text, data->countries).status(); });
  // The beneficiary's members (an applicant's case gives them null), and the benefitting State's
  // own finding of a risk (no transfer may follow it).
  json beneficiary = full;
  beneficiary["person"] = "beneficiary";
  beneficiary["responsibility"] = nullptr;
  beneficiary["bilateral_agreement"] = true;
  beneficiary["protection_granted_on"] = "2025-01-10";
  beneficiary["council_act_adopted_on"] = "2025-12-16";
  beneficiary["written_consent_on"] = "2026-09-20";
  auto b = ParseRelocationCase(beneficiary.dump(), data->countries);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->bilateral_agreement, std::optional<bool>(true));
  EXPECT_EQ(b->protection_granted_on, Date::Parse("2025-01-10").value());
  EXPECT_EQ(b->council_act_adopted_on, Date::Parse("2025-12-16").value());
  EXPECT_EQ(b->written_consent_on, Date::Parse("2026-09-20").value());
  json risk = json::parse(kFullRelocationCase);
  for (const char* key : {"transfer_decision_on", "transfer_notified_on", "appeal_decided_on", "transferred_on"}) {
    risk[key] = nullptr;
  }
  risk["security_risk_found_on"] = "2026-10-03";
  auto r = ParseRelocationCase(risk.dump(), data->countries);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->security_risk_found_on, Date::Parse("2026-10-03").value());
}

// The return case, the same way.
const char* kFullReturnCase = R"JSON({
  "decision_date": "2026-11-30", "member_state": "DEU",
  "person": {"nationality": "GEO", "date_of_birth": "2010-04-12", "unaccompanied_minor": true,
             "family_with_minors": true},
  "illegal_stay_since": "2026-10-12", "residence_permit_of": null, "humanitarian_permit": false,
  "permit_renewal_pending": false, "refused_entry_at_border": false, "rejected_in_border_procedure": false,
  "asylum_rejection": {"decided_on": "2026-10-15", "ground": "unfounded", "return_decision_before_application": false},
  "return_decision_notified_on": "2026-10-20",
  "voluntary_departure": {"granted_days": 20, "extended_days": 10, "risk_of_absconding": false,
                          "manifestly_unfounded_or_fraudulent": false, "public_policy_risk": false,
                          "departed_on": null},
  "trafficking_victim_permit": false, "entry_ban": {"years": 3, "serious_threat": false},
  "unaccompanied_minor_return": {"assisted_by_other_bodies": true, "best_interests_assessed": false,
                                 "reception_in_return_state": "adequate_reception_facilities"},
  "non_refoulement": false, "suspensive_effect": true, "removal_postponement": "technical_reasons",
  "detention": {"started_on": "2026-11-20", "lack_of_cooperation": false, "documents_delayed": true,
                "released_on": "2026-11-25", "ground": "avoids_or_hampers_return",
                "less_coercive_measures_insufficient": true, "no_reasonable_prospect_of_removal": false,
                "ordered_by": "administrative", "judicial_review_on": "2026-11-22", "facility": "specialised"}
})JSON";

TEST(ReturnCaseSchema, EveryPropertyIsAcceptedAndExtrasAreRefused) {
  auto data = RulesData::Load(testing::DataDir());
  ASSERT_TRUE(data.ok());
  std::ifstream in(std::string(OPENPACT_SOURCE_DIR) + "/docs/schemas/return-case.schema.json");
  const json schema = json::parse(in);
  const json full = json::parse(kFullReturnCase);
  ExpectSameProperties(schema, full, "");
  auto parsed = ParseReturnCase(full.dump(), data->countries);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(parsed->person.family_with_minors);
  EXPECT_EQ(parsed->voluntary_departure.granted_days, std::optional<int>(20));
  EXPECT_EQ(parsed->voluntary_departure.extended_days, 10);
  EXPECT_EQ(parsed->entry_ban.years, 3);
  EXPECT_TRUE(parsed->detention.documents_delayed);
  EXPECT_EQ(parsed->detention.released_on, Date::Parse("2026-11-25").value());
  EXPECT_EQ(parsed->detention.ground, "avoids_or_hampers_return");
  EXPECT_EQ(parsed->removal_postponement, "technical_reasons");
  EXPECT_EQ(parsed->detention.facility, "specialised");
  EXPECT_TRUE(parsed->detention.less_coercive_measures_insufficient);
  EXPECT_EQ(parsed->detention.ordered_by, "administrative");
  EXPECT_EQ(parsed->detention.judicial_review_on, Date::Parse("2026-11-22").value());
  EXPECT_EQ(parsed->asylum_rejection.ground, "unfounded");
  EXPECT_TRUE(parsed->unaccompanied_minor_return.assisted_by_other_bodies);
  EXPECT_FALSE(parsed->unaccompanied_minor_return.best_interests_assessed);
  EXPECT_EQ(parsed->unaccompanied_minor_return.reception_in_return_state, "adequate_reception_facilities");
  ExpectExtrasRefused(full, {"", "person", "asylum_rejection", "voluntary_departure", "entry_ban", "detention",
                             "unaccompanied_minor_return"},
                      [&](const std::string& text) { return ParseReturnCase(text, data->countries).status(); });
}

// The temporary protection case, the same way.
const char* kFullTemporaryProtectionCase = R"JSON({
  "decision_date": "2026-11-30", "member_state": "POL",
  "person": {"nationality": "MDA", "date_of_birth": "1990-02-01", "displaced_on": "2022-03-05",
             "resided_in_ukraine": false, "protection_in_ukraine": false, "permanent_residence_permit": true,
             "legally_residing": false, "can_return_safely": false},
  "family_member_of": {"category": "ukrainian_national", "relation": "partner", "family_resided_in_ukraine": true,
                       "partnership_recognised": true, "child_married": false, "lived_together_dependent": false},
  "exclusion_ground": null,
  "applied_for_international_protection_on": "2026-10-01"
})JSON";

TEST(TemporaryProtectionCaseSchema, EveryPropertyIsAcceptedAndExtrasAreRefused) {
  auto data = RulesData::Load(testing::DataDir());
  ASSERT_TRUE(data.ok());
  std::ifstream in(std::string(OPENPACT_SOURCE_DIR) + "/docs/schemas/temporary-protection-case.schema.json");
  const json schema = json::parse(in);
  const json full = json::parse(kFullTemporaryProtectionCase);
  ExpectSameProperties(schema, full, "");
  auto parsed = ParseTemporaryProtectionCase(full.dump(), data->countries);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->person.can_return_safely, std::optional<bool>(false));
  EXPECT_TRUE(parsed->person.permanent_residence_permit);
  ASSERT_TRUE(parsed->family_member_of.has_value());
  EXPECT_TRUE(parsed->family_member_of->partnership_recognised);
  EXPECT_EQ(parsed->applied_for_international_protection_on, Date::Parse("2026-10-01").value());
  ExpectExtrasRefused(full, {"", "person", "family_member_of"}, [&](const std::string& text) {
    return ParseTemporaryProtectionCase(text, data->countries).status();
  });
  // A fact of another relation is refused, naming it.
  json wrong = full;
  wrong["family_member_of"]["child_married"] = true;
  const Status refused = ParseTemporaryProtectionCase(wrong.dump(), data->countries).status();
  EXPECT_EQ(refused.field(), "family_member_of.child_married") << refused.ToString();
}

}  // namespace
}  // namespace openpact::rules

namespace openpact::rules {
namespace {

// The other direction: every field a scenario's case gives (and the parser so accepts) is one the
// schema documents, so a field added to a parser without its schema fails here.
void CollectUndocumented(const json& value, const json& schema, const std::string& path,
                         std::vector<std::string>* out) {
  std::vector<const json*> shapes = {&schema};
  for (const char* alt : {"oneOf", "anyOf"}) {
    if (schema.contains(alt)) {
      for (const json& s : schema[alt]) shapes.push_back(&s);
    }
  }
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      const json* property = nullptr;
      for (const json* s : shapes) {
        if (s->contains("properties") && (*s)["properties"].contains(it.key())) property = &(*s)["properties"][it.key()];
      }
      if (property == nullptr) {
        out->push_back(path + it.key());
      } else {
        CollectUndocumented(it.value(), *property, path + it.key() + ".", out);
      }
    }
  } else if (value.is_array()) {
    for (const json* s : shapes) {
      if (!s->contains("items")) continue;
      for (const json& item : value) CollectUndocumented(item, (*s)["items"], path, out);
      return;
    }
  }
}

TEST(CaseSchemas, EveryFieldTheScenariosGiveIsDocumented) {
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"admission", "admission-case"},
      {"procedure", "procedure-case"},
      {"protection_documents", "protection-documents-case"},
      {"reception", "reception-case"},
      {"relocation", "relocation-case"},
      {"responsibility", "responsibility-case"},
      {"return", "return-case"},
      {"return_border", "return-border-case"},
      {"temporary_protection", "temporary-protection-case"}};
  const std::string root = std::string(OPENPACT_SOURCE_DIR);
  size_t cases = 0;
  for (const auto& [dir, schema_name] : kinds) {
    std::ifstream schema_in(root + "/docs/schemas/" + schema_name + ".schema.json");
    const json schema = json::parse(schema_in);
    for (const auto& entry : std::filesystem::directory_iterator(root + "/tests/scenarios/" + dir)) {
      std::ifstream in(entry.path());
      const json scenario = json::parse(in);
      if (!scenario.contains("case") || !scenario["case"].is_object()) continue;
      // Refused-input scenarios give unknown fields on purpose.
      if (scenario.contains("expect") && scenario["expect"].contains("error")) continue;
      std::vector<std::string> undocumented;
      CollectUndocumented(scenario["case"], schema, "", &undocumented);
      EXPECT_TRUE(undocumented.empty()) << entry.path().filename() << ": not in " << schema_name
                                        << ".schema.json: " << undocumented.front();
      ++cases;
    }
  }
  EXPECT_GT(cases, 600u);
}

}  // namespace
}  // namespace openpact::rules
