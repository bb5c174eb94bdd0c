#!/usr/bin/env node
// Generates maps/membership.json: which communes form the Métropole du Grand Paris, their department and territory
// (EPT, or Paris on its own), plus the former INSEE codes still found in older contour files (commune mergers).
//
// Source: npm package @etalab/decoupage-administratif 6.0.0 (data under Licence Ouverte, code MIT).
// Usage:  cd tools && npm install --no-save @etalab/decoupage-administratif@6.0.0 && node gen-membership.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, 'node_modules', '@etalab', 'decoupage-administratif');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const load = (name) => JSON.parse(readFileSync(join(pkgDir, 'data', name), 'utf8'));

const METROPOLE = '200054781';
const IDF_DEPARTMENTS = ['75', '77', '78', '91', '92', '93', '94', '95'];

const epci = load('epci.json').find((e) => e.code === METROPOLE);
const epts = load('ept.json');
const communes = load('communes.json').filter((c) => c.type === 'commune-actuelle');
const departements = load('departements.json');
const byCode = new Map(communes.map((c) => [c.code, c]));

const territoryOf = new Map();
for (const ept of epts) for (const m of ept.membres) territoryOf.set(m.code, ept.code);

const members = epci.membres.map((m) => {
  const c = byCode.get(m.code);
  if (!c) throw new Error(`member ${m.code} missing from communes.json`);
  const territory = m.code === '75056' ? '75056' : territoryOf.get(m.code);
  if (!territory) throw new Error(`member ${m.code} ${c.nom} has no EPT`);
  return { code: c.code, name: c.nom, department: c.departement, territory };
}).sort((a, b) => a.code.localeCompare(b.code));

// Former codes that contour files may still carry (e.g. Pierrefitte-sur-Seine 93059 -> Saint-Denis 93066, 2025).
const formerCodes = {};
for (const c of communes) {
  if (!IDF_DEPARTMENTS.includes(c.departement)) continue;
  for (const old of c.anciensCodes ?? []) {
    // A code still in use by a current commune is never a former code (codes are not reused, but be sure).
    if (old !== c.code && !byCode.has(old) && IDF_DEPARTMENTS.includes(old.slice(0, 2))) formerCodes[old] = c.code;
  }
}

const out = {
  source: `npm ${pkg.name} ${pkg.version} (data/epci.json, data/ept.json, data/communes.json, data/departements.json)`,
  licence: 'Licence Ouverte / Open Licence (Etalab)',
  generated_by: 'tools/gen-membership.mjs',
  metropole: { code: epci.code, name: epci.nom },
  departments: IDF_DEPARTMENTS.map((code) => ({ code, name: departements.find((d) => d.code === code).nom })),
  territories: [{ code: '75056', name: 'Paris' },
    ...epts.map((e) => ({ code: e.code, name: e.nom })).sort((a, b) => a.code.localeCompare(b.code))],
  former_codes: Object.fromEntries(Object.entries(formerCodes).sort()),
  communes: members,
};
writeFileSync(join(here, '..', 'maps', 'membership.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`maps/membership.json: ${members.length} communes, ${out.territories.length} territories, ` +
            `${Object.keys(formerCodes).length} former codes`);
