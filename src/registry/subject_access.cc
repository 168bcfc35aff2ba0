// A data subject's access to the data Eurodac holds on them (Regulation (EU) 2024/1358, Art. 43).
#include "core/crypto.h"
#include "core/time_limits.h"
#include "registry/internal.h"
#include "registry/registry.h"
#include "rules/procedure.h"
#include "store/store.h"

namespace openpact::registry {
using namespace internal;

Result<std::string> Registry::SubjectAccess(std::string_view text, const std::string& handled_by,
                                            std::optional<Date> today_given, int threads,
                                            const PrecomputedComparison* ahead) {
  OP_ASSIGN_OR_RETURN(const json j, ReadDocument(text, "request"));
  // The Member State the person asked, which grants the access (only one does, Art. 43(2)).
  OP_ASSIGN_OR_RETURN(std::string ms, Text(j, "member_state", "member_state", true, 3));
  OP_RETURN_IF_ERROR(rules_->countries.ValidateStateOfTheSystem(ms, "member_state"));
  if (!acting_member_state_.empty() && ms != acting_member_state_) {
    return Status::PermissionDenied("this token acts for " + acting_member_state_ + "; the request was made in " + ms);
  }
  // Art. 43(8): the request and how it was made are recorded.
  OP_ASSIGN_OR_RETURN(std::string received_text, Text(j, "received_on", "received_on", true, 10));
  OP_ASSIGN_OR_RETURN(Date received, Date::Parse(received_text, "received_on"));
  const Date today = today_given ? *today_given : LocalDate(Timestamp::Now(), ms);
  if (today < received) return Bad("is after today (" + today.ToString() + ")", "received_on");
  OP_ASSIGN_OR_RETURN(std::string channel, Text(j, "channel", "channel", true, 16));
  if (channel != "in_person" && channel != "written" && channel != "electronic" && channel != "representative") {
    return Bad("must be in_person, written, electronic or representative (how the request was made, Art. 43(8))",
               "channel");
  }
  // Art. 43(6): the request holds what identifies the person, biometric data included.
  auto fp = j.find("fingerprints");
  if (fp == j.end() || fp->is_null() || (fp->is_array() && fp->empty())) {
    return Bad("is required: the person's fingerprints identify their data (Art. 43(6))", "fingerprints");
  }
  bool synthetic = false;
  OP_ASSIGN_OR_RETURN(std::vector<Fingerprint> fingerprints, ParseFingerprints(*fp, &synthetic));

  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  size_t compared = 0;
  OP_ASSIGN_OR_RETURN(std::vector<EveryRecordHit> found, HitsOnEveryRecord(fingerprints, threads, &compared, ahead));
  ojson datasets = ojson::array();
  ojson flags = ojson::array();
  bool security_flag = false;
  for (const EveryRecordHit& hit : found) {
    OP_ASSIGN_OR_RETURN(store::QueryResult rec,
                        store_->Query("SELECT member_state, reference, category, event_date, biometrics_taken_on, "
                                      "transmitted_on, erase_on, mark, person, status FROM registry_record WHERE id = ?",
                                      {hit.id}));
    if (rec.rows.empty()) continue;
    const store::Row& r = rec.rows[0];
    ojson status = ojson::parse(r.Text(9), nullptr, false);
    if (!status.is_object()) status = ojson::object();
    security_flag = security_flag || status.contains("security_threat");
    datasets.push_back({{"record_id", hit.id},
                        {"transmitted_by", r.Text(0)},  // the Member State that transmitted it (43(2))
                        {"reference", r.Text(1)},
                        {"category", r.Text(2)},
                        {"event_date", r.Text(3)},
                        {"biometrics_taken_on", r.Text(4)},
                        {"transmitted_on", r.Text(5)},
                        {"erase_on", r.Text(6)},
                        {"mark", r.IsNull(7) ? ojson(nullptr) : ojson(r.Text(7))},
                        {"person", ojson::parse(r.Text(8), nullptr, false)},
                        {"status", status},
                        {"score", hit.score},
                        {"search_score", hit.search_score}});
  }
  if (!datasets.empty()) {
    // A wrong hit would disclose another person's data: verified before anything is disclosed.
    flags.push_back("VERIFY_BEFORE_DISCLOSURE");
  }
  if (security_flag) flags.push_back("SECURITY_FLAG_RESTRICTION_POSSIBLE");  // Art. 43(3)
  const std::string id = "sar-" + crypto::ToHex(crypto::RandomBytes(8));
  const std::string now = Timestamp::Now().ToString();
  OP_RETURN_IF_ERROR(store_->Exec(
      "INSERT INTO subject_access_request (id, member_state, received_on, channel, handled_by, handled_at, records_found) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {id, ms, received.ToString(), channel, handled_by, now, static_cast<int64_t>(datasets.size())}));
  OP_RETURN_IF_ERROR(tx.Commit());
  ojson out = {{"id", id},
               {"member_state", ms},
               {"received_on", received.ToString()},
               {"channel", channel},
               {"records_compared", compared},
               {"datasets", datasets},
               {"flags", flags},
               {"notes",
                {"the fingerprints given with the request were used for it alone and are not kept (Art. 43(6))",
                 "the datasets are disclosed by this Member State alone, once verified (Art. 43(2)); rectification or "
                 "erasure is for the Member State that transmitted them (Arts. 40(3), 43(4)), which this Member State "
                 "contacts where it is another (Art. 43(2), second subparagraph)"}},
               {"legal_basis", {std::string(kReg) + "Art. 43(2)", std::string(kReg) + "Art. 43(6)",
                                std::string(kReg) + "Art. 43(8)"}}};
  if (security_flag) {
    out["notes"].push_back("a dataset carries the security flag: the data subject's rights may be restricted under "
                           "Art. 23 of Regulation (EU) 2016/679 (Art. 43(3))");
  }
  if (synthetic) out["synthetic"] = true;
  return out.dump(2);
}

}  // namespace openpact::registry
