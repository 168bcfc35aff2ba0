#!/usr/bin/env node
// Generates ../../data/holidays/public_holidays.csv: the national public holidays of the
// 27 EU Member States and of the four States associated with the Dublin system (Iceland, Norway,
// Switzerland, Liechtenstein: AMMR recitals 92-94) for 2024-2040, from the npm package date-holidays (version pinned in
// package.json). Only type "public" is kept; regional (state, canton, province) holidays are
// out of scope. Run: cd scripts/holidays && npm ci && node generate.js
//
// Every Easter-based date is cross-checked against an independent computus (Gregorian for
// Western Easter, Julian-to-Gregorian for Orthodox Easter); a disagreement aborts the run.
// Known errors in the source data are corrected below, each with its reason.
'use strict';
const fs = require('fs');
const path = require('path');
const Holidays = require('date-holidays');
const pkg = require('date-holidays/package.json');

const FIRST_YEAR = 2024, LAST_YEAR = 2040;
const EU = {
  AT: 'AUT', BE: 'BEL', BG: 'BGR', HR: 'HRV', CY: 'CYP', CZ: 'CZE', DK: 'DNK', EE: 'EST',
  FI: 'FIN', FR: 'FRA', DE: 'DEU', GR: 'GRC', HU: 'HUN', IE: 'IRL', IT: 'ITA', LV: 'LVA',
  LT: 'LTU', LU: 'LUX', MT: 'MLT', NL: 'NLD', PL: 'POL', PT: 'PRT', RO: 'ROU', SK: 'SVK',
  SI: 'SVN', ES: 'ESP', SE: 'SWE',
};

// The States that apply the AMMR's Part III through their association agreements.
const ASSOCIATED = { IS: 'ISL', NO: 'NOR', CH: 'CHE', LI: 'LIE' };

// Switzerland's public holidays are cantonal (only 1 August is federal): keep the days every canton
// observes, so that no time limit is moved past a day that is a working day somewhere.
const KEEP_ONLY = {
  CH: ['01-01', 'easter 39', '08-01', '12-25'],
};

// Corrections: [alpha2, rule in date-holidays, action, reason].
const CORRECTIONS = [
  ['CY', 'orthodox -47', 'drop',
   'Clean Monday is Orthodox Easter - 48 days (a Monday); date-holidays marks -47 (a Tuesday)'],
  ['CY', 'orthodox -48', 'make_public',
   'Clean Monday (Kathara Deftera) is a public holiday in Cyprus; date-holidays lists it as an observance',
   'Clean Monday'],
  ['GR', 'orthodox -48', 'rename',
   'date-holidays names Clean Monday (Kathara Deftera) "Ash Sunday" in English', 'Clean Monday'],
  ['IS', '12-24 13:00 if sunday then 00:00', 'drop', 'Christmas Eve is a holiday in Iceland only from 13:00'],
  ['IS', '12-31 13:00 if sunday then 00:00', 'drop', "New Year's Eve is a holiday in Iceland only from 13:00"],
  ['LI', 'easter 40', 'drop', 'a bridge day (Feiertagsbruecke), not a public holiday in law'],
  ['LI', 'easter 61', 'drop', 'a bridge day (Feiertagsbruecke), not a public holiday in law'],
];

function utcDate(y, m, d) { return new Date(Date.UTC(y, m - 1, d)); }
function iso(d) { return d.toISOString().slice(0, 10); }
function addDays(d, n) { return new Date(d.getTime() + n * 86400000); }

// Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
function westernEaster(y) {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30, i = Math.floor(c / 4), k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return utcDate(y, month, day);
}
// Meeus Julian algorithm, shifted by 13 days (valid 1900-2099).
function orthodoxEaster(y) {
  const a = y % 4, b = y % 7, c = y % 19, d = (19 * c + 15) % 30, e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31), day = ((d + e + 114) % 31) + 1;
  return addDays(utcDate(y, month, day), 13);
}
function checkEasterRule(rule, date, year) {
  const m = /^(easter|orthodox)(?: (-?\d+))?$/.exec(rule);
  if (!m) return;
  const base = m[1] === 'easter' ? westernEaster(year) : orthodoxEaster(year);
  const want = iso(addDays(base, m[2] ? parseInt(m[2], 10) : 0));
  if (want !== date) throw new Error(`computus mismatch for ${rule} ${year}: ${date} != ${want}`);
}
function csvField(s) { return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }

const rows = [];
for (const [a2, a3] of Object.entries({ ...EU, ...ASSOCIATED })) {
  const hd = new Holidays(a2, { languages: ['en'], types: ['public', 'observance'] });
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    const seen = new Set();
    for (const h of hd.getHolidays(y, 'en')) {
      let type = h.type;
      const fix = CORRECTIONS.find(c => c[0] === a2 && c[1] === h.rule);
      if (fix && fix[2] === 'drop') continue;
      if (KEEP_ONLY[a2] && !KEEP_ONLY[a2].includes(h.rule)) continue;
      if (fix && fix[2] === 'make_public') type = 'public';
      if (type !== 'public') continue;
      const date = h.date.slice(0, 10);
      checkEasterRule(h.rule, date, y);
      const key = date;
      if (seen.has(key)) continue;  // two names on one day (e.g. RO 1 June) count once
      seen.add(key);
      const note = fix ? 'corrected: ' + fix[3] : (KEEP_ONLY[a2] ? 'observed in every canton (the others are cantonal)' : '');
      rows.push([a3, date, (fix && fix[4]) || h.name, note]);
    }
  }
}
rows.sort((x, y) => (x[0] + x[1]).localeCompare(y[0] + y[1]));
const out = path.join(__dirname, '..', '..', 'data', 'holidays', 'public_holidays.csv');
const header = `# National public holidays of the EU Member States and of Iceland, Norway, Switzerland and Liechtenstein ${FIRST_YEAR}-${LAST_YEAR}.\n` +
  `# Generated by scripts/holidays/generate.js from npm date-holidays ${pkg.version} (type "public" only).\n` +
  `# Regional holidays are out of scope. Do not edit by hand: correct the generator and rerun it.\n` +
  'country,date,name,note\n';
fs.writeFileSync(out, header + rows.map(r => r.map(csvField).join(',')).join('\n') + '\n');
console.log(`wrote ${rows.length} holidays to ${out}`);
