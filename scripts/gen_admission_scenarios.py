#!/usr/bin/env python3
"""Writes tests/scenarios/admission/*.json: the admission procedure of the Union Resettlement and
Humanitarian Admission Framework (Regulation (EU) 2024/1350, Art. 9), with the answers worked out
by hand from the Italian OJ text in shared/spec/law-it/reg-2024-1350.txt. Time limits are counted
under Regulation 1182/71, Art. 3 (a period in months ends on the same date; an end on a Saturday,
Sunday or Dutch public holiday moves to the next working day); the data are kept until the same
date years later. Monday 16 March 2026 is the base case's registration."""
import os

from scenario_gen import ground, merge, write

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "scenarios", "admission")
URF = "Regulation (EU) 2024/1350, Art. "


def case(**over):
    """A Sudanese refugee registered for resettlement to the Netherlands on Mon 16 Mar 2026."""
    return merge({"decision_date": "2026-06-01", "member_state": "NLD", "nationality": "SDN",
                  "admission": "resettlement", "registered_on": "2026-03-16"}, over)


POSITIVE = {"on": "2026-09-10", "outcome": "positive"}

S = {}

S["ad_01_running"] = dict(
    description="Registered Mon 16 Mar: the conclusion within seven months, by Fri 16 Oct (Art. 9(9)); nothing kept "
                "yet under Art. 9(12).",
    case=case(),
    expect={"procedure": "running", "data_kept_until": None, "grounds": [], "not_assessed": [],
            "deadlines": [{"name": "admission_conclusion", "date": "2026-10-16", "from": "2026-03-16",
                           "period": "7 months", "state": "running",
                           "legal_basis": URF + "9(9); computed under Regulation (EEC, Euratom) No 1182/71, Art. 3"}]},
    not_deadlines=["emergency_admission_conclusion", "entry", "data_retention"])

S["ad_02_positive_status_not_yet_granted"] = dict(
    description="A positive conclusion on Thu 10 Sep, in time; entry within twelve months, by Fri 10 Sep 2027 (Art. "
                "9(20)); the decision on protection is still to come (not assessed), so no retention yet.",
    case=case(decision_date="2026-09-15", conclusion=POSITIVE),
    expect={"procedure": "concluded_positive", "data_kept_until": None,
            "deadlines": [{"name": "admission_conclusion", "state": "met"},
                          {"name": "entry", "date": "2027-09-10", "from": "2026-09-10", "state": "running"}],
            "not_assessed": [URF + "9(15)-(17): the decision granting international protection or a humanitarian "
                                   "status after the positive conclusion (give status_granted when taken)"]})

S["ad_03_conclusion_overdue"] = dict(
    description="No conclusion on Tue 20 Oct: the seven months ended Fri 16 Oct.",
    case=case(decision_date="2026-10-20"),
    expect={"deadlines": [{"name": "admission_conclusion", "state": "expired"}]})

S["ad_04_concluded_late"] = dict(
    description="Concluded on Mon 19 Oct, after the seven months.",
    case=case(decision_date="2026-10-20", conclusion={"on": "2026-10-19", "outcome": "positive"}),
    expect={"deadlines": [{"name": "admission_conclusion", "date": "2026-10-16", "state": "missed"}]})

S["ad_05_complex_case"] = dict(
    description="Complex issues of fact or law: three more months, one time limit of ten months ending Sat 16 Jan "
                "2027, moved to Mon 18 Jan.",
    case=case(decision_date="2026-10-20", complex_case=True),
    expect={"deadlines": [{"name": "admission_conclusion", "date": "2027-01-18", "period": "10 months",
                           "state": "running"}],
            "grounds": [ground("URF-9(9)", "conclusion_extended", legal_basis=URF + "9(9)")]})

S["ad_27_complex_case_note_of_its_own_limit"] = dict(
    description="Registered Wed 18 Mar: seven months would end Sun 18 Oct, but the complex case's one time limit of "
                "ten months ends Mon 18 Jan 2027, a working day: its note says nothing of a move off a weekend.",
    case=case(decision_date="2026-10-20", registered_on="2026-03-18", complex_case=True),
    expect={"deadlines": [{"name": "admission_conclusion", "date": "2027-01-18", "period": "10 months",
                           "note": "the conclusion on the admission, on the assessment of Art. 9(6)"}]})

S["ad_06_emergency_admission"] = dict(
    description="Emergency admission: the Member State endeavours to conclude within a month, by Thu 16 Apr (Art. "
                "9(10)); the seven months still bound it.",
    case=case(decision_date="2026-04-01", emergency=True),
    expect={"deadlines": [{"name": "emergency_admission_conclusion", "date": "2026-04-16", "state": "running",
                           "legal_basis": URF + "9(10); computed under Regulation (EEC, Euratom) No 1182/71, Art. 3"},
                          {"name": "admission_conclusion", "date": "2026-10-16"}]})

S["ad_07_emergency_month_ends_on_kings_day"] = dict(
    description="Registered Fri 27 Mar: a month ends Mon 27 Apr, King's Day, and moves to Tue 28 Apr.",
    case=case(decision_date="2026-04-01", emergency=True, registered_on="2026-03-27"),
    expect={"deadlines": [{"name": "emergency_admission_conclusion", "date": "2026-04-28"}]})

S["ad_08_admitted_and_entered"] = dict(
    description="Positive on Thu 10 Sep, protection granted, entry on Thu 5 Nov: within the twelve months; the data "
                "are kept five years from the registration, to 16 Mar 2031 (Art. 9(12)).",
    case=case(decision_date="2026-11-30", conclusion=POSITIVE, status_granted="international_protection",
              entered_on="2026-11-05"),
    expect={"procedure": "concluded_positive", "data_kept_until": "2031-03-16", "not_assessed": [],
            "deadlines": [{"name": "entry", "state": "met"},
                          {"name": "data_retention", "date": "2031-03-16", "from": "2026-03-16", "state": "running"}],
            "grounds": [ground("URF-9(12)", "data_retention", legal_basis=URF + "9(12), first subparagraph, first "
                                                                               "sentence")]})

S["ad_09_entry_overdue"] = dict(
    description="Positive on Thu 10 Sep 2026; on Mon 13 Sep 2027 the person has not entered: the twelve months ended "
                "Fri 10 Sep 2027.",
    case=case(decision_date="2027-09-13", conclusion=POSITIVE, status_granted="international_protection"),
    expect={"deadlines": [{"name": "entry", "date": "2027-09-10", "state": "expired"}]})

S["ad_10_refused_danger"] = dict(
    description="Refused under Art. 6(1)(c) (a danger to public order or security) on Thu 10 Sep: not admitted (Art. "
                "9(13)); a ground Art. 6(1)(f) refers to, so the data are kept three years, to 10 Sep 2029.",
    case=case(decision_date="2026-09-15", conclusion={"on": "2026-09-10", "outcome": "negative",
                                                       "refusal_ground": "6(1)(c)"}),
    expect={"procedure": "concluded_negative", "data_kept_until": "2029-09-10",
            "grounds": [ground("URF-9(13)", "not_admitted",
                               legal_basis=URF + "9(13); Regulation (EU) 2024/1350, Art. 6(1)(c)"),
                        ground("URF-9(12)", "data_retention",
                               legal_basis=URF + "9(12), first subparagraph, second sentence")],
            "deadlines": [{"name": "data_retention", "date": "2029-09-10", "from": "2026-09-10"}]},
    not_deadlines=["entry"])

S["ad_11_refused_sis_alert"] = dict(
    description="Refused under Art. 6(1)(d) (an alert for refusal of entry): the data are kept three years too.",
    case=case(decision_date="2026-09-15", conclusion={"on": "2026-09-10", "outcome": "negative",
                                                       "refusal_ground": "6(1)(d)"}),
    expect={"data_kept_until": "2029-09-10"})

S["ad_12_refused_optional_ground"] = dict(
    description="Refused under Art. 6(2)(c) (declined pre-departure orientation): admission may be refused; the "
                "Regulation sets no period for keeping the data (not assessed).",
    case=case(decision_date="2026-09-15", conclusion={"on": "2026-09-10", "outcome": "negative",
                                                       "refusal_ground": "6(2)(c)"}),
    expect={"data_kept_until": None,
            "grounds": [ground("URF-9(13)", "not_admitted",
                               explanation="The conclusion of 2026-09-10 is negative on the ground of Art. 6(2)(c) "
                                           "(admission may be refused): the person is not admitted to Netherlands.")],
            "not_assessed": [URF + "9(12): the Regulation sets no period for keeping the data of a person refused on "
                                   "the ground of Art. 6(2)(c) (Regulation (EU) 2016/679 and national law apply)"]},
    not_deadlines=["data_retention"])

S["ad_13_refused_serious_crime"] = dict(
    description="Refused under Art. 6(1)(b): mandatory, but not a ground Art. 6(1)(f) refers to: no period is set.",
    case=case(decision_date="2026-09-15", conclusion={"on": "2026-09-10", "outcome": "negative",
                                                       "refusal_ground": "6(1)(b)"}),
    expect={"data_kept_until": None,
            "grounds": [ground("URF-9(13)", "not_admitted",
                               explanation="The conclusion of 2026-09-10 is negative on the ground of Art. 6(1)(b) "
                                           "(admission is refused): the person is not admitted to Netherlands.")]})

S["ad_14_consent_withdrawn"] = dict(
    description="Consent withdrawn, the procedure discontinued on Mon 15 Jun (Art. 9(11), first subparagraph): the "
                "data are kept three years, to 15 Jun 2029; no conclusion is due.",
    case=case(decision_date="2026-06-20", discontinued={"on": "2026-06-15", "reason": "consent_withdrawn"}),
    expect={"procedure": "discontinued", "data_kept_until": "2029-06-15",
            "grounds": [ground("URF-9(11)", "discontinued", legal_basis=URF + "9(11), first subparagraph"),
                        ground("URF-9(12)", "data_retention",
                               legal_basis=URF + "9(12), third subparagraph, first sentence")]},
    not_deadlines=["admission_conclusion"])

S["ad_15_discontinued_contribution_exceeded"] = dict(
    description="Discontinued on Mon 15 Jun because the admissions exceed the Union plan's contribution (Art. "
                "9(11), second subparagraph, point (a)): the data are erased that day; on 20 Jun they must be gone.",
    case=case(decision_date="2026-06-20", discontinued={"on": "2026-06-15", "reason": "9(11)(a)"}),
    expect={"procedure": "discontinued", "data_kept_until": "2026-06-15",
            "grounds": [ground("URF-9(11)", "discontinued",
                               legal_basis=URF + "9(11), second subparagraph, point (a)")],
            "deadlines": [{"name": "data_retention", "date": "2026-06-15", "state": "expired"}]})

S["ad_16_humanitarian_status"] = dict(
    description="Humanitarian admission with a national humanitarian status (Art. 9(17)): five years from the "
                "registration.",
    case=case(decision_date="2026-11-30", admission="humanitarian_admission", conclusion=POSITIVE,
              status_granted="humanitarian_status"),
    expect={"data_kept_until": "2031-03-16"})

S["ad_17_became_a_citizen"] = dict(
    description="Admitted, then a citizen of a Member State on 1 May 2030, before the five years ended: the data are "
                "erased as soon as that is known (Art. 9(12), second subparagraph).",
    case=case(decision_date="2030-05-10", conclusion=POSITIVE, status_granted="international_protection",
              entered_on="2026-11-05", citizenship_acquired_on="2030-05-01"),
    expect={"data_kept_until": "2030-05-01", "flags": [{"code": "erase_citizen_data"}],
            "deadlines": [{"name": "data_retention", "date": "2030-05-01", "state": "expired"}]})

S["ad_18_denmark"] = dict(
    description="Denmark is not bound (recital 51).",
    case=case(member_state="DNK"),
    expect={"error": {"field": "member_state"}})

S["ad_19_ireland"] = dict(
    description="Ireland was not bound at adoption (recital 50); a later opt-in is not verified.",
    case=case(member_state="IRL"),
    expect={"error": {"field": "member_state"}})

S["ad_20_registered_before_the_regulation"] = dict(
    description="Registered on 1 May 2024, before the Regulation applied (11 June 2024).",
    case=case(registered_on="2024-05-01"),
    expect={"error": {"field": "registered_on"}})

S["ad_21_negative_without_ground"] = dict(
    description="A negative conclusion needs its ground of Art. 6.",
    case=case(decision_date="2026-09-15", conclusion={"on": "2026-09-10", "outcome": "negative"}),
    expect={"error": {"field": "conclusion.refusal_ground"}})

S["ad_22_status_without_positive_conclusion"] = dict(
    description="A status is granted after a positive conclusion.",
    case=case(status_granted="international_protection"),
    expect={"error": {"field": "status_granted"}})

S["ad_23_humanitarian_status_after_resettlement"] = dict(
    description="A national humanitarian status follows humanitarian admission, not resettlement.",
    case=case(decision_date="2026-11-30", conclusion=POSITIVE, status_granted="humanitarian_status"),
    expect={"error": {"field": "status_granted"}})

S["ad_24_concluded_and_discontinued"] = dict(
    description="A procedure that reached a conclusion is not discontinued.",
    case=case(decision_date="2026-11-30", conclusion=POSITIVE,
              discontinued={"on": "2026-10-01", "reason": "consent_withdrawn"}),
    expect={"error": {"field": "discontinued"}})

S["ad_25_entry_before_conclusion"] = dict(
    description="Entry cannot precede the positive conclusion.",
    case=case(decision_date="2026-11-30", conclusion=POSITIVE, entered_on="2026-09-01"),
    expect={"error": {"field": "entered_on"}})

S["ad_26_eu_national"] = dict(
    description="Admission concerns third-country nationals and stateless persons.",
    case=case(nationality="ITA"),
    expect={"error": {"field": "nationality"}})


def main():
    write(S, OUT)


if __name__ == "__main__":
    main()
