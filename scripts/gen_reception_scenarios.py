#!/usr/bin/env python3
"""Writes tests/scenarios/reception/*.json: reception cases (Directive (EU) 2024/1346, with the
registration time limit of Regulation (EU) 2024/1348, Art. 27) and the answers worked out by hand
from the Italian OJ text in shared/spec/law-it/reg-2024-1346.txt. Dates: the Directive's periods
are counted under Regulation 1182/71, Art. 3 (the day of the event not counted; a period in months
ends on the same date, or the month's last day; a period ending on a Saturday, Sunday or Italian
public holiday ends on the next working day; working days leave out Saturdays, Sundays and
holidays); the APR's registration time limit under APR Art. 73. Monday 7 September 2026 is the
base case's day of making."""
import os

from scenario_gen import ground, merge, write

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "scenarios", "reception")
RCD = "Directive (EU) 2024/1346, Art. "


def case(**over):
    """An adult Afghan applicant in Italy: made Mon 7 Sep 2026, registered Thu 10 Sep, lodged Thu 24 Sep."""
    c = {
        "decision_date": "2026-09-30",
        "member_state": "ITA",
        "applicant": {"nationality": "AFG", "date_of_birth": "1995-03-02"},
        "application": {"made_on": "2026-09-07", "registered_on": "2026-09-10", "lodged_on": "2026-09-24"},
    }
    return merge(c, over)


UAM = {"nationality": "AFG", "date_of_birth": "2010-05-14", "unaccompanied_minor": True}
DETAINED = {"started_on": "2026-09-28", "ordered_by": "administrative"}  # a Monday


S = {}

S["rc_01_adult_time_limits_running"] = dict(
    description="An adult, nothing done yet on 30 Sep: the information was due by Mon 14 Sep (three days from Mon 7 "
                "Sep end Thu 10 Sep; the five days to register end Sat 12 Sep, moved to Mon 14 Sep under APR Art. 73; "
                "either complies, so the later is the limit); the needs assessment by Wed 7 Oct (30 days); the labour "
                "market by Wed 10 Mar 2027 (six months from the registration). No representative, no education, no "
                "detention.",
    case=case(),
    expect={"labour_market_access": "due", "detention_review": "not_applicable", "grounds": [], "not_assessed": [],
            "deadlines": [{"name": "reception_information", "date": "2026-09-14", "from": "2026-09-07",
                           "state": "expired", "period": "3 days or the time limit for registration (5 days)"},
                          {"name": "special_reception_needs_assessment", "date": "2026-10-07", "state": "running",
                           "legal_basis": RCD + "25(1), fourth subparagraph; computed under Regulation (EEC, "
                                                "Euratom) No 1182/71, Art. 3"},
                          {"name": "labour_market_access", "date": "2027-03-10", "from": "2026-09-10",
                           "period": "6 months", "state": "running"}],
            "flags": [{"code": "directive_maximum"}]},
    not_deadlines=["representative", "education_access", "detention_review", "detention_release"])

S["rc_02_information_within_three_days"] = dict(
    description="The information given on Wed 9 Sep, within the three days.",
    case=case(information_provided_on="2026-09-09"),
    expect={"deadlines": [{"name": "reception_information", "date": "2026-09-14", "state": "met"}]},
    not_flags=["information_after_three_days"])

S["rc_03_information_within_registration_time_limit"] = dict(
    description="The information given on Sat 12 Sep: after the three days (Thu 10 Sep) but within the time limit "
                "for registration (Mon 14 Sep): Art. 5(1) admits either, and the answer says which was met.",
    case=case(information_provided_on="2026-09-12"),
    expect={"deadlines": [{"name": "reception_information", "state": "met"}],
            "flags": [{"code": "information_after_three_days"}]})

S["rc_04_information_late"] = dict(
    description="The information given on Tue 15 Sep, after both arms of Art. 5(1).",
    case=case(information_provided_on="2026-09-15"),
    expect={"deadlines": [{"name": "reception_information", "date": "2026-09-14", "state": "missed"}]},
    not_flags=["information_after_three_days"])

S["rc_05_information_disproportionate_number"] = dict(
    description="A disproportionate number of applications: 15 days to register (APR Art. 27), so the information "
                "is due by Tue 22 Sep; given Fri 18 Sep, after the three days but in time.",
    case=case(application={"disproportionate_number": True}, information_provided_on="2026-09-18"),
    expect={"deadlines": [{"name": "reception_information", "date": "2026-09-22", "state": "met",
                           "period": "3 days or the time limit for registration (15 days)"}],
            "flags": [{"code": "information_after_three_days"}]})

S["rc_06_needs_assessment_late"] = dict(
    description="The assessment of special reception needs completed on Thu 8 Oct, a day after the 30 days (Art. "
                "25(1)).",
    case=case(decision_date="2026-10-09", needs_assessment={"completed_on": "2026-10-08"}),
    expect={"deadlines": [{"name": "special_reception_needs_assessment", "date": "2026-10-07", "state": "missed"}]})

S["rc_07_needs_assessment_integrated_with_apr_20"] = dict(
    description="Integrated with the assessment of special procedural guarantees: APR Art. 20(3)'s 30 days, whose "
                "start the Article does not name, counted from the making (flagged): Wed 7 Oct; completed Mon 5 Oct.",
    case=case(decision_date="2026-10-06",
              needs_assessment={"integrated_with_apr_article_20": True, "completed_on": "2026-10-05"}),
    expect={"deadlines": [{"name": "special_reception_needs_assessment", "date": "2026-10-07", "state": "met",
                           "legal_basis": RCD + "25(1), fourth subparagraph; Regulation (EU) 2024/1348, Art. 20(3); "
                                                "computed under Regulation (EU) 2024/1348, Art. 73"}],
            "flags": [{"code": "apr_article_20_start_not_stated"}]})

S["rc_08_needs_assessment_ends_on_a_holiday"] = dict(
    description="Made Fri 2 Oct: the 30 days end on Sun 1 Nov, All Saints' Day, and move to Mon 2 Nov (Reg. "
                "1182/71, Art. 3(4)).",
    case=case(decision_date="2026-10-20",
              application={"made_on": "2026-10-02", "registered_on": "2026-10-05", "lodged_on": "2026-10-19"}),
    expect={"deadlines": [{"name": "special_reception_needs_assessment", "date": "2026-11-02", "state": "running"},
                          {"name": "reception_information", "date": "2026-10-07"},
                          {"name": "labour_market_access", "date": "2027-04-05"}]})

S["rc_09_unaccompanied_minor_representative_in_time"] = dict(
    description="An unaccompanied minor: a representative within 15 working days of Mon 7 Sep, so by Mon 28 Sep "
                "(Art. 27(1)(b)); appointed Fri 25 Sep. Education by Tue 24 Nov, two months from the lodging (Art. "
                "16(2)).",
    case=case(applicant=UAM, representative={"appointed_on": "2026-09-25"}),
    expect={"deadlines": [{"name": "representative", "date": "2026-09-28", "state": "met", "period": "15 working days",
                           "legal_basis": RCD + "27(1), first subparagraph, point (b); computed under Regulation "
                                                "(EEC, Euratom) No 1182/71, Art. 3"},
                          {"name": "education_access", "date": "2026-11-24", "from": "2026-09-24",
                           "state": "running"}]},
    not_grounds=[{"effect": "representative_delayed"}])

S["rc_10_unaccompanied_minor_without_representative"] = dict(
    description="No representative appointed by Mon 5 Oct: the 15 working days ended Mon 28 Sep.",
    case=case(decision_date="2026-10-05", applicant=UAM),
    expect={"deadlines": [{"name": "representative", "date": "2026-09-28", "state": "expired"}]})

S["rc_11_representative_exceptional_situation"] = dict(
    description="A disproportionate number of applications by unaccompanied minors: the appointment may be delayed "
                "by 10 days (Art. 27(1), fifth subparagraph), from Mon 28 Sep to Thu 8 Oct; appointed Tue 6 Oct.",
    case=case(decision_date="2026-10-07", applicant=UAM,
              representative={"appointed_on": "2026-10-06", "exceptional_situation": True}),
    expect={"deadlines": [{"name": "representative", "date": "2026-10-08", "from": "2026-09-07", "state": "met",
                           "period": "15 working days and 10 days"}],
            "grounds": [ground("RCD-27(1)", "representative_delayed",
                               legal_basis=RCD + "27(1), fifth subparagraph")]})

S["rc_12_representative_working_days_over_a_holiday"] = dict(
    description="Made Mon 30 Nov: the 15 working days skip the weekends and Tue 8 Dec (Immaculate Conception), so "
                "they end Tue 22 Dec. Not registered yet: the labour market's six months cannot be counted, and a "
                "minor's education waits for the lodging (both listed as not assessed).",
    case=case(decision_date="2026-12-01", applicant=UAM,
              application={"made_on": "2026-11-30", "registered_on": None, "lodged_on": None}),
    expect={"labour_market_access": "not_yet_registered",
            "deadlines": [{"name": "representative", "date": "2026-12-22", "state": "running"}],
            "not_assessed": [RCD + "17(1): access to the labour market within six months of the registration of the "
                                   "application (give application.registered_on)",
                             RCD + "16(2): minors' access to the education system, at the latest two months from the "
                                   "lodging of the application (give application.lodged_on)"]},
    not_deadlines=["labour_market_access", "education_access"])

S["rc_13_minor_children_education_late"] = dict(
    description="An adult with minor children: their access to education was due by Tue 24 Nov (two months from "
                "the lodging on Thu 24 Sep); given Tue 1 Dec.",
    case=case(decision_date="2026-12-02", applicant={"minor_children": True}, education_access_on="2026-12-01"),
    expect={"deadlines": [{"name": "education_access", "date": "2026-11-24", "state": "missed"}]},
    not_deadlines=["representative"])

S["rc_14_education_two_months_from_the_31st"] = dict(
    description="A minor (born 2012) with a parent, lodged Thu 31 Dec: two months end on the last day of February, "
                "Sun 28 Feb 2027 (Reg. 1182/71, Art. 3(2)(c)), moved to Mon 1 Mar. The labour market: Tue 29 Jun "
                "2027, six months from the registration on Tue 29 Dec.",
    case=case(decision_date="2027-01-04", applicant={"date_of_birth": "2012-02-01"},
              application={"made_on": "2026-12-28", "registered_on": "2026-12-29", "lodged_on": "2026-12-31"}),
    expect={"deadlines": [{"name": "education_access", "date": "2027-03-01", "from": "2026-12-31"},
                          {"name": "labour_market_access", "date": "2027-06-29"}]},
    not_deadlines=["representative"])

S["rc_15_minor_turns_18_before_lodging"] = dict(
    description="Born 20 Sep 2008: 17 when the application was made, 18 when it was lodged on Thu 24 Sep; the "
                "Directive's education guarantee is for minors, so no education time limit.",
    case=case(applicant={"date_of_birth": "2008-09-20"}),
    expect={"labour_market_access": "due"},
    not_deadlines=["education_access"])

S["rc_16_labour_market_decision_within_six_months"] = dict(
    description="The determining authority decided on Fri 20 Nov, within the six months: Art. 17(1) does not "
                "require access to the labour market.",
    case=case(decision_date="2026-11-30", application={"decided_on": "2026-11-20"}),
    expect={"labour_market_access": "not_due_decision_taken",
            "grounds": [ground("RCD-17(1)", "labour_market_not_due", legal_basis=RCD + "17(1)")]},
    not_deadlines=["labour_market_access"])

S["rc_17_labour_market_excluded_safe_country"] = dict(
    description="Accelerated under APR Art. 42(1)(e) (safe country of origin): no access to the labour market (Art. "
                "17(1), second subparagraph).",
    case=case(applicant={"nationality": "TUN"}, application={"accelerated_ground": "42(1)(e)"}),
    expect={"labour_market_access": "excluded_accelerated",
            "grounds": [ground("RCD-17(1)", "labour_market_excluded", legal_basis=RCD + "17(1), second subparagraph",
                               explanation="The examination is accelerated under Regulation (EU) 2024/1348, Art. "
                                           "42(1)(e): access to the labour market is not granted.")]},
    not_deadlines=["labour_market_access"])

S["rc_18_labour_market_withdrawn"] = dict(
    description="Access granted on Mon 2 Nov, then the examination accelerated under APR Art. 42(1)(b): the access "
                "is withdrawn.",
    case=case(decision_date="2026-11-30", application={"accelerated_ground": "42(1)(b)"},
              labour_market_access_on="2026-11-02"),
    expect={"labour_market_access": "excluded_accelerated",
            "grounds": [ground("RCD-17(1)", "labour_market_excluded",
                               explanation="The examination is accelerated under Regulation (EU) 2024/1348, Art. "
                                           "42(1)(b): access to the labour market is not granted, and the access "
                                           "granted on 2026-11-02 is withdrawn.")]})

S["rc_62_labour_market_kept_during_appeal"] = dict(
    description="Access granted on Mon 2 Nov; the determining authority rejected the application on Fri 20 Nov and "
                "the applicant appealed with a right to remain: access is not withdrawn during the appeal (Art. 17(9)).",
    case=case(decision_date="2026-11-30",
              application={"decided_on": "2026-11-20", "appealed_with_right_to_remain": True},
              labour_market_access_on="2026-11-02"),
    expect={"labour_market_access": "granted",
            "grounds": [ground("RCD-17(9)", "labour_market_kept_during_appeal", legal_basis=RCD + "17(9)")]})

S["rc_63_labour_market_after_appeal_dismissed"] = dict(
    description="The negative decision on the appeal was notified on Fri 27 Nov: from then the access granted may be "
                "withdrawn (Art. 17(9)).",
    case=case(decision_date="2026-11-30",
              application={"decided_on": "2026-11-20", "appealed_with_right_to_remain": True,
                           "appeal_decision_notified_on": "2026-11-27"},
              labour_market_access_on="2026-11-02"),
    expect={"grounds": [ground("RCD-17(9)", "labour_market_may_end", legal_basis=RCD + "17(9)")]},
    not_grounds=[{"effect": "labour_market_kept_during_appeal"}])

S["rc_64_appeal_without_decision"] = dict(
    description="An appeal is against the determining authority's decision: without decided_on it is refused naming "
                "the field.",
    case=case(application={"appealed_with_right_to_remain": True}),
    expect={"error": {"field": "application.appealed_with_right_to_remain"}})

S["rc_65_appeal_decision_before_the_decision"] = dict(
    description="The appeal's decision cannot precede the decision appealed: refused naming the field.",
    case=case(decision_date="2026-11-30",
              application={"decided_on": "2026-11-20", "appealed_with_right_to_remain": True,
                           "appeal_decision_notified_on": "2026-11-19"}),
    expect={"error": {"field": "application.appeal_decision_notified_on"}})

S["rc_19_labour_market_accelerated_low_recognition_rate"] = dict(
    description="Accelerated under APR Art. 42(1)(j) (recognition rate of 20 % or lower): not among (a)-(f), so "
                "access is due by Wed 10 Mar 2027.",
    case=case(applicant={"nationality": "BGD"}, application={"accelerated_ground": "42(1)(j)"}),
    expect={"labour_market_access": "due",
            "deadlines": [{"name": "labour_market_access", "date": "2027-03-10", "state": "running"}]},
    not_grounds=[{"effect": "labour_market_excluded"}])

S["rc_20_labour_market_granted"] = dict(
    description="Access granted on Mon 1 Mar 2027, within the six months.",
    case=case(decision_date="2027-03-05", labour_market_access_on="2027-03-01"),
    expect={"labour_market_access": "granted",
            "deadlines": [{"name": "labour_market_access", "date": "2027-03-10", "state": "met"}]})

S["rc_21_labour_market_overdue"] = dict(
    description="No decision and no access on Mon 15 Mar 2027: the six months ended Wed 10 Mar.",
    case=case(decision_date="2027-03-15"),
    expect={"labour_market_access": "due",
            "deadlines": [{"name": "labour_market_access", "date": "2027-03-10", "state": "expired"}]})

S["rc_22_labour_market_delay_attributable"] = dict(
    description="The delay is attributable to the applicant: the six months do not oblige the Member State.",
    case=case(decision_date="2027-03-15", application={"delay_attributable_to_applicant": True}),
    expect={"labour_market_access": "not_due_applicant_delay",
            "grounds": [ground("RCD-17(1)", "labour_market_not_due")]},
    not_deadlines=["labour_market_access"])

S["rc_23_detention_review_pending"] = dict(
    description="Detained on Mon 28 Sep by an administrative order: the ex officio review within 15 days, by Tue 13 "
                "Oct; not concluded by Mon 19 Oct (21 days), release (Art. 11(3)). On Mon 5 Oct both run; the "
                "grounds of detention are an individual assessment (Art. 10).",
    case=case(decision_date="2026-10-05", detention=DETAINED),
    expect={"detention_review": "pending",
            "deadlines": [{"name": "detention_review", "date": "2026-10-13", "from": "2026-09-28", "state": "running",
                           "legal_basis": RCD + "11(3), first subparagraph; computed under Regulation (EEC, "
                                                "Euratom) No 1182/71, Art. 3"},
                          {"name": "detention_release", "date": "2026-10-19", "state": "running"}],
            "not_assessed": [RCD + "10(2)-(4): whether detention is necessary on the basis of an individual "
                                   "assessment, proportionate, and rests on a ground of Art. 10(4), where less coercive "
                                   "alternatives cannot be applied effectively"]},
    not_flags=["release_required"])

S["rc_24_detention_release_required"] = dict(
    description="No review concluded by Tue 20 Oct: the 21 days ended Mon 19 Oct, and the applicant is released "
                "immediately (Art. 11(3), second subparagraph).",
    case=case(decision_date="2026-10-20", detention=DETAINED),
    expect={"detention_review": "release_required",
            "deadlines": [{"name": "detention_review", "state": "expired"},
                          {"name": "detention_release", "date": "2026-10-19", "state": "expired"}],
            "flags": [{"code": "release_required"}]})

S["rc_25_detention_reviewed_in_time"] = dict(
    description="Reviewed on Fri 9 Oct, within the 15 days.",
    case=case(decision_date="2026-10-20", detention={**DETAINED, "reviewed_on": "2026-10-09"}),
    expect={"detention_review": "concluded",
            "deadlines": [{"name": "detention_review", "date": "2026-10-13", "state": "met"},
                          {"name": "detention_release", "state": "met"}]},
    not_flags=["release_required", "release_was_required"])

S["rc_26_detention_exceptional_situation"] = dict(
    description="An exceptional situation: 21 days for the review, to Mon 19 Oct; reviewed Fri 16 Oct.",
    case=case(decision_date="2026-10-20",
              detention={**DETAINED, "exceptional_situation": True, "reviewed_on": "2026-10-16"}),
    expect={"detention_review": "concluded",
            "deadlines": [{"name": "detention_review", "date": "2026-10-19", "period": "21 days", "state": "met"}]},
    not_flags=["release_was_required"])

S["rc_27_detention_reviewed_after_21_days"] = dict(
    description="Reviewed only on Thu 22 Oct, after the 21 days: the applicant was to be released on Mon 19 Oct.",
    case=case(decision_date="2026-10-23", detention={**DETAINED, "reviewed_on": "2026-10-22"}),
    expect={"detention_review": "concluded",
            "deadlines": [{"name": "detention_review", "state": "missed"},
                          {"name": "detention_release", "state": "missed"}],
            "flags": [{"code": "release_was_required"}]})

S["rc_28_detention_review_on_request"] = dict(
    description="Reviewed on the applicant's request, the proceedings started Fri 2 Oct: 15 days end Sat 17 Oct, "
                "moved to Mon 19 Oct; 21 days end Fri 23 Oct.",
    case=case(decision_date="2026-10-20",
              detention={**DETAINED, "review": "on_request", "review_requested_on": "2026-10-02"}),
    expect={"detention_review": "pending",
            "deadlines": [{"name": "detention_review", "date": "2026-10-19", "from": "2026-10-02", "state": "expired"},
                          {"name": "detention_release", "date": "2026-10-23", "state": "running"}]})

S["rc_29_detention_judicial_order"] = dict(
    description="Detention ordered by a court: Art. 11(3)'s speedy review concerns administrative orders; the order "
                "is reviewed at reasonable intervals (Art. 11(5)).",
    case=case(decision_date="2026-10-20", detention={"started_on": "2026-09-28", "ordered_by": "judicial"}),
    expect={"detention_review": "judicial_order", "grounds": [ground("RCD-11(5)", "periodic_review")]},
    not_deadlines=["detention_review", "detention_release"])

S["rc_30_detention_released_before_review"] = dict(
    description="Released on Tue 6 Oct, before any review: the release is what the 21 days protect (met).",
    case=case(decision_date="2026-10-25", detention={**DETAINED, "released_on": "2026-10-06"}),
    expect={"detention_review": "released",
            "deadlines": [{"name": "detention_release", "date": "2026-10-19", "state": "met"}]},
    not_deadlines=["detention_review"], not_flags=["release_required"])

S["rc_39_detention_released_then_reviewed_late"] = dict(
    description="Released on Fri 16 Oct, within the 21 days; the review concluded only on Thu 22 Oct: the review's "
                "15 days were missed, the release was in time, so no late release is flagged.",
    case=case(decision_date="2026-10-23",
              detention={**DETAINED, "released_on": "2026-10-16", "reviewed_on": "2026-10-22"}),
    expect={"detention_review": "concluded",
            "deadlines": [{"name": "detention_review", "state": "missed"},
                          {"name": "detention_release", "date": "2026-10-19", "state": "met"}]},
    not_flags=["release_was_required"])

S["rc_40_lodged_without_registration"] = dict(
    description="An application is lodged after it is registered (APR Arts. 27-28): lodged_on without registered_on "
                "is refused naming the missing field.",
    case=case(application={"registered_on": None}),
    expect={"error": {"field": "application.registered_on"}})

S["rc_31_denmark"] = dict(
    description="Denmark is not bound by the Directive (recital 74).",
    case=case(member_state="DNK"),
    expect={"error": {"field": "member_state"}})

S["rc_32_ireland"] = dict(
    description="Ireland was not bound at adoption (recital 73); a later opt-in is not verified.",
    case=case(member_state="IRL"),
    expect={"error": {"field": "member_state"}})

S["rc_33_made_before_the_directive_applied"] = dict(
    description="An application made on 1 Jun 2026, before the Directive applied: refused naming the field.",
    case=case(application={"made_on": "2026-06-01", "registered_on": "2026-06-03", "lodged_on": "2026-06-20"}),
    expect={"error": {"field": "application.made_on"}})

S["rc_34_representative_for_an_adult"] = dict(
    description="A representative under Art. 27 is for an unaccompanied minor.",
    case=case(representative={"appointed_on": "2026-09-25"}),
    expect={"error": {"field": "representative"}})

S["rc_35_review_on_request_without_its_start"] = dict(
    description="A review on request needs the day its proceedings started.",
    case=case(detention={**DETAINED, "review": "on_request"}),
    expect={"error": {"field": "detention.review_requested_on"}})

S["rc_36_fact_after_decision_date"] = dict(
    description="The information dated after the decision date.",
    case=case(information_provided_on="2026-10-02"),
    expect={"error": {"field": "information_provided_on"}})

S["rc_37_judicial_order_with_review_dates"] = dict(
    description="The review of Art. 11(3) concerns administrative orders: a judicial order with its dates is refused.",
    case=case(decision_date="2026-10-20",
              detention={"started_on": "2026-09-28", "ordered_by": "judicial", "reviewed_on": "2026-10-09"}),
    expect={"error": {"field": "detention.ordered_by"}})

S["rc_38_lodged_before_registered"] = dict(
    description="Lodged before it was registered: refused naming the field.",
    case=case(application={"registered_on": "2026-09-10", "lodged_on": "2026-09-09"}),
    expect={"error": {"field": "application.lodged_on"}})


# ---- Art. 5(1) with APR Art. 27(3): an application made to an authority that does not register
# applications. Made Mon 7 Sep; three days -> Thu 10 Sep; informed Wed 9 Sep: registration five
# days -> Mon 14 Sep (the outer limit); informed Fri 11 Sep: -> Wed 16 Sep. ----
S["rc_58_information_referred_registration"] = dict(
    description="Art. 5(1) with APR Art. 27(3): the registering authority was informed on Wed 9 Sep, so registration "
                "was due by Mon 14 Sep; the information given on Sat 12 Sep is within that (after the three days, "
                "flagged).",
    case=case(application={"made_to_non_registering_authority": True, "registering_authority_informed_on": "2026-09-09"},
              information_provided_on="2026-09-12"),
    expect={"deadlines": [{"name": "reception_information", "date": "2026-09-14", "state": "met"}],
            "flags": [{"code": "information_after_three_days"}]},
    not_flags=["registration_time_limit_unknown"])
S["rc_59_information_referred_late_information"] = dict(
    description="Art. 5(1) with APR Art. 27(3): informed on Fri 11 Sep, the registration's five days end Wed 16 Sep; "
                "the information on Tue 15 Sep is in time.",
    case=case(application={"made_to_non_registering_authority": True, "registering_authority_informed_on": "2026-09-11"},
              information_provided_on="2026-09-15"),
    expect={"deadlines": [{"name": "reception_information", "date": "2026-09-16", "state": "met"}]})
S["rc_60_information_referred_not_informed"] = dict(
    description="Art. 5(1) with APR Art. 27(3): the registering authority's information is not recorded, so only the "
                "three days (Thu 10 Sep) are counted, flagged.",
    case=case(application={"made_to_non_registering_authority": True, "registered_on": None, "lodged_on": None}),
    expect={"deadlines": [{"name": "reception_information", "date": "2026-09-10", "state": "expired",
                           "period": "3 days"}],
            "flags": [{"code": "registration_time_limit_unknown"}]})
S["rc_61_informed_without_referral"] = dict(
    description="The registering authority's information belongs to an application made to an authority that does "
                "not register applications: refused naming the field.",
    case=case(application={"registering_authority_informed_on": "2026-09-09"}),
    expect={"error": {"field": "application.registering_authority_informed_on"}})


# ---- Material reception conditions: Art. 21 (a transfer decision) and Art. 23 (reduction or
# withdrawal). No time limits: the answers are which measure the Directive allows and the flags of
# its safeguards. ----
HEALTH = {"code": "health_care_and_standard_of_living"}
PROPORTIONATE_23_4 = (RCD + "23(4): an objective, impartial and reasoned decision on the individual case, based on "
                      "the applicant's particular situation (special reception needs especially) and proportionate")
PROPORTIONATE_OTHER = (RCD + "23(1), second subparagraph: whether reducing or withdrawing material reception "
                       "conditions other than the daily expenses allowance is duly justified and proportionate")


def measure(**over):
    m = {"type": "reduce_daily_allowance", "ground": "a", "decided_on": "2026-09-20", "applied_on": "2026-09-21"}
    m.update(over)
    return {"material_conditions": {"measure": {k: v for k, v in m.items() if v is not None}}}


S["rc_39_entitled"] = dict(
    description="No transfer decision and no measure: the applicant is entitled to material reception conditions.",
    case=case(), expect={"material_reception_conditions": "entitled"},
    not_flags=["health_care_and_standard_of_living", "required_to_be_present_elsewhere"])

S["rc_40_transfer_decision_notified"] = dict(
    description="Art. 21: a transfer decision to Germany notified on Fri 25 Sep: from then no reception conditions "
                "of Arts. 17-20 in Italy; health care and a dignified standard of living remain.",
    case=case(material_conditions={"required_to_be_present_in": "DEU", "transfer_decision_notified_on": "2026-09-25"}),
    expect={"material_reception_conditions": "not_entitled_here",
            "grounds": [ground("RCD-21", "reception_conditions_not_due", legal_basis=RCD + "21")],
            "flags": [HEALTH]})

S["rc_41_transfer_decision_needs_the_member_state"] = dict(
    description="Art. 21: a transfer decision without the Member State where the applicant must be present is "
                "refused, naming that field.",
    case=case(material_conditions={"transfer_decision_notified_on": "2026-09-25"}),
    expect={"error": {"field": "material_conditions.required_to_be_present_in"}})

S["rc_42_required_elsewhere_no_transfer_yet"] = dict(
    description="Required to be present in Germany (AMMR Art. 17(4)) but no transfer decision notified: still "
                "entitled in Italy, flagged.",
    case=case(material_conditions={"required_to_be_present_in": "DEU"}),
    expect={"material_reception_conditions": "entitled", "flags": [{"code": "required_to_be_present_elsewhere"}]},
    not_grounds=[{"rule": "RCD-21"}])

S["rc_43_daily_allowance_reduced_absconding"] = dict(
    description="Art. 23(1), first subparagraph, and 23(2)(a): the applicant absconded; the daily expenses "
                "allowance reduced by a decision of 20 Sep, applied from 21 Sep.",
    case=case(**measure()),
    expect={"material_reception_conditions": "reduced",
            "grounds": [ground("RCD-23(2)(a)", "reception_conditions_reduced",
                               legal_basis=RCD + "23(1), first subparagraph; 23(2)(a)")],
            "flags": [HEALTH], "not_assessed": [PROPORTIONATE_23_4]},
    not_flags=["applied_before_decision", "applied_without_decision", "decision_required"])

S["rc_44_other_conditions_withdrawn_needs_ground_e"] = dict(
    description="Art. 23(1)(b): other material conditions may be withdrawn only for 23(2)(e); for non-cooperation "
                "(23(2)(b)) they may at most be reduced.",
    case=case(**measure(type="withdraw_other", ground="b")),
    expect={"material_reception_conditions": "measure_not_permitted",
            "grounds": [ground("RCD-23(1)(b)", "measure_not_permitted")]},
    not_flags=["health_care_and_standard_of_living"])

S["rc_45_other_conditions_withdrawn_violence"] = dict(
    description="Art. 23(1)(b) with 23(2)(e): violent behaviour in the accommodation centre allows other material "
                "conditions to be withdrawn, where duly justified and proportionate (not assessed).",
    case=case(**measure(type="withdraw_other", ground="e")),
    expect={"material_reception_conditions": "withdrawn",
            "grounds": [ground("RCD-23(2)(e)", "reception_conditions_withdrawn",
                               legal_basis=RCD + "23(1), second subparagraph, point (b); 23(2)(e)")],
            "not_assessed": [PROPORTIONATE_OTHER, PROPORTIONATE_23_4]})

S["rc_46_other_conditions_reduced_concealed_resources"] = dict(
    description="Art. 23(1)(a) with 23(2)(d): concealed financial resources; other conditions reduced.",
    case=case(**measure(type="reduce_other", ground="d")),
    expect={"material_reception_conditions": "reduced",
            "grounds": [ground("RCD-23(2)(d)", "reception_conditions_reduced",
                               legal_basis=RCD + "23(1), second subparagraph, point (a); 23(2)(d)")],
            "not_assessed": [PROPORTIONATE_OTHER]})

S["rc_47_applied_before_the_decision"] = dict(
    description="Art. 23(5): applied on 18 Sep, before the decision of 20 Sep: flagged.",
    case=case(**measure(applied_on="2026-09-18")),
    expect={"material_reception_conditions": "reduced", "flags": [{"code": "applied_before_decision"}]})

S["rc_48_applied_without_a_decision"] = dict(
    description="Art. 23(5): applied with no decision recorded: flagged.",
    case=case(**measure(decided_on=None)),
    expect={"flags": [{"code": "applied_without_decision"}]}, not_flags=["decision_required"])

S["rc_49_no_decision_yet"] = dict(
    description="Art. 23(5): neither decided nor applied: a decision is required first.",
    case=case(**measure(decided_on=None, applied_on=None)),
    expect={"flags": [{"code": "decision_required"}]}, not_flags=["applied_without_decision"])

S["rc_50_circumstances_ceased_assessment_due"] = dict(
    description="Art. 23(3): the absconding applicant came back on 25 Sep; restoring the conditions is to be "
                "considered, and no assessment is recorded.",
    case=case(**measure(circumstances_ceased_on="2026-09-25")),
    expect={"flags": [{"code": "restoration_assessment_due"}]}, not_grounds=[{"rule": "RCD-23(3)"}])

S["rc_51_circumstances_ceased_assessed"] = dict(
    description="Art. 23(3): for 23(2)(f), the circumstances ceased on 25 Sep and restoring was considered on 28 Sep.",
    case=case(**measure(ground="f", circumstances_ceased_on="2026-09-25", restoration_assessed_on="2026-09-28")),
    expect={"grounds": [ground("RCD-23(3)", "restoration_assessed")]}, not_flags=["restoration_assessment_due"])

S["rc_52_restoration_only_for_a_b_f"] = dict(
    description="Art. 23(3) concerns grounds (a), (b) and (f): ceased circumstances on a subsequent application "
                "(23(2)(c)) are refused naming the field.",
    case=case(**measure(ground="c", circumstances_ceased_on="2026-09-25")),
    expect={"error": {"field": "material_conditions.measure.circumstances_ceased_on"}})

S["rc_53_measure_where_not_required_to_be_present"] = dict(
    description="Art. 23(1) concerns applicants required to be present on the deciding State's territory: required "
                "in Germany, Italy's measure has no basis in Art. 23.",
    case=case(material_conditions={"required_to_be_present_in": "DEU", "measure": measure()["material_conditions"]["measure"]}),
    expect={"material_reception_conditions": "measure_not_permitted",
            "grounds": [ground("RCD-23(1)", "measure_not_permitted")]})

S["rc_54_measure_after_transfer_decision"] = dict(
    description="Art. 21 comes first: after a notified transfer decision the measure is not assessed (flagged).",
    case=case(material_conditions={"required_to_be_present_in": "DEU", "transfer_decision_notified_on": "2026-09-25",
                                   "measure": measure()["material_conditions"]["measure"]}),
    expect={"material_reception_conditions": "not_entitled_here", "flags": [{"code": "measure_superseded"}]},
    not_grounds=[{"rule": "RCD-23(2)(a)"}])

S["rc_55_required_in_a_third_country"] = dict(
    description="AMMR Art. 17(4) names a Member State: Turkey is refused naming the field.",
    case=case(material_conditions={"required_to_be_present_in": "TUR"}),
    expect={"error": {"field": "material_conditions.required_to_be_present_in"}})

S["rc_56_decision_after_the_decision_date"] = dict(
    description="A measure decided after the decision date (1 Oct) is refused naming the field.",
    case=case(**measure(decided_on="2026-10-01", applied_on=None)),
    expect={"error": {"field": "material_conditions.measure.decided_on"}})

S["rc_57_required_here"] = dict(
    description="Required to be present in Italy itself: Art. 23 applies as to any applicant here.",
    case=case(material_conditions={"required_to_be_present_in": "ITA", "measure": measure()["material_conditions"]["measure"]}),
    expect={"material_reception_conditions": "reduced"}, not_flags=["required_to_be_present_elsewhere"])


# ---- Art. 9: restrictions of the freedom of movement. Decided and applied Tue 15 Sep 2026; two
# months end Sun 15 Nov, moved to Mon 16 Nov (Regulation 1182/71, Art. 3(4)): the ex officio
# judicial review falls due once the restriction has applied beyond it. ----
def restriction(**over):
    r = {"type": "specific_place", "ground": "risk_of_absconding", "decided_on": "2026-09-15", "reasons_stated": True,
         "informed_in_writing_on": "2026-09-15", "review": "ex_officio"}
    r.update(over)
    return {"movement_restriction": r}


REVIEW = {"name": "restriction_ex_officio_review", "date": "2026-11-16", "from": "2026-09-15", "period": "2 months",
          "legal_basis": RCD + "9(5); computed under Regulation (EEC, Euratom) No 1182/71, Art. 3"}
PROPORTIONATE = (RCD + "9(4): the restriction is proportionate and takes account of the applicant's individual "
                 "situation, special reception needs included")

S["rc_66_restriction_specific_place"] = dict(
    description="Art. 9(1): residence in a specific place against absconding, decided Tue 15 Sep with reasons and "
                "written information; on Tue 20 Oct the ex officio review (Art. 9(5)) falls due after Mon 16 Nov "
                "(two months, Sun 15 Nov moved); proportionality (9(4)) not assessed.",
    case=case(decision_date="2026-10-20", **restriction()),
    expect={"movement_restriction": "in_force",
            "grounds": [ground("RCD-9(1)", "movement_restricted", legal_basis=RCD + "9(1)")],
            "deadlines": [dict(REVIEW, state="running")], "not_assessed": [PROPORTIONATE]},
    not_flags=["restriction_reasons_not_recorded", "restriction_information_not_recorded", "restriction_review_due"])
S["rc_67_restriction_review_due"] = dict(
    description="Art. 9(5): on Fri 20 Nov the restriction has applied for more than two months (Mon 16 Nov) with no "
                "judicial review recorded: flagged.",
    case=case(decision_date="2026-11-20", **restriction()),
    expect={"movement_restriction": "in_force", "deadlines": [dict(REVIEW, state="expired")],
            "flags": [{"code": "restriction_review_due"}]})
S["rc_68_restriction_reviewed"] = dict(
    description="Art. 9(5): a judicial authority reviewed the restriction ex officio on Wed 18 Nov, after the two "
                "months: met.",
    case=case(decision_date="2026-11-20", **restriction(judicially_reviewed_on="2026-11-18")),
    expect={"grounds": [ground("RCD-9(5)", "restriction_reviewed", legal_basis=RCD + "9(5)")],
            "deadlines": [dict(REVIEW, state="met")]},
    not_flags=["restriction_review_due"])
S["rc_69_restriction_on_request"] = dict(
    description="Art. 9(5), last sentence: where the Member State opens restrictions to appeal on request (Art. 29) "
                "instead of an ex officio review, no review time limit; flagged appealable.",
    case=case(decision_date="2026-11-20", **restriction(review="on_request")),
    expect={"movement_restriction": "in_force", "flags": [{"code": "restriction_appealable"}]},
    not_deadlines=["restriction_ex_officio_review"], not_flags=["restriction_review_due"])
S["rc_70_restriction_ended_within_two_months"] = dict(
    description="A restriction that ended on Sun 1 Nov, before it had applied for two months: no ex officio review "
                "falls due.",
    case=case(decision_date="2026-11-20", **restriction(ended_on="2026-11-01")),
    expect={"movement_restriction": "ended"},
    not_deadlines=["restriction_ex_officio_review"], not_flags=["restriction_review_due"])
S["rc_71_reporting_without_reasons_or_information"] = dict(
    description="Art. 9(2): reporting duties to ensure compliance with a decision to reside in a specific place, "
                "decided without recorded reasons or written information (Art. 9(5)): both flagged.",
    case=case(decision_date="2026-10-20", **restriction(type="reporting", ground="compliance_with_specific_place",
                                                       reasons_stated=False, informed_in_writing_on=None)),
    expect={"movement_restriction": "in_force",
            "grounds": [ground("RCD-9(2)", "movement_restricted", legal_basis=RCD + "9(2)")],
            "flags": [{"code": "restriction_reasons_not_recorded"}, {"code": "restriction_information_not_recorded"}]})
S["rc_72_reporting_on_public_order"] = dict(
    description="Art. 9(2) allows reporting duties for compliance with a 9(1) decision or against absconding, not "
                "on public order alone: refused naming the field.",
    case=case(**restriction(type="reporting", ground="public_order")),
    expect={"error": {"field": "movement_restriction.ground"}})
S["rc_73_restriction_before_the_application"] = dict(
    description="A restriction decided Tue 1 Sep, before the application was made (Mon 7 Sep), is refused naming the "
                "field.",
    case=case(**restriction(decided_on="2026-09-01", informed_in_writing_on=None)),
    expect={"error": {"field": "movement_restriction.decided_on"}})


def main():
    write(S, OUT, omit_none_in=("application",))


if __name__ == "__main__":
    main()
