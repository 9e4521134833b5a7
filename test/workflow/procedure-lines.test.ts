import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHcpcs } from '../../src/codesets/hcpcs/import.js';
import type { Store } from '../../src/store/index.js';
import { createUser } from '../../src/workflow/accounts.js';
import { saveCodes } from '../../src/workflow/codes.js';
import { type Actor, type WorkflowContext, workflowContext } from '../../src/workflow/context.js';
import { assignEncounter, encounterHistory, importEncounter } from '../../src/workflow/encounters.js';
import {
  type ProcedureLineInput,
  procedureLines,
  saveProcedureLines,
} from '../../src/workflow/procedure-lines.js';
import { testEngines } from '../server/harness.js';
import { codesetFile, openScratch, scratchStores } from '../support/stores.js';

const PASSWORD = 'procedure lines correct horse';

const line = (over: Partial<ProcedureLineInput>): ProcedureLineInput => ({
  system: 'HCPCS',
  code: 'J1885',
  status: 'added',
  proposed: null,
  units: 2,
  modifiers: [],
  pointers: ['M54.50'],
  ...over,
});

/**
 * The coder's procedure lines are saved as a whole, checked against the code set in effect on
 * the date of service and against the encounter's own final diagnoses, and audited; a bad line
 * leaves what was saved before.
 */
describe.each(scratchStores())('procedure lines ($name)', (spec) => {
  let store: Store;
  let ctx: WorkflowContext;
  let coder: Actor;
  let id: number;
  beforeAll(async () => {
    store = await openScratch(spec);
    await importHcpcs(store, codesetFile('hcpcs/2026/january-2026-alpha-numeric-hcpcs-file.zip'), {
      progress: false,
    });
    ctx = workflowContext(store, await testEngines());
    const user = await createUser(store.db, { username: 'liner', password: PASSWORD, role: 'coder' });
    coder = { user, ip: null };
    id = await importEncounter(ctx, coder, {
      note: 'ASSESSMENT: Low back pain.\nPLAN: Ketorolac 30 mg IM given in clinic.',
      patient: { displayName: 'Doe, Jo', birthDate: '1970-01-01', sex: 'F' },
      visit: { dateOfService: '2026-02-02', setting: 'outpatient', payer: 'Acme' },
    });
    await assignEncounter(ctx, coder, id, user.id);
    await saveCodes(ctx, coder, id, [{ code: 'M54.50', sequence: 1, status: 'added', proposed: null }]);
  }, 180_000);
  afterAll(async () => store?.close());

  it('saves E/M, HCPCS units and modifiers with pointers to final diagnoses, and audits the save', async () => {
    const saved = await saveProcedureLines(ctx, coder, id, [
      line({ system: 'CPT', code: '99213', units: 1, modifiers: ['25'] }),
      line({ code: 'j1885' }),
      line({ system: 'CPT', code: '96372', units: 1 }),
    ]);
    expect(saved.map((l) => [l.line, l.code, l.units, l.modifiers])).toEqual([
      [1, '99213', 1, ['25']],
      [2, 'J1885', 2, []],
      [3, '96372', 1, []],
    ]);
    // A HCPCS line carries the CMS long description; CPT lines carry none (AMA descriptors).
    expect(saved[1]?.title).toBe('Injection, ketorolac tromethamine, per 15 mg');
    expect(saved[0]?.title).toBe('');
    expect(await procedureLines(store.db, id)).toEqual(saved);
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'save-procedures')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toHaveLength(1);
    const history = await encounterHistory(ctx, coder, id);
    expect(JSON.stringify(history)).toContain('J1885');
  }, 60_000);

  it.each([
    [line({ code: 'J0172' }), /J0172 is not in effect on 2026-02-02/],
    [line({ code: 'J9999X' }), /not a HCPCS code/],
    [line({ system: 'CPT', code: '9921' }), /not a CPT code/],
    [line({ pointers: ['E11.9'] }), /E11.9 is not one of the encounter's final diagnosis codes/],
    [line({ units: 0 }), /units are a whole number/],
    [line({ modifiers: ['25', '25'] }), /listed twice/],
    [line({ status: 'accepted', proposed: 'J1885' }), /not among the engine's suggested procedures/],
    [
      line({ system: 'ICD-10-PCS', code: '0FT44ZZ', units: 1, modifiers: ['RT'] }),
      /one unit and no modifiers/,
    ],
  ])('refuses %o and keeps the lines saved before', async (bad, message) => {
    const before = await procedureLines(store.db, id);
    await expect(saveProcedureLines(ctx, coder, id, [line({}), bad])).rejects.toThrow(message);
    expect(await procedureLines(store.db, id)).toEqual(before);
  });

  it('a coder who is not the assignee is refused by the ownership rule', async () => {
    const other = await createUser(store.db, { username: 'other-liner', password: PASSWORD, role: 'coder' });
    const { asWorker } = await import('../../src/workflow/ownership.js');
    const actor = { user: other, ip: null };
    await expect(
      asWorker(store.db, actor, id, 'save-codes', () => saveProcedureLines(ctx, actor, id, [line({})])),
    ).rejects.toThrow(/assign/);
  });
});
