// `openpact registry enrol|search|show|verify|update|mark|unmark|erase|expire|notifications|acknowledge|stats`: the Eurodac registry
// (registry/registry.h; the contract: ../shared/spec/registry-documents.md).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli/batch.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "core/csv.h"
#include "core/data_dir.h"
#include "core/parallel.h"
#include "core/time_limits.h"
#include "registry/registry.h"
#include "rules/procedure.h"
#include "rules/responsibility.h"

namespace openpact::cli {
namespace {

// Runs `fn` on an open session with the registry, authorised for `action` and audited: the change
// (if any) and its audit entry are kept together or not at all. Prints the answer through
// `format` (as it is when none).
template <typename Fn>
int WithRegistry(const GlobalOptions& g, const rules::RulesData& rules, auth::Action action, const std::string& object,
                 const char* what, Fn fn, std::string (*format)(const std::string&) = nullptr) {
  auto session = Session::Open(g);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  if (Status st = s.Authorize(action, object); !st.ok()) return Fail(st);
  registry::Registry reg(s.store(), &rules);
  Result<std::string> out = std::string();
  const Status done = s.RunAudited(action, object, what, std::string("registry ") + what, [&] {
    out = fn(reg);
    return out.status();
  });
  if (!done.ok()) return Fail(done);
  std::cout << (format != nullptr ? format(*out) : *out) << "\n";
  return 0;
}

Result<rules::RulesData> LoadRules(const GlobalOptions& g) { return rules::RulesData::Load(ResolveDataDir(g.data_dir)); }

// The record file, read with the document's size limit; errors name --record.
Result<std::string> ReadRecord(const std::string& path) {
  auto text = ReadFileToString(path, registry::kMaxRecordBytes);
  if (!text.ok()) return Status::InvalidArgument(text.status().message(), "--record");
  return *text;
}

// A short account of an enrolment answer for a terminal; --json prints the answer itself.
std::string Summary(const std::string& answer_json) {
  const auto a = nlohmann::json::parse(answer_json);
  std::string out;
  if (a["stored"].get<bool>()) {
    out = "stored " + a["id"].get<std::string>() + " (" + a["category"].get<std::string>() + "), erased on " +
          a["erase_on"].get<std::string>();
  } else {
    out = "not stored (" + a["category"].get<std::string>() + ")";
  }
  const auto& hits = a["hits"];
  out += "\n" + std::to_string(hits.size()) + (hits.size() == 1 ? " hit" : " hits");
  for (const auto& h : hits) {
    out += "\n  " + h["record_id"].get<std::string>() + "  " + h["category"].get<std::string>() + "  " +
           h["member_state"].get<std::string>() + "  " + h["event_date"].get<std::string>() + "  score " +
           h["score"].dump() + (h["marked"].get<bool>() ? "  marked" : "");
  }
  if (!a["flags"].empty()) {
    out += "\nflags:";
    for (const auto& f : a["flags"]) out += " " + f.get<std::string>();
  }
  out += "\nlegal basis:";
  for (const auto& b : a["legal_basis"]) out += "\n  " + b.get<std::string>();
  return out;
}

// WithRegistry with the data directory loaded first.
template <typename Fn>
int WithRegistryData(const GlobalOptions& g, auth::Action action, const std::string& object, const char* what, Fn fn) {
  auto rules = LoadRules(g);
  if (!rules.ok()) return Fail(rules.status());
  return WithRegistry(g, *rules, action, object, what, fn);
}

std::string AsIs(const std::string& answer) { return answer; }

int Compare(const GlobalOptions& g, const std::string& record_file, bool store_it, double preselect) {
  if (!(preselect > 0 && preselect <= 1)) {  // NaN fails too
    return Fail(Status::InvalidArgument("must be in (0, 1]", "--preselect"));
  }
  auto text = ReadRecord(record_file);
  if (!text.ok()) return Fail(text.status());
  auto rules = LoadRules(g);
  if (!rules.ok()) return Fail(rules.status());
  // Parsed before the session opens: a bad document touches nothing.
  auto record = registry::ParseRecord(*text, *rules);
  if (!record.ok()) return Fail(record.status());
  const std::string object = "registry:" + record->member_state + "/" + record->reference;
  return WithRegistry(
      g, *rules, store_it ? auth::Action::kRegistryEnrol : auth::Action::kRegistrySearch, object,
      registry::TransmissionOperation(*record, store_it),
      [&](registry::Registry& reg) {
        // The request's day in the Member State's legal time: the default transmission day.
        reg.set_preselect_fraction(preselect);
        return reg.Enrol(*record, store_it, LocalDate(Timestamp::Now(), record->member_state), g.actor,
                         HardwareThreads());
      },
      g.json ? AsIs : Summary);
}

}  // namespace

int RunRegistryEnrol(const GlobalOptions& g, const std::string& record_file, double preselect) {
  return Compare(g, record_file, true, preselect);
}

int RunRegistryEnrolBatch(const GlobalOptions& g, const std::string& batch_file, double preselect) {
  if (!(preselect > 0 && preselect <= 1)) return Fail(Status::InvalidArgument("must be in (0, 1]", "--preselect"));
  std::ifstream in(batch_file);
  if (!in) return Fail(Status::InvalidArgument("cannot open " + batch_file, "--batch"));
  auto rules = LoadRules(g);
  if (!rules.ok()) return Fail(rules.status());
  auto session = Session::Open(g);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  if (Status st = s.Authorize(auth::Action::kRegistryEnrol, "registry:batch"); !st.ok()) return Fail(st);
  // One index for the whole batch, kept current record by record as a server keeps its own: each
  // record is compared with the stored ones and with the batch's earlier records.
  auto index = registry::RegistryIndex::Load(s.store(), HardwareThreads(), registry::RegistryIndex::kDefaultPageRecords,
                                             /*preselection=*/preselect < 1);
  if (!index.ok()) return Fail(index.status());
  if (preselect < 1) (*index)->BuildPreselection();
  const bool progress = isatty(fileno(stderr));
  std::string line;
  bool too_long = false;
  long long n = 0, refused = 0, stored = 0, hits = 0;
  while (ReadBoundedLine(in, registry::kMaxRecordBytes, &line, &too_long)) {
    ++n;
    if (line.empty()) continue;
    auto record = registry::ParseRecord(line, *rules);
    Result<std::string> answer = record.ok() ? Result<std::string>(std::string()) : Result<std::string>(record.status());
    if (record.ok()) {
      registry::Registry reg(s.store(), &*rules, index->get());
      reg.set_preselect_fraction(preselect);
      const Status done = s.RunAudited(auth::Action::kRegistryEnrol, "registry:" + record->member_state + "/" + record->reference,
                                       registry::TransmissionOperation(*record, true), "registry enrol (batch)", [&] {
                                         answer = reg.Enrol(*record, true, LocalDate(Timestamp::Now(), record->member_state),
                                                            g.actor, HardwareThreads());
                                         return answer.status();
                                       });
      if (done.ok()) {
        reg.Committed();
      } else {
        answer = done;
      }
    }
    if (answer.ok()) {
      const auto j = nlohmann::json::parse(*answer);
      stored += j["stored"].get<bool>();
      hits += !j["hits"].empty();
      std::cout << j.dump() << "\n";
    } else {
      ++refused;
      std::cout << ErrorLine(n, answer.status()) << "\n";
    }
    if (progress && n % 1000 == 0) std::fprintf(stderr, "registry enrol --batch: %lld lines\n", n);
  }
  std::cout << std::flush;
  std::fprintf(stderr, "registry enrol --batch: %lld records read, %lld stored, %lld with hits, %lld refused\n", n,
               stored, hits, refused);
  if (too_long) {
    std::fprintf(stderr, "openpact: --batch: line %lld is longer than %zu bytes (one record per line): the batch stops there\n",
                 n + 1, registry::kMaxRecordBytes);
    return 2;
  }
  return refused > 0 ? 2 : 0;
}

int RunRegistrySearch(const GlobalOptions& g, const std::string& record_file, double preselect) {
  return Compare(g, record_file, false, preselect);
}

int RunDecideResponsibilityForRecord(const GlobalOptions& g, const std::string& case_file, const std::string& record_id,
                                     const std::string& at_text, const std::string& policy_dir) {
  auto given = OptionalDate(at_text, "--at");
  if (!given.ok()) return Fail(given.status());
  const std::optional<Date> at = *given;
  auto rules = rules::RulesData::Load(ResolveDataDir(g.data_dir), policy_dir);
  if (!rules.ok()) return Fail(rules.status().WithContext("loading policy"));
  auto text = ReadCaseDocument(case_file);
  if (!text.ok()) return Fail(text.status());
  // Parsed before the session opens: a bad case reads nothing from the registry.
  auto c = rules::ParseResponsibilityCase(*text, rules->countries);
  if (!c.ok()) return Fail(AsCaseFile(c.status()));
  // Reading the record is a registry read, authorised and audited as one; the decision itself is
  // computed on the case and the record's hits.
  return WithRegistry(g, *rules, auth::Action::kRegistryRead, "registry:" + record_id, "responsibility case",
                      [&](registry::Registry& reg) -> Result<std::string> {
                        std::string member_state;
                        OP_ASSIGN_OR_RETURN(auto hits, reg.ResponsibilityHits(record_id, &member_state));
                        OP_RETURN_IF_ERROR(rules::AddRecordHits(&*c, member_state, std::move(hits), "--record"));
                        OP_ASSIGN_OR_RETURN(auto d, rules::DecideResponsibility(*c, *rules, at));
                        return rules::ResponsibilityDecisionForRecordToJson(*c, d, record_id);
                      });
}

int RunRegistryShow(const GlobalOptions& g, const std::string& id, const std::string& reference) {
  // ID, or the Member State's reference number as MS/REFERENCE.
  if (!reference.empty()) {
    const size_t slash = reference.find('/');
    if (slash != 3 || slash + 1 >= reference.size()) {
      return Fail(Status::InvalidArgument("must be MEMBER_STATE/REFERENCE, e.g. GRC/GRC-2026-000123", "--reference"));
    }
    const std::string ms = reference.substr(0, 3), ref = reference.substr(4);
    return WithRegistryData(g, auth::Action::kRegistryRead, "registry:" + reference, "show",
                            [&](registry::Registry& reg) { return reg.ShowByReference(ms, ref); });
  }
  if (id.empty()) return Fail(Status::InvalidArgument("give a record id or --reference MS/REFERENCE", "id"));
  return WithRegistryData(g, auth::Action::kRegistryRead, "registry:" + id, "show",
                          [&](registry::Registry& reg) { return reg.Show(id); });
}

int RunRegistryErase(const GlobalOptions& g, const std::string& id, const std::string& reason_text) {
  auto reason = registry::ParseErasureReason(reason_text, "--reason");
  if (!reason.ok()) return Fail(reason.status());
  return WithRegistryData(g, auth::Action::kRegistryErase, "registry:" + id, "erase",
                      [&](registry::Registry& reg) { return reg.Erase(id, *reason); });
}

int RunRegistryUpdate(const GlobalOptions& g, const std::string& id, const std::string& status_file) {
  auto text = ReadFileToString(status_file, 1 << 20);
  if (!text.ok()) return Fail(Status::InvalidArgument(text.status().message(), "--status"));
  return WithRegistryData(g, auth::Action::kRegistryEnrol, "registry:" + id, "update", [&](registry::Registry& reg) {
    return reg.UpdateStatus(id, *text);
  });
}

int RunRegistryRectify(const GlobalOptions& g, const std::string& id, const std::string& person_file) {
  auto text = ReadFileToString(person_file, 1 << 20);
  if (!text.ok()) return Fail(Status::InvalidArgument(text.status().message(), "--person"));
  return WithRegistryData(g, auth::Action::kRegistryEnrol, "registry:" + id, "rectify", [&](registry::Registry& reg) {
    return reg.Rectify(id, *text);
  });
}

int RunRegistryReport(const GlobalOptions& g, const std::string& id, const std::string& reason, const std::string& note) {
  if (reason != "inaccurate" && reason != "unlawfully_recorded") {
    return Fail(Status::InvalidArgument("must be inaccurate or unlawfully_recorded (Art. 40(5))", "--reason"));
  }
  return WithRegistryData(g, auth::Action::kRegistryEnrol, "registry:" + id, "report", [&](registry::Registry& reg) {
    return reg.ReportInaccuracy(id, reason == "unlawfully_recorded", note);
  });
}

int RunRegistryTransferRequest(const GlobalOptions& g, const std::string& id, const std::string& member_state,
                               const std::string& third_country, bool purpose_confirmed, bool person_informed) {
  if (Status st = CheckStateOfTheSystemOption(g, member_state); !st.ok()) return Fail(st);
  const nlohmann::json request = {{"third_country", third_country},
                                  {"purpose_confirmed", purpose_confirmed},
                                  {"person_informed", person_informed}};
  return WithRegistryData(g, auth::Action::kRegistryEnrol, "registry:" + id, "return transfer request",
                          [&](registry::Registry& reg) {
                            reg.set_acting_member_state(member_state);  // the requesting Member State
                            return reg.RequestReturnTransfer(id, request.dump(), g.actor);
                          });
}

int RunRegistryTransferDecide(const GlobalOptions& g, const std::string& transfer, const std::string& member_state,
                              const std::string& decision, const std::string& reason) {
  if (decision != "agreed" && decision != "refused") {
    return Fail(Status::InvalidArgument("must be agreed or refused (Art. 50(1))", "--decision"));
  }
  if (Status st = CheckStateOfTheSystemOption(g, member_state); !st.ok()) return Fail(st);
  return WithRegistryData(g, auth::Action::kRegistryEnrol, "registry-transfer:" + transfer, "return transfer decision",
                          [&](registry::Registry& reg) {
                            reg.set_acting_member_state(member_state);  // the Member State of origin
                            return reg.DecideReturnTransfer(transfer, decision == "agreed", reason, g.actor);
                          });
}

int RunRegistryVerify(const GlobalOptions& g, const std::string& id, const std::string& hit, const std::string& result) {
  if (result != "confirmed" && result != "rejected") {
    return Fail(Status::InvalidArgument("must be confirmed or rejected (the final identification, Art. 38(4)-(6))", "--result"));
  }
  return WithRegistryData(g, auth::Action::kRegistryEnrol, "registry:" + id, "verify", [&](registry::Registry& reg) {
    return reg.VerifyHit(id, hit, result == "confirmed");
  });
}

int RunRegistryMark(const GlobalOptions& g, const std::string& id, const std::string& mark_text) {
  auto mark = registry::ParseMark(mark_text, "--mark");
  if (!mark.ok()) return Fail(mark.status());
  return WithRegistryData(g, auth::Action::kRegistryMark, "registry:" + id, "mark",
                          [&](registry::Registry& reg) { return reg.MarkRecord(id, *mark); });
}

int RunRegistryUnmark(const GlobalOptions& g, const std::string& id) {
  return WithRegistryData(g, auth::Action::kRegistryMark, "registry:" + id, "unmark",
                          [&](registry::Registry& reg) { return reg.Unmark(id); });
}

int RunRegistryExpire(const GlobalOptions& g, const std::string& at_text) {
  const Date today = Date::Today();  // in UTC (ExpiryDay)
  auto at = ExpiryDay(at_text, today);
  if (!at.ok()) return Fail(at.status());
  return WithRegistryData(g, auth::Action::kRegistryErase, "registry:expired-before-" + at->ToString(), "expire",
                          [&](registry::Registry& reg) { return reg.Expire(*at, today); });
}

namespace {

// A page of a registry list as the CLI asks for it: --limit checked before the registry is opened
// (a bad one reads nothing), and the registry's refusal of `after` named as the option.
Status CheckPageLimit(int limit, size_t max) {
  if (limit >= 1 && static_cast<size_t>(limit) <= max) return Status::OK();
  return Status::InvalidArgument("must be from 1 to " + std::to_string(max), "--limit");
}
Result<std::string> NameAfterOption(Result<std::string> page) {
  if (!page.ok() && page.status().field() == "after") return Status::InvalidArgument(page.status().message(), "--after");
  return page;
}

}  // namespace

int RunRegistryNotifications(const GlobalOptions& g, const std::string& member_state, bool include_acknowledged,
                             const std::string& after, int limit) {
  if (Status st = CheckPageLimit(limit, registry::Registry::kMaxNotificationsListed); !st.ok()) return Fail(st);
  return WithRegistryData(g, auth::Action::kRegistryRead, "registry:notifications", "notifications",
                          [&](registry::Registry& reg) {
                            auto out = NameAfterOption(reg.Notifications(include_acknowledged, member_state, after,
                                                                         static_cast<size_t>(limit)));
                            if (!out.ok() && out.status().field() == "member_state") {
                              return Result<std::string>(Status::InvalidArgument(out.status().message(), "--member-state"));
                            }
                            return out;
                          });
}

int RunRegistryAcknowledge(const GlobalOptions& g, const std::string& id) {
  return WithRegistryData(g, auth::Action::kRegistryEnrol, "registry:" + id, "acknowledge",
                          [&](registry::Registry& reg) { return reg.AcknowledgeNotification(id, g.actor); });
}

int RunRegistrySubjectAccess(const GlobalOptions& g, const std::string& request_file) {
  auto text = ReadFileToString(request_file, registry::kMaxRecordBytes);
  if (!text.ok()) return Fail(Status::InvalidArgument(text.status().message(), "--request"));
  return WithRegistryData(g, auth::Action::kRegistrySubjectAccess, "registry:subject-access", "subject_access",
                          [&](registry::Registry& reg) {
                            return reg.SubjectAccess(*text, g.actor, std::nullopt, HardwareThreads());
                          });
}

int RunLawEnforcementRequest(const GlobalOptions& g, const std::string& request_file) {
  auto text = ReadFileToString(request_file, registry::kMaxRecordBytes);
  if (!text.ok()) return Fail(Status::InvalidArgument(text.status().message(), "--request"));
  return WithRegistryData(g, auth::Action::kLawEnforcementSearch, "law-enforcement:request", "request",
                          [&](registry::Registry& reg) {
                            return reg.SubmitLawEnforcementRequest(*text, g.actor, HardwareThreads());
                          });
}

int RunLawEnforcementShow(const GlobalOptions& g, const std::string& id) {
  return WithRegistryData(g, auth::Action::kLawEnforcementSearch, "law-enforcement:" + id, "show",
                          [&](registry::Registry& reg) { return reg.ShowLawEnforcementRequest(id); });
}

int RunLawEnforcementQueue(const GlobalOptions& g, bool include_decided, const std::string& after, int limit) {
  if (Status st = CheckPageLimit(limit, registry::Registry::kLawEnforcementQueuePage); !st.ok()) return Fail(st);
  return WithRegistryData(g, auth::Action::kLawEnforcementVerify, "law-enforcement:queue", "queue",
                          [&](registry::Registry& reg) {
                            return NameAfterOption(
                                reg.LawEnforcementQueue(include_decided, after, static_cast<size_t>(limit)));
                          });
}

int RunLawEnforcementForward(const GlobalOptions& g, const std::string& id) {
  return WithRegistryData(g, auth::Action::kLawEnforcementVerify, "law-enforcement:" + id, "forward",
                          [&](registry::Registry& reg) {
                            return reg.ForwardUrgentLawEnforcementRequest(id, g.actor, HardwareThreads());
                          });
}

int RunLawEnforcementVerify(const GlobalOptions& g, const std::string& id, const std::string& met,
                            const std::string& reasons) {
  if (met != "yes" && met != "no") {
    return Fail(Status::InvalidArgument("must be yes or no: are all the conditions of Art. 33(1) met?", "--conditions-met"));
  }
  return WithRegistryData(g, auth::Action::kLawEnforcementVerify, "law-enforcement:" + id, "verify",
                          [&](registry::Registry& reg) -> Result<std::string> {
                            auto out = reg.VerifyLawEnforcementRequest(id, met == "yes", reasons, g.actor,
                                                                       HardwareThreads());
                            if (!out.ok() && out.status().field() == "reasons") {
                              return Status::InvalidArgument(out.status().message(), "--reasons");
                            }
                            return out;
                          });
}

int RunRegistryExtendTemporaryProtection(const GlobalOptions& g, const std::string& decision, const std::string& until,
                                          const std::string& basis) {
  auto date = Date::Parse(until, "--until");
  if (!date.ok()) return Fail(date.status());
  return WithRegistryData(g, auth::Action::kRegistryErase, "registry:temporary-protection/" + decision, "extend",
                          [&](registry::Registry& reg) -> Result<std::string> {
                            auto out = reg.ExtendTemporaryProtection(decision, *date, basis);
                            if (!out.ok() && !out.status().field().empty()) {
                              return Status::InvalidArgument(out.status().message(), "--" + out.status().field());
                            }
                            return out;
                          });
}

int RunRegistryStats(const GlobalOptions& g, const std::string& month, const std::string& year) {
  return WithRegistryData(g, auth::Action::kRegistryStats, "registry", "stats",
                          [&](registry::Registry& reg) { return reg.Stats(month, year); });
}

int RunSynthRecords(const GlobalOptions& g, int persons, int captures, int fingers,
                    const std::string& out, unsigned long long seed, const std::string& from) {
  (void)g;
  namespace fs = std::filesystem;
  if (persons < 1 || persons > 100000) return Fail(Status::InvalidArgument("must be 1-100000", "--persons"));
  if (captures < 1 || captures > 8) return Fail(Status::InvalidArgument("must be 1-8", "--captures"));
  if (fingers < 1 || fingers > 10) return Fail(Status::InvalidArgument("must be 1-10", "--fingers"));
  // The first event day. By default 210 days back: the events (up to 199 days after it) and their
  // transmissions (a day later) lie in the past, and no retention period (3 years at the shortest,
  // Eurodac Art. 29(4)) has ended, so that the records can be enrolled on the day they are made,
  // whatever the year (fixed dates would be refused once their retention ended). Never before 15
  // June 2026, the first days of Regulation (EU) 2024/1358's application (its Art. 63(2)).
  Date first = std::max(Date::Today().AddDays(-210), *Date::Parse("2026-06-15"));
  if (!from.empty()) {
    auto parsed = Date::Parse(from, "--from");
    if (!parsed.ok()) return Fail(parsed.status());
    first = *parsed;
  }
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) return Fail(Status::InvalidArgument("cannot create the folder: " + ec.message(), "--out"));
  auto name = [&](int p, int c) { return (fs::path(out) / (std::to_string(p) + "_" + std::to_string(c) + ".json")).string(); };
  for (int p = 1; p <= persons; ++p) {
    for (int c = 1; c <= captures; ++c) {
      if (fs::exists(name(p, c))) return Fail(Status::InvalidArgument(name(p, c) + " exists already; nothing written", "--out"));
    }
  }
  // Each person first applies for protection in one Member State, then is apprehended crossing
  // into, or found staying in, others: what Eurodac's comparisons are for.
  static constexpr const char* kStates[] = {"ITA", "GRC", "ESP", "DEU", "FRA", "AUT", "NLD", "BEL"};
  static constexpr const char* kLater[] = {"irregular_crosser", "illegal_stayer", "sar_disembarked"};
  for (int p = 1; p <= persons; ++p) {
    for (int c = 1; c <= captures; ++c) {
      registry::SyntheticRecordSpec spec;
      spec.person = seed * 1000000ULL + static_cast<uint64_t>(p);
      spec.capture = static_cast<uint64_t>(c);
      spec.fingers = fingers;
      spec.category = c == 1 ? "applicant" : kLater[(p + c) % 3];
      spec.member_state = kStates[(p + c - 1) % 8];
      spec.reference = spec.member_state + "-SYN-" + std::to_string(seed) + "-" + std::to_string(p) + "-" + std::to_string(c);
      const Date event = first.AddDays(p % 120 + 10 * c);
      spec.event_date = event.ToString();
      spec.transmitted_on = event.AddDays(1).ToString();
      spec.date_of_birth = Date::FromDays(Date::Parse("1970-01-01")->days() + static_cast<int32_t>((spec.person * 7919) % 12000)).ToString();
      std::ofstream f(name(p, c));
      f << registry::SyntheticRecordJson(spec) << "\n";
      if (!f) return Fail(Status::IOError("cannot write " + name(p, c)));
    }
  }
  std::cerr << "wrote " << persons * captures << " SYNTHETIC registry records (" << persons << " persons x " << captures
            << " captures, " << fingers << " fingers each, seed " << seed << ") to " << out << "\n";
  return 0;
}

}  // namespace openpact::cli
