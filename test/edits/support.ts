import { resolve } from 'node:path';
import { parseHcpcsRecords } from '../../src/codesets/hcpcs/parse.js';
import { parseTabular } from '../../src/codesets/icd10cm/tabular-parser.js';
import { parseMue } from '../../src/codesets/mue/parse.js';
import { parsePtp } from '../../src/codesets/ncci/ptp-parse.js';
import { openLineSource } from '../../src/codesets/ncci/text-lines.js';
import type { DiagnosisFacts } from '../../src/edits/diagnosis-facts.js';
import {
  buildScrubTables,
  type HcpcsEntry,
  type MueEntry,
  type PtpEdit,
  type ScrubTables,
} from '../../src/edits/tables.js';
import { tabularDiagnosisFacts } from '../../src/edits/tabular-facts.js';
import { codesetFile } from '../support/stores.js';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'ncci');

export async function loadPtp(name: string): Promise<PtpEdit[]> {
  const source = await openLineSource(resolve(fixtures, name));
  const out: PtpEdit[] = [];
  for await (const { line: _line, ...edit } of parsePtp(source.lines, source.name)) out.push(edit);
  return out;
}

export async function loadMue(file: string): Promise<MueEntry[]> {
  const source = await openLineSource(codesetFile(file));
  return (await parseMue(source.lines, source.name)).rows.map(({ line: _line, ...r }) => r);
}

export async function loadHcpcs(): Promise<{ codes: HcpcsEntry[]; modifiers: HcpcsEntry[] }> {
  const source = await openLineSource(codesetFile('hcpcs/2019/2019-Alpha-Numeric-HCPCS-File.zip'), {
    entry: /ANWEB.*\.txt$/i,
  });
  const codes: HcpcsEntry[] = [];
  const modifiers: HcpcsEntry[] = [];
  for await (const r of parseHcpcsRecords(source.lines, source.name)) {
    const entry = {
      code: r.code,
      shortDescription: r.shortDescription,
      addedDate: r.addedDate,
      terminationDate: r.terminationDate,
    };
    (r.kind === 'code' ? codes : modifiers).push(entry);
  }
  return { codes, modifiers };
}

let real: Promise<{ tables: ScrubTables; facts: DiagnosisFacts }> | undefined;

/**
 * The real code sets the hand-checked claims are checked against: HCPCS 2019 (CMS zip), the
 * Medicare MUE tables effective 2024-07-01 (derived CSVs), the ICD-10-CM FY2023 Tabular List,
 * and the synthetic NCCI PTP fixtures (the CMS PTP files could not be obtained).
 */
export function realTables(): Promise<{ tables: ScrubTables; facts: DiagnosisFacts }> {
  real ??= (async () => {
    const dir = 'mue/2024-07-01-derived';
    const [hcpcs, pra, oph, dme, ptpPra, ptpOph, tabular] = await Promise.all([
      loadHcpcs(),
      loadMue(`${dir}/MCR_MUE_PractitionerServices_Eff_07-01-2024.DERIVED.csv`),
      loadMue(`${dir}/MCR_MUE_OutpatientHospitalServices_Eff_07-01-2024.DERIVED.csv`),
      loadMue(`${dir}/MCR_MUE_DMESupplierServices_Eff_07-01-2024.DERIVED.csv`),
      loadPtp('SYNTHETIC-ccipra-v311r0-f1.txt'),
      loadPtp('SYNTHETIC-ccioph-v311r0-f1.txt'),
      parseTabular(codesetFile('icd10cm/fy2023/icd10cm_tabular_2023.xml')),
    ]);
    const tables = buildScrubTables({
      ptp: { practitioner: ptpPra, outpatient: ptpOph },
      mue: { practitioner: pra, outpatient: oph, dme },
      mueEffective: { practitioner: '2024-07-01', outpatient: '2024-07-01', dme: '2024-07-01' },
      hcpcs: hcpcs.codes,
      modifiers: hcpcs.modifiers,
    });
    const facts = tabularDiagnosisFacts([
      { tabular, effectiveFrom: '2022-10-01', effectiveTo: '2023-09-30' },
    ]);
    return { tables, facts };
  })();
  return real;
}
