#include "api/openapi.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "api/server.h"
#include "auth/auth.h"
#include "cases/border_procedure_store.h"
#include "cases/responsibility_files.h"

namespace openpact::api {
namespace {

using ojson = nlohmann::ordered_json;

// Every registry route takes the stated purpose the audit entry records.
const ParamDoc kPurpose = {"X-Purpose", "header", "string", "", false,
                           "The purpose of the request, written to the audit log (one line, at most 500 bytes)"};

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 401: return "No valid bearer token";
    case 403: return "The token's role (or its Member State) may not do this";
    case 404: return "Not found (a record of another Member State answers 404 too, Eurodac Art. 40(1))";
    case 409: return "Conflicts with the stored state";
    case 413: return "The body is too large (the server reads at most 64 MiB; some routes less)";
    case 422: return "Bad input; `field` names the field";
    case 503: return "The store is unavailable or busy; nothing was changed";
    default: return "Error";
  }
}

ojson ParamJson(const ParamDoc& p) {
  ojson schema = {{"type", p.type}};
  if (*p.format != '\0') schema["format"] = p.format;
  return {{"name", p.name}, {"in", p.in}, {"required", p.required}, {"description", p.description}, {"schema", schema}};
}

ojson Ref(const std::string& schema) { return {{"$ref", "#/components/schemas/" + schema}}; }

// A case document: an object here, its fields in the JSON Schema served at /v1/schemas/ (draft
// 2020-12, which OpenAPI 3.0's schema objects cannot hold), linked as the schema's external docs.
ojson CaseSchema(const std::string& what, const std::string& file) {
  return {{"type", "object"},
          {"description", what + "; its JSON Schema is served at /v1/schemas/" + file + " (docs/schemas/" + file +
                              ") and docs/rules.md describes every field"},
          {"externalDocs", {{"description", "JSON Schema (draft 2020-12)"}, {"url", "/v1/schemas/" + file}}}};
}


// ---- The decisions' answers (src/rules/*.h, "The answer") ----
// Each is described completely (additionalProperties false) so that a client can be generated
// from this document; the scenario tests check every answer of tests/scenarios/ against these
// schemas, so a member added to an answer without its description here fails there.

ojson Text(const std::string& description) { return {{"type", "string"}, {"description", description}}; }
ojson Integer(const std::string& description) { return {{"type", "integer"}, {"description", description}}; }
ojson Boolean(const std::string& description) { return {{"type", "boolean"}, {"description", description}}; }
ojson NullableBoolean(const std::string& description) {
  return {{"type", "boolean"}, {"nullable", true}, {"description", description}};
}
ojson Codes(std::initializer_list<const char*> values, const std::string& description) {
  ojson e = ojson::array();
  for (const char* v : values) e.push_back(v);
  return {{"type", "string"}, {"enum", e}, {"description", description}};
}
// The names of `kinds` (cases/border_procedure_store.h), so the document lists what the store accepts.
ojson CodesOf(const std::vector<cases::EventKind>& kinds, const std::string& description) {
  ojson e = ojson::array();
  for (const cases::EventKind& k : kinds) e.push_back(k.name);
  return {{"type", "string"}, {"enum", e}, {"description", description}};
}
ojson Day(const std::string& description) {
  return {{"type", "string"}, {"format", "date"}, {"description", description}};
}
ojson Nullable(ojson schema) {
  schema["nullable"] = true;
  return schema;
}
ojson ArrayOf(ojson items, const std::string& description) {
  return {{"type", "array"}, {"items", std::move(items)}, {"description", description}};
}
ojson Closed(const std::string& description, ojson properties, ojson required) {
  ojson out = {{"type", "object"}, {"description", description}};
  if (!required.empty()) out["required"] = std::move(required);  // OpenAPI 3.0: at least one if present
  out["additionalProperties"] = false;
  out["properties"] = std::move(properties);
  return out;
}

// What every decision but the responsibility one ends with (rules/decision_record.h); the
// procedure decision has no not_assessed.
enum class Assessed { kListed, kNone };
ojson DecisionAnswer(const std::string& description, ojson own, ojson required, Assessed assessed = Assessed::kListed) {
  own["grounds"] = ArrayOf(Ref("Ground"), "The rules that fired and the exceptions that overrode them, in order");
  own["deadlines"] = ArrayOf(Ref("Deadline"), "The time limits, each with its legal basis and state");
  own["flags"] = ArrayOf(Ref("Flag"), "What the caseworker should know: missing facts, uncertain provisions, choices");
  for (const char* r : {"grounds", "deadlines", "flags"}) required.push_back(r);
  if (assessed == Assessed::kListed) {
    own["not_assessed"] = ArrayOf(Text("The provision and what to assess"),
                                  "Provisions that need a caseworker's assessment, which the engine does not make");
    required.push_back("not_assessed");
  }
  own["policy_version"] = Text("The policy data decided on (data/policy/VERSION and a digest of the files)");
  own["decision_date"] = Day("The day decided as of");
  own["member_state"] = Text("The deciding Member State (alpha-3)");
  for (const char* r : {"policy_version", "decision_date", "member_state"}) required.push_back(r);
  return Closed(description, std::move(own), std::move(required));
}

ojson DecisionSchemas() {
  ojson s = ojson::object();
  s["Ground"] = Closed(
      "A rule that fired, or an exception that overrode one",
      {{"rule", Text("The rule's identifier, e.g. APR-X01")},
       {"legal_basis", Text("The article, e.g. Regulation (EU) 2024/1348, Art. 42(1)(e)")},
       {"explanation", Text("One plain sentence")},
       {"status", Codes({"in_force", "proposal", "uncertain"}, "The status of the provision or policy value it rests on")},
       {"effect", Text("What it does to the decision, e.g. accelerated, inadmissible, not_applied")},
       {"evidence", ArrayOf(Text("A case field, a policy file and line, or a source"), "What it rests on")}},
      {"rule", "legal_basis", "explanation", "status", "effect", "evidence"});
  s["Deadline"] = Closed(
      "A time limit counted under the act's rules (APR Art. 73, AMMR Art. 75, Regulation 1182/71)",
      {{"name", Text("What must be done, e.g. registration")},
       {"date", Day("The last day")},
       {"legal_basis", Text("The article")},
       {"from", Day("The day it runs from")},
       {"period", Text("e.g. \"5 days\", \"3 working days\", \"2 months\"")},
       {"state", Codes({"met", "missed", "running", "expired"},
                       "met or missed when the case says it was done; else running or expired on the decision date")},
       {"note", Text("Why the day moved (a weekend or holiday), or how the limit was read")},
       {"by", Text("Responsibility and relocation answers, where two Member States share the procedure: the Member "
                   "State (ISO alpha-3) on whom the limit runs")},
       {"actor", Codes({"authority", "court", "applicant"},
                       "With by: who acts in that Member State (its authority, its court, or the applicant before "
                       "them)")}},
      {"name", "date", "legal_basis", "from", "period", "state"});
  s["Flag"] = Closed("Something the caseworker should know",
                     {{"code", Text("A stable code, e.g. provision_uncertain")}, {"message", Text("One plain sentence")}},
                     {"code", "message"});
  s["ProcedureDecision"] = DecisionAnswer(
      "The procedure decision (APR): docs/rules.md, Procedure decision",
      {{"admissibility", Codes({"admissible", "inadmissible"}, "Art. 38")},
       {"procedure", Codes({"border", "accelerated", "regular"}, "Arts. 42-43")},
       {"border_procedure", Codes({"mandatory", "optional", "excluded", "not_applicable"},
                                  "Arts. 43-45, 48, 50, 53: excluded when a ground exists but an exclusion or the "
                                  "capacity rules rule it out")},
       {"right_to_remain", Codes({"yes", "no", "exception_possible", "ended"},
                                 "Art. 10: the right to remain during the administrative procedure (no: 10(3); "
                                 "exception_possible: national law may except the applicant, 10(4); ended: the "
                                 "decision is notified and Art. 68 governs)")},
       {"withdrawal", Codes({"none", "implicit", "explicit"},
                            "Arts. 40-41: the application declared explicitly or implicitly withdrawn; the routing "
                            "above is what applied until then")}},
      {"admissibility", "procedure", "border_procedure", "right_to_remain", "withdrawal"}, Assessed::kNone);
  s["Consideration"] = Closed(
      "One responsibility criterion or rule considered, in the order of the Regulation",
      {{"criterion", Text("e.g. family_member_beneficiary, irregular_entry")},
       {"legal_basis", Text("The article")},
       {"applies", {{"type", "boolean"}}},
       {"member_state", Nullable(Text("The Member State it designates when it applies (alpha-3)"))},
       {"reason", Text("One plain sentence")}},
      {"criterion", "legal_basis", "applies", "member_state", "reason"});
  ojson responsibility = {
      {"responsible_member_state", Nullable(Text("null when no single Member State can be designated (see flags)"))},
      {"criterion", Text("The criterion or rule that decided")},
      {"legal_basis", Text("Its article")},
      {"procedure", Codes({"take_charge", "take_back", "none", "undetermined"},
                          "none: this Member State examines the application")},
      {"requested_member_state", Nullable(Text("Where the request or notification goes"))},
      {"considered", ArrayOf(Ref("Consideration"), "Every criterion considered")},
      {"deadlines", ArrayOf(Ref("Deadline"), "The take charge or take back time limits")},
      {"flags", ArrayOf(Ref("Flag"), "What the caseworker should know")},
      {"not_assessed", ArrayOf(Text("The provision and what to assess"), "Provisions left to the caseworker")},
      {"regime", Text("The act whose criteria applied: Regulation (EU) 2024/1351, or Regulation (EU) No 604/2013 for an application registered before 1 July 2026 (AMMR Art. 84(2))")},
      {"policy_version", Text("The policy data decided on")},
      {"decision_date", Day("The day decided as of")},
      {"member_state", Text("The deciding Member State (alpha-3)")},
      {"eurodac_update",
       Closed("Only with ?record: what to add to the applicant's Eurodac record (Regulation (EU) 2024/1358, Art. 16(1))",
              {{"record_id", Text("The registry record")},
               {"legal_basis", Text("The article")},
               {"status", Closed("The status patch for POST /v1/registry/records/{id}/status",
                                 {{"ms_responsible", Text("The Member State responsible (alpha-3)")}},
                                 ojson::array({"ms_responsible"}))},
               {"note", Text("What is added, or what is awaited")}},
              {"record_id", "legal_basis", "note"})}};
  s["ResponsibilityDecision"] =
      Closed("The Member State responsible (AMMR Part III): docs/rules.md, Responsibility decision", responsibility,
             {"responsible_member_state", "criterion", "legal_basis", "procedure", "requested_member_state",
              "considered", "deadlines", "flags", "not_assessed", "regime", "policy_version", "decision_date",
              "member_state"});
  s["FamilyDecision"] = Closed(
      "The family procedure (AMMR Art. 28) and each member's decision with the family's Member State applied",
      {{"family_procedure", {{"type", "boolean"}, {"description", "Whether the criteria would have separated them"}}},
       {"responsible_member_state", Nullable(Text("The family's Member State; null if none can be designated"))},
       {"legal_basis", Text("Art. 28(a) or (b)")},
       {"reason", Text("One plain sentence")},
       {"designations",
        ArrayOf(Closed("What the criteria designate for one member alone",
                       {{"member", {{"type", "integer"}, {"description", "The member's index in members"}}},
                        {"member_state", Nullable(Text("null if the case does not reach the criteria"))},
                        {"criterion", Text("The criterion")}},
                       {"member", "member_state", "criterion"}),
                "One per member")},
       {"flags", ArrayOf(Ref("Flag"), "What the caseworker should know")},
       {"members", ArrayOf(Ref("ResponsibilityDecision"), "Each member's decision, in the request's order")}},
      {"family_procedure", "responsible_member_state", "legal_basis", "reason", "designations", "flags", "members"});
  s["ReturnBorderDecision"] = DecisionAnswer(
      "The return border procedure (Regulation (EU) 2024/1349): docs/rules.md",
      {{"return_border_procedure",
        Codes({"applies", "not_applicable", "not_yet"}, "not_yet: the person still has a right to remain, or is authorised to")},
       {"right_to_remain_ended_on", Nullable(Day("The day the right to remain ended (APR Arts. 10, 68)"))},
       {"voluntary_departure",
        Codes({"excluded", "granted_on_request", "on_request_only", "not_applicable"}, "Art. 4(5)")},
       {"detention", Codes({"may_continue", "may_be_imposed", "no_ground", "not_yet", "not_applicable"}, "Art. 5")}},
      {"return_border_procedure", "right_to_remain_ended_on", "voluntary_departure", "detention"});
  s["ReceptionDecision"] = DecisionAnswer(
      "Reception conditions' time limits (Directive (EU) 2024/1346): docs/rules.md",
      {{"labour_market_access", Codes({"due", "granted", "not_due_decision_taken", "not_due_applicant_delay",
                                       "excluded_accelerated", "not_yet_registered"},
                                      "Art. 17")},
       {"detention_review", Codes({"not_applicable", "judicial_order", "pending", "concluded", "released",
                                   "release_required"},
                                  "Art. 11(3)")},
       {"material_reception_conditions",
        Codes({"entitled", "not_entitled_here", "reduced", "withdrawn", "measure_not_permitted"}, "Arts. 21, 23")},
       {"movement_restriction", Codes({"none", "in_force", "ended"},
                                      "Art. 9: residence in a specific place or reporting duties")}},
      {"labour_market_access", "detention_review", "material_reception_conditions", "movement_restriction"});
  s["ProtectionDocumentsDecision"] = DecisionAnswer(
      "A beneficiary's residence permit and travel documents (Regulation (EU) 2024/1347): docs/rules.md",
      {{"residence_permit", Codes({"issued", "due", "overdue"}, "Arts. 20(3), 24")},
       {"travel_document",
        Codes({"issued", "due", "not_due_passport_obtainable", "withheld_compelling_reasons"}, "Art. 25")},
       {"status_revocation", Codes({"not_examined", "revoke", "no_ground"}, "Arts. 14, 19")},
       {"family_permits",
        ArrayOf(Codes({"due", "issued", "refused", "revoke", "member_state_option", "not_a_family_member",
                       "individually_entitled", "not_requested"},
                      "Art. 23"),
                "One per family member, in the case's order")}},
      {"residence_permit", "travel_document", "status_revocation", "family_permits"});
  s["AdmissionDecision"] = DecisionAnswer(
      "The resettlement and humanitarian admission procedure (Regulation (EU) 2024/1350, Art. 9): docs/rules.md",
      {{"procedure", Codes({"running", "concluded_positive", "concluded_negative", "discontinued"}, "Art. 9")},
       {"data_kept_until", Nullable(Day("The last day the personal data may be kept (Art. 9(12))"))}},
      {"procedure", "data_kept_until"});
  s["RelocationDecision"] = DecisionAnswer(
      "The relocation procedure (AMMR Arts. 67-68): docs/rules.md",
      {{"relocation", Codes({"awaiting_reply", "confirmed", "deemed_confirmed", "not_relocated_security_threat",
                             "transferred", "not_eligible"},
                            "Art. 67")},
       {"confirmed_on", Nullable(Day("The reply, or the end of its time limit for a silence"))}},
      {"relocation", "confirmed_on"});
  s["TemporaryProtectionDecision"] = DecisionAnswer(
      "Temporary protection for persons displaced from Ukraine (Directive 2001/55/EC; Council Implementing Decision "
      "(EU) 2022/382): docs/rules.md",
      {{"coverage", Codes({"covered", "member_state_choice", "member_state_option", "not_covered", "excluded", "ended"},
                          "Decision Art. 2; Directive Arts. 20, 28")},
       {"category", Nullable(Text("The paragraph of Decision Art. 2 that applies: 2(1)(a), 2(1)(b), 2(1)(c), 2(2), "
                                  "2(3); null if none"))},
       {"legal_basis", Text("The article the coverage rests on (for an exclusion, Directive Art. 28(1))")},
       {"protection_ends_on", Nullable(Day("The protection's last day as extended by the Council so far"))}},
      {"coverage", "category", "legal_basis", "protection_ends_on"});
  s["ReturnDecision"] = DecisionAnswer(
      "Return under Directive 2008/115/EC: docs/rules.md",
      {{"return_decision", Codes({"required", "go_to_other_member_state", "may_refrain", "directive_not_applied",
                                  "return_border_procedure_first", "barred_no_adequate_reception"},
                                 "Arts. 2(2)(a), 6, 10; CJEU C-441/19; Regulation (EU) 2024/1349")},
       {"voluntary_departure", Codes({"not_yet", "granted", "may_refuse", "required_not_granted", "complied",
                                      "expired", "not_applicable"},
                                     "Art. 7")},
       {"entry_ban", Codes({"mandatory", "optional", "not_yet", "excluded", "not_applicable"}, "Art. 11")},
       {"removal", Codes({"may_proceed", "postponed", "not_yet", "not_applicable"}, "Arts. 8-10")},
       {"detention_until", Nullable(Day("The latest day detention may last (Art. 15(5)-(6))"))}},
      {"return_decision", "voluntary_departure", "entry_ban", "removal", "detention_until"});
  return s;
}

// The answer of a transmission or comparison (registry::Registry::Enrol; docs/registry.md).
ojson RegistryAnswer() {
  const ojson limit = Closed("A time limit of the AMMR this hit starts (received today): by and legal_basis, or "
                             "not_computed where the AMMR does not govern it (before 1 July 2026, or an application "
                             "registered before then, Art. 84(2))",
                             {{"by", Day("The last day")},
                              {"legal_basis", Text("The article")},
                              {"not_computed", Text("Why no limit is given")},
                              {"to", Text("The Member State the request or notification goes to (alpha-3)")},
                              {"situation", Text("Take back only: the situation of AMMR Art. 36(1)")}},
                             {"to"});
  const ojson hit = Closed(
      "A stored dataset whose fingerprints match (Art. 27(4): every one is sent)",
      {{"record_id", Text("The stored record")},
       {"category", Text("Its category")},
       {"member_state", Text("The Member State of origin (alpha-3)")},
       {"event_date", Day("Its event date")},
       {"score", {{"type", "number"}, {"description", "The fused score, ~ -10 log10 FMR of one comparison"}}},
       {"search_score",
        {{"type", "number"}, {"description", "The score less the chances the search gave; a hit needs 40 (FPIR 0.01 %)"}}},
       {"fingers_matched", ArrayOf({{"type", "integer"}}, "Finger positions whose own score reached 40")},
       {"marked", {{"type", "boolean"}, {"description", "Marked under Art. 31 (Art. 27(4))"}}},
       {"status", {{"type", "object"}, {"description", "Its status data (docs/registry.md), when it has any"}}},
       {"responsibility",
        Closed("The AMMR time limits the hit starts, for an applicant's or illegal stayer's hit that serves the "
               "determination of the Member State responsible (such hits come first, Art. 27(5))",
               {{"take_charge_request", limit}, {"take_back_notification", limit}}, ojson::array())}},
      {"record_id", "category", "member_state", "event_date", "score", "search_score", "fingers_matched", "marked"});
  const ojson comparison = Closed(
      "Whether and against what the record was compared (Art. 27)",
      {{"compared", {{"type", "boolean"}}},
       {"reason", Text("Why it was not compared")},
       {"against", ArrayOf(Text("A category"), "The categories compared with")},
       {"own_data", {{"type", "boolean"}, {"description", "The Member State's own data too (Art. 27(3))"}}},
       {"records", {{"type", "integer"}, {"description", "Records eligible for the comparison"}}},
       {"threshold", {{"type", "number"}}},
       {"threshold_applies_to", Codes({"search_score"}, "The score the threshold is compared with")},
       {"preselected_share", {{"type", "number"}, {"description", "The share of records scored in full, when not all"}}},
       {"applicants", Text("A restriction on the applicants' data compared")}},
      ojson::array({"compared"}));
  return Closed(
      "The answer to a transmitted record (stored or only compared): docs/registry.md",
      {{"id", Nullable(Text("The stored record; null when not stored"))},
       {"stored", {{"type", "boolean"}}},
       {"category",
        Codes({"applicant", "resettlement_registered", "resettlement_admitted", "resettlement_refused",
               "national_resettlement", "irregular_crosser", "illegal_stayer", "sar_disembarked", "temporary_protection"},
              "The record's category")},
       {"erase_on", Nullable(Day("The day it is erased (Art. 29); null when not stored"))},
       {"transmitted_on", Day("The day of transmission (absent for a child under six)")},
       {"hits", ArrayOf(hit, "The matching datasets, best first, up to 100")},
       {"flags", ArrayOf(Codes({"UNDER_MINIMUM_AGE", "LATE_TRANSMISSION", "HITS_TO_VERIFY", "MORE_HITS_THAN_LISTED",
                                "FACE_NOT_COMPARED", "NOT_RECORDED", "MEMBER_STATE_PARTICIPATION_UNCERTAIN",
                                "HEALTH_MEASURES_DELAY", "TECHNICAL_PROBLEMS_EXTENSION", "SUDDEN_INFLUX_EXTENSION",
                                "RETRANSMISSION", "LATE_RETRANSMISSION"},
                               "docs/registry.md"),
                         "What the operator should know")},
       {"comparison", comparison},
       {"legal_basis", ArrayOf(Text("An article"), "The articles applied")},
       {"synthetic", {{"type", "boolean"}, {"description", "A synthetic record (test and demo data)"}}},
       {"retransmission",
        {{"type", "boolean"},
         {"description", "The fingerprints replaced those of the dataset stored under the same reference (Art. "
                         "38(1)); its id and retention are unchanged"}}}},
      {"id", "stored", "category", "erase_on", "hits", "flags", "legal_basis"});
}

// A stored record as the registry shows it (Registry::Show), and a data subject's access answer.
ojson RecordSchemas() {
  ojson s = ojson::object();
  const ojson mark = Nullable(Codes({"international_protection", "residence_document"}, "Art. 31(1) or 31(4)"));
  s["RegistryRecordView"] = Closed(
      "A stored record without its templates (their positions, formats and sizes only): docs/registry.md",
      {{"id", Text("The record")},
       {"category", Text("One of the nine categories")},
       {"member_state", Text("The Member State of origin (alpha-3)")},
       {"reference", Text("Its reference number")},
       {"event_date", Day("The event")},
       {"biometrics_taken_on", Day("When the biometric data were taken")},
       {"transmitted_on", Day("When they were transmitted")},
       {"erase_on", Day("When the record is erased (Art. 29)")},
       {"marked", {{"type", "boolean"}}},
       {"mark", mark},
       {"person", {{"type", "object"}, {"description", "The alphanumeric data (Art. 17 and the category's article)"}}},
       {"links", ArrayOf(Closed("A hit linking this record with another (Art. 3(6))",
                                {{"record_id", Text("The other record")},
                                 {"score", {{"type", "number"}}},
                                 {"hit_on", Day("When the hit was received")},
                                 {"verification", Codes({"pending", "confirmed", "rejected"}, "Art. 38(4)-(6)")}},
                                {"record_id", "score", "hit_on", "verification"}),
                         "Its comparison's hits (and, for the central operator, the records whose comparison hit it)")},
       {"status", {{"type", "object"}, {"description", "Its status data (docs/registry.md), each with its article"}}},
       {"fingerprints", ArrayOf(Closed("A stored template, described",
                                       {{"position", {{"type", "integer"}}},
                                        {"format", Codes({"iso19794-2", "ansi378"}, "")},
                                        {"bytes", {{"type", "integer"}}},
                                        {"minutiae", Nullable({{"type", "integer"}, {"description", "null if unreadable"}})}},
                                       {"position", "format", "bytes", "minutiae"}),
                                "Its fingerprints")},
       {"face", Nullable(Closed("A facial template, stored and not compared (Arts. 57(4), 63(5))",
                                {{"dimension", {{"type", "integer"}}}}, ojson::array({"dimension"})))},
       {"synthetic", {{"type", "boolean"}}},
       {"created_at", Text("When it was stored (UTC)")}},
      {"id", "category", "member_state", "reference", "event_date", "biometrics_taken_on", "transmitted_on",
       "erase_on", "marked", "mark", "person", "links", "status", "fingerprints", "face", "created_at"});
  s["SubjectAccessAnswer"] = Closed(
      "A data subject's access request answered (Art. 43): every dataset found, to verify before disclosure",
      {{"id", Text("The recorded request (Art. 43(8))")},
       {"member_state", Text("The Member State the person asked")},
       {"received_on", Day("When the request was received")},
       {"channel", Codes({"in_person", "written", "electronic", "representative"}, "How it was made")},
       {"records_compared", {{"type", "integer"}}},
       {"datasets",
        ArrayOf(Closed("A dataset on the person",
                       {{"record_id", Text("The record")},
                        {"transmitted_by", Text("The Member State that transmitted it (Art. 43(2))")},
                        {"reference", Text("Its reference number")},
                        {"category", Text("Its category")},
                        {"event_date", Day("")},
                        {"biometrics_taken_on", Day("")},
                        {"transmitted_on", Day("")},
                        {"erase_on", Day("")},
                        {"mark", mark},
                        {"person", {{"type", "object"}}},
                        {"status", {{"type", "object"}}},
                        {"score", {{"type", "number"}}},
                        {"search_score", {{"type", "number"}}}},
                       {"record_id", "transmitted_by", "reference", "category", "event_date", "biometrics_taken_on",
                        "transmitted_on", "erase_on", "mark", "person", "status", "score", "search_score"}),
                "The datasets found")},
       {"flags", ArrayOf(Codes({"VERIFY_BEFORE_DISCLOSURE", "SECURITY_FLAG_RESTRICTION_POSSIBLE"}, "Art. 43(2)-(3)"),
                         "What to do before disclosure")},
       {"notes", ArrayOf(Text("A note"), "")},
       {"legal_basis", ArrayOf(Text("An article"), "")},
       {"synthetic", {{"type", "boolean"}}}},
      {"id", "member_state", "received_on", "channel", "records_compared", "datasets", "flags", "notes",
       "legal_basis"});
  return s;
}

// Law-enforcement requests (registry/law_enforcement.cc, Eurodac Chapter XI): what submitting,
// forwarding and verifying answer, a stored request with its result, the verifying authority's queue.
ojson LawEnforcementSchemas() {
  ojson s = ojson::object();
  const ojson statuses = Codes({"pending", "compared_pending_verification", "compared", "refused",
                                "unjustified_result_erased"},
                               "pending: awaits the verifying authority; compared_pending_verification: urgent, compared "
                               "and checked afterwards (Art. 32(4)); unjustified_result_erased: Art. 32(5)");
  const ojson articles = ArrayOf(Text("An article"), "The articles");
  const ojson hit = Closed(
      "A stored dataset the comparison hit (Art. 32(2)); to be verified (Art. 38(4))",
      {{"record_id", Text("The record")},
       {"member_state", Text("Its Member State of origin")},
       {"reference", Text("Its reference number")},
       {"category", Text("Its category")},
       {"event_date", Day("Its event")},
       {"score", {{"type", "number"}}},
       {"search_score", {{"type", "number"}, {"description", "What the threshold applies to"}}},
       {"fingers_matched", ArrayOf({{"type", "integer"}}, "The finger positions that matched (ISO/IEC 19794-2)")},
       {"matched_on", ArrayOf(Text("A field"), "An alphanumeric hit: the fields that matched (Art. 33(3))")},
       {"marked", {{"type", "boolean"}}},
       {"minor_under_14", {{"type", "boolean"}, {"description", "Art. 14(3)"}}}},
      {"record_id", "member_state", "reference", "category", "event_date", "marked"});
  const ojson result = Closed(
      "The result for the designated authority (Art. 32(2))",
      {{"compared_at", Text("When (UTC)")},
       {"records_compared", {{"type", "integer"}}},
       {"hits", ArrayOf(hit, "The hits")},
       {"flags", ArrayOf(Codes({"HITS_TO_VERIFY", "MEMBER_STATE_AUTHORISATION_REQUIRED", "MINOR_UNDER_14"}, ""), "")},
       {"legal_basis", articles},
       {"compared_with", Codes({"fingerprints", "alphanumeric data"}, "Art. 33(3)")},
       {"threshold", {{"type", "number"}}},
       {"threshold_applies_to", Text("")},
       {"preselected_share", {{"type", "number"}}},
       {"identification", Text("An alphanumeric hit is not an identification")},
       {"authorisation", Text("Europol: the Member State of origin's authorisation (Art. 34(4))")},
       {"note", Text("")}},
      {"compared_at", "records_compared", "hits", "flags", "legal_basis", "compared_with"});
  s["LawEnforcementResult"] = result;
  const ojson verification = {
      {"type", "object"},
      {"description", "The verifying authority's decision: conditions_met, reasons, ex_post (Art. 51(2)(f)), "
                      "forwarded_urgently (Art. 32(4))"}};
  s["LawEnforcementSubmitted"] = Closed(
      "A reasoned request stored, pending the verifying authority's check (Arts. 32(1), 33(1))",
      {{"id", Text("The request")},
       {"status", statuses},
       {"member_state", Text("")},
       {"reference", Text("")},
       {"submitted_at", Text("When (UTC)")},
       {"next", Text("What happens next")},
       {"legal_basis", articles}},
      {"id", "status", "member_state", "reference", "submitted_at", "next", "legal_basis"});
  s["LawEnforcementView"] = Closed(
      "A request as Art. 51(2) documents it, with its result for the designated authority (null once erased, Art. "
      "32(5), or before the comparison)",
      {{"id", Text("The request")},
       {"status", statuses},
       {"request", {{"type", "object"}, {"description", "The reasoned request, the data used as digests"}}},
       {"submitted_by", Text("")},
       {"submitted_at", Text("")},
       {"compared_at", Nullable(Text(""))},
       {"verified_by", Nullable(Text(""))},
       {"verified_at", Nullable(Text(""))},
       {"verification", Nullable(verification)},
       {"result", Nullable(result)},  // inline: OpenAPI 3.0 ignores nullable beside a $ref
       {"erase", Text("Art. 32(5): the result was erased; erase every copy of it")}},
      {"id", "status", "request", "submitted_by", "submitted_at", "compared_at", "verified_by", "verified_at",
       "verification", "result"});
  s["LawEnforcementQueue"] = Closed(
      "The verifying authority's queue, oldest first, without results",
      {{"count", {{"type", "integer"}}},
       {"more", {{"type", "boolean"}}},
       {"next", Nullable(Text("The last request listed: ?after= for the next page"))},
       {"requests", ArrayOf(Closed("A request",
                                   {{"id", Text("")},
                                    {"status", statuses},
                                    {"request", {{"type", "object"}}},
                                    {"submitted_at", Text("")},
                                    {"compared_at", Nullable(Text(""))},
                                    {"verified_at", Nullable(Text(""))}},
                                   {"id", "status", "request", "submitted_at", "compared_at", "verified_at"}),
                            "")}},
      {"count", "more", "next", "requests"});
  s["LawEnforcementVerified"] = Closed(
      "The verifying authority's decision recorded (Arts. 6(2), 32)",
      {{"id", Text("The request")},
       {"hits", {{"type", "integer"}, {"description", "How many: the result goes to the designated authority"}}},
       {"erase", Text("Art. 32(5): who erases the result")},
       {"legal_basis", articles},
       {"status", statuses},
       {"verification", verification},
       {"verified_at", Text("When (UTC)")}},
      {"id", "legal_basis", "status", "verification", "verified_at"});
  s["LawEnforcementForwarded"] = Closed(
      "An urgent request forwarded at once and compared, to be checked afterwards (Art. 32(4))",
      {{"id", Text("The request")},
       {"status", statuses},
       {"hits", {{"type", "integer"}}},
       {"next", Text("")},
       {"legal_basis", articles}},
      {"id", "status", "hits", "next", "legal_basis"});
  return s;
}

// The planning reports (solidarity/, stats/): published figures, each missing one null and listed.
ojson PlanningSchemas() {
  ojson s = ojson::object();
  const ojson number = {{"type", "number"}};
  const ojson maybe = Nullable({{"type", "number"}, {"description", "null when the figure is missing"}});
  const ojson texts = ArrayOf(Text(""), "");
  const ojson missing = ArrayOf(Text("An input the report lacked"), "What was not available");
  const ojson notes = ArrayOf(Text("A choice the report made"), "");
  const ojson findings = ArrayOf(
      Closed("A finding and its legal basis", {{"legal_basis", Text("")}, {"finding", Text("")}}, {"legal_basis", "finding"}),
      "");
  s["SolidarityReport"] = Closed(
      "Fair shares of the year's solidarity pool (Regulation (EU) 2024/1351, Arts. 12, 57, 62, 63, 66)",
      {{"year", {{"type", "integer"}}},
       {"pool", Closed("The annual solidarity pool",
                       {{"act", Text("")}, {"relocations", maybe}, {"financial_eur", maybe}, {"source", Text("")},
                        {"legal_basis", Text("")}},
                       {"act", "relocations", "financial_eur", "source", "legal_basis"})},
       {"eur_per_relocation", number},
       {"reference_key", Closed("Annex I's key", {{"formula", Text("")}, {"population_series", Text("")},
                                                  {"gdp_series", Text("")}},
                                {"formula", "population_series", "gdp_series"})},
       {"pressure_decision", Text("The Commission's decision on migratory pressure")},
       {"member_states",
        ArrayOf(Closed("A Member State's fair share",
                       {{"code", Text("alpha-3")},
                        {"name", Text("")},
                        {"takes_part", {{"type", "boolean"}}},
                        {"participation_status", Text("")},
                        {"population", maybe},
                        {"gdp", maybe},
                        {"population_share_pct", number},
                        {"gdp_share_pct", number},
                        {"fair_share_pct", number},
                        {"fair_share_relocations", number},
                        {"fair_share_eur", number},
                        {"role", Text("beneficiary, contributor, ...")},
                        {"pressure", Nullable(Text("The migratory situation the Commission found"))},
                        {"crisis_deduction",
                         Closed("Regulation (EU) 2024/1359, Art. 9(4)(a): applications taken above the fair share in "
                                "a crisis, deducted from this cycle's fair share as authorised (Art. 9(5)); the pledge's "
                                "percentage and the offset caps are taken against the fair share after it",
                                {{"applications", number},
                                 {"authorised_by", Text("The Commission implementing act")},
                                 {"legal_basis", Text("")},
                                 {"fair_share_relocations_after", maybe},
                                 {"fair_share_eur_after", maybe},
                                 {"left_for_later_cycles", maybe}},
                                {"applications", "authorised_by", "legal_basis", "fair_share_relocations_after",
                                 "fair_share_eur_after", "left_for_later_cycles"})},
                        {"pledge", Closed("What it pledged", {{"relocations", number}, {"financial_eur", number},
                                                              {"alternative_eur", number},
                                                              {"pct_of_fair_share", maybe},
                                                              {"relocations_accepted", maybe},
                                                              {"relocations_reduced", maybe},
                                                              {"unexecuted_relocations", maybe},
                                                              {"may_offer_offsets",
                                                               NullableBoolean("Art. 63(2): it may offer to take "
                                                                               "responsibility instead of relocations; "
                                                                               "null when it cannot be told")},
                                                              {"offset_cap_relocations_only", maybe},
                                                              {"offset_cap_all_pledges", maybe}},
                                          {"relocations", "financial_eur", "alternative_eur", "pct_of_fair_share",
                                           "relocations_accepted", "relocations_reduced", "unexecuted_relocations",
                                           "may_offer_offsets",
                                           "offset_cap_relocations_only", "offset_cap_all_pledges"})}},
                       {"code", "name", "takes_part", "participation_status", "population", "gdp", "population_share_pct",
                        "gdp_share_pct", "fair_share_pct", "fair_share_relocations", "fair_share_eur", "role",
                        "pressure"}),
                "")},
       {"offsets", Text("Whether Art. 63's offsets are triggered, and why")},
       {"voluntary_offsets", Text("Art. 63(1)-(2): whether relocation pledges reach half the relocations of the "
                                  "Commission's proposal, so that offsets may replace relocations")},
       {"pledged_relocations_total", number},
       {"offsets_due", {{"type", "number"}, {"description", "When Art. 63(3) is triggered: the higher of its two "
                                                          "numbers less the pledged relocations"}}},
       {"year_end_offsets", Text("Art. 63(5): who takes responsibility on request for pledged relocations not carried "
                                 "out or accepted, when acceptances are given")},
       {"missing_inputs", missing},
       {"notes", notes}},
      {"year", "pool", "eur_per_relocation", "reference_key", "pressure_decision", "member_states", "offsets",
       "voluntary_offsets", "missing_inputs", "notes"});
  const ojson whole = {{"type", "integer"}};
  const ojson maybe_whole = Nullable({{"type", "integer"}, {"description", "null when not computed"}});
  // Deductions of Crisis Reg. Art. 9(4), as the Commission authorised them (Art. 9(5)).
  const auto crisis_deductions = [](const std::string& description) -> ojson {
    return {{"type", "object"},
            {"description", description},
            {"additionalProperties",
             Closed("Applications taken above the fair share in a crisis, deducted as the Commission authorised "
                    "(Art. 9(5))",
                    {{"applications", {{"type", "integer"}, {"minimum", 1}}},
                     {"authorised_by", {{"type", "string"},
                                        {"minLength", 1},
                                        {"maxLength", 300},
                                        {"description", "The Commission implementing act, one line"}}}},
                    {"applications", "authorised_by"})}};
  };
  s["SolidarityRequest"] = Closed(
      "The solidarity report's options, with pledges (Regulation (EU) 2024/1351, Arts. 57, 63)",
      {{"year", {{"type", "integer"}, {"description", "The pool's year (default 2026)"}}},
       {"eur_per_relocation", {{"type", "number"}, {"description", "Default 20000"}}},
       {"pledges", {{"type", "object"},
                    {"description", "alpha-3 code -> the State's pledge"},
                    {"additionalProperties",
                     Closed("A pledge (the annex of the Council implementing act)",
                            {{"relocations", {{"type", "integer"}}},
                             {"financial_eur", number},
                             {"alternative_eur", number},
                             {"relocations_accepted", {{"type", "integer"}, {"description", "Carried out or accepted "
                                                                                           "under Art. 67(9) by the "
                                                                                           "year's end (Art. 63(5))"}}},
                             {"relocations_reduced", {{"type", "integer"},
                                                      {"description", "Pledged relocations it need not implement after "
                                                                      "a reduction granted under Art. 61 or 62 (Art. "
                                                                      "63(4)); at most its pledged relocations"}}}},
                            ojson::array())}}},
       {"crisis_deductions", crisis_deductions("Regulation (EU) 2024/1359, Art. 9(4)(a): alpha-3 code -> "
                                               "applications deducted from the fair share in this annual cycle")}},
      ojson::array());
  s["OffsetRequest"] = Closed(
      "A beneficiary's request for offsets instead of relocations (Regulation (EU) 2024/1351, Arts. 63(1)-(2), 69)",
      {{"year", {{"type", "integer"}, {"description", "The pool's year (default 2026)"}}},
       {"requesting", Text("The beneficiary asking (alpha-3)")},
       {"requested", Text("The contributor asked (alpha-3)")},
       {"applications", {{"type", "integer"}, {"minimum", 1}, {"description", "Applications asked for"}}},
       {"received_on", Day("The day the contributor received the request (Art. 69(2))")},
       {"pledges", {{"type", "object"}, {"description", "The pool's pledges, as in SolidarityRequest"}}},
       {"offered", {{"type", "boolean"}, {"description", "The contributor said it was willing (Art. 63(2))"}}}},
      {"requesting", "requested", "applications"});
  const ojson state_role = Closed("A Member State and its role in the pool",
                                  {{"code", Text("alpha-3")}, {"name", Text("")}, {"role", Text("beneficiary, contributor, ...")}},
                                  {"code", "name", "role"});
  s["OffsetRequestReport"] = Closed(
      "Whether a request for offsets instead of relocations may be made, and by when it is answered",
      {{"year", {{"type", "integer"}}},
       {"legal_basis", Text("")},
       {"requesting", state_role},
       {"requested", state_role},
       {"applications", {{"type", "integer"}}},
       {"allowed", Codes({"yes", "no", "undetermined"}, "Whether the request may be made, on the inputs given")},
       {"threshold_reached", NullableBoolean("Art. 63(1): the relocation pledges reach half the proposal")},
       {"requested_may_offer", NullableBoolean("Art. 63(2): the contributor may offer offsets")},
       {"requested_offset_cap", Nullable({{"type", "number"}, {"description", "Art. 63(7): its fair share less its "
                                                                              "pledged relocations"}})},
       {"received_on", Nullable(Day(""))},
       {"reply_due", Nullable(Day("Art. 69(2): 30 days from receipt, counted under Art. 75"))},
       {"findings", findings},
       {"missing_inputs", missing},
       {"notes", notes}},
      {"year", "legal_basis", "requesting", "requested", "applications", "allowed", "threshold_reached",
       "requested_may_offer", "requested_offset_cap", "received_on", "reply_due", "findings", "missing_inputs",
       "notes"});
  s["CrisisOffsetRequest"] = Closed(
      "A crisis's relocation needs and commitments (Regulation (EU) 2024/1359, Arts. 4(5)(b) and 9)",
      {{"member_state", Text("The Member State facing the crisis (alpha-3)")},
       {"year", {{"type", "integer"}, {"description", "Year of the reference key's inputs (default 2026)"}}},
       {"relocation_needs", {{"type", "integer"}, {"description", "Art. 4(5)(b)(i)"}}},
       {"financial_needs_eur", {{"type", "number"}, {"description", "Art. 4(5)(b)(ii): financial contributions and "
                                                                   "alternative measures, in euro"}}},
       {"relocations_committed", {{"type", "integer"}, {"description", "In all: from the annual pool and additional "
                                                                      "(Art. 4(5)(b)(iii)-(iv)); or commitments"}}},
       {"commitments", {{"type", "object"},
                        {"additionalProperties", {{"type", "integer"}}},
                        {"description", "Relocations committed per contributing Member State (alpha-3 -> number)"}}},
       {"eligible_applications", {{"type", "integer"}, {"description", "Applications the State in crisis is "
                                                                      "responsible for that meet AMMR Art. 63(8)"}}},
       {"other_beneficiaries_uncovered",
        {{"type", "integer"},
         {"description", "Solidarity needs of other benefitting Member States (AMMR Arts. 58-59) the annual pool can no "
                         "longer meet because the State in crisis draws on it (Art. 9(6))"}}},
       {"temporary_protection_article_11_disapplied",
        {{"type", "boolean"}, {"description", "Directive 2001/55/EC activated for the same situation, its Art. 11 not "
                                              "applied (Art. 9(1), second subparagraph)"}}},
       {"article_13_authorised", {{"type", "boolean"}, {"description", "The Council decision authorises Art. 13"}}},
       {"not_contributing", ArrayOf(Text("alpha-3"), "Member States the Council decision exempts")},
       {"decision_ends", Day("When the Council decision ceased to be in force (Art. 9(4)(b))")},
       {"crisis_deductions", crisis_deductions("Art. 9(4)(b): alpha-3 code -> applications a contributor took above "
                                               "its fair share under an earlier decision, deducted from its fair "
                                               "share of this one")}},
      {"member_state"});
  s["CrisisOffsetReport"] = Closed(
      "Responsibility offsets in a crisis (Regulation (EU) 2024/1359, Art. 9); the split among contributors is "
      "indicative",
      {{"year", whole},
       {"member_state", Text("alpha-3")},
       {"member_state_name", Text("")},
       {"legal_basis", Text("")},
       {"status", Codes({"not_computable", "not_triggered", "triggered", "not_applicable_temporary_protection",
                         "not_applicable_article_13"},
                        "Art. 9(1)")},
       {"relocation_needs", maybe_whole},
       {"financial_needs_eur", Nullable({{"type", "number"}, {"description", "As given"}})},
       {"relocations_committed", maybe_whole},
       {"shortfall", maybe_whole},
       {"eligible_applications", maybe_whole},
       {"offsets", maybe_whole},
       {"uncovered", maybe_whole},
       {"forum", Codes({"required", "not_required", "undetermined"}, "Art. 9(2): the High-Level Solidarity Forum")},
       {"other_beneficiaries_uncovered", maybe_whole},
       {"forum_reconvened", Codes({"required", "not_required", "undetermined"},
                                  "Art. 9(6): the High-Level Forum reconvened for the other benefitting Member States")},
       {"reduction_request_until", Nullable(Day("Art. 9(4)(b)"))},
       {"allocation", Text("How the indicative split was made, or why there is none")},
       {"contributors",
        ArrayOf(Closed("A contributing Member State",
                       {{"code", Text("alpha-3")},
                        {"name", Text("")},
                        {"fair_share_pct", number},
                        {"fair_share", number},
                        {"fair_share_eur", Nullable({{"type", "number"}, {"description", "Of the financial needs"}})},
                        {"committed", maybe_whole},
                        {"offsets", maybe_whole},
                        {"above_fair_share", maybe_whole},
                        {"crisis_deduction",
                         Closed("Art. 9(4)(b): the deduction given, fair_share being what is left after it",
                                {{"applications", number},
                                 {"authorised_by", Text("The Commission implementing act (Art. 9(5))")},
                                 {"legal_basis", Text("")},
                                 {"fair_share_before", number},
                                 {"left", number}},
                                {"applications", "authorised_by", "legal_basis", "fair_share_before", "left"})}},
                       {"code", "name", "fair_share_pct", "fair_share", "fair_share_eur", "committed", "offsets",
                        "above_fair_share"}),
                "")},
       {"findings", findings},
       {"missing_inputs", missing},
       {"notes", notes}},
      {"year", "member_state", "member_state_name", "legal_basis", "status", "relocation_needs", "financial_needs_eur",
       "relocations_committed",
       "shortfall", "eligible_applications", "offsets", "uncovered", "forum", "other_beneficiaries_uncovered",
       "forum_reconvened", "reduction_request_until", "allocation", "contributors", "findings", "missing_inputs", "notes"});
  s["CapacityReport"] = Closed(
      "Adequate capacity and annual maximum of the border procedure (Regulation (EU) 2024/1348, Arts. 46-47)",
      {{"at", Day("")},
       {"union_adequate_capacity", number},
       {"annual_maximum_multiplier", {{"type", "integer"}}},
       {"legal_basis", Text("")},
       {"member_states",
        ArrayOf(Closed("A Member State",
                       {{"code", Text("alpha-3")},
                        {"name", Text("")},
                        {"published_adequate_capacity", maybe},
                        {"published_first_year_maximum", maybe},
                        {"annual_maximum_at_date", maybe},
                        {"computed_adequate_capacity", maybe},
                        {"difference", maybe},
                        {"refusals_of_entry_2021_2023", maybe},
                        {"check", Text("")},
                        {"source", Text("")},
                        {"missing_inputs", missing}},
                       {"code", "name", "published_adequate_capacity", "published_first_year_maximum",
                        "annual_maximum_at_date", "computed_adequate_capacity", "difference",
                        "refusals_of_entry_2021_2023", "check", "source", "missing_inputs"}),
                "")},
       {"implementing_acts",
        Closed("The implementing acts setting the adequate capacity (Art. 47(5)): the one due on or before the day, "
               "and the next",
               {{"legal_basis", Text("")},
                {"act_due", Closed("The latest act due by the day",
                                   {{"adopted_on", Day("Its adoption (the first, 12 August 2024; then 15 October "
                                                       "every three years)")},
                                    {"capacity_in_place_by", Day("The last day for its capacity to be in place")},
                                    {"first", Boolean("Whether it is the first act (Implementing Decision (EU) "
                                                      "2024/2150, in the reference data)")}},
                                   {"adopted_on", "capacity_in_place_by", "first"})},
                {"next_act_due", Closed("The next act",
                                        {{"adopted_on", Day("")}, {"capacity_in_place_by", Day("")}},
                                        {"adopted_on", "capacity_in_place_by"})}},
               {"legal_basis", "act_due", "next_act_due"})},
       {"missing_inputs", missing},
       {"notes", notes}},
      {"at", "union_adequate_capacity", "annual_maximum_multiplier", "legal_basis", "member_states",
       "implementing_acts", "missing_inputs", "notes"});
  const ojson route = Closed(
      "A route's detections over the period",
      {{"route", Text("")},
       {"total", number},
       {"share_pct", number},
       {"same_period_last_year", maybe},
       {"year_on_year_pct", maybe},
       {"previous_period", maybe},
       {"period_on_period_pct", maybe},
       {"trend_per_month", number},
       {"change_point", Nullable(Text("The month the level changed (YYYY-MM), if it did"))},
       {"change_statistic", number},
       {"monthly", ArrayOf(number, "One value per month of the period")},
       {"mean_before", number},
       {"mean_after", number}},
      {"route", "total", "share_pct", "same_period_last_year", "year_on_year_pct", "previous_period",
       "period_on_period_pct", "trend_per_month", "change_point", "change_statistic", "monthly"});
  s["RoutesReport"] = Closed("Irregular border crossings by route (Frontex)",
                             {{"from", Text("YYYY-MM")},
                              {"to", Text("YYYY-MM")},
                              {"months", texts},
                              {"source", Text("")},
                              {"routes", ArrayOf(route, "")},
                              {"total", route},
                              {"missing_inputs", missing},
                              {"notes", notes}},
                             {"from", "to", "months", "source", "routes", "total", "missing_inputs", "notes"});
  const ojson rate = Closed("A nationality's Union-wide recognition rate",
                            {{"nationality", Text("alpha-3")},
                             {"name", Text("")},
                             {"year", {{"type", "integer"}}},
                             {"scope", Text("")},
                             {"rate_pct", maybe},
                             {"upper_bound_pct", maybe},
                             {"source", Text("")}},
                            {"nationality", "name", "year", "scope", "rate_pct", "upper_bound_pct", "source"});
  s["LowRecognitionReport"] = Closed(
      "Nationalities at or below the 20 % of Regulation (EU) 2024/1348, Art. 42(1)(j)",
      {{"year", {{"type", "integer"}}},
       {"threshold_pct", number},
       {"legal_basis", Text("")},
       {"definition", Text("")},
       {"at_or_below", ArrayOf(rate, "")},
       {"above", ArrayOf(rate, "")},
       {"missing_inputs", missing}},
      {"year", "threshold_pct", "legal_basis", "definition", "at_or_below", "above", "missing_inputs"});
  const ojson figure = Closed(
      "A published figure, with the point of AMMR Art. 9(3)(a) it informs",
      {{"point", Text("The point (i, ii, ... xvii); empty for context")},
       {"period", Text("A year, a half-year or a day, as published")},
       {"scope", Text("EU27, EU+ or a Member State's Eurostat code")},
       {"metric", Text("")},
       {"value", maybe},
       {"unit", Text("")},
       {"status", Text("")},
       {"source", Text("Source ID (data/reference/SOURCES.md)")},
       {"note", Text("")}},
      {"point", "period", "scope", "metric", "value", "unit", "status", "source", "note"});
  const ojson yes_no = {{"type", "boolean"}};
  s["IndicatorsReport"] = Closed(
      "The situation picture of the annual report (Regulation (EU) 2024/1351, Art. 9(3)(a)) on published figures",
      {{"year", {{"type", "integer"}}},
       {"legal_basis", Text("")},
       {"years_available", ArrayOf({{"type", "integer"}}, "The years the applicant figures cover")},
       {"applicants_published", maybe},
       {"applicants_member_states", number},
       {"irregular_crossings", maybe},
       {"recognition_threshold_pct", number},
       {"member_states",
        ArrayOf(Closed("A Member State or a State associated by agreement",
                       {{"code", Text("alpha-3")},
                        {"name", Text("")},
                        {"member_state", yes_no},
                        {"applicants", maybe},
                        {"applicants_previous_year", maybe},
                        {"change_pct", maybe},
                        {"population", maybe},
                        {"per_1000_inhabitants", maybe},
                        {"share_pct", maybe},
                        {"key_share_pct", maybe},
                        {"expected_under_key", maybe},
                        {"relative_to_key", maybe},
                        {"refusals_of_entry", maybe},
                        {"temporary_protection", Nullable(figure)},
                        {"pressure", Text("The Commission's finding for the current cycle; empty for none")},
                        {"figures", ArrayOf(figure, "")}},
                       {"code", "name", "member_state", "applicants", "applicants_previous_year", "change_pct",
                        "population", "per_1000_inhabitants", "share_pct", "key_share_pct", "expected_under_key",
                        "relative_to_key", "refusals_of_entry", "temporary_protection", "pressure", "figures"}),
                "Most applicants first")},
       {"citizenships",
        ArrayOf(Closed("A citizenship of applicants in the EU27",
                       {{"code", Text("alpha-3")},
                        {"name", Text("")},
                        {"applicants", number},
                        {"applicants_previous_year", maybe},
                        {"change_pct", maybe},
                        {"share_pct", number},
                        {"recognition_rate_pct", maybe},
                        {"recognition_upper_bound_pct", maybe},
                        {"at_or_below_threshold", Nullable(yes_no)}},
                       {"code", "name", "applicants", "applicants_previous_year", "change_pct", "share_pct",
                        "recognition_rate_pct", "recognition_upper_bound_pct", "at_or_below_threshold"}),
                "Most applicants first")},
       {"union_figures", ArrayOf(figure, "")},
       {"missing_inputs", missing},
       {"notes", notes},
       {"sources", texts}},
      {"year", "legal_basis", "years_available", "applicants_published", "applicants_member_states",
       "irregular_crossings", "recognition_threshold_pct", "member_states", "citizenships", "union_figures",
       "missing_inputs", "notes", "sources"});
  return s;
}

// The administration routes' answers: the version, tokens, the audit log.
ojson AdministrationSchemas() {
  ojson s = ojson::object();
  ojson roles = ojson::array();
  for (auth::Role r : auth::AllRoles()) roles.push_back(std::string(auth::RoleName(r)));
  const ojson role = {{"type", "string"}, {"enum", roles}, {"description", "The role (docs/security.md)"}};
  s["VersionInfo"] = Closed("What answers", {{"name", Codes({"openpact"}, "")},
                                             {"version", Text("The binary's version")},
                                             {"store", Codes({"sqlite", "postgresql"}, "The store's backend")},
                                             {"schema_version", {{"type", "integer"}, {"description", "-1: unreadable"}}}},
                            {"name", "version", "store", "schema_version"});
  s["TokenList"] = Closed(
      "The API tokens (never their secrets)",
      {{"tokens", ArrayOf(Closed("A token",
                                 {{"id", {{"type", "integer"}}},
                                  {"name", Text("")},
                                  {"role", role},
                                  {"member_state", Nullable(Text("The Member State it acts for (null: any)"))},
                                  {"created_at", Text("")},
                                  {"created_by", Text("")},
                                  {"revoked", {{"type", "boolean"}}}},
                                 {"id", "name", "role", "member_state", "created_at", "created_by", "revoked"}),
                          "")}},
      {"tokens"});
  s["TokenCreated"] = Closed("A token created: its secret is shown once",
                             {{"id", {{"type", "integer"}}},
                              {"name", Text("")},
                              {"role", role},
                              {"member_state", Nullable(Text(""))},
                              {"token", Text("The secret (opk_...)")}},
                             {"id", "name", "role", "member_state", "token"});
  s["AuditEntries"] = Closed(
      "Audit log entries, in order",
      {{"entries", ArrayOf(Closed("An entry of the hash chain",
                                  {{"seq", {{"type", "integer"}}},
                                   {"at", Text("When (UTC)")},
                                   {"actor", Text("The token's name")},
                                   {"role", Text("")},
                                   {"action", Text("The right used (docs/security.md)")},
                                   {"object", Text("What it was used on")},
                                   {"purpose", Text("The stated purpose")},
                                   {"outcome", Text("What was done, or the error's code")},
                                   {"hash", Text("This entry's link in the chain")}},
                                  {"seq", "at", "actor", "role", "action", "object", "purpose", "outcome", "hash"}),
                           "")}},
      {"entries"});
  s["AuditVerification"] = Closed(
      "The audit chain and its signed checkpoints checked",
      {{"ok", {{"type", "boolean"}}},
       {"entries_checked", {{"type", "integer"}}},
       {"checkpoints_checked", {{"type", "integer"}}},
       {"first_bad_seq", {{"type", "integer"}, {"description", "Not ok: the first entry found wrong"}}},
       {"problem", Text("Not ok: what is wrong")},
       {"message", Text("Not ok: in words")}},
      {"ok", "entries_checked", "checkpoints_checked"});
  return s;
}

// What the registry's changes answer (registry/registry.cc): erasure, expiry, retention extended,
// status data, a hit's final identification, marks.
ojson RegistryChangeSchemas() {
  ojson s = ojson::object();
  const ojson member_states = ArrayOf(Text("A Member State (alpha-3)"), "The other Member States notified");
  const ojson articles = ArrayOf(Text("An article"), "The articles");
  s["RecordErased"] = Closed(
      "A record erased in advance (Arts. 30, 40(3))",
      {{"erased", Text("The record")},
       {"category", Text("")},
       {"member_state", Text("Its Member State of origin")},
       {"retention_would_have_ended", Day("When Art. 29 would have erased it")},
       {"legal_basis", Text("The article")},
       {"notified", member_states}},
      {"erased", "category", "member_state", "retention_would_have_ended", "legal_basis"});
  s["RecordsExpired"] = Closed(
      "The records whose retention ended, erased (Art. 29(10))",
      {{"erased", {{"type", "integer"}}},
       {"by_category", {{"type", "object"}, {"description", "How many of each category"}}},
       {"retention_ended_before", Day("")},
       {"legal_basis", Text("")}},
      {"erased", "by_category", "retention_ended_before", "legal_basis"});
  s["RetentionExtended"] = Closed(
      "Temporary-protection records kept a year longer at a time while the protection lasts (Art. 29(9))",
      {{"decision", Text("The Council implementing decision")},
       {"protection_until", Day("")},
       {"records_extended", {{"type", "integer"}}},
       {"records_unchanged", {{"type", "integer"}}},
       {"erase_on", {{"type", "object"}, {"description", "How many records are now erased on each day"}}},
       {"extension_basis", Text("What the extension rests on")},
       {"legal_basis", Text("")}},
      {"decision", "protection_until", "records_extended", "records_unchanged", "erase_on", "extension_basis",
       "legal_basis"});
  s["StatusRecorded"] = Closed(
      "Status data recorded (Arts. 16, 17(2), 22(3), 23(3), 24(3))",
      {{"id", Text("The record")},
       {"status", {{"type", "object"}, {"description", "The record's status data now"}}},
       {"legal_basis", {{"type", "object"}, {"description", "Each field given, with its article"}}},
       {"notified", member_states},
       {"relocation", {{"type", "object"}, {"description", "A relocated beneficiary marked and registered (Art. 31(6))"}}},
       {"note", Text("What the security flag is and is not")}},
      {"id", "status", "legal_basis"});
  s["HitVerified"] = Closed(
      "A hit's final identification (Art. 38(4)-(6))",
      {{"record_id", Text("The record")},
       {"hit", Text("The record it hit")},
       {"result", Codes({"confirmed", "rejected"}, "")},
       {"legal_basis", articles},
       {"erased", {{"type", "boolean"}, {"description", "Rejected: the hit and what it caused are erased"}}},
       {"inform_eu_lisa_by", Day("Rejected: eu-LISA is told by this day")},
       {"flags", ArrayOf(Codes({"EU_LISA_NOTICE_LATE"}, ""), "")},
       {"references", {{"type", "object"}, {"description", "Rejected: the two records' references, for eu-LISA"}}}},
      {"record_id", "hit", "result", "legal_basis"});
  s["PersonRectified"] = Closed(
      "A record's person data rectified or completed by its Member State of origin (Arts. 40(3), 43(4))",
      {{"id", Text("The record")},
       {"person", {{"type", "object"}, {"description", "The person data as now stored"}}},
       {"changed", ArrayOf(Text("A person field"), "The fields the rectification changed")},
       {"legal_basis", ArrayOf(Text("An article"), "")},
       {"note", Text("What the Member State still owes the person")}},
      {"id", "person", "changed", "legal_basis", "note"});
  s["PersonPatch"] = {
      {"type", "object"},
      {"description", "Person fields to rectify or complete (surnames, forenames, nationalities, date_of_birth, sex, "
                      "age_in_doubt); null removes one"}};
  s["RecordMarked"] = Closed(
      "A record marked (Art. 31(1), (4))",
      {{"marked", Text("The record")},
       {"mark", Codes({"international_protection", "residence_document"}, "")},
       {"legal_basis", Text("")},
       {"notified", member_states}},
      {"marked", "mark", "legal_basis", "notified"});
  const ojson counts = {{"type", "object"}, {"description", "A count per key"}};
  const ojson table = {{"type", "object"}, {"description", "A count per category, then per Member State"}};
  // A period's figures, a month's or a year's: the same members but for the period's own name.
  const auto StatsPeriod = [&](const char* name, const char* description, const char* format) {
    const ojson disaggregated = Closed(
        "Datasets of Art. 12(1)(i) of one category, Member State, year of birth and sex (Art. 12(2))",
        {{"category", Text("")},
         {"member_state", Text("alpha-3")},
         {"year_of_birth", Text("YYYY, or unknown")},
         {"sex", Text("M, F, X (unspecified) or unknown")},
         {"datasets", {{"type", "integer"}}}},
        {"category", "member_state", "year_of_birth", "sex", "datasets"});
    return Closed(description,
                  {{name, Text(format)},
                   {"datasets_transmitted", table},
                   {"datasets_by_year_of_birth_and_sex", ArrayOf(disaggregated, "")},
                   {"datasets_by_nationality",
                    ArrayOf(Closed("Datasets of Art. 12(1)(i) of one category, Member State and nationality (the first "
                                   "recorded; AMMR Art. 9(3)(a)(i), (xii))",
                                   {{"category", Text("")},
                                    {"member_state", Text("alpha-3")},
                                    {"nationality", Text("alpha-3 (XXA stateless), or unknown")},
                                    {"datasets", {{"type", "integer"}}}},
                                   {"category", "member_state", "nationality", "datasets"}),
                            "")},
                   {"applicants", {{"type", "integer"}}},
                   {"first_time_applicants", {{"type", "integer"}}},
                   {"minors", table},
                   {"resettlement_registered_transmissions", counts},
                   {"wrong_hits", counts},
                   {"retransmissions", counts},
                   {"hits_by_source_and_target_category", table},
                   {"hits_on_marked_records", {{"type", "integer"}}},
                   {"law_enforcement_requests", counts},
                   {"law_enforcement_hits", counts},
                   {"subject_access_requests", counts}},
                  {name, "datasets_transmitted", "datasets_by_year_of_birth_and_sex", "datasets_by_nationality", "applicants",
                   "first_time_applicants", "minors", "resettlement_registered_transmissions", "wrong_hits",
                   "retransmissions", "hits_by_source_and_target_category", "hits_on_marked_records",
                   "law_enforcement_requests", "law_enforcement_hits", "subject_access_requests"});
  };
  s["RegistryStats"] = Closed(
      "Counts only, no personal data (Art. 12)",
      {{"records", {{"type", "integer"}}},
       {"by_category", counts},
       {"by_member_state", counts},
       {"fingerprints", {{"type", "integer"}}},
       {"month", StatsPeriod("month", "A month's Art. 12 figures (Art. 12(1))", "YYYY-MM")},
       {"year", StatsPeriod("year", "A year's Art. 12 figures (Art. 12(2): the annual statistics)", "YYYY")},
       {"marks_now", counts},
       {"rejected_applicants_now", {{"type", "integer"}}},
       {"note", Text("")}},
      {"records", "by_category", "by_member_state", "fingerprints"});
  s["RecordUnmarked"] = Closed("A protection mark removed (Art. 31(3))",
                               {{"unmarked", Text("The record")}, {"legal_basis", Text("")}}, {"unmarked", "legal_basis"});
  return s;
}

// The notifications Eurodac sends the other Member States whose data a record hit (Arts. 16(4),
// 30(2), 31(1), (4); registry/registry.cc, Notify).
ojson NotificationSchemas() {
  ojson s = ojson::object();
  const ojson record = Closed("A record (for a report by eu-LISA, Art. 40(5): member_state eu-LISA, no record)",
                              {{"member_state", Text("")}, {"reference", Nullable(Text(""))}, {"category", Nullable(Text(""))}},
                              {"member_state", "reference", "category"});
  s["RegistryNotifications"] = Closed(
      "Notifications to the Member States, oldest first, a page at a time",
      {{"member_state", Nullable(Text("The recipient listed (null: every recipient)"))},
       {"acknowledged_included", {{"type", "boolean"}}},
       {"count", {{"type", "integer"}}},
       {"more", {{"type", "boolean"}}},
       {"next", Nullable(Text("The last notification listed: ?after= for the next page"))},
       {"notifications",
        ArrayOf(Closed("A notification",
                       {{"id", Text("The notification")},
                        {"recipient_member_state", Text("Who is told")},
                        {"created_at", Text("When (UTC)")},
                        {"event", Codes({"ms_responsible_recorded", "marked_international_protection",
                                         "marked_residence_document", "erased_citizenship_acquired",
                                         "inaccuracy_reported", "unlawful_recording_reported",
                                         "return_transfer_requested", "return_transfer_agreed",
                                         "return_transfer_refused"},
                                        "What happened to the record")},
                        {"note", Text("A report's evidence, as its author gave it (Art. 40(5))")},
                        {"legal_basis", Text("The article that asks for the notification")},
                        {"about", record},
                        {"ms_responsible", Text("The Member State responsible recorded (Art. 16(4))")},
                        {"your_record", Closed("The recipient's record that the record hit, or that hit it",
                                               {{"id", Text("")}, {"reference", Text("")}, {"category", Text("")}},
                                               {"id", "reference", "category"})},
                        {"follow_up", Nullable({{"type", "object"},
                                                {"description", "What the recipient does with its record, as the "
                                                                "article says (action, status or reason, legal_basis); "
                                                                "null where it asks nothing of that category"}})},
                        {"acknowledged_at", Nullable(Text(""))},
                        {"acknowledged_by", Nullable(Text(""))}},
                       {"id", "recipient_member_state", "created_at", "event", "legal_basis", "about", "your_record",
                        "follow_up", "acknowledged_at", "acknowledged_by"}),
                "The notifications")}},
      {"member_state", "acknowledged_included", "count", "more", "next", "notifications"});
  s["InaccuracyReported"] = Closed(
      "A report to the Member State of origin that its data are inaccurate or unlawfully recorded (Art. 40(5))",
      {{"reported", Text("The record reported")},
       {"to", Text("The Member State of origin, notified")},
       {"event", Codes({"inaccuracy_reported", "unlawful_recording_reported"}, "")},
       {"legal_basis", Text("")},
       {"note", Text("What follows")}},
      {"reported", "to", "event", "legal_basis", "note"});
  s["InaccuracyReport"] = Closed(
      "What the reporting Member State has evidence of",
      {{"reason", Codes({"inaccurate", "unlawfully_recorded"}, "Art. 40(5), first or second subparagraph")},
       {"note", Text("The evidence, at most 1,000 characters")}},
      {"reason"});
  s["ReturnTransferRequest"] = Closed(
      "A request to the Member State of origin to agree to a transfer for return (Art. 50(1), (3))",
      {{"third_country", Text("Alpha-3 code of the third country, outside the system")},
       {"purpose_confirmed", {{"type", "boolean"}, {"description", "Only to identify an illegally staying person and "
                                                                   "issue an identity or travel document for return "
                                                                   "(50(3)(a)); must be true"}}},
       {"person_informed", {{"type", "boolean"}, {"description", "The person was told their data may be shared with the "
                                                                 "third country (50(3)(b)); must be true"}}}},
      {"third_country", "purpose_confirmed", "person_informed"});
  s["ReturnTransferRequested"] = Closed(
      "A transfer request stored and the Member State of origin notified; nothing may be transferred before it agrees",
      {{"transfer", Text("The request")},
       {"record", Text("The record whose data would be transferred")},
       {"origin_member_state", Text("Who agrees or refuses")},
       {"third_country", Text("")},
       {"status", Codes({"requested"}, "")},
       {"flags", ArrayOf(Codes({"PROTECTION_MARK_NON_REFOULEMENT"}, "docs/registry.md"), "")},
       {"legal_basis", ArrayOf(Text("An article"), "")},
       {"note", Text("")}},
      {"transfer", "record", "origin_member_state", "third_country", "status", "flags", "legal_basis", "note"});
  s["ReturnTransferDecision"] = Closed(
      "The Member State of origin's answer", {{"decision", Codes({"agreed", "refused"}, "")},
                                              {"reason", Text("Why (required when refusing), at most 1,000 characters")}},
      {"decision"});
  s["ReturnTransferDecided"] = Closed(
      "The answer recorded and the requesting Member State notified",
      {{"transfer", Text("")},
       {"status", Codes({"agreed", "refused"}, "")},
       {"requesting_member_state", Text("")},
       {"third_country", Text("")},
       {"legal_basis", Text("")},
       {"reason", Text("")}},
      {"transfer", "status", "requesting_member_state", "third_country", "legal_basis"});
  s["NotificationAcknowledged"] = Closed(
      "A notification acknowledged, once", {{"acknowledged", Text("The notification")}, {"at", Text("When (UTC)")},
                                            {"by", Text("The token's name")}},
      {"acknowledged", "at", "by"});
  return s;
}

// What the two monitoring reports share: how long closed files took, counted from `start`, and the
// files drawn at random, listed under `key` as `file_schema`.
ojson DurationsSchema(const std::string& what, const std::string& start) {
  return Closed("How long closed " + what + " took, in days from " + start + " to the closing",
                {{"closed", {{"type", "integer"}}},
                 {"median_days", Nullable({{"type", "integer"}, {"description", "The lower middle one"}})},
                 {"longest_days", Nullable({{"type", "integer"}})}},
                {"closed", "median_days", "longest_days"});
}
// The members a monitoring report opens with: its scope (files whose `dated` lies in from..to, as of
// at) and how many files, open and closed, it covers (`count_key`).
ojson ReportHead(const std::string& dated, const std::string& count_key) {
  return {{"member_state", Text("The Member State (alpha-3)")},
          {"at", Day("The day the report is as of")},
          {"from", Nullable(Day("The first " + dated + " in scope"))},
          {"to", Nullable(Day("The last " + dated + " in scope"))},
          {"legal_basis", ArrayOf(Text("An article"), "The articles")},
          {count_key, {{"type", "integer"}}},
          {"open", {{"type", "integer"}}},
          {"closed", {{"type", "integer"}}}};
}
// `head` followed by `rest`, in order.
ojson Then(ojson head, const ojson& rest) {
  for (auto it = rest.begin(); it != rest.end(); ++it) head[it.key()] = it.value();
  return head;
}
ojson SampleSchema(const std::string& description, const std::string& key, const std::string& file_schema) {
  return Closed(description,
                {{"seed", Text("The draw's seed, a decimal number: the same seed draws the same files")},
                 {"size", {{"type", "integer"}}},
                 {key, ArrayOf(Ref(file_schema), "The files in full")}},
                {"seed", "size", key});
}

// A screening file (cases/screening_store.h) and the monitoring report on such files.

// One detention in the report's detention_review lists.
ojson DetentionReviewEntry() {
  return Closed("A detention",
                {{"id", Text("The file")},
                 {"detained_since", Day("When it began")},
                 {"reviewed_on", Nullable(Day("The first review concluded, if by the report's day"))},
                 {"released_on", Nullable(Day("The release, if by the report's day"))},
                 {"minor", {{"type", "boolean"}}},
                 {"limit", Day("The limit passed (15 or 21 days from the start)")}},
                {"id", "detained_since", "reviewed_on", "released_on", "minor", "limit"});
}

// Why the appeal stages recorded bar a removal on a day (APR Art. 68; a return border file on the
// work list).
ojson RemovalBarSchema() {
  return Closed("Why a removal is barred on the day (Regulation (EU) 2024/1348, Art. 68)",
                {{"reason", Codes({"rejection_annulled", "authorised_to_remain", "leave_to_remain_pending",
                                   "time_to_ask_to_remain", "time_to_ask_to_remain_not_recorded"},
                                  "The appeal allowed; leave to remain granted, the appeal undecided (68(4), 68(1)); a "
                                  "request to remain undecided (68(5)(d)(ii)); the time to ask to remain not run "
                                  "(68(5)(a), (d)(i): the national time limit the return border case gave, else five "
                                  "days from the notification); possibly barred: the notification, or past those five "
                                  "days the national time limit, not recorded")},
                 {"legal_basis", Text("")},
                 {"message", Text("")}},
                {"reason", "legal_basis", "message"});
}

// Responsibility files (cases/responsibility_files.h).
ojson ResponsibilityFileSchemas() {
  ojson s = ojson::object();
  const ojson outcome = CodesOf(cases::ResponsibilityFileOutcomes(), "How the file closed");
  const ojson reason = CodesOf(cases::ResponsibilityFileErasures(), "Why the file is erased");
  auto file = [&](const std::string& description, std::vector<std::pair<std::string, ojson>> more,
                  std::vector<std::string> more_required) {
    ojson properties = {{"id", Text("The file (rsp-...)")},
                        {"member_state", Text("The deciding Member State (alpha-3)")},
                        {"registered_on", Day("The application's registration, as the newest case gives it")},
                        {"status", Codes({"open", "closed"}, "")},
                        {"version", Integer("The newest version of the case document")},
                        {"responsible_member_state", Nullable(Text("As the newest case decided (alpha-3)"))},
                        {"procedure", Text("take_charge, take_back, none or undetermined, as decided")},
                        {"next_time_limit_on", Nullable(Day("The nearest time limit not yet met (of a request received: "
                                                             "the receiving State's own)"))},
                        {"outcome", outcome},
                        {"closed_on", Day("")},
                        {"family_id", Text("The family whose files are decided together (AMMR Art. 28): the id of "
                                           "the file the others joined")},
                        {"received_by", Text("For a request received (AMMR Arts. 40-41): the receiving Member State, "
                                             "whose file it is (member_state is then the requesting State)")}};
    ojson required = ojson::array({"id", "member_state", "registered_on", "status", "version",
                                   "responsible_member_state", "procedure", "next_time_limit_on"});
    for (auto& [k, v] : more) properties[k] = v;
    for (auto& r : more_required) required.push_back(r);
    return Closed(description, properties, required);
  };
  const ojson family_file = Closed(
      "A file of the family",
      {{"id", Text("")},
       {"status", Codes({"open", "closed"}, "")},
       {"registered_on", Day("")},
       {"designated_alone", Nullable(Text("What the criteria designate for this member alone (alpha-3)"))},
       {"criterion", Nullable(Text("The criterion that designates it"))},
       {"responsible_member_state", Nullable(Text("As decided with the family (alpha-3)"))}},
      {"id", "status", "registered_on", "designated_alone", "criterion", "responsible_member_state"});
  s["ResponsibilityFamily"] = Closed(
      "The family procedure (AMMR Art. 28; Dublin III Art. 11 before 1 July 2026): the family's files, their newest "
      "cases decided together; for an older version only its id and a note (older versions are decided alone)",
      {{"id", Text("The family (the id of the file the others joined)")},
       {"files", ArrayOf(family_file, "In the order they were opened")},
       {"applies", Boolean("Whether the criteria alone would have separated them")},
       {"responsible_member_state", Nullable(Text("The family's Member State (alpha-3)"))},
       {"legal_basis", Nullable(Text("Art. 28(a) or (b)"))},
       {"reason", Text("")},
       {"flags", ArrayOf(Closed("A flag of the family procedure", {{"code", Text("")}, {"message", Text("")}},
                                {"code", "message"}),
                         "")},
       {"note", Text("Why this version is decided alone")}},
      {"id"});
  s["ResponsibilityReceived"] = Closed(
      "For a request received: whether the case, as the requesting State stated it, designates the receiving State and "
      "records the request sent (what does not hold is said, not refused)",
      {{"by", Text("The receiving Member State (alpha-3)")},
       {"requesting_member_state", Text("alpha-3")},
       {"request_designates", Nullable(Text("The State the decision requests on these facts (alpha-3)"))},
       {"reply_duties", ArrayOf(Closed("What the receiving State's reply owes (AMMR Arts. 40-41)",
                                       {{"legal_basis", Text("")}, {"duty", Text("One sentence, naming the time limit")}},
                                       {"legal_basis", "duty"}),
                                "For the request or notification the case records")},
       {"notes", ArrayOf(Text(""), "")}},
      {"by", "requesting_member_state", "request_designates", "reply_duties", "notes"});
  s["ResponsibilityFile"] = file("A responsibility file with the decision of its newest case",
                                 {{"decision", Ref("ResponsibilityDecision")},
                                  {"family", Ref("ResponsibilityFamily")},
                                  {"received", Ref("ResponsibilityReceived")}},
                                 {"decision"});
  s["ResponsibilityFileFamilyJoin"] = Closed("Join a family", {{"with", Text("The open file whose family this one "
                                                                            "joins (rsp-...)")}},
                                             {"with"});
  s["ResponsibilityFileFamilyJoined"] = Closed("The file joined its family",
                                               {{"id", Text("The file")}, {"family", Ref("ResponsibilityFamily")}},
                                               {"id", "family"});
  s["ResponsibilityFileFamilyLeft"] = file("The file left its family and is decided alone",
                                           {{"left_family", Text("The family it left")},
                                            {"decision", Ref("ResponsibilityDecision")}},
                                           {"left_family", "decision"});
  s["ResponsibilityFileShown"] = file(
      "A responsibility file: its versions, one version's case and its decision",
      {{"versions", ArrayOf(Closed("A version of the case document",
                                   {{"version", Integer("")},
                                    {"recorded_at", Text("When (UTC)")},
                                    {"recorded_by", Text("The token that recorded it")}},
                                   {"version", "recorded_at", "recorded_by"}),
                            "Oldest first")},
       {"shown_version", Integer("The version whose case and decision follow")},
       {"case", Ref("ResponsibilityCase")},
       {"decision", Ref("ResponsibilityDecision")},
       {"family", Ref("ResponsibilityFamily")},
       {"received", Ref("ResponsibilityReceived")}},
      {"versions", "shown_version", "case", "decision"});
  const ojson limit = Closed("A time limit not yet met",
                             {{"name", Text("")},
                              {"date", Day("")},
                              {"days_left", Integer("From the list's day; negative once expired")},
                              {"state", Codes({"running", "expired"}, "")},
                              {"legal_basis", Text("")},
                              {"by", Text("The Member State on whom it runs (alpha-3); a request received lists only "
                                          "the receiving State's")},
                              {"actor", Codes({"authority", "court", "applicant"}, "Who acts there")}},
                             {"name", "date", "days_left", "state", "legal_basis", "by", "actor"});
  s["ResponsibilityFileWorkList"] = Closed(
      "A Member State's open responsibility files, the nearest time limit first",
      {{"member_state", Text("alpha-3")},
       {"at", Day("The day the files were decided on")},
       {"due_by", Nullable(Day("Only time limits ending by this day"))},
       {"received", Boolean("Whether these are the requests the Member State received (not its own files)")},
       {"files",
        ArrayOf(file("An open file decided on the list's day",
                     {{"requested_member_state", Text("Where the request or notification goes")},
                      {"time_limits", ArrayOf(limit, "Nearest first")},
                      {"flags", ArrayOf(Text("A flag code of the decision"), "")},
                      {"error", Closed("Why the newest case no longer decides (the file is listed all the same)",
                                       {{"code", Text("")}, {"message", Text("")}, {"field", Text("")}},
                                       {"code", "message"})}},
                     {}),
                "")},
       {"more", Boolean("Whether more files follow")}},
      {"member_state", "at", "due_by", "received", "files", "more"});
  s["ResponsibilityFileClose"] = Closed(
      "How a responsibility file closes", {{"outcome", outcome}, {"on", Day("When (default today in the Member State)")}},
      {"outcome"});
  s["ResponsibilityFileClosed"] = file(
      "The closed file, with what the newest case contradicts",
      {{"outcome_legal_basis", Text("")},
       {"flags", ArrayOf(Closed("A contradiction",
                                {{"code", Codes({"transfer_not_recorded_in_case", "decision_designates_another_state",
                                                 "outcome_not_checked"},
                                                "")},
                                 {"message", Text("")}},
                                {"code", "message"}),
                         "")}},
      {"outcome", "closed_on", "outcome_legal_basis", "flags"});
  s["ResponsibilityFileErase"] = Closed("A responsibility file erased", {{"reason", reason}}, {"reason"});
  const ojson count = Closed("Procedures of one kind in the period",
                             {{"legal_basis", Text("")},
                              {"total", Integer("")},
                              {"by_member_state", {{"type", "object"},
                                                   {"description", "A count per Member State designated "
                                                                   "(not_another_state: none, or this one)"}}}},
                             {"legal_basis", "total", "by_member_state"});
  const ojson passed = Closed(
      "The time limits that ended in the period and were not met in time, each file's newest case decided on "
      "decided_on (AMMR Arts. 39-46, 51(5); Dublin III's for applications registered before 1 July 2026)",
      {{"decided_on", Day("The period's last day, or the day the report was made where the period has none")},
       {"total", Integer("Limits passed")},
       {"by_limit",
        {{"type", "object"},
         {"description", "The limit's name (as in the decision's deadlines) -> its counts"},
         {"additionalProperties",
          Closed("One limit's counts",
                 {{"actor", Codes({"authority", "court", "applicant"}, "Who acts")},
                  {"late", Integer("Met after the limit (missed)")},
                  {"not_done", Integer("Not met, the limit past (expired)")},
                  {"by_member_state", {{"type", "object"},
                                       {"description", "A count per Member State on whom the limit ran"}}}},
                 {"actor", "late", "not_done", "by_member_state"})}}},
       {"files_not_decided", ArrayOf(Closed("A file whose newest case no longer decides (not counted)",
                                            {{"id", Text("")}, {"message", Text("")}}, {"id", "message"}),
                                     "")}},
      {"decided_on", "total", "by_limit", "files_not_decided"});
  s["ResponsibilityFileReport"] = Closed(
      "One Member State's outgoing responsibility procedures in a period (AMMR Arts. 9(3)(a)(x)-(xi), 80)",
      {{"member_state", Text("alpha-3")},
       {"from", Nullable(Day("First day counted"))},
       {"to", Nullable(Day("Last day counted"))},
       {"legal_basis", Text("")},
       {"files", Integer("Files kept for the Member State")},
       {"registered_in_period", Integer("Of them, applications registered in the period")},
       {"take_charge_requests", count},
       {"take_back_notifications", count},
       {"accepted_or_confirmed", count},
       {"transfer_decisions", count},
       {"transfers", count},
       {"received", Closed("The requests received (AMMR Arts. 40-41) in the period, by the State that sent them",
                           {{"files", Integer("Requests received kept for the Member State")},
                            {"take_charge_requests", count},
                            {"take_back_notifications", count},
                            {"accepted_or_confirmed", count},
                            {"transfers", count},
                            {"time_limits_passed", passed}},
                           {"files", "take_charge_requests", "take_back_notifications", "accepted_or_confirmed",
                            "transfers", "time_limits_passed"})},
       {"time_limits_passed", passed},
       {"notes", ArrayOf(Text(""), "")}},
      {"member_state", "from", "to", "legal_basis", "files", "registered_in_period", "take_charge_requests",
       "take_back_notifications", "accepted_or_confirmed", "transfer_decisions", "transfers", "time_limits_passed",
       "received", "notes"});
  s["ResponsibilityFileErased"] = Closed("What was erased (the file and every version)",
                                         {{"erased", Text("The file")},
                                          {"member_state", Text("alpha-3")},
                                          {"versions", Integer("How many versions were erased")},
                                          {"reason", reason},
                                          {"legal_basis", Text("")},
                                          {"warnings", ArrayOf(Text("The family's other files could not be "
                                                                    "decided again without it"),
                                                               "")}},
                                         {"erased", "member_state", "versions", "reason", "legal_basis"});
  return s;
}

ojson MonitoringSchemas() {
  ojson s = ojson::object();
  s["ScreeningFile"] = Closed(
      "A screening file (Regulation (EU) 2024/1356, Arts. 8, 17, 18)",
      {{"id", Text("The file")},
       {"member_state", Text("The screening Member State (alpha-3)")},
       {"location", Codes({"external_border", "in_territory"}, "Art. 5 or Art. 7")},
       {"event_date", Day("Apprehension, disembarkation or presentation at the crossing point")},
       {"must_end_on", Day("The end of the time limit (Art. 8(3)-(4))")},
       {"legal_basis", Text("The time limit's article")},
       {"status", Codes({"open", "closed"}, "")},
       {"checks", ArrayOf(Closed("A check of Art. 8(5)",
                                 {{"check", Text("identity, security, health, vulnerability or eurodac")},
                                  {"outcome", Text("What it found")},
                                  {"on", Day("When")}},
                                 {"check", "outcome", "on"}),
                          "The checks recorded")},
       {"form", {{"type", "object"}, {"description", "The screening form's items so far (Art. 17)"}}},
       {"held_over_72h", {{"type", "boolean"}, {"description", "Held at the border more than 72 hours first"}}},
       {"referral", Text("The referral it was closed with (Art. 18)")},
       {"closed_on", Day("When it was closed")}},
      {"id", "member_state", "location", "event_date", "must_end_on", "legal_basis", "status", "checks", "form"});
  {
    // What opening and closing answer: the file, and what each adds to it.
    const ojson file = s["ScreeningFile"];  // a copy: inserting into s moves its members
    ojson opened = file;
    opened["description"] = "A screening opened: the file and its time limit";
    opened["properties"]["period"] = Text("The time limit's length (Art. 8(3)-(4))");
    opened["properties"]["time_limit_status"] =
        Codes({"in_force", "proposal", "uncertain"}, "The status of the period in the policy data (uncertain: see note)");
    opened["properties"]["note"] = Text("Why the time limit is uncertain, where it is");
    opened["required"].push_back("period");
    opened["required"].push_back("time_limit_status");
    s["ScreeningOpened"] = opened;
    ojson closed = file;
    closed["description"] = "A screening closed: the file, its referral and the screening form (Art. 17)";
    closed["properties"]["referral"] = Closed("The referral (Art. 18, 5(3))",
                                              {{"name", Text("The referral")},
                                               {"legal_basis", Text("Its article")},
                                               {"description", Text("What it means")}},
                                              {"name", "legal_basis", "description"});
    closed["properties"]["form_for_person"] = {
        {"type", "object"}, {"description", "The copy of the form given to the person, without point (h) (Art. 17(3))"}};
    closed["properties"]["missing_items"] = ArrayOf(Text("A mandatory form item"), "Mandatory items not recorded");
    closed["properties"]["flags"] = ArrayOf(
        Closed("Something to act on", {{"code", Text("")}, {"message", Text("")}}, {"code", "message"}), "");
    for (const char* k : {"referral", "closed_on", "form_for_person", "missing_items", "flags"}) {
      closed["required"].push_back(k);
    }
    s["ScreeningClosed"] = closed;
  }
  const ojson ids = ArrayOf(Text("A screening file"), "The files");
  s["ScreeningStart"] = Closed(
      "A screening to open (Regulation (EU) 2024/1356, Arts. 5, 7, 8)",
      {{"member_state", Text("The screening Member State (alpha-3)")},
       {"location", Codes({"external_border", "in_territory"}, "Art. 5 or Art. 7")},
       {"event_date", Day("Apprehension, disembarkation or presentation at the crossing point")},
       {"held_over_72h", {{"type", "boolean"}, {"description", "Held at the external border more than 72 hours first "
                                                               "(Art. 8(3): 4 days, when they start is not settled)"}}},
       {"held_until", Nullable(Day("The end of that stay"))}},
      {"member_state", "location", "event_date"});
  s["ScreeningRecord"] = Closed(
      "A check and/or screening-form items to record (Arts. 8(5), 17): check with outcome, form, or both",
      {{"check", Codes({"identity", "security", "health", "vulnerability", "eurodac"}, "Art. 8(5)")},
       {"outcome", Text("What the check found")},
       {"on", Day("When (default today in the Member State's legal time)")},
       {"form", {{"type", "object"}, {"description", "Items of the screening form (Art. 17; README, screening record)"}}}},
      ojson::array());
  s["ScreeningClose"] = Closed(
      "The referral that closes a screening (Art. 18, 5(3))",
      {{"referral", Codes({"asylum", "relocation", "return", "return_continues", "entry_conditions_met",
                           "discontinued_departure", "criminal_proceedings"},
                          "Art. 18(1)-(4), (6), 5(3)")},
       {"on", Day("When (default today in the Member State's legal time)")}},
      ojson::array({"referral"}));
  s["ScreeningWorkList"] = Closed(
      "A Member State's open screenings, the nearest time limit first (Art. 8(3)-(4))",
      {{"member_state", Text("The Member State")},
       {"at", Day("The day the days left are counted from")},
       {"due_by", Nullable(Day("Only those due by this day"))},
       {"count", {{"type", "integer"}}},
       {"more", {{"type", "boolean"}, {"description", "Whether more open screenings follow (raise limit)"}}},
       {"screenings",
        ArrayOf(Closed("An open screening",
                       {{"id", Text("The file")},
                        {"location", Codes({"external_border", "in_territory"}, "")},
                        {"event_date", Day("")},
                        {"must_end_on", Day("The end of its time limit")},
                        {"legal_basis", Text("The time limit's article")},
                        {"days_left", {{"type", "integer"}, {"description", "Negative once overdue"}}},
                        {"state", Codes({"overdue", "due_today", "running"}, "")},
                        {"checks_missing", ArrayOf(Text("A check of Art. 8(5)"), "Not recorded yet")},
                        {"form_items_missing", ArrayOf(Text("A mandatory item of Art. 17(1)"), "Not recorded yet")},
                        {"limit_uncertain", {{"type", "boolean"}, {"description", "Art. 8(3)'s 4 days"}}},
                        {"representative_missing",
                         {{"type", "boolean"},
                          {"description", "An unaccompanied minor (form item unaccompanied_minor) with no representative "
                                          "or trained person recorded as assigned to accompany them (Art. 13(3))"}}}},
                       {"id", "location", "event_date", "must_end_on", "legal_basis", "days_left", "state",
                        "checks_missing", "form_items_missing"}),
                "The files")},
       {"note", Text("What happens past the limit (Art. 18(5))")}},
      {"member_state", "at", "due_by", "count", "more", "screenings", "note"});
  s["ScreeningMonitoringReport"] = Closed(
      "The independent monitoring mechanism's report on one Member State's screening files (Regulation (EU) "
      "2024/1356, Art. 10(2)); the border procedure's is BorderProcedureMonitoringReport",
      Then(ReportHead("event date", "screenings"), {
       {"referrals", {{"type", "object"}, {"description", "Closed files by referral (Art. 18, 5(3)), every referral named"}}},
       {"time_limit",
        Closed("The time limits of Art. 8(3)-(4)",
               {{"legal_basis", Text("The article")},
                {"closed_in_time", {{"type", "integer"}}},
                {"closed_late", ArrayOf(Closed("A file closed after its limit",
                                               {{"id", Text("The file")},
                                                {"must_end_on", Day("Its limit")},
                                                {"closed_on", Day("When it was closed")},
                                                {"days_late", {{"type", "integer"}}},
                                                {"limit_uncertain", {{"type", "boolean"},
                                                                     {"description", "Art. 8(3)'s 4 days: see notes"}}}},
                                               {"id", "must_end_on", "closed_on", "days_late"}),
                                        "Closed after the limit")},
                {"open_in_time", {{"type", "integer"}}},
                {"open_overdue", ArrayOf(Closed("A file still open past its limit",
                                                {{"id", Text("The file")},
                                                 {"event_date", Day("Its event")},
                                                 {"must_end_on", Day("Its limit")},
                                                 {"days_overdue", {{"type", "integer"}}},
                                                 {"limit_uncertain", {{"type", "boolean"},
                                                                      {"description", "Art. 8(3)'s 4 days: see notes"}}}},
                                                {"id", "event_date", "must_end_on", "days_overdue"}),
                                         "Open past the limit on the report's day")}},
               {"legal_basis", "closed_in_time", "closed_late", "open_in_time", "open_overdue"})},
       {"durations", DurationsSchema("screenings", "the event")},
       {"elements",
        Closed("The elements of Art. 8(5)(a)-(e) on files closed after a full screening",
               {{"full_screenings", {{"type", "integer"}}},
                {"checks", {{"type", "object"},
                            {"description", "Per check: its legal_basis and the files closed without it (not_recorded)"}}}},
               {"full_screenings", "checks"})},
       {"minors",
        Closed("Files of persons under 18 on the event day, by the form's date of birth, and the safeguards of "
               "unaccompanied minors (Art. 13(3), (5))",
               {{"legal_basis", Text("The article")},
                {"screenings", ids},
                {"unaccompanied", ArrayOf(Text("A file"), "Files whose form says the person is an unaccompanied minor")},
                {"without_representative",
                 ArrayOf(Text("A file"), "Unaccompanied minors with no representative or trained person recorded as "
                                         "assigned to accompany them (Art. 13(3))")},
                {"representative_caseload",
                 Closed("Art. 13(5): at most thirty unaccompanied minors per representative in normal circumstances",
                        {{"legal_basis", Text("The policy row's article")},
                         {"at_most", {{"type", "integer"}}},
                         {"above", ArrayOf(Closed("A file whose representative had more",
                                                  {{"id", Text("The file")}, {"minors_assigned", {{"type", "integer"}}}},
                                                  {"id", "minors_assigned"}),
                                           "Such files")}},
                        {"legal_basis", "at_most", "above"})}},
               {"legal_basis", "screenings", "unaccompanied", "without_representative", "representative_caseload"})},
       {"applicants_not_referred_to_asylum",
        ArrayOf(Closed("An applicant (form item application_made) not referred to the asylum or relocation authorities "
                       "(Art. 18(2)-(3))",
                       {{"id", Text("The file")}, {"referral", Text("Its referral")}}, {"id", "referral"}),
                "Such files")},
       {"sample", SampleSchema("The files drawn at random for a spot check (Art. 10(2))", "screenings", "ScreeningFile")},
       {"notes", ArrayOf(Text("A note"), "How to read the report")}}),
      {"member_state", "at", "from", "to", "legal_basis", "screenings", "open", "closed", "referrals", "time_limit",
       "durations", "elements", "minors", "applicants_not_referred_to_asylum", "sample", "notes"});

  // Border procedure files (cases/border_procedure_store.h) and their monitoring report.
  const ojson flags = ArrayOf(Closed("Something to act on", {{"code", Text("")}, {"message", Text("")}},
                                     {"code", "message"}),
                              "What the change calls for");
  const ojson return_outcomes = CodesOf(cases::ReturnBorderOutcomes(), "How the return border procedure ended");
  const ojson outcome_names = CodesOf(cases::BorderProcedureOutcomes(), "How the applicant left the border procedure");
  const ojson event_names = CodesOf(cases::BorderProcedureEvents(),
                                    "Detention (Art. 54(1); Directive (EU) 2024/1346, Arts. 10-13) and a court's review "
                                    "of it concluded (Directive (EU) 2024/1346, Art. 11(3)), an unaccompanied minor "
                                    "found (Art. 53(1)), an exception (Art. 53(2)); the appeal stages (Arts. 67-68): "
                                    "the rejection notified, the appeal lodged, leave to remain pending it requested, "
                                    "granted or refused, the appeal dismissed or allowed");
  s["BorderProcedureFile"] = Closed(
      "A border procedure file (Regulation (EU) 2024/1348, Arts. 43-54): the decision that opened it, its time limit "
      "and what happened since; no case document is kept",
      {{"id", Text("The file")},
       {"member_state", Text("The Member State (alpha-3)")},
       {"registered_on", Day("The application's registration, from which the time limit runs")},
       {"must_end_on", Day("The end of the border procedure's time limit (Art. 51(2))")},
       {"period", Text("12 weeks; 16 after a relocation (Art. 51(2), third subparagraph); 18 in a crisis")},
       {"legal_basis", Text("The time limit's articles")},
       {"status", Codes({"open", "closed"}, "")},
       {"minor", {{"type", "boolean"}}},
       {"unaccompanied_minor", {{"type", "boolean"}}},
       {"events", ArrayOf(Closed("An event",
                                 {{"event", event_names},
                                  {"on", Day("When it happened")},
                                  {"point", Text("For an exception: its point of Art. 53(2)")},
                                  {"place", Text("For placed: where the applicant stays (Art. 54)")},
                                  {"legal_basis", Text("Its article")}},
                                 {"event", "on", "legal_basis"}),
                          "The events, in the order they happened")},
       {"decision", Ref("ProcedureDecision")},
       {"outcome", outcome_names},
       {"outcome_legal_basis", Text("The outcome's articles")},
       {"outcome_description", Text("What the outcome means (in the answer to close)")},
       {"closed_on", Day("When it closed")},
       {"return_border",
        Closed("The return border procedure that followed a rejection (Regulation (EU) 2024/1349, Art. 4)",
               {{"from", Day("The day the right to remain ended")},
                {"must_end_on", Day("The end of the maximum period (Art. 4(2))")},
                {"legal_basis", Text("")},
                {"status", Codes({"running", "closed"}, "")},
                {"outcome", return_outcomes},
                {"closed_on", Day("")},
                {"decision", Ref("ReturnBorderDecision")}},
               {"from", "must_end_on", "legal_basis", "status", "decision"})},
       {"flags", flags}},
      {"id", "member_state", "registered_on", "must_end_on", "period", "legal_basis", "status", "minor",
       "unaccompanied_minor", "events", "decision"});
  s["BorderProcedureEvent"] = Closed(
      "An event of a border procedure file",
      {{"event", event_names},
       {"point", Codes({"a", "b", "c", "d", "e"}, "For an exception: its point of Art. 53(2)")},
       {"place", {{"type", "string"},
                  {"minLength", 1},
                  {"description", "For placed: the place where the applicant stays, as notified to the Commission "
                                  "(Art. 54(1), (3)); one line of text, at most 200 bytes of UTF-8, no leading or "
                                  "trailing space"}}},
       {"on", Day("When it happened (default today in the Member State)")}},
      {"event"});
  const ojson place_name = {{"type", "string"},
                            {"minLength", 1},
                            {"description", "The place, as the files name it (event placed): one line of text, at "
                                            "most 200 bytes of UTF-8, no leading or trailing space"}};
  s["BorderPlaceChange"] = Closed(
      "A change to the places of the border procedure (Art. 54(3)), recorded in the order the changes take effect",
      {{"member_state", Text("The Member State (alpha-3)")},
       {"place", place_name},
       {"change", Codes({"designated", "capacity", "withdrawn"},
                        "designated: a place from effective_on; capacity: the number it holds changes; withdrawn: no "
                        "longer a place of the border procedure")},
       {"effective_on", Day("The day the change takes effect")},
       {"capacity", {{"type", "integer"},
                     {"minimum", 1},
                     {"maximum", 1000000},
                     {"description", "For designated and capacity: the persons it can hold at once (applicants, and "
                                     "persons in the return border procedure)"}}},
       {"notified_on", Day("When the Commission was notified (designated and withdrawn only)")}},
      {"member_state", "place", "change", "effective_on"});
  s["BorderPlaceNotified"] = Closed(
      "The day the Commission was notified of a change (Art. 54(3)); recorded once",
      {{"member_state", Text("The Member State (alpha-3)")},
       {"place", place_name},
       {"effective_on", Day("The change's day")},
       {"notified_on", Day("When the Commission was notified")}},
      {"member_state", "place", "effective_on", "notified_on"});
  const ojson place_entry = Closed(
      "A place of the border procedure with its changes",
      {{"place", Text("Its name")},
       {"designated", Boolean("A place of the border procedure on the day asked")},
       {"capacity", Nullable(Integer("The persons it can hold that day; null when not designated"))},
       {"changes",
        ArrayOf(Closed("A change",
                       {{"change", Codes({"designated", "capacity", "withdrawn"}, "")},
                        {"effective_on", Day("")},
                        {"capacity", Nullable(Integer("null for a withdrawal"))},
                        {"notified_on", Nullable(Day("null until recorded"))},
                        {"recorded_at", Text("When it was recorded (UTC)")},
                        {"recorded_by", Text("Who recorded it")},
                        {"notification",
                         Closed("Art. 54(3): by 11 April 2026 for the places in use from 12 June 2026, within two "
                                "months (Art. 73) for a later designation or withdrawal",
                                {{"required", Boolean("false for a capacity change")},
                                 {"due_by", Nullable(Day("null when not required"))},
                                 {"state", Codes({"notified", "notified_late", "due", "overdue", "not_required"},
                                                 "On the day asked")}},
                                {"required", "due_by", "state"})}},
                       {"change", "effective_on", "capacity", "notified_on", "recorded_at", "recorded_by",
                        "notification"}),
                "In the order they take effect")}},
      {"place", "designated", "capacity", "changes"});
  s["BorderPlace"] = place_entry;
  s["BorderPlaces"] = Closed(
      "The register of the places of the border procedure on a day (Art. 54(3))",
      {{"member_state", Text("The Member State (alpha-3)")},
       {"at", Day("The day")},
       {"legal_basis", Text("")},
       {"designated", Integer("Places designated that day")},
       {"capacity_total", Nullable(Integer("Their capacities together; null when none is designated"))},
       {"notifications_overdue", Integer("Changes not notified by their day")},
       {"places", ArrayOf(place_entry, "By name")},
       {"notes", ArrayOf(Text(""), "How the register is read")}},
      {"member_state", "at", "legal_basis", "designated", "capacity_total", "notifications_overdue", "places", "notes"});
  s["BorderProcedureReturnClose"] = Closed(
      "How a return border procedure ends", {{"outcome", return_outcomes}, {"on", Day("When (default today)")}},
      {"outcome"});
  s["BorderProcedureClose"] = Closed(
      "How a border procedure ends", {{"outcome", outcome_names}, {"on", Day("When (default today in the Member State)")}},
      {"outcome"});
  const ojson erase_reason = Codes({"citizenship_acquired"}, "Why the file is erased before its time (Art. 72(1))");
  s["BorderProcedureErase"] = Closed("A border procedure file erased before its time", {{"reason", erase_reason}},
                                     {"reason"});
  s["BorderProcedureErased"] = Closed(
      "What was erased (the file whole)",
      {{"id", Text("The file")},
       {"erased", Boolean("Always true")},
       {"member_state", Text("Its Member State (alpha-3)")},
       {"reason", erase_reason},
       {"legal_basis", Text("Regulation (EU) 2024/1348, Art. 72(1)")}},
      {"id", "erased", "member_state", "reason", "legal_basis"});
  s["BorderProcedureWorkList"] = Closed(
      "A Member State's open border procedures, the nearest time limit first (Art. 51(2))",
      {{"member_state", Text("The Member State (alpha-3)")},
       {"at", Day("The day the days left are counted from")},
       {"due_by", Nullable(Day("Only those due by this day"))},
       {"count", {{"type", "integer"}}},
       {"more", {{"type", "boolean"}, {"description", "Whether more open files follow (raise limit)"}}},
       {"border_procedures",
        ArrayOf(Closed("An open border procedure",
                       {{"id", Text("The file")},
                        {"registered_on", Day("The registration")},
                        {"must_end_on", Day("The end of the time limit")},
                        {"period", Text("The time limit's length")},
                        {"days_left", {{"type", "integer"}, {"description", "Negative once overdue"}}},
                        {"state", Codes({"overdue", "due_today", "running"}, "")},
                        {"detained_since", Nullable(Day("Detained since, if detained"))},
                        {"minor", {{"type", "boolean"}}},
                        {"must_leave", {{"type", "boolean"},
                                        {"description", "An exception of Art. 53 was recorded: the procedure ceases"}}}},
                       {"id", "registered_on", "must_end_on", "period", "days_left", "state", "detained_since",
                        "minor", "must_leave"}),
                "The files")},
       {"return_border_procedures",
        Closed("The files in the return border procedure, the nearest end of its maximum period first (Regulation "
               "(EU) 2024/1349, Art. 4(2))",
               {{"count", {{"type", "integer"}}},
                {"more", {{"type", "boolean"}}},
                {"files", ArrayOf(Closed("A file in the return border procedure",
                                         {{"id", Text("")},
                                          {"from", Day("The day the right to remain ended")},
                                          {"must_end_on", Day("The end of the maximum period")},
                                          {"days_left", {{"type", "integer"}, {"description", "Negative once overdue"}}},
                                          {"state", Codes({"overdue", "due_today", "running"}, "")},
                                          {"detained_since", Nullable(Day(""))},
                                          {"minor", {{"type", "boolean"}}},
                                          {"removal_barred", Nullable(RemovalBarSchema())}},
                                         {"id", "from", "must_end_on", "days_left", "state", "detained_since", "minor",
                                          "removal_barred"}),
                                  "")}},
               {"count", "more", "files"})},
       {"note", Text("")}},
      {"member_state", "at", "due_by", "count", "more", "border_procedures", "return_border_procedures", "note"});
  const ojson count = {{"type", "integer"}};
  const ojson count_or_null = Nullable(count);
  const ojson reached = Nullable({{"type", "boolean"}, {"description", "null when an input is missing"}});
  s["BorderProcedureOccupancy"] = Closed(
      "How full the border procedure is in one Member State on a day (Regulation (EU) 2024/1348, Arts. 47-48)",
      {{"member_state", Text("The Member State (alpha-3)")},
       {"at", Day("The day")},
       {"legal_basis", ArrayOf(Text("An article"), "")},
       {"adequate_capacity", Nullable({{"type", "integer"}, {"description", "The Commission's number (Art. 47(1))"}})},
       {"capacity_source", Text("Where the number comes from (data/reference)")},
       {"in_border_procedure", count},
       {"in_return_border_procedure", {{"type", "integer"}, {"description", "The stored files in it that day"}}},
       {"others_in_return_border_procedure", Nullable({{"type", "integer"}, {"description", "As given: files not kept "
                                                                                               "here, national "
                                                                                               "equivalents"}})},
       {"places", Closed("Where the applicants in the border procedure stay that day (Art. 54(1), (3)): the place "
                         "each file records last by then (event placed)",
                         {{"legal_basis", Text("")},
                          {"register_kept", Boolean("Whether the Member State's places are recorded here (GET "
                                                    "/v1/border-places)")},
                          {"places", ArrayOf(Closed("A place",
                                                    {{"place", Text("As recorded")},
                                                     {"in_border_procedure", Integer("Files there that day")},
                                                     {"in_return_border_procedure",
                                                      Integer("Persons there that day in the return border "
                                                              "procedure (Regulation (EU) 2024/1349, Art. 4(2))")},
                                                     {"designated", NullableBoolean("A place of the border procedure "
                                                                                    "that day in the register; null "
                                                                                    "when no register is kept")},
                                                     {"capacity", Nullable(Integer("The persons it can hold that "
                                                                                   "day; null when not designated"))},
                                                     {"over_capacity", NullableBoolean("More persons there, in "
                                                                                       "either procedure, than its "
                                                                                       "capacity")}},
                                                    {"place", "in_border_procedure", "in_return_border_procedure",
                                                     "designated", "capacity", "over_capacity"}),
                                             "By name: those the files name and those designated that day")},
                          {"place_not_recorded", Integer("Files in the border procedure that record no place")},
                          {"return_place_not_recorded",
                           Integer("Files in the return border procedure that record no place")},
                          {"capacity_total", Nullable(Integer("The designated places' capacities together; null when "
                                                              "none is designated"))},
                          {"capacity_total_below_adequate",
                           NullableBoolean("capacity_total below the adequate capacity (a reading of Art. 54(3), "
                                           "which gives no number); null when either is unknown")}},
                         {"legal_basis", "register_kept", "places", "place_not_recorded", "return_place_not_recorded",
                          "capacity_total", "capacity_total_below_adequate"})},
       {"notification", Closed("Art. 48(1): the notification to the Commission",
                               {{"legal_basis", Text("")},
                                {"counted", count_or_null},
                                {"at_or_above_capacity", reached},
                                {"effect", Text("")}},
                               {"legal_basis", "counted", "at_or_above_capacity", "effect"})},
       {"art_42_1_j_relief", Closed("Art. 48(2)-(4): the 42(1)(j) cases while at or above the capacity",
                                    {{"legal_basis", Text("")}, {"at_or_above_capacity", reached}, {"effect", Text("")}},
                                    {"legal_basis", "at_or_above_capacity", "effect"})},
       {"annual_maximum", Closed("Arts. 47(1), (3) and 50: applications examined this calendar year against the annual maximum",
                                 {{"legal_basis", Text("")},
                                  {"year_from", Day("1 January of the calendar year counted (Art. 50)")},
                                  {"multiplier", count},
                                  {"maximum", count_or_null},
                                  {"examined", Integer("Applications taken into the border procedure this year")},
                                  {"concluded", Integer("Applications whose examination there ended this year in a "
                                                      "decision (no_right_to_remain, protection_granted)")},
                                  {"reached", reached},
                                  {"reached_if_concluded", reached},
                                  {"status", Codes({"uncertain"}, "What counts as examined is not defined (two readings), nor which maximum a "
                                                                  "calendar year with a change of multiplier is measured against")},
                                  {"effect", Text("")}},
                                 {"legal_basis", "year_from", "multiplier", "maximum", "examined", "concluded", "reached",
                                  "reached_if_concluded", "status", "effect"})},
       {"notes", ArrayOf(Text("A note"), "")}},
      {"member_state", "at", "legal_basis", "adequate_capacity", "capacity_source", "in_border_procedure",
       "in_return_border_procedure", "others_in_return_border_procedure", "places", "notification", "art_42_1_j_relief",
       "annual_maximum", "notes"});
  const ojson file_ids = ArrayOf(Text("A border procedure file"), "The files");
  const ojson legal_basis = Text("The article");
  s["BorderProcedureMonitoringReport"] = Closed(
      "The fundamental-rights monitoring mechanism's report on one Member State's border procedure files (Regulation "
      "(EU) 2024/1348, Art. 43(4), with the criteria of Regulation (EU) 2024/1356, Art. 10)",
      Then(ReportHead("registration date", "border_procedures"), {
       {"outcomes", {{"type", "object"}, {"description", "Closed files by outcome, every outcome named"}}},
       {"time_limit",
        Closed("The time limit of Art. 51(2)",
               {{"legal_basis", legal_basis},
                {"closed_in_time", {{"type", "integer"}}},
                {"closed_late", ArrayOf(Closed("A file closed after its limit",
                                               {{"id", Text("The file")},
                                                {"must_end_on", Day("Its limit")},
                                                {"closed_on", Day("When it was closed")},
                                                {"days_late", {{"type", "integer"}}},
                                                {"outcome", outcome_names}},
                                               {"id", "must_end_on", "closed_on", "days_late", "outcome"}),
                                        "Closed after the limit")},
                {"right_to_remain_ended_late",
                 ArrayOf(Closed("A file closed in time whose right to remain ended after its limit",
                                {{"id", Text("The file")},
                                 {"must_end_on", Day("Its limit")},
                                 {"closed_on", Day("When it was closed")},
                                 {"right_to_remain_ended_on", Day("As the return border decision found")},
                                 {"days_late", {{"type", "integer"}}}},
                                {"id", "must_end_on", "closed_on", "right_to_remain_ended_on", "days_late"}),
                         "Closed within the limit, but the return border decision found that the right to remain "
                         "ended after it (Art. 51(2))")},
                {"open_in_time", {{"type", "integer"}}},
                {"open_overdue", ArrayOf(Closed("A file still open past its limit",
                                                {{"id", Text("The file")},
                                                 {"registered_on", Day("Its registration")},
                                                 {"must_end_on", Day("Its limit")},
                                                 {"days_overdue", {{"type", "integer"}}}},
                                                {"id", "registered_on", "must_end_on", "days_overdue"}),
                                         "Open past the limit on the report's day")}},
               {"legal_basis", "closed_in_time", "closed_late", "right_to_remain_ended_late", "open_in_time",
                "open_overdue"})},
       {"durations", DurationsSchema("files", "the registration")},
       {"unaccompanied_minors",
        Closed("Unaccompanied minors, who are in the border procedure only under Art. 42(3)(b) (Art. 53(1))",
               {{"legal_basis", legal_basis},
                {"files", ArrayOf(Closed("An unaccompanied minor's file",
                                         {{"id", Text("The file")},
                                          {"art_42_3_b", {{"type", "boolean"},
                                                          {"description", "Whether the decision cites Art. 42(3)(b)"}}},
                                          {"status", Codes({"open", "closed"}, "")},
                                          {"outcome", Nullable(outcome_names)}},
                                         {"id", "art_42_3_b", "status", "outcome"}),
                                  "")},
                {"outside_art_42_3_b", file_ids}},
               {"legal_basis", "files", "outside_art_42_3_b"})},
       {"exceptions",
        Closed("Files where a ground of Art. 53(2) was recorded, after which the procedure is not applied or ceases",
               {{"legal_basis", legal_basis},
                {"files", ArrayOf(Closed("A file with an exception",
                                         {{"id", Text("The file")},
                                          {"points", ArrayOf(Text("A point of Art. 53(2)"), "")},
                                          {"first_recorded_on", Day("")},
                                          {"status", Codes({"open", "closed"}, "")},
                                          {"followed", {{"type", "boolean"},
                                                        {"description", "Closed by entry, protection or withdrawal"}}}},
                                         {"id", "points", "first_recorded_on", "status", "followed"}),
                                  "")},
                {"not_followed", file_ids}},
               {"legal_basis", "files", "not_followed"})},
       {"detained",
        Closed("Open files whose applicant is detained on the report's day",
               {{"legal_basis", legal_basis},
                {"files", ArrayOf(Closed("A detained applicant's file",
                                         {{"id", Text("The file")},
                                          {"since", Day("Detained since")},
                                          {"days", {{"type", "integer"}}},
                                          {"minor", {{"type", "boolean"}}},
                                          {"phase", Codes({"border_procedure", "return_border_procedure"}, "")}},
                                         {"id", "since", "days", "minor", "phase"}),
                                  "")}},
               {"legal_basis", "files"})},
       {"detention_review",
        Closed("Detentions whose review by a court was not concluded within 15 days of their start, or 21 "
               "(Directive (EU) 2024/1346, Art. 11(3)), while the applicant was detained",
               {{"legal_basis", legal_basis},
                {"after_15_days", ArrayOf(DetentionReviewEntry(), "Past the 15 days (lawful only in exceptional "
                                                                  "situations), within the 21")},
                {"after_21_days", ArrayOf(DetentionReviewEntry(), "Past the 21 days: the applicant is released "
                                                                  "immediately (second subparagraph)")}},
               {"legal_basis", "after_15_days", "after_21_days"})},
       {"return_border",
        Closed("The files that continued into the return border procedure (Regulation (EU) 2024/1349, Art. 4)",
               {{"legal_basis", legal_basis},
                {"in_procedure", {{"type", "integer"}}},
                {"open_overdue", ArrayOf(Closed("Held past the maximum period",
                                                {{"id", Text("")}, {"from", Day("")}, {"must_end_on", Day("")},
                                                 {"days_overdue", {{"type", "integer"}}}},
                                                {"id", "from", "must_end_on", "days_overdue"}),
                                         "")},
                {"closed_late", ArrayOf(Closed("Ended after the maximum period",
                                               {{"id", Text("")}, {"must_end_on", Day("")}, {"closed_on", Day("")},
                                                {"days_late", {{"type", "integer"}}}, {"outcome", return_outcomes}},
                                               {"id", "must_end_on", "closed_on", "days_late", "outcome"}),
                                        "")},
                {"outcomes", {{"type", "object"}, {"description", "Ended files by outcome, every outcome named"}}}},
               {"legal_basis", "in_procedure", "open_overdue", "closed_late", "outcomes"})},
       {"appeals",
        Closed("The appeal stages the files record (Arts. 67-68), and what the mechanism checks in them",
               {{"legal_basis", legal_basis},
                {"recorded", {{"type", "object"}, {"description", "Files recording each stage by the report's day, "
                                                                  "every stage named"}}},
                {"leave_to_remain_pending",
                 ArrayOf(Closed("A request to remain the court had not decided",
                                {{"id", Text("")}, {"requested_on", Day("")}, {"days", {{"type", "integer"}}}},
                                {"id", "requested_on", "days"}),
                         "")},
                {"removed_while_barred",
                 ArrayOf(Closed("A removal on a day the recorded stages barred one (a file to check)",
                                {{"id", Text("")},
                                 {"removed_on", Day("")},
                                 {"reason", RemovalBarSchema()["properties"]["reason"]},
                                 {"legal_basis", Text("")},
                                 {"message", Text("")}},
                                {"id", "removed_on", "reason", "legal_basis", "message"}),
                         "")},
                {"appeal_allowed_after_removal",
                 ArrayOf(Closed("An appeal allowed after the person was removed",
                                {{"id", Text("")}, {"removed_on", Day("")}, {"allowed_on", Day("")}},
                                {"id", "removed_on", "allowed_on"}),
                         "")},
                {"completed_after_time_limit",
                 ArrayOf(Closed("A request to remain or an appeal decided after the time limit of Art. 51(2), or "
                                "undecided past it",
                                {{"id", Text("")},
                                 {"stage", Codes({"leave_to_remain", "appeal"}, "")},
                                 {"must_end_on", Day("")},
                                 {"decided_on", Nullable(Day("null while undecided"))},
                                 {"days_late", {{"type", "integer"}}}},
                                {"id", "stage", "must_end_on", "decided_on", "days_late"}),
                         "")}},
               {"legal_basis", "recorded", "leave_to_remain_pending", "removed_while_barred",
                "appeal_allowed_after_removal", "completed_after_time_limit"})},
       {"minors", Closed("Files of minors",
                         {{"legal_basis", legal_basis},
                          {"files", file_ids},
                          {"places", ArrayOf(Closed("Where a minor stays on the report's day (Art. 54(2): families "
                                                    "with minors in reception facilities suited to their needs)",
                                                    {{"id", Text("The file")},
                                                     {"place", Nullable(Text("The place last recorded (event "
                                                                             "placed), null if none"))}},
                                                    {"id", "place"}),
                                             "")}},
                         {"legal_basis", "files", "places"})},
       {"places",
        Closed("Art. 54(1), (3) and Regulation (EU) 2024/1349, Art. 4(2): where the register of places is kept, the "
               "persons staying on the report's day in a place it does not hold designated then",
               {{"legal_basis", legal_basis},
                {"register_kept", Boolean("Whether the Member State's places are recorded here")},
                {"not_designated", ArrayOf(Closed("A person staying outside the register",
                                                  {{"id", Text("The file")},
                                                   {"place", Text("The place last recorded (event placed)")},
                                                   {"phase", Codes({"border_procedure", "return_border_procedure"},
                                                                   "The procedure the person is in that day")},
                                                   {"minor", Boolean("A minor's file")}},
                                                  {"id", "place", "phase", "minor"}),
                                           "Empty when no register is kept")}},
               {"legal_basis", "register_kept", "not_designated"})},
       {"sample", SampleSchema("The files drawn at random for a spot check", "border_procedures", "BorderProcedureFile")},
       {"notes", ArrayOf(Text("A note"), "How to read the report")}}),
      {"member_state", "at", "from", "to", "legal_basis", "border_procedures", "open", "closed", "outcomes",
       "time_limit", "durations", "unaccompanied_minors", "exceptions", "detained", "detention_review", "return_border",
       "appeals", "minors", "places", "sample", "notes"});
  return s;
}

ojson Components() {
  ojson roles = ojson::array();
  for (auth::Role r : auth::AllRoles()) roles.push_back(std::string(auth::RoleName(r)));
  ojson schemas = {
      {"Problem",
       {{"type", "object"},
        {"description", "RFC 9457 problem details (application/problem+json)"},
        {"required", {"type", "title", "status", "detail", "instance"}},
        {"properties",
         {{"type", {{"type", "string"}}},
          {"title", {{"type", "string"}}},
          {"status", {{"type", "integer"}}},
          {"detail", {{"type", "string"}}},
          {"instance", {{"type", "string"}}},
          {"field", {{"type", "string"}, {"description", "The field, parameter or header at fault (422)"}}}}}}},
      {"TokenRequest",
       {{"type", "object"},
        {"required", {"name", "role"}},
        {"additionalProperties", false},
        {"properties",
         {{"name", {{"type", "string"}}},
          {"role", {{"type", "string"}, {"enum", roles}}},
          {"purpose", {{"type", "string"}, {"description", "Written to the audit log"}}},
          {"member_state",
           {{"type", "string"},
            {"nullable", true},
            {"description", "Binds the token to one Member State (alpha-3): the registry then shows and changes only "
                            "that State's records (Eurodac Art. 40(1), (3))"}}}}}}},
      {"ProcedureCase", CaseSchema("A case document", "procedure-case.schema.json")},
      {"ResponsibilityCase", CaseSchema("A responsibility case document", "responsibility-case.schema.json")},
      {"ReturnBorderCase", CaseSchema("A return border procedure case document", "return-border-case.schema.json")},
      {"ReceptionCase", CaseSchema("A reception case document", "reception-case.schema.json")},
      {"ProtectionDocumentsCase",
       CaseSchema("A protection documents case document", "protection-documents-case.schema.json")},
      {"AdmissionCase", CaseSchema("An admission case document", "admission-case.schema.json")},
      {"RelocationCase", CaseSchema("A relocation case document", "relocation-case.schema.json")},
      {"TemporaryProtectionCase", CaseSchema("A temporary protection case document",
                                             "temporary-protection-case.schema.json")},
      {"ReturnCase", CaseSchema("A return case document", "return-case.schema.json")},
      {"FamilyProcedure",
       {{"type", "object"},
        {"required", {"members"}},
        {"properties",
         {{"members", {{"type", "array"}, {"minItems", 2}, {"maxItems", 50}, {"items", Ref("ResponsibilityCase")}}}}}}},
      {"RegistryRecord",
       {{"type", "object"},
        {"description", "A Eurodac record of one of the nine categories (docs/registry.md; the contract: "
                        "registry-documents.md of the project's specification): category, member_state, reference, "
                        "event_date, biometrics_taken_on, person, fingerprints (ISO 19794-2 or ANSI 378, base64), "
                        "face, ..."},
        {"required", {"category", "member_state", "reference", "event_date", "biometrics_taken_on", "fingerprints"}},
        {"properties",
         {{"category",
           {{"type", "string"},
            {"enum", {"applicant", "resettlement_registered", "resettlement_admitted", "resettlement_refused",
                      "national_resettlement", "irregular_crosser", "illegal_stayer", "sar_disembarked",
                      "temporary_protection"}}}},
          {"member_state", {{"type", "string"}, {"description", "Alpha-3 code of the Member State of origin"}}},
          {"reference", {{"type", "string"}}},
          {"event_date", {{"type", "string"}, {"format", "date"}}},
          {"biometrics_taken_on", {{"type", "string"}, {"format", "date"}}},
          {"transmitted_on", {{"type", "string"}, {"format", "date"}}},
          {"person", {{"type", "object"}}},
          {"fingerprints", {{"type", "array"}, {"items", {{"type", "object"}}}}},
          {"compare_own_data", {{"type", "boolean"}}},
          {"held_until",
           {{"type", "string"},
            {"format", "date"},
            {"description", "irregular_crosser only: held from the apprehension until this day (Art. 22(4))"}}},
          {"health_measures_until",
           {{"type", "string"},
            {"format", "date"},
            {"description", "Health measures kept the biometric data from being taken until this day: due 48 hours "
                            "after it (Arts. 15(2), 20(3), 22(6), 23(5), 24(5), 26(4); Art. 18(3): as soon as "
                            "possible)"}}},
          {"technical_problems",
           {{"type", "boolean"},
            {"description", "Serious technical problems: the limit extended by at most 48 hours (Arts. 15(2), "
                            "22(6), 23(5), 24(5), 26(4))"}}},
          {"retransmission",
           {{"type", "boolean"},
            {"description", "Fingerprints taken again, replacing those of the dataset stored under the same "
                            "reference (Art. 38(1)); biometrics_taken_on is the new capture (due within 48 hours "
                            "of it: Arts. 15(1), 22(5), 23(4), 24(4), 26(3))"}}}}}}},
      {"StatusPatch",
       {{"type", "object"},
        {"description", "Status fields of docs/registry.md (ms_responsible, left_territory_on, visa, security_threat, "
                        "avrr_granted, ...), each only for the categories its article names; null removes one"}}},
      {"VerifyRequest",
       {{"type", "object"},
        {"required", {"hit", "result"}},
        {"properties",
         {{"hit", {{"type", "string"}, {"description", "The id of the record hit"}}},
          {"result", {{"type", "string"}, {"enum", {"confirmed", "rejected"}}}}}}}},
      {"LawEnforcementRequest",
       {{"type", "object"},
        {"description", "A designated authority's reasoned request (docs/registry.md, Law enforcement)"},
        {"required", {"member_state", "reference", "authority", "officer", "national_file_number", "purpose", "offence",
                      "conditions", "fingerprints"}},
        {"properties",
         {{"member_state", {{"type", "string"}, {"description", "Alpha-3 code, or EUROPOL for Europol's requests (Art. 34)"}}},
          {"reference", {{"type", "string"}, {"description", "The designated authority's reference number (Art. 32(1))"}}},
          {"authority", {{"type", "string"}}},
          {"officer", {{"type", "string"}}},
          {"national_file_number", {{"type", "string"}}},
          {"purpose", {{"type", "string"}}},
          {"offence",
           {{"type", "object"},
            {"properties",
             {{"type", {{"type", "string"}, {"enum", {"terrorist_offence", "serious_criminal_offence"}}}},
              {"description", {{"type", "string"}}}}}}},
          {"conditions",
           {{"type", "object"},
            {"properties",
             {{"cir_indicated_eurodac", {{"type", "boolean"}}},
              {"europol_systems_checked", {{"type", "boolean"}, {"description", "Europol only: Art. 34(1)(a)"}}},
              {"prior_checks",
               {{"type", "object"},
                {"properties",
                 {{"national_databases", {{"type", "boolean"}}},
                  {"prum", {{"type", "string"}, {"enum", {"done", "not_technically_available", "not_useful"}}}},
                  {"prum_grounds", {{"type", "string"}}},
                  {"vis", {{"type", "string"}, {"enum", {"done", "not_done"}}}}}}}},
              {"necessity", {{"type", "string"}}},
              {"specific_case", {{"type", "string"}}},
              {"substantial_contribution", {{"type", "string"}}},
              {"minor_additional_grounds", {{"type", "string"}}}}}}},
          {"urgent", {{"type", "object"}, {"nullable", true}, {"properties", {{"reasons", {{"type", "string"}}}}}}},
          {"fingerprints", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}},
      {"LawEnforcementVerification",
       {{"type", "object"},
        {"required", {"conditions_met", "reasons"}},
        {"properties", {{"conditions_met", {{"type", "boolean"}}}, {"reasons", {{"type", "string"}}}}}}},
      {"SubjectAccessRequest",
       {{"type", "object"},
        {"required", {"member_state", "received_on", "channel", "fingerprints"}},
        {"properties",
         {{"member_state", {{"type", "string"}, {"description", "The Member State the person asked (alpha-3)"}}},
          {"received_on", {{"type", "string"}, {"format", "date"}}},
          {"channel", {{"type", "string"}, {"enum", {"in_person", "written", "electronic", "representative"}}}},
          {"fingerprints", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}},
      {"TemporaryProtectionExtension",
       {{"type", "object"},
        {"required", {"decision", "protection_until", "basis"}},
        {"properties",
         {{"decision", {{"type", "string"}}},
          {"protection_until", {{"type", "string"}, {"format", "date"}}},
          {"basis", {{"type", "string"}}}}}}},
      {"MarkRequest",
       {{"type", "object"},
        {"required", {"mark"}},
        {"properties", {{"mark", {{"type", "string"}, {"enum", {"international_protection", "residence_document"}}}}}}}},
  };
  const ojson decisions = DecisionSchemas();
  for (const auto& [name, schema] : decisions.items()) schemas[name] = schema;
  schemas["RegistryAnswer"] = RegistryAnswer();
  const ojson records = RecordSchemas();
  for (const auto& [name, schema] : records.items()) schemas[name] = schema;
  const ojson responsibility_files = ResponsibilityFileSchemas();
  for (const auto& [name, schema] : responsibility_files.items()) schemas[name] = schema;
  const ojson monitoring = MonitoringSchemas();
  for (const auto& [name, schema] : monitoring.items()) schemas[name] = schema;
  const ojson planning = PlanningSchemas();
  for (const auto& [name, schema] : planning.items()) schemas[name] = schema;
  const ojson administration = AdministrationSchemas();
  for (const auto& [name, schema] : administration.items()) schemas[name] = schema;
  const ojson changes = RegistryChangeSchemas();
  for (const auto& [name, schema] : changes.items()) schemas[name] = schema;
  const ojson notifications = NotificationSchemas();
  for (const auto& [name, schema] : notifications.items()) schemas[name] = schema;
  const ojson law_enforcement = LawEnforcementSchemas();
  for (const auto& [name, schema] : law_enforcement.items()) schemas[name] = schema;
  return {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"description", "An API token (opk_...)"}}}}},
          {"schemas", schemas}};
}

// "Roles: a, b" from the matrix, for the route's description.
std::string WhoMay(auth::Action action) {
  std::string out;
  for (auth::Role r : auth::AllRoles()) {
    if (!auth::Allowed(r, action)) continue;
    out += (out.empty() ? "" : ", ") + std::string(auth::RoleName(r));
  }
  return "Action `" + std::string(auth::ActionName(action)) + "` (" + std::string(auth::ActionBasis(action)) +
         "). Roles: " + (out.empty() ? "none" : out) + ".";
}

}  // namespace

// The query of a monitoring report (api/server.cc, MonitoringQueryOf); `from` and `to` describe the
// date the files are selected on.
std::vector<ParamDoc> MonitoringParams(const char* from, const char* to) {
  return {{"member_state", "query", "string", "", true, "The Member State (alpha-3)"},
          {"from", "query", "string", "date", false, from},
          {"to", "query", "string", "date", false, to},
          {"at", "query", "string", "date", false, "The report's day (default today)"},
          {"sample", "query", "integer", "", false, "Files drawn at random, 0..50 (default 0)"},
          {"seed", "query", "string", "", false,
           "The draw's seed, to repeat a draw (default: a random one, stated in the report)"},
          kPurpose};
}

// The query of a work list of open files (api/server.cc, WorkListQueryOf).
std::vector<ParamDoc> WorkListParams() {
  return {{"member_state", "query", "string", "", true, "The Member State (alpha-3)"},
          {"due_by", "query", "string", "date", false, "Only those due by this day"},
          {"at", "query", "string", "date", false, "Count the days left from this day (default today in the Member State)"},
          {"limit", "query", "integer", "", false, "1..500 (default 100)"},
          kPurpose};
}

const std::vector<RouteDoc>& RouteDocs() {
  static const std::vector<RouteDoc> docs = {
      {"GET", "/healthz", "Liveness", "Answers {\"status\": \"ok\"} when the store answers; reveals nothing else.", {},
       "", 200, "ok", "application/json", {503}},
      {"GET", "/v1/openapi.json", "This document", "The API as OpenAPI 3.0, built from the route table the server enforces.",
       {}, "", 200, "The OpenAPI document", "application/json", {}},
      {"GET", "/v1/schemas/{name}", "A case document's JSON Schema",
       "The JSON Schema (draft 2020-12) of a decision endpoint's case document, field by field: "
       "procedure-case.schema.json, responsibility-case.schema.json, return-border-case.schema.json, "
       "reception-case.schema.json, protection-documents-case.schema.json, admission-case.schema.json, "
       "relocation-case.schema.json, temporary-protection-case.schema.json, return-case.schema.json. Open, like this "
       "document.",
       {{"name", "path", "string", "", true, "the schema's file name, e.g. procedure-case.schema.json"}}, "", 200,
       "the JSON Schema", "application/schema+json", {404}},
      {"GET", "/v1/version", "Version", "The program's version, the store backend and its schema version.", {}, "", 200,
       "name, version, store, schema_version", "application/json", {}, 0, "", "VersionInfo"},
      {"GET", "/metrics", "Metrics", "Request counts and latencies in the Prometheus text format.", {}, "", 200,
       "Prometheus text format 0.0.4", "text/plain", {}},
      {"GET", "/v1/tokens", "List API tokens", "Every token's id, name, role, Member State, creator and state; never the secret.",
       {}, "", 200, "tokens", "application/json", {503}, 0, "", "TokenList"},
      {"POST", "/v1/tokens", "Create an API token",
       "The secret is in this answer only; the store keeps its BLAKE2b hash. The token and its audit entry are kept "
       "together or not at all.",
       {}, "TokenRequest", 201, "id, name, role, member_state and the token (shown once)", "application/json", {422, 503},
       0, "", "TokenCreated"},
      {"GET", "/v1/audit/entries", "Audit entries", "Entries of the hash-chained audit log, oldest first.",
       {{"after", "query", "integer", "", false, "Only entries with a larger seq (default 0)"},
        {"limit", "query", "integer", "", false, "1..1000 (default 100)"}},
       "", 200, "entries", "application/json", {422, 503}, 0, "", "AuditEntries"},
      {"GET", "/v1/audit/verify", "Verify the audit log",
       "Checks the chain and the signed checkpoints; names the first altered, removed or reordered entry.", {}, "", 200,
       "the verification report", "application/json", {503}, 0, "", "AuditVerification"},
      {"POST", "/v1/decisions/procedure", "Decide a procedure",
       "Routes an application to the border, accelerated or regular procedure or declares it inadmissible, with every "
       "ground, its article and the deadlines (docs/rules.md).",
       {{"at", "query", "string", "date", false, "Decide as the policy data stood on this day (default today)"},
        {"X-Purpose", "header", "string", "", false, "Written to the audit log"}},
       "ProcedureCase", 200, "the decision", "application/json", {422}, 0, "", "ProcedureDecision"},
      {"POST", "/v1/decisions/responsibility", "Decide the Member State responsible",
       "Applies the AMMR's criteria in their order (Arts. 16, 24-33) and the take back situations (Arts. 36-38), with "
       "every criterion considered, the article and the take charge or take back time limits (docs/rules.md).",
       {{"at", "query", "string", "date", false, "Decide as of this day (default: the case's decision_date)"},
        {"record", "query", "string", "", false,
         "Add the Eurodac hits of this applicant's registry record to the case (needs registry.read too; audited as "
         "a registry read)"},
        {"X-Purpose", "header", "string", "", false, "Written to the audit log"}},
       "ResponsibilityCase", 200, "the decision", "application/json", {403, 404, 422}, 0, "", "ResponsibilityDecision"},
      {"POST", "/v1/decisions/responsibility/family", "Decide a family's cases together",
       "The family procedure (AMMR Art. 28): the cases of family members registered together in one Member State, "
       "{\"members\": [case, ...]}; where the criteria would separate them, all go to the Member State designated "
       "for most of them, else for the eldest.",
       {{"at", "query", "string", "date", false, "Decide as of this day (default: each case's decision_date)"},
        {"X-Purpose", "header", "string", "", false, "Written to the audit log"}},
       "FamilyProcedure", 200, "the family's decision and each member's", "application/json", {422}, 0, "", "FamilyDecision"},
      {"POST", "/v1/decisions/return-border", "Decide the return border procedure",
       "After a rejection in the asylum border procedure (Regulation (EU) 2024/1349): the day the right to remain "
       "ended (APR Arts. 10, 68), the maximum period at the border (Art. 4(2), in a crisis Art. 6), voluntary "
       "departure (Art. 4(5)) and detention (Art. 5), each with its article (docs/rules.md).",
       {{"at", "query", "string", "date", false, "Decide as of this day (default: the case's decision_date)"},
        {"X-Purpose", "header", "string", "", false, "Written to the audit log"}},
       "ReturnBorderCase", 200, "the decision", "application/json", {422}, 0, "", "ReturnBorderDecision"},
      {"POST", "/v1/decisions/reception", "Reception conditions' time limits",
       "The time limits Directive (EU) 2024/1346 sets for an applicant's reception, each the longest the Directive "
       "allows (national law may set shorter ones): information (Art. 5(1)), special reception needs (Art. 25(1)), "
       "an unaccompanied minor's representative (Art. 27(1)), education (Art. 16(2)), the labour market (Art. "
       "17(1)) and the judicial review of administrative detention (Art. 11(3)), each with its state "
       "(docs/rules.md).",
       {{"at", "query", "string", "date", false, "Decide as of this day (default: the case's decision_date)"},
        {"X-Purpose", "header", "string", "", false, "Written to the audit log"}},
       "ReceptionCase", 200, "the decision", "application/json", {422}, 0, "", "ReceptionDecision"},
      {"POST", "/v1/decisions/protection-documents", "A beneficiary's residence permit and travel documents",
       "Under Regulation (EU) 2024/1347: the residence permit at the latest 90 days after the grant is notified "
       "(Art. 24(2)), provisional measures without a permit within 15 days (Art. 20(3)), the least validity of the "
       "permit and its renewals, without a gap (Art. 24(4)), and travel documents valid for more than a year "
       "(Art. 25), each with its article (docs/rules.md).",
       {{"at", "query", "string", "date", false, "Decide as of this day (default: the case's decision_date)"},
        {"X-Purpose", "header", "string", "", false, "Written to the audit log"}},
       "ProtectionDocumentsCase", 200, "the decision", "application/json", {422}, 0, "", "ProtectionDocumentsDecision"},
      {"POST", "/v1/decisions/admission", "The resettlement and humanitarian admission procedure",
       "Under Regulation (EU) 2024/1350, Art. 9: the conclusion within seven months of the registration (ten for a "
       "complex case; emergency admission: within a month if possible), entry within twelve months of a positive "
       "conclusion, and how long the personal data are kept (Art. 9(12)), each with its article (docs/rules.md).",
       {{"at", "query", "string", "date", false, "Decide as of this day (default: the case's decision_date)"},
        {"X-Purpose", "header", "string", "", false, "Written to the audit log"}},
       "AdmissionCase", 200, "the decision", "application/json", {422}, 0, "", "AdmissionDecision"},
      {"POST", "/v1/decisions/relocation", "The relocation procedure",
       "Under Regulation (EU) 2024/1351, Art. 67: the answer of the Member State of relocation within one week of "
       "receiving the information (two weeks when deferred in time; silence confirms), the transfer decision within "
       "one week of the confirmation and its notice, and the transfer within four weeks, each with its article "
       "(docs/rules.md).",
       {{"at", "query", "string", "date", false, "Decide as of this day (default: the case's decision_date)"},
        {"X-Purpose", "header", "string", "", false, "Written to the audit log"}},
       "RelocationCase", 200, "the decision", "application/json", {422}, 0, "", "RelocationDecision"},
      {"POST", "/v1/decisions/temporary-protection", "Temporary protection for persons displaced from Ukraine",
       "Under Directive 2001/55/EC and Council Implementing Decision (EU) 2022/382: whether the person is covered and "
       "on which paragraph of its Art. 2 (or excluded, Directive Art. 28), the protection's last day as extended so "
       "far, the rights that follow and that Eurodac does not register the person (Regulation (EU) 2024/1358, Art. "
       "63(3)), each with its article (docs/rules.md).",
       {{"at", "query", "string", "date", false, "Decide as of this day (default: the case's decision_date)"},
        {"X-Purpose", "header", "string", "", false, "Written to the audit log"}},
       "TemporaryProtectionCase", 200, "the decision", "application/json", {422}, 0, "",
       "TemporaryProtectionDecision"},
      {"POST", "/v1/decisions/return", "Return under Directive 2008/115/EC",
       "Whether a return decision is due (Art. 6) or the return border procedure comes first, the period for "
       "voluntary departure and its end (Art. 7), removal and its postponement (Arts. 8-9), whether an entry ban is "
       "mandatory (Art. 11) and the latest day of detention (Art. 15(5)-(6)), each with its article (docs/rules.md).",
       {{"at", "query", "string", "date", false, "Decide as of this day (default: the case's decision_date)"},
        {"X-Purpose", "header", "string", "", false, "Written to the audit log"}},
       "ReturnCase", 200, "the decision", "application/json", {422}, 0, "", "ReturnDecision"},
      {"POST", "/v1/registry/records", "Transmit and store a Eurodac record",
       "Compares the record as Eurodac Art. 27 allows and stores it with the day its retention ends (Art. 29); 200 "
       "with stored false when it is not stored (C2a, a child under six).",
       {kPurpose}, "RegistryRecord", 201, "stored; the answer: id, stored, category, erase_on, hits, flags, legal_basis",
       "application/json", {409, 413, 422, 503}, 200, "compared, not stored (C2a, or a child under six)", "RegistryAnswer"},
      {"POST", "/v1/registry/search", "Compare a record without storing it", "The comparison of Art. 27; nothing is stored.",
       {kPurpose}, "RegistryRecord", 200, "the answer (stored false)", "application/json", {413, 422, 503}, 0, "", "RegistryAnswer"},
      {"GET", "/v1/registry/records", "A record by its reference number",
       "The record a Member State stored under its reference number (Art. 37(4)), without its templates.",
       {{"member_state", "query", "string", "", true, "Alpha-3 code"},
        {"reference", "query", "string", "", true, "The Member State's reference number"},
        kPurpose},
       "", 200, "the record", "application/json", {404, 422}, 0, "", "RegistryRecordView"},
      {"GET", "/v1/registry/records/{id}", "A record", "A stored record without its templates, with its links and status data.",
       {kPurpose}, "", 200, "the record", "application/json", {404}, 0, "", "RegistryRecordView"},
      {"DELETE", "/v1/registry/records/{id}", "Erase a record in advance",
       "Arts. 30 and 40(3); for citizenship the other Member States whose data it hit are notified (30(2)).",
       {{"reason", "query", "string", "", true, "citizenship_acquired, inaccurate or unlawfully_recorded"}, kPurpose}, "",
       200, "what was erased", "application/json", {404, 409, 422}, 0, "", "RecordErased"},
      {"POST", "/v1/registry/records/{id}/status", "Record status data",
       "Arts. 16, 17(2), 22(3), 23(3), 24(3); recording the Member State responsible notifies the other Member States "
       "(16(4)).",
       {kPurpose}, "StatusPatch", 200, "the record's status with each field's legal basis", "application/json", {404, 422},
       0, "", "StatusRecorded"},
      {"POST", "/v1/registry/records/{id}/rectify", "Rectify a record's person data",
       "Arts. 40(3), 43(4): only the Member State of origin; a date of birth showing a child under six when the data "
       "were taken is refused (Art. 14(1): erase the record instead).",
       {kPurpose}, "PersonPatch", 200, "the person data as now stored and the fields changed", "application/json",
       {404, 422}, 0, "", "PersonRectified"},
      {"POST", "/v1/registry/records/{id}/report", "Report inaccurate or unlawfully recorded data",
       "Art. 40(5): a Member State that saw the record through a hit (Art. 40(1)), or eu-LISA, tells the Member State "
       "of origin, which checks and rectifies or erases them.",
       {kPurpose}, "InaccuracyReport", 200, "the notification stored", "application/json", {404, 409, 422}, 0, "",
       "InaccuracyReported"},
      {"POST", "/v1/registry/records/{id}/return-transfers", "Ask to transfer data to a third country for return",
       "Art. 50: a Member State that obtained the record's data by a hit asks the Member State of origin to agree; "
       "only to identify an illegally staying person and issue a document for return, the person informed (50(3)).",
       {kPurpose}, "ReturnTransferRequest", 201, "the request stored", "application/json", {404, 409, 422}, 0, "",
       "ReturnTransferRequested"},
      {"POST", "/v1/registry/return-transfers/{id}/decision", "Agree to or refuse a transfer for return",
       "Art. 50(1): the Member State of origin's agreement, once; the requesting Member State is notified.",
       {kPurpose}, "ReturnTransferDecision", 200, "the answer recorded", "application/json", {404, 409, 422}, 0, "",
       "ReturnTransferDecided"},
      {"POST", "/v1/registry/records/{id}/verify", "The final identification of a hit",
       "Art. 38(4)-(6): confirmed keeps the link; rejected erases the hit and says by when eu-LISA must be told.",
       {kPurpose}, "VerifyRequest", 200, "the result", "application/json", {404, 409, 422}, 0, "", "HitVerified"},
      {"POST", "/v1/registry/records/{id}/mark", "Mark a record",
       "Art. 31(1) (protection) or 31(4) (residence document); the other Member States whose data it hit are notified.",
       {kPurpose}, "MarkRequest", 200, "the mark and the Member States notified", "application/json", {404, 409, 422}, 0,
       "", "RecordMarked"},
      {"DELETE", "/v1/registry/records/{id}/mark", "Remove a protection mark", "Art. 31(3): the status was withdrawn.",
       {kPurpose}, "", 200, "the record unmarked", "application/json", {404, 409}, 0, "", "RecordUnmarked"},
      {"POST", "/v1/registry/expire", "Erase the records whose retention ended",
       "Art. 29(10); the server also runs it at start and daily.",
       {{"at", "query", "string", "date", false, "Erase what ended before this day, not after today (default today)"},
        kPurpose},
       "", 200, "how many were erased, by category", "application/json", {422}, 0, "", "RecordsExpired"},
      {"GET", "/v1/registry/stats", "Registry statistics",
       "Counts only: records by category and Member State; with month, that month's Art. 12 figures, with year, the "
       "year's (Art. 12(2)); either with the datasets of Art. 12(1)(i) by year of birth and sex.",
       {{"month", "query", "string", "", false, "YYYY-MM"}, {"year", "query", "string", "", false, "YYYY (not with month)"},
        kPurpose}, "", 200, "the counts", "application/json", {422}, 0, "",
       "RegistryStats"},
      {"POST", "/v1/registry/subject-access", "A data subject's access request",
       "Art. 43: the person's fingerprints, given with the request, are compared with every stored dataset of every "
       "Member State; the datasets found are listed with the Member State that transmitted them and their status data, "
       "to be verified before disclosure (VERIFY_BEFORE_DISCLOSURE); the request is recorded (43(8)), the fingerprints "
       "are not kept (43(6)).",
       {kPurpose}, "SubjectAccessRequest", 200, "id, datasets, flags, notes", "application/json", {413, 422}, 0, "",
       "SubjectAccessAnswer"},
      {"POST", "/v1/registry/temporary-protection/extend", "Extend temporary-protection records' retention",
       "Art. 29(9): a Council implementing decision's records are kept, a year at a time on the anniversaries of its "
       "entry into force, while the protection lasts; never shortened.",
       {kPurpose}, "TemporaryProtectionExtension", 200, "records extended and their new erasure days", "application/json",
       {422}, 0, "", "RetentionExtended"},
      {"GET", "/v1/registry/notifications", "Notifications to the Member States",
       "What Eurodac told the Member States whose data a record hit (Arts. 16(4), 30(2), 31(1), (4)), oldest first, "
       "with each recipient's follow-up; a token bound to a Member State reads only its own.",
       {{"member_state", "query", "string", "", false, "Only this recipient (alpha-3)"},
        {"all", "query", "boolean", "", false, "Acknowledged notifications too (default false)"},
        {"after", "query", "string", "", false, "The page after this notification (the previous page's next)"},
        {"limit", "query", "integer", "", false, "1..500 (default 500)"},
        kPurpose},
       "", 200, "notifications, count, more, next", "application/json", {422}, 0, "", "RegistryNotifications"},
      {"POST", "/v1/registry/notifications/{id}/acknowledge", "Acknowledge a notification",
       "Records who read it and when, once.", {kPurpose}, "", 200, "acknowledged, at, by", "application/json", {404, 409},
       0, "", "NotificationAcknowledged"},
      {"POST", "/v1/law-enforcement/requests", "Submit a reasoned request for a law-enforcement comparison",
       "A designated authority's request (Eurodac Arts. 32(1), 33): refused, naming the field, unless every condition "
       "of Art. 33(1) is stated; stored pending the verifying authority's check (nothing is compared here).",
       {kPurpose}, "LawEnforcementRequest", 201, "id, status pending", "application/json", {409, 413, 422}, 0, "",
       "LawEnforcementSubmitted"},
      {"GET", "/v1/law-enforcement/requests/{id}", "A law-enforcement request and its result",
       "Its state, what Art. 51(2) documents (the data used as digests, not the fingerprints) and the result for the "
       "designated authority; a result erased under Art. 32(5) is null.",
       {kPurpose}, "", 200, "the request", "application/json", {404}, 0, "", "LawEnforcementView"},
      {"GET", "/v1/law-enforcement/requests", "The verifying authority's queue",
       "Requests awaiting verification (pending, or urgent and compared), oldest first, without results.",
       {{"all", "query", "boolean", "", false, "Every request, decided ones too"},
        {"after", "query", "string", "", false, "The page after this request (the previous page's next)"},
        {"limit", "query", "integer", "", false, "1..500 (default 500)"},
        kPurpose},
       "", 200, "count, more, next, requests", "application/json", {422}, 0, "", "LawEnforcementQueue"},
      {"POST", "/v1/law-enforcement/requests/{id}/verify", "Verify a law-enforcement request",
       "Arts. 6(2), 32: conditions met, the request is compared with every stored dataset (32(2)); not met, refused. "
       "An urgent request already forwarded and compared is confirmed, or its result erased (32(5)).",
       {kPurpose}, "LawEnforcementVerification", 200, "status, verification, the number of hits", "application/json",
       {404, 409, 422}, 0, "", "LawEnforcementVerified"},
      {"POST", "/v1/law-enforcement/requests/{id}/forward", "Forward an urgent request at once",
       "Art. 32(4): in exceptional urgency the verifying authority forwards a pending request that states one for "
       "immediate comparison and checks the conditions afterwards (then /verify).",
       {kPurpose}, "", 200, "status compared_pending_verification and the number of hits", "application/json",
       {404, 409}, 0, "", "LawEnforcementForwarded"},
      {"POST", "/v1/screenings", "Open a screening",
       "Regulation (EU) 2024/1356, Arts. 5, 7, 8: the file and the day its screening must end by (7 days at the "
       "external border, 3 in the territory, 4 after a stay of more than 72 hours). A token bound to a Member State "
       "opens that State's screenings only.",
       {kPurpose}, "ScreeningStart", 201, "the file, its time limit and its status", "application/json",
       {403, 422}, 0, "", "ScreeningOpened"},
      {"GET", "/v1/screenings", "The border guards' work list",
       "A Member State's open screenings, the nearest time limit first, with the days left and the checks (Art. "
       "8(5)) and form items (Art. 17(1)) still missing.",
       WorkListParams(),
       "", 200, "the work list", "application/json", {403, 422}, 0, "", "ScreeningWorkList"},
      {"GET", "/v1/screenings/{id}", "A screening file", "The file with its checks and form.", {kPurpose}, "", 200,
       "the file", "application/json", {404}, 0, "", "ScreeningFile"},
      {"POST", "/v1/screenings/{id}/record", "Record a check or form items",
       "Arts. 8(5), 17: a check with its outcome, screening-form items, or both, in one change; a check cannot be "
       "dated before the screening started, a date of birth not after it.",
       {kPurpose}, "ScreeningRecord", 200, "the file", "application/json", {404, 409, 422}, 0, "", "ScreeningFile"},
      {"POST", "/v1/screenings/{id}/close", "Close a screening with a referral",
       "Art. 18 (5(3) for the early endings): the referral must fit the application and the location; the form must "
       "be complete unless the time limit has passed (Art. 18(5)). The answer holds the screening form and the copy "
       "for the person without point (h) (Art. 17(3)).",
       {kPurpose}, "ScreeningClose", 200, "the closed file, its referral, the form for the person", "application/json",
       {404, 409, 422}, 0, "", "ScreeningClosed"},
      {"GET", "/v1/monitoring/screening/{id}", "A screening file, for the monitoring mechanism",
       "Regulation (EU) 2024/1356, Art. 10(2): the independent monitoring mechanism reads a file under its own right; "
       "a token bound to a Member State reads that State's files only.",
       {kPurpose}, "", 200, "the file", "application/json", {404}, 0, "", "ScreeningFile"},
      {"GET", "/v1/monitoring/screening", "Fundamental-rights monitoring of screening",
       "The independent monitoring mechanism's report on one Member State's screening files (Regulation (EU) "
       "2024/1356, Art. 10(2)): the files past "
       "the time limit of Art. 8(3)-(4), full screenings closed without an element of Art. 8(5) recorded, minors' "
       "files, applicants not referred to the asylum authorities, and files drawn at random for a spot check. "
       "A token bound to a Member State reads that State's files only. Audited as a read of personal data.",
       MonitoringParams("First event date (default: the first)", "Last event date (default: the last)"),
       "", 200, "the report", "application/json", {422}, 0, "", "ScreeningMonitoringReport"},
      {"POST", "/v1/border-procedures", "Open a border procedure file",
       "Regulation (EU) 2024/1348, Arts. 43-54: the body is a procedure case; it is decided, and a file is opened "
       "when the decision routes the application to the border procedure (else 409), with its time limit (Art. "
       "51(2)) from the registration (else 422 naming application.registered_on). The case itself is not kept.",
       {kPurpose}, "ProcedureCase", 201, "the file with the decision", "application/json", {403, 409, 422}, 0, "",
       "BorderProcedureFile"},
      {"GET", "/v1/border-procedures", "The determining authority's work list",
       "A Member State's open border procedures, the nearest time limit (Art. 51(2)) first, with the days left, "
       "detention and whether an exception recorded ends the procedure (Art. 53).",
       WorkListParams(),
       "", 200, "the work list", "application/json", {403, 422}, 0, "", "BorderProcedureWorkList"},
      {"GET", "/v1/border-procedures/{id}", "A border procedure file", "The file with its decision and events.",
       {kPurpose}, "", 200, "the file", "application/json", {404}, 0, "", "BorderProcedureFile"},
      {"POST", "/v1/border-procedures/{id}/record", "Record an event of the border procedure",
       "Detention and release (Art. 54(1); Directive (EU) 2024/1346, Arts. 10-13), an unaccompanied minor found by an "
       "age assessment (Art. 53(1)) or an exception (Art. 53(2)(a)-(e)), in the order they happened; the answer "
       "flags border_procedure_ends where the event ends the border procedure.",
       {kPurpose}, "BorderProcedureEvent", 200, "the file and its flags", "application/json", {404, 409, 422}, 0, "",
       "BorderProcedureFile"},
      {"POST", "/v1/border-procedures/{id}/close", "Close a border procedure file",
       "How the applicant left the procedure: entry at the end of the time limit only once it has run (Art. 51(2)), "
       "entry for an exception only with one recorded (Art. 53); a late closing, an exception not followed and a "
       "detention not ended are flagged.",
       {kPurpose}, "BorderProcedureClose", 200, "the closed file, its outcome and flags", "application/json",
       {404, 409, 422}, 0, "", "BorderProcedureFile"},
      {"POST", "/v1/responsibility-files", "Open a responsibility file",
       "Regulation (EU) 2024/1351, Part III: the body is a responsibility case, kept as the file's first version and "
       "decided on its decision_date. With received_by, the file is a request that State received (Arts. 40-41): the "
       "case as the requesting State stated it (member_state the sender, the request's day as sent), decided by the "
       "same engine so that both States compute the reply's limit, a silence's acceptance and the transfer's limits "
       "alike; the answer's received says where the case does not designate the receiving State or records no "
       "request sent.",
       {{"received_by", "query", "string", "", false,
         "A request this Member State received (alpha-3; not the case's member_state)"},
        kPurpose}, "ResponsibilityCase", 201, "the file with the decision", "application/json", {403, 422}, 0, "",
       "ResponsibilityFile"},
      {"GET", "/v1/responsibility-files", "The responsibility files' work list",
       "A Member State's open files, each decided on the day (at, default today in the Member State), with the time "
       "limits not yet met (requests, replies, transfer decision, transfer: AMMR Arts. 39-46), the nearest first; "
       "files without a pending limit last. With received=true, the requests it received instead.",
       [] {
         std::vector<ParamDoc> p = WorkListParams();
         p.insert(p.end() - 1, ParamDoc{"received", "query", "boolean", "", false,
                                        "true: the requests the Member State received (default false: its own files)"});
         return p;
       }(), "", 200, "the work list", "application/json", {403, 422}, 0, "", "ResponsibilityFileWorkList"},
      {"GET", "/v1/responsibility-files/{id}", "A responsibility file",
       "The file, its versions, the case of one version (default the newest) and its decision.",
       {{"version", "query", "integer", "", false, "The version shown (0 or none: the newest)"},
        {"at", "query", "string", "date", false, "Decide on this day (default: the case's decision_date)"},
        kPurpose},
       "", 200, "the file", "application/json", {404, 422}, 0, "", "ResponsibilityFileShown"},
      {"POST", "/v1/responsibility-files/{id}/case", "Record a new version of the file's case",
       "The body is the whole responsibility case as it now stands (a request sent, a reply, the transfer decision, "
       "an appeal, the transfer); the older versions stay as recorded. The deciding Member State cannot change (422 "
       "naming member_state); a closed file takes no new version (409).",
       {kPurpose}, "ResponsibilityCase", 200, "the file with the new decision", "application/json", {404, 409, 422}, 0,
       "", "ResponsibilityFile"},
      {"POST", "/v1/responsibility-files/{id}/close", "Close a responsibility file",
       "With the caseworker's outcome; flagged where the newest case says otherwise (no transferred_on for a "
       "transfer, another State designated for examined_here).",
       {kPurpose}, "ResponsibilityFileClose", 200, "the closed file and its flags", "application/json",
       {404, 409, 422}, 0, "", "ResponsibilityFileClosed"},
      {"GET", "/v1/planning/responsibility-files", "The outgoing responsibility procedures counted",
       "Regulation (EU) 2024/1351, Art. 9(3)(a)(x)-(xi), Art. 80: one Member State's take charge requests, take back "
       "notifications, acceptances, transfer decisions and transfers in a period, by the Member State designated, "
       "from the newest version of each responsibility file kept, the requests received by the State that sent them, "
       "and the time limits that ended in the period unmet or met late, by the State on whom each ran (each file's "
       "newest case decided on the period's last day, or today) (counts only; audited, since it reads the store).",
       {{"member_state", "query", "string", "", true, "alpha-3"},
        {"from", "query", "string", "date", false, "First day counted (default: none)"},
        {"to", "query", "string", "date", false,
         "Last day counted (default: none); the time limits passed are decided on it (default: today)"},
        kPurpose},
       "", 200, "the counts", "application/json", {403, 422}, 0, "", "ResponsibilityFileReport"},
      {"POST", "/v1/responsibility-files/{id}/erase", "Erase a responsibility file",
       "The file and every version of it, for a stated reason (Regulation (EU) 2016/679, Art. 17(1)(a), (d)); the "
       "AMMR sets no period for keeping the file, so nothing erases it by itself.",
       {kPurpose}, "ResponsibilityFileErase", 200, "what was erased", "application/json", {404, 422}, 0, "",
       "ResponsibilityFileErased"},
      {"POST", "/v1/responsibility-files/{id}/family", "Join a family (AMMR Art. 28)",
       "The file joins the family of another open file of the same Member State (forming one where it has none); "
       "from then on the newest case of each file of the family is decided with the others': the Member State the "
       "criteria designate for most of them, else for the eldest, where the criteria alone would separate them "
       "(Dublin III Art. 11 for applications registered before 1 July 2026). Refused, changing nothing, for a closed "
       "file or one in another family (409), another Member State's file or a family the engine cannot decide "
       "together (422, e.g. members on both sides of 1 July 2026).",
       {kPurpose}, "ResponsibilityFileFamilyJoin", 200, "the family decided", "application/json", {404, 409, 422}, 0,
       "", "ResponsibilityFileFamilyJoined"},
      {"DELETE", "/v1/responsibility-files/{id}/family", "Leave the family",
       "The file is decided alone again and the others without it (a family left with one file is dissolved); "
       "refused, changing nothing, where they can no longer be decided together.",
       {kPurpose}, "", 200, "the file decided alone", "application/json", {404, 409, 422}, 0, "",
       "ResponsibilityFileFamilyLeft"},
      {"POST", "/v1/border-procedures/{id}/erase", "Erase a border procedure file before its time",
       "Regulation (EU) 2024/1348, Art. 72(1): the data are erased as soon as the Member State learns that the person "
       "acquired the citizenship of a Member State; the file is deleted whole, open or closed. Files whose ten years "
       "from the final decision ran are erased by the server's daily pass (border-procedure expire).",
       {kPurpose}, "BorderProcedureErase", 200, "what was erased", "application/json", {404, 422}, 0, "",
       "BorderProcedureErased"},
      {"POST", "/v1/border-procedures/{id}/return", "Start the return border procedure",
       "Regulation (EU) 2024/1349, Art. 4: after a rejection (the file closed with no_right_to_remain), the body is a "
       "return border case of the same Member State; its decision gives the day the right to remain ended and the "
       "maximum period (12 weeks; 18 in a crisis). 409 where the file did not end in a rejection, the procedure "
       "began already, or the decision finds it does not apply.",
       {kPurpose}, "ReturnBorderCase", 200, "the file with its return border procedure", "application/json",
       {404, 409, 422}, 0, "", "BorderProcedureFile"},
      {"POST", "/v1/border-procedures/{id}/return/close", "End the return border procedure",
       "departed, removed, return_directive (Art. 4(4), once the maximum period has run) or absconded; an end after "
       "the maximum period and a detention not ended are flagged (Art. 5(4)).",
       {kPurpose}, "BorderProcedureReturnClose", 200, "the file and its flags", "application/json", {404, 409, 422}, 0,
       "", "BorderProcedureFile"},
      {"GET", "/v1/monitoring/border-procedure/{id}", "A border procedure file, for the monitoring mechanism",
       "Regulation (EU) 2024/1348, Art. 43(4): the monitoring mechanism reads a file under its own right; a token "
       "bound to a Member State reads that State's files only.",
       {kPurpose}, "", 200, "the file", "application/json", {404}, 0, "", "BorderProcedureFile"},
      {"GET", "/v1/monitoring/border-procedure", "Fundamental-rights monitoring of the border procedure",
       "The report Art. 43(4) of Regulation (EU) 2024/1348 calls for, on one Member State's files: past the time "
       "limit of Art. 51(2), unaccompanied minors outside Art. 42(3)(b) (Art. 53(1)), exceptions of Art. 53(2) not "
       "followed, who is detained, outcomes, durations and files drawn at random. Audited as a read of personal data.",
       MonitoringParams("First registration date (default: the first)", "Last registration date (default: the last)"),
       "", 200, "the report", "application/json", {422}, 0, "", "BorderProcedureMonitoringReport"},
      {"POST", "/v1/border-places", "Record a change to the places of the border procedure",
       "Regulation (EU) 2024/1348, Art. 54(3): a place designated with the persons it can hold, a change of "
       "capacity, or a withdrawal, in the order they take effect (409 for one dated on or before the last, a place "
       "designated twice, or a change to one not designated); never rewritten.",
       {kPurpose}, "BorderPlaceChange", 201, "the place as of the change", "application/json", {403, 409, 422}, 0, "",
       "BorderPlace"},
      {"POST", "/v1/border-places/notified", "Record when the Commission was notified of a change",
       "Art. 54(3): once per change (409 when recorded already, or for a capacity change, of which no notification is "
       "asked); 404 where no such change is recorded.",
       {kPurpose}, "BorderPlaceNotified", 200, "the place", "application/json", {403, 404, 409, 422}, 0, "",
       "BorderPlace"},
      {"GET", "/v1/border-places", "The register of the places of the border procedure",
       "Art. 54(3): each place with its changes, whether it is designated on the day and its capacity, and each "
       "change's notification (due by 11 April 2026 for the places in use from 12 June 2026, within two months for a "
       "later designation or withdrawal); no personal data.",
       {{"member_state", "query", "string", "", true, "The Member State (alpha-3)"},
        {"at", "query", "string", "date", false, "The day (default today in the Member State)"},
        kPurpose},
       "", 200, "the register", "application/json", {403, 422}, 0, "", "BorderPlaces"},
      {"GET", "/v1/planning/border-procedure", "How full the border procedure is",
       "Regulation (EU) 2024/1348, Arts. 47-48: the applicants in the border procedure on a day (the stored border "
       "procedure files) against the Member State's adequate capacity, with the persons in the return border "
       "procedure when given (48(1): the notification to the Commission; 48(2)-(3): the 42(1)(j) cases), and the "
       "applications examined this year against the annual maximum (47(3)). Counts only; audited.",
       {{"member_state", "query", "string", "", true, "The Member State (alpha-3)"},
        {"at", "query", "string", "date", false, "The day (default today in the Member State)"},
        {"return_border", "query", "integer", "", false, "Persons in the return border procedure that day"},
        kPurpose},
       "", 200, "the occupancy", "application/json", {422}, 0, "", "BorderProcedureOccupancy"},
      {"GET", "/v1/planning/solidarity", "Solidarity pool and fair shares",
       "Each Member State's fair share of the year's pool (AMMR Arts. 12, 66: half population, half GDP), from the "
       "published figures shipped in data/reference with their sources; missing inputs are listed, never guessed.",
       {{"year", "query", "integer", "", false, "The pool's year (default 2026)"},
        {"eur_per_relocation", "query", "number", "", false, "Euro per relocation for financial equivalence (default 20000)"}},
       "", 200, "the report (as `openpact --json solidarity report`)", "application/json", {422}, 0, "", "SolidarityReport"},
      {"POST", "/v1/planning/solidarity", "Solidarity pool, fair shares and pledges",
       "As GET /v1/planning/solidarity, with the pledges given in the body: each pledge against the State's fair "
       "share, the mandatory-offset test of AMMR Art. 63(3) and, with relocations_accepted, the year-end offsets of "
       "Art. 63(5). Computes only; nothing is stored.",
       {}, "SolidarityRequest", 200, "the report (as `openpact --json solidarity report --pledges FILE`)",
       "application/json", {422}, 0, "", "SolidarityReport"},
      {"POST", "/v1/planning/offset-request", "A request for offsets instead of relocations",
       "Regulation (EU) 2024/1351, Arts. 63(1)-(2), 63(7), 69: whether a beneficiary may ask a contributor to take "
       "responsibility for applications instead of relocations (the pledges reaching half the Commission's proposal, "
       "or the contributor's offer after pledging half its fair share as relocations), the contributor's cap, and "
       "the day its answer is due (30 days from receipt). Computes only; nothing is stored.",
       {}, "OffsetRequest", 200, "the assessment (as `openpact solidarity offset-request`)", "application/json",
       {422}, 0, "", "OffsetRequestReport"},
      {"POST", "/v1/planning/crisis-offsets", "Responsibility offsets in a crisis",
       "Regulation (EU) 2024/1359, Art. 9: whether the relocation commitments of a Council implementing decision "
       "fall short of its relocation needs, how many applications contributing Member States take responsibility for "
       "(capped by those meeting AMMR Art. 63(8)), whether the High-Level Forum must be convened (9(2)), the two "
       "exclusions (9(1), second subparagraph), and an indicative split with what each State may later deduct "
       "(9(4)). Computes only; nothing is stored.",
       {}, "CrisisOffsetRequest", 200, "the report (as `openpact --json solidarity crisis-offsets`)", "application/json",
       {422}, 0, "", "CrisisOffsetReport"},
      {"GET", "/v1/planning/capacity", "Adequate capacity for the border procedure",
       "Published adequate capacities and annual maximums (APR Arts. 46-47) in force on a day.",
       {{"at", "query", "string", "date", false, "Default 2026-06-12"}}, "", 200,
       "the report (as `openpact --json capacity report`)", "application/json", {422}, 0, "", "CapacityReport"},
      {"GET", "/v1/planning/routes", "Irregular crossings by route",
       "Frontex detections by route and month: totals, shares, changes, trend, change points.",
       {{"from", "query", "string", "", true, "First month, YYYY-MM"}, {"to", "query", "string", "", true, "Last month, YYYY-MM"}},
       "", 200, "the report (as `openpact --json stats routes`)", "application/json", {422}, 0, "", "RoutesReport"},
      {"GET", "/v1/planning/low-recognition", "Nationalities at or below the 20 % recognition rate",
       "APR Art. 42(1)(j): the nationalities whose EU-wide recognition rate for a year is at or below the threshold, "
       "and those without a usable figure.",
       {{"year", "query", "integer", "", true, "Reference year"}}, "", 200,
       "the report (as `openpact --json stats low-recognition`)", "application/json", {422}, 0, "", "LowRecognitionReport"},
      {"GET", "/v1/planning/indicators", "The annual report's situation picture on published figures",
       "Regulation (EU) 2024/1351, Art. 9(3)(a): for a year, asylum applicants per Member State against population "
       "and the reference key of Art. 66, the main citizenships with the APR recognition rate, refusals of entry, "
       "temporary protection, Dublin and Union figures, each with its source and the point it informs; the points "
       "the figures do not cover are listed in missing_inputs.",
       {{"year", "query", "integer", "", true, "Reference year (2022-2024 in the shipped data)"},
        {"top", "query", "integer", "", false, "Citizenships listed, 1-200 (default 10)"}},
       "", 200, "the report (as `openpact --json stats indicators`)", "application/json", {422}, 0, "",
       "IndicatorsReport"},
  };
  return docs;
}

std::string OpenApiDocument(const std::string& version) {
  ojson paths = ojson::object();
  for (const RouteInfo& route : Server::Routes()) {
    const RouteDoc* doc = nullptr;
    for (const RouteDoc& d : RouteDocs()) {
      if (route.method == d.method && route.path == d.path) doc = &d;
    }
    ojson op = ojson::object();
    op["summary"] = doc != nullptr ? doc->summary : route.path;
    std::string description = doc != nullptr ? doc->description : "";
    if (route.needs_token) description += (description.empty() ? "" : " ") + WhoMay(route.action);
    op["description"] = description;
    op["operationId"] = route.method + " " + route.path;
    ojson params = ojson::array();
    if (route.path.find("{id}") != std::string::npos) {
      params.push_back({{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    ojson responses = ojson::object();
    if (doc != nullptr) {
      for (const ParamDoc& p : doc->params) params.push_back(ParamJson(p));
      if (*doc->body_schema != '\0') {
        op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", Ref(doc->body_schema)}}}}}};
      }
      ojson ok = {{"description", doc->success_description}};
      if (std::string(doc->success_type) == "text/plain") {
        ok["content"] = {{"text/plain", {{"schema", {{"type", "string"}}}}}};
      } else if (std::string(doc->success_type) == "application/schema+json") {
        ok["content"] = {{"application/schema+json", {{"schema", {{"type", "object"}}}}}};
      } else {
        const ojson schema = *doc->success_schema != '\0' ? Ref(doc->success_schema) : ojson{{"type", "object"}};
        ok["content"] = {{"application/json", {{"schema", schema}}}};
      }
      responses[std::to_string(doc->success)] = ok;
    }
    std::vector<int> errors = doc != nullptr ? doc->errors : std::vector<int>{};
    // The server reads no body over its limit (server.cc, kMaxBodyBytes): any route taking one may
    // answer 413, whether or not it also bounds what it reads itself.
    if (doc != nullptr && *doc->body_schema != '\0' && std::find(errors.begin(), errors.end(), 413) == errors.end()) {
      errors.push_back(413);
    }
    if (route.needs_token) {
      errors.push_back(401);
      errors.push_back(403);
      op["security"] = ojson::array({{{"bearer", ojson::array()}}});
    }
    if (doc != nullptr && doc->other_success != 0) {
      const ojson schema = *doc->success_schema != '\0' ? Ref(doc->success_schema) : ojson{{"type", "object"}};
      responses[std::to_string(doc->other_success)] = {{"description", doc->other_success_description},
                                                        {"content", {{"application/json", {{"schema", schema}}}}}};
    }
    for (int status : errors) {
      responses[std::to_string(status)] = {
          {"description", ReasonPhrase(status)},
          {"content", {{"application/problem+json", {{"schema", Ref("Problem")}}}}}};
    }
    if (!params.empty()) op["parameters"] = params;
    op["responses"] = responses;
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[route.path][method] = op;
  }
  ojson doc = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "OpenPact API"},
        {"version", version},
        {"description", "The EU Pact on Migration and Asylum's operational system: the Eurodac registry, the rules "
                        "engine and the audit log. Errors are RFC 9457 problem details; every call under /v1/ (but "
                        "this document) and /metrics needs a bearer token whose role the role x action matrix allows "
                        "(docs/security.md)."}}},
      {"paths", paths},
      {"components", Components()},
  };
  return doc.dump(2);
}

}  // namespace openpact::api
