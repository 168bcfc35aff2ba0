#!/usr/bin/env python3
"""Writes tests/scenarios/return_border/*.json: return border procedure cases (Regulation (EU)
2024/1349, with the right to remain of Regulation (EU) 2024/1348, Arts. 10 and 68) and the answers
worked out by hand from the Italian OJ text in shared/spec/law-it/. Dates: 12 weeks from a Thursday
end on the Thursday twelve weeks later, moved to the next working day when that is a Saturday,
Sunday or Italian public holiday (RBPR Art. 11); the five days of APR Art. 68(5)(a) are counted
under APR Art. 73."""
import os

from scenario_gen import ground, merge, write

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "scenarios", "return_border")
RBPR = "Regulation (EU) 2024/1349, Art. "
APR = "Regulation (EU) 2024/1348, Art. "


def case(**over):
    """An adult Tunisian rejected as unfounded in Italy's border procedure on Thursday 1 October 2026."""
    c = {
        "decision_date": "2026-10-05",
        "member_state": "ITA",
        "person": {"nationality": "TUN", "date_of_birth": "1998-04-02"},
        "rejection": {"decided_on": "2026-10-01", "notified_on": "2026-10-02", "procedure": "border",
                      "ground": "unfounded"},
    }
    return merge(c, over)


S = {}

S["rb_01_unfounded_no_request_yet"] = dict(
    description="Rejected as unfounded in the border procedure (APR Art. 68(3)(a)(ii)): no right to remain from the "
                "decision (Art. 10(1)); 12 weeks from Thu 1 Oct end Thu 24 Dec (RBPR Art. 4(2)). No request to remain "
                "yet: no removal before the five days from the notification of Fri 2 Oct end, Wed 7 Oct (Art. 68(5)(a), "
                "(d)(i), counted under Art. 73).",
    case=case(),
    expect={"return_border_procedure": "applies", "right_to_remain_ended_on": "2026-10-01",
            "voluntary_departure": "on_request_only", "detention": "no_ground",
            "grounds": [ground("APR-68(3)", "right_to_remain_ended",
                               legal_basis="Regulation (EU) 2024/1348, Arts. 68(3)(a)(ii) and 10(1)"),
                        ground("RBPR-4(1)", "entry_not_authorised", legal_basis=RBPR + "4(1)"),
                        ground("RBPR-4(2)", "stay_at_border", legal_basis=RBPR + "4(2)"),
                        ground("RBPR-4(4)", "return_directive_after"),
                        ground("RBPR-5(3)", "detention_no_ground")],
            "deadlines": [{"name": "return_border_procedure_maximum", "date": "2026-12-24", "from": "2026-10-01",
                           "period": "12 weeks", "state": "running"},
                          {"name": "leave_to_remain_request", "date": "2026-10-07", "from": "2026-10-02",
                           "period": "5 days", "state": "running", "legal_basis": APR + "68(5)(a)"}],
            "flags": [{"code": "removal_barred_not_authorised"}]},
    not_deadlines=["detention_maximum"])

S["rb_02_leave_requested_pending"] = dict(
    description="A request to remain made in time bars removal until the court decides (APR Art. 68(5)(d)(ii)); the "
                "12 weeks still run from the rejection (flagged).",
    case=case(appeal={"lodged_on": "2026-10-05", "leave_to_remain": {"requested_on": "2026-10-05"}}),
    expect={"return_border_procedure": "applies", "right_to_remain_ended_on": "2026-10-01",
            "grounds": [ground("APR-68(5)(d)(ii)", "removal_suspended")],
            "flags": [{"code": "removal_barred_not_authorised"}]},
    not_deadlines=["leave_to_remain_request"])

S["rb_03_leave_granted_appeal_pending"] = dict(
    description="The court authorised the person to remain pending the appeal (APR Art. 68(4)): the period of Art. "
                "4(2) has not started, and detention under Art. 5 does not concern the person yet.",
    case=case(decision_date="2026-10-20",
              appeal={"lodged_on": "2026-10-05",
                      "leave_to_remain": {"requested_on": "2026-10-05", "decided_on": "2026-10-10", "granted": True}}),
    expect={"return_border_procedure": "not_yet", "right_to_remain_ended_on": None, "detention": "not_yet",
            "grounds": [ground("APR-68(4)", "right_to_remain"), ground("RBPR-5(2)", "detention_not_yet")],
            "deadlines": []})

S["rb_04_leave_granted_appeal_dismissed"] = dict(
    description="Authorised to remain pending the appeal, dismissed on Thu 5 Nov: the 12 weeks run from then, to Thu "
                "28 Jan 2027 (flagged: Art. 4(2) does not say whether the days before the authorisation count).",
    case=case(decision_date="2026-11-10",
              appeal={"lodged_on": "2026-10-05", "decided_on": "2026-11-05", "outcome": "dismissed",
                      "leave_to_remain": {"requested_on": "2026-10-05", "decided_on": "2026-10-10", "granted": True}}),
    expect={"return_border_procedure": "applies", "right_to_remain_ended_on": "2026-11-05",
            "deadlines": [{"name": "return_border_procedure_maximum", "date": "2027-01-28", "state": "running"}],
            "flags": [{"code": "period_counted_from_end_of_authorisation"}]},
    not_flags=["removal_barred_not_authorised"])

S["rb_05_leave_refused"] = dict(
    description="The court refused leave to remain: the period runs from the rejection; nothing bars removal.",
    case=case(decision_date="2026-10-20",
              appeal={"lodged_on": "2026-10-05",
                      "leave_to_remain": {"requested_on": "2026-10-05", "decided_on": "2026-10-14", "granted": False}}),
    expect={"return_border_procedure": "applies", "right_to_remain_ended_on": "2026-10-01",
            "grounds": [ground("APR-68(4)", "leave_to_remain_refused")]},
    not_flags=["removal_barred_not_authorised"], not_deadlines=["leave_to_remain_request"])

S["rb_06_leave_request_late"] = dict(
    description="The request to remain came after the national time limit: it does not bar removal (Art. 68(5)(d)(ii)).",
    case=case(decision_date="2026-10-12",
              appeal={"lodged_on": "2026-10-09",
                      "leave_to_remain": {"time_limit_ends_on": "2026-10-07", "requested_on": "2026-10-09"}}),
    expect={"grounds": [ground("APR-68(5)(a)", "leave_to_remain_request_late")]},
    not_grounds=[{"effect": "removal_suspended"}])

S["rb_07_national_leave_time_limit"] = dict(
    description="National law gives until Mon 12 Oct to ask to remain: no removal before then.",
    case=case(decision_date="2026-10-08", appeal={"leave_to_remain": {"time_limit_ends_on": "2026-10-12"}}),
    expect={"deadlines": [{"name": "leave_to_remain_request", "date": "2026-10-12", "state": "running",
                           "period": "national time limit"}]})

S["rb_08_not_notified"] = dict(
    description="Without the notification date the time limit to ask to remain cannot be computed: it is listed as "
                "not assessed, not guessed.",
    case=case(rejection={"notified_on": None}),
    expect={"return_border_procedure": "applies"},
    not_deadlines=["leave_to_remain_request"])

S["rb_09_uam_time_limit_running"] = dict(
    description="An unaccompanied minor is excepted from Art. 68(3)(a)(ii): the right to remain lasts until the "
                "national time limit to appeal ends (Art. 68(2)).",
    case=case(decision_date="2026-10-10", person={"unaccompanied_minor": True, "date_of_birth": "2010-03-03"},
              appeal={"time_limit_ends_on": "2026-10-15"}),
    expect={"return_border_procedure": "not_yet", "right_to_remain_ended_on": None,
            "grounds": [ground("APR-68(2)", "right_to_remain", legal_basis=APR + "68(2)")],
            "flags": [{"code": "unaccompanied_minor_right_to_remain_reading"}]})

S["rb_10_uam_no_appeal"] = dict(
    description="No appeal by the end of the time limit (Thu 15 Oct): the right to remain ended then; 12 weeks to "
                "Thu 7 Jan 2027.",
    case=case(decision_date="2026-10-20", person={"unaccompanied_minor": True, "date_of_birth": "2010-03-03"},
              appeal={"time_limit_ends_on": "2026-10-15"}),
    expect={"return_border_procedure": "applies", "right_to_remain_ended_on": "2026-10-15",
            "deadlines": [{"name": "return_border_procedure_maximum", "date": "2027-01-07"}]},
    not_flags=["removal_barred_not_authorised"])

S["rb_41_minor_first_country_of_asylum"] = dict(
    description="Inadmissible under Art. 38(1)(a), but the person is an unaccompanied minor, whom Art. 68(3)(b) "
                "excepts: Art. 68(2) applies, and without an appeal the right to remain ended with the time limit.",
    case=case(decision_date="2026-10-20", person={"unaccompanied_minor": True, "date_of_birth": "2010-03-03"},
              rejection={"ground": "inadmissible", "inadmissibility_ground": "38(1)(a)"},
              appeal={"time_limit_ends_on": "2026-10-15"}),
    expect={"right_to_remain_ended_on": "2026-10-15",
            "grounds": [ground("APR-68(2)", "right_to_remain_ended",
                               explanation="The person is an unaccompanied minor, whom Art. 68(3)(b) excepts: no "
                                           "appeal was lodged, and the right to remain ended with the time limit to "
                                           "appeal on 2026-10-15.")]},
    not_flags=["unaccompanied_minor_right_to_remain_reading"])  # (b)'s exception is plain

S["rb_11_protection_elsewhere_appeal_pending"] = dict(
    description="Inadmissible under Art. 38(1)(c), which Art. 68(3)(b) does not name: the appeal lodged in time gives "
                "the right to remain until its outcome (Art. 68(2)).",
    case=case(decision_date="2026-10-20", rejection={"ground": "inadmissible", "inadmissibility_ground": "38(1)(c)"},
              appeal={"time_limit_ends_on": "2026-10-09", "lodged_on": "2026-10-08"}),
    expect={"return_border_procedure": "not_yet", "grounds": [ground("APR-68(2)", "right_to_remain")]})

S["rb_12_protection_elsewhere_appeal_dismissed"] = dict(
    description="Inadmissible under Art. 38(1)(c): the right to remain pending the appeal ended with its dismissal on "
                "Thu 12 Nov; 12 weeks to Thu 4 Feb 2027.",
    case=case(decision_date="2026-11-20", rejection={"ground": "inadmissible", "inadmissibility_ground": "38(1)(c)"},
              appeal={"lodged_on": "2026-10-08", "decided_on": "2026-11-12", "outcome": "dismissed"}),
    expect={"return_border_procedure": "applies", "right_to_remain_ended_on": "2026-11-12",
            "deadlines": [{"name": "return_border_procedure_maximum", "date": "2027-02-04"}]})

S["rb_13_late_appeal_new_year"] = dict(
    description="An appeal after the time limit (Fri 9 Oct) does not extend the right to remain; 12 weeks would end "
                "on Fri 1 Jan 2027, New Year's Day: the time limit ends on the next working day, Mon 4 Jan (Art. "
                "11(c)).",
    case=case(decision_date="2026-10-20", rejection={"ground": "inadmissible", "inadmissibility_ground": "38(1)(c)"},
              appeal={"time_limit_ends_on": "2026-10-09", "lodged_on": "2026-10-12"},
              danger_to_public_order_or_security=True),
    expect={"return_border_procedure": "applies", "right_to_remain_ended_on": "2026-10-09",
            "detention": "may_be_imposed", "voluntary_departure": "excluded",
            "deadlines": [{"name": "return_border_procedure_maximum", "date": "2027-01-04",
                           "legal_basis": RBPR + "4(2); computed under " + RBPR + "11"},
                          {"name": "detention_maximum", "date": "2027-01-04"}]},
    not_grounds=[{"effect": "detention_no_ground"}])

S["rb_14_time_limit_missing"] = dict(
    description="Art. 68(2) applies and no appeal was lodged: without the national time limit the end of the right to "
                "remain is unknown, and the case is refused naming the field.",
    case=case(rejection={"ground": "inadmissible", "inadmissibility_ground": "38(1)(c)"}),
    expect={"error": {"field": "appeal.time_limit_ends_on"}})

S["rb_15_first_country_of_asylum"] = dict(
    description="Inadmissible under Art. 38(1)(a), named by Art. 68(3)(b): no right to remain from the decision.",
    case=case(rejection={"ground": "inadmissible", "inadmissibility_ground": "38(1)(a)"}),
    expect={"right_to_remain_ended_on": "2026-10-01",
            "grounds": [ground("APR-68(3)", "right_to_remain_ended",
                               legal_basis="Regulation (EU) 2024/1348, Arts. 68(3)(b) and 10(1)")]})

S["rb_16_implicit_withdrawal_minor"] = dict(
    description="Art. 68(3)(c) (implicit withdrawal) has no exception for unaccompanied minors.",
    case=case(person={"unaccompanied_minor": True, "date_of_birth": "2010-03-03"},
              rejection={"ground": "implicitly_withdrawn"}),
    expect={"right_to_remain_ended_on": "2026-10-01",
            "grounds": [ground("APR-68(3)", "right_to_remain_ended",
                               legal_basis="Regulation (EU) 2024/1348, Arts. 68(3)(c) and 10(1)")]})

S["rb_40_minor_subsequent_application"] = dict(
    description="An unaccompanied minor whose subsequent application was rejected as unfounded: Art. 68(3)(d) has "
                "no exception for minors, so no right to remain pending the appeal.",
    case=case(person={"unaccompanied_minor": True, "date_of_birth": "2010-03-03"},
              rejection={"subsequent_application": True}),
    expect={"return_border_procedure": "applies", "right_to_remain_ended_on": "2026-10-01",
            "grounds": [ground("APR-68(3)", "right_to_remain_ended",
                               legal_basis="Regulation (EU) 2024/1348, Arts. 68(3)(d) and 10(1)")]})

S["rb_17_manifestly_unfounded"] = dict(
    description="Rejected as manifestly unfounded: no period for voluntary departure, even on request (Art. 4(5)).",
    case=case(rejection={"ground": "manifestly_unfounded"}, voluntary_departure_requested=True),
    expect={"voluntary_departure": "excluded",
            "grounds": [ground("RBPR-4(5)", "voluntary_departure_excluded", evidence=["rejection.ground"])]},
    not_flags=["travel_documents_to_hand_over"])

S["rb_18_risk_of_absconding"] = dict(
    description="Not detained during the border procedure, but a risk of absconding: detention may be imposed (Art. "
                "5(3)) until the end of the period (Art. 5(4)); no voluntary departure (Art. 4(5)).",
    case=case(risk_of_absconding=True),
    expect={"voluntary_departure": "excluded", "detention": "may_be_imposed",
            "grounds": [ground("RBPR-5(3)", "detention_may_be_imposed", evidence=["risk_of_absconding"]),
                        ground("RBPR-5(4)", "detention_maximum", legal_basis=RBPR + "5(4)")],
            "deadlines": [{"name": "detention_maximum", "date": "2026-12-24", "legal_basis": RBPR + "5(4)"}]})

S["rb_19_hampers_return_voluntary_departure"] = dict(
    description="Hampering the return is a ground for detention (Art. 5(3)) but not one that excludes voluntary "
                "departure (Art. 4(5)): asked for, it is granted, at most 15 days, with the travel documents handed "
                "over.",
    case=case(avoids_or_hampers_return=True, voluntary_departure_requested=True),
    expect={"voluntary_departure": "granted_on_request", "detention": "may_be_imposed",
            "grounds": [ground("RBPR-4(5)", "voluntary_departure_granted")],
            "flags": [{"code": "travel_documents_to_hand_over"}]})

S["rb_20_travel_documents_handed_over"] = dict(
    description="Voluntary departure granted; the travel documents were handed over.",
    case=case(voluntary_departure_requested=True, travel_documents_handed_over=True),
    expect={"voluntary_departure": "granted_on_request"},
    not_flags=["travel_documents_to_hand_over"])

S["rb_21_detained_without_ground"] = dict(
    description="Said to be detained, but neither Art. 5(2) nor a ground of Art. 5(3) is stated.",
    case=case(detained_on="2026-10-02"),
    expect={"detention": "no_ground", "flags": [{"code": "detention_without_ground"}]},
    not_deadlines=["detention_maximum"])

S["rb_22_maximum_passed"] = dict(
    description="Detained since the border procedure; on 10 Jan 2027 the period (and the detention under Art. 5) "
                "ended on 24 Dec 2026.",
    case=case(decision_date="2027-01-10", detained_during_border_procedure=True, detained_on="2026-10-01",
              appeal={"leave_to_remain": {"requested_on": "2026-10-05", "decided_on": "2026-10-14", "granted": False}}),
    expect={"detention": "may_continue",
            "deadlines": [{"name": "return_border_procedure_maximum", "date": "2026-12-24", "state": "expired"},
                          {"name": "detention_maximum", "date": "2026-12-24", "state": "expired"}],
            "flags": [{"code": "maximum_period_passed"}, {"code": "detention_maximum_passed"}]})

S["rb_23_departed"] = dict(
    description="Left on 20 Nov, within the period.",
    case=case(decision_date="2026-11-25", departed_on="2026-11-20"),
    expect={"deadlines": [{"name": "return_border_procedure_maximum", "state": "met"}],
            "grounds": [ground("RBPR-4(2)", "departed")]},
    not_flags=["maximum_period_passed"])

S["rb_24_accelerated_procedure"] = dict(
    description="Rejected in the accelerated procedure, not the border procedure: the return border procedure does not "
                "apply (Art. 1(1)).",
    case=case(rejection={"procedure": "accelerated"}),
    expect={"return_border_procedure": "not_applicable", "voluntary_departure": "not_applicable",
            "detention": "not_applicable", "grounds": [ground("RBPR-1(1)", "not_in_scope")], "deadlines": []})

S["rb_25_appeal_allowed"] = dict(
    description="The court allowed the appeal: no rejection stands (Art. 1(1)).",
    case=case(decision_date="2026-11-20", rejection={"ground": "inadmissible", "inadmissibility_ground": "38(1)(c)"},
              appeal={"lodged_on": "2026-10-08", "decided_on": "2026-11-12", "outcome": "allowed"}),
    expect={"return_border_procedure": "not_applicable", "grounds": [ground("RBPR-1(1)", "not_in_scope")]})

S["rb_26_ireland"] = dict(
    description="Ireland does not take part in the Regulation (recital 21).",
    case=case(member_state="IRL"),
    expect={"error": {"field": "member_state"}})

S["rb_27_denmark"] = dict(
    description="Denmark is not bound (recital 20); whether it implemented it in national law is not verified.",
    case=case(member_state="DNK"),
    expect={"error": {"field": "member_state"}})

S["rb_28_before_application"] = dict(
    description="Rejected before 12 June 2026, when neither procedure applied (Art. 14(2)).",
    case=case(rejection={"decided_on": "2026-06-01", "notified_on": "2026-06-02"}),
    expect={"error": {"field": "rejection.decided_on"}})

S["rb_29_crisis_not_authorised"] = dict(
    description="A rejection in the crisis border procedure, but no Council implementing decision in the policy data: "
                "the period is not extended (Art. 6).",
    case=case(rejection={"crisis_border_procedure": True}),
    expect={"deadlines": [{"name": "return_border_procedure_maximum", "date": "2026-12-24", "period": "12 weeks"}],
            "flags": [{"code": "crisis_without_authorisation"}]},
    not_grounds=[{"effect": "crisis_extension"}])

S["rb_30_refusal_of_entry"] = dict(
    description="Entry refused under the Schengen Borders Code, Art. 14: the safeguards of Art. 4(6).",
    case=case(refusal_of_entry=True),
    expect={"grounds": [ground("RBPR-4(6)", "refusal_of_entry_safeguards")]})

S["rb_31_minor_detained"] = dict(
    description="A 16-year-old detained during the border procedure (with the family): Directive 2008/115/EC, Art. 17 "
                "applies (Art. 4(3)).",
    case=case(person={"date_of_birth": "2010-05-05"}, detained_during_border_procedure=True),
    expect={"detention": "may_continue", "flags": [{"code": "minor"}]})

S["rb_32_further_appeal"] = dict(
    description="After the dismissal, a further appeal gives no right to remain (Art. 68(7)).",
    case=case(decision_date="2026-11-20", rejection={"ground": "inadmissible", "inadmissibility_ground": "38(1)(c)"},
              appeal={"lodged_on": "2026-10-08", "decided_on": "2026-11-12", "outcome": "dismissed",
                      "further_appeal_lodged_on": "2026-11-16"}),
    expect={"right_to_remain_ended_on": "2026-11-12",
            "grounds": [ground("APR-68(7)", "no_right_to_remain_further_appeal")]})

S["rb_33_union_citizen"] = dict(
    description="A Union citizen is not a third-country national (Art. 1(1)).",
    case=case(person={"nationality": "FRA"}),
    expect={"error": {"field": "person.nationality"}})

S["rb_34_inadmissibility_ground_missing"] = dict(
    description="An inadmissibility decision without its ground: the right to remain depends on it.",
    case=case(rejection={"ground": "inadmissible"}),
    expect={"error": {"field": "rejection.inadmissibility_ground"}})

S["rb_35_outcome_without_date"] = dict(
    description="An appeal outcome needs the day of the court's decision.",
    case=case(appeal={"lodged_on": "2026-10-05", "outcome": "dismissed"}),
    expect={"error": {"field": "appeal.decided_on"}})

S["rb_36_fact_after_decision_date"] = dict(
    description="A departure after the decision date is refused.",
    case=case(departed_on="2026-10-09"),
    expect={"error": {"field": "departed_on"}})

# A Council decision's period with its one extension: six months at most (Regulation (EU) 2024/1359, Art. 5).
CRISIS_ROW = ('ITA,crisis_derogation_rbpr_art_6,1,{start},{end},"Council implementing decision under Regulation '
              '(EU) 2024/1359 Art. 4(3) (synthetic, for this test)",in_force,')

S["rb_37_crisis_extension"] = dict(
    description="Italy is authorised to apply Art. 6 (a synthetic policy row from 1 Sep 2026) and the application was "
                "rejected in the crisis border procedure: 6 weeks more (Art. 6(1)(a)), from Thu 24 Dec to Thu 4 Feb "
                "2027 (18 weeks, Art. 11), for the stay and the detention (Art. 6(1)(b)).",
    case=case(rejection={"crisis_border_procedure": True}, detained_during_border_procedure=True),
    policy_rows={"member_state_settings.csv": [CRISIS_ROW.format(start="2026-09-01", end="2027-02-28")]},
    expect={"deadlines": [{"name": "return_border_procedure_maximum", "date": "2027-02-04",
                           "period": "18 weeks"},
                          {"name": "detention_maximum", "date": "2027-02-04",
                           "legal_basis": RBPR + "5(4), 6(1)(b)"}],
            "grounds": [ground("RBPR-6(1)(a)", "crisis_extension", legal_basis=RBPR + "6(1)(a)")],
            "flags": [{"code": "crisis_derogation"}]})

S["rb_38_crisis_rejected_before_decision"] = dict(
    description="Rejected (1 Oct) before the authorisation (from 15 Oct), with no right to remain after it: Art. 6(2) "
                "applies Art. 6(1) to the person.",
    case=case(decision_date="2026-10-20"),
    policy_rows={"member_state_settings.csv": [CRISIS_ROW.format(start="2026-10-15", end="2027-04-14")]},
    expect={"deadlines": [{"name": "return_border_procedure_maximum", "date": "2027-02-04"}],
            "flags": [{"code": "crisis_derogation"}]})

S["rb_39_crisis_not_for_this_rejection"] = dict(
    description="Authorised from 1 Sep, but the rejection of 1 Oct did not follow the crisis border procedure: no "
                "extension.",
    case=case(),
    policy_rows={"member_state_settings.csv": [CRISIS_ROW.format(start="2026-09-01", end="2027-02-28")]},
    expect={"deadlines": [{"name": "return_border_procedure_maximum", "date": "2026-12-24", "period": "12 weeks"}],
            "flags": [{"code": "crisis_decision_not_applicable"}]},
    not_flags=["crisis_derogation"])

# APR Art. 68(6): national law may lift the bar on removal of 68(5)(d) for an appeal in a subsequent
# application lodged merely to delay removal. No national provision is shipped: synthetic rows.
ART_68_6_ROW = ('ITA,provides_apr_68_6,1,2026-06-12,,"national provision under Regulation (EU) 2024/1348 Art. 68(6) '
                '(synthetic, for this test)",{status},')
SUBSEQUENT = dict(decision_date="2026-10-06", rejection={"subsequent_application": True})

S["rb_42_art_68_6_applies"] = dict(
    description="A subsequent application rejected as unfounded in the border procedure (APR Art. 68(3)(a)(ii), and "
                "(d)); the appeal of Mon 5 Oct is "
                "considered lodged merely to delay removal, and national law provides the derogation of Art. 68(6): "
                "removal is not barred while the five days to ask to remain run (to Wed 7 Oct), subject to "
                "non-refoulement. The 12 weeks still run from the rejection.",
    case=case(**SUBSEQUENT, appeal={"lodged_on": "2026-10-05", "lodged_merely_to_delay_removal": True}),
    policy_rows={"member_state_settings.csv": [ART_68_6_ROW.format(status="in_force")]},
    expect={"return_border_procedure": "applies", "right_to_remain_ended_on": "2026-10-01",
            "grounds": [ground("APR-68(3)", "right_to_remain_ended",
                               legal_basis="Regulation (EU) 2024/1348, Arts. 68(3)(a)(ii) and 10(1)"),
                        ground("APR-68(6)", "removal_not_barred")],
            "deadlines": [{"name": "return_border_procedure_maximum", "date": "2026-12-24"},
                          {"name": "leave_to_remain_request", "date": "2026-10-07", "state": "running"}],
            "flags": [{"code": "non_refoulement"}]},
    not_flags=["removal_barred_not_authorised", "national_provision_uncertain"])

S["rb_43_art_68_6_not_provided"] = dict(
    description="The same appeal, but the policy data records no national law providing the derogation of Art. 68(6): "
                "removal stays barred until the time limit to ask to remain ends (Art. 68(5)(d)(i)).",
    case=case(**SUBSEQUENT, appeal={"lodged_on": "2026-10-05", "lodged_merely_to_delay_removal": True}),
    expect={"flags": [{"code": "apr_68_6_not_provided"}, {"code": "removal_barred_not_authorised"}],
            "deadlines": [{"name": "leave_to_remain_request", "date": "2026-10-07"}]},
    not_grounds=[{"rule": "APR-68(6)"}], not_flags=["non_refoulement"])

S["rb_44_art_68_6_not_assessed"] = dict(
    description="National law provides the derogation, but the case does not say whether the appeal was lodged "
                "merely to delay removal: the bar stays, and the question is listed as not assessed.",
    case=case(**SUBSEQUENT, appeal={"lodged_on": "2026-10-05"}),
    policy_rows={"member_state_settings.csv": [ART_68_6_ROW.format(status="in_force")]},
    expect={"flags": [{"code": "removal_barred_not_authorised"}],
            "not_assessed": [APR + "68(6) (national provision under Regulation (EU) 2024/1348 Art. 68(6) (synthetic, "
                             "for this test)): whether the appeal was lodged merely to delay or frustrate the "
                             "enforcement of a return decision that would result in imminent removal, which would "
                             "lift the bar on removal of Art. 68(5)(d) (appeal.lodged_merely_to_delay_removal)"]},
    not_grounds=[{"rule": "APR-68(6)"}])

S["rb_45_art_68_6_with_pending_request"] = dict(
    description="Under the derogation of Art. 68(6) a request to remain made in time, still pending, does not bar "
                "removal (no Art. 68(5)(d)(ii) suspension); the national provision is recorded as uncertain, and "
                "the answer says so.",
    case=case(**SUBSEQUENT, appeal={"lodged_on": "2026-10-05", "lodged_merely_to_delay_removal": True,
                                    "leave_to_remain": {"requested_on": "2026-10-05"}}),
    policy_rows={"member_state_settings.csv": [ART_68_6_ROW.format(status="uncertain")]},
    expect={"grounds": [ground("APR-68(6)", "removal_not_barred")],
            "flags": [{"code": "non_refoulement"}, {"code": "national_provision_uncertain"}]},
    not_grounds=[{"effect": "removal_suspended"}], not_flags=["removal_barred_not_authorised"],
    not_deadlines=["leave_to_remain_request"])

S["rb_46_art_68_6_first_application"] = dict(
    description="Art. 68(6) concerns subsequent applications only: the fact given for a first application is "
                "refused naming the field.",
    case=case(decision_date="2026-10-06", appeal={"lodged_on": "2026-10-05", "lodged_merely_to_delay_removal": True}),
    expect={"error": {"field": "appeal.lodged_merely_to_delay_removal"}})

S["rb_47_art_68_6_no_appeal"] = dict(
    description="Why an appeal was lodged cannot be said of an appeal not lodged: refused naming appeal.lodged_on.",
    case=case(**SUBSEQUENT, appeal={"lodged_merely_to_delay_removal": True}),
    expect={"error": {"field": "appeal.lodged_on"}})

# Regulation (EU) 2026/463 adds Art. 38(1)(b), the safe third country, to APR Art. 68(3)(b) (rules.md
# SC-13, read in secondary sources: policy apr.no_right_to_remain_added_ground, status uncertain).
S["rb_48_safe_third_country_amended"] = dict(
    description="Inadmissible under Art. 38(1)(b) on Thu 1 Oct 2026: Art. 68(3)(b) as amended by Regulation (EU) "
                "2026/463 names it, so no right to remain from the decision (Art. 10(1)); 12 weeks to Thu 24 Dec. "
                "The ground's status is uncertain and a flag says the amended text was not read.",
    case=case(rejection={"ground": "inadmissible", "inadmissibility_ground": "38(1)(b)"}),
    expect={"return_border_procedure": "applies", "right_to_remain_ended_on": "2026-10-01",
            "grounds": [ground("APR-68(3)", "right_to_remain_ended", status="uncertain",
                               legal_basis="Regulation (EU) 2024/1348, Arts. 68(3)(b) and 10(1); Regulation (EU) "
                                           "2024/1348, Art. 68(3)(b), as amended by Regulation (EU) 2026/463")],
            "flags": [{"code": "amended_article_68_3_b"}],
            "deadlines": [{"name": "return_border_procedure_maximum", "date": "2026-12-24"}]})

S["rb_49_safe_third_country_amended_minor"] = dict(
    description="The same for an unaccompanied minor: the exception of Art. 68(3)(b), presumed kept by the "
                "amendment, gives the right to remain pending the appeal lodged in time (Art. 68(2)).",
    case=case(decision_date="2026-10-20", person={"nationality": "TUN", "date_of_birth": "2010-04-02",
                                                  "unaccompanied_minor": True},
              rejection={"ground": "inadmissible", "inadmissibility_ground": "38(1)(b)"},
              appeal={"time_limit_ends_on": "2026-10-09", "lodged_on": "2026-10-08"}),
    expect={"return_border_procedure": "not_yet",
            "grounds": [ground("APR-68(2)", "right_to_remain", status="uncertain")],
            "flags": [{"code": "amended_article_68_3_b"}]})


def main():
    write(S, OUT, omit_none_in=("rejection",))


if __name__ == "__main__":
    main()
