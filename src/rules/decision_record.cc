#include "rules/decision_record.h"

#include "core/json_writer.h"

namespace openpact::rules {

void WriteDecisionRecord(JsonWriter& w, const DecisionRecord& d) {
  WriteGrounds(w, d.grounds);
  WriteDeadlines(w, d.deadlines);
  WriteFlags(w, d.flags);
  w.Key("not_assessed").BeginArray();
  for (const std::string& s : d.not_assessed) w.String(s);
  w.EndArray();
  w.Field("policy_version", d.policy_version)
      .Field("decision_date", d.decision_date.ToString())
      .Field("member_state", d.member_state);
}

void WriteDateOrNull(JsonWriter& w, std::string_view key, const std::optional<Date>& day) {
  w.Key(key);
  if (day) {
    w.String(day->ToString());
  } else {
    w.Null();
  }
}

}  // namespace openpact::rules
