/**
 * Claim scrubber throughput: 10,000 synthetic claims of 1-12 lines through every edit family,
 * with the tables indexed in memory. Real code sets where we have them (HCPCS 2019, Medicare MUE
 * 2024-07-01 practitioner/outpatient/DME, ICD-10-CM FY2023 Tabular for the diagnosis edits);
 * the NCCI PTP table is synthetic (the CMS files could not be obtained): 1,000,000 random pairs
 * over the MUE code list, about the size of one quarter's practitioner table split (2.5 M rows
 * over four files). Run: npx tsx bench/scrub.ts [claims]
 */
import { join } from 'node:path';
import { parseHcpcsRecords } from '../src/codesets/hcpcs/parse.js';
import { deriveBillableCodes } from '../src/codesets/icd10cm/billable.js';
import { parseTabular } from '../src/codesets/icd10cm/tabular-parser.js';
import { parseMue } from '../src/codesets/mue/parse.js';
import { openLineSource } from '../src/codesets/ncci/text-lines.js';
import { codesetsDir } from '../src/config.js';
import type { ClaimInput } from '../src/edits/claim.js';
import { parseClaim } from '../src/edits/claim.js';
import { scrubClaim } from '../src/edits/scrub.js';
import { buildScrubTables, type HcpcsEntry, type MueEntry, type PtpEdit } from '../src/edits/tables.js';
import { tabularDiagnosisFacts } from '../src/edits/tabular-facts.js';

const CLAIMS = Number(process.argv[2] ?? 10_000);
const PTP_PAIRS = 1_000_000;
const dir = codesetsDir();

// A small deterministic PRNG (mulberry32) so every run scrubs the same claims.
let seed = 20240701;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

async function mue(file: string): Promise<MueEntry[]> {
  const source = await openLineSource(join(dir, 'mue/2024-07-01-derived', file));
  return (await parseMue(source.lines, source.name)).rows.map(({ line: _line, ...r }) => r);
}

const t0 = performance.now();
const hcpcsSource = await openLineSource(join(dir, 'hcpcs/2019/2019-Alpha-Numeric-HCPCS-File.zip'), {
  entry: /ANWEB.*\.txt$/i,
});
const hcpcs: HcpcsEntry[] = [];
const modifiers: HcpcsEntry[] = [];
for await (const r of parseHcpcsRecords(hcpcsSource.lines, hcpcsSource.name)) {
  (r.kind === 'code' ? hcpcs : modifiers).push({
    code: r.code,
    shortDescription: r.shortDescription,
    addedDate: r.addedDate,
    terminationDate: r.terminationDate,
  });
}
const [practitioner, outpatient, dme, tabular] = await Promise.all([
  mue('MCR_MUE_PractitionerServices_Eff_07-01-2024.DERIVED.csv'),
  mue('MCR_MUE_OutpatientHospitalServices_Eff_07-01-2024.DERIVED.csv'),
  mue('MCR_MUE_DMESupplierServices_Eff_07-01-2024.DERIVED.csv'),
  parseTabular(join(dir, 'icd10cm/fy2023/icd10cm_tabular_2023.xml')),
]);
const procedureCodes = practitioner.map((m) => m.code);
const ptp: PtpEdit[] = [];
const seen = new Set<string>();
while (ptp.length < PTP_PAIRS) {
  const [column1, column2] = [pick(procedureCodes), pick(procedureCodes)];
  if (column1 === column2 || seen.has(`${column1}|${column2}`)) continue;
  seen.add(`${column1}|${column2}`);
  const r = random();
  ptp.push({
    column1,
    column2,
    prior1996: false,
    effectiveDate: '2015-01-01',
    deletionDate: r < 0.05 ? '2020-01-01' : null,
    modifierIndicator: r < 0.3 ? 0 : r < 0.95 ? 1 : 9,
    rationale: 'synthetic',
  });
}
const loaded = performance.now();
const tables = buildScrubTables({
  ptp: { practitioner: ptp, outpatient: ptp },
  mue: { practitioner, outpatient, dme },
  hcpcs,
  modifiers,
});
const facts = tabularDiagnosisFacts([{ tabular, effectiveFrom: '2022-10-01', effectiveTo: '2023-09-30' }]);
const billable = deriveBillableCodes(tabular).map((d) => d.code);
const indexed = performance.now();

// Claims: 1-12 lines; codes drawn from the MUE list, a PTP pair planted in a third of claims so
// the pair edit fires; 1-4 diagnoses from the billable FY2023 codes; some modifiers.
const MODS = ['', '', '', '', '25', '59', 'XS', 'RT', 'LT', '91'];
const inputs: ClaimInput[] = [];
for (let i = 0; i < CLAIMS; i++) {
  const n = 1 + Math.floor(random() * 12);
  const diagnoses = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(billable));
  const codes = Array.from({ length: n }, () => pick(procedureCodes));
  if (n >= 2 && random() < 0.33) {
    const e = pick(ptp);
    codes[0] = e.column1;
    codes[1] = e.column2;
  }
  inputs.push({
    id: `B${i}`,
    patient: {
      birthDate: `19${40 + Math.floor(random() * 60)}-0${1 + Math.floor(random() * 9)}-15`,
      sex: random() < 0.5 ? 'F' : 'M',
    },
    dateOfService: `2023-0${1 + Math.floor(random() * 8)}-1${Math.floor(random() * 9)}`,
    submissionDate: '2023-10-01',
    placeOfService: '11',
    diagnoses,
    lines: codes.map((code) => {
      const m = pick(MODS);
      return {
        code,
        modifiers: m ? [m] : [],
        units: 1 + Math.floor(random() * 3),
        chargeCents: 5000 + Math.floor(random() * 50000),
        pointers: [1 + Math.floor(random() * diagnoses.length)],
      };
    }),
  });
}
const lineCount = inputs.reduce((a, c) => a + c.lines.length, 0);

const context = { tables, facts, today: '2023-10-01', hcpcsEffective: '2019-01-01' };
// Warm up the JIT and the diagnosis cache on a separate set, as a long-running service would be.
for (const c of inputs.slice(0, 500)) scrubClaim(parseClaim(c), context);

const parsed = inputs.map((c) => parseClaim(c));
let findings = 0;
let errors = 0;
const first0 = performance.now();
const firstCpu0 = process.cpuUsage();
for (const claim of parsed) {
  const r = scrubClaim(claim, context);
  findings += r.findings.length;
  errors += r.errors;
}
const firstPass = performance.now() - first0;
const firstCpuUsage = process.cpuUsage(firstCpu0);
const firstCpu = (firstCpuUsage.user + firstCpuUsage.system) / 1000;

/**
 * Times one pass over all claims, wall clock and CPU (user + system) of this single-threaded
 * process. On a shared machine the wall clock includes time other processes held the core;
 * CPU time is what one core spent on the scrubber. Best of ROUNDS.
 */
const ROUNDS = 5;
function timed(pass: () => void): { wall: number; cpu: number } {
  let best = { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY };
  for (let i = 0; i < ROUNDS; i++) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    pass();
    const wall = performance.now() - w0;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1000;
    if (cpu < best.cpu) best = { wall, cpu };
  }
  return best;
}
const scrubOnly = timed(() => {
  for (const claim of parsed) scrubClaim(claim, context);
});
const withValidation = timed(() => {
  for (const c of inputs) scrubClaim(parseClaim(c), context);
});

const rate = (ms: number) => Math.round(CLAIMS / (ms / 1000));
const show = (name: string, t: { wall: number; cpu: number }) =>
  console.log(
    `${name.padEnd(18)} ${rate(t.cpu).toLocaleString('en-US').padStart(7)} claims per CPU-second (${(t.cpu / 1000).toFixed(2)} s CPU, ` +
      `${(t.wall / 1000).toFixed(2)} s wall = ${rate(t.wall).toLocaleString('en-US')} claims/s)`,
  );
console.log(
  `tables: ${practitioner.length} practitioner MUEs, ${hcpcs.length} HCPCS codes, ${PTP_PAIRS.toLocaleString('en-US')} synthetic PTP pairs, ` +
    `FY2023 Tabular (${billable.length} billable codes)`,
);
console.log(`load ${((loaded - t0) / 1000).toFixed(1)} s, index ${((indexed - loaded) / 1000).toFixed(1)} s`);
console.log(
  `claims: ${CLAIMS} (${lineCount} lines, ${(lineCount / CLAIMS).toFixed(1)} per claim); ${findings} findings, ${errors} errors`,
);
// The first pass also fills the diagnosis-facts cache (most of its ~25,000 diagnoses are new).
show('first pass:', { wall: firstPass, cpu: firstCpu });
show('scrub only:', scrubOnly);
show('validate + scrub:', withValidation);
console.log(
  `goal >= 5,000 claims/s on one core: ${rate(withValidation.cpu) >= 5000 ? 'met' : 'NOT met'} (validate + scrub, CPU time)`,
);
