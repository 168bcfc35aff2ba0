// What-if simulation: arrivals by month, Member State and nationality (the user's own scenario)
// are expanded into applicants, each routed through the procedure engine day by day, with the
// border-procedure stock and flow checked against the Member State's adequate capacity (Art. 48)
// and annual maximum (Arts. 47(1), 50) as they fill up.
//
// Assumptions, stated in every report: simulated applicants carry no individual facts (only their
// nationality and the arrival context decide); registration 1 day, lodging 3 days and the decision
// 4 days after the application; a border-procedure case occupies a place for the full 12 weeks.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <unordered_map>

#include "core/csv.h"
#include "stats/stats.h"

namespace openpact::stats {
namespace {

using json = nlohmann::ordered_json;

struct Applicant {
  int32_t made_on;   // Date::days()
  uint16_t group;    // index into the scenario's (member state, nationality, context) groups
};

struct Group {
  std::string member_state, nationality, context;
};

struct Outcome {
  enum Kind : uint8_t { kBorder, kAccelerated, kRegular } procedure;
  bool inadmissible, mandatory, optional, excluded, relieved;
  bool outside_apr;  // lodged before the APR applied: not routed
};

const std::vector<std::string>& Contexts() {
  static const std::vector<std::string> k = {"border_crossing_point", "transit_zone", "apprehended_irregular_crossing",
                                             "sar_disembarkation", "relocation", "in_territory"};
  return k;
}

}  // namespace

Result<SimulationReport> Simulate(const std::string& arrivals_csv, const rules::RulesData& rules,
                                  const solidarity::ReferenceData& ref, const SimulationOptions& options) {
  OP_ASSIGN_OR_RETURN(CsvTable t, CsvTable::ReadFile(arrivals_csv));
  OP_ASSIGN_OR_RETURN(size_t c_month, t.Column("month"));
  OP_ASSIGN_OR_RETURN(size_t c_ms, t.Column("member_state"));
  OP_ASSIGN_OR_RETURN(size_t c_nat, t.Column("nationality"));
  OP_ASSIGN_OR_RETURN(size_t c_arr, t.Column("arrivals"));
  const auto c_ctx = t.Column("context");

  SimulationReport report;
  report.year = options.year;
  report.seed = options.seed;
  std::vector<Group> groups;
  std::map<std::tuple<std::string, std::string, std::string>, uint16_t> group_index;
  std::vector<Applicant> applicants;
  std::mt19937_64 rng(options.seed);
  constexpr long long kMaxApplicants = 50'000'000;
  for (size_t i = 0; i < t.size(); ++i) {
    const auto& row = t.row(i);
    OP_ASSIGN_OR_RETURN(Month month, Month::Parse(row[c_month], t.Where(i, "month")));
    if (month.year() != options.year) {
      return Status::InvalidArgument("month " + month.ToString() + " is outside --year " + std::to_string(options.year),
                                     t.Where(i, "month"));
    }
    OP_RETURN_IF_ERROR(rules.countries.ValidateMemberState(row[c_ms], t.Where(i, "member_state")));
    OP_RETURN_IF_ERROR(rules.countries.Validate(row[c_nat], t.Where(i, "nationality")));
    if (rules.countries.Find(row[c_nat])->eu_member_state) {
      return Status::InvalidArgument("an EU citizen is not an applicant under the APR", t.Where(i, "nationality"));
    }
    std::string context = options.default_context;
    if (c_ctx.ok() && !row[*c_ctx].empty()) {
      context = row[*c_ctx];
      if (std::find(Contexts().begin(), Contexts().end(), context) == Contexts().end()) {
        return Status::InvalidArgument("'" + context + "' is not an application context", t.Where(i, "context"));
      }
    }
    char* end = nullptr;
    const long long n = std::strtoll(row[c_arr].c_str(), &end, 10);
    if (row[c_arr].empty() || *end != '\0' || n < 0) {
      return Status::InvalidArgument("want a whole number >= 0, got '" + row[c_arr] + "'", t.Where(i, "arrivals"));
    }
    if (static_cast<long long>(applicants.size()) + n > kMaxApplicants) {
      return Status::InvalidArgument("more than 50,000,000 applicants in one scenario", t.Where(i, "arrivals"));
    }
    auto key = std::make_tuple(row[c_ms], row[c_nat], context);
    auto it = group_index.find(key);
    if (it == group_index.end()) {
      if (groups.size() >= 65535) return Status::InvalidArgument("too many distinct groups", t.Where(i, "nationality"));
      it = group_index.emplace(key, static_cast<uint16_t>(groups.size())).first;
      groups.push_back(Group{row[c_ms], row[c_nat], context});
    }
    const Date first = *Date::FromYmd(month.year(), month.month(), 1);
    const uint64_t days = static_cast<uint64_t>(DaysInMonth(month.year(), month.month()));
    for (long long k = 0; k < n; ++k) {
      applicants.push_back(Applicant{first.days() + static_cast<int32_t>(rng() % days), it->second});
    }
  }
  report.applicants = static_cast<long long>(applicants.size());
  std::stable_sort(applicants.begin(), applicants.end(),
                   [](const Applicant& a, const Applicant& b) { return a.made_on < b.made_on; });

  // Per Member State: capacity, annual maximum and the running border-procedure stock.
  struct State {
    MemberStateSimulation out;
    std::vector<long long> entries_by_day;  // border entries per day of the year (+ margin)
    long long stock = 0;
    int32_t last_day = INT32_MIN;
  };
  const Date year_start = *Date::FromYmd(options.year, 1, 1);
  const int32_t kOccupancyDays = 84;  // 12 weeks (APR Art. 51(2)), an upper bound per case
  std::map<std::string, State> states;
  for (const Group& g : groups) {
    State& s = states[g.member_state];
    if (!s.out.code.empty()) continue;
    s.out.code = g.member_state;
    s.entries_by_day.assign(400, 0);
    auto cap = ref.capacity.find(g.member_state);
    if (cap != ref.capacity.end() && cap->second.adequate_capacity) {
      s.out.adequate_capacity = cap->second.adequate_capacity;
    } else {
      report.missing_inputs.push_back("adequate capacity of " + g.member_state +
                                      " (Implementing Decision (EU) 2024/2150): capacity relief cannot be simulated");
    }
  }
  // APR Art. 47(5): from the second implementing act (15 October 2027) the reference data hold no
  // capacity; the what-if keeps the first act's, and says so.
  if (!applicants.empty()) {
    const Date last = Date::FromDays(applicants.back().made_on);
    if (auto acts = solidarity::ComputeCapacity(ref, rules, last); acts.ok() && !acts->act_due_is_first) {
      report.missing_inputs.push_back("the implementing act setting the adequate capacity due on " +
                                      acts->act_due.adopted_on.ToString() + " (APR Art. 47(5)) is not in the reference "
                                      "data: the scenario keeps the capacities of Implementing Decision (EU) 2024/2150 "
                                      "after it (an assumption)");
    }
  }
  std::unordered_map<uint64_t, Outcome> memo;
  long long outside_apr = 0;
  for (const Applicant& a : applicants) {
    const Group& g = groups[a.group];
    State& s = states[g.member_state];
    MemberStateSimulation& m = s.out;
    const Date made = Date::FromDays(a.made_on);
    const Date decided = made.AddDays(4);
    // Advance the stock: places free up 12 weeks after entry.
    const int day = decided.days() - year_start.days();
    if (s.last_day != INT32_MIN) {
      for (int d = s.last_day + 1; d <= day; ++d) {
        const int leaving = d - kOccupancyDays;
        if (leaving >= 0 && leaving < static_cast<int>(s.entries_by_day.size())) s.stock -= s.entries_by_day[leaving];
        if (m.adequate_capacity && s.stock >= *m.adequate_capacity) ++m.days_at_capacity;
      }
    }
    s.last_day = day;
    auto multiplier = rules.policy.NumberAt("apr.annual_maximum_multiplier", decided);
    if (m.adequate_capacity && multiplier.ok()) m.annual_maximum = *multiplier * *m.adequate_capacity;
    const bool capacity_reached = m.adequate_capacity && s.stock >= *m.adequate_capacity;
    const bool maximum_reached = m.annual_maximum && m.border_entries >= *m.annual_maximum;
    if (capacity_reached && m.first_day_at_capacity.empty()) m.first_day_at_capacity = decided.ToString();
    if (maximum_reached && m.first_day_at_annual_maximum.empty()) m.first_day_at_annual_maximum = decided.ToString();
    ++m.applicants;
    // The decision depends only on these inputs: decide each distinct one once.
    const uint64_t key = static_cast<uint64_t>(a.group) << 40 | static_cast<uint64_t>(static_cast<uint32_t>(a.made_on)) << 2 |
                         (capacity_reached ? 1u : 0u) << 1 | (maximum_reached ? 1u : 0u);
    auto it = memo.find(key);
    if (it == memo.end()) {
      rules::ProcedureCase c;
      c.decision_date = decided;
      c.member_state = g.member_state;
      c.applicant.nationality = g.nationality;
      c.application.made_on = made;
      c.application.registered_on = made.AddDays(1);
      c.application.lodged_on = made.AddDays(3);
      c.application.context = g.context;
      c.application.after_screening = true;
      c.capacity.adequate_capacity_reached = capacity_reached;
      c.capacity.annual_maximum_reached = maximum_reached;
      auto d = rules::DecideProcedure(c, rules);
      Outcome o{};
      if (!d.ok()) {
        if (d.status().code() == StatusCode::kInvalidArgument &&
            (d.status().field() == "application.lodged_on" || d.status().field() == "decision_date")) {
          o.outside_apr = true;
          it = memo.emplace(key, o).first;
        } else {
          return d.status().WithContext("simulating " + g.member_state + " " + g.nationality + " on " +
                                        decided.ToString());
        }
      } else {
        o.procedure = d->procedure == "border" ? Outcome::kBorder
                      : d->procedure == "accelerated" ? Outcome::kAccelerated
                                                      : Outcome::kRegular;
        o.inadmissible = d->admissibility == "inadmissible";
        o.mandatory = d->border_procedure == "mandatory";
        o.optional = d->border_procedure == "optional";
        o.excluded = d->border_procedure == "excluded";
        o.relieved = false;
        for (const rules::Ground& gr : d->grounds) o.relieved |= gr.effect == "border_relieved";
        it = memo.emplace(key, o).first;
      }
    }
    const Outcome& o = it->second;
    if (o.outside_apr) {
      ++outside_apr;
      --m.applicants;
      continue;
    }
    m.inadmissible += o.inadmissible;
    m.border_mandatory += o.mandatory;
    m.border_optional += o.optional;
    m.border_excluded += o.excluded;
    m.relieved_by_capacity += o.relieved;
    if (o.procedure == Outcome::kBorder) {
      ++m.border;
      ++m.border_entries;
      ++s.stock;
      if (day >= 0 && day < static_cast<int>(s.entries_by_day.size())) ++s.entries_by_day[day];
      m.peak_in_border_procedure = std::max(m.peak_in_border_procedure, s.stock);
    } else if (o.procedure == Outcome::kAccelerated) {
      ++m.accelerated;
    } else {
      ++m.regular;
    }
  }
  if (outside_apr > 0) {
    report.notes.push_back(std::to_string(outside_apr) +
                           " applicants arrived before the APR applied (12 June 2026) and are not routed");
  }
  // The solidarity that follows: each Member State's fair share of the year's pool and its role.
  solidarity::SolidarityOptions so;
  so.year = options.year;
  auto sol = solidarity::ComputeSolidarity(ref, rules, so);
  if (!sol.ok()) {
    report.missing_inputs.push_back("solidarity pool for " + std::to_string(options.year) + ": " + sol.status().message());
  }
  for (auto& [code, s] : states) {
    if (sol.ok()) {
      for (const auto& ms : sol->member_states) {
        if (ms.code == code) {
          s.out.fair_share_relocations = ms.fair_share_relocations;
          s.out.solidarity_role = ms.role;
        }
      }
    }
    report.member_states.push_back(s.out);
  }
  report.notes.push_back("assumptions: simulated applicants carry no individual facts (only nationality and context "
                         "decide); registration 1 day, lodging 3 days and decision 4 days after the application; a "
                         "border-procedure case holds its place for the full 12 weeks (Art. 51(2))");
  report.notes.push_back("the arrivals file is the user's scenario, not data; results are deterministic for a seed");
  return report;
}

std::string SimulationToJson(const SimulationReport& r) {
  json rows = json::array();
  auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(); };
  for (const MemberStateSimulation& m : r.member_states) {
    rows.push_back({{"code", m.code},
                    {"applicants", m.applicants},
                    {"inadmissible", m.inadmissible},
                    {"procedure", {{"border", m.border}, {"accelerated", m.accelerated}, {"regular", m.regular}}},
                    {"border_procedure", {{"mandatory", m.border_mandatory}, {"optional", m.border_optional},
                                          {"excluded", m.border_excluded}, {"relieved_by_capacity", m.relieved_by_capacity}}},
                    {"adequate_capacity", opt(m.adequate_capacity)},
                    {"annual_maximum", opt(m.annual_maximum)},
                    {"border_entries", m.border_entries},
                    {"peak_in_border_procedure", m.peak_in_border_procedure},
                    {"days_at_capacity", m.days_at_capacity},
                    {"first_day_at_capacity", m.first_day_at_capacity.empty() ? json() : json(m.first_day_at_capacity)},
                    {"first_day_at_annual_maximum",
                     m.first_day_at_annual_maximum.empty() ? json() : json(m.first_day_at_annual_maximum)},
                    {"solidarity", {{"role", m.solidarity_role}, {"fair_share_relocations", m.fair_share_relocations}}}});
  }
  json out = {{"year", r.year}, {"seed", r.seed}, {"applicants", r.applicants}, {"member_states", rows},
              {"missing_inputs", r.missing_inputs}, {"notes", r.notes}};
  return out.dump(2);
}

std::string SimulationToCsv(const SimulationReport& r) {
  std::string out = "code,applicants,inadmissible,border,accelerated,regular,border_mandatory,border_optional,"
                    "border_excluded,relieved_by_capacity,adequate_capacity,annual_maximum,border_entries,"
                    "peak_in_border_procedure,days_at_capacity,first_day_at_capacity,first_day_at_annual_maximum,"
                    "solidarity_role,fair_share_relocations\n";
  auto opt = [](const std::optional<double>& v) { return v ? std::to_string(static_cast<long long>(*v)) : std::string(); };
  for (const MemberStateSimulation& m : r.member_states) {
    out += m.code + "," + std::to_string(m.applicants) + "," + std::to_string(m.inadmissible) + "," +
           std::to_string(m.border) + "," + std::to_string(m.accelerated) + "," + std::to_string(m.regular) + "," +
           std::to_string(m.border_mandatory) + "," + std::to_string(m.border_optional) + "," +
           std::to_string(m.border_excluded) + "," + std::to_string(m.relieved_by_capacity) + "," +
           opt(m.adequate_capacity) + "," + opt(m.annual_maximum) + "," + std::to_string(m.border_entries) + "," +
           std::to_string(m.peak_in_border_procedure) + "," + std::to_string(m.days_at_capacity) + "," +
           m.first_day_at_capacity + "," + m.first_day_at_annual_maximum + "," + m.solidarity_role + "," +
           std::to_string(m.fair_share_relocations) + "\n";
  }
  return out;
}

std::string SimulationToText(const SimulationReport& r) {
  std::string out = "Simulation " + std::to_string(r.year) + " (seed " + std::to_string(r.seed) + "): " +
                    std::to_string(r.applicants) + " applicants\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-4s %10s %9s %11s %9s %9s %10s %9s %10s\n", "MS", "applicants", "border",
                "accelerated", "regular", "capacity", "peak stock", "max/yr", "entries");
  out += line;
  for (const MemberStateSimulation& m : r.member_states) {
    std::snprintf(line, sizeof line, "%-4s %10lld %9lld %11lld %9lld %9s %10lld %9s %10lld\n", m.code.c_str(),
                  m.applicants, m.border, m.accelerated, m.regular,
                  m.adequate_capacity ? std::to_string(static_cast<long long>(*m.adequate_capacity)).c_str() : "-",
                  m.peak_in_border_procedure,
                  m.annual_maximum ? std::to_string(static_cast<long long>(*m.annual_maximum)).c_str() : "-",
                  m.border_entries);
    out += line;
  }
  for (const std::string& s : r.missing_inputs) out += "Missing: " + s + "\n";
  for (const std::string& s : r.notes) out += "Note: " + s + "\n";
  return out;
}

}  // namespace openpact::stats
