// OpenPact's dashboard: a thin client of the REST API (GET /v1/openapi.json describes it).
// Every figure comes from the server; nothing is computed here. Data are put into the page as
// text nodes only (never as HTML), and the page's Content-Security-Policy allows no inline script.
'use strict';

const TOKEN_KEY = 'openpact.token';
const $ = (id) => document.getElementById(id);

// An element with attributes and children (strings become text nodes).
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'style') e.style.cssText = v;
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function put(target, ...children) {
  const t = typeof target === 'string' ? $(target) : target;
  t.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
}

function num(v, digits = 0) {
  if (v === null || v === undefined) return '–';
  return Number(v).toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

// A report's notes, one paragraph each.
function notes(list) {
  return list.map((n) => el('p', { class: 'note' }, n));
}

function table(headers, rows, numeric = []) {
  return el('table', {},
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((cell, i) =>
      el('td', numeric.includes(i) ? { class: 'num' } : {}, cell))))));
}

// Calls the API with the session's token; answers {ok, status, data} where data is the parsed
// JSON (a problem document when not ok).
async function api(method, path, body) {
  const headers = { 'X-Purpose': 'dashboard' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body, cache: 'no-store' });
  } catch (e) {
    return { ok: false, status: 0, data: { detail: 'the server does not answer: ' + e.message } };
  }
  let data = null;
  try { data = await res.json(); } catch (e) { data = { detail: 'not JSON (' + res.status + ')' }; }
  return { ok: res.ok, status: res.status, data };
}

// A problem document (RFC 9457) as one line: status, detail, and the field at fault.
function problem(res) {
  const d = res.data || {};
  const what = res.status === 401 ? 'give a valid API token above'
    : res.status === 403 ? 'this token\'s role may not: ' + (d.detail || '') : (d.detail || '');
  return el('p', { class: 'error' }, (res.status ? res.status + ' ' : '') + what + (d.field ? ' (field: ' + d.field + ')' : ''));
}

// Runs `load` on submit of form `id`, showing a problem in `out` if the call fails.
function onSubmit(id, out, load) {
  $(id).addEventListener('submit', async (ev) => {
    ev.preventDefault();
    put(out, el('p', { class: 'note' }, 'loading…'));
    try {
      await load();
    } catch (e) {
      put(out, el('p', { class: 'error' }, String(e)));
    }
  });
}

async function checkService() {
  const health = await api('GET', '/healthz');
  const service = $('service');
  if (!health.ok) {
    service.className = 'bad';
    service.textContent = 'the service or its store does not answer';
    return;
  }
  // The version needs a token: without one, asking would only earn a 401.
  const version = sessionStorage.getItem(TOKEN_KEY) ? await api('GET', '/v1/version') : { ok: false };
  service.className = 'ok';
  service.textContent = version.ok
    ? 'service up · openpact ' + version.data.version + ' · store ' + version.data.store + ' (schema ' + version.data.schema_version + ')'
    : 'service up';
}

// ---- Registry ----
async function loadStats() {
  // A month (YYYY-MM, Art. 12(1)) or a year (YYYY, the annual statistics of Art. 12(2)).
  const period = $('stats-month').value.trim();
  const query = !period ? '' : (/^\d{4}$/.test(period) ? '?year=' : '?month=') + encodeURIComponent(period);
  const res = await api('GET', '/v1/registry/stats' + query);
  if (!res.ok) return put('stats-out', problem(res));
  const d = res.data;
  const parts = [el('p', {}, num(d.records) + ' records, ' + num(d.fingerprints) + ' fingerprints')];
  parts.push(table(['category', 'records'], Object.entries(d.by_category).map(([k, v]) => [k, num(v)]), [1]));
  const byMs = Object.entries(d.by_member_state || {});
  if (byMs.length) {
    parts.push(table(['Member State', 'records'], byMs.map(([ms, v]) =>
      [ms, typeof v === 'object' ? num(Object.values(v).reduce((a, b) => a + b, 0)) : num(v)]), [1]));
  }
  if (d.month) parts.push(el('h3', {}, 'Month ' + d.month.month), el('pre', {}, JSON.stringify(d.month, null, 2)));
  if (d.year) parts.push(el('h3', {}, 'Year ' + d.year.year), el('pre', {}, JSON.stringify(d.year, null, 2)));
  put('stats-out', parts);
}

// Shows, in `out`, the JSON the API answers for `prefix` + the id typed in field `input`.
async function showById(input, out, prefix, what) {
  const id = $(input).value.trim();
  if (!id) return put(out, 'give a ' + what + ' id');
  const res = await api('GET', prefix + encodeURIComponent(id));
  put(out, res.ok ? JSON.stringify(res.data, null, 2) : problem(res));
}

const showRecord = () => showById('record-id', 'record-out', '/v1/registry/records/', 'record');

// ---- Notifications ----
async function loadNotifications() {
  const all = $('notes-all').checked;
  const res = await api('GET', '/v1/registry/notifications' + (all ? '?all=true' : ''));
  if (!res.ok) return put('notes-out', problem(res));
  const d = res.data;
  const rows = d.notifications.map((n) => {
    const follow = n.follow_up ? n.follow_up.action + (n.follow_up.mark ? ' ' + n.follow_up.mark : '') +
      (n.follow_up.reason ? ' (' + n.follow_up.reason + ')' : '') : 'none';
    let ack = n.acknowledged_at ? 'acknowledged ' + n.acknowledged_at + ' by ' + n.acknowledged_by : null;
    if (!ack) {
      ack = el('button', { type: 'button' }, 'Acknowledge');
      ack.addEventListener('click', async () => {
        const r = await api('POST', '/v1/registry/notifications/' + encodeURIComponent(n.id) + '/acknowledge', '');
        if (!r.ok) return put('notes-out', problem(r));
        loadNotifications();
      });
    }
    return [n.created_at, n.recipient_member_state, n.event, n.about.member_state + ' ' + n.about.reference,
      n.your_record.id + ' (' + n.your_record.category + ')', follow, n.legal_basis, ack];
  });
  put('notes-out', el('p', {}, d.count + ' notification(s)' + (d.more ? ', more not listed' : '')),
    table(['created', 'to', 'event', 'about', 'your record', 'follow-up', 'basis', ''], rows));
}

// ---- Screening (border guards) ----
async function loadScreeningList() {
  const q = new URLSearchParams({ member_state: $('screening-ms').value.trim() });
  const due = $('screening-due').value.trim();
  if (due) q.set('due_by', due);
  const res = await api('GET', '/v1/screenings?' + q.toString());
  if (!res.ok) return put('screening-list-out', problem(res));
  const d = res.data;
  const rows = d.screenings.map((f) => [f.id, f.location, f.event_date, f.must_end_on + (f.limit_uncertain ? ' (start uncertain)' : ''),
    num(f.days_left), f.state, f.checks_missing.join(', ') || 'none',
    (f.form_items_missing.length ? f.form_items_missing.length + ' item(s)' : 'complete') +
      (f.representative_missing ? ' · unaccompanied minor without a representative (Art. 13(3))' : '')]);
  put('screening-list-out', el('p', {}, d.count + ' open screening(s) of ' + d.member_state + ' as of ' + d.at + (d.more ? ', more not listed' : '')),
    table(['file', 'location', 'event', 'limit', 'days left', 'state', 'checks missing', 'form'], rows, [4]),
    el('p', { class: 'note' }, d.note));
}

const showScreening = () => showById('screening-id', 'screening-show-out', '/v1/screenings/', 'screening');

// ---- Border procedure (APR Arts. 43-54) ----
async function loadBorderList() {
  const q = new URLSearchParams({ member_state: $('bp-ms').value.trim() });
  const due = $('bp-due').value.trim();
  if (due) q.set('due_by', due);
  const res = await api('GET', '/v1/border-procedures?' + q.toString());
  if (!res.ok) return put('bp-list-out', problem(res));
  const d = res.data;
  const rows = d.border_procedures.map((f) => [f.id, f.registered_on, f.must_end_on + ' (' + f.period + ')', num(f.days_left),
    f.state, f.detained_since ? 'since ' + f.detained_since : 'no', f.minor ? 'yes' : 'no', f.must_leave ? 'must leave (Art. 53)' : '']);
  const rb = d.return_border_procedures;
  const returning = rb.files.map((f) => [f.id, f.from, f.must_end_on, num(f.days_left), f.state,
    f.detained_since ? 'since ' + f.detained_since : 'no', f.minor ? 'yes' : 'no',
    f.removal_barred ? (f.removal_barred.reason === 'time_to_ask_to_remain_not_recorded' ? 'possibly barred: ' : 'barred: ') + f.removal_barred.message + ' (' + f.removal_barred.legal_basis + ')' : 'not barred by an appeal stage']);
  put('bp-list-out', el('p', {}, d.count + ' open border procedure(s) of ' + d.member_state + ' as of ' + d.at + (d.more ? ', more not listed' : '')),
    table(['file', 'registered', 'limit', 'days left', 'state', 'detained', 'minor', ''], rows, [3]),
    el('p', {}, rb.count + ' in the return border procedure (Regulation (EU) 2024/1349, Art. 4(2))' + (rb.more ? ', more not listed' : '')),
    rb.count ? table(['file', 'right to remain ended', 'maximum period ends', 'days left', 'state', 'detained', 'minor', 'removal (APR Art. 68)'], returning, [3]) : null,
    el('p', { class: 'note' }, d.note));
}

const showBorderProcedure = () => showById('bp-id', 'bp-show-out', '/v1/border-procedures/', 'border procedure');

// Responsibility files (AMMR Part III): the work list, each file with its time limits not yet met.
async function loadResponsibilityList() {
  const q = new URLSearchParams({ member_state: $('rf-ms').value.trim() });
  const due = $('rf-due').value.trim();
  if (due) q.set('due_by', due);
  if ($('rf-received').checked) q.set('received', 'true');
  const res = await api('GET', '/v1/responsibility-files?' + q.toString());
  if (!res.ok) return put('rf-list-out', problem(res));
  const d = res.data;
  // Who acts, where it is not this State's authority: the other State's reply, a court, the applicant.
  const who = (t) => (t.by === d.member_state && t.actor === 'authority' ? ''
    : ', ' + (t.actor === 'authority' ? 'by ' + t.by : t.actor + ' in ' + t.by));
  const limits = (f) => (f.error ? 'not decided: ' + f.error.message
    : f.time_limits.map((t) => t.name + ' ' + t.date + ' (' + t.state + ', ' + num(t.days_left) + ' days' + who(t) + ')')
      .join('; ') || 'none pending');
  const rows = d.files.map((f) => [f.id, f.registered_on, f.responsible_member_state || 'undetermined', f.procedure,
    f.requested_member_state || '', 'v' + f.version, f.family_id || '', limits(f)]);
  put('rf-list-out', el('p', {}, d.files.length + (d.received ? ' open request(s) received by ' : ' open responsibility file(s) of ') +
    d.member_state + ' as of ' + d.at +
    (d.more ? ', more not listed' : '')),
    table(['file', 'registered', 'responsible', 'procedure', 'requested', 'version', 'family', 'time limits not yet met'], rows, []));
}

const showResponsibilityFile = () => showById('rf-id', 'rf-show-out', '/v1/responsibility-files/', 'responsibility file');

// Opens a file with the case, or records it as the named file's next version.
async function recordResponsibilityCase() {
  const id = $('rf-case-id').value.trim();
  const received = $('rf-case-received').value.trim();
  const path = id ? '/v1/responsibility-files/' + encodeURIComponent(id) + '/case'
    : '/v1/responsibility-files' + (received ? '?received_by=' + encodeURIComponent(received) : '');
  const res = await api('POST', path, $('rf-case').value);
  if (!res.ok) return put('rf-case-out', problem(res));
  const f = res.data;
  put('rf-case-out', el('p', {}, el('strong', {}, (id ? 'recorded ' : 'opened ') + f.id + ', version ' + f.version)),
    el('p', {}, 'responsible: ' + (f.responsible_member_state || 'undetermined') + ' (' + f.decision.criterion + ', ' +
      f.decision.legal_basis + ') · procedure: ' + f.procedure + ' · next time limit: ' + (f.next_time_limit_on || 'none pending')),
    ...(f.received ? [el('p', {}, 'received by ' + f.received.by + ' from ' + f.received.requesting_member_state +
      '; the case requests ' + (f.received.request_designates || 'no Member State')),
    f.received.reply_duties.length ? table(['the reply owes', 'legal basis'],
      f.received.reply_duties.map((x) => [x.duty, x.legal_basis])) : null,
    ...f.received.notes.map((n) => el('p', { class: 'note' }, n))] : []));
}

// The family procedure (Art. 28): the file joins another's family, or leaves its own.
async function changeResponsibilityFamily() {
  const id = $('rf-family-id').value.trim();
  const other = $('rf-family-with').value.trim();
  const path = '/v1/responsibility-files/' + encodeURIComponent(id) + '/family';
  const res = other ? await api('POST', path, JSON.stringify({ with: other })) : await api('DELETE', path);
  if (!res.ok) return put('rf-family-out', problem(res));
  const d = res.data;
  if (!other) {
    return put('rf-family-out', el('p', {}, d.id + ' left family ' + d.left_family + ': decided alone, responsible ' +
      (d.responsible_member_state || 'undetermined') + ' (' + d.decision.criterion + ')'));
  }
  const f = d.family;
  put('rf-family-out', el('p', {}, el('strong', {}, 'family ' + f.id + ': ' + (f.responsible_member_state || 'no single State') +
      (f.legal_basis ? ' (' + f.legal_basis + ')' : ''))), el('p', {}, f.reason),
    table(['file', 'registered', 'designated alone', 'responsible'],
      f.files.map((m) => [m.id, m.registered_on, m.designated_alone || '—', m.responsible_member_state || 'undetermined']), []),
    ...f.flags.map((x) => el('p', { class: 'note' }, x.code + ': ' + x.message)));
}

async function loadBorderOccupancy() {
  const q = new URLSearchParams({ member_state: $('bp-occ-ms').value.trim() });
  const at = $('bp-occ-at').value.trim();
  if (at) q.set('at', at);
  const returning = $('bp-occ-return').value.trim();
  if (returning) q.set('return_border', returning);
  const res = await api('GET', '/v1/planning/border-procedure?' + q.toString());
  if (!res.ok) return put('bp-occupancy-out', problem(res));
  const d = res.data;
  const yes = (b) => (b === null ? 'not known' : b ? 'yes' : 'no');
  put('bp-occupancy-out', table(['', 'count', 'against', 'reached'], [
    ['in the border procedure on ' + d.at + ' (Art. 48(2)-(3))', num(d.in_border_procedure), num(d.adequate_capacity), yes(d.art_42_1_j_relief.at_or_above_capacity)],
    ['with the ' + num(d.in_return_border_procedure) + ' in the return border procedure' +
      (d.others_in_return_border_procedure === null ? '' : ' and ' + num(d.others_in_return_border_procedure) + ' given') +
      ' (Art. 48(1))', num(d.notification.counted), num(d.adequate_capacity), yes(d.notification.at_or_above_capacity)],
    ['examined since ' + d.annual_maximum.year_from + ' (Art. 47(3)): taken into the border procedure', num(d.annual_maximum.examined), num(d.annual_maximum.maximum),
      yes(d.annual_maximum.reached)],
    ['examined since ' + d.annual_maximum.year_from + ' (Art. 47(3)): concluded there in a decision', num(d.annual_maximum.concluded), num(d.annual_maximum.maximum),
      yes(d.annual_maximum.reached_if_concluded)]], [1, 2]),
  el('h3', {}, 'Where they stay (' + d.places.legal_basis + ')'),
  table(['place', 'in the border procedure', 'in the return border procedure', 'capacity', 'in the register (Art. 54(3))'],
    d.places.places.map((p) => [p.place, num(p.in_border_procedure), num(p.in_return_border_procedure),
      p.capacity === null ? '' : num(p.capacity),
      p.designated === null ? 'no register kept' : !p.designated ? 'not designated that day'
        : p.over_capacity ? 'designated: over capacity' : 'designated']
    ).concat([['no place recorded', num(d.places.place_not_recorded), num(d.places.return_place_not_recorded), '', '']]),
    [1, 2, 3]),
  el('p', {}, d.places.capacity_total === null ? 'No place designated that day in the register.'
    : 'The designated places hold ' + num(d.places.capacity_total) + ' together' +
      (d.places.capacity_total_below_adequate === null ? '.'
        : d.places.capacity_total_below_adequate ? ': below the adequate capacity.' : ': at or above the adequate capacity.')),
  ...notes(d.notes));
}

// The register of the places (APR Art. 54(3)): each place, its capacity, and whether the
// Commission was told of each change in time.
async function loadBorderPlaces() {
  const q = new URLSearchParams({ member_state: $('bp-places-ms').value.trim() });
  const at = $('bp-places-at').value.trim();
  if (at) q.set('at', at);
  const res = await api('GET', '/v1/border-places?' + q.toString());
  if (!res.ok) return put('bp-places-out', problem(res));
  const d = res.data;
  const rows = [];
  for (const p of d.places) {
    for (const c of p.changes) {
      const n = c.notification;
      rows.push([p.place, c.change + ' from ' + c.effective_on, c.capacity === null ? '' : num(c.capacity),
        n.state.replaceAll('_', ' ') + (n.due_by === null ? '' : ' (due by ' + n.due_by + ')') +
          (c.notified_on === null ? '' : ', notified on ' + c.notified_on)]);
    }
  }
  put('bp-places-out',
    el('p', {}, d.member_state + ' on ' + d.at + ': ' + num(d.designated) + ' place(s) designated' +
      (d.capacity_total === null ? '' : ', holding ' + num(d.capacity_total) + ' together') + ' · notifications overdue: ' +
      num(d.notifications_overdue) + ' (' + d.legal_basis + ')'),
    rows.length ? table(['place', 'change', 'capacity', 'notification to the Commission'], rows, [2])
      : el('p', {}, 'No place recorded.'),
    ...notes(d.notes));
}

// ---- Monitoring (the independent monitoring mechanism, Screening Reg. Art. 10(2)) ----
async function loadMonitoring() {
  const q = new URLSearchParams({ member_state: $('monitor-ms').value.trim(), sample: $('monitor-sample').value.trim() });
  const seed = $('monitor-seed').value.trim();
  if (seed) q.set('seed', seed);
  const res = await api('GET', '/v1/monitoring/screening?' + q.toString());
  if (!res.ok) return put('monitor-out', problem(res));
  const d = res.data;
  const t = d.time_limit;
  const parts = [el('p', {}, d.screenings + ' screening file(s) of ' + d.member_state + ' as of ' + d.at + ': ' +
    d.open + ' open, ' + d.closed + ' closed; ' + t.closed_late.length + ' closed after the time limit, ' +
    t.open_overdue.length + ' open past it (' + t.legal_basis + ')' +
    (d.durations.closed ? '; closed after ' + d.durations.median_days + ' day(s) at the median, ' + d.durations.longest_days + ' at the longest' : ''))];
  if (t.closed_late.length) {
    parts.push(el('h3', {}, 'Closed after the time limit'),
      table(['file', 'limit', 'closed', 'days late'], t.closed_late.map((x) => [x.id, x.must_end_on, x.closed_on, num(x.days_late)]), [3]));
  }
  if (t.open_overdue.length) {
    parts.push(el('h3', {}, 'Open past the time limit'),
      table(['file', 'event', 'limit', 'days overdue'], t.open_overdue.map((x) => [x.id, x.event_date, x.must_end_on, num(x.days_overdue)]), [3]));
  }
  parts.push(el('h3', {}, 'Elements of Art. 8(5) not recorded (' + d.elements.full_screenings + ' full screening(s))'),
    table(['check', 'files', 'basis'], Object.entries(d.elements.checks).map(([k, v]) =>
      [k, v.not_recorded.length ? v.not_recorded.join(', ') : 'none', v.legal_basis])));
  parts.push(el('p', {}, 'Minors: ' + (d.minors.screenings.join(', ') || 'none') +
    ' · unaccompanied without a representative (Art. 13(3)): ' + (d.minors.without_representative.join(', ') || 'none') +
    ' · representatives with more than ' + d.minors.representative_caseload.at_most + ' minors (Art. 13(5)): ' +
    (d.minors.representative_caseload.above.map((x) => x.id + ' (' + x.minors_assigned + ')').join(', ') || 'none') +
    ' · applicants not referred to the asylum authorities: ' +
    (d.applicants_not_referred_to_asylum.map((x) => x.id + ' (' + x.referral + ')').join(', ') || 'none')));
  parts.push(el('h3', {}, 'Drawn at random: ' + d.sample.size + ' file(s), seed ' + d.sample.seed),
    el('pre', {}, JSON.stringify(d.sample.screenings, null, 2)));
  put('monitor-out', parts);
}

// The same mechanism for the border procedure (APR Art. 43(4)).
async function loadBorderMonitoring() {
  const q = new URLSearchParams({ member_state: $('bp-monitor-ms').value.trim(), sample: $('bp-monitor-sample').value.trim() });
  const seed = $('bp-monitor-seed').value.trim();
  if (seed) q.set('seed', seed);
  const res = await api('GET', '/v1/monitoring/border-procedure?' + q.toString());
  if (!res.ok) return put('bp-monitor-out', problem(res));
  const d = res.data;
  const t = d.time_limit;
  const parts = [el('p', {}, d.border_procedures + ' border procedure file(s) of ' + d.member_state + ' as of ' + d.at + ': ' +
    d.open + ' open, ' + d.closed + ' closed; ' + t.closed_late.length + ' closed after the time limit, ' +
    t.open_overdue.length + ' open past it (' + t.legal_basis + ')' +
    (d.durations.closed ? '; closed after ' + d.durations.median_days + ' day(s) at the median, ' + d.durations.longest_days + ' at the longest' : ''))];
  parts.push(table(['outcome', 'files'], Object.entries(d.outcomes).map(([k, v]) => [k, num(v)]), [1]));
  if (t.closed_late.length || t.open_overdue.length || t.right_to_remain_ended_late.length) {
    parts.push(el('h3', {}, 'Past the time limit'),
      table(['file', 'limit', 'closed', 'days past'], t.closed_late.map((x) => [x.id, x.must_end_on, x.closed_on, num(x.days_late)])
        .concat(t.open_overdue.map((x) => [x.id, x.must_end_on, 'open', num(x.days_overdue)]))
        .concat(t.right_to_remain_ended_late.map((x) => [x.id, x.must_end_on, x.closed_on + ', right to remain ended ' +
          x.right_to_remain_ended_on, num(x.days_late)])), [3]));
  }
  parts.push(el('h3', {}, 'Detained on ' + d.at + ' (' + d.detained.legal_basis + ')'),
    d.detained.files.length ? table(['file', 'since', 'days', 'minor'], d.detained.files.map((x) => [x.id, x.since, num(x.days), x.minor ? 'yes' : 'no']), [2])
      : el('p', {}, 'none'));
  const review = d.detention_review;
  const unreviewed = review.after_21_days.map((x) => [x.id, x.detained_since, x.limit, x.reviewed_on || 'not by then',
    x.released_on || '', 'past 21 days: release']).concat(review.after_15_days.map((x) => [x.id, x.detained_since,
    x.limit, x.reviewed_on || 'not by then', x.released_on || '', 'past 15 days']));
  parts.push(el('h3', {}, 'Detention not reviewed in time (' + review.legal_basis + ')'),
    unreviewed.length ? table(['file', 'detained since', 'limit', 'reviewed', 'released', ''], unreviewed) : el('p', {}, 'none'));
  const rb = d.return_border;
  parts.push(el('p', {}, 'Return border procedure (' + rb.legal_basis + '): ' + rb.in_procedure + ' in it, ' +
    rb.open_overdue.length + ' past its maximum period, ' + rb.closed_late.length + ' ended after it'));
  const ap = d.appeals;
  parts.push(el('h3', {}, 'Appeals (' + ap.legal_basis + ')'),
    el('p', {}, 'Recorded: ' + Object.entries(ap.recorded).map(([k, v]) => k + ' ' + num(v)).join(', ')));
  const appealRows = ap.removed_while_barred.map((x) => [x.id, 'removed on ' + x.removed_on + (x.reason === 'time_to_ask_to_remain_not_recorded' ? ' while possibly barred' : ' while barred'), x.message + ' (' + x.legal_basis + ')'])
    .concat(ap.appeal_allowed_after_removal.map((x) => [x.id, 'appeal allowed on ' + x.allowed_on, 'after the removal on ' + x.removed_on]))
    .concat(ap.leave_to_remain_pending.map((x) => [x.id, 'request to remain undecided', 'since ' + x.requested_on + ' (' + x.days + ' days)']))
    .concat(ap.completed_after_time_limit.map((x) => [x.id, x.stage + ' completed after the time limit (Art. 51(2))',
      (x.decided_on ? 'decided ' + x.decided_on : 'undecided') + ', ' + x.days_late + ' day(s) past ' + x.must_end_on]));
  parts.push(appealRows.length ? table(['file', 'what', ''], appealRows) : el('p', {}, 'nothing to check in the appeal stages'));
  parts.push(el('p', {}, 'Exceptions of Art. 53(2) recorded: ' + (d.exceptions.files.map((x) => x.id + ' (' + x.points.join(', ') +
    (x.followed ? ', followed' : ', not followed') + ')').join('; ') || 'none') + ' · unaccompanied minors outside Art. 42(3)(b): ' +
    (d.unaccompanied_minors.outside_art_42_3_b.join(', ') || 'none') + ' · minors: ' + (d.minors.places.map((m) => m.id + (m.place ? ' at ' + m.place : ' (no place recorded)')).join(', ') || 'none')));
  parts.push(el('p', {}, 'Staying outside the register of places (' + d.places.legal_basis + '): ' +
    (!d.places.register_kept ? 'no register kept'
      : d.places.not_designated.map((x) => x.id + ' at ' + x.place + ' (' + x.phase.replaceAll('_', ' ') +
        (x.minor ? ', a minor' : '') + ')').join('; ') || 'none')));
  parts.push(el('h3', {}, 'Drawn at random: ' + d.sample.size + ' file(s), seed ' + d.sample.seed),
    el('pre', {}, JSON.stringify(d.sample.border_procedures, null, 2)));
  put('bp-monitor-out', parts);
}

// ---- Planning ----
// Pledges as "DEU=1000/600 FRA=200": relocations pledged, and optionally those carried out or
// accepted by the year's end (AMMR Art. 63(5)); with any, the report is asked by POST.
function parsePledges(text) {
  const pledges = {};
  for (const item of text.split(/[\s,;]+/).filter((x) => x !== '')) {
    const [code, figures] = item.split(/[=:]/);
    const [relocations, accepted] = (figures || '').split('/');
    const p = { relocations: Number(relocations) };
    if (accepted !== undefined && accepted !== '') p.relocations_accepted = Number(accepted);
    pledges[(code || '').toUpperCase()] = p;
  }
  return pledges;
}

async function loadSolidarity() {
  const year = $('solidarity-year').value.trim();
  const pledges = $('solidarity-pledges').value.trim();
  const res = pledges === ''
    ? await api('GET', '/v1/planning/solidarity?year=' + encodeURIComponent(year))
    : await api('POST', '/v1/planning/solidarity', JSON.stringify({ year: Number(year), pledges: parsePledges(pledges) }));
  if (!res.ok) return put('solidarity-out', problem(res));
  const d = res.data;
  const max = Math.max(...d.member_states.map((m) => m.fair_share_pct || 0));
  const rows = d.member_states.map((m) => [m.name, m.takes_part ? num(m.fair_share_pct, 2) + ' %' : 'not taking part',
    el('span', { class: 'bar', style: 'width:' + (m.takes_part ? (12 * (m.fair_share_pct || 0) / max).toFixed(2) : 0) + 'rem' }),
    num(m.fair_share_relocations), num(m.fair_share_eur), m.role, m.pressure || '',
    m.pledge ? num(m.pledge.relocations) : '', m.pledge ? num(m.pledge.unexecuted_relocations) : '']);
  put('solidarity-out',
    el('p', {}, 'Offsets (Art. 63(3)): ' + d.offsets + (d.offsets_due !== undefined ? ' · due: ' + num(d.offsets_due) : '')),
    el('p', {}, 'Offsets instead of relocations (Art. 63(1)-(2)): ' + d.voluntary_offsets),
    d.year_end_offsets ? el('p', {}, 'Year-end offsets: ' + d.year_end_offsets) : null,
    table(['Member State', 'fair share', '', 'relocations', 'EUR', 'role', 'migratory situation', 'pledged',
      'not carried out'], rows, [1, 3, 4, 7, 8]),
    d.missing_inputs.length ? el('p', { class: 'note' }, 'Missing inputs: ' + d.missing_inputs.join('; ')) : null,
    notes(d.notes));
}

// Crisis Regulation Art. 9: the offsets when a crisis's relocation needs are not met. Empty
// fields are left out (the report then lists them as missing); the split needs the per-State
// commitments ("DEU=3000 FRA=2000").
// A beneficiary's request for offsets instead of relocations (AMMR Arts. 63(1)-(2), 69).
async function loadOffsetRequest() {
  const body = { requesting: $('oreq-from').value.trim().toUpperCase(), requested: $('oreq-to').value.trim().toUpperCase(),
    applications: Number($('oreq-n').value.trim()) };
  const received = $('oreq-received').value.trim();
  if (received !== '') body.received_on = received;
  const pledges = $('oreq-pledges').value.trim();
  if (pledges !== '') body.pledges = parsePledges(pledges);
  if ($('oreq-offered').checked) body.offered = true;
  const res = await api('POST', '/v1/planning/offset-request', JSON.stringify(body));
  if (!res.ok) return put('offset-request-out', problem(res));
  const d = res.data;
  put('offset-request-out',
    el('p', {}, d.requesting.name + ' asks ' + d.requested.name + ' for ' + num(d.applications) + ' application(s): ' +
      (d.allowed === 'yes' ? 'may be asked' : d.allowed === 'no' ? 'may not be asked' : 'undetermined') +
      (d.reply_due ? ' · answer due by ' + d.reply_due + ' (Art. 69(2))' : '') +
      (d.requested_offset_cap === null ? '' : ' · its cap ' + num(d.requested_offset_cap) + ' (Art. 63(7))')),
    table(['legal basis', 'finding'], d.findings.map((f) => [f.legal_basis, f.finding])),
    ...d.missing_inputs.map((m) => el('p', { class: 'note' }, 'missing: ' + m)),
    ...notes(d.notes));
}

async function loadCrisisOffsets() {
  const body = { member_state: $('offsets-ms').value.trim().toUpperCase() };
  const whole = (id, key) => {
    const v = $(id).value.trim();
    if (v !== '') body[key] = Number(v);
  };
  whole('offsets-needs', 'relocation_needs');
  whole('offsets-money', 'financial_needs_eur');
  whole('offsets-eligible', 'eligible_applications');
  whole('offsets-others', 'other_beneficiaries_uncovered');
  const per = $('offsets-commitments').value.trim();
  if (per !== '') {
    body.commitments = {};
    for (const item of per.split(/[\s,;]+/)) {
      const [code, n] = item.split(/[=:]/);
      body.commitments[(code || '').toUpperCase()] = Number(n);
    }
  } else {
    whole('offsets-committed', 'relocations_committed');
  }
  const exempted = $('offsets-exempted').value.trim();
  if (exempted !== '') body.not_contributing = exempted.split(/[\s,;]+/).map((c) => c.toUpperCase());
  if ($('offsets-tpd').checked) body.temporary_protection_article_11_disapplied = true;
  if ($('offsets-art13').checked) body.article_13_authorised = true;
  const res = await api('POST', '/v1/planning/crisis-offsets', JSON.stringify(body));
  if (!res.ok) return put('offsets-out', problem(res));
  const d = res.data;
  const figure = (v) => (v === null ? '–' : num(v));
  const rows = d.contributors.map((c) => [c.name, num(c.fair_share_pct, 2) + ' %', num(c.fair_share, 1),
    figure(c.fair_share_eur), figure(c.committed), figure(c.offsets), figure(c.above_fair_share)]);
  put('offsets-out',
    el('p', {}, d.member_state_name + ': ' + d.status.replaceAll('_', ' ') + ' · needs ' + figure(d.relocation_needs) +
      ' · committed ' + figure(d.relocations_committed) + ' · offsets ' + figure(d.offsets) + ' · uncovered ' +
      figure(d.uncovered) + ' · High-Level Forum ' + d.forum.replaceAll('_', ' ') +
      ' · reconvened for the other beneficiaries (Art. 9(6)) ' + d.forum_reconvened.replaceAll('_', ' ')),
    el('ul', {}, d.findings.map((f) => el('li', {}, f.finding + ' [' + f.legal_basis + ']'))),
    el('p', { class: 'note' }, 'Split: ' + d.allocation),
    table(['Member State', 'key', 'fair share', 'EUR', 'committed', 'offsets', 'above fair share'], rows, [1, 2, 3, 4, 5, 6]),
    d.missing_inputs.length ? el('p', { class: 'note' }, 'Missing inputs: ' + d.missing_inputs.join('; ')) : null,
    notes(d.notes));
}

async function loadCapacity() {
  const at = $('capacity-at').value.trim();
  const res = await api('GET', '/v1/planning/capacity?at=' + encodeURIComponent(at));
  if (!res.ok) return put('capacity-out', problem(res));
  const d = res.data;
  const rows = d.member_states.map((m) => [m.name, num(m.published_adequate_capacity), num(m.annual_maximum_at_date),
    num(m.computed_adequate_capacity), m.check || '', (m.missing_inputs || []).join('; ')]);
  put('capacity-out', el('p', {}, 'Union adequate capacity ' + num(d.union_adequate_capacity) + ' (' + d.legal_basis + ')'),
    table(['Member State', 'published', 'annual maximum', 'recomputed', 'check', 'missing'], rows, [1, 2, 3]));
}

async function loadRoutes() {
  const from = $('routes-from').value.trim(), to = $('routes-to').value.trim();
  const res = await api('GET', '/v1/planning/routes?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to));
  if (!res.ok) return put('routes-out', problem(res));
  const d = res.data;
  const row = (r) => [r.route, num(r.total), num(r.share_pct, 1) + ' %', r.year_on_year_pct === null ? '–' : num(r.year_on_year_pct, 1) + ' %',
    num(r.trend_per_month), r.change_point || ''];
  put('routes-out', el('p', { class: 'note' }, 'Source: Frontex (' + d.source + ')'),
    table(['route', 'detections', 'share', 'year on year', 'trend / month', 'change point'],
      [...d.routes.map(row), row(d.total)], [1, 2, 3, 4]));
}

async function loadLowRecognition() {
  const year = $('lowrec-year').value.trim();
  const res = await api('GET', '/v1/planning/low-recognition?year=' + encodeURIComponent(year));
  if (!res.ok) return put('lowrec-out', problem(res));
  const d = res.data;
  const rate = (e) => e.rate_pct !== null ? num(e.rate_pct, 1) + ' %' : 'at most ' + num(e.upper_bound_pct, 1) + ' %';
  put('lowrec-out', el('p', {}, d.legal_basis + ': ' + d.definition),
    table(['nationality', 'rate', 'scope', 'source'], d.at_or_below.map((e) => [e.name, rate(e), e.scope, e.source]), [1]),
    d.missing_inputs.length ? el('p', { class: 'note' }, 'No usable figure: ' + d.missing_inputs.join('; ')) : null);
}

async function loadIndicators() {
  const year = $('indicators-year').value.trim();
  const res = await api('GET', '/v1/planning/indicators?year=' + encodeURIComponent(year) + '&top=10');
  if (!res.ok) return put('indicators-out', problem(res));
  const d = res.data;
  const opt = (v, digits = 0) => (v === null ? '–' : num(v, digits));
  const states = d.member_states.map((m) => [m.name, opt(m.applicants), opt(m.change_pct, 1), opt(m.per_1000_inhabitants, 2),
    opt(m.share_pct, 2), opt(m.key_share_pct, 2), opt(m.relative_to_key, 2), m.pressure.replaceAll('_', ' ')]);
  const rate = (c) => (c.recognition_rate_pct !== null ? num(c.recognition_rate_pct, 1) + ' %'
    : c.recognition_upper_bound_pct !== null ? 'at most ' + num(c.recognition_upper_bound_pct, 1) + ' %' : '–');
  const citizenships = d.citizenships.map((c) => [c.name, num(c.applicants), opt(c.change_pct, 1), num(c.share_pct, 2), rate(c)]);
  put('indicators-out', el('p', {}, d.legal_basis + ': ' + num(d.applicants_published) + ' applicants in the EU27 in ' + d.year),
    table(['State', 'applicants', 'change %', 'per 1,000', 'share %', 'key %', '× key', 'pressure'], states, [1, 2, 3, 4, 5, 6]),
    table(['citizenship', 'applicants', 'change %', 'share %', 'recognition rate'], citizenships, [1, 2, 3]),
    el('p', { class: 'note' }, 'Missing inputs: ' + d.missing_inputs.join('; ')),
    notes(d.notes));
}

// The outgoing responsibility procedures of a period, counted from the responsibility files.
async function loadResponsibilityReport() {
  const q = new URLSearchParams({ member_state: $('rf-report-ms').value.trim() });
  for (const [key, input] of [['from', 'rf-report-from'], ['to', 'rf-report-to']]) {
    const v = $(input).value.trim();
    if (v) q.set(key, v);
  }
  const res = await api('GET', '/v1/planning/responsibility-files?' + q.toString());
  if (!res.ok) return put('rf-report-out', problem(res));
  const d = res.data;
  const kinds = [['take charge requests', d.take_charge_requests], ['take back notifications', d.take_back_notifications],
    ['accepted or confirmed', d.accepted_or_confirmed], ['transfer decisions', d.transfer_decisions], ['transfers', d.transfers]];
  const by = (c) => Object.entries(c.by_member_state).map(([ms, n]) => ms + ' ' + num(n)).join(', ');
  put('rf-report-out', el('p', {}, d.member_state + ', ' + (d.from || 'the start') + ' to ' + (d.to || 'now') + ': ' +
    num(d.files) + ' file(s), ' + num(d.registered_in_period) + ' registered in the period (' + d.legal_basis + ')'),
    table(['', 'total', 'by Member State designated', 'legal basis'], kinds.map(([name, c]) => [name, num(c.total), by(c), c.legal_basis]), [1]),
    el('p', {}, 'Requests received (Arts. 40-41): ' + num(d.received.files) + ' file(s)'),
    table(['', 'total', 'by Member State that sent them', 'legal basis'],
      [['take charge requests received', d.received.take_charge_requests],
        ['take back notifications received', d.received.take_back_notifications],
        ['accepted or confirmed', d.received.accepted_or_confirmed], ['transfers received', d.received.transfers]]
        .map(([name, c]) => [name, num(c.total), by(c), c.legal_basis]), [1]),
    ...passedLimits('Time limits passed on this State\'s own files', d.time_limits_passed),
    ...passedLimits('Time limits passed on the requests received', d.received.time_limits_passed),
    notes(d.notes));
}

// The time limits of a report that passed without being met in time, by limit and by the Member
// State on whom each ran.
function passedLimits(title, p) {
  const rows = Object.entries(p.by_limit).map(([name, n]) => [name, n.actor, num(n.late), num(n.not_done),
    Object.entries(n.by_member_state).map(([ms, k]) => ms + ' ' + num(k)).join(', ')]);
  return [el('p', {}, title + ' (decided on ' + p.decided_on + '): ' + num(p.total)),
    rows.length ? table(['time limit', 'who acts', 'met late', 'not met', 'on whom'], rows, [2, 3]) : null,
    p.files_not_decided.length ? el('p', { class: 'note' }, 'Not decided: ' +
      p.files_not_decided.map((f) => f.id + ' (' + f.message + ')').join('; ')) : null];
}

// ---- Decide ----
async function decide() {
  const at = $('decide-at').value.trim();
  const res = await api('POST', '/v1/decisions/procedure' + (at ? '?at=' + encodeURIComponent(at) : ''), $('decide-case').value);
  if (!res.ok) return put('decide-out', problem(res));
  const d = res.data;
  put('decide-out',
    el('p', {}, el('strong', {}, d.admissibility + ' · ' + d.procedure + ' procedure · border procedure: ' + d.border_procedure +
      ' · right to remain (Art. 10): ' + d.right_to_remain)),
    table(['ground', 'legal basis', 'status', 'effect'], d.grounds.map((g) => [g.explanation, g.legal_basis, g.status, g.effect])),
    table(['deadline', 'date', 'state', 'legal basis'], d.deadlines.map((t) => [t.name, t.date, t.state, t.legal_basis])),
    el('pre', {}, JSON.stringify(d, null, 2)));
}

// One member's (or one case's) responsibility decision, as the page shows it.
function responsibilityView(d) {
  const who = d.responsible_member_state === null ? 'not designated' : d.responsible_member_state;
  return [
    el('p', {}, el('strong', {}, 'Responsible: ' + who + ' · ' + d.criterion + ' (' + d.legal_basis + ') · ' + d.procedure +
      (d.requested_member_state ? ' → ' + d.requested_member_state : ''))),
    table(['criterion', 'applies', 'Member State', 'reason'],
      d.considered.map((c) => [c.criterion, c.applies ? 'yes' : 'no', c.member_state || '', c.reason])),
    table(['deadline', 'date', 'state', 'on whom', 'legal basis'], d.deadlines.map((t) =>
      [t.name, t.date, t.state, t.actor === 'authority' ? t.by : t.actor + ' in ' + t.by, t.legal_basis])),
    d.flags.length ? table(['flag', 'message'], d.flags.map((f) => [f.code, f.message])) : null,
    el('p', { class: 'note' }, 'Criteria of ' + d.regime),
  ];
}

// A case, or a family's cases ({"members": [...]}: the family procedure, Art. 28).
async function decideResponsibility() {
  const query = new URLSearchParams();
  const at = $('responsibility-at').value.trim();
  const record = $('responsibility-record').value.trim();
  const text = $('responsibility-case').value;
  let family = false;
  try { family = Array.isArray(JSON.parse(text).members); } catch (e) { /* the server names the error */ }
  if (at) query.set('at', at);
  if (record && !family) query.set('record', record);  // the applicant's Eurodac hits from the registry
  const path = '/v1/decisions/responsibility' + (family ? '/family' : '');
  const res = await api('POST', path + (query.toString() ? '?' + query : ''), text);
  if (!res.ok) return put('responsibility-out', problem(res));
  const d = res.data;
  if (!family) {
    return put('responsibility-out', ...responsibilityView(d), el('p', { class: 'note' }, 'Not assessed: ' + d.not_assessed.join('; ')));
  }
  const head = d.family_procedure
    ? 'Family procedure: ' + (d.responsible_member_state || 'not designated') + ' (' + d.legal_basis + '): ' + d.reason
    : 'No family procedure needed: ' + d.reason;
  put('responsibility-out', el('p', {}, el('strong', {}, head)),
    d.flags.length ? table(['flag', 'message'], d.flags.map((f) => [f.code, f.message])) : null,
    ...d.members.flatMap((m, i) => [el('h3', {}, 'Member ' + i), ...responsibilityView(m)]));
}

// A rejection in the border procedure and its appeal: the return border procedure's answer.
async function decideReturnBorder() {
  const at = $('return-border-at').value.trim();
  const res = await api('POST', '/v1/decisions/return-border' + (at ? '?at=' + encodeURIComponent(at) : ''), $('return-border-case').value);
  if (!res.ok) return put('return-border-out', problem(res));
  const d = res.data;
  const ended = d.right_to_remain_ended_on === null ? 'not ended' : d.right_to_remain_ended_on;
  put('return-border-out',
    el('p', {}, el('strong', {}, 'Return border procedure: ' + d.return_border_procedure + ' · right to remain ended: ' + ended +
      ' · voluntary departure: ' + d.voluntary_departure + ' · detention: ' + d.detention)),
    table(['ground', 'legal basis', 'status', 'effect'], d.grounds.map((g) => [g.explanation, g.legal_basis, g.status, g.effect])),
    table(['deadline', 'date', 'state', 'legal basis'], d.deadlines.map((t) => [t.name, t.date, t.state, t.legal_basis])),
    d.flags.length ? table(['flag', 'message'], d.flags.map((f) => [f.code, f.message])) : null,
    d.not_assessed.length ? el('p', { class: 'note' }, 'Not assessed: ' + d.not_assessed.join('; ')) : null);
}

// A decision whose answer ends with the shared record (deadlines, grounds, flags, what is not
// assessed): the form `id`'s case is posted to `path`, and `headline(answer)` is shown above the
// record; `withNotes` adds the deadlines' notes.
async function showRecordDecision(id, path, headline, withNotes = false) {
  const at = $(id + '-at').value.trim();
  const res = await api('POST', path + (at ? '?at=' + encodeURIComponent(at) : ''), $(id + '-case').value);
  if (!res.ok) return put(id + '-out', problem(res));
  const d = res.data;
  const columns = ['deadline', 'date', 'state', 'legal basis'].concat(withNotes ? ['note'] : []);
  put(id + '-out',
    el('p', {}, el('strong', {}, headline(d))),
    table(columns, d.deadlines.map((t) => [t.name, t.date, t.state, t.legal_basis].concat(withNotes ? [t.note] : []))),
    d.grounds.length ? table(['ground', 'legal basis', 'effect'], d.grounds.map((g) => [g.explanation, g.legal_basis, g.effect])) : null,
    d.flags.length ? table(['flag', 'message'], d.flags.map((f) => [f.code, f.message])) : null,
    d.not_assessed.length ? el('p', { class: 'note' }, 'Not assessed: ' + d.not_assessed.join('; ')) : null);
}

// An application's reception: the Directive's time limits and their states.
async function decideReception() {
  return showRecordDecision('reception', '/v1/decisions/reception', (d) =>
    'Labour market: ' + d.labour_market_access + ' · detention review: ' + d.detention_review +
    ' · material reception conditions: ' + d.material_reception_conditions, true);
}

// A beneficiary's residence permit, travel documents, family permits and status.
async function decideDocuments() {
  return showRecordDecision('documents', '/v1/decisions/protection-documents', (d) =>
    'Residence permit: ' + d.residence_permit + ' · travel document: ' + d.travel_document +
    (d.family_permits.length ? ' · family permits: ' + d.family_permits.join(', ') : '') +
    (d.status_revocation !== 'not_examined' ? ' · status revocation: ' + d.status_revocation : ''));
}

// A resettlement or humanitarian admission procedure.
async function decideAdmission() {
  return showRecordDecision('admission', '/v1/decisions/admission', (d) =>
    'Procedure: ' + d.procedure + ' · data kept until: ' + (d.data_kept_until || 'no period set'));
}

// A relocation under the solidarity mechanism (AMMR Art. 67).
async function decideRelocation() {
  return showRecordDecision('relocation', '/v1/decisions/relocation', (d) =>
    'Relocation: ' + d.relocation + (d.confirmed_on ? ' · confirmed on ' + d.confirmed_on : ''));
}

// Temporary protection for a person displaced from Ukraine (Directive 2001/55/EC).
async function decideTemporaryProtection() {
  return showRecordDecision('temporary-protection', '/v1/decisions/temporary-protection', (d) =>
    'Temporary protection: ' + d.coverage + (d.category ? ' (Art. ' + d.category + ')' : '') +
    (d.protection_ends_on ? ' · until ' + d.protection_ends_on : ''));
}

// Return under Directive 2008/115/EC.
async function decideReturn() {
  return showRecordDecision('return', '/v1/decisions/return', (d) =>
    'Return decision: ' + d.return_decision + ' · voluntary departure: ' + d.voluntary_departure + ' · entry ban: ' +
    d.entry_ban + ' · removal: ' + d.removal + (d.detention_until ? ' · detention until ' + d.detention_until : ''));
}

// ---- Law enforcement (Chapter XI) ----
// The verifying authority's decision on one request: a reason is required either way.
function verifyControls(r) {
  const reasons = el('input', { placeholder: 'reasons (required)', size: '28' });
  const decide = (met) => async () => {
    if (!reasons.value.trim()) return put('le-queue-out', el('p', { class: 'error' }, 'give the reasons for the decision'));
    const res = await api('POST', '/v1/law-enforcement/requests/' + encodeURIComponent(r.id) + '/verify',
      JSON.stringify({ conditions_met: met, reasons: reasons.value.trim() }));
    if (!res.ok) return put('le-queue-out', problem(res));
    loadQueue();
  };
  const met = el('button', { type: 'button' }, 'Conditions met');
  met.addEventListener('click', decide(true));
  const notMet = el('button', { type: 'button' }, 'Not met');
  notMet.addEventListener('click', decide(false));
  const controls = [reasons, met, notMet];
  if (r.status === 'pending' && r.request.urgent) {
    const forward = el('button', { type: 'button' }, 'Forward now (urgent)');
    forward.addEventListener('click', async () => {
      const res = await api('POST', '/v1/law-enforcement/requests/' + encodeURIComponent(r.id) + '/forward', '');
      if (!res.ok) return put('le-queue-out', problem(res));
      loadQueue();
    });
    controls.push(forward);
  }
  return el('span', {}, controls);
}

async function loadQueue() {
  const all = $('le-queue-all').checked;
  const res = await api('GET', '/v1/law-enforcement/requests' + (all ? '?all=true' : ''));
  if (!res.ok) return put('le-queue-out', problem(res));
  const open = (s) => s === 'pending' || s === 'compared_pending_verification';
  const rows = res.data.requests.map((r) => {
    const q = r.request;
    const c = q.conditions;
    const checks = c.cir_indicated_eurodac ? 'CIR indicated Eurodac (Art. 33(2))'
      : 'national databases; AFIS: ' + c.prior_checks.prum + (c.prior_checks.prum_grounds ? ' (' + c.prior_checks.prum_grounds + ')' : '');
    return [r.submitted_at, q.member_state + ' ' + q.reference, q.offence.type + ': ' + q.offence.description,
      q.urgent ? 'URGENT: ' + q.urgent.reasons : '', checks,
      'necessity: ' + c.necessity + ' · case: ' + c.specific_case + ' · contribution: ' + c.substantial_contribution,
      r.status, open(r.status) ? verifyControls(r) : ''];
  });
  put('le-queue-out', el('p', {}, res.data.count + ' request(s)' + (res.data.more ? ', more not listed' : '')),
    table(['submitted', 'request', 'offence', 'urgency', 'prior checks (Art. 33(1)(a))', 'grounds (33(1)(b)-(d))',
      'status', 'decision'], rows));
}

async function showRequest() {
  const id = $('le-show-id').value.trim();
  if (!id) return put('le-show-out', 'give a request id');
  const res = await api('GET', '/v1/law-enforcement/requests/' + encodeURIComponent(id));
  if (!res.ok) return put('le-show-out', problem(res));
  const d = res.data;
  const parts = [el('p', {}, el('strong', {}, d.status), ' · submitted ' + d.submitted_at +
    (d.compared_at ? ' · compared ' + d.compared_at : ''))];
  if (d.erase) parts.push(el('p', { class: 'error' }, d.erase));
  if (d.result) {
    // Fingerprint hits carry a score; alphanumeric ones (Art. 33(3)) say what they matched on.
    parts.push(el('p', {}, 'compared with ' + (d.result.compared_with || 'fingerprints') + ': ' +
      num(d.result.records_compared) + ' records'));
    parts.push(table(['record', 'Member State', 'reference', 'category', 'score or match', 'flags'],
      d.result.hits.map((h) => [h.record_id, h.member_state, h.reference, h.category,
        h.matched_on ? h.matched_on.join(', ') : num(h.search_score, 1),
        h.minor_under_14 ? 'under 14 (Art. 14(3))' : '']), [4]));
    if (d.result.identification) parts.push(el('p', { class: 'note' }, d.result.identification));
    if (d.result.note) parts.push(el('p', { class: 'note' }, d.result.note));
  }
  put('le-show-out', parts);
}

// ---- Audit ----
async function verifyAudit() {
  const res = await api('GET', '/v1/audit/verify');
  if (!res.ok) return put('verify-out', problem(res));
  const d = res.data;
  put('verify-out', el('p', { class: d.ok ? '' : 'error' }, (d.ok ? 'intact: ' : 'NOT intact: ') +
    num(d.entries_checked) + ' entries, ' + num(d.checkpoints_checked) + ' checkpoints checked'),
  d.ok ? null : el('pre', {}, JSON.stringify(d, null, 2)));
}

async function loadEntries() {
  const after = $('entries-after').value.trim() || '0';
  const res = await api('GET', '/v1/audit/entries?limit=100&after=' + encodeURIComponent(after));
  if (!res.ok) return put('entries-out', problem(res));
  const rows = res.data.entries.map((e) => [num(e.seq), e.at, e.actor, e.role, e.action, e.object, e.purpose, e.outcome]);
  if (rows.length) $('entries-after').value = res.data.entries[res.data.entries.length - 1].seq;
  put('entries-out', table(['seq', 'at', 'actor', 'role', 'action', 'object', 'purpose', 'outcome'], rows, [0]));
}

function showTab(name) {
  for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.tab === name);
  for (const s of document.querySelectorAll('section.tab')) s.hidden = s.id !== name;
}

document.addEventListener('DOMContentLoaded', () => {
  $('token').value = sessionStorage.getItem(TOKEN_KEY) || '';
  $('login').addEventListener('submit', (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
    checkService();
  });
  $('forget').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    $('token').value = '';
    checkService();
  });
  for (const b of document.querySelectorAll('#tabs button')) b.addEventListener('click', () => showTab(b.dataset.tab));
  $('decide-case').value = JSON.stringify({
    decision_date: '2026-07-15', member_state: 'ITA',
    applicant: { nationality: 'MAR', date_of_birth: '1995-03-02' },
    application: { made_on: '2026-07-10', registered_on: '2026-07-11', lodged_on: '2026-07-14', context: 'in_territory' },
    facts: {}, capacity: {},
  }, null, 2);
  $('responsibility-case').value = JSON.stringify({
    decision_date: '2026-09-01', member_state: 'DEU', registered_on: '2026-08-20',
    applicant: { nationality: 'AFG', date_of_birth: '1990-01-01' },
    family: [{ relation: 'spouse', member_state: 'FRA', status: 'beneficiary',
      family_existed_in_country_of_origin: true, wish_in_writing: true }],
    eurodac_hits: [{ category: 'irregular_crosser', member_state: 'ITA', date: '2026-07-01' }],
  }, null, 2);
  $('rf-case').value = $('responsibility-case').value;
  $('return-border-case').value = JSON.stringify({
    decision_date: '2026-11-30', member_state: 'ITA',
    person: { nationality: 'TUN', date_of_birth: '1998-04-02' },
    rejection: { decided_on: '2026-10-01', notified_on: '2026-10-02', procedure: 'border', ground: 'unfounded' },
    appeal: { lodged_on: '2026-10-06', leave_to_remain: { requested_on: '2026-10-06', decided_on: '2026-10-14', granted: false } },
    detained_during_border_procedure: true, detained_on: '2026-10-01', voluntary_departure_requested: true,
  }, null, 2);
  $('reception-case').value = JSON.stringify({
    decision_date: '2026-11-30', member_state: 'ITA',
    applicant: { nationality: 'AFG', date_of_birth: '2010-05-14', unaccompanied_minor: true },
    application: { made_on: '2026-09-07', registered_on: '2026-09-10', lodged_on: '2026-09-24' },
    information_provided_on: '2026-09-09', needs_assessment: { completed_on: '2026-10-02' },
    representative: { appointed_on: '2026-09-25' }, education_access_on: '2026-11-16',
  }, null, 2);
  $('documents-case').value = JSON.stringify({
    decision_date: '2026-11-30', member_state: 'DEU', nationality: 'SYR',
    protection: { status: 'refugee', granted_on: '2026-09-01', notified_on: '2026-09-03' },
    provisional_measures_on: '2026-09-10',
    residence_permit: { issued_on: '2026-11-20', valid_until: '2029-11-19' },
  }, null, 2);
  $('admission-case').value = JSON.stringify({
    decision_date: '2026-11-30', member_state: 'NLD', nationality: 'SDN', admission: 'resettlement',
    registered_on: '2026-03-16', conclusion: { on: '2026-09-10', outcome: 'positive' },
    status_granted: 'international_protection', entered_on: '2026-11-05',
  }, null, 2);
  $('relocation-case').value = JSON.stringify({
    decision_date: '2026-10-20', member_state: 'ITA', relocation_member_state: 'DEU', person: 'applicant',
    information_received_on: '2026-10-01', reply: { on: '2026-10-06', outcome: 'confirmed' },
  }, null, 2);
  $('return-case').value = JSON.stringify({
    decision_date: '2026-11-10', member_state: 'DEU', person: { nationality: 'GEO', date_of_birth: '1991-04-12' },
    illegal_stay_since: '2026-10-12', return_decision_notified_on: '2026-10-20', voluntary_departure: { granted_days: 30 },
  }, null, 2);
  $('temporary-protection-case').value = JSON.stringify({
    decision_date: '2026-11-30', member_state: 'POL',
    person: { nationality: 'UKR', date_of_birth: '2012-05-14', displaced_on: '2022-03-02', resided_in_ukraine: true },
  }, null, 2);
  onSubmit('stats-form', 'stats-out', loadStats);
  onSubmit('record-form', 'record-out', showRecord);
  onSubmit('notes-form', 'notes-out', loadNotifications);
  onSubmit('solidarity-form', 'solidarity-out', loadSolidarity);
  onSubmit('offsets-form', 'offsets-out', loadCrisisOffsets);
  onSubmit('offset-request-form', 'offset-request-out', loadOffsetRequest);
  onSubmit('capacity-form', 'capacity-out', loadCapacity);
  onSubmit('routes-form', 'routes-out', loadRoutes);
  onSubmit('lowrec-form', 'lowrec-out', loadLowRecognition);
  onSubmit('indicators-form', 'indicators-out', loadIndicators);
  onSubmit('rf-report-form', 'rf-report-out', loadResponsibilityReport);
  onSubmit('decide-form', 'decide-out', decide);
  onSubmit('responsibility-form', 'responsibility-out', decideResponsibility);
  onSubmit('return-border-form', 'return-border-out', decideReturnBorder);
  onSubmit('reception-form', 'reception-out', decideReception);
  onSubmit('documents-form', 'documents-out', decideDocuments);
  onSubmit('admission-form', 'admission-out', decideAdmission);
  onSubmit('relocation-form', 'relocation-out', decideRelocation);
  onSubmit('temporary-protection-form', 'temporary-protection-out', decideTemporaryProtection);
  onSubmit('return-form', 'return-out', decideReturn);
  onSubmit('le-queue-form', 'le-queue-out', loadQueue);
  onSubmit('le-show-form', 'le-show-out', showRequest);
  onSubmit('verify-form', 'verify-out', verifyAudit);
  onSubmit('entries-form', 'entries-out', loadEntries);
  onSubmit('monitor-form', 'monitor-out', loadMonitoring);
  onSubmit('bp-monitor-form', 'bp-monitor-out', loadBorderMonitoring);
  onSubmit('screening-list-form', 'screening-list-out', loadScreeningList);
  onSubmit('screening-show-form', 'screening-show-out', showScreening);
  onSubmit('bp-list-form', 'bp-list-out', loadBorderList);
  onSubmit('rf-list-form', 'rf-list-out', loadResponsibilityList);
  onSubmit('rf-show-form', 'rf-show-out', showResponsibilityFile);
  onSubmit('rf-case-form', 'rf-case-out', recordResponsibilityCase);
  onSubmit('rf-family-form', 'rf-family-out', changeResponsibilityFamily);
  onSubmit('bp-show-form', 'bp-show-out', showBorderProcedure);
  onSubmit('bp-occupancy-form', 'bp-occupancy-out', loadBorderOccupancy);
  onSubmit('bp-places-form', 'bp-places-out', loadBorderPlaces);
  checkService();
});
