// The request bodies of the planning reports (POST /v1/planning/solidarity and
// /v1/planning/crisis-offsets): JSON objects holding the CLI's options, each named as the option
// without its dashes. Kept beside the computations they feed, so that the module owns its input
// contract and the fuzz target (fuzz/planning_fuzz.cc) reaches it without a server.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/json_parse.h"
#include "solidarity/solidarity.h"

namespace openpact::solidarity {
namespace {
using json = nlohmann::json;

// The body's optional "year" into `year` (unchanged when absent): a whole number 1..9999.
Status ReadYear(const json& body, int* year) {
  if (!body.contains("year")) return Status::OK();
  const json& v = body["year"];
  if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 9999) {
    return Status::InvalidArgument("must be a year, e.g. 2026", "year");
  }
  *year = v.get<int>();
  return Status::OK();
}

// The member "pledges" of a request body: alpha-3 code -> {relocations, financial_eur,
// alternative_eur, relocations_accepted, relocations_reduced}; the amounts are checked by the
// computations.
Status ReadPledges(const json& body, std::map<std::string, Pledge>* out) {
  if (!body.contains("pledges")) return Status::OK();
  const json& pledges = body["pledges"];
  if (!pledges.is_object()) return Status::InvalidArgument("must be an object: alpha-3 code -> pledge", "pledges");
  for (auto it = pledges.begin(); it != pledges.end(); ++it) {
    const std::string at = "pledges." + it.key();
    if (!it.value().is_object()) return Status::InvalidArgument("must be an object", at);
    Pledge p;
    for (auto m = it.value().begin(); m != it.value().end(); ++m) {
      if (!m.value().is_number()) return Status::InvalidArgument("must be a number", at + "." + m.key());
      const double v = m.value().get<double>();
      if (m.key() == "relocations") {
        p.relocations = v;
      } else if (m.key() == "financial_eur") {
        p.financial_eur = v;
      } else if (m.key() == "alternative_eur") {
        p.alternative_eur = v;
      } else if (m.key() == "relocations_accepted") {
        p.relocations_accepted = v;
      } else if (m.key() == "relocations_reduced") {
        p.relocations_reduced = v;
      } else {
        return Status::InvalidArgument("unknown field", at + "." + m.key());
      }
    }
    (*out)[it.key()] = p;
  }
  return Status::OK();
}

// The member "crisis_deductions" of a request body (Crisis Reg. Art. 9(4)): alpha-3 code ->
// {applications, authorised_by}; the amounts are checked by the computations.
Status ReadCrisisDeductions(const json& body, std::map<std::string, CrisisDeduction>* out) {
  if (!body.contains("crisis_deductions")) return Status::OK();
  const json& deductions = body["crisis_deductions"];
  if (!deductions.is_object()) {
    return Status::InvalidArgument("must be an object: alpha-3 code -> {applications, authorised_by}",
                                   "crisis_deductions");
  }
  for (auto it = deductions.begin(); it != deductions.end(); ++it) {
    const std::string at = "crisis_deductions." + it.key();
    const json& d = it.value();
    if (!d.is_object()) return Status::InvalidArgument("must be an object {applications, authorised_by}", at);
    for (auto m = d.begin(); m != d.end(); ++m) {
      if (m.key() != "applications" && m.key() != "authorised_by") {
        return Status::InvalidArgument("unknown field", at + "." + m.key());
      }
    }
    CrisisDeduction c;
    if (!d.contains("applications") || !d["applications"].is_number()) {
      return Status::InvalidArgument("required: a whole number of applications", at + ".applications");
    }
    c.applications = d["applications"].get<double>();
    if (!d.contains("authorised_by") || !d["authorised_by"].is_string()) {
      return Status::InvalidArgument("required: the Commission implementing act (Art. 9(5))", at + ".authorised_by");
    }
    c.authorised_by = d["authorised_by"].get<std::string>();
    (*out)[it.key()] = c;
  }
  return Status::OK();
}

}  // namespace

// The body of POST /v1/planning/crisis-offsets: the options of `solidarity crisis-offsets`, each
// field named as the option without its dashes (AsQueryField turns the module's errors back).
Result<CrisisOffsetOptions> CrisisOffsetOptionsFromJson(std::string_view text) {
  OP_ASSIGN_OR_RETURN(json body, ParseJsonObject(text, {"year", "member_state", "relocation_needs", "relocations_committed",
                                                  "commitments", "eligible_applications", "other_beneficiaries_uncovered", "financial_needs_eur",
                                                  "temporary_protection_article_11_disapplied",
                                                  "article_13_authorised", "not_contributing", "decision_ends",
                                                  "crisis_deductions"}));
  const auto whole = [](const json& v, const std::string& field) -> Result<long long> {
    if (!v.is_number_integer()) return Status::InvalidArgument("must be a whole number", field);
    return v.get<long long>();
  };
  CrisisOffsetOptions o;
  OP_RETURN_IF_ERROR(ReadYear(body, &o.year));
  OP_ASSIGN_OR_RETURN(o.member_state, OptionalStringMember(body, "member_state"));
  for (auto [key, target] : {std::pair{"relocation_needs", &o.relocation_needs},
                             std::pair{"relocations_committed", &o.relocations_committed},
                             std::pair{"eligible_applications", &o.eligible_applications},
                             std::pair{"other_beneficiaries_uncovered", &o.other_beneficiaries_uncovered}}) {
    if (!body.contains(key) || body[key].is_null()) continue;
    OP_ASSIGN_OR_RETURN(long long n, whole(body[key], key));
    *target = n;
  }
  if (body.contains("financial_needs_eur") && !body["financial_needs_eur"].is_null()) {
    if (!body["financial_needs_eur"].is_number()) {
      return Status::InvalidArgument("must be an amount in euro", "financial_needs_eur");
    }
    o.financial_needs_eur = body["financial_needs_eur"].get<double>();
  }
  if (body.contains("commitments")) {
    const json& c = body["commitments"];
    if (!c.is_object()) return Status::InvalidArgument("must be an object: alpha-3 code -> relocations", "commitments");
    for (auto it = c.begin(); it != c.end(); ++it) {
      OP_ASSIGN_OR_RETURN(o.commitments[it.key()], whole(it.value(), "commitments." + it.key()));
    }
  }
  for (auto [key, target] : {std::pair{"temporary_protection_article_11_disapplied", &o.temporary_protection_article_11_disapplied},
                             std::pair{"article_13_authorised", &o.article_13_authorised}}) {
    if (!body.contains(key)) continue;
    if (!body[key].is_boolean()) return Status::InvalidArgument("must be true or false", key);
    *target = body[key].get<bool>();
  }
  if (body.contains("not_contributing")) {
    const json& n = body["not_contributing"];
    if (!n.is_array()) return Status::InvalidArgument("must be an array of alpha-3 codes", "not_contributing");
    for (const json& code : n) {
      if (!code.is_string()) return Status::InvalidArgument("must be an array of alpha-3 codes", "not_contributing");
      o.not_contributing.push_back(code.get<std::string>());
    }
  }
  OP_ASSIGN_OR_RETURN(o.decision_ends, OptionalDateMember(body, "decision_ends"));
  OP_RETURN_IF_ERROR(ReadCrisisDeductions(body, &o.crisis_deductions));
  return o;
}

// The body of POST /v1/planning/solidarity: the report's options with the pledges (ReadPledges),
// what the CLI reads from a pledges file, and the crisis deductions (ReadCrisisDeductions).
// ComputeSolidarity checks the amounts.
Result<SolidarityOptions> SolidarityOptionsFromJson(std::string_view text) {
  OP_ASSIGN_OR_RETURN(json body, ParseJsonObject(text, {"year", "eur_per_relocation", "pledges", "crisis_deductions"}));
  SolidarityOptions o;
  OP_RETURN_IF_ERROR(ReadYear(body, &o.year));
  if (body.contains("eur_per_relocation")) {
    const json& v = body["eur_per_relocation"];
    if (!v.is_number() || !(v.get<double>() > 0)) return Status::InvalidArgument("must be a positive amount in euro", "eur_per_relocation");
    o.eur_per_relocation = v.get<double>();
  }
  OP_RETURN_IF_ERROR(ReadCrisisDeductions(body, &o.crisis_deductions));
  OP_RETURN_IF_ERROR(ReadPledges(body, &o.pledges));
  return o;
}

Result<OffsetRequestOptions> OffsetRequestOptionsFromJson(std::string_view text) {
  OP_ASSIGN_OR_RETURN(json body, ParseJsonObject(text, {"year", "requesting", "requested", "applications",
                                                        "received_on", "pledges", "offered"}));
  OffsetRequestOptions o;
  OP_RETURN_IF_ERROR(ReadYear(body, &o.year));
  OP_ASSIGN_OR_RETURN(o.requesting, OptionalStringMember(body, "requesting"));
  OP_ASSIGN_OR_RETURN(o.requested, OptionalStringMember(body, "requested"));
  if (body.contains("applications") && !body["applications"].is_null()) {
    if (!body["applications"].is_number_integer()) return Status::InvalidArgument("must be a whole number", "applications");
    o.applications = body["applications"].get<long long>();
  }
  OP_ASSIGN_OR_RETURN(o.received_on, OptionalDateMember(body, "received_on"));
  if (body.contains("offered")) {
    if (!body["offered"].is_boolean()) return Status::InvalidArgument("must be true or false", "offered");
    o.offered = body["offered"].get<bool>();
  }
  OP_RETURN_IF_ERROR(ReadPledges(body, &o.pledges));
  return o;
}

}  // namespace openpact::solidarity
