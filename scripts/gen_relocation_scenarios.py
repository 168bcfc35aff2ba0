#!/usr/bin/env python3
"""Writes tests/scenarios/relocation/*.json: relocations under the solidarity mechanism (Regulation
(EU) 2024/1351, Art. 67), with the answers worked out by hand from the Italian OJ text in
shared/spec/law-it/reg-2024-1351.txt. Time limits are counted under AMMR Art. 75 (the day of the
event not counted; a period in weeks ends on the same weekday; an end on a Saturday, Sunday or public
holiday of the Member State concerned moves to the next working day): the answer with Germany's
holidays (Germany, the Member State of relocation, answers), the transfer with Italy's (Italy, the
benefitting Member State, decides and transfers). Thursday 1 October 2026 is the base case's day of
receipt."""
import os

from scenario_gen import ground, merge, write

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "scenarios", "relocation")
AMMR = "Regulation (EU) 2024/1351, Art. "


def case(**over):
    """Italy relocates an applicant to Germany, which received the information on Thu 1 Oct 2026."""
    c = {"decision_date": "2026-10-20", "member_state": "ITA", "relocation_member_state": "DEU",
         "person": "applicant", "information_received_on": "2026-10-01"}
    return merge(c, over)


CONFIRMED = {"reply": {"on": "2026-10-06", "outcome": "confirmed"}}  # Tue 6 Oct
# One week from Thu 1 Oct: Thu 8 Oct; two weeks: Thu 15 Oct. From the confirmation of Tue 6 Oct:
# transfer decision Tue 13 Oct, transfer four weeks Tue 3 Nov.
REPLY = {"name": "relocation_reply", "date": "2026-10-08", "from": "2026-10-01", "period": "1 week"}
DECISION = {"name": "transfer_decision", "date": "2026-10-13", "from": "2026-10-06", "period": "1 week",
            "legal_basis": AMMR + "67(10); computed under Regulation (EU) 2024/1351, Art. 75"}
TRANSFER = {"name": "relocation_transfer", "date": "2026-11-03", "from": "2026-10-06", "period": "4 weeks"}

S = {}

S["rl_01_confirmed"] = dict(
    description="Germany confirmed on Tue 6 Oct, within the week (Thu 8 Oct): the transfer decision is due by Tue 13 "
                "Oct and the transfer by Tue 3 Nov.",
    case=case(**CONFIRMED),
    expect={"relocation": "confirmed", "confirmed_on": "2026-10-06",
            "grounds": [ground("AMMR-67(9)", "confirmed", legal_basis=AMMR + "67(9), first subparagraph")],
            "deadlines": [dict(REPLY, state="met", legal_basis=AMMR + "67(9), first and second subparagraphs; computed "
                                                                      "under Regulation (EU) 2024/1351, Art. 75"),
                          dict(DECISION, state="expired"), dict(TRANSFER, state="running")],
            "flags": [{"code": "eurodac_relocation_to_record"}]})

S["rl_02_awaiting_reply"] = dict(
    description="On Mon 5 Oct no answer yet: the week runs until Thu 8 Oct; no transfer time limit yet.",
    case=case(decision_date="2026-10-05"),
    expect={"relocation": "awaiting_reply", "confirmed_on": None, "deadlines": [dict(REPLY, state="running")]},
    not_deadlines=["transfer_decision", "relocation_transfer"], not_flags=["eurodac_relocation_to_record"])

S["rl_03_silence_confirms"] = dict(
    description="Art. 67(9), fourth subparagraph: no answer by Thu 8 Oct is a confirmation with the duty to relocate; "
                "the transfer decision is due by Thu 15 Oct, the transfer by Thu 5 Nov.",
    case=case(),
    expect={"relocation": "deemed_confirmed", "confirmed_on": "2026-10-08",
            "grounds": [ground("AMMR-67(9)", "deemed_confirmed", legal_basis=AMMR + "67(9), fourth subparagraph")],
            "deadlines": [dict(REPLY, state="expired"),
                          {"name": "transfer_decision", "date": "2026-10-15", "from": "2026-10-08"},
                          {"name": "relocation_transfer", "date": "2026-11-05", "from": "2026-10-08"}]})

S["rl_04_deferred_in_time"] = dict(
    description="Art. 67(9), third subparagraph: Germany said on Mon 5 Oct, within the week, that it defers: it "
                "answers by Thu 15 Oct; on Mon 12 Oct that is still running.",
    case=case(decision_date="2026-10-12", deferral_notified_on="2026-10-05"),
    expect={"relocation": "awaiting_reply",
            "grounds": [ground("AMMR-67(9)", "reply_deferred", legal_basis=AMMR + "67(9), third subparagraph")],
            "deadlines": [{"name": "relocation_reply", "date": "2026-10-15", "period": "2 weeks", "state": "running"}]})

S["rl_05_deferred_too_late"] = dict(
    description="A deferral said on Fri 9 Oct, after the week: the two weeks do not apply, and the silence since Thu 8 "
                "Oct is a confirmation.",
    case=case(decision_date="2026-10-12", deferral_notified_on="2026-10-09"),
    expect={"relocation": "deemed_confirmed", "confirmed_on": "2026-10-08",
            "flags": [{"code": "deferral_after_one_week"}]},
    not_grounds=[{"effect": "reply_deferred"}])

S["rl_06_security_threat"] = dict(
    description="Art. 67(9), second subparagraph: Germany found, within the week, reasonable grounds to consider the "
                "person a security threat: no relocation, no transfer time limit.",
    case=case(reply={"on": "2026-10-05", "outcome": "security_threat"}),
    expect={"relocation": "not_relocated_security_threat", "confirmed_on": None,
            "grounds": [ground("AMMR-67(9)", "not_relocated")]},
    not_deadlines=["transfer_decision", "relocation_transfer"])

S["rl_07_late_reply"] = dict(
    description="An answer on Mon 12 Oct, after the week: the silence had confirmed the relocation on Thu 8 Oct "
                "(flagged).",
    case=case(reply={"on": "2026-10-12", "outcome": "confirmed"}),
    expect={"relocation": "deemed_confirmed", "confirmed_on": "2026-10-08", "flags": [{"code": "late_reply"}],
            "deadlines": [dict(REPLY, state="missed")]})

S["rl_08_transferred_applicant"] = dict(
    description="Art. 67(10)-(11): decided Fri 9 Oct, notified Sat 10 Oct, transferred Wed 14 Oct: an applicant is "
                "notified at the latest two days before (Mon 12 Oct): in time.",
    case=case(transfer_decision_on="2026-10-09", transfer_notified_on="2026-10-10", transferred_on="2026-10-14",
              **CONFIRMED),
    expect={"relocation": "transferred",
            "deadlines": [dict(DECISION, state="met"), dict(TRANSFER, state="met")]},
    not_flags=["transfer_notice_too_short", "transfer_notification_not_recorded", "relocation_transfer_late"])

S["rl_09_transferred_beneficiary_notice_short"] = dict(
    description="Art. 67(10): a beneficiary is notified at the latest one week before the transfer (Wed 7 Oct for "
                "Wed 14 Oct); notified Sat 10 Oct: flagged.",
    case=case(person="beneficiary", transfer_decision_on="2026-10-09", transfer_notified_on="2026-10-10",
              transferred_on="2026-10-14", **CONFIRMED),
    expect={"relocation": "transferred", "flags": [{"code": "transfer_notice_too_short"}]})

S["rl_10_transferred_not_notified"] = dict(
    description="Art. 67(10): no written notification recorded before the transfer: flagged.",
    case=case(transfer_decision_on="2026-10-09", transferred_on="2026-10-14", **CONFIRMED),
    expect={"relocation": "transferred", "flags": [{"code": "transfer_notification_not_recorded"}]})

S["rl_11_transfer_late"] = dict(
    description="Art. 67(11): not transferred by Tue 3 Nov; on Tue 10 Nov it is late, flagged (Art. 46(2) does not "
                "apply to relocation: the duty stays).",
    case=case(decision_date="2026-11-10", transfer_decision_on="2026-10-09", **CONFIRMED),
    expect={"relocation": "confirmed", "flags": [{"code": "relocation_transfer_late"}],
            "deadlines": [dict(TRANSFER, state="expired")]})

S["rl_12_appeal_with_suspensive_effect"] = dict(
    description="Art. 67(11): the four weeks run from the final decision on an appeal with suspensive effect (Tue 20 "
                "Oct): Tue 17 Nov.",
    case=case(decision_date="2026-11-10", transfer_decision_on="2026-10-09", appeal_decided_on="2026-10-20",
              **CONFIRMED),
    expect={"deadlines": [{"name": "relocation_transfer", "date": "2026-11-17", "from": "2026-10-20",
                           "state": "running"}]},
    not_flags=["relocation_transfer_late"])

S["rl_13_decision_pending_notice_not_assessed"] = dict(
    description="A transfer decision taken, the transfer's day not known: the notice before it is listed as not "
                "assessed.",
    case=case(transfer_decision_on="2026-10-09", **CONFIRMED),
    expect={"not_assessed": [AMMR + "67(10): the written notice of the transfer decision at the latest two days before "
                                    "the transfer, whose day is not known yet"]})

S["rl_14_ascension_day_in_germany"] = dict(
    description="Art. 75(d): the answer counts Germany's holidays: received Thu 29 Apr 2027, one week ends Thu 6 May, "
                "Ascension Day in Germany (not in Italy), so Fri 7 May.",
    case=case(decision_date="2027-05-03", information_received_on="2027-04-29"),
    expect={"deadlines": [{"name": "relocation_reply", "date": "2027-05-07", "state": "running"}]})

# Art. 68: after the relocation (transferred Wed 14 Oct).
AFTER = dict(transfer_decision_on="2026-10-09", transfer_notified_on="2026-10-10", transferred_on="2026-10-14",
             **CONFIRMED)
S["rl_21_beneficiary_after_relocation"] = dict(
    description="Art. 68(4): a beneficiary notified Sat 10 Oct and transferred Tue 20 Oct (a week's notice: at the "
                "latest Tue 13 Oct) is granted international protection automatically in Germany, respecting Italy's "
                "status; Germany reports the arrival (68(1)).",
    case=case(person="beneficiary", **{k: v for k, v in AFTER.items() if k != "transferred_on"},
              transferred_on="2026-10-20"),
    expect={"relocation": "transferred",
            "grounds": [ground("AMMR-68(4)", "protection_granted_automatically", legal_basis=AMMR + "68(4)")],
            "flags": [{"code": "arrival_to_report"}]},
    not_flags=["transfer_notice_too_short"])
S["rl_22_applicant_responsibility_not_determined"] = dict(
    description="Art. 68(2): for a relocated applicant whose Member State responsible was not determined, Germany "
                "determines it without Arts. 16(2), 17(1)-(2), 25(5), 29, 30, 33(1)-(2), and is responsible where none "
                "is designated.",
    case=case(**AFTER),
    expect={"grounds": [ground("AMMR-68(2)", "responsibility_determined_there")]})
S["rl_23_applicant_responsibility_transferred"] = dict(
    description="Art. 68(3): Italy was responsible on grounds other than Arts. 25-28 and 34: responsibility passes to "
                "Germany, subsequent applications included.",
    case=case(responsibility="benefitting_state", **AFTER),
    expect={"grounds": [ground("AMMR-68(3)", "responsibility_transferred")]},
    not_grounds=[{"rule": "AMMR-68(2)"}])
S["rl_24_not_eligible_family_criteria"] = dict(
    description="Art. 67(5), second subparagraph: an applicant Italy can be determined responsible for on the family "
                "criteria is not eligible for relocation: no time limits.",
    case=case(responsibility="family_criteria"),
    expect={"relocation": "not_eligible", "grounds": [ground("AMMR-67(5)", "not_eligible")], "deadlines": []})
S["rl_25_responsibility_for_a_beneficiary"] = dict(
    description="The applicant's Member State responsible does not concern a beneficiary: refused naming the field.",
    case=case(person="beneficiary", responsibility="benefitting_state"), expect={"error": {"field": "responsibility"}})

S["rl_15_same_member_state"] = dict(
    description="The Member State of relocation is another Member State: refused naming the field.",
    case=case(relocation_member_state="ITA"), expect={"error": {"field": "relocation_member_state"}})

S["rl_16_denmark_takes_no_part"] = dict(
    description="Denmark takes no part in the solidarity mechanism (recital 90): refused naming the field.",
    case=case(relocation_member_state="DNK"), expect={"error": {"field": "relocation_member_state"}})

S["rl_17_third_country"] = dict(
    description="Relocation is between Member States: Norway is refused naming the field.",
    case=case(relocation_member_state="NOR"), expect={"error": {"field": "relocation_member_state"}})

S["rl_18_before_the_ammr_applies"] = dict(
    description="Information received on 30 Jun 2026, before the AMMR applies (1 Jul 2026): refused.",
    case=case(information_received_on="2026-06-30"), expect={"error": {"field": "information_received_on"}})

S["rl_19_transfer_after_security_threat"] = dict(
    description="A transfer decision after a security-threat answer is refused: the relocation does not take place.",
    case=case(reply={"on": "2026-10-05", "outcome": "security_threat"}, transfer_decision_on="2026-10-09"),
    expect={"error": {"field": "transfer_decision_on"}})

S["rl_20_transfer_without_decision"] = dict(
    description="A transfer without the transfer decision is refused naming the missing field.",
    case=case(transferred_on="2026-10-14", **CONFIRMED), expect={"error": {"field": "transfer_decision_on"}})

# ---- Art. 67(2): the benefitting Member State's own security finding. ----
S["rl_26_benefitting_state_security_risk"] = dict(
    description="Art. 67(2): Italy itself found on Sat 3 Oct reasonable grounds to consider the applicant a risk to "
                "its internal security: it stops the procedure at once, excludes the person from any future relocation "
                "and is responsible for the application (Art. 16(4)); no time limit runs.",
    case=case(security_risk_found_on="2026-10-03"),
    expect={"relocation": "not_relocated_security_threat", "confirmed_on": None,
            "grounds": [ground("AMMR-67(2)", "not_relocated", legal_basis=AMMR + "67(2)")], "deadlines": []},
    not_flags=["eurodac_relocation_to_record"])
S["rl_27_transfer_decision_after_security_risk"] = dict(
    description="Art. 67(2): after the benefitting Member State's finding (Sat 3 Oct) no transfer decision follows: "
                "one of Fri 9 Oct is refused naming the field.",
    case=case(security_risk_found_on="2026-10-03", transfer_decision_on="2026-10-09", **CONFIRMED),
    expect={"error": {"field": "transfer_decision_on"}})

# ---- Beneficiaries: Art. 56(2)(a)(ii) and the written consent of Art. 67(4), third subparagraph.
# The Council implementing act of Tue 16 Dec 2025 (the case's date, not the policy data's): three
# years before it is Fri 16 Dec 2022; protection granted that day is not "less than three years"
# before the act, granted the next day it is. ----
BENEFICIARY = dict(person="beneficiary", bilateral_agreement=True, council_act_adopted_on="2025-12-16")
S["rl_28_beneficiary_no_bilateral_agreement"] = dict(
    description="Art. 56(2)(a)(ii): beneficiaries are relocated only where the two Member States agree bilaterally; "
                "without such an agreement the beneficiary is not eligible and no time limit runs.",
    case=case(**dict(BENEFICIARY, bilateral_agreement=False), protection_granted_on="2025-03-01"),
    expect={"relocation": "not_eligible",
            "grounds": [ground("AMMR-56(2)(a)(ii)", "not_eligible", legal_basis=AMMR + "56(2)(a)(ii)")],
            "deadlines": []})
S["rl_29_beneficiary_protection_three_years_before"] = dict(
    description="Art. 56(2)(a)(ii): protection granted Fri 16 Dec 2022, exactly three years before the Council act of "
                "Tue 16 Dec 2025, is not less than three years before it: not eligible.",
    case=case(**BENEFICIARY, protection_granted_on="2022-12-16", written_consent_on="2026-09-20"),
    expect={"relocation": "not_eligible",
            "grounds": [ground("AMMR-56(2)(a)(ii)", "not_eligible", evidence=["protection_granted_on",
                                                                               "council_act_adopted_on"])],
            "deadlines": []})
S["rl_30_beneficiary_eligible_with_consent"] = dict(
    description="Art. 56(2)(a)(ii), 67(4): protection granted Sat 17 Dec 2022, less than three years before the act; "
                "written consent on Sun 20 Sep 2026 before the transfer of Wed 14 Oct (notified Tue 6 Oct, a week "
                "ahead at the latest Wed 7 Oct): transferred, protection granted automatically (68(4)).",
    case=case(**BENEFICIARY, protection_granted_on="2022-12-17", written_consent_on="2026-09-20",
              transfer_decision_on="2026-10-06", transfer_notified_on="2026-10-06", transferred_on="2026-10-14",
              **CONFIRMED),
    expect={"relocation": "transferred", "not_assessed": [],
            "grounds": [ground("AMMR-67(4)", "consent_given", legal_basis=AMMR + "67(4), third subparagraph"),
                        ground("AMMR-68(4)", "protection_granted_automatically")]},
    not_grounds=[{"rule": "AMMR-56(2)(a)(ii)"}],
    not_flags=["transferred_without_recorded_consent", "written_consent_not_recorded", "transfer_notice_too_short",
               "protection_granted_after_council_act"])
S["rl_31_beneficiary_transferred_without_consent"] = dict(
    description="Art. 67(4), third subparagraph: a beneficiary is relocated only with prior written consent; the "
                "transfer of Wed 14 Oct with consent recorded only on Thu 15 Oct is flagged.",
    case=case(**BENEFICIARY, protection_granted_on="2024-05-02", written_consent_on="2026-10-15",
              decision_date="2026-10-20", transfer_decision_on="2026-10-06", transfer_notified_on="2026-10-06",
              transferred_on="2026-10-14", **CONFIRMED),
    expect={"relocation": "transferred", "flags": [{"code": "transferred_without_recorded_consent"}]},
    not_grounds=[{"rule": "AMMR-67(4)"}])
S["rl_32_beneficiary_consent_and_dates_not_given"] = dict(
    description="A beneficiary with nothing said of the agreement, the grant of protection or consent: the two "
                "conditions of Art. 56(2)(a)(ii) are listed as not assessed and the consent flagged as not recorded; "
                "the procedure's time limits run.",
    case=case(person="beneficiary", decision_date="2026-10-05"),
    expect={"relocation": "awaiting_reply",
            "not_assessed": [AMMR + "56(2)(a)(ii): a beneficiary is relocated only where the contributing and the "
                             "benefitting Member States agreed so bilaterally (bilateral_agreement)",
                             AMMR + "56(2)(a)(ii): protection granted less than three years before the adoption of "
                             "the Council implementing act establishing the pool (Art. 57): give protection_granted_on "
                             "and council_act_adopted_on"],
            "flags": [{"code": "written_consent_not_recorded"}], "deadlines": [dict(REPLY, state="running")]})
S["rl_33_protection_granted_after_the_act"] = dict(
    description="Art. 56(2)(a)(ii) speaks of protection granted before the Council act: a grant after it (Sun 1 Feb "
                "2026) is read as eligible and flagged as a reading.",
    case=case(**BENEFICIARY, protection_granted_on="2026-02-01", written_consent_on="2026-09-20", **CONFIRMED),
    expect={"relocation": "confirmed", "flags": [{"code": "protection_granted_after_council_act"}]},
    not_grounds=[{"rule": "AMMR-56(2)(a)(ii)"}])
S["rl_34_consent_of_an_applicant"] = dict(
    description="Written consent concerns a beneficiary (Art. 67(4)): for an applicant it is refused naming the field.",
    case=case(written_consent_on="2026-09-20"), expect={"error": {"field": "written_consent_on"}})
S["rl_35_information_before_protection"] = dict(
    description="A beneficiary's information is sent after protection was granted: information received before the "
                "grant is refused naming the field.",
    case=case(**BENEFICIARY, protection_granted_on="2026-10-02"), expect={"error": {"field": "information_received_on"}})


# Art. 67(3), (5), (6), (8): what the person is owed along the way (read in the Italian text in the
# thirty-first session). Base: received Thu 1 Oct, confirmed Tue 6 Oct, transfer decision Wed 7 Oct,
# notified Thu 8 Oct, transferred Tue 13 Oct.
GUARANTEE_FLAGS = ["links_opportunity_not_recorded", "links_opportunity_after_matching",
                   "relocation_information_not_recorded", "relocation_information_after_transfer",
                   "family_relocated_apart", "security_interview_late"]
DONE = dict(transfer_decision_on="2026-10-07", transfer_notified_on="2026-10-08", transferred_on="2026-10-13",
            **CONFIRMED)
INFORM_APPLICANT = ("the benefitting Member State informs the person of the relocation procedure (Arts. 67-68) and of "
                    "the obligations of Art. 17(3)-(5) and the consequences of not complying with them (Art. 18) (Art. "
                    "67(5), first subparagraph)")
S["rl_36_guarantees_all_recorded"] = dict(
    description="Art. 67(3), (5), (6), (8): links opportunity on Mon 21 Sep, before the matching; informed Fri 2 Oct; "
                "the family relocated to Germany too; Germany's interview on Mon 5 Oct, within its week: nothing "
                "flagged.",
    case=case(links_opportunity_on="2026-09-21", informed_on="2026-10-02", family_relocated_to=["DEU", "DEU"],
              security_interview_on="2026-10-05", **DONE),
    expect={"relocation": "transferred"}, not_flags=GUARANTEE_FLAGS)
S["rl_37_nothing_recorded_after_transfer"] = dict(
    description="Art. 67(3), (5): transferred with neither the links opportunity nor the information recorded: both "
                "flagged (an applicant: Arts. 17(3)-(5) and 18 named).",
    case=case(**DONE),
    expect={"relocation": "transferred", "flags": [
        {"code": "links_opportunity_not_recorded", "message": "the benefitting Member State gives the person the "
         "opportunity to give information and documents on meaningful links (family, cultural) with specific Member "
         "States, which are taken into account where appropriate, without a right to choose (Art. 67(3), second "
         "subparagraph); none is recorded"},
        {"code": "relocation_information_not_recorded",
         "message": INFORM_APPLICANT + "; with a transfer decision taken, none is recorded"}]})
S["rl_38_information_pending_not_assessed"] = dict(
    description="Art. 67(5): before any transfer decision, information not yet recorded is listed as not assessed, "
                "not flagged.",
    case=case(decision_date="2026-10-05", links_opportunity_on="2026-09-21"),
    expect={"relocation": "awaiting_reply",
            "not_assessed": [AMMR + "67(5), first subparagraph: " + INFORM_APPLICANT + " (informed_on)"]},
    not_flags=GUARANTEE_FLAGS)
S["rl_39_links_after_matching"] = dict(
    description="Art. 67(3)-(4): the opportunity to show links on Fri 2 Oct, after Germany received the information "
                "(Thu 1 Oct), cannot have served the matching: flagged as a reading.",
    case=case(links_opportunity_on="2026-10-02", informed_on="2026-10-02", **DONE),
    expect={"relocation": "transferred", "flags": [{"code": "links_opportunity_after_matching"}]},
    not_flags=["links_opportunity_not_recorded", "relocation_information_not_recorded"])
S["rl_40_family_apart"] = dict(
    description="Art. 67(6): the person goes to Germany, a family member to France: flagged.",
    case=case(links_opportunity_on="2026-09-21", informed_on="2026-10-02", family_relocated_to=["DEU", "FRA"],
              **CONFIRMED),
    expect={"relocation": "confirmed", "flags": [
        {"code": "family_relocated_apart", "message": "family members are relocated to the territory of the same "
         "Member State (Art. 67(6)): the person goes to Germany, a family member to France"}]})
S["rl_41_security_interview_late"] = dict(
    description="Art. 67(8): Germany's interview on Fri 9 Oct, after its week to answer (Thu 8 Oct): flagged; the "
                "silence still confirmed on Thu 8 Oct.",
    case=case(links_opportunity_on="2026-09-21", security_interview_on="2026-10-09"),
    expect={"relocation": "deemed_confirmed", "confirmed_on": "2026-10-08", "flags": [
        {"code": "security_interview_late", "message": "Germany interviewed the person on 2026-10-09, after its time "
         "limit to answer (2026-10-08): the interview takes place within the time limits of Art. 67(9) (Art. "
         "67(8)); the answer's time limit is not moved by it"}]})
S["rl_42_beneficiary_information"] = dict(
    description="Art. 67(5) for a beneficiary: the information names the procedure only (Arts. 17 and 18 concern "
                "applicants); informed on Thu 15 Oct, after the transfer of Wed 14 Oct: flagged.",
    case=case(**BENEFICIARY, protection_granted_on="2022-12-17", written_consent_on="2026-09-20",
              links_opportunity_on="2026-09-21", informed_on="2026-10-15", transfer_decision_on="2026-10-06",
              transfer_notified_on="2026-10-06", transferred_on="2026-10-14", **CONFIRMED),
    expect={"relocation": "transferred", "flags": [
        {"code": "relocation_information_after_transfer", "message": "the benefitting Member State informs the "
         "person of the relocation procedure (Arts. 67-68) (Art. 67(5), first subparagraph); recorded on 2026-10-15, "
         "after the transfer of 2026-10-14"}]})
S["rl_43_security_threat_no_guarantee_flags"] = dict(
    description="Where Germany answers that the person is a security threat, no relocation follows and the guarantees "
                "of the procedure are not flagged.",
    case=case(reply={"on": "2026-10-06", "outcome": "security_threat"}, family_relocated_to=["FRA"]),
    expect={"relocation": "not_relocated_security_threat"}, not_flags=GUARANTEE_FLAGS)
S["rl_44_err_family_in_benefitting_state"] = dict(
    description="A family member 'relocated' to Italy, the benefitting State itself, is refused naming the entry.",
    case=case(family_relocated_to=["DEU", "ITA"]),
    expect={"error": {"field": "family_relocated_to[1]", "code": "invalid_argument"}})
S["rl_45_err_interview_before_receipt"] = dict(
    description="Germany's interview before it received the information is refused.",
    case=case(security_interview_on="2026-09-30"),
    expect={"error": {"field": "security_interview_on", "code": "invalid_argument"}})


def main():
    write(S, OUT)


if __name__ == "__main__":
    main()
