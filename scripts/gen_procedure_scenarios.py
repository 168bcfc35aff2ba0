#!/usr/bin/env python3
"""Writes tests/scenarios/procedure/*.json: procedure-decision scenarios.

Each scenario is a base case with a few fields changed, and the answer expected. The expected
answers (outcomes and every deadline date) are written here by hand from the APR text and the
calendar, never produced by the engine; the comments show the date arithmetic (APR Art. 73: the day
of the event is not counted; a period ending on a Saturday, Sunday or public holiday of the Member
State ends on the next working day). Run: python3 scripts/gen_procedure_scenarios.py
"""
import copy, json, os

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "scenarios", "procedure")
APR = "Regulation (EU) 2024/1348, Art. "

BASE = {
    "decision_date": "2026-07-15", "member_state": "ITA",
    "applicant": {"nationality": "AFG", "date_of_birth": "1995-03-02"},
    # made Fri 10 Jul, registered Sat 11 Jul, lodged Tue 14 Jul 2026
    "application": {"made_on": "2026-07-10", "registered_on": "2026-07-11", "lodged_on": "2026-07-14",
                    "context": "in_territory"},
    "facts": {}, "capacity": {},
}
# Base deadlines (ITA): registration 10 Jul + 5 d = Wed 15 Jul; lodging 11 Jul + 21 d = Sat 1 Aug ->
# Mon 3 Aug; admissibility 14 Jul + 2 m = Mon 14 Sep; accelerated 14 Jul + 3 m = Wed 14 Oct;
# regular 14 Jul + 6 m = Thu 14 Jan 2027; border lodging 11 Jul + 5 d = Thu 16 Jul; border procedure
# 11 Jul + 12 w = Sat 3 Oct -> Mon 5 Oct.
REG = {"name": "registration", "date": "2026-07-15", "legal_basis": APR + "27(1)", "state": "met"}
LODGE = {"name": "lodging", "date": "2026-08-03", "legal_basis": APR + "28(1)", "state": "met"}
LODGE_B = {"name": "lodging", "date": "2026-07-16", "legal_basis": APR + "51(1)", "state": "met"}
ADM = {"name": "admissibility", "date": "2026-09-14", "legal_basis": APR + "35(1)"}
ACC = {"name": "examination", "date": "2026-10-14", "legal_basis": APR + "35(3)"}
REGULAR = {"name": "examination", "date": "2027-01-14", "legal_basis": APR + "35(4)"}
BORDER = {"name": "border_procedure", "date": "2026-10-05", "legal_basis": APR + "51(2)"}

# APR Art. 52(1), in the border procedure's time limit.
DETERMINATION_AT_THE_BORDER = ("the Member State responsible (Regulation (EU) 2024/1351) is determined within this "
                               "time limit, at the border procedure's locations (Art. 52(1))")

def G(basis, effect=None, rule=None, status=None):
    g = {"legal_basis": APR + basis if not basis.startswith("Regulation") else basis}
    if effect: g["effect"] = effect
    if rule: g["rule"] = rule
    if status: g["status"] = status
    return g

def F(code): return {"code": code}

def case(**changes):
    c = copy.deepcopy(BASE)
    for path, value in changes.items():
        parts = path.split("__")
        obj = c
        for p in parts[:-1]:
            obj = obj.setdefault(p, {})
        obj[parts[-1]] = value
    return c

S = []
def add(name, description, c, expect, **extra):
    s = {"description": description, "case": c, "expect": expect}
    s.update(extra)
    S.append((name, s))

def outcome(adm, proc, border, grounds=(), deadlines=(), flags=()):
    e = {"admissibility": adm, "procedure": proc, "border_procedure": border}
    if grounds: e["grounds"] = list(grounds)
    if deadlines: e["deadlines"] = list(deadlines)
    if flags: e["flags"] = list(flags)
    return e

# ---------------- Art. 38: admissibility ----------------
add("adm_01_base_regular", "No ground at all: admissible, regular procedure, every time limit of the base timeline.",
    case(), outcome("admissible", "regular", "not_applicable", deadlines=[REG, LODGE, ADM, REGULAR],
                    flags=[F("national_holidays_only"), F("appeal_from_notification")]))
add("adm_02_subsequent_without_new_elements", "Art. 38(2): a subsequent application without new elements is inadmissible (mandatory).",
    case(application__subsequent=True),
    outcome("inadmissible", "regular", "not_applicable", [G("38(2)", "inadmissible", "APR-I06")], [ADM]),
    not_deadlines=["examination"])
add("adm_03_subsequent_with_new_elements", "Art. 42(1)(g): a subsequent application with new elements is admissible and accelerated.",
    case(application__subsequent=True, application__new_elements=True),
    outcome("admissible", "accelerated", "not_applicable", [G("42(1)(g)", "accelerated", "APR-X01")], [ACC]),
    not_grounds=[G("38(2)")])
add("adm_04_first_country_of_asylum", "Art. 38(1)(a): protection enjoyed in a first country of asylum.",
    case(facts__first_country_of_asylum="TUR"),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(a)", "inadmissible", "APR-I01")]))
add("adm_05_fca_will_not_readmit", "Art. 38(1)(a) exception: clear that the country will not readmit.",
    case(facts__first_country_of_asylum="TUR", facts__third_country_will_not_readmit=True),
    outcome("admissible", "regular", "not_applicable", [G("38(1)(a)", "not_applied")]))
add("adm_06_fca_uam_without_assurance", "Art. 58(3): unaccompanied minor without the third country's assurance.",
    case(applicant__unaccompanied_minor=True, applicant__date_of_birth="2010-01-01", facts__first_country_of_asylum="TUR"),
    outcome("admissible", "regular", "not_applicable", [G("58(3)", "not_applied", "APR-I15")]),
    not_grounds=[G("38(1)(a)", "inadmissible")])
add("adm_07_fca_uam_with_assurance", "Art. 58(3): with the assurance the concept applies to an unaccompanied minor.",
    case(applicant__unaccompanied_minor=True, applicant__date_of_birth="2010-01-01", facts__first_country_of_asylum="TUR",
         facts__unaccompanied_minor_assurance=True),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(a)", "inadmissible")]))
add("adm_08_stc_not_designated", "Art. 59(4): a safe third country must be designated or assessed case by case.",
    case(facts__safe_third_country={"country": "ALB", "link": "connection"}),
    outcome("admissible", "regular", "not_applicable", [G("59(4)", "not_applied", "APR-I11")]))
add("adm_09_stc_case_by_case_connection", "Art. 38(1)(b), 59(4)-(5): case-by-case safe third country with a connection.",
    case(facts__safe_third_country={"country": "ALB", "link": "connection", "case_by_case": True}),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(b)", "inadmissible", "APR-I02", "in_force")]))
add("adm_10_stc_transit_from_june_2026", "Art. 59(5)(b) as amended by Reg. 2026/463: transit suffices from 12 Jun 2026.",
    case(facts__safe_third_country={"country": "SRB", "link": "transit", "case_by_case": True}),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(b)", "inadmissible", "APR-I02")]))
add("adm_11_stc_agreement_not_registered", "SC-12: the agreement link needs a registered agreement.",
    case(facts__safe_third_country={"country": "TUR", "link": "agreement", "case_by_case": True}),
    outcome("admissible", "regular", "not_applicable", [{"rule": "SC-12", "effect": "not_applied"}]))
add("adm_12_stc_agreement_registered", "SC-10(iii): a registered agreement covering the Member State grounds the concept.",
    case(facts__safe_third_country={"country": "TUR", "link": "agreement", "case_by_case": True}),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(b)", "inadmissible")]),
    policy_rows={"stc_agreements.csv": ["TUR,member_state,ITA,2026-06-12,,all applicants,1,Test fixture agreement (synthetic),in_force,test only"]})
add("adm_13_stc_agreement_uam", "SC-11: the agreement link never applies to an unaccompanied minor.",
    case(applicant__unaccompanied_minor=True, applicant__date_of_birth="2010-01-01",
         facts__safe_third_country={"country": "TUR", "link": "agreement", "case_by_case": True}, facts__unaccompanied_minor_assurance=True),
    outcome("admissible", "regular", "not_applicable", [{"rule": "SC-11", "effect": "not_applied"}]),
    policy_rows={"stc_agreements.csv": ["TUR,member_state,ITA,2026-06-12,,all applicants,1,Test fixture agreement (synthetic),in_force,test only"]})
add("adm_14_stc_national_designation", "Art. 64: a national designation of the Member State grounds the concept.",
    case(facts__safe_third_country={"country": "ALB", "link": "connection"}),
    outcome("inadmissible", "regular", "not_applicable", [{"legal_basis": APR + "38(1)(b)", "effect": "inadmissible",
             "evidence": ["designation: Test fixture national designation (synthetic) (policy/safe_third_countries.csv:6)"]}]),
    policy_rows={"safe_third_countries.csv": ["ALB,national,ITA,2026-06-12,,,,Test fixture national designation (synthetic),in_force,test only"]})
add("adm_15_stc_other_member_states_designation", "A national designation by another Member State does not apply in Italy.",
    case(facts__safe_third_country={"country": "ALB", "link": "connection"}),
    outcome("admissible", "regular", "not_applicable", [G("59(4)", "not_applied")]),
    policy_rows={"safe_third_countries.csv": ["ALB,national,DEU,2026-06-12,,,,Test fixture national designation (synthetic),in_force,test only"]})
add("adm_16_stc_will_not_readmit", "Art. 38(1)(b) exception: clear that the country will not readmit.",
    case(facts__safe_third_country={"country": "ALB", "link": "connection", "case_by_case": True}, facts__third_country_will_not_readmit=True),
    outcome("admissible", "regular", "not_applicable", [G("38(1)(b)", "not_applied")]))
add("adm_17_protection_in_other_member_state", "Art. 38(1)(c): another Member State granted protection.",
    case(application__protection_granted_by="FRA"),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(c)", "inadmissible", "APR-I03")]))
add("adm_18_international_court", "Art. 38(1)(d): safe relocation by an international criminal court.",
    case(facts__relocated_by_international_court=True),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(d)", "inadmissible", "APR-I04")]))
# Return decision received Thu 25 Jun 2026; 7 working days in Italy: 26, 29, 30 Jun, 1, 2, 3, 6 Jul
# -> the window ends Mon 6 Jul. Admissibility for Art. 38(1)(e): 10 working days from Tue 14 Jul =
# 15,16,17,20,21,22,23,24,27,28 Jul -> Tue 28 Jul.
add("adm_19_return_decision_late", "Art. 38(1)(e): application made more than 7 working days after the return decision; Art. 35(1) 10 working days.",
    case(application__return_decision_notified_on="2026-06-25"),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(e)", "inadmissible", "APR-I05")],
            [{"name": "admissibility", "date": "2026-07-28", "legal_basis": APR + "35(1)", "period": "10 working days"}]))
add("adm_20_return_decision_boundary_last_day", "Art. 38(1)(e) boundary: made on the 7th working day (Mon 6 Jul) is in time.",
    case(application__return_decision_notified_on="2026-06-25", application__made_on="2026-07-06"),
    outcome("admissible", "regular", "not_applicable", [G("38(1)(e)", "not_applied")]))
add("adm_21_return_decision_boundary_first_late_day", "Art. 38(1)(e) boundary: made Tue 7 Jul, the first day after the window.",
    case(application__return_decision_notified_on="2026-06-25", application__made_on="2026-07-07"),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(e)", "inadmissible")]))
add("adm_22_return_consequences_not_explained", "Art. 38(1)(e) condition: not informed of the consequences.",
    case(application__return_decision_notified_on="2026-06-25", application__return_consequences_not_explained=True),
    outcome("admissible", "regular", "not_applicable", [G("38(1)(e)", "not_applied")]))
add("adm_23_return_new_elements", "Art. 38(1)(e) condition: relevant new elements arose after the period.",
    case(application__return_decision_notified_on="2026-06-25", application__new_elements=True),
    outcome("admissible", "regular", "not_applicable", [G("38(1)(e)", "not_applied")]))
# Received Mon 21 Dec 2026; Italy: 22, 23, 24 Dec, [25 Christmas, 26 Santo Stefano, 27 Sun], 28, 29,
# 30, 31 Dec -> ends Thu 31 Dec. Made Mon 4 Jan 2027 is late. Lodged Fri 8 Jan 2027: 10 working days
# = 11..15, 18..22 Jan -> Fri 22 Jan 2027. Registration: 4 Jan + 5 d = Sat 9 Jan -> Mon 11 Jan.
XMAS = dict(decision_date="2027-01-20", application__made_on="2027-01-04", application__registered_on="2027-01-05",
            application__lodged_on="2027-01-08", application__return_decision_notified_on="2026-12-21")
add("adm_24_return_window_over_christmas", "Art. 38(1)(e) with the Italian Christmas holidays inside the 7 working days.",
    case(**XMAS), outcome("inadmissible", "regular", "not_applicable", [G("38(1)(e)", "inadmissible")],
                          [{"name": "admissibility", "date": "2027-01-22"}, {"name": "registration", "date": "2027-01-11", "state": "met"}]))
add("adm_25_return_window_over_christmas_in_time", "Art. 38(1)(e): made Thu 31 Dec 2026, the 7th working day, is in time.",
    case(**dict(XMAS, application__made_on="2026-12-31")),
    outcome("admissible", "regular", "not_applicable", [G("38(1)(e)", "not_applied")]))
add("adm_26_ground_not_provided_nationally", "Art. 38(1): an optional ground the Member State has not provided for is not applied.",
    case(facts__safe_third_country={"country": "ALB", "link": "connection", "case_by_case": True}),
    outcome("admissible", "regular", "not_applicable", [{"rule": "APR-I00", "legal_basis": APR + "38(1)(b)", "effect": "not_applied"}]),
    policy_rows={"member_state_settings.csv": ["ITA,provides_ground_38_1_b,0,2026-06-12,,Test fixture (synthetic),in_force,test only"]})
add("adm_27_first_country_document", "Arts. 58(4)-(5): rejected as inadmissible on the first country of asylum concept (Türkiye): a document for Türkiye's authorities in their language, and access to the procedure if it does not readmit or answer in time.",
    case(facts__first_country_of_asylum="TUR"),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(a)", "inadmissible", "APR-I01")],
            flags=[{"code": "third_country_document", "message": "with the decision rejecting the application as inadmissible on the first country of asylum concept, the applicant is informed under Art. 36 and given a document telling the authorities of Türkiye, in their language, that the application was not examined on the merits (Art. 58(4)); if Türkiye does not readmit the applicant or answer within the time the competent authority set, the applicant has access to the procedure (Art. 58(5))"}]))
add("adm_28_safe_third_country_document", "Arts. 59(8)-(9): rejected on the safe third country concept (Albania, case by case): the document, and access to the procedure if Albania does not admit or readmit.",
    case(facts__safe_third_country={"country": "ALB", "link": "connection", "case_by_case": True}),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(b)", "inadmissible", "APR-I02")],
            flags=[F("third_country_document")]))
add("adm_29_no_document_when_not_applied", "Art. 58(4) follows a rejection on the concept: where Türkiye will clearly not readmit the applicant, no rejection and no document.",
    case(facts__first_country_of_asylum="TUR", facts__third_country_will_not_readmit=True),
    outcome("admissible", "regular", "not_applicable", [G("38(1)(a)", "not_applied", "APR-I01")]),
    not_flags=["third_country_document"])

def err(field, code="invalid_argument"): return {"error": {"field": field, "code": code}}

# ---------------- Arts. 11, 13(11), 55(4): the admissibility interview ----------------
INTERVIEW_FLAGS = ["admissibility_interview_not_recorded", "preliminary_examination_not_recorded",
                   "interview_omission_ground_not_applicable", "admissibility_interview_after_decision",
                   "further_information_in_writing"]
def interview_flags_but(*kept): return [f for f in INTERVIEW_FLAGS if f not in kept]
FRA_PROTECTION = [G("38(1)(c)", "inadmissible", "APR-I03")]
TUR_FIRST_COUNTRY = [G("38(1)(a)", "inadmissible", "APR-I01")]
add("int_01_not_recorded", "Art. 11(1): rejected as inadmissible (protection granted by France, 38(1)(c)) with neither an admissibility interview nor an omission recorded: flagged.",
    case(application__protection_granted_by="FRA"),
    outcome("inadmissible", "regular", "not_applicable", FRA_PROTECTION, flags=[
        {"code": "admissibility_interview_not_recorded", "message": "before the application is rejected as inadmissible the applicant is given the opportunity of an admissibility interview to explain why the ground does not apply (Art. 11); the case records neither the interview (application.admissibility_interview_on) nor an omission under Art. 13(11)(c)-(e) (application.admissibility_interview_omitted)"}]),
    not_flags=interview_flags_but("admissibility_interview_not_recorded"))
add("int_02_held", "Art. 11(1): the admissibility interview held on 13 July before the rejection: nothing flagged.",
    case(application__protection_granted_by="FRA", application__admissibility_interview_on="2026-07-13"),
    outcome("inadmissible", "regular", "not_applicable", FRA_PROTECTION), not_flags=INTERVIEW_FLAGS)
add("int_03_omitted_38_1_c", "Art. 13(11)(e): the interview may be omitted where the application is inadmissible under Art. 38(1)(c), as here.",
    case(application__protection_granted_by="FRA", application__admissibility_interview_omitted="protection_in_other_member_state"),
    outcome("inadmissible", "regular", "not_applicable", FRA_PROTECTION), not_flags=INTERVIEW_FLAGS)
add("int_04_omitted_38_1_c_other_ground", "Art. 13(11)(e) names Art. 38(1)(c) only: an omission on it for a rejection on the first country of asylum concept (38(1)(a)) is flagged.",
    case(facts__first_country_of_asylum="TUR", application__admissibility_interview_omitted="protection_in_other_member_state"),
    outcome("inadmissible", "regular", "not_applicable", TUR_FIRST_COUNTRY, flags=[
        {"code": "interview_omission_ground_not_applicable", "message": "Art. 13(11)(e) omits the interview where the application is inadmissible under Art. 38(1)(c) (protection granted by another Member State), and that ground is not applied here: the admissibility interview is required (Art. 11(1))"}]),
    not_flags=interview_flags_but("interview_omission_ground_not_applicable"))
add("int_05_subsequent_not_recorded", "Art. 55(4): a subsequent application without new elements (38(2)) whose preliminary examination records neither a written statement nor an interview: flagged under 55(4), not 11.",
    case(application__subsequent=True),
    outcome("inadmissible", "regular", "not_applicable", [G("38(2)", "inadmissible", "APR-I06")],
            flags=[F("preliminary_examination_not_recorded")]),
    not_flags=interview_flags_but("preliminary_examination_not_recorded"))
add("int_06_subsequent_written_statement", "Arts. 13(11)(d), 55(4): the preliminary examination of a subsequent application made on a written statement, no interview: nothing flagged.",
    case(application__subsequent=True, application__admissibility_interview_omitted="written_statement"),
    outcome("inadmissible", "regular", "not_applicable", [G("38(2)", "inadmissible", "APR-I06")]), not_flags=INTERVIEW_FLAGS)
add("int_07_written_statement_not_subsequent", "Art. 13(11)(d) concerns a subsequent application only: a first application rejected on the first country of asylum concept after a written statement alone is flagged.",
    case(facts__first_country_of_asylum="TUR", application__admissibility_interview_omitted="written_statement"),
    outcome("inadmissible", "regular", "not_applicable", TUR_FIRST_COUNTRY, flags=[F("interview_omission_ground_not_applicable")]),
    not_flags=interview_flags_but("interview_omission_ground_not_applicable"))
add("int_08_unfit", "Art. 13(11)(c): the applicant unable to be interviewed for enduring reasons: the omission stands, with the second and third subparagraphs' duties (further information in writing, a medical professional in case of doubt).",
    case(facts__first_country_of_asylum="TUR", application__admissibility_interview_omitted="unfit"),
    outcome("inadmissible", "regular", "not_applicable", TUR_FIRST_COUNTRY, flags=[
        {"code": "further_information_in_writing", "message": "the interview is omitted because the applicant is unfit or unable to be interviewed owing to enduring circumstances beyond their control (Art. 13(11)(c)): the omission does not adversely affect the decision, the applicant is given an effective opportunity to submit further information in writing, and in case of doubt a medical professional is consulted; a temporary inability postpones the interview (Art. 13(11), second and third subparagraphs)"}]),
    not_flags=interview_flags_but("further_information_in_writing"))
add("int_09_not_inadmissible_yet_rejected", "Art. 13(11)(b) omits the interview for an application found not inadmissible; this one is rejected as inadmissible: flagged.",
    case(facts__first_country_of_asylum="TUR", application__admissibility_interview_omitted="not_inadmissible"),
    outcome("inadmissible", "regular", "not_applicable", TUR_FIRST_COUNTRY, flags=[F("interview_omission_ground_not_applicable")]),
    not_flags=interview_flags_but("interview_omission_ground_not_applicable"))
add("int_10_after_decision", "Art. 11(1): an interview dated 22 July after the decision notified on 20 July is flagged.",
    case(decision_date="2026-07-27", facts__first_country_of_asylum="TUR", application__decision_notified_on="2026-07-20",
         application__admissibility_interview_on="2026-07-22"),
    outcome("inadmissible", "regular", "not_applicable", TUR_FIRST_COUNTRY, flags=[
        {"code": "admissibility_interview_after_decision", "message": "the admissibility interview (2026-07-22) comes after the decision notified on 2026-07-20: it is held before the authority decides on admissibility (Art. 11(1))"}]),
    not_flags=interview_flags_but("admissibility_interview_after_decision"))
add("int_11_admissible_no_check", "An application found admissible needs no admissibility interview record (Art. 13(11)(b)): nothing flagged.",
    case(), outcome("admissible", "regular", "not_applicable"), not_flags=INTERVIEW_FLAGS)
# Art. 35(1), third subparagraph. Lodged Tue 14 Jul 2026: two months end Mon 14 Sep 2026.
add("int_15_admissibility_late_still_inadmissible", "Art. 35(1), third subparagraph: the two months for admissibility ended 14 Sep 2026 and the decision was notified on 1 Oct; the application is not admissible for that reason alone: still inadmissible (38(1)(c)), and said.",
    case(decision_date="2026-10-05", application__protection_granted_by="FRA", application__decision_notified_on="2026-10-01",
         application__admissibility_interview_on="2026-09-20"),
    outcome("inadmissible", "regular", "not_applicable", FRA_PROTECTION, deadlines=[ADM], flags=[
        {"code": "admissibility_time_limit_passed", "message": "the time limit for the admissibility examination ended 2026-09-14, before the decision was notified on 2026-10-01: the application is not considered admissible solely because no decision on admissibility was taken within it (Art. 35(1), third subparagraph), so the ground of inadmissibility still applies"}]),
    not_flags=INTERVIEW_FLAGS)
add("int_16_admissibility_passed_no_decision", "Art. 35(1), third subparagraph: by the decision date 20 Sep 2026 the two months (to 14 Sep) have passed with no decision recorded: flagged, the ground still applies.",
    case(decision_date="2026-09-20", application__protection_granted_by="FRA"),
    outcome("inadmissible", "regular", "not_applicable", FRA_PROTECTION, deadlines=[ADM], flags=[F("admissibility_time_limit_passed")]))
add("int_17_admissibility_in_time", "Art. 35(1): the decision notified on the last day, 14 Sep 2026, is in time: not flagged.",
    case(decision_date="2026-09-20", application__protection_granted_by="FRA", application__decision_notified_on="2026-09-14"),
    outcome("inadmissible", "regular", "not_applicable", FRA_PROTECTION, deadlines=[ADM]),
    not_flags=["admissibility_time_limit_passed"])
add("int_18_admissible_late_no_flag", "An application found admissible after the time limit gets no Art. 35(1) third-subparagraph flag: it concerns a ground of inadmissibility.",
    case(decision_date="2026-09-20"), outcome("admissible", "regular", "not_applicable", deadlines=[ADM]),
    not_flags=["admissibility_time_limit_passed"])
# Art. 35(8): after a court annuls and remits, a national time limit shorter than Art. 35's.
REMIT_FLAG = "the court annulled the decision and sent the case back on 2026-12-01: national law sets a shorter time limit for concluding the examination than Art. 35's (Art. 35(8)); the time limits above counted from the lodging concerned the annulled decision"
REMIT_NOTE = "the national time limit after the remittal (Art. 35(8)) ends before this day: Art. 35's own limit for this route, counted from the remittal (a reading)"
# Remitted Tue 1 Dec 2026: + 6 months = Tue 1 Jun 2027 (2 June, Festa della Repubblica, is the next day).
add("rmt_01_regular_after_remittal", "Art. 35(8): the regular examination's decision annulled and sent back on 1 Dec 2026: the national time limit ends before Art. 35(4)'s six months counted from the remittal, 1 Jun 2027.",
    case(decision_date="2026-12-10", application__remitted_on="2026-12-01"),
    outcome("admissible", "regular", "not_applicable", deadlines=[
        {"name": "after_remittal_longest", "date": "2027-06-01", "from": "2026-12-01", "period": "6 months", "state": "running",
         "legal_basis": APR + "35(8); " + APR + "35(4)", "note": REMIT_NOTE}],
        flags=[{"code": "remittal_time_limit_national", "message": REMIT_FLAG}]))
# + 2 months = Mon 1 Feb 2027; the new decision notified Fri 15 Jan 2027.
add("rmt_02_inadmissible_after_remittal_met", "Art. 35(8) with 35(1): an inadmissibility decision annulled and sent back; the new one notified 15 Jan 2027, before the outer bound of two months from the remittal (1 Feb 2027): met; the original two months from the lodging are not flagged again.",
    case(decision_date="2027-01-20", application__protection_granted_by="FRA", application__remitted_on="2026-12-01",
         application__decision_notified_on="2027-01-15", application__admissibility_interview_on="2026-12-10"),
    outcome("inadmissible", "regular", "not_applicable", FRA_PROTECTION, deadlines=[
        {"name": "after_remittal_longest", "date": "2027-02-01", "period": "2 months", "state": "met",
         "legal_basis": APR + "35(8); " + APR + "35(1)"}], flags=[F("remittal_time_limit_national")]),
    not_flags=["admissibility_time_limit_passed"] + INTERVIEW_FLAGS)
# + 3 months = Mon 1 Mar 2027.
add("rmt_03_accelerated_after_remittal", "Art. 35(8) with 35(3): an accelerated examination (42(1)(f)) sent back on 1 Dec 2026: the outer bound is three months from then, 1 Mar 2027.",
    case(decision_date="2026-12-10", facts__danger_security_public_order=True, application__remitted_on="2026-12-01"),
    outcome("admissible", "accelerated", "not_applicable", deadlines=[
        {"name": "after_remittal_longest", "date": "2027-03-01", "period": "3 months", "state": "running"}],
        flags=[F("remittal_time_limit_national")]))
# Remitted Mon 3 Aug 2026 + 6 months = Wed 3 Feb 2027; no decision by 10 Feb.
add("rmt_04_after_remittal_expired", "Art. 35(8): sent back on 3 Aug 2026 and no new decision by 10 Feb 2027: past even Art. 35(4)'s six months from the remittal (3 Feb 2027), so past any national limit.",
    case(decision_date="2027-02-10", application__remitted_on="2026-08-03"),
    outcome("admissible", "regular", "not_applicable", deadlines=[
        {"name": "after_remittal_longest", "date": "2027-02-03", "state": "expired"}], flags=[F("remittal_time_limit_national")]))
add("rmt_05_border_procedure", "Art. 35(8) in the border procedure: flagged, no outer bound computed, since the national limit must fit the 12 weeks of Art. 51(2).",
    case(applicant__nationality="MAR", application__context="border_crossing_point", application__after_screening=True,
         decision_date="2026-09-10", application__remitted_on="2026-09-01"),
    outcome("admissible", "border", "mandatory", flags=[F("remittal_time_limit_national")]),
    not_deadlines=["after_remittal_longest"])
add("rmt_06_err_decision_before_remittal", "The decision notified before the remittal was the annulled one: refused, naming the field.",
    case(decision_date="2026-12-10", application__remitted_on="2026-12-01", application__decision_notified_on="2026-11-20"),
    err("application.decision_notified_on"))
add("rmt_07_err_not_lodged", "A remittal needs a lodged application: refused without lodged_on.",
    case(application__lodged_on=None, application__remitted_on="2026-12-01"), err("application.remitted_on"))
# Art. 55(1), (5): subsequent applications.
add("sub_01_after_final_decision", "Art. 55(2): made on 10 Jul 2026 after the previous decision became final on 30 Jun: a subsequent application; without new elements inadmissible (38(2)).",
    case(application__subsequent=True, application__previous_final_decision_on="2026-06-30",
         application__admissibility_interview_omitted="written_statement"),
    outcome("inadmissible", "regular", "not_applicable", [G("38(2)", "inadmissible", "APR-I06")]),
    not_flags=["previous_implicit_withdrawal_elements"])
add("sub_02_err_before_final_decision", "Art. 55(1): made on 10 Jul 2026 while the previous decision became final only on 20 Jul: a further representation in the ongoing procedure, not a subsequent application: refused naming subsequent.",
    case(application__subsequent=True, application__previous_final_decision_on="2026-07-20"),
    err("application.subsequent"))
add("sub_03_previous_implicitly_withdrawn", "Art. 55(5): the previous application was rejected as implicitly withdrawn without a merits examination: elements that could have been presented then still count; a rejection for want of new elements is flagged for review.",
    case(application__subsequent=True, application__previous_implicitly_withdrawn=True,
         application__admissibility_interview_omitted="written_statement"),
    outcome("inadmissible", "regular", "not_applicable", [G("38(2)", "inadmissible", "APR-I06")], flags=[
        {"code": "previous_implicit_withdrawal_elements", "message": "the previous application was rejected as implicitly withdrawn (Art. 41) without an examination on the merits: elements the applicant could have presented in it are nonetheless taken into account (Art. 55(5)); confirm that new_elements (false) was assessed on that footing before rejecting the application under Art. 38(2)"}]))
add("sub_04_previous_withdrawn_new_elements", "Art. 55(5), (6): with new elements found the application is examined on the merits (42(1)(g), accelerated): nothing to flag.",
    case(application__subsequent=True, application__new_elements=True, application__previous_implicitly_withdrawn=True),
    outcome("admissible", "accelerated", "not_applicable", [G("42(1)(g)", "accelerated")]),
    not_flags=["previous_implicit_withdrawal_elements"])
add("sub_05_err_not_subsequent", "previous_final_decision_on concerns a subsequent application: refused without subsequent.",
    case(application__previous_final_decision_on="2026-06-30"), err("application.previous_final_decision_on"))
add("sub_06_err_withdrawn_not_subsequent", "previous_implicitly_withdrawn concerns a subsequent application: refused without subsequent.",
    case(application__previous_implicitly_withdrawn=True), err("application.previous_implicitly_withdrawn"))
# Arts. 12(1), 13(11)(a), (c): the interview on the merits, once a decision on an admissible
# application is notified (Mon 20 Jul 2026; decided as of Tue 21 Jul).
MERITS_FLAGS = ["merits_interview_not_recorded", "merits_interview_after_decision", "further_information_in_writing"]
MERITS = dict(decision_date="2026-07-21", application__decision_notified_on="2026-07-20")
add("mer_01_not_recorded", "Art. 12(1): a decision on the merits notified on 20 Jul 2026 with neither an interview on the merits nor an omission recorded: flagged.",
    case(**MERITS), outcome("admissible", "regular", "not_applicable", flags=[
        {"code": "merits_interview_not_recorded", "message": "before the determining authority decides on the merits the applicant is given the opportunity of a personal interview on the merits (Art. 12(1)); with the decision notified on 2026-07-20 the case records neither the interview (application.merits_interview_on) nor an omission under Art. 13(11)(a) or (c) (application.merits_interview_omitted, or interview_omitted for (a))"}]),
    not_flags=["merits_interview_after_decision", "further_information_in_writing"])
add("mer_02_held", "Art. 12(1): the interview on the merits held on 17 Jul, before the decision: nothing flagged.",
    case(application__merits_interview_on="2026-07-17", **MERITS), outcome("admissible", "regular", "not_applicable"),
    not_flags=MERITS_FLAGS)
add("mer_03_positive_decision", "Art. 13(11)(a): omitted because a positive decision can be taken on the evidence (interview_omitted): nothing flagged.",
    case(application__interview_omitted=True, **MERITS), outcome("admissible", "regular", "not_applicable"),
    not_flags=MERITS_FLAGS)
add("mer_04_unfit", "Art. 13(11)(c): omitted because the applicant is unfit for enduring reasons: the second and third subparagraphs' duties flagged.",
    case(application__merits_interview_omitted="unfit", **MERITS),
    outcome("admissible", "regular", "not_applicable", flags=[F("further_information_in_writing")]),
    not_flags=["merits_interview_not_recorded", "merits_interview_after_decision"])
add("mer_05_after_decision", "Art. 12(1): an interview on 22 Jul after the decision notified on 20 Jul: flagged.",
    case(decision_date="2026-07-25", application__decision_notified_on="2026-07-20", application__merits_interview_on="2026-07-22"),
    outcome("admissible", "regular", "not_applicable", flags=[
        {"code": "merits_interview_after_decision", "message": "the interview on the merits (2026-07-22) comes after the decision notified on 2026-07-20: it is held before the determining authority decides on the merits (Art. 12(1))"}]),
    not_flags=["merits_interview_not_recorded"])
add("mer_06_inadmissible_no_merits_check", "An inadmissibility decision is not on the merits: no merits interview flag (the admissibility interview is checked instead).",
    case(application__protection_granted_by="FRA", **MERITS),
    outcome("inadmissible", "regular", "not_applicable", FRA_PROTECTION, flags=[F("admissibility_interview_not_recorded")]),
    not_flags=MERITS_FLAGS)
add("mer_07_explicit_withdrawal_no_merits_check", "An explicit withdrawal is declared without an examination on the merits (Art. 39(1)(c)): no merits interview flag.",
    case(decision_date="2026-09-02", facts__explicit_withdrawal_on="2026-07-20", application__decision_notified_on="2026-09-01"),
    {"withdrawal": "explicit"}, not_flags=MERITS_FLAGS)
add("mer_08_not_yet_decided", "Before any decision is notified there is nothing to check.",
    case(), outcome("admissible", "regular", "not_applicable"), not_flags=MERITS_FLAGS)
add("mer_09_err_both", "An interview held was not omitted: refused naming merits_interview_on.",
    case(application__merits_interview_on="2026-07-17", application__merits_interview_omitted="unfit"),
    err("application.merits_interview_on"))
add("mer_10_err_two_reasons", "interview_omitted says Art. 13(11)(a); unfit is (c): one reason, refused naming merits_interview_omitted.",
    case(application__interview_omitted=True, application__merits_interview_omitted="unfit"),
    err("application.merits_interview_omitted"))
add("int_12_err_both", "An interview held was not omitted: both fields given are refused, naming the omission.",
    case(application__admissibility_interview_on="2026-07-13", application__admissibility_interview_omitted="unfit"),
    err("application.admissibility_interview_omitted"))
add("int_13_err_before_made", "An interview before the application was made is refused.",
    case(application__admissibility_interview_on="2026-07-09"), err("application.admissibility_interview_on"))
add("int_14_err_unknown_reason", "An omission reason Art. 13(11) does not name is refused.",
    case(application__admissibility_interview_omitted="no_interpreter"), err("application.admissibility_interview_omitted"))

# ---------------- Art. 42: acceleration ----------------
MAR_GROUNDS = [G("42(1)(e)", "accelerated", "APR-X01", "in_force"), G("42(1)(j)", "accelerated", "APR-X01")]
add("acc_01_contract_example_morocco", "The contract's example: Morocco is on the EU list (42(1)(e)) and at or below 20 % (42(1)(j)).",
    case(applicant__nationality="MAR"),
    outcome("admissible", "accelerated", "not_applicable", MAR_GROUNDS,
            [REG, LODGE, ADM, ACC]))
for letter, field, name, extra in [
        ("a", "facts__only_irrelevant_issues", "irrelevant_issues", {}),
        ("b", "facts__clearly_unconvincing_claim", "unconvincing_claim", {}),
        ("c", "facts__misled_authorities", "misled", {}),
        ("c", "facts__destroyed_documents", "destroyed_documents", {}),
        ("d", "facts__delay_removal_only", "delay_removal", {}),
        ("f", "facts__danger_security_public_order", "security", {}),
        ("h", "facts__late_application_without_good_reason", "late_unlawful_entry", {}),
        ("i", "facts__late_application_without_good_reason", "late_lawful_entry", {"application__entered_lawfully": True})]:
    add(f"acc_{name}", f"Art. 42(1)({letter}) in the territory: accelerated, 3 months from lodging.",
        case(**{field: True}, **extra),
        outcome("admissible", "accelerated", "not_applicable", [G(f"42(1)({letter})", "accelerated", "APR-X01")], [ACC]))
add("acc_10_sco_only_tunisia", "Tunisia: EU list (42(1)(e)); no recognition rate in the policy data, so 42(1)(j) is not established.",
    case(applicant__nationality="TUN"),
    outcome("admissible", "accelerated", "not_applicable", [G("42(1)(e)", "accelerated")], [ACC], [F("recognition_rate_unknown")]),
    not_grounds=[G("42(1)(j)")])
add("acc_11_sco_rebutted", "Art. 61(5)(c): the applicant shows why the safe country of origin is not safe for him or her.",
    case(applicant__nationality="TUN", facts__rebuts_safe_country_of_origin=True),
    outcome("admissible", "regular", "not_applicable", [G("61(5)(c)", "not_applied", "APR-S03")], [REGULAR]))
add("acc_12_candidate_georgia", "Art. 62 as amended: Georgia, a candidate country with a rate of 4 %, is a safe country of origin (wording uncertain, flagged).",
    case(applicant__nationality="GEO"),
    outcome("admissible", "accelerated", "not_applicable",
            [{"rule": "APR-X01", "legal_basis": APR + "42(1)(e)", "status": "uncertain"}, G("42(1)(j)", "accelerated")],
            flags=[F("provision_uncertain"), F("recognition_rate_dated"), F("recognition_rate_scope")]))
add("acc_13_candidate_turkiye_above_20", "Art. 62 exception (c): Türkiye's rate (24 % in 2023) is above 20 %, so it is not a safe country of origin.",
    case(applicant__nationality="TUR"),
    outcome("admissible", "regular", "not_applicable", [{"rule": "SC-02", "effect": "not_applied"}]),
    not_grounds=[G("42(1)(e)"), G("42(1)(j)")])
add("acc_14_candidate_ukraine_armed_conflict", "Art. 62 exception (a): armed conflict in Ukraine.",
    case(applicant__nationality="UKR"),
    outcome("admissible", "regular", "not_applicable", [{"rule": "SC-02", "effect": "not_applied", "status": "uncertain"}]))
add("acc_15_candidate_montenegro_rate_unknown", "Art. 62 exception (c) cannot be excluded without a rate: not treated as safe.",
    case(applicant__nationality="MNE"),
    outcome("admissible", "regular", "not_applicable", flags=[F("candidate_rate_unknown"), F("recognition_rate_unknown")]))
add("acc_16_national_sco_designation", "Art. 64: the Member State's own designation of a safe country of origin.",
    case(applicant__nationality="SEN"),
    outcome("admissible", "accelerated", "not_applicable",
            [{"legal_basis": APR + "42(1)(e)", "explanation": "Senegal is designated a safe country of origin by Italy."}]),
    policy_rows={"safe_countries_of_origin.csv": ["SEN,national,ITA,2026-06-12,,,,Test fixture national designation (synthetic),in_force,test only"]})
add("acc_17_sco_excluded_region", "Art. 61(2), 61(5)(b): the designation excludes the applicant's region.",
    case(applicant__nationality="SEN", applicant__region_of_origin="Casamance"),
    outcome("admissible", "regular", "not_applicable", [G("61(5)(b)", "not_applied", "APR-S02")]),
    policy_rows={"safe_countries_of_origin.csv": ["SEN,national,ITA,2026-06-12,,Casamance,,Test fixture national designation (synthetic),in_force,test only"]})
add("acc_18_sco_excluded_category", "Art. 61(2), 61(5)(b): the designation excludes the applicant's category.",
    case(applicant__nationality="SEN", applicant__categories=["lgbtiq"]),
    outcome("admissible", "regular", "not_applicable", [G("61(5)(b)", "not_applied")]),
    policy_rows={"safe_countries_of_origin.csv": ["SEN,national,ITA,2026-06-12,,,LGBTIQ,Test fixture national designation (synthetic),in_force,test only"]})
add("acc_19_designation_not_yet_in_force", "A designation applies only from its effective date.",
    case(applicant__nationality="SEN"),
    outcome("admissible", "regular", "not_applicable"),
    not_grounds=[G("42(1)(e)")],
    policy_rows={"safe_countries_of_origin.csv": ["SEN,national,ITA,2026-08-01,,,,Test fixture national designation (synthetic),in_force,test only"]})
add("acc_20_designation_ended", "A designation that ended before the decision date does not apply.",
    case(applicant__nationality="SEN"),
    outcome("admissible", "regular", "not_applicable"),
    not_grounds=[G("42(1)(e)")],
    policy_rows={"safe_countries_of_origin.csv": ["SEN,national,ITA,2026-06-12,2026-07-14,,,Test fixture national designation (synthetic),in_force,test only"]})
add("acc_21_rate_pakistan", "Art. 42(1)(j): Pakistan 12 % (2025, EUAA EU+): accelerated; the EU+ scope is flagged.",
    case(applicant__nationality="PAK"),
    outcome("admissible", "accelerated", "not_applicable", [G("42(1)(j)", "accelerated")], [ACC], [F("recognition_rate_scope")]),
    not_grounds=[G("42(1)(e)")])
add("acc_22_rate_not_representative", "Art. 42(1)(j) exception: the low rate is not representative for the applicant.",
    case(applicant__nationality="PAK", facts__recognition_rate_not_representative=True),
    outcome("admissible", "regular", "not_applicable", [G("42(1)(j)", "not_applied", "APR-X03")]))
add("acc_23_rate_syria_above", "Syria 90 % (2024): no 20 % ground.",
    case(applicant__nationality="SYR"), outcome("admissible", "regular", "not_applicable"), not_grounds=[G("42(1)(j)")])
add("acc_24_rate_upper_bound_above_threshold", "Iraq: only an upper bound of 35 % is known, which does not establish 20 % or less.",
    case(applicant__nationality="IRQ"), outcome("admissible", "regular", "not_applicable", flags=[F("recognition_rate_unknown")]),
    not_grounds=[G("42(1)(j)")])
add("acc_25_stateless_former_residence", "Stateless applicant: the former habitual residence (Pakistan) counts for 42(1)(j).",
    case(applicant__nationality="XXA", applicant__former_habitual_residence="PAK"),
    outcome("admissible", "accelerated", "not_applicable", [G("42(1)(j)", "accelerated")]))
add("acc_26_stateless_without_residence", "Stateless applicant without a former habitual residence: flagged, no country-based ground.",
    case(applicant__nationality="XXA"),
    outcome("admissible", "regular", "not_applicable", flags=[F("stateless_without_former_habitual_residence")]))
add("acc_27_refuses_biometrics", "Refusing biometrics is not an acceleration ground (Art. 41(1)(b) implicit withdrawal): flagged only.",
    case(facts__refuses_biometrics=True), outcome("admissible", "regular", "not_applicable", flags=[F("refuses_biometrics")]))
add("acc_28_multiple_grounds", "Several Art. 42(1) circumstances are all listed.",
    case(facts__misled_authorities=True, facts__delay_removal_only=True),
    outcome("admissible", "accelerated", "not_applicable", [G("42(1)(c)"), G("42(1)(d)")]))
add("acc_29_inadmissible_beats_acceleration", "An inadmissible application is not examined on the merits: regular admissibility track.",
    case(applicant__nationality="MAR", application__protection_granted_by="DEU"),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(c)", "inadmissible"), G("42(1)(e)")], [ADM]),
    not_deadlines=["examination"])

# ---------------- Unaccompanied minors (Art. 42(3), 53(1)) ----------------
UAM = dict(applicant__unaccompanied_minor=True, applicant__date_of_birth="2010-05-01")
add("uam_01_morocco", "Art. 42(3)(a) and (e) for an unaccompanied minor from Morocco.",
    case(applicant__nationality="MAR", **UAM),
    outcome("admissible", "accelerated", "not_applicable", [G("42(3)(a)", "accelerated", "APR-X02"), G("42(3)(e)", "accelerated", "APR-X02")]))
add("uam_02_irrelevant_issues_not_a_ground", "Art. 42(3): 42(1)(a) is not an acceleration ground for unaccompanied minors.",
    case(facts__only_irrelevant_issues=True, **UAM),
    outcome("admissible", "regular", "not_applicable", [{"rule": "APR-X02", "legal_basis": APR + "42(3)", "effect": "not_applied"}]))
add("uam_03_misled", "Art. 42(3)(d): misleading the authorities accelerates for a minor too.",
    case(facts__misled_authorities=True, **UAM),
    outcome("admissible", "accelerated", "not_applicable", [G("42(3)(d)", "accelerated")]))
add("uam_04_security_at_border", "Art. 42(3)(b), 53(1): a minor who is a danger to security goes into the border procedure.",
    case(facts__danger_security_public_order=True, application__context="border_crossing_point", **UAM),
    outcome("admissible", "border", "mandatory", [G("42(3)(b)", "accelerated+border_mandatory")]))
add("uam_05_morocco_at_border_excluded", "Art. 53(1): no border procedure for an unaccompanied minor outside security cases.",
    case(applicant__nationality="MAR", application__context="border_crossing_point", **UAM),
    outcome("admissible", "accelerated", "excluded", [G("53(1)", "border_excluded", "APR-B04")]))
add("uam_06_age_inconsistent", "Declared minor but an adult by the date of birth: flagged for age assessment (Art. 25).",
    case(applicant__unaccompanied_minor=True, applicant__date_of_birth="2000-01-01"),
    outcome("admissible", "regular", "not_applicable", flags=[F("age_inconsistent")]))
add("uam_07_subsequent", "Art. 42(3)(c): a subsequent application that is not inadmissible.",
    case(application__subsequent=True, application__new_elements=True, **UAM),
    outcome("admissible", "accelerated", "not_applicable", [G("42(3)(c)", "accelerated")]))

# ---------------- Border procedure (Arts. 43-45, 48, 50, 53) ----------------
def border(nat="MAR", ctx="border_crossing_point", **kw):
    return case(applicant__nationality=nat, application__context=ctx, application__after_screening=True, **kw)
add("brd_01_morocco_border_mandatory", "Art. 45(1): 42(1)(j) at a border crossing point makes the border procedure mandatory; lodge within 5 days, 12 weeks from registration.",
    border(), outcome("admissible", "border", "mandatory", [G("45(1)", "border_mandatory", "APR-B03"), G("42(1)(j)", "accelerated+border_mandatory")],
                      [REG, LODGE_B, BORDER, ADM]), not_deadlines=["examination"])
add("brd_02_tunisia_optional", "Art. 44(1)(b): a safe country of origin alone makes the border procedure optional; Italy applies it by default.",
    border("TUN"), outcome("admissible", "border", "optional", [G("43(1)(a)", "border_optional", "APR-B01"), G("42(1)(e)", "accelerated+border_optional")]))
add("brd_03_optional_not_applied_by_member_state", "A Member State that does not apply the optional border procedure: accelerated instead.",
    border("TUN"), outcome("admissible", "accelerated", "optional", deadlines=[ACC, LODGE]),
    policy_rows={"member_state_settings.csv": ["ITA,apply_optional_border_procedure,0,2026-06-12,,Test fixture (synthetic),in_force,test only"]})
add("brd_04_security_after_apprehension", "Art. 43(1)(b), 45(1): security case after an irregular crossing.",
    border("AFG", "apprehended_irregular_crossing", facts__danger_security_public_order=True),
    outcome("admissible", "border", "mandatory", [G("45(1)", "border_mandatory")], flags=[F("registration_after_screening")]))
add("brd_05_screening_not_recorded", "Art. 43(1): the border procedure follows screening; flagged when not recorded.",
    case(application__context="apprehended_irregular_crossing", facts__danger_security_public_order=True),
    outcome("admissible", "border", "mandatory", flags=[F("screening_not_completed")]))
add("brd_06_sar_misled", "Art. 43(1)(c), 45(1): 42(1)(c) after a search and rescue disembarkation.",
    border("AFG", "sar_disembarkation", facts__misled_authorities=True),
    outcome("admissible", "border", "mandatory", [G("42(1)(c)", "accelerated+border_mandatory")]))
add("brd_07_relocation", "Art. 43(1)(d): after relocation under AMMR Art. 67(11).",
    border("PAK", "relocation"), outcome("admissible", "border", "mandatory", [G("42(1)(j)", "accelerated+border_mandatory")]))
add("brd_08_transit_zone_optional", "Art. 43(1)(a): transit zone, 42(1)(a) only: optional.",
    border("AFG", "transit_zone", facts__only_irrelevant_issues=True),
    outcome("admissible", "border", "optional", [G("42(1)(a)", "accelerated+border_optional")]))
add("brd_09_meets_entry_conditions", "Art. 43(1): an applicant who meets the entry conditions is not in the border procedure.",
    border(application__meets_entry_conditions=True),
    outcome("admissible", "accelerated", "not_applicable", [G("43(1)", "not_applied", "APR-B01")]))
add("brd_10_no_ground_at_border", "At the border without any Art. 44(1) ground: not applicable, regular procedure.",
    border("AFG"), outcome("admissible", "regular", "not_applicable", deadlines=[LODGE, REGULAR]))
add("brd_11_late_unlawful_not_border_ground", "Art. 44(1)(b): 42(1)(h) is not a border ground.",
    border("AFG", facts__late_application_without_good_reason=True),
    outcome("admissible", "accelerated", "not_applicable", [G("42(1)(h)", "accelerated")]))
add("brd_12_late_lawful_not_border_ground", "Art. 44(1)(b): 42(1)(i) is not a border ground.",
    border("AFG", facts__late_application_without_good_reason=True, application__entered_lawfully=True),
    outcome("admissible", "accelerated", "not_applicable", [G("42(1)(i)", "accelerated")]))
add("brd_13_capacity_relieves_20pct", "Art. 48: at adequate capacity a 42(1)(j)-only case leaves the border procedure.",
    border("PAK", capacity={"adequate_capacity_reached": True}),
    outcome("admissible", "accelerated", "excluded", [G("48", "border_relieved", "APR-C05")], [ACC]))
add("brd_14_capacity_keeps_security", "Art. 48: a security case stays mandatory at adequate capacity.",
    border("PAK", facts__danger_security_public_order=True, capacity={"adequate_capacity_reached": True}),
    outcome("admissible", "border", "mandatory", [G("48", "border_relieved"), G("42(1)(f)", "accelerated+border_mandatory")]))
add("brd_15_capacity_keeps_misled", "Art. 48 relieves only 42(1)(j): a 42(1)(c) case stays mandatory.",
    border("AFG", facts__misled_authorities=True, capacity={"adequate_capacity_reached": True}),
    outcome("admissible", "border", "mandatory"), not_grounds=[G("48")])
add("brd_16_annual_maximum_relieves_misled", "Art. 50: at the annual maximum a 42(1)(c) case leaves the border procedure.",
    border("AFG", facts__misled_authorities=True, capacity={"annual_maximum_reached": True}),
    outcome("admissible", "accelerated", "excluded", [G("50", "border_relieved", "APR-C05b")]))
add("brd_17_annual_maximum_keeps_security", "Art. 50: security cases stay in the border procedure.",
    border("AFG", facts__danger_security_public_order=True, capacity={"annual_maximum_reached": True}),
    outcome("admissible", "border", "mandatory"))
add("brd_18_annual_maximum_leaves_optional_ground", "Art. 50 relieves 42(1)(j) for Morocco; the optional 42(1)(e) ground remains.",
    border("MAR", capacity={"annual_maximum_reached": True}),
    outcome("admissible", "border", "optional", [G("50", "border_relieved"), G("42(1)(e)", "accelerated+border_optional")]))
add("brd_19_both_capacity_flags", "Arts. 48 and 50 together: 42(1)(c) and (j) relieved; no ground left.",
    border("PAK", facts__misled_authorities=True, capacity={"adequate_capacity_reached": True, "annual_maximum_reached": True}),
    outcome("admissible", "accelerated", "excluded"))
add("brd_20_special_reception_needs_unsupported", "Art. 53(2)(b): special reception needs that cannot be supported at the border.",
    border(applicant__special_reception_needs=True, applicant__support_available_at_border=False),
    outcome("admissible", "accelerated", "excluded", [G("53(2)(b)", "border_excluded", "APR-B04")]))
add("brd_21_special_needs_supported", "Art. 53(2)(b): special needs that can be supported do not exclude the border procedure.",
    border(applicant__special_reception_needs=True),
    outcome("admissible", "border", "mandatory"), not_grounds=[G("53(2)(b)")])
add("brd_22_procedural_guarantees_unsupported", "Art. 53(2)(c): special procedural guarantees that cannot be supported.",
    border(applicant__special_procedural_guarantees=True, applicant__support_available_at_border=False),
    outcome("admissible", "accelerated", "excluded", [G("53(2)(c)", "border_excluded")]))
add("brd_23_medical_reasons", "Art. 53(2)(d): relevant medical reasons, including mental health.",
    border(applicant__medical_reasons=True), outcome("admissible", "accelerated", "excluded", [G("53(2)(d)", "border_excluded")]))
add("brd_24_detention_guarantees", "Art. 53(2)(e): detention guarantees not met.",
    border(facts__detention_guarantees_unmet=True), outcome("admissible", "accelerated", "excluded", [G("53(2)(e)", "border_excluded")]))
add("brd_25_security_but_medical", "Art. 53(2) applies at any stage, even to a security case.",
    border("AFG", facts__danger_security_public_order=True, applicant__medical_reasons=True),
    outcome("admissible", "accelerated", "excluded", [G("53(2)(d)")]))
add("brd_26_inadmissible_at_border", "Art. 44(1)(a): inadmissibility can be decided in the border procedure (optional).",
    border("AFG", facts__first_country_of_asylum="TUR"),
    outcome("inadmissible", "border", "optional", [G("38(1)(a)", "inadmissible")]))
add("brd_27_inadmissible_uam_at_border", "Art. 53(1): not for an unaccompanied minor without a security ground.",
    border("AFG", facts__first_country_of_asylum="TUR", facts__unaccompanied_minor_assurance=True, **UAM),
    outcome("inadmissible", "regular", "excluded", [G("53(1)", "border_excluded")]))
add("brd_28_in_territory_security", "A security case in the territory: accelerated, no border procedure (Art. 43(1) needs a border situation).",
    case(facts__danger_security_public_order=True), outcome("admissible", "accelerated", "not_applicable"))
# Registered Tue 15 Sep 2026 + 12 weeks = Tue 8 Dec (Immacolata, Italy) -> Wed 9 Dec. Lodging within 5
# days: Sun 20 Sep -> Mon 21 Sep.
add("brd_29_border_deadline_on_holiday", "Art. 51(2) with Art. 73: 12 weeks ending on 8 December, a public holiday in Italy.",
    border(decision_date="2026-09-18", application__made_on="2026-09-14", application__registered_on="2026-09-15", application__lodged_on="2026-09-17"),
    outcome("admissible", "border", "mandatory", deadlines=[
        {"name": "border_procedure", "date": "2026-12-09", "from": "2026-09-15", "period": "12 weeks"},
        {"name": "lodging", "date": "2026-09-21", "state": "met", "legal_basis": APR + "51(1)"}]))

# Art. 51(1): after a relocation transfer (AMMR Art. 67(11)) the five days for lodging run from the
# arrival in the Member State of relocation: registered Wed 1 Jul in the benefitting Member State,
# arrived Fri 10 Jul, lodged Tue 14 Jul; 10 Jul + 5 d = Wed 15 Jul (met). Border procedure: 1 Jul +
# 12 w = Wed 23 Sep. Art. 52(2): the Member State of relocation may apply it where its conditions
# were met in the Member State of transfer (ground APR-B06); with 42(1)(j) Art. 45(1) keeps it
# mandatory, flagged as a reading.
def relocated(nat="PAK", **kw):
    return border(nat, "relocation", application__made_on="2026-06-30", application__registered_on="2026-07-01", **kw)
add("brd_30_relocation_lodging_from_arrival", "APR Art. 51(1): after a relocation the five days for lodging run from the arrival in the Member State of relocation, not from the first registration; Art. 52(2) cited; mandatory under Art. 45(1), flagged as a reading.",
    relocated(application__arrived_after_relocation_on="2026-07-10"),
    outcome("admissible", "border", "mandatory",
            [G("52(2)", "border_after_relocation", "APR-B06"), G("42(1)(j)", "accelerated+border_mandatory")],
            [{"name": "lodging", "date": "2026-07-15", "from": "2026-07-10", "state": "met", "legal_basis": APR + "51(1)"},
             {"name": "border_procedure", "date": "2026-09-23", "from": "2026-07-01", "legal_basis": APR + "51(2)",
              "note": DETERMINATION_AT_THE_BORDER}],
            [F("relocated_border_procedure_mandatory_reading")]),
    not_flags=["relocation_arrival_not_recorded"])
add("brd_31_relocation_arrival_not_recorded", "APR Art. 51(1): without the arrival in the Member State of relocation no lodging time limit is computed (counting from the first registration would be wrong); flagged.",
    relocated(),
    outcome("admissible", "border", "mandatory", [G("52(2)", "border_after_relocation", "APR-B06")],
            [{"name": "border_procedure", "date": "2026-09-23", "from": "2026-07-01"}],
            [F("relocation_arrival_not_recorded"), F("relocated_border_procedure_mandatory_reading")]),
    not_deadlines=["lodging"])
add("brd_32_relocation_optional", "APR Art. 52(2): a relocated applicant with only an optional ground (42(1)(a)): the border procedure may be applied; no reading to flag.",
    relocated("AFG", facts__only_irrelevant_issues=True, application__arrived_after_relocation_on="2026-07-10"),
    outcome("admissible", "border", "optional",
            [G("52(2)", "border_after_relocation", "APR-B06"), G("42(1)(a)", "accelerated+border_optional")]),
    not_flags=["relocated_border_procedure_mandatory_reading", "relocation_arrival_not_recorded"])
add("brd_33_arrival_needs_relocation", "The arrival after a relocation concerns a relocated applicant only: refused naming the field.",
    border("PAK", application__arrived_after_relocation_on="2026-07-12"),
    {"error": {"field": "application.arrived_after_relocation_on", "code": "invalid_argument"}})
add("brd_34_arrival_before_registration", "A relocation follows the registration: an arrival before it is refused naming the field.",
    relocated(application__arrived_after_relocation_on="2026-06-30"),
    {"error": {"field": "application.arrived_after_relocation_on", "code": "invalid_argument"}})
add("brd_35_relocation_excluded_no_ground", "APR Art. 52(2) is cited only where the border procedure applies: excluded for medical reasons, no APR-B06.",
    relocated(applicant__medical_reasons=True, application__arrived_after_relocation_on="2026-07-10"),
    outcome("admissible", "accelerated", "excluded", [G("53(2)(d)", "border_excluded", "APR-B04")]),
    not_grounds=[G("52(2)")])

# Art. 44(2)-(3): priorities in the border procedure, flagged (a caseworker's choice).
add("brd_36_minor_examination_priority", "APR Art. 44(3): an accompanied minor in the (mandatory) border procedure: the examination is prioritised, flagged.",
    border(applicant__date_of_birth="2012-03-02"),
    outcome("admissible", "border", "mandatory", flags=[F("border_examination_priority")]),
    not_flags=["border_selection_priorities"])
add("brd_37_family_member_priority", "APR Art. 44(3): a family member of a child in the border procedure: prioritised too.",
    border(applicant__family_member_of_child_under_12=True),
    outcome("admissible", "border", "mandatory", flags=[F("border_examination_priority")]))
add("brd_38_capacity_selection_priorities", "APR Art. 44(2): at adequate capacity a security case stays mandatory (Art. 48 relieves 42(1)(j) only) and the selection priorities are flagged.",
    border("PAK", facts__danger_security_public_order=True, capacity={"adequate_capacity_reached": True}),
    outcome("admissible", "border", "mandatory", flags=[F("border_selection_priorities")]),
    not_flags=["border_examination_priority"])
add("brd_39_adult_no_priorities", "APR Art. 44(2)-(3): an adult below capacity: neither priority flagged.",
    border(), outcome("admissible", "border", "mandatory"),
    not_flags=["border_examination_priority", "border_selection_priorities"])
add("brd_41_minor_optional_not_applied", "APR Art. 44(3) concerns the border procedure applied: a minor whose optional border procedure the Member State does not apply is not flagged.",
    border("TUN", applicant__date_of_birth="2012-03-02"), outcome("admissible", "accelerated", "optional"),
    not_flags=["border_examination_priority"],
    policy_rows={"member_state_settings.csv": ["ITA,apply_optional_border_procedure,0,2026-06-12,,Test fixture (synthetic),in_force,test only"]})
add("brd_40_minor_not_in_border_procedure", "APR Art. 44(3) concerns the border procedure only: a minor in the territory is not flagged.",
    case(applicant__nationality="MAR", applicant__date_of_birth="2012-03-02"),
    outcome("admissible", "accelerated", "not_applicable"),
    not_flags=["border_examination_priority"])

# Art. 42(2): the determining authority may continue a complex case under Arts. 35(4) and 39.
add("acc_30_complex_continued_regular", "APR Art. 42(2): a safe country of origin case too complex for the accelerated examination continues under Art. 35(4): six months from the lodging (Thu 14 Jan 2027); the applicant is informed.",
    case(applicant__nationality="MAR", application__too_complex_for_acceleration=True),
    outcome("admissible", "regular", "not_applicable",
            [G("42(2)", "regular_procedure", "APR-X02b"), G("42(1)(e)", "accelerated")], [REGULAR],
            [F("applicant_informed_of_change")]),
    not_flags=["regular_continuation_not_applicable"])
add("acc_31_complex_appeal_short_range", "APR Arts. 42(2), 67(7)(a), 68(3)(a)(i): the Art. 42 circumstance still applies at the decision, so the short appeal range (notified Tue 1 Sep: 5 days = Sun 6 Sep -> Mon 7 Sep; 10 days = Fri 11 Sep), but the applicant is no longer subject to the accelerated examination, so no request to remain is needed.",
    case(applicant__nationality="MAR", application__too_complex_for_acceleration=True, application__decision_notified_on="2026-09-01"),
    outcome("admissible", "regular", "not_applicable", deadlines=[
        {"name": "appeal_minimum", "date": "2026-09-07", "legal_basis": APR + "67(7)(a)"},
        {"name": "appeal_maximum", "date": "2026-09-11", "legal_basis": APR + "67(7)(a)"}]),
    not_deadlines=["leave_to_remain_request"])
add("acc_32_complex_border_unchanged", "APR Art. 42(2) concerns the accelerated examination: a mandatory border procedure case stays in it, flagged.",
    border(application__too_complex_for_acceleration=True),
    outcome("admissible", "border", "mandatory", flags=[F("regular_continuation_not_applicable")]),
    not_grounds=[G("42(2)")])
add("acc_33_complex_regular_anyway", "APR Art. 42(2) has nothing to change in a regular procedure: flagged.",
    case(application__too_complex_for_acceleration=True),
    outcome("admissible", "regular", "not_applicable", flags=[F("regular_continuation_not_applicable")]),
    not_flags=["applicant_informed_of_change"])

# Art. 41: implicit withdrawal, beside the routing; the appeal's limits are a withdrawal's (Arts.
# 67(7)(a), 68(3)(c)). Notified Tue 1 Sep: 5 days = Sun 6 Sep -> Mon 7 Sep; 10 days = Fri 11 Sep.
add("wd_01_missed_interview", "APR Art. 41(1)(d): the applicant missed the personal interview without good reason: declared implicitly withdrawn (Art. 41(2)); the appeal's short range (Art. 67(7)(a)) and no right to remain, so a request to remain within five days (Arts. 68(3)(c), 68(5)(a)).",
    case(facts__implicit_withdrawal_ground="missed_interview", application__decision_notified_on="2026-09-01"),
    outcome("admissible", "regular", "not_applicable", [G("41(1)(d)", "implicitly_withdrawn", "APR-W01")], [
        {"name": "appeal_minimum", "date": "2026-09-07", "legal_basis": APR + "67(7)(a)"},
        {"name": "appeal_maximum", "date": "2026-09-11", "legal_basis": APR + "67(7)(a)"},
        {"name": "leave_to_remain_request", "date": "2026-09-07", "legal_basis": APR + "68(5)(a)"}],
            [F("implicit_withdrawal_or_rejection")]))
add("wd_02_not_lodged_premature", "APR Art. 41(1)(a) needs the lodging's opportunity to have passed: on Wed 15 Jul the 21 days (to Mon 3 Aug) still run, flagged.",
    case(application__lodged_on=None, facts__implicit_withdrawal_ground="not_lodged"),
    outcome("admissible", "regular", "not_applicable", [G("41(1)(a)", "implicitly_withdrawn", "APR-W01")],
            flags=[F("implicit_withdrawal_premature")]))
add("wd_03_not_lodged_after_the_limit", "APR Art. 41(1)(a): not lodged by Mon 3 Aug; on Mon 10 Aug the application is declared implicitly withdrawn, not prematurely.",
    case(decision_date="2026-08-10", application__lodged_on=None, facts__implicit_withdrawal_ground="not_lodged"),
    outcome("admissible", "regular", "not_applicable", [G("41(1)(a)", "implicitly_withdrawn", "APR-W01")],
            [{"name": "lodging", "date": "2026-08-03", "state": "expired"}]),
    not_flags=["implicit_withdrawal_premature"])
add("wd_04_not_lodged_but_lodged", "APR Art. 41(1)(a) concerns an application not lodged: with lodged_on it is refused naming the field.",
    case(facts__implicit_withdrawal_ground="not_lodged"),
    {"error": {"field": "facts.implicit_withdrawal_ground", "code": "invalid_argument"}})
add("wd_05_no_withdrawal_long_range", "Without a withdrawal or an Art. 42 circumstance the same notification gives the long range (Art. 67(7)(b): Tue 15 Sep to Thu 1 Oct) and no request to remain.",
    case(application__decision_notified_on="2026-09-01"),
    outcome("admissible", "regular", "not_applicable", deadlines=[
        {"name": "appeal_minimum", "date": "2026-09-15", "legal_basis": APR + "67(7)(b)"},
        {"name": "appeal_maximum", "date": "2026-10-01", "legal_basis": APR + "67(7)(b)"}]),
    not_deadlines=["leave_to_remain_request"], not_grounds=[G("41(1)(d)")])
add("wd_06_explicit_withdrawal", "APR Art. 40: withdrawn in writing on Mon 20 Jul and declared so, notified Tue 1 Sep: final and not appealable (40(3)), so no appeal time limit; 40(4) and 40(2) flagged.",
    case(decision_date="2026-09-02", facts__explicit_withdrawal_on="2026-07-20", application__decision_notified_on="2026-09-01"),
    outcome("admissible", "regular", "not_applicable", [G("40(3)", "explicitly_withdrawn", "APR-W02")],
            flags=[F("no_appeal_explicit_withdrawal"), F("explicit_withdrawal_or_rejection"), F("withdrawal_consequences_to_explain")]),
    not_deadlines=["appeal_minimum", "appeal_maximum", "leave_to_remain_request"], not_flags=["appeal_from_notification"])
add("wd_07_explicit_withdrawal_not_yet_declared", "APR Art. 40: withdrawn on Mon 20 Jul, nothing notified yet: the ground and flags, no appeal flag (none will be due).",
    case(decision_date="2026-07-21", facts__explicit_withdrawal_on="2026-07-20"),
    outcome("admissible", "regular", "not_applicable", [G("40(3)", "explicitly_withdrawn", "APR-W02")],
            flags=[F("withdrawal_consequences_to_explain")]),
    not_flags=["appeal_from_notification", "no_appeal_explicit_withdrawal"])
add("wd_10_withdrawal_member", "The answer's withdrawal member: explicit (Art. 40) for a written withdrawal, implicit (Art. 41) for a missed interview, none otherwise (wd_05).",
    case(facts__explicit_withdrawal_on="2026-07-14"), {"withdrawal": "explicit"})
add("wd_11_withdrawal_member_implicit", "The answer's withdrawal member for an application declared implicitly withdrawn (Art. 41(1)(d)): implicit.",
    case(facts__implicit_withdrawal_ground="missed_interview"), {"withdrawal": "implicit", "right_to_remain": "yes"})
add("wd_12_withdrawal_member_none", "No withdrawal: none.", case(), {"withdrawal": "none"})
add("wd_08_explicit_and_implicit", "An application withdrawn explicitly (Art. 40) is not also declared implicitly withdrawn (Art. 41): refused naming the field.",
    case(facts__explicit_withdrawal_on="2026-07-14", facts__implicit_withdrawal_ground="missed_interview"),
    {"error": {"field": "facts.explicit_withdrawal_on", "code": "invalid_argument"}})
add("wd_09_withdrawn_before_made", "A withdrawal before the application was made (Fri 10 Jul) is refused naming the field.",
    case(facts__explicit_withdrawal_on="2026-07-09"),
    {"error": {"field": "facts.explicit_withdrawal_on", "code": "invalid_argument"}})

# ---------------- Art. 68(3): the right to remain pending the appeal ----------------
# Notified Mon 20 Jul: the short range (Art. 67(7)(a)) from Mon 27 Jul to Thu 30 Jul; a request to
# remain within at least 5 days (Art. 68(5)(a)): Sat 25 Jul -> Mon 27 Jul.
NOTIFIED = dict(application__decision_notified_on="2026-07-20")
LEAVE = {"name": "leave_to_remain_request", "date": "2026-07-27", "legal_basis": APR + "68(5)(a)"}
SHORT = {"name": "appeal_minimum", "date": "2026-07-27", "legal_basis": APR + "67(7)(a)"}
add("rtr_01_inadmissible_protection_elsewhere_remains", "Art. 68(3)(b) does not name 38(1)(c): a rejection because another Member State granted protection leaves the right to remain pending the appeal (Art. 68(2)); no request to remain.",
    case(application__protection_granted_by="FRA", **NOTIFIED),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(c)", "inadmissible", "APR-I03")], [SHORT],
            [F("automatic_right_to_remain")]),
    not_deadlines=["leave_to_remain_request"])
add("rtr_02_inadmissible_first_country_of_asylum_asks", "Art. 68(3)(b) names 38(1)(a): no right to remain; a request to remain within 5 days (Art. 68(5)(a)).",
    case(facts__first_country_of_asylum="TUR", **NOTIFIED),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(a)", "inadmissible", "APR-I01")], [SHORT, LEAVE]),
    not_flags=["automatic_right_to_remain"])
add("rtr_03_inadmissible_safe_third_country_as_amended", "Art. 68(3)(b) as amended by Regulation (EU) 2026/463 adds 38(1)(b): a request to remain, the amendment flagged (read in secondary sources).",
    case(facts__safe_third_country={"country": "ALB", "link": "connection", "case_by_case": True}, **NOTIFIED),
    outcome("inadmissible", "regular", "not_applicable", [G("38(1)(b)", "inadmissible", "APR-I02")], [SHORT, LEAVE],
            [F("amended_article_68_3_b")]),
    not_flags=["automatic_right_to_remain"])
add("rtr_04_inadmissible_uam_in_border_procedure_remains", "Art. 68(3)(b) excepts an unaccompanied minor in the border procedure (here for security, Art. 42(3)(b)): the right to remain stays.",
    border("AFG", facts__danger_security_public_order=True, facts__first_country_of_asylum="TUR",
           facts__unaccompanied_minor_assurance=True, **UAM, **NOTIFIED),
    outcome("inadmissible", "border", "mandatory", [G("38(1)(a)", "inadmissible")], [SHORT], [F("automatic_right_to_remain")]),
    not_deadlines=["leave_to_remain_request"])
add("rtr_05_uam_rejected_in_border_procedure_reading", "Art. 68(3)(a)(ii) excepts an unaccompanied minor in the border procedure, (a)(i) withholds the right from one under an accelerated examination of 42(3): flagged, the time limit to ask given.",
    border("AFG", facts__danger_security_public_order=True, **UAM, **NOTIFIED),
    outcome("admissible", "border", "mandatory", [G("42(3)(b)", "accelerated+border_mandatory")], [SHORT, LEAVE],
            [F("unaccompanied_minor_right_to_remain_reading")]))

add("rtr_06_subsequent_continued_regular_asks", "Art. 68(3)(d): a subsequent application rejected as unfounded leaves no right to remain whatever the procedure, also when its examination continued in the regular procedure (Art. 42(2)); notified Tue 1 Sep: the short range and a request to remain by Mon 7 Sep.",
    case(application__subsequent=True, application__new_elements=True, application__too_complex_for_acceleration=True,
         application__decision_notified_on="2026-09-01"),
    outcome("admissible", "regular", "not_applicable", deadlines=[
        {"name": "appeal_minimum", "date": "2026-09-07", "legal_basis": APR + "67(7)(a)"},
        {"name": "leave_to_remain_request", "date": "2026-09-07", "legal_basis": APR + "68(5)(a)"}]))

# ---------------- Art. 10: the right to remain during the administrative procedure ----------------
def remain(value, grounds=(), flags=()):
    e = {"right_to_remain": value}
    if grounds: e["grounds"] = list(grounds)
    if flags: e["flags"] = list(flags)
    return e
R10_4 = "right_to_remain_exception_possible"
add("rem_01_right_to_remain", "Art. 10(1): the applicant remains until the determining authority decides in the administrative procedure; no exception.",
    case(), remain("yes"), not_grounds=[{"rule": "APR-10(3)"}, {"rule": "APR-10(4)"}])
add("rem_02_european_arrest_warrant", "Art. 10(3): an applicant surrendered to another Member State under a European arrest warrant has no right to remain during the administrative procedure.",
    case(facts__european_arrest_warrant=True),
    remain("no", [G("10(3)", "no_right_to_remain", "APR-10(3)")]))
add("rem_03_second_subsequent_application", "Arts. 10(4)(a), 56(b): a second subsequent application after a final rejection of the previous one: national law may except the applicant, new elements or not.",
    case(application__subsequent=True, application__new_elements=True, application__previous_subsequent_rejected=True),
    remain("exception_possible", [G("10(4)(a) and Art. 56(b)", R10_4, "APR-10(4)")]))
add("rem_04_first_subsequent_to_delay_removal", "Arts. 10(4)(a), 56(a): a first subsequent application made merely to delay removal and inadmissible for want of new elements (Art. 55(7)): exception possible; that the removal is imminent is flagged for confirmation.",
    case(application__subsequent=True, facts__delay_removal_only=True),
    remain("exception_possible", [G("10(4)(a) and Art. 56(a)", R10_4, "APR-10(4)"), G("38(2)", "inadmissible")],
           [F("imminent_removal_to_confirm")]))
add("rem_05_first_subsequent_with_new_elements", "Art. 56(a) needs the subsequent application not further examined (Art. 55(7)): with new elements it is examined, and the right to remain stays (the delay is an acceleration ground, 42(1)(d)).",
    case(application__subsequent=True, application__new_elements=True, facts__delay_removal_only=True),
    remain("yes"), not_grounds=[{"rule": "APR-10(4)"}], not_flags=["imminent_removal_to_confirm"])
add("rem_06_extradition", "Art. 10(4)(b): an applicant to be extradited for criminal prosecution: national law may except the applicant (to a third country only without refoulement, Art. 10(5)).",
    case(facts__extradition_or_surrender=True),
    remain("exception_possible", [G("10(4)(b)", R10_4, "APR-10(4)")]))
add("rem_07_danger_to_public_order", "Art. 10(4)(c): a danger to public order or national security: national law may except the applicant, short of refoulement; the same fact accelerates (42(1)(f)).",
    case(facts__danger_security_public_order=True),
    remain("exception_possible", [G("10(4)(c)", R10_4, "APR-10(4)"), G("42(1)(f)")]))
add("rem_08_decision_notified", "Art. 10(1) lasts until the determining authority decides: with the decision notified (Mon 20 Jul) the right is 'ended', Art. 68 governs; no Art. 10 ground.",
    case(decision_date="2026-07-21", facts__european_arrest_warrant=True, application__decision_notified_on="2026-07-20"),
    remain("ended"), not_grounds=[{"rule": "APR-10(3)"}])
add("rem_10_second_subsequent_at_the_appeal", "Art. 56(b) derogates from Art. 68(5)(d) too: a second subsequent application rejected on the merits, notified Mon 20 Jul: no right to remain (68(3)(d)), the request to remain by Mon 27 Jul, and national law may allow removal before it is decided.",
    case(decision_date="2026-07-21", application__subsequent=True, application__new_elements=True,
         application__previous_subsequent_rejected=True, **NOTIFIED),
    dict(remain("ended", [G("56(b)", "removal_pending_leave_request_possible", "APR-56")]), deadlines=[LEAVE]),
    not_grounds=[{"rule": "APR-10(4)"}])
add("rem_11_first_subsequent_to_delay_at_the_appeal", "Art. 56(a) at the appeal: the inadmissible first subsequent application made to delay removal (38(2), named by 68(3)(b)), notified Mon 20 Jul: the request to remain by Mon 27 Jul and the derogation from 68(5)(d) possible.",
    case(decision_date="2026-07-21", application__subsequent=True, facts__delay_removal_only=True, **NOTIFIED),
    dict(remain("ended", [G("56(a)", "removal_pending_leave_request_possible", "APR-56"), G("38(2)", "inadmissible")]),
         deadlines=[LEAVE]))
add("rem_12_subsequent_without_article_56_at_the_appeal", "A first subsequent application with new elements, rejected and notified: 68(3)(d) withholds the right to remain, but Art. 56 does not apply.",
    case(decision_date="2026-07-21", application__subsequent=True, application__new_elements=True, **NOTIFIED),
    dict(remain("ended"), deadlines=[LEAVE]), not_grounds=[{"rule": "APR-56"}])
add("rem_13_removal_imminent_confirmed", "Art. 56(a) with the removal said to be imminent (facts.removal_imminent): exception possible, nothing left to confirm.",
    case(application__subsequent=True, facts__delay_removal_only=True, facts__removal_imminent=True),
    remain("exception_possible", [{"rule": "APR-10(4)", "legal_basis": APR + "10(4)(a) and Art. 56(a)", "effect": R10_4,
                                   "evidence": ["application.subsequent", "application.new_elements", "facts.delay_removal_only", "facts.removal_imminent"]}]),
    not_flags=["imminent_removal_to_confirm"])
add("rem_14_removal_not_imminent", "Art. 56(a) needs an imminent removal: said not imminent, no exception under it (still inadmissible under 38(2)); the right to remain stays.",
    case(application__subsequent=True, facts__delay_removal_only=True, facts__removal_imminent=False),
    dict(remain("yes", [G("38(2)", "inadmissible")])), not_grounds=[{"rule": "APR-10(4)"}], not_flags=["imminent_removal_to_confirm"])
add("rem_15_removal_not_imminent_at_the_appeal", "At the appeal too, Art. 56(a) needs an imminent removal: notified Mon 20 Jul, the request to remain by Mon 27 Jul, no derogation from 68(5)(d).",
    case(decision_date="2026-07-21", application__subsequent=True, facts__delay_removal_only=True, facts__removal_imminent=False, **NOTIFIED),
    dict(remain("ended"), deadlines=[LEAVE]), not_grounds=[{"rule": "APR-56"}])
add("rem_16_removal_imminent_without_delay", "removal_imminent concerns Art. 56(a): refused without delay_removal_only.",
    case(application__subsequent=True, facts__removal_imminent=True), {"error": {"field": "facts.removal_imminent", "code": "invalid_argument"}})
add("rem_09_previous_subsequent_without_subsequent", "Art. 56(b) concerns a subsequent application: previous_subsequent_rejected without subsequent is refused naming the field.",
    case(application__previous_subsequent_rejected=True), {"error": {"field": "application.previous_subsequent_rejected", "code": "invalid_argument"}})

# ---------------- Time limits at their boundaries ----------------
add("ddl_01_registration_missed", "Art. 27(1): made Wed 1 Jul + 5 days = Mon 6 Jul; registered 10 Jul is late.",
    case(application__made_on="2026-07-01"),
    outcome("admissible", "regular", "not_applicable", deadlines=[{"name": "registration", "date": "2026-07-06", "state": "missed"}]))
add("ddl_02_registration_on_ferragosto", "Art. 27(1), 73: made Mon 10 Aug + 5 days = Sat 15 Aug (Ferragosto) -> Mon 17 Aug.",
    case(decision_date="2026-08-21", application__made_on="2026-08-10", application__registered_on="2026-08-12", application__lodged_on="2026-08-20"),
    outcome("admissible", "regular", "not_applicable", deadlines=[{"name": "registration", "date": "2026-08-17", "state": "met"}]))
add("ddl_03_registration_over_german_christmas", "Made Mon 21 Dec in Germany + 5 days = Sat 26 Dec (2nd Christmas Day) -> Mon 28 Dec.",
    case(member_state="DEU", decision_date="2026-12-23", application__made_on="2026-12-21", application__registered_on="2026-12-22", application__lodged_on="2026-12-23"),
    outcome("admissible", "regular", "not_applicable", deadlines=[{"name": "registration", "date": "2026-12-28", "state": "met"}],
            flags=[{"code": "national_holidays_only", "message": "time limits count the national public holidays of DEU; regional holidays are not considered"}]))
add("ddl_04_lodging_ends_on_sunday", "Art. 28(1): registered Sun 6 Sep + 21 days = Sun 27 Sep -> Mon 28 Sep.",
    case(decision_date="2026-09-11", application__made_on="2026-09-04", application__registered_on="2026-09-06", application__lodged_on="2026-09-10"),
    outcome("admissible", "regular", "not_applicable", deadlines=[{"name": "lodging", "date": "2026-09-28", "state": "met", "from": "2026-09-06"}]))
add("ddl_05_disproportionate_numbers", "Arts. 27(5), 28(5): 15 days to register (Sat 25 Jul -> Mon 27 Jul), a lodging appointment within 2 months (Fri 11 Sep).",
    case(application__disproportionate_number=True),
    outcome("admissible", "regular", "not_applicable", deadlines=[
        {"name": "registration", "date": "2026-07-27", "legal_basis": APR + "27(5)"},
        {"name": "lodging", "date": "2026-09-11", "legal_basis": APR + "28(5)"}]))
add("ddl_06_not_registered", "Not yet registered on 20 Jul: the registration limit (15 Jul) has expired; later limits are not computed.",
    case(decision_date="2026-07-20", application__registered_on=None, application__lodged_on=None),
    outcome("admissible", "regular", "not_applicable", deadlines=[{"name": "registration", "date": "2026-07-15", "state": "expired"}],
            flags=[F("not_registered")]), not_deadlines=["lodging", "admissibility", "examination"])
add("ddl_07_not_lodged", "Registered but not lodged: the lodging limit runs (Mon 3 Aug); examination limits wait for lodging.",
    case(application__lodged_on=None),
    outcome("admissible", "regular", "not_applicable", deadlines=[{"name": "lodging", "date": "2026-08-03", "state": "running"}],
            flags=[F("not_lodged")]), not_deadlines=["admissibility", "examination"])
add("ddl_08_appeal_regular", "Art. 67(7)(b): notified Mon 20 Jul: at least 2 weeks (Mon 3 Aug), at most 1 month (Thu 20 Aug).",
    case(application__decision_notified_on="2026-07-20"),
    outcome("admissible", "regular", "not_applicable", deadlines=[
        {"name": "appeal_minimum", "date": "2026-08-03", "legal_basis": APR + "67(7)(b)"},
        {"name": "appeal_maximum", "date": "2026-08-20", "legal_basis": APR + "67(7)(b)"}]), not_deadlines=["leave_to_remain_request"])
add("ddl_09_appeal_accelerated", "Art. 67(7)(a), 68(5)(a): notified Mon 20 Jul: 5 days = Sat 25 Jul -> Mon 27 Jul; 10 days = Thu 30 Jul.",
    case(applicant__nationality="MAR", application__decision_notified_on="2026-07-20"),
    outcome("admissible", "accelerated", "not_applicable", deadlines=[
        {"name": "appeal_minimum", "date": "2026-07-27", "legal_basis": APR + "67(7)(a)"},
        {"name": "appeal_maximum", "date": "2026-07-30"},
        {"name": "leave_to_remain_request", "date": "2026-07-27", "legal_basis": APR + "68(5)(a)"}]))
add("ddl_10_appeal_inadmissible", "Art. 67(7)(a): an inadmissibility decision has the short appeal range.",
    case(application__protection_granted_by="FRA", application__decision_notified_on="2026-07-20"),
    outcome("inadmissible", "regular", "not_applicable", deadlines=[{"name": "appeal_maximum", "date": "2026-07-30"}]))
add("ddl_11_accelerated_on_immacolata", "Art. 35(3): lodged Tue 8 Sep + 3 months = Tue 8 Dec (Immacolata) -> Wed 9 Dec.",
    case(applicant__nationality="MAR", decision_date="2026-09-09", application__made_on="2026-09-03", application__registered_on="2026-09-04", application__lodged_on="2026-09-08"),
    outcome("admissible", "accelerated", "not_applicable", deadlines=[{"name": "examination", "date": "2026-12-09", "from": "2026-09-08"}]))
add("ddl_12_regular_month_end_clamp", "Art. 35(4), 73(b): lodged Mon 31 Aug + 6 months = 28 Feb 2027 (no 31st; a Sunday) -> Mon 1 Mar 2027.",
    case(member_state="DEU", decision_date="2026-09-01", application__made_on="2026-08-27", application__registered_on="2026-08-28", application__lodged_on="2026-08-31"),
    outcome("admissible", "regular", "not_applicable", deadlines=[{"name": "examination", "date": "2027-03-01"}]))
add("ddl_13_admissibility_month_end", "Art. 35(1): lodged Mon 31 Aug + 2 months = Sat 31 Oct -> Mon 2 Nov (All Saints, 1 Nov, is a Sunday).",
    case(decision_date="2026-09-01", application__made_on="2026-08-27", application__registered_on="2026-08-28", application__lodged_on="2026-08-31"),
    outcome("admissible", "regular", "not_applicable", deadlines=[{"name": "admissibility", "date": "2026-11-02"}]))
add("ddl_14_decide_at_later_date", "--at moves the decision date: deadlines become expired or met as of that date.",
    case(application__lodged_on=None), outcome("admissible", "regular", "not_applicable",
                                               deadlines=[{"name": "lodging", "date": "2026-08-03", "state": "expired"}]),
    at="2026-08-10")

# ---------------- Refused input (case-documents.md: errors name the field) ----------------
bad = copy.deepcopy(BASE); bad["applicant"]["eye_colour"] = "brown"
add("err_01_unknown_field", "An unknown field is refused.", bad, err("applicant.eye_colour"))
add("err_02_bad_date_format", "A date not in YYYY-MM-DD.", case(application__made_on="2026-7-1"), err("application.made_on"))
add("err_03_impossible_date", "An impossible date.", case(applicant__date_of_birth="1995-02-30"), err("applicant.date_of_birth"))
add("err_04_unknown_country", "An unknown country code.", case(applicant__nationality="XYZ"), err("applicant.nationality"))
add("err_05_member_state_not_eu", "The member state must be an EU Member State.", case(member_state="NOR"), err("member_state"))
add("scope_01_ireland_uncertain", "Ireland's participation in the APR is uncertain in the policy data: decided, and flagged.",
    case(member_state="IRL"), outcome("admissible", "regular", "not_applicable", flags=[F("member_state_participation_uncertain")]))
add("err_06_denmark_not_bound", "Denmark is not bound by the APR (Protocol No 22).", case(member_state="DNK"), err("member_state"))
add("err_07_lodged_before_apr", "An application lodged before 12 June 2026 is under Directive 2013/32/EU.",
    case(decision_date="2026-06-20", application__made_on="2026-06-01", application__registered_on="2026-06-03", application__lodged_on="2026-06-10"),
    err("application.lodged_on"))
add("err_08_registered_before_made", "Registration cannot precede the application.", case(application__registered_on="2026-07-09"), err("application.registered_on"))
add("err_09_wrong_type", "A boolean given as a string.", case(facts__misled_authorities="yes"), err("facts.misled_authorities"))
add("err_10_union_citizen", "A Union citizen's application is not an APR case.", case(applicant__nationality="FRA"), err("applicant.nationality"))
add("err_11_bad_context", "An unknown application context.", case(application__context="airport"), err("application.context"))
add("err_12_bad_stc_link", "An unknown safe-third-country link.", case(facts__safe_third_country={"country": "ALB", "link": "friendship"}), err("facts.safe_third_country.link"))
add("err_13_malformed_json", "Malformed JSON.", '{"decision_date": "2026-07-15", ', err("body"))
add("err_14_fca_member_state", "A first country of asylum cannot be a Member State.", case(facts__first_country_of_asylum="GRC"), err("facts.first_country_of_asylum"))
add("err_15_protection_same_member_state", "Protection granted by the deciding Member State itself is not Art. 38(1)(c).",
    case(application__protection_granted_by="ITA"), err("application.protection_granted_by"))
add("err_16_lodged_after_decision", "A lodging date after the decision date is refused.", case(application__lodged_on="2026-07-20"), err("application.lodged_on"))
add("err_17_missing_application", "The application object is required.", {k: v for k, v in BASE.items() if k != "application"}, err("application"))

# ---------------- Art. 35: extensions and postponement ----------------
# Lodged Tue 14 Jul 2026: admissibility 2 + 2 months = Sat 14 Nov -> Mon 16 Nov; examination
# 6 + 6 months = Wed 14 Jul 2027; postponed, 21 months = Fri 14 Apr 2028.
add("ext_01_admissibility_extended_complex", "Art. 35(2)(b): the admissibility examination extended by two months for complex issues: one time limit of four months, ending on a Saturday and moved to Monday.",
    case(application__admissibility_extended="complex_case"),
    outcome("admissible", "regular", "not_applicable",
            [{"rule": "APR-T01", "effect": "time_limit_extended", "legal_basis": APR + "35(2)(b)"}],
            [{"name": "admissibility", "date": "2026-11-16", "period": "4 months", "legal_basis": APR + "35(1); Regulation (EU) 2024/1348, Art. 35(2)(b)"}]))
add("ext_02_examination_extended_disproportionate", "Art. 35(5)(a): the examination extended by six months for a disproportionate number of applications: twelve months from lodging.",
    case(application__examination_extended="disproportionate_number"),
    outcome("admissible", "regular", "not_applicable",
            [{"rule": "APR-T02", "effect": "time_limit_extended", "legal_basis": APR + "35(5)(a)"}],
            [{"name": "examination", "date": "2027-07-14", "period": "12 months", "from": "2026-07-14"}]))
add("ext_03_examination_postponed", "Art. 35(7): the conclusion postponed for an uncertain situation in the country of origin: at the latest 21 months from lodging.",
    case(application__examination_postponed=True),
    outcome("admissible", "regular", "not_applicable",
            [{"rule": "APR-T03", "effect": "examination_postponed"}],
            [{"name": "examination", "date": "2028-04-14", "period": "21 months", "legal_basis": APR + "35(7)"}]))
add("ext_04_accelerated_not_extended", "Art. 35(5) does not extend the accelerated examination (Art. 35(3)): three months, flagged.",
    case(applicant__nationality="MAR", application__examination_extended="complex_case"),
    outcome("admissible", "accelerated", "not_applicable", deadlines=[ACC], flags=[F("extension_not_applicable")]),
    not_grounds=[{"rule": "APR-T02"}])
add("ext_05_applicant_failed_obligations", "Art. 35(2)(c): the delay due solely to the applicant's failure to comply with Art. 9 extends the admissibility examination.",
    case(application__admissibility_extended="applicant_failed_obligations"),
    outcome("admissible", "regular", "not_applicable",
            [{"rule": "APR-T01", "legal_basis": APR + "35(2)(c)"}],
            [{"name": "admissibility", "date": "2026-11-16"}]))
add("ext_06_extension_needs_lodging", "Art. 35's time limits run from lodging: an extension without lodged_on is refused naming it.",
    case(application__lodged_on=None, application__examination_extended="complex_case"),
    {"error": {"field": "application.lodged_on", "code": "invalid_argument"}})

# Transferred under AMMR Art. 46 and presented to the Italian authorities on Mon 5 Oct 2026: lodging
# within 21 days, Mon 26 Oct (Art. 28(2)); lodged Thu 8 Oct, the six months of Art. 35(4) run from
# it (Art. 35(6)): Thu 8 Apr 2027.
add("ext_07_lodging_after_transfer", "Art. 28(2): after a transfer, the application is lodged in the Member State responsible within 21 days of presenting to its authorities; the examination runs from that lodging (Art. 35(6)).",
    case(decision_date="2026-10-09", application__reported_after_transfer_on="2026-10-05", application__lodged_on="2026-10-08"),
    outcome("admissible", "regular", "not_applicable", deadlines=[
        {"name": "lodging", "date": "2026-10-26", "from": "2026-10-05", "state": "met", "legal_basis": APR + "28(2)"},
        {"name": "examination", "date": "2027-04-08", "from": "2026-10-08"}]))
add("ext_08_transfer_before_registration", "A transfer follows the registration: refused naming the field.",
    case(application__reported_after_transfer_on="2026-07-01"),
    {"error": {"field": "application.reported_after_transfer_on", "code": "invalid_argument"}})

# Art. 20(3): 30 days from the making (the Article names no start): Fri 10 Jul + 30 d = Sun 9 Aug
# -> Mon 10 Aug (Art. 73).
GUARANTEES = {"name": "special_procedural_guarantees_assessment", "date": "2026-08-10", "from": "2026-07-10",
              "period": "30 days", "legal_basis": APR + "20(3)"}
add("gar_01_special_guarantees_assessment", "Art. 20(3): the assessment of the need for special procedural guarantees within 30 days, counted from the making of the application.",
    case(), outcome("admissible", "regular", "not_applicable", deadlines=[dict(GUARANTEES, state="running")]))
add("gar_02_special_guarantees_assessed_late", "Art. 20(3): concluded on Wed 12 Aug, after the 30 days.",
    case(decision_date="2026-08-20", application__guarantees_assessed_on="2026-08-12"),
    outcome("admissible", "regular", "not_applicable", deadlines=[dict(GUARANTEES, state="missed")]))
add("gar_03_special_guarantees_before_registration", "Art. 20(3) runs from the making: shown even before the application is registered.",
    case(application__registered_on=None, application__lodged_on=None),
    outcome("admissible", "regular", "not_applicable", deadlines=[dict(GUARANTEES, state="running")],
            flags=[F("not_registered")]))
add("gar_04_support_not_available_in_accelerated_examination", "Art. 21(2): an applicant from Morocco (42(1)(e), (j)) needs special procedural guarantees whose support the accelerated examination cannot provide: not applied, the regular six months; notified Tue 1 Sep, the Art. 42 circumstance keeps the short range of 67(7)(a).",
    case(applicant__nationality="MAR", applicant__special_procedural_guarantees=True,
         applicant__support_available_in_accelerated_examination=False, application__decision_notified_on="2026-09-01"),
    outcome("admissible", "regular", "not_applicable", [G("21(2)", "regular_procedure", "APR-21(2)")],
            [REGULAR, {"name": "appeal_minimum", "date": "2026-09-07", "legal_basis": APR + "67(7)(a)"}]),
    not_deadlines=["leave_to_remain_request"])
add("gar_05_support_available_in_accelerated_examination", "Art. 21(2) does not apply where the support can be provided: the applicant from Morocco who needs special procedural guarantees stays in the accelerated examination.",
    case(applicant__nationality="MAR", applicant__special_procedural_guarantees=True),
    outcome("admissible", "accelerated", "not_applicable", deadlines=[ACC]),
    not_grounds=[{"rule": "APR-21(2)"}])
add("gar_06_support_without_special_guarantees", "Art. 21(2) concerns an applicant needing special procedural guarantees: without them the support field changes nothing.",
    case(applicant__nationality="MAR", applicant__support_available_in_accelerated_examination=False),
    outcome("admissible", "accelerated", "not_applicable", deadlines=[ACC]),
    not_grounds=[{"rule": "APR-21(2)"}])

# ---------------- Art. 23(2)(b), (3): an unaccompanied minor's representative ----------------
# Made Fri 10 Jul: 15 working days (13-17, 20-24, 27-31 Jul) -> Fri 31 Jul; ten working days more
# (3-7, 10-14 Aug) -> Fri 14 Aug (Art. 73; no Italian holiday on the way).
REP = {"name": "representative", "date": "2026-07-31", "from": "2026-07-10", "period": "15 working days",
       "legal_basis": APR + "23(2), first subparagraph, point (b)"}
UAM = {"nationality": "AFG", "date_of_birth": "2010-01-01", "unaccompanied_minor": True}
add("rep_01_representative_due", "Art. 23(2)(b): an unaccompanied minor's representative as soon as possible and no later than 15 working days from the making of the application (Fri 10 Jul): Fri 31 Jul.",
    case(applicant=UAM), outcome("admissible", "regular", "not_applicable", deadlines=[dict(REP, state="running")]))
add("rep_02_representative_late", "Art. 23(2)(b): appointed on Wed 5 Aug, after the 15 working days (Fri 31 Jul).",
    case(decision_date="2026-08-20", applicant=UAM, application__representative_appointed_on="2026-08-05"),
    outcome("admissible", "regular", "not_applicable", deadlines=[dict(REP, state="missed")]))
add("rep_03_representative_exceptional_situation", "Art. 23(3): a disproportionate number of applications by unaccompanied minors: ten working days more, to Fri 14 Aug; appointed on Wed 5 Aug, in time.",
    case(decision_date="2026-08-20", applicant=UAM, application__representative_appointed_on="2026-08-05",
         application__representative_exceptional_situation=True),
    outcome("admissible", "regular", "not_applicable",
            deadlines=[dict(REP, date="2026-08-14", period="25 working days", state="met",
                            legal_basis=APR + "23(2), first subparagraph, point (b), and 23(3)")]))
add("rep_04_representative_for_an_adult", "Art. 23(2) concerns an unaccompanied minor: a representative given for an adult computes no time limit, and the answer says so.",
    case(application__representative_appointed_on="2026-07-12"),
    outcome("admissible", "regular", "not_applicable", flags=[F("representative_not_required")]))

# ---------------- Art. 27(3): made to an authority that does not register applications ----------------
# Made Fri 10 Jul: 3 working days (Mon 13, Tue 14, Wed 15) -> Wed 15 Jul. Informed Tue 14 Jul:
# registration 5 days -> Sun 19 Jul -> Mon 20 Jul (Art. 73). Registered Thu 16 Jul: lodging
# 21 days -> Thu 6 Aug.
def referred(**kw):
    fields = dict(decision_date="2026-07-22", application__made_to_non_registering_authority=True,
                  application__registering_authority_informed_on="2026-07-14",
                  application__registered_on="2026-07-16", application__lodged_on="2026-07-20")
    fields.update(kw)
    return case(**fields)
INFORMED = {"name": "registering_authority_informed", "date": "2026-07-15", "period": "3 working days",
            "legal_basis": APR + "27(3)"}
add("reg_01_referred_in_time", "Art. 27(3): the authority that received the application informed the registering one within three working days (Wed 15 Jul), which registered within five days of it (Mon 20 Jul, Sun 19 moved).",
    referred(), outcome("admissible", "regular", "not_applicable",
                        deadlines=[dict(INFORMED, state="met"),
                                   {"name": "registration", "date": "2026-07-20", "from": "2026-07-14", "state": "met",
                                    "legal_basis": APR + "27(3)"},
                                   {"name": "lodging", "date": "2026-08-06", "state": "met"}]),
    not_flags=["registration_after_information"])
add("reg_02_referred_late", "Art. 27(3): informed on Thu 16 Jul, after the three working days; registered Fri 17 Jul, within five days of it.",
    referred(application__registering_authority_informed_on="2026-07-16", application__registered_on="2026-07-17"),
    outcome("admissible", "regular", "not_applicable",
            deadlines=[dict(INFORMED, state="missed"),
                       {"name": "registration", "date": "2026-07-21", "from": "2026-07-16", "state": "met"}]))
add("reg_03_referred_not_yet_informed", "Art. 27(3): on Mon 13 Jul nothing is recorded: the information runs until Wed 15 Jul; the registration's five days start from it (flagged).",
    referred(decision_date="2026-07-13", application__registering_authority_informed_on=None,
             application__registered_on=None, application__lodged_on=None),
    outcome("admissible", "regular", "not_applicable", deadlines=[dict(INFORMED, state="running")],
            flags=[F("registration_after_information"), F("not_registered")]),
    not_deadlines=["registration"])
add("reg_04_referred_disproportionate", "Art. 27(5): a disproportionate number of applications: registration within 15 days of the making (Sat 25 Jul -> Mon 27 Jul), the information within three working days all the same.",
    referred(application__disproportionate_number=True),
    outcome("admissible", "regular", "not_applicable",
            deadlines=[dict(INFORMED, state="met"),
                       {"name": "registration", "date": "2026-07-27", "from": "2026-07-10", "legal_basis": APR + "27(5)"}]))
add("reg_05_informed_without_referral", "Art. 27(3): the date the registering authority was informed belongs to a referred application only: refused naming the field.",
    case(application__registering_authority_informed_on="2026-07-11"), err("application.registering_authority_informed_on"))

# ---------------- Crisis and force majeure (Regulation (EU) 2024/1359, Arts. 10-11) ----------------
# A derogation applies only for the period a Council implementing decision authorises it (Art. 4(3));
# none is shipped, so these rows are synthetic.
CRISIS = "Regulation (EU) 2024/1359, Art. "
def crisis_row(setting, start="2026-07-01", end="2026-09-30"):
    return {"member_state_settings.csv": [f'ITA,{setting},1,{start},{end},"Council implementing decision under Regulation (EU) 2024/1359 Art. 4(3) (synthetic, for this test)",in_force,test only']}
# Made Fri 10 Jul + 4 weeks = Fri 7 Aug.
add("crs_01_registration_in_four_weeks", "Crisis Reg. Art. 10(1): an application made while the derogation applies may be registered within four weeks.",
    case(), outcome("admissible", "regular", "not_applicable",
                    [{"rule": "CRISIS-10(1)", "effect": "registration_extended"}],
                    [{"name": "registration", "date": "2026-08-07", "period": "4 weeks", "state": "met",
                      "legal_basis": CRISIS + "10(1)"}],
                    [F("crisis_derogation")]),
    policy_rows=crisis_row("crisis_derogation_art_10"))
add("crs_02_registration_made_before_the_derogation", "Crisis Reg. Art. 10(1) covers applications made while it applies: one made on 10 Jul, before a derogation from 20 Jul, keeps five days.",
    case(), outcome("admissible", "regular", "not_applicable", deadlines=[REG]),
    policy_rows=crisis_row("crisis_derogation_art_10", start="2026-07-20"),
    not_grounds=[{"rule": "CRISIS-10(1)"}], not_flags=["crisis_derogation"])
# Registered Sat 11 Jul + 18 weeks = Sat 14 Nov -> Mon 16 Nov.
add("crs_03_border_procedure_six_weeks_longer", "Crisis Reg. Art. 11(1): the border procedure up to six weeks longer, one time limit of 18 weeks.",
    border(), outcome("admissible", "border", "mandatory",
                      [{"rule": "CRISIS-11(1)", "effect": "border_procedure_extended"}],
                      [{"name": "border_procedure", "date": "2026-11-16", "period": "18 weeks", "from": "2026-07-11",
                        "legal_basis": APR + "51(2); Regulation (EU) 2024/1359, Art. 11(1)",
                        "note": DETERMINATION_AT_THE_BORDER + "; where the determination takes longer, it and the "
                                "rest of the procedure are completed in the territory (Regulation (EU) 2024/1359, "
                                "Art. 11(11)); 2026-11-14 is a weekend day in ITA; the period ends on the next "
                                "working day"}]),
    policy_rows=crisis_row("crisis_derogation_art_11_1"))
add("crs_04_no_mandatory_border_for_20pct", "Crisis Reg. Art. 11(2): where the contingency plan does not suffice, 42(1)(j) cases need not be examined in the border procedure: optional (Italy applies it where optional).",
    border(), outcome("admissible", "border", "optional",
                      [{"rule": "CRISIS-11(2)", "effect": "border_not_mandatory"},
                       G("42(1)(j)", "accelerated+border_optional")], flags=[F("crisis_derogation")]),
    policy_rows=crisis_row("crisis_derogation_art_11_2"), not_grounds=[G("45(1)", "border_mandatory")])
add("crs_05_threshold_five_percent_morocco", "Crisis Reg. Art. 11(3): the mandatory threshold lowered to 5 %; Morocco's rate is known only to be at most 7.4 %, so not at or below 5 %: optional.",
    border(), outcome("admissible", "border", "optional",
                      [{"rule": "CRISIS-11(3)", "effect": "border_not_mandatory"}]),
    policy_rows=crisis_row("crisis_derogation_art_11_3"))
add("crs_06_threshold_five_percent_bangladesh", "Crisis Reg. Art. 11(3): Bangladesh at 3 % stays at or below the lowered threshold: still mandatory.",
    border("BGD"), outcome("admissible", "border", "mandatory", [G("45(1)", "border_mandatory")]),
    policy_rows=crisis_row("crisis_derogation_art_11_3"), not_grounds=[{"rule": "CRISIS-11(3)"}])
add("crs_07_merits_up_to_50pct_russia", "Crisis Reg. Art. 11(4): nationals of a country at or below 50 % (Russia, 24.4 %) may be decided on the merits in the border procedure.",
    border("RUS"), outcome("admissible", "border", "optional",
                           [{"rule": "CRISIS-11(4)", "effect": "border_optional"}],
                           flags=[F("crisis_derogation"), F("crisis_rapidly_evolving_protection_needs")]),
    policy_rows=crisis_row("crisis_derogation_art_11_4"))
add("crs_08_merits_not_above_50pct", "Crisis Reg. Art. 11(4) does not reach Syria (90 %): no border ground, regular procedure.",
    border("SYR"), outcome("admissible", "regular", "not_applicable"),
    policy_rows=crisis_row("crisis_derogation_art_11_4"), not_grounds=[{"rule": "CRISIS-11(4)"}])
add("crs_09_merits_not_for_unaccompanied_minor", "Crisis Reg. Art. 11(4) does not take an unaccompanied minor into the border procedure (APR Art. 53(1)).",
    border("RUS", applicant__unaccompanied_minor=True, applicant__date_of_birth="2010-01-01"),
    outcome("admissible", "regular", "not_applicable"),
    policy_rows=crisis_row("crisis_derogation_art_11_4"), not_grounds=[{"rule": "CRISIS-11(4)"}])
add("crs_10_merits_outside_the_period", "Crisis Reg. Art. 11(4) after the authorised period (ended 14 Jul): no border ground.",
    border("RUS"), outcome("admissible", "regular", "not_applicable"),
    policy_rows=crisis_row("crisis_derogation_art_11_4", end="2026-07-14"), not_grounds=[{"rule": "CRISIS-11(4)"}])

# Arts. 10(2), 11(5): who comes first while the derogations apply (flags: the order of work).
add("crs_26_registration_priority_for_a_minor", "Crisis Reg. Art. 10(2): applying the four weeks of 10(1), the registration of a minor's application (a child of 14) comes first.",
    case(applicant__date_of_birth="2012-03-01"),
    outcome("admissible", "regular", "not_applicable", [{"rule": "CRISIS-10(1)"}], flags=[F("crisis_registration_priority")]),
    policy_rows=crisis_row("crisis_derogation_art_10"))
add("crs_27_no_registration_priority_for_an_adult", "Crisis Reg. Art. 10(2) concerns special reception needs, minors and their families: an adult without them is not flagged.",
    case(), outcome("admissible", "regular", "not_applicable", [{"rule": "CRISIS-10(1)"}]),
    policy_rows=crisis_row("crisis_derogation_art_10"), not_flags=["crisis_registration_priority"])
add("crs_28_examination_priority_merits_at_border", "Crisis Reg. Art. 11(5): applying 11(4), the application of a person with special reception needs (Russia, 24.4 %) is examined first.",
    border("RUS", applicant__special_reception_needs=True),
    outcome("admissible", "border", "optional", [{"rule": "CRISIS-11(4)"}], flags=[F("crisis_examination_priority")]),
    policy_rows=crisis_row("crisis_derogation_art_11_4"))
add("crs_29_examination_priority_lowered_threshold", "Crisis Reg. Art. 11(5): applying 11(3) to a Moroccan child of 14, the examination comes first.",
    border(applicant__date_of_birth="2012-03-01"),
    outcome("admissible", "border", "optional", [{"rule": "CRISIS-11(3)"}], flags=[F("crisis_examination_priority")]),
    policy_rows=crisis_row("crisis_derogation_art_11_3"))
add("crs_30_no_examination_priority_for_an_adult", "Crisis Reg. Art. 11(5): an adult Russian without special needs is not flagged.",
    border("RUS"), outcome("admissible", "border", "optional", [{"rule": "CRISIS-11(4)"}]),
    policy_rows=crisis_row("crisis_derogation_art_11_4"), not_flags=["crisis_examination_priority"])

# ---------------- Instrumentalisation (Regulation (EU) 2024/1359, Art. 11(6)-(9)) ----------------
# The Council decision authorises 11(6) with the protection of 11(7)(a) (exclusion) or (b)
# (cessation), one setting each. Afghanistan has no Art. 42 circumstance in the base case, so only
# the derogation can take it into the border procedure. Registered Sat 11 Jul: lodging + 5 days =
# Thu 16 Jul; border procedure + 12 weeks = Sat 3 Oct -> Mon 5 Oct (as BORDER).
def instr(ctx="border_crossing_point", **kw):
    return border("AFG", ctx, applicant__instrumentalised=True, **kw)
EXCL = "crisis_derogation_art_11_6_7a"
CESS = "crisis_derogation_art_11_6_7b"
I6 = {"rule": "CRISIS-11(6)", "effect": "border_optional",
      "legal_basis": CRISIS + "11(6) (derogating from Regulation (EU) 2024/1348, Arts. 44(1)(b) and 53(2)(a)); "
                     "Council implementing decision under Regulation (EU) 2024/1359 Art. 4(3) (synthetic, for this test)",
      "evidence": ["applicant.instrumentalised", "application.registered_on"]}
add("crs_11_instrumentalised_border_merits", "Crisis Reg. Art. 11(6): every application of an instrumentalised person registered in the period may be decided on the merits in the border procedure, with no Art. 42 circumstance; Italy applies it where optional.",
    instr(), outcome("admissible", "border", "optional", [I6, G("43(1)(a)", "border_optional", "APR-B01")],
                     [REG, LODGE_B, BORDER, ADM], [F("crisis_derogation")]),
    policy_rows=crisis_row(EXCL), not_deadlines=["examination"])
add("crs_12_not_instrumentalised", "Crisis Reg. Art. 11(6) reaches only instrumentalised persons: another applicant without an Art. 42 circumstance stays in the regular procedure.",
    border("AFG"), outcome("admissible", "regular", "not_applicable", deadlines=[REGULAR]),
    policy_rows=crisis_row(EXCL), not_grounds=[{"rule": "CRISIS-11(6)"}])
add("crs_13_child_under_12_excluded", "Crisis Reg. Art. 11(7)(a): a child of 11 (born 16 Jul 2014, 12 on 16 Jul 2026) is excluded from the derogation's border procedure.",
    instr(applicant__date_of_birth="2014-07-16"),
    outcome("admissible", "regular", "not_applicable",
            [{"rule": "CRISIS-11(7)(a)", "effect": "not_applied", "evidence": ["applicant.date_of_birth"]}],
            [REGULAR]),
    policy_rows=crisis_row(EXCL), not_grounds=[{"rule": "CRISIS-11(6)"}])
add("crs_14_twelfth_birthday", "Crisis Reg. Art. 11(7)(a): a child who turns 12 on the decision day (born 15 Jul 2014) is no longer under 12: the derogation applies.",
    instr(applicant__date_of_birth="2014-07-15"), outcome("admissible", "border", "optional", [{"rule": "CRISIS-11(6)"}]),
    policy_rows=crisis_row(EXCL), not_grounds=[{"rule": "CRISIS-11(7)(a)"}])
add("crs_15_family_member_excluded", "Crisis Reg. Art. 11(7)(a): a family member of a child under 12 is excluded too.",
    instr(applicant__family_member_of_child_under_12=True),
    outcome("admissible", "regular", "not_applicable",
            [{"rule": "CRISIS-11(7)(a)", "evidence": ["applicant.family_member_of_child_under_12"]}]),
    policy_rows=crisis_row(EXCL), not_grounds=[{"rule": "CRISIS-11(6)"}])
add("crs_16_cessation_pending_assessment", "Crisis Reg. Art. 11(7)(b): a person with special reception needs stays in the derogation's border procedure until an individual assessment finds the application likely well-founded (flagged).",
    instr(applicant__special_reception_needs=True),
    outcome("admissible", "border", "optional", [{"rule": "CRISIS-11(6)"}],
            flags=[F("crisis_individual_assessment"), F("crisis_derogation")]),
    policy_rows=crisis_row(CESS), not_grounds=[{"rule": "CRISIS-11(7)(b)"}])
add("crs_17_cessation_likely_well_founded", "Crisis Reg. Art. 11(7)(b): the assessment found the application likely well-founded: the derogation's border procedure ceases.",
    instr(applicant__special_procedural_guarantees=True, application__likely_well_founded=True),
    outcome("admissible", "regular", "not_applicable",
            [{"rule": "CRISIS-11(7)(b)", "effect": "not_applied",
              "evidence": ["applicant.special_procedural_guarantees", "application.likely_well_founded"]}],
            [REGULAR]),
    policy_rows=crisis_row(CESS), not_grounds=[{"rule": "CRISIS-11(6)"}], not_flags=["crisis_individual_assessment"])
add("crs_18_cessation_needs_a_protected_category", "Crisis Reg. Art. 11(7)(b): a likely well-founded application of an adult without special needs stays in the derogation's border procedure.",
    instr(application__likely_well_founded=True), outcome("admissible", "border", "optional", [{"rule": "CRISIS-11(6)"}]),
    policy_rows=crisis_row(CESS), not_grounds=[{"rule": "CRISIS-11(7)(b)"}], not_flags=["crisis_individual_assessment"])
add("crs_19_exclusion_keeps_mandatory_cases", "Crisis Reg. Art. 11(7), last subparagraph: a child under 12 who is a danger to public order (Art. 42(1)(f)) stays in the mandatory border procedure.",
    instr(applicant__date_of_birth="2016-01-01", facts__danger_security_public_order=True),
    outcome("admissible", "border", "mandatory", [{"rule": "CRISIS-11(7)(a)", "effect": "not_applied"},
                                                  G("45(1)", "border_mandatory", "APR-B03")]),
    policy_rows=crisis_row(EXCL), not_grounds=[{"rule": "CRISIS-11(6)"}])
add("crs_20_medical_reasons", "Crisis Reg. Art. 11(9) with APR Art. 53(2)(d): relevant medical reasons end the derogation's border procedure.",
    instr(applicant__medical_reasons=True),
    outcome("admissible", "regular", "excluded", [{"rule": "CRISIS-11(6)"}, G("53(2)(d)", "border_excluded", "APR-B04")]),
    policy_rows=crisis_row(EXCL))
add("crs_21_unaccompanied_minor", "Crisis Reg. Art. 11(6) leaves APR Art. 53(1) untouched: an unaccompanied minor of 16 is excluded from the border procedure.",
    instr(applicant__unaccompanied_minor=True, applicant__date_of_birth="2010-01-01"),
    outcome("admissible", "regular", "excluded", [{"rule": "CRISIS-11(6)"}, G("53(1)", "border_excluded", "APR-B04")]),
    policy_rows=crisis_row(EXCL))
add("crs_22_registered_before_the_period", "Crisis Reg. Art. 11(6) reaches applications registered in the period: registered 11 Jul, the derogation from 12 Jul.",
    instr(), outcome("admissible", "regular", "not_applicable", deadlines=[REGULAR]),
    policy_rows=crisis_row(EXCL, start="2026-07-12"), not_grounds=[{"rule": "CRISIS-11(6)"}], not_flags=["crisis_derogation"])
add("crs_23_not_registered_yet", "Crisis Reg. Art. 11(6): the registration decides, and it is not recorded yet (flagged).",
    instr(application__registered_on=None, application__lodged_on=None),
    outcome("admissible", "regular", "not_applicable", flags=[F("crisis_instrumentalisation_not_registered"), F("not_registered")]),
    policy_rows=crisis_row(EXCL), not_grounds=[{"rule": "CRISIS-11(6)"}])
add("crs_24_relocated_applicant", "Crisis Reg. Art. 1(4): the derogations for instrumentalisation reach persons found at or near the external border, not a relocated applicant.",
    instr("relocation"),
    outcome("admissible", "regular", "not_applicable", flags=[F("crisis_instrumentalisation_not_at_border")]),
    policy_rows=crisis_row(EXCL), not_grounds=[{"rule": "CRISIS-11(6)"}])
add("crs_25_both_protections_in_force", "Crisis Reg. Art. 11(8): the Council decision specifies 11(7)(a) or (b); policy data with both in force is refused.",
    instr(), err("", "failed_precondition"),
    policy_rows={"member_state_settings.csv": crisis_row(EXCL)["member_state_settings.csv"] + crisis_row(CESS)["member_state_settings.csv"]})

# ---------------- Expedited procedure (Regulation (EU) 2024/1359, Art. 14) ----------------
# Lodged Tue 14 Jul + 4 weeks = Tue 11 Aug 2026.
def recommendation(start="2026-07-01"):
    return {"crisis_recommendations.csv": [f'REC-TEST-1,"nationals of Afghanistan (synthetic, for this test)",{start},,"Commission recommendation under Regulation (EU) 2024/1359 Art. 14(1) (synthetic, for this test)",in_force,test only']}
def expedited(**kw):
    fields = dict(application__crisis_recommendation="REC-TEST-1", application__interview_omitted=True,
                  application__likely_well_founded=True)
    fields.update(kw)
    return case(**fields)
EXPEDITED = {"name": "examination", "date": "2026-08-11", "from": "2026-07-14", "period": "4 weeks",
             "legal_basis": CRISIS + "14(2)", "state": "running"}
add("exp_01_four_weeks", "Crisis Reg. Art. 14(2): after a Commission recommendation, interview omitted and examination prioritised as likely well-founded: the merits within four weeks of the lodging.",
    expedited(), outcome("admissible", "regular", "not_applicable",
                         [{"rule": "CRISIS-14(2)", "effect": "examination_expedited"}], [EXPEDITED]),
    policy_rows=recommendation())
add("exp_02_interview_held", "Crisis Reg. Art. 14(2) needs the interview omitted (APR Art. 13(11)(a)): held, the six months of Art. 35(4) stand (flagged).",
    expedited(application__interview_omitted=False),
    outcome("admissible", "regular", "not_applicable", deadlines=[REGULAR], flags=[F("crisis_expedited_procedure_not_applied")]),
    policy_rows=recommendation(), not_grounds=[{"rule": "CRISIS-14(2)"}])
add("exp_03_not_prioritised", "Crisis Reg. Art. 14(2) needs the examination prioritised as likely well-founded (APR Art. 34(5)(a)).",
    expedited(application__likely_well_founded=False),
    outcome("admissible", "regular", "not_applicable", deadlines=[REGULAR], flags=[F("crisis_expedited_procedure_not_applied")]),
    policy_rows=recommendation(), not_grounds=[{"rule": "CRISIS-14(2)"}])
add("exp_04_unknown_recommendation", "A recommendation the policy data does not know is refused, naming the field.",
    expedited(), err("application.crisis_recommendation"))
add("exp_05_recommendation_adopted_later", "A recommendation adopted after the decision date (1 Aug) is not yet in force: refused.",
    expedited(), err("application.crisis_recommendation"), policy_rows=recommendation("2026-08-01"))
add("exp_06_no_extension", "Crisis Reg. Art. 14(2) replaces the six months of Art. 35(4): an extension under 35(5) does not lengthen the four weeks (flagged).",
    expedited(application__examination_extended="complex_case"),
    outcome("admissible", "regular", "not_applicable", [{"rule": "CRISIS-14(2)"}], [EXPEDITED], [F("extension_not_applicable")]),
    policy_rows=recommendation(), not_grounds=[{"rule": "APR-T02"}])
add("exp_07_accelerated_case", "Crisis Reg. Art. 14(2) shortens the regular examination only: an accelerated case (Morocco, Art. 42(1)(j)) keeps three months (flagged).",
    expedited(applicant__nationality="MAR"),
    outcome("admissible", "accelerated", "not_applicable", deadlines=[ACC], flags=[F("crisis_expedited_procedure_not_applicable")]),
    policy_rows=recommendation(), not_grounds=[{"rule": "CRISIS-14(2)"}])
# Lodged Sat 18 Jul + 4 weeks = Sat 15 Aug (also Ferragosto) -> Mon 17 Aug.
add("exp_08_end_on_ferragosto", "Crisis Reg. Art. 14(2) counted under APR Art. 73: four weeks from Sat 18 Jul end on Sat 15 Aug, Ferragosto, and move to Mon 17 Aug.",
    expedited(decision_date="2026-07-20", application__lodged_on="2026-07-18"),
    outcome("admissible", "regular", "not_applicable", [{"rule": "CRISIS-14(2)"}],
            [dict(EXPEDITED, date="2026-08-17", **{"from": "2026-07-18"})]),
    policy_rows=recommendation())

def main():
    os.makedirs(OUT, exist_ok=True)
    # Some scenarios in the folder are written by hand (brd_08, brd_09, crs_25): they are kept, and
    # listed so that a scenario renamed here leaves no stale copy unnoticed.
    written = {name + ".json" for name, _ in S}
    others = sorted(f for f in os.listdir(OUT) if f.endswith(".json") and f not in written)
    if others:
        print("kept, not written by this script: " + ", ".join(others))
    for name, s in S:
        with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(s, f, indent=2, ensure_ascii=False)
            f.write("\n")
    print(f"wrote {len(S)} scenarios to {OUT}")

if __name__ == "__main__":
    main()
