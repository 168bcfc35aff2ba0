// A beneficiary's request that a contributor take responsibility for applications instead of
// relocations (Regulation (EU) 2024/1351, Arts. 63(1)-(2), (7) and 69), set against the year's pool.
#include <nlohmann/json.hpp>

#include "core/json_writer.h"
#include "core/time_limits.h"
#include "solidarity/solidarity.h"

namespace openpact::solidarity {
namespace {

using json = nlohmann::ordered_json;

const std::string kAmmr = "Regulation (EU) 2024/1351, ";

const MemberStateShare* RowOf(const SolidarityReport& r, const std::string& code) {
  for (const MemberStateShare& m : r.member_states) {
    if (m.code == code) return &m;
  }
  return nullptr;
}

}  // namespace

Result<OffsetRequestReport> ComputeOffsetRequest(const ReferenceData& ref, const rules::RulesData& rules,
                                                 const OffsetRequestOptions& o) {
  const CountryRegistry& countries = rules.countries;
  if (o.requesting.empty()) return Status::InvalidArgument("required: the beneficiary asking (alpha-3)", "requesting");
  if (o.requested.empty()) return Status::InvalidArgument("required: the contributor asked (alpha-3)", "requested");
  OP_RETURN_IF_ERROR(countries.ValidateMemberState(o.requesting, "requesting"));
  OP_RETURN_IF_ERROR(countries.ValidateMemberState(o.requested, "requested"));
  if (o.requesting == o.requested) return Status::InvalidArgument("a Member State does not ask itself", "requested");
  if (!o.applications) return Status::InvalidArgument("required: the number of applications asked for", "applications");
  if (*o.applications < 1 || *o.applications > 100'000'000) {
    return Status::InvalidArgument("want a whole number from 1 to 100000000", "applications");
  }
  // The pool, its key, its pledges (Art. 63(1)-(2)) and the contributors' caps (63(7)).
  SolidarityOptions pool;
  pool.year = o.year;
  pool.pledges = o.pledges;
  OP_ASSIGN_OR_RETURN(const SolidarityReport s, ComputeSolidarity(ref, rules, pool));
  const MemberStateShare* asking = RowOf(s, o.requesting);
  const MemberStateShare* asked = RowOf(s, o.requested);
  if (asking == nullptr || asked == nullptr) return Status::Internal("a Member State missing from the key");

  OffsetRequestReport r;
  r.year = o.year;
  r.requesting = o.requesting;
  r.requesting_name = asking->name;
  r.requesting_role = asking->role;
  r.requested = o.requested;
  r.requested_name = asked->name;
  r.requested_role = asked->role;
  r.applications = *o.applications;
  r.received_on = o.received_on;
  r.threshold_reached = s.voluntary_offsets_threshold_reached;
  r.requested_may_offer = asked->may_offer_offsets;
  r.missing_inputs = s.missing_inputs;
  auto finding = [&](const std::string& article, const std::string& text) {
    r.findings.push_back({kAmmr + article, text});
  };

  // Who may ask whom.
  bool blocked = false, unknown = false;
  if (asking->role != "beneficiary") {
    unknown = true;
    finding("Art. 63(1)", asking->name + " is not among the Member States the Commission's decision found under "
                              "migratory pressure (" + s.pressure_act + "): it asks only as a beneficiary, which it "
                              "may have become under Art. 59(4) (not recorded here)");
  }
  if (!asked->takes_part) {
    blocked = true;
    finding("Art. 63(2)", asked->name + " takes no part in the solidarity mechanism (policy data)");
  } else if (asked->role == "beneficiary") {
    blocked = true;
    finding("Art. 63(2)", asked->name + " is itself a beneficiary, not a contributor");
  }
  // On what ground: the pledges reach half the proposal (63(1)), or the contributor offered (63(2)).
  if (o.pledges.empty()) {
    unknown = true;
    finding("Arts. 63(1)-(2)", "the pool's pledges are not given (pledges): whether the relocation pledges reach half "
                               "the Commission's proposal, and whether " + asked->name +
                               " pledged half its fair share as relocations, cannot be told");
  } else if (s.voluntary_offsets_threshold_reached.value_or(false)) {
    finding("Art. 63(1)", s.voluntary_offsets + ": the request may be made");
  } else if (asked->may_offer_offsets.value_or(false) && o.offered) {
    finding("Art. 63(2)(b)", asked->name + " pledged at least half its fair share as relocations and offered to take "
                             "responsibility instead: with " + asking->name + "'s agreement the request follows (Art. "
                             "69)");
  } else if (asked->may_offer_offsets.value_or(false)) {
    unknown = true;
    finding("Art. 63(2)(b)", asked->name + " may offer to take responsibility instead of relocations (it pledged at "
                             "least half its fair share as relocations), but no offer is recorded (offered): "
                             "below the threshold of Art. 63(1) a request follows an offer");
  } else if (s.voluntary_offsets_threshold_reached.has_value()) {
    blocked = true;
    finding("Arts. 63(1)-(2)", s.voluntary_offsets + "; " + asked->name +
                                   " did not pledge half its fair share as relocations: neither ground applies");
  } else {
    unknown = true;
    finding("Arts. 63(1)-(2)", s.voluntary_offsets);
  }
  r.allowed = blocked ? "no" : unknown ? "undetermined" : "yes";

  // Art. 63(7): not above its fair share (less its pledged relocations, the reading of the annual
  // report's offset_cap_relocations_only).
  if (asked->pledge && s.key_complete() && s.pool.relocations.value) {
    r.requested_offset_cap = std::max(0.0, asked->ContributionFairShare() - asked->pledge->relocations);
    if (static_cast<double>(*o.applications) > *r.requested_offset_cap) {
      finding("Art. 63(7)", asked->name + " is not held to take responsibility above its fair share: at most " +
                                FormatFixed(*r.requested_offset_cap, 0) + " of the " +
                                std::to_string(*o.applications) + " asked (its fair share less its pledged "
                                "relocations; counting every pledge by value would leave less)");
    }
  }
  // Art. 69(2): the answer within 30 days of receipt, counted under Art. 75 in the requested State.
  if (o.received_on && *o.received_on < *Date::FromYmd(2026, 7, 1)) {
    return Status::InvalidArgument("Art. 69 applies from 1 July 2026 (Art. 85)", "received_on");
  }
  if (o.received_on) {
    OP_ASSIGN_OR_RETURN(Period period, rules.policy.PeriodAt("ammr.offset_request_reply", *o.received_on));
    auto limit = ComputeTimeLimit(*o.received_on, period, o.requested, rules.calendar, ComputationRule::kAmmr75);
    if (!limit.ok()) return Status::InvalidArgument(limit.status().message(), "received_on");  // e.g. no holiday data
    r.reply_due = limit->end;
    if (limit->moved) r.notes.push_back(limit->note);
  } else {
    r.missing_inputs.push_back("the day " + asked->name + " received the request (received_on), for the reply's "
                               "time limit of Art. 69(2)");
  }
  r.notes.push_back("the contributor may accept fewer applications than asked (Art. 69(2)); it then identifies the "
                    "applications it takes and records its responsibility in Eurodac (Art. 69(3); Regulation (EU) "
                    "2024/1358, Art. 16(3))");
  r.notes.push_back("only applications meeting Art. 63(8) move: not an unaccompanied minor's, the beneficiary "
                    "responsible under Arts. 29-33, the transfer time limit not expired, the applicant not absconded "
                    "from the contributor, not a beneficiary of protection or an admitted person");
  return r;
}

std::string OffsetRequestToJson(const OffsetRequestReport& r) {
  auto opt_bool = [](const std::optional<bool>& v) { return v ? json(*v) : json(); };
  json findings = json::array();
  for (const CrisisOffsetFinding& f : r.findings) findings.push_back({{"legal_basis", f.legal_basis}, {"finding", f.finding}});
  json out = {{"year", r.year},
              {"legal_basis", kAmmr + "Arts. 63(1)-(2), 63(7), 69"},
              {"requesting", {{"code", r.requesting}, {"name", r.requesting_name}, {"role", r.requesting_role}}},
              {"requested", {{"code", r.requested}, {"name", r.requested_name}, {"role", r.requested_role}}},
              {"applications", r.applications},
              {"allowed", r.allowed},
              {"threshold_reached", opt_bool(r.threshold_reached)},
              {"requested_may_offer", opt_bool(r.requested_may_offer)},
              {"requested_offset_cap", r.requested_offset_cap ? json(*r.requested_offset_cap) : json()},
              {"received_on", r.received_on ? json(r.received_on->ToString()) : json()},
              {"reply_due", r.reply_due ? json(r.reply_due->ToString()) : json()},
              {"findings", findings},
              {"missing_inputs", r.missing_inputs},
              {"notes", r.notes}};
  return out.dump(2);
}

}  // namespace openpact::solidarity
