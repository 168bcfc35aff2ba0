#!/usr/bin/env python3
"""Writes tests/scenarios/protection_documents/*.json: a beneficiary's residence permit and travel
documents under the Qualification Regulation (Regulation (EU) 2024/1347, Arts. 20(3), 24, 25),
with the answers worked out by hand from the Italian OJ text in shared/spec/law-it/reg-2024-1347.txt.
Time limits are counted under Regulation 1182/71, Art. 3 (the day of the event not counted; an end
on a Saturday, Sunday or German public holiday moves to the next working day). A document's
validity counts its first day: three years from 15 Sep 2026 end on 14 Sep 2029."""
import os

from scenario_gen import ground, merge, write

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "scenarios", "protection_documents")
QR = "Regulation (EU) 2024/1347, Art. "


def case(**over):
    """A Syrian refugee in Germany: protection granted Tue 1 Sep 2026, notified Thu 3 Sep."""
    c = {
        "decision_date": "2026-09-10",
        "member_state": "DEU",
        "nationality": "SYR",
        "protection": {"status": "refugee", "granted_on": "2026-09-01", "notified_on": "2026-09-03"},
    }
    return merge(c, over)


PERMIT = {"issued_on": "2026-09-15", "valid_until": "2029-09-14"}
SUBSIDIARY = {"status": "subsidiary_protection"}
SUB_PERMIT = {"issued_on": "2026-09-15", "valid_until": "2027-09-14"}

S = {}

S["pd_01_refugee_nothing_yet"] = dict(
    description="Granted Tue 1 Sep, notified Thu 3 Sep; on 10 Sep nothing issued: a permit or provisional measures "
                "by Wed 16 Sep (15 days, Art. 20(3)); the permit by Wed 2 Dec (90 days from the notification, Art. "
                "24(2)); a refugee's travel document is due, with no time limit (Art. 25(1)).",
    case=case(),
    expect={"residence_permit": "due", "travel_document": "due", "flags": [], "not_assessed": [],
            "deadlines": [{"name": "residence_permit_or_provisional_measures", "date": "2026-09-16",
                           "from": "2026-09-01", "period": "15 days", "state": "running",
                           "legal_basis": QR + "20(3); computed under Regulation (EEC, Euratom) No 1182/71, Art. 3"},
                          {"name": "residence_permit", "date": "2026-12-02", "from": "2026-09-03",
                           "period": "90 days", "state": "running"}],
            "grounds": [ground("QR-25", "travel_document_due", legal_basis=QR + "25(1)")]},
    not_deadlines=["residence_permit_expiry"])

S["pd_02_provisional_measures_required"] = dict(
    description="No permit and no provisional measures by Wed 16 Sep: provisional measures are owed (Art. 20(3)).",
    case=case(decision_date="2026-09-20"),
    expect={"residence_permit": "due",
            "deadlines": [{"name": "residence_permit_or_provisional_measures", "state": "expired"}],
            "flags": [{"code": "provisional_measures_required"}]})

S["pd_03_provisional_measures_taken"] = dict(
    description="Provisional measures on Thu 10 Sep, within the 15 days.",
    case=case(decision_date="2026-09-20", provisional_measures_on="2026-09-10"),
    expect={"deadlines": [{"name": "residence_permit_or_provisional_measures", "state": "met"}]},
    not_flags=["provisional_measures_required"])

S["pd_04_permit_within_15_days"] = dict(
    description="The permit issued Tue 15 Sep, valid until 14 Sep 2029: within the 15 days and the 90, and valid "
                "for three years (Art. 24(4)).",
    case=case(decision_date="2026-09-20", residence_permit=PERMIT),
    expect={"residence_permit": "issued",
            "deadlines": [{"name": "residence_permit_or_provisional_measures", "state": "met"},
                          {"name": "residence_permit", "state": "met"},
                          {"name": "residence_permit_expiry", "date": "2029-09-14", "state": "running"}],
            "grounds": [ground("QR-24(4)", "validity_meets_minimum", legal_basis=QR + "24(4), first subparagraph")]},
    not_flags=["provisional_measures_required", "permit_validity_below_minimum"])

S["pd_05_permit_overdue"] = dict(
    description="No permit on Thu 3 Dec: the 90 days ended Wed 2 Dec.",
    case=case(decision_date="2026-12-03", provisional_measures_on="2026-09-10"),
    expect={"residence_permit": "overdue",
            "deadlines": [{"name": "residence_permit", "date": "2026-12-02", "state": "expired"}]})

S["pd_06_permit_90_days_end_at_christmas"] = dict(
    description="Notified Sat 26 Sep: the 90 days end Fri 25 Dec, Christmas Day; Boxing Day and a Sunday follow, "
                "so the time limit ends Mon 28 Dec (Reg. 1182/71, Art. 3(4)).",
    case=case(decision_date="2026-10-01", protection={"granted_on": "2026-09-25", "notified_on": "2026-09-26"}),
    expect={"deadlines": [{"name": "residence_permit", "date": "2026-12-28", "from": "2026-09-26"}]})

S["pd_07_refugee_permit_too_short"] = dict(
    description="A refugee's first permit valid for two years: Art. 24(4) requires at least three (to 14 Sep 2029).",
    case=case(decision_date="2026-09-20", residence_permit={"issued_on": "2026-09-15", "valid_until": "2028-09-14"}),
    expect={"grounds": [ground("QR-24(4)", "validity_below_minimum",
                               explanation="For refugee status, the residence permit is valid for at least 3 years: "
                                           "from 2026-09-15 until 2029-09-14 at least; it ends on 2028-09-14.")],
            "flags": [{"code": "permit_validity_below_minimum"}],
            "deadlines": [{"name": "residence_permit_expiry", "date": "2028-09-14"}]})

S["pd_08_subsidiary_one_year"] = dict(
    description="Subsidiary protection: one year's validity is enough (Art. 24(4)).",
    case=case(decision_date="2026-09-20", protection=SUBSIDIARY, residence_permit=SUB_PERMIT),
    expect={"grounds": [ground("QR-24(4)", "validity_meets_minimum")]},
    not_flags=["permit_validity_below_minimum"])

S["pd_09_subsidiary_a_day_short"] = dict(
    description="Subsidiary protection, the permit valid until 13 Sep 2027: a day short of one year.",
    case=case(decision_date="2026-09-20", protection=SUBSIDIARY,
              residence_permit={"issued_on": "2026-09-15", "valid_until": "2027-09-13"}),
    expect={"grounds": [ground("QR-24(4)", "validity_below_minimum")],
            "flags": [{"code": "permit_validity_below_minimum"}]})

S["pd_10_renewal_without_a_gap"] = dict(
    description="Subsidiary protection: renewed on Fri 10 Sep 2027, before the permit expired on 14 Sep, until 14 "
                "Sep 2029: two years from the expiry (Art. 24(4), second subparagraph), no gap.",
    case=case(decision_date="2027-09-20", protection=SUBSIDIARY, residence_permit=SUB_PERMIT,
              renewals=[{"issued_on": "2027-09-10", "valid_until": "2029-09-14"}]),
    expect={"grounds": [ground("QR-24(4)", "validity_meets_minimum", legal_basis=QR + "24(4), second subparagraph")],
            "deadlines": [{"name": "residence_permit_expiry", "date": "2029-09-14", "from": "2027-09-10"}]},
    not_flags=["renewal_gap", "renewal_validity_below_minimum"])

S["pd_11_renewal_after_a_gap"] = dict(
    description="Renewed only on Fri 1 Oct 2027, after the permit expired on 14 Sep: a gap (flagged; continuity is "
                "owed where the beneficiary followed the national formalities). Two years from 1 Oct: valid.",
    case=case(decision_date="2027-10-05", protection=SUBSIDIARY, residence_permit=SUB_PERMIT,
              renewals=[{"issued_on": "2027-10-01", "valid_until": "2029-09-30"}]),
    expect={"flags": [{"code": "renewal_gap"}],
            "grounds": [ground("QR-24(4)", "validity_meets_minimum", legal_basis=QR + "24(4), second subparagraph")]},
    not_flags=["renewal_validity_below_minimum"])

S["pd_12_renewal_too_short"] = dict(
    description="Subsidiary protection renewed for one year: Art. 24(4) requires two.",
    case=case(decision_date="2027-09-20", protection=SUBSIDIARY, residence_permit=SUB_PERMIT,
              renewals=[{"issued_on": "2027-09-10", "valid_until": "2028-09-14"}]),
    expect={"flags": [{"code": "renewal_validity_below_minimum"}],
            "grounds": [ground("QR-24(4)", "validity_below_minimum", legal_basis=QR + "24(4), second subparagraph")]})

S["pd_13_refugee_renewed_twice"] = dict(
    description="A refugee's permit renewed twice for three years, each before expiry: valid, no gap; the expiry "
                "shown is the last renewal's.",
    case=case(decision_date="2032-09-20", residence_permit=PERMIT,
              renewals=[{"issued_on": "2029-09-01", "valid_until": "2032-09-14"},
                        {"issued_on": "2032-09-01", "valid_until": "2035-09-14"}]),
    expect={"deadlines": [{"name": "residence_permit_expiry", "date": "2035-09-14", "from": "2032-09-01",
                           "state": "running"}]},
    not_flags=["renewal_gap", "renewal_validity_below_minimum", "permit_validity_below_minimum"])

S["pd_14_travel_document_five_years"] = dict(
    description="A refugee's travel document valid five years: more than one year (Art. 25(1)).",
    case=case(decision_date="2026-10-05", travel_document={"issued_on": "2026-10-01", "valid_until": "2031-09-30"}),
    expect={"travel_document": "issued"},
    not_flags=["travel_document_validity_too_short"])

S["pd_15_travel_document_exactly_one_year"] = dict(
    description="Valid from 1 Oct 2026 to 30 Sep 2027: exactly one year, not more than one (Art. 25(1)).",
    case=case(decision_date="2026-10-05", travel_document={"issued_on": "2026-10-01", "valid_until": "2027-09-30"}),
    expect={"travel_document": "issued", "flags": [{"code": "travel_document_validity_too_short"}]})

S["pd_16_travel_document_a_year_and_a_day"] = dict(
    description="Valid to 1 Oct 2027: a year and a day, more than one year.",
    case=case(decision_date="2026-10-05", travel_document={"issued_on": "2026-10-01", "valid_until": "2027-10-01"}),
    expect={"travel_document": "issued"},
    not_flags=["travel_document_validity_too_short"])

S["pd_17_subsidiary_passport_obtainable"] = dict(
    description="Subsidiary protection, a national passport can be obtained: no travel document (Art. 25(2)).",
    case=case(protection=SUBSIDIARY, national_passport_obtainable=True),
    expect={"travel_document": "not_due_passport_obtainable",
            "grounds": [ground("QR-25", "travel_document_not_due", legal_basis=QR + "25(2)")]})

S["pd_18_subsidiary_without_passport"] = dict(
    description="Subsidiary protection, no national passport obtainable: a travel document is due (Art. 25(2)).",
    case=case(protection=SUBSIDIARY),
    expect={"travel_document": "due", "grounds": [ground("QR-25", "travel_document_due", legal_basis=QR + "25(2)")]})

S["pd_19_compelling_reasons"] = dict(
    description="Compelling reasons of national security or public order: no travel document (Art. 25(1)).",
    case=case(compelling_reasons_against_travel_document=True),
    expect={"travel_document": "withheld_compelling_reasons",
            "grounds": [ground("QR-25", "travel_document_withheld", legal_basis=QR + "25(1)")]})

S["pd_20_notification_unknown"] = dict(
    description="Without the day the decision was notified, the 90 days cannot be counted: listed as not assessed.",
    case=case(protection={"granted_on": "2026-09-01", "notified_on": None}),
    expect={"not_assessed": [QR + "24(2): the residence permit at the latest 90 days after the decision granting "
                                  "protection was notified (give protection.notified_on)"]},
    not_deadlines=["residence_permit"])

S["pd_21_denmark"] = dict(
    description="Denmark is not bound (recital 78).",
    case=case(member_state="DNK"),
    expect={"error": {"field": "member_state"}})

S["pd_22_ireland"] = dict(
    description="Ireland was not bound at adoption (recital 77); a later opt-in is not verified.",
    case=case(member_state="IRL"),
    expect={"error": {"field": "member_state"}})

S["pd_23_granted_before_the_regulation_applied"] = dict(
    description="Granted on 20 Jun 2026, before the Regulation applied (1 Jul 2026, Art. 42).",
    case=case(protection={"granted_on": "2026-06-20", "notified_on": "2026-06-22"}),
    expect={"error": {"field": "protection.granted_on"}})

S["pd_24_passport_for_a_refugee"] = dict(
    description="Whether a national passport can be obtained concerns subsidiary protection only.",
    case=case(national_passport_obtainable=True),
    expect={"error": {"field": "national_passport_obtainable"}})

S["pd_25_renewal_without_a_permit"] = dict(
    description="A renewal needs the first permit.",
    case=case(decision_date="2027-09-20", renewals=[{"issued_on": "2027-09-10", "valid_until": "2029-09-14"}]),
    expect={"error": {"field": "renewals"}})

S["pd_26_permit_ends_before_it_starts"] = dict(
    description="A permit whose last day precedes its issue.",
    case=case(decision_date="2026-09-20", residence_permit={"issued_on": "2026-09-15", "valid_until": "2026-09-14"}),
    expect={"error": {"field": "residence_permit.valid_until"}})

S["pd_27_eu_national"] = dict(
    description="International protection is for third-country nationals and stateless persons.",
    case=case(nationality="FRA"),
    expect={"error": {"field": "nationality"}})

S["pd_28_travel_document_issued_and_withheld"] = dict(
    description="A travel document issued cannot also be withheld.",
    case=case(decision_date="2026-10-05", compelling_reasons_against_travel_document=True,
              travel_document={"issued_on": "2026-10-01", "valid_until": "2031-09-30"}),
    expect={"error": {"field": "compelling_reasons_against_travel_document"}})

S["pd_29_renewals_out_of_order"] = dict(
    description="Renewals are listed in order: the second may not precede the first.",
    case=case(decision_date="2032-09-20", residence_permit=PERMIT,
              renewals=[{"issued_on": "2029-09-01", "valid_until": "2032-09-14"},
                        {"issued_on": "2029-08-01", "valid_until": "2035-09-14"}]),
    expect={"error": {"field": "renewals[1].issued_on"}})


# ---- Art. 23: family members' residence permits. The beneficiary's permit (PERMIT) runs until
# 14 Sep 2029; minority is judged on the decision date, 1 Oct 2026. No time limits: the answers are
# each member's outcome in family_permits, in the case's order, and the flags of Art. 23(2). ----
FAM_DAY = "2026-10-01"
DUE_NOTE = (QR + "23(1): a family member's permit only as far as compatible with the family member's personal "
            "legal status; the rights of Arts. 25-32, 34 and 35 follow it (23(6))")


def family(*members, **over):
    fam = [{"family_existed_before_arrival": True, **m} for m in members]
    return case(decision_date=FAM_DAY, residence_permit=PERMIT, family_members=fam, **over)


SPOUSE = {"relation": "spouse"}

S["pd_30_spouse_permit_due"] = dict(
    description="Art. 23(1): the refugee's spouse, not individually entitled, asks for a permit: one is due.",
    case=family(SPOUSE),
    expect={"family_permits": ["due"], "grounds": [ground("QR-23(1)", "family_permit_due", legal_basis=QR + "23(1)")],
            "not_assessed": [DUE_NOTE]},
    not_flags=["family_permit_beyond_beneficiary_permit", "family_permit_expiry_differs"])

S["pd_31_spouse_permit_same_expiry"] = dict(
    description="Art. 23(2): the spouse's permit ends with the beneficiary's, 14 Sep 2029.",
    case=family(dict(SPOUSE, permit={"issued_on": "2026-09-20", "valid_until": "2029-09-14"})),
    expect={"family_permits": ["issued"], "grounds": [ground("QR-23(1)", "family_permit_issued")]},
    not_flags=["family_permit_beyond_beneficiary_permit", "family_permit_expiry_differs", "beneficiary_permit_unknown"])

S["pd_32_spouse_permit_beyond"] = dict(
    description="Art. 23(2): a family permit valid until 1 Jan 2030, beyond the beneficiary's 14 Sep 2029, is flagged.",
    case=family(dict(SPOUSE, permit={"issued_on": "2026-09-20", "valid_until": "2030-01-01"})),
    expect={"family_permits": ["issued"], "flags": [{"code": "family_permit_beyond_beneficiary_permit"}]},
    not_flags=["family_permit_expiry_differs"])

S["pd_33_spouse_permit_shorter"] = dict(
    description="Art. 23(2): a family permit ending on 14 Sep 2028, not with the beneficiary's, is flagged.",
    case=family(dict(SPOUSE, permit={"issued_on": "2026-09-20", "valid_until": "2028-09-14"})),
    expect={"flags": [{"code": "family_permit_expiry_differs"}]},
    not_flags=["family_permit_beyond_beneficiary_permit"])

S["pd_34_family_formed_after_arrival"] = dict(
    description="Art. 3(9): a spouse married after the applicant arrived is not a family member.",
    case=family(dict(SPOUSE, family_existed_before_arrival=False)),
    expect={"family_permits": ["not_a_family_member"],
            "grounds": [ground("QR-3(9)", "family_permit_not_a_family_member", legal_basis=QR + "3(9)")]})

S["pd_68_family_member_abroad"] = dict(
    description="Art. 3(9): a spouse who is not in Germany in connection with the application is not a family member "
                "under Art. 23 (family reunification concerns them).",
    case=family(dict(SPOUSE, present_in_member_state=False)),
    expect={"family_permits": ["not_a_family_member"], "grounds": [ground("QR-3(9)", "family_permit_not_a_family_member")]})

S["pd_35_partners"] = dict(
    description="Art. 3(9)(a): an unmarried partner counts where national law or practice treats unmarried couples "
                "like married ones; without it, not.",
    case=family({"relation": "partner"}, {"relation": "partner", "partnership_recognised": True}),
    expect={"family_permits": ["not_a_family_member", "due"]})

S["pd_36_children"] = dict(
    description="Art. 3(9)(b): a child of 11 counts; an adult child of 27 only if dependent.",
    case=family({"relation": "child", "date_of_birth": "2015-01-01"}, {"relation": "child", "date_of_birth": "1999-01-01"},
                {"relation": "child", "date_of_birth": "1999-01-01", "dependent": True}),
    expect={"family_permits": ["due", "not_a_family_member", "due"]})

S["pd_37_eighteenth_birthday"] = dict(
    description="Art. 3(9)(b): a child born 1 Oct 2008 turns 18 on the decision day and is an adult (not dependent); "
                "one born 2 Oct 2008 is still a minor.",
    case=family({"relation": "child", "date_of_birth": "2008-10-01"}, {"relation": "child", "date_of_birth": "2008-10-02"}),
    expect={"family_permits": ["not_a_family_member", "due"]})

S["pd_38_married_minor_option"] = dict(
    description="Art. 23(7): a married child of 16 is not a family member (3(9)(b)), but the Member State may apply "
                "Art. 23 in the child's best interests.",
    case=family({"relation": "child", "date_of_birth": "2010-01-01", "married": True}),
    expect={"family_permits": ["member_state_option"], "grounds": [ground("QR-23(7)", "family_permit_member_state_option")]},
    not_grounds=[{"rule": "QR-3(9)"}])

S["pd_39_other_relatives"] = dict(
    description="Art. 23(7): a dependent sibling who lived in the household before arrival may be given a permit at "
                "the Member State's option; one who did not live there is not a family member.",
    case=family({"relation": "other_relative", "dependent": True, "lived_in_household": True},
                {"relation": "other_relative", "dependent": True}),
    expect={"family_permits": ["member_state_option", "not_a_family_member"]})

S["pd_40_parent_of_minor_beneficiary"] = dict(
    description="Art. 3(9)(c): the mother of a beneficiary aged 16 is a family member.",
    case=family({"relation": "parent"}, date_of_birth="2010-05-01"),
    expect={"family_permits": ["due"]})

S["pd_41_parent_of_adult_beneficiary"] = dict(
    description="Art. 3(9)(c): the parent of an adult beneficiary is not a family member.",
    case=family({"relation": "parent"}, date_of_birth="1990-05-01"),
    expect={"family_permits": ["not_a_family_member"]})

S["pd_42_parent_of_married_minor_beneficiary"] = dict(
    description="Art. 3(9)(c): the responsible adult of a married minor beneficiary is not a family member.",
    case=family({"relation": "responsible_adult"}, date_of_birth="2010-05-01", married=True),
    expect={"family_permits": ["not_a_family_member"]})

S["pd_43_parent_needs_beneficiary_age"] = dict(
    description="A parent without the beneficiary's date of birth is refused naming date_of_birth.",
    case=family({"relation": "parent"}),
    expect={"error": {"field": "date_of_birth"}})

S["pd_44_excluded"] = dict(
    description="Art. 23(3): a family member who would be excluded from protection under Chapters III and V gets no "
                "permit under the Regulation.",
    case=family(dict(SPOUSE, excluded=True)),
    expect={"family_permits": ["refused"], "grounds": [ground("QR-23(3)", "family_permit_refused")]})

S["pd_45_marriage_of_convenience"] = dict(
    description="Art. 23(4): strong indications of a marriage of convenience: no permit.",
    case=family(dict(SPOUSE, marriage_of_convenience=True)),
    expect={"family_permits": ["refused"], "grounds": [ground("QR-23(4)", "family_permit_refused")]})

S["pd_46_convenience_only_for_couples"] = dict(
    description="Art. 23(4) concerns a spouse or partner: set for a child it is refused naming the field.",
    case=family({"relation": "child", "date_of_birth": "2015-01-01", "marriage_of_convenience": True}),
    expect={"error": {"field": "family_members[0].marriage_of_convenience"}})

S["pd_47_security_revokes"] = dict(
    description="Art. 23(5): national security: a permit already issued is revoked or not renewed; none is issued to "
                "another member.",
    case=family(dict(SPOUSE, security_or_public_order=True, permit={"issued_on": "2026-09-20", "valid_until": "2029-09-14"}),
                {"relation": "child", "date_of_birth": "2015-01-01", "security_or_public_order": True}),
    expect={"family_permits": ["revoke", "refused"],
            "grounds": [ground("QR-23(5)", "family_permit_revoke"), ground("QR-23(5)", "family_permit_refused")]})

S["pd_48_individually_entitled_or_not_asking"] = dict(
    description="Art. 23(1): a spouse entitled to protection in their own right, and a child who did not ask for a "
                "permit, fall outside Art. 23.",
    case=family(dict(SPOUSE, individually_entitled=True),
                {"relation": "child", "date_of_birth": "2015-01-01", "requested_permit": False}),
    expect={"family_permits": ["individually_entitled", "not_requested"]},
    not_grounds=[{"rule": "QR-23(1)", "effect": "family_permit_due"}])

S["pd_49_beneficiary_permit_unknown"] = dict(
    description="Art. 23(2): without the beneficiary's permit, the family permit's expiry cannot be checked (flagged).",
    case=case(decision_date=FAM_DAY, family_members=[dict(SPOUSE, family_existed_before_arrival=True,
                                                          permit={"issued_on": "2026-09-20", "valid_until": "2029-09-14"})]),
    expect={"family_permits": ["issued"], "flags": [{"code": "beneficiary_permit_unknown"}]})

S["pd_50_expiry_follows_the_renewal"] = dict(
    description="Art. 23(2): after the beneficiary's renewal to 14 Sep 2032, the family permit renewed to the same "
                "day has the same expiry.",
    case=case(decision_date="2029-10-01", residence_permit=PERMIT,
              renewals=[{"issued_on": "2029-09-01", "valid_until": "2032-09-14"}],
              family_members=[dict(SPOUSE, family_existed_before_arrival=True,
                                   permit={"issued_on": "2029-09-05", "valid_until": "2032-09-14"})]),
    expect={"family_permits": ["issued"]},
    not_flags=["family_permit_expiry_differs", "family_permit_beyond_beneficiary_permit"])

S["pd_51_family_existence_required"] = dict(
    description="Art. 3(9): whether the family existed before arrival must be given: refused naming the field.",
    case=case(decision_date=FAM_DAY, family_members=[SPOUSE]),
    expect={"error": {"field": "family_members[0].family_existed_before_arrival"}})

S["pd_52_child_needs_date_of_birth"] = dict(
    description="A child without a date of birth is refused naming the field (a minor, or an adult only if dependent).",
    case=family({"relation": "child"}),
    expect={"error": {"field": "family_members[0].date_of_birth"}})


# ---- Arts. 14 and 19: revocation of the status, with the guarantees of APR Art. 66. No time
# limits: the answer is status_revocation, its grounds and the flags of the procedure. ----
REV_DAY = "2027-03-01"
PROCEDURE = {"examination_started_on": "2027-01-10", "informed_in_writing_on": "2027-01-11",
             "statement_time_limit": "2027-02-11", "interview_on": "2027-02-20", "established_individually": True}
GUARANTEE_FLAGS = ["revocation_not_informed", "revocation_no_statement_time", "revocation_no_interview",
                   "individual_demonstration_required"]


def revocation(status="refugee", **findings):
    rev = dict(PROCEDURE)
    rev.update(findings)
    prot = {"status": status, "granted_on": "2026-09-01", "notified_on": "2026-09-03"}
    return case(decision_date=REV_DAY, protection=prot,
                residence_permit=PERMIT if status == "refugee" else SUB_PERMIT, revocation=rev)


REVOKED_FLAGS = [{"code": "eurodac_mark_removed"}, {"code": "residence_permit_follows_status"}]

S["pd_53_revoked_reavailed"] = dict(
    description="Art. 14(1)(a) with 11(1)(a): the refugee voluntarily re-availed themselves of their country's "
                "protection, demonstrated individually, every guarantee of APR Art. 66 given: revoked; the Eurodac "
                "mark goes (Eurodac Art. 31(3)).",
    case=revocation(cessation="a"),
    expect={"status_revocation": "revoke",
            "grounds": [ground("QR-14(1)(a)", "status_revoked", legal_basis=QR + "14(1)(a)")], "flags": REVOKED_FLAGS},
    not_flags=GUARANTEE_FLAGS + ["geneva_convention_rights_retained"])

S["pd_54_changed_circumstances_not_lasting"] = dict(
    description="Art. 11(2)(b): cessation for changed circumstances (11(1)(e)) needs a significant, non-temporary "
                "change; none recorded: no ground.",
    case=revocation(cessation="e"),
    expect={"status_revocation": "no_ground",
            "grounds": [ground("QR-11(1)(e)", "not_applied", legal_basis=QR + "11(2)(b)")]},
    not_flags=["eurodac_mark_removed"])

S["pd_55_compelling_reasons"] = dict(
    description="Art. 11(1), second subparagraph: compelling reasons arising out of previous persecution keep the "
                "status despite a lasting change.",
    case=revocation(cessation="e", change_significant_and_lasting=True, compelling_reasons=True),
    expect={"status_revocation": "no_ground",
            "grounds": [ground("QR-11(1)(e)", "not_applied", legal_basis=QR + "11(1), second subparagraph")]})

S["pd_56_changed_circumstances_revoked"] = dict(
    description="Art. 14(1)(a) with 11(1)(e): a significant, non-temporary change and no compelling reasons: revoked.",
    case=revocation(cessation="e", change_significant_and_lasting=True),
    expect={"status_revocation": "revoke", "grounds": [ground("QR-14(1)(a)", "status_revoked")]})

S["pd_57_danger_to_security"] = dict(
    description="Art. 14(1)(d): a danger to the security of the Member State: revoked; the Geneva Convention rights "
                "of Art. 14(3) remain while the person is there.",
    case=revocation(danger_to_security=True),
    expect={"status_revocation": "revoke", "grounds": [ground("QR-14(1)(d)", "status_revoked")],
            "flags": [{"code": "geneva_convention_rights_retained"}]})

S["pd_58_subsidiary_no_longer_needed"] = dict(
    description="Art. 19(1)(a) with 16(1): subsidiary protection no longer needed after a significant, lasting "
                "change: revoked.",
    case=revocation("subsidiary_protection", cessation="circumstances_changed", change_significant_and_lasting=True),
    expect={"status_revocation": "revoke",
            "grounds": [ground("QR-19(1)(a)", "status_revoked", legal_basis=QR + "19(1)(a)")]})

S["pd_59_subsidiary_compelling_reasons"] = dict(
    description="Art. 16(3): compelling reasons arising out of previous serious harm keep subsidiary protection.",
    case=revocation("subsidiary_protection", cessation="circumstances_changed", change_significant_and_lasting=True,
                    compelling_reasons=True),
    expect={"status_revocation": "no_ground", "grounds": [ground("QR-16(1)", "not_applied", legal_basis=QR + "16(3)")]})

S["pd_60_subsidiary_danger_refused"] = dict(
    description="Art. 14(1)(d) concerns refugee status: for subsidiary protection a danger is a ground of exclusion "
                "(Art. 17): refused naming the field.",
    case=revocation("subsidiary_protection", danger_to_security=True),
    expect={"error": {"field": "revocation.danger_to_security"}})

S["pd_61_subsidiary_refugee_cessation_refused"] = dict(
    description="Art. 11(1)'s points concern refugee status: for subsidiary protection, cessation is Art. 16(1) "
                "(circumstances_changed).",
    case=revocation("subsidiary_protection", cessation="a"),
    expect={"error": {"field": "revocation.cessation"}})

S["pd_62_no_ground_and_no_guarantees"] = dict(
    description="An examination with no finding and none of the guarantees of APR Art. 66 recorded: no ground, each "
                "missing guarantee flagged.",
    case=case(decision_date=REV_DAY, residence_permit=PERMIT, revocation={"examination_started_on": "2027-01-10"}),
    expect={"status_revocation": "no_ground",
            "flags": [{"code": "revocation_not_informed"}, {"code": "revocation_no_statement_time"},
                      {"code": "revocation_no_interview"}]},
    not_flags=["individual_demonstration_required", "eurodac_mark_removed"])

S["pd_63_not_demonstrated_individually"] = dict(
    description="Arts. 14(4): the authority demonstrates the ground individually; not recorded: flagged.",
    case=revocation(misrepresentation_decisive=True, established_individually=False),
    expect={"status_revocation": "revoke", "grounds": [ground("QR-14(1)(c)", "status_revoked")],
            "flags": [{"code": "individual_demonstration_required"}]})

S["pd_64_statement_time_before_information"] = dict(
    description="APR Art. 66(1)(d): the time for a statement runs from the written information: a limit before it is "
                "refused.",
    case=revocation(statement_time_limit="2027-01-05", excluded=True),
    expect={"error": {"field": "revocation.statement_time_limit"}})

S["pd_65_examination_before_grant"] = dict(
    description="A revocation examination cannot start before the grant.",
    case=revocation(examination_started_on="2026-08-01", informed_in_writing_on="2026-08-02", excluded=True),
    expect={"error": {"field": "revocation.examination_started_on"}})

S["pd_66_excluded_and_misrepresented"] = dict(
    description="Art. 14(1)(b) and (c): excluded under Art. 12 and a decisive misrepresentation: both grounds.",
    case=revocation(excluded=True, misrepresentation_decisive=True),
    expect={"status_revocation": "revoke",
            "grounds": [ground("QR-14(1)(b)", "status_revoked"), ground("QR-14(1)(c)", "status_revoked")]})

S["pd_67_not_examined"] = dict(
    description="No revocation examination: not examined.",
    case=case(), expect={"status_revocation": "not_examined"})


def main():
    write(S, OUT, omit_none_in=("protection",))


if __name__ == "__main__":
    main()
