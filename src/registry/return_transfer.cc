// Transfers of Eurodac data to a third country for return (Regulation (EU) 2024/1358, Art. 50,
// read in the Italian text): by derogation from Art. 49's prohibition, data a Member State obtained
// by a hit may be transferred to a third country, or made available to it, with the agreement of
// the Member State of origin, only to identify an illegally staying third-country national and
// issue an identity or travel document for return, and only once the person was told their data
// may be shared with that country's authorities (50(3)); without prejudice to non-refoulement and
// to APR Art. 7 (50(5)). The registry records the request and the agreement; the transfer itself
// happens outside it (the third country never has access to Eurodac, 50(6)).
#include "core/crypto.h"
#include "registry/internal.h"
#include "registry/registry.h"
#include "rules/procedure.h"
#include "store/store.h"

namespace openpact::registry {
using namespace internal;

namespace {

constexpr const char* kArt50 = "Regulation (EU) 2024/1358, Art. 50";

// Art. 50(1): the persons of Arts. 15(1), 18(2)(a), 20(1), 22(2), 23(1), 24(1) and 26(1). Not
// C2a (not recorded) and not C2c (18(2)(b)-(c)).
bool TransferableCategory(const std::string& category) {
  return category != "resettlement_registered" && category != "resettlement_refused";
}

Status RequiredTrue(const json& j, const char* key, const char* what) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_boolean()) return Bad(std::string("is required: true or false (") + what + ")", key);
  if (!it->get<bool>()) return Bad(std::string("must be true: ") + what, key);
  return Status::OK();
}

}  // namespace

Result<std::string> Registry::RequestReturnTransfer(const std::string& id, std::string_view request_json,
                                                    const std::string& requested_by) {
  OP_ASSIGN_OR_RETURN(const json j, ReadDocument(request_json, "request"));
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() != "third_country" && it.key() != "purpose_confirmed" && it.key() != "person_informed") {
      return Bad("unknown field", it.key());
    }
  }
  if (acting_member_state_.empty()) {
    return Status::FailedPrecondition("a Member State asks (Art. 50(1)): act with a token bound to one");
  }
  OP_ASSIGN_OR_RETURN(std::string third, Text(j, "third_country", "third_country", true, 3));
  OP_RETURN_IF_ERROR(rules_->countries.Validate(third, "third_country"));
  if (rules_->countries.ValidateStateOfTheSystem(third, "third_country").ok()) {
    return Bad(third + " takes part in the system: Art. 50 concerns third countries", "third_country");
  }
  OP_RETURN_IF_ERROR(RequiredTrue(j, "purpose_confirmed",
                                  "the data serve only to identify an illegally staying third-country national and to "
                                  "issue an identity or travel document for return (Art. 50(3)(a))"));
  OP_RETURN_IF_ERROR(RequiredTrue(j, "person_informed",
                                  "the person was informed that their data may be shared with the third country's "
                                  "authorities (Art. 50(3)(b))"));

  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(store::QueryResult rec,
                      store_->Query("SELECT member_state, reference, category, mark FROM registry_record WHERE id = ?", {id}));
  if (rec.rows.empty()) return Status::NotFound("no registry record with id '" + id + "'");
  const std::string origin = rec.rows[0].Text(0), category = rec.rows[0].Text(2);
  if (origin == acting_member_state_) {
    return Status::FailedPrecondition("record " + id + " is " + origin + "'s own: Art. 50 concerns data another Member "
                                      "State's hit brought");
  }
  // The requesting Member State's own record linked to this one by a hit (Art. 50(1): "obtained
  // by a Member State following a hit"); none: it has not seen the record (Art. 40(1)).
  OP_ASSIGN_OR_RETURN(SeenThrough seen, RecordSeenThroughHit(id));
  if (!TransferableCategory(category)) {
    return Status::FailedPrecondition(category + " data are not among those Art. 50(1) allows to transfer (Arts. "
                                      "15(1), 18(2)(a), 20(1), 22(2), 23(1), 24(1), 26(1))");
  }
  ojson flags = ojson::array();
  if (!rec.rows[0].IsNull(3) && rec.rows[0].Text(3) == "international_protection") {
    // A beneficiary of international protection: the transfer does not prejudice non-refoulement
    // nor APR Art. 7 (Art. 50(5)).
    flags.push_back("PROTECTION_MARK_NON_REFOULEMENT");
  }
  const std::string transfer = "rtr-" + crypto::ToHex(crypto::RandomBytes(8));
  const std::string own = seen.id;
  OP_RETURN_IF_ERROR(store_->Exec(
      "INSERT INTO registry_return_transfer (id, record_id, origin_member_state, requesting_member_state, "
      "requesting_record_id, third_country, requested_at, requested_by, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
      "'requested')",
      {transfer, id, origin, acting_member_state_, own, third, Timestamp::Now().ToString(), requested_by}));
  const ojson body = {
      {"event", "return_transfer_requested"},
      {"legal_basis", std::string(kArt50) + "(1), (3)"},
      {"about", {{"member_state", acting_member_state_}, {"reference", seen.reference}, {"category", seen.category}}},
      {"your_record", {{"id", id}, {"reference", rec.rows[0].Text(1)}, {"category", category}}},
      {"follow_up", {{"action", "agree_or_refuse"}, {"transfer", transfer}, {"third_country", third},
                     {"legal_basis", std::string(kArt50) + "(1)"}}}};
  OP_RETURN_IF_ERROR(StoreNotification(origin, id, own, "return_transfer_requested", body.dump()));
  OP_RETURN_IF_ERROR(tx.Commit());
  const ojson out = {{"transfer", transfer},
                     {"record", id},
                     {"origin_member_state", origin},
                     {"third_country", third},
                     {"status", "requested"},
                     {"flags", flags},
                     {"legal_basis", {std::string(kArt50) + "(1)", std::string(kArt50) + "(3)(a)-(b)",
                                      std::string(kArt50) + "(5)"}},
                     {"note", "nothing may be transferred before the Member State of origin agrees; the transfer "
                              "follows Union data protection law (Regulation (EU) 2016/679, Chapter V), readmission "
                              "agreements where relevant and national law (Art. 50(2)), and leaves non-refoulement "
                              "and Regulation (EU) 2024/1348 Art. 7 intact (50(5))"}};
  return out.dump(2);
}

Result<std::string> Registry::DecideReturnTransfer(const std::string& transfer_id, bool agree, const std::string& reason,
                                                   const std::string& decided_by) {
  if (reason.size() > 1000) return Bad("at most 1,000 characters", "reason");
  if (!agree && reason.empty()) return Bad("is required when refusing: say why", "reason");
  if (acting_member_state_.empty()) {
    return Status::FailedPrecondition("the Member State of origin agrees or refuses (Art. 50(1)): act with a token bound "
                                      "to it");
  }
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(store::QueryResult t,
                      store_->Query("SELECT record_id, origin_member_state, requesting_member_state, requesting_record_id, "
                                    "third_country, status FROM registry_return_transfer WHERE id = ?",
                                    {transfer_id}));
  if (t.rows.empty() || t.rows[0].Text(1) != acting_member_state_) {
    return Status::NotFound("no transfer request '" + transfer_id + "' addressed to " + acting_member_state_);
  }
  const store::Row& row = t.rows[0];
  if (row.Text(5) != "requested") {
    return Status::FailedPrecondition("transfer request " + transfer_id + " was " + row.Text(5) + " already");
  }
  const std::string status = agree ? "agreed" : "refused";
  OP_RETURN_IF_ERROR(store_->Exec(
      "UPDATE registry_return_transfer SET status = ?, decided_at = ?, decided_by = ?, reason = ? WHERE id = ?",
      {status, Timestamp::Now().ToString(), decided_by, reason.empty() ? store::Value{} : store::Value{reason},
       transfer_id}));
  // The requesting Member State learns the answer on its own record (while it is kept).
  if (!row.IsNull(3)) {
    OP_ASSIGN_OR_RETURN(store::QueryResult mine,
                        store_->Query("SELECT reference, category FROM registry_record WHERE id = ?", {row.Text(3)}));
    OP_ASSIGN_OR_RETURN(store::QueryResult theirs,
                        store_->Query("SELECT reference, category FROM registry_record WHERE id = ?", {row.Text(0)}));
    if (!mine.rows.empty() && !theirs.rows.empty()) {
      ojson body = {{"event", agree ? "return_transfer_agreed" : "return_transfer_refused"},
                    {"legal_basis", std::string(kArt50) + "(1)"},
                    {"about", {{"member_state", row.Text(1)}, {"reference", theirs.rows[0].Text(0)},
                               {"category", theirs.rows[0].Text(1)}}},
                    {"your_record", {{"id", row.Text(3)}, {"reference", mine.rows[0].Text(0)},
                                     {"category", mine.rows[0].Text(1)}}},
                    {"follow_up", {{"action", agree ? "transfer_allowed" : "no_transfer"}, {"transfer", transfer_id},
                                   {"third_country", row.Text(4)}, {"legal_basis", std::string(kArt50) + "(1)"}}}};
      if (!reason.empty()) body["note"] = reason;
      OP_RETURN_IF_ERROR(StoreNotification(row.Text(2), row.Text(3), row.Text(0),
                                           agree ? "return_transfer_agreed" : "return_transfer_refused", body.dump()));
    }
  }
  OP_RETURN_IF_ERROR(tx.Commit());
  ojson out = {{"transfer", transfer_id}, {"status", status}, {"requesting_member_state", row.Text(2)},
               {"third_country", row.Text(4)}, {"legal_basis", std::string(kArt50) + "(1)"}};
  if (!reason.empty()) out["reason"] = reason;
  return out.dump(2);
}

}  // namespace openpact::registry
