// The dashboard's views (web/app.js) against a running server, with a minimal DOM in place of a
// browser's: the script's own functions build the request, call the API and write the answer into
// the page, and this checks what they wrote. Usage: node dashboard_smoke.mjs APP_JS BASE ROLE=TOKEN...
import fs from 'node:fs';
import vm from 'node:vm';

const [appJs, base, ...pairs] = process.argv.slice(2);
const tokens = Object.fromEntries(pairs.map((p) => p.split('=')));
const token = tokens.asylum_caseworker;

class Node_ {
  constructor() { this.children = []; }
  append(...nodes) { this.children.push(...nodes); }
  replaceChildren(...nodes) { this.children = nodes; }
  get textContent() { return this.children.map((c) => c.textContent).join(' '); }
}
class Text_ extends Node_ {
  constructor(text) { super(); this.text = text; }
  get textContent() { return this.text; }
}
class Element_ extends Node_ {
  constructor(tag) { super(); this.tag = tag; this.attributes = {}; this.value = ''; this.style = {}; this.listeners = {}; }
  setAttribute(k, v) { this.attributes[k] = v; }
  addEventListener(type, fn) { this.listeners[type] = fn; }
}
const byId = new Map();
const document = {
  createElement: (tag) => new Element_(tag),
  createTextNode: (text) => new Text_(text),
  getElementById: (id) => { if (!byId.has(id)) byId.set(id, new Element_('input')); return byId.get(id); },
  addEventListener: () => {},  // the page's start-up is not run: the views are called directly
  querySelectorAll: () => [],
};
const storage = new Map([['openpact.token', token]]);
const context = {
  document, Node: Node_, console, URLSearchParams, JSON, Array, Object, String, Number, Promise,
  sessionStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => storage.set(k, v), removeItem: (k) => storage.delete(k) },
  fetch: (path, options) => fetch(base + path, options),
};
vm.createContext(context);
vm.runInContext(fs.readFileSync(appJs, 'utf8'), context);

let failures = 0;
function expect(what, text, ...needles) {
  for (const n of needles) {
    if (!text.includes(n)) { console.error(`FAIL ${what}: no "${n}" in: ${text.slice(0, 400)}`); failures++; }
  }
}
const out = (id) => document.getElementById(id).textContent;
const as = (role) => storage.set('openpact.token', tokens[role]);

// Wait for the server.
for (let i = 0; ; i++) {
  try { if ((await fetch(base + '/healthz')).ok) break; } catch (e) { /* not yet */ }
  if (i > 100) { console.error('FAIL: the server did not start'); process.exit(1); }
  await new Promise((r) => setTimeout(r, 100));
}

// A procedure case: the contract's example.
document.getElementById('decide-case').value = JSON.stringify({
  decision_date: '2026-07-15', member_state: 'ITA', applicant: { nationality: 'MAR' },
  application: { made_on: '2026-07-10', registered_on: '2026-07-11', lodged_on: '2026-07-14', context: 'in_territory' },
});
await context.decide();
expect('procedure', out('decide-out'), 'admissible', 'accelerated procedure', 'Regulation (EU) 2024/1348, Art. 42(1)(e)', '2026-10-14', 'right to remain (Art. 10): yes');

// A responsibility case: the contract's example (France, Art. 26(1)).
const kase = {
  decision_date: '2026-09-01', member_state: 'DEU', registered_on: '2026-08-20',
  applicant: { nationality: 'AFG', date_of_birth: '1990-01-01' },
  family: [{ relation: 'spouse', member_state: 'FRA', status: 'beneficiary', family_existed_in_country_of_origin: true, wish_in_writing: true }],
};
document.getElementById('responsibility-case').value = JSON.stringify(kase);
await context.decideResponsibility();
expect('responsibility', out('responsibility-out'), 'Responsible: FRA', 'family_member_beneficiary',
  'Regulation (EU) 2024/1351, Art. 26(1)', 'take_charge_request', '2026-10-20', 'Not assessed');

// As of another day: the request is late, Germany stays responsible (Art. 39(1)).
document.getElementById('responsibility-at').value = '2026-10-21';
await context.decideResponsibility();
expect('responsibility --at', out('responsibility-out'), 'Responsible: DEU', 'take_charge_time_limit_missed');
document.getElementById('responsibility-at').value = '';

// A family's cases: the family procedure.
const father = { ...kase, family: [], documents: [{ type: 'visa', issued_by: 'FRA', valid_from: '2026-07-01', valid_until: '2026-09-30' }] };
const mother = { ...kase, family: [], applicant: { nationality: 'AFG', date_of_birth: '1992-01-01' },
  eurodac_hits: [{ category: 'irregular_crosser', member_state: 'ITA', date: '2026-08-01' }] };
document.getElementById('responsibility-case').value = JSON.stringify({ members: [father, mother] });
await context.decideResponsibility();
expect('family', out('responsibility-out'), 'Family procedure: FRA', 'Art. 28(b)', 'Member 0', 'Member 1', 'family_procedure');

// A refused case: the problem's status and field are shown.
// Registered before 1 July 2026 (AMMR Art. 84(2)): Dublin III's criteria, judged on the lodging,
// which must then be given.
document.getElementById('responsibility-case').value = JSON.stringify({ ...kase, registered_on: '2026-06-30' });
await context.decideResponsibility();
expect('refusal', out('responsibility-out'), '422', 'field: lodged_on');
document.getElementById('responsibility-case').value = JSON.stringify({ ...kase, registered_on: '2026-06-30',
  lodged_on: '2026-06-30' });
await context.decideResponsibility();
expect('dublin iii', out('responsibility-out'), 'Criteria of Regulation (EU) No 604/2013', 'dublin3_criteria',
  'dublin3_procedure_not_computed');

// A return border case: the repository's example (examples/return-border-case.json).
const rbCase = JSON.parse(fs.readFileSync(new URL('../../examples/return-border-case.json', import.meta.url), 'utf8'));
document.getElementById('return-border-case').value = JSON.stringify(rbCase);
await context.decideReturnBorder();
expect('return border', out('return-border-out'), 'Return border procedure: applies', 'right to remain ended: 2026-10-01',
  'voluntary departure: granted_on_request', 'detention: may_continue', 'return_border_procedure_maximum', '2026-12-24',
  'Regulation (EU) 2024/1349, Art. 4(2)', 'travel_documents_to_hand_over', 'Not assessed: Regulation (EU) 2024/1349, Art. 5(1)');
// A rejection outside the border procedure: the Regulation does not apply (Art. 1(1)).
document.getElementById('return-border-case').value = JSON.stringify({ ...rbCase, rejection: { ...rbCase.rejection, procedure: 'regular' } });
await context.decideReturnBorder();
expect('return border, regular procedure', out('return-border-out'), 'Return border procedure: not_applicable');
// Ireland is not bound (recital 21): refused, naming the field.
document.getElementById('return-border-case').value = JSON.stringify({ ...rbCase, member_state: 'IRL' });
await context.decideReturnBorder();
expect('return border refusal', out('return-border-out'), '422', 'field: member_state');

// A reception case: the repository's example (examples/reception-case.json), then detention.
const rcCase = JSON.parse(fs.readFileSync(new URL('../../examples/reception-case.json', import.meta.url), 'utf8'));
document.getElementById('reception-case').value = JSON.stringify(rcCase);
await context.decideReception();
expect('reception', out('reception-out'), 'Labour market: due', 'detention review: not_applicable', 'representative',
  '2026-09-28', 'education_access', '2026-11-24', 'Directive (EU) 2024/1346, Art. 27(1)', 'directive_maximum');
document.getElementById('reception-case').value = JSON.stringify({ ...rcCase, decision_date: '2026-10-20',
  education_access_on: undefined, detention: { started_on: '2026-09-28', ordered_by: 'administrative' } });
await context.decideReception();
expect('reception, detention', out('reception-out'), 'detention review: release_required', 'detention_release', '2026-10-19',
  'release_required');
document.getElementById('reception-case').value = JSON.stringify({ ...rcCase, member_state: 'DNK' });
await context.decideReception();
expect('reception refusal', out('reception-out'), '422', 'field: member_state');

// A beneficiary's documents: the repository's example, then a permit a year short.
const pdCase = JSON.parse(fs.readFileSync(new URL('../../examples/protection-documents-case.json', import.meta.url), 'utf8'));
document.getElementById('documents-case').value = JSON.stringify(pdCase);
await context.decideDocuments();
expect('documents', out('documents-out'), 'Residence permit: issued', 'travel document: due', 'residence_permit_expiry',
  '2029-11-19', 'Regulation (EU) 2024/1347, Art. 24(4), first subparagraph', 'validity_meets_minimum');
document.getElementById('documents-case').value = JSON.stringify({ ...pdCase,
  residence_permit: { issued_on: '2026-11-20', valid_until: '2028-11-19' } });
await context.decideDocuments();
expect('documents, short permit', out('documents-out'), 'validity_below_minimum', 'permit_validity_below_minimum');

// An admission procedure: the repository's example, then a discontinuation that erases the data.
const adCase = JSON.parse(fs.readFileSync(new URL('../../examples/admission-case.json', import.meta.url), 'utf8'));
document.getElementById('admission-case').value = JSON.stringify(adCase);
await context.decideAdmission();
expect('admission', out('admission-out'), 'Procedure: concluded_positive', 'data kept until: 2031-03-16', 'entry',
  'Regulation (EU) 2024/1350, Art. 9(12), first subparagraph, first sentence');
document.getElementById('admission-case').value = JSON.stringify({ decision_date: '2026-06-20', member_state: 'NLD',
  nationality: 'SDN', admission: 'resettlement', registered_on: '2026-03-16',
  discontinued: { on: '2026-06-15', reason: '9(11)(a)' } });
await context.decideAdmission();
expect('admission, discontinued', out('admission-out'), 'Procedure: discontinued', 'data kept until: 2026-06-15', 'expired');

// Temporary protection: the repository's example, then decided after the last extension ends.
const tpCase = JSON.parse(fs.readFileSync(new URL('../../examples/temporary-protection-case.json', import.meta.url), 'utf8'));
document.getElementById('temporary-protection-case').value = JSON.stringify(tpCase);
await context.decideTemporaryProtection();
expect('temporary protection', out('temporary-protection-out'), 'Temporary protection: covered (Art. 2(1)(a)) · until 2027-03-04',
  'Council Implementing Decision (EU) 2022/382, Art. 2(1)(a)', 'protection_ends_soon');
document.getElementById('temporary-protection-at').value = '2027-03-05';
await context.decideTemporaryProtection();
expect('temporary protection, ended', out('temporary-protection-out'), 'Temporary protection: ended', 'expired',
  'Directive 2001/55/EC, Art. 20');
document.getElementById('temporary-protection-at').value = '';

// Return: the repository's example, then after the period for voluntary departure.
const retCase = JSON.parse(fs.readFileSync(new URL('../../examples/return-case.json', import.meta.url), 'utf8'));
document.getElementById('return-case').value = JSON.stringify(retCase);
await context.decideReturn();
expect('return', out('return-out'), 'Return decision: required · voluntary departure: granted', '2026-11-19',
  'Directive 2008/115/EC, Art. 6(1)');
document.getElementById('return-at').value = '2026-11-30';
await context.decideReturn();
expect('return, period passed', out('return-out'), 'voluntary departure: expired · entry ban: mandatory · removal: may_proceed',
  'entry_ban_required');
document.getElementById('return-at').value = '';

// The planning views, as an analyst.
as('analyst');
document.getElementById('solidarity-year').value = '2026';
await context.loadSolidarity();
expect('solidarity', out('solidarity-out'), 'Austria', '2.44 %', 'Belgium', '3.11 %');
document.getElementById('capacity-at').value = '2026-07-01';
await context.loadCapacity();
expect('capacity', out('capacity-out'), 'Union adequate capacity 30,000', 'Regulation (EU) 2024/1348, Art. 47(1)');
document.getElementById('routes-from').value = '2024-01';
document.getElementById('routes-to').value = '2024-12';
await context.loadRoutes();
expect('routes', out('routes-out'), 'Source: Frontex (FRONTEX_IBC_GDIDATA)', 'central_mediterranean_route');
document.getElementById('lowrec-year').value = '2024';
await context.loadLowRecognition();
expect('low recognition', out('lowrec-out'), 'Regulation (EU) 2024/1348, Art. 42(1)(j)', 'Bangladesh', 'Morocco');
document.getElementById('indicators-year').value = '2024';
await context.loadIndicators();
expect('indicators', out('indicators-out'), '997,785 applicants in the EU27 in 2024', 'Greece', '4.02', 'Venezuela', '(v) reception capacity');
document.getElementById('indicators-year').value = '2025';
await context.loadIndicators();
expect('indicators refused', out('indicators-out'), '422', 'year');
// Aggregate counts are the analyst's too (registry.stats).
await context.loadStats();
expect('stats as analyst', out('stats-out'), '0 records');

// The registry views, as its operator, on an empty store.
as('registry_operator');
await context.loadStats();
expect('stats', out('stats-out'), '0 records, 0 fingerprints');
await context.loadNotifications();
expect('notifications', out('notes-out'), '0 notification(s)');
// The registry operator has no planning right: the view shows the API's refusal.
await context.loadSolidarity();
expect('solidarity as registry operator', out('solidarity-out'), '403', 'may not');

// The audit log, as an auditor: every decision above was recorded and the chain verifies.
as('auditor');
await context.verifyAudit();
expect('audit', out('verify-out'), 'intact', 'entries');

if (failures) process.exit(1);
console.log('dashboard smoke: procedure, responsibility, family, refusal, return border, reception, documents, admission, planning, registry and audit views as expected');
