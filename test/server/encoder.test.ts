import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchStores } from '../support/stores.js';
import { call, login, type Session, type TestApp, testApp } from './harness.js';

/**
 * The encoder's read routes over the imported test releases (FY2021 with an order file, FY2023
 * with the Tabular and the Index): the Tabular browser, the Index browser, and the code-set
 * transitions report (codes checked against the release each encounter's date of service picks).
 */
/** Terms below the given ones (their own subterms), so children + these = the parent's subterms. */
const sumOfSubterms = (terms: Array<{ subterms: number }>) => terms.reduce((n, c) => n + c.subterms, 0);

describe.each(scratchStores())('encoder routes ($name)', (spec) => {
  let t: TestApp;
  let coder: Session;
  let biller: Session;

  beforeAll(async () => {
    t = await testApp(spec);
    coder = await login(t.app, 'coder');
    biller = await login(t.app, 'biller');
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (url: string, who: Session | null = coder) => call(t.app, who, 'GET', url);

  it('the OpenAPI document lists the encoder routes with their parameters', async () => {
    const docs = (await get('/api/docs/json')).json();
    for (const path of [
      '/api/terminology/browse',
      '/api/terminology/index',
      '/api/terminology/index/terms',
      '/api/terminology/index/terms/{id}',
      '/api/reports/code-transitions',
    ]) {
      expect(docs.paths[path]?.get?.parameters?.length, path).toBeGreaterThan(0);
    }
  });

  describe('search and lookup by code and by date of service', () => {
    it('search goes straight to a code, also to one newer than the Tabular, and shows Index paths', async () => {
      const e1122 = (await get('/api/terminology/search?q=e1122&limit=3')).json().results;
      expect(e1122.map((h: { code: string }) => h.code)).toEqual(['E11.22']);
      const ea = (await get('/api/terminology/search?q=E11.A')).json().results;
      expect(ea[0]).toMatchObject({ code: 'E11.A', source: 'code', release: 'ICD-10-CM FY2026' });
      const attack = (await get('/api/terminology/search?q=heart%20attack&limit=1')).json().results;
      expect(attack[0]).toMatchObject({ code: 'I21.9', source: 'index' });
      expect(attack[0].path).toMatch(/^Attack, attacks › heart › see infarct, myocardium$/i);
    });

    it('lookup answers validity from the release of the date of service', async () => {
      const old = (await get('/api/terminology/lookup/C83.39?dos=2023-03-01')).json();
      expect(old).toMatchObject({
        code: 'C83.39',
        inTabular: true,
        valid: true,
        validity: { fiscalYear: 2023 },
      });
      const now = (await get('/api/terminology/lookup/C83.39?dos=2026-03-01')).json();
      expect(now).toMatchObject({
        valid: false,
        problem: { reason: 'header' },
        validity: { fiscalYear: 2026, outsideWindow: false },
      });
      const ea = await get('/api/terminology/lookup/E11.A?dos=2026-03-01');
      expect(ea.statusCode, ea.body).toBe(200);
      expect(ea.json()).toMatchObject({ code: 'E11.A', inTabular: false, valid: true });
      const late = (await get('/api/terminology/lookup/I10?dos=2026-12-06')).json();
      expect(late.validity).toMatchObject({
        outsideWindow: true,
        warning: expect.stringMatching(/no imported ICD-10-CM release covers 2026-12-06/),
      });
      const bad = await get('/api/terminology/lookup/I10?dos=2023-02-30');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/"2023-02-30" is not a calendar date/);
    });
  });

  describe('Tabular browser: GET /api/terminology/browse', () => {
    it('lists the chapters at the root, a chapter its sections, a section its categories', async () => {
      const root = await get('/api/terminology/browse');
      expect(root.statusCode, root.body).toBe(200);
      expect(root.json().node.type).toBe('root');
      const chapters = root.json().children as Array<{ ref: string; title: string }>;
      expect(chapters.length).toBeGreaterThanOrEqual(21);
      expect(chapters[3]).toMatchObject({ ref: 'chapter:4', title: expect.stringMatching(/^Endocrine/) });

      const chapter = (await get('/api/terminology/browse?target=chapter:4')).json();
      expect(chapter.node).toMatchObject({ type: 'chapter', id: '4' });
      expect(chapter.breadcrumbs.map((b: { type: string }) => b.type)).toEqual(['root']);
      expect(chapter.children.map((c: { ref: string }) => c.ref)).toContain('section:E08-E13');
      // Chapter 4's own notes (e.g. its Excludes2 or "All neoplasms…" note) come from the chapter only.
      for (const n of chapter.notes) expect(n.from).toEqual({ type: 'chapter', id: '4' });

      const section = (await get('/api/terminology/browse?target=section:E08-E13')).json();
      expect(section.breadcrumbs.map((b: { ref: string }) => b.ref)).toEqual(['', 'chapter:4']);
      expect(section.children.map((c: { id: string }) => c.id)).toEqual(['E08', 'E09', 'E10', 'E11', 'E13']);
    });

    it('a code page has its breadcrumbs, own and inherited notes, and 7th characters', async () => {
      const e119 = (await get('/api/terminology/browse?target=code:E11.9')).json();
      expect(e119.node).toMatchObject({ type: 'code', id: 'E11.9', billable: true });
      expect(e119.breadcrumbs.map((b: { ref: string }) => b.ref)).toEqual([
        '',
        'chapter:4',
        'section:E08-E13',
        'code:E11',
      ]);
      expect(e119.code).toMatchObject({ billable: true, header: false });
      // E11's Excludes1 and Use additional code notes apply to E11.9.
      const inherited = e119.inherited as Array<{ kind: string; text: string; from: { id: string } }>;
      expect(inherited).toContainEqual(
        expect.objectContaining({
          kind: 'excludes1',
          text: 'type 1 diabetes mellitus (E10.-)',
          from: { type: 'code', id: 'E11' },
        }),
      );
      expect(inherited.some((n) => n.kind === 'useAdditionalCode' && n.text.includes('Z79.4'))).toBe(true);

      const e11 = (await get('/api/terminology/browse?target=E11')).json();
      expect(e11.node.id).toBe('E11');
      expect(e11.notes.some((n: { kind: string }) => n.kind === 'includes')).toBe(true);
      expect(e11.children.map((c: { id: string }) => c.id)).toContain('E11.9');

      const s72 = (await get('/api/terminology/browse?target=code:S72.001')).json();
      expect(s72.code.seventh.definedOn).toBe('S72');
      expect(s72.code.seventh.characters.map((c: { char: string }) => c.char)).toContain('A');
    });

    it('unknown targets are 404, malformed ones 400', async () => {
      const unknown = await get('/api/terminology/browse?target=code:E11.999');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('unknown_code');
      expect((await get('/api/terminology/browse?target=chapter:99')).statusCode).toBe(404);
      const bad = await get('/api/terminology/browse?target=%3Cscript%3E');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('querystring.target');
      expect((await get(`/api/terminology/browse?target=${'E'.repeat(40)}`)).statusCode).toBe(400);
    });
  });

  describe('Index browser: GET /api/terminology/index…', () => {
    it('lists main terms by prefix, then walks a main term down to a code', async () => {
      const a = await get('/api/terminology/index/terms?prefix=att');
      expect(a.statusCode, a.body).toBe(200);
      const attack = (a.json().terms as Array<{ id: number; title: string; subterms: number }>).find(
        (m) => m.title === 'Attack, attacks',
      );
      expect(attack?.subterms).toBeGreaterThan(10);
      expect(a.json().release.fiscalYear).toBe(2023);

      const page = (await get(`/api/terminology/index/terms/${attack?.id}`)).json();
      expect(page.ancestors).toEqual([]);
      const heart = page.children.find((c: { title: string }) => c.title === 'heart');
      expect(heart).toMatchObject({ level: 1, see: expect.stringMatching(/^infarct/i) });

      // A subterm with subterms of its own, and one of those that carries a code.
      const parent = page.children.find((c: { subterms: number }) => c.subterms > 0);
      const sub = (await get(`/api/terminology/index/terms/${parent.id}`)).json();
      expect(sub.term).toMatchObject({ id: parent.id, title: parent.title, level: 1 });
      expect(sub.ancestors.map((x: { title: string }) => x.title)).toEqual(['Attack, attacks']);
      expect(sub.children).toHaveLength(parent.subterms - sumOfSubterms(sub.children));
      const coded = sub.children.find((c: { code: string | null }) => c.code);
      const leaf = (await get(`/api/terminology/index/terms/${coded.id}`)).json();
      expect(leaf.term.code).toMatch(/^[A-Z]\d/);
      expect(leaf.ancestors.map((x: { title: string }) => x.title)).toEqual([
        'Attack, attacks',
        parent.title,
      ]);
    });

    it('the A–Z view counts every main term of a letter', async () => {
      const b = (await get('/api/terminology/index/terms?prefix=B&limit=5')).json();
      expect(b.terms).toHaveLength(5);
      expect(b.total).toBeGreaterThan(100);
      for (const m of b.terms) expect(m.title[0]).toBe('B');
    });

    it('a path walk names the term id of each step, across the see reference', async () => {
      const res = await get(`/api/terminology/index?path=${encodeURIComponent('Attack, heart')}`);
      expect(res.statusCode, res.body).toBe(200);
      const walk = res.json();
      expect(walk.codes[0].code).toBe('I21.9');
      const titles = walk.path.map((s: { title: string }) => s.title);
      expect(titles).toEqual(['Attack, attacks', 'heart', 'Infarct, infarction', 'myocardium, myocardial']);
      for (const step of walk.path) expect(step.termId).toEqual(expect.any(Number));
      const last = (await get(`/api/terminology/index/terms/${walk.path[3].termId}`)).json();
      expect(last.term.code).toBe('I21.9');
      expect(last.ancestors.map((x: { title: string }) => x.title)).toEqual(['Infarct, infarction']);
    });

    it('the external cause index is browsable too', async () => {
      const fall = (await get('/api/terminology/index/terms?prefix=fall&kind=eindex')).json();
      expect(fall.kind).toBe('eindex');
      expect(fall.terms.some((m: { title: string }) => /^Fall/.test(m.title))).toBe(true);
    });

    it('unknown terms are 404, bad input 400', async () => {
      const unknown = await get('/api/terminology/index/terms/99999999');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('unknown_term');
      expect((await get('/api/terminology/index/terms/abc')).statusCode).toBe(400);
      expect((await get('/api/terminology/index/terms/0')).statusCode).toBe(400);
      expect((await get('/api/terminology/index/terms?prefix=')).statusCode).toBe(400);
      expect((await get('/api/terminology/index/terms?prefix=a&kind=drug')).statusCode).toBe(400);
      expect((await get('/api/terminology/index?path=%20%20')).statusCode).toBe(400);
      expect((await get('/api/terminology/index')).statusCode).toBe(400);
    });

    it('needs a session', async () => {
      expect((await get('/api/terminology/index/terms?prefix=a', null)).statusCode).toBe(401);
      expect((await get('/api/terminology/browse', null)).statusCode).toBe(401);
    });
  });

  describe('transitions report: GET /api/reports/code-transitions', () => {
    /** An encounter with its codes written as an earlier release allowed them. */
    async function encounter(
      name: string,
      dos: string,
      coded: Array<{ code: string; status: 'accepted' | 'rejected' | 'added' }>,
      suggested: string[] = [],
    ): Promise<number> {
      const created = await call(t.app, coder, 'POST', '/api/encounters', {
        note: 'ASSESSMENT: cough.',
        patient: { displayName: name, birthDate: '1970-01-01', sex: 'F' },
        visit: { dateOfService: dos, setting: 'outpatient', payer: 'Acme Health' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as number;
      // Written straight to the store: the codes API checks codes against the date of service
      // today, and these stand for codes saved before a release changed them.
      for (const [i, c] of coded.entries()) {
        await t.store.db
          .insertInto('encounter_code')
          .values({
            encounter_id: id,
            code: c.code,
            sequence: i + 1,
            status: c.status,
            proposed: c.status === 'added' ? null : c.code,
            title: c.code,
            evidence: JSON.stringify([]),
            saved_by: coder.userId,
          })
          .execute();
      }
      if (suggested.length > 0) {
        const suggestion = { codes: suggested.map((code) => ({ code })), queries: [], warnings: [] };
        await sql`UPDATE encounter SET suggestion = ${JSON.stringify(suggestion)}::jsonb WHERE id = ${id}`.execute(
          t.store.db,
        );
      }
      return id;
    }

    let expanded: number;
    let tooNew: number;
    let clean: number;
    let handled: number;
    beforeAll(async () => {
      // R05 (Cough) is billable in FY2021 and a header in FY2023 (R05.1–R05.9).
      expanded = await encounter('Expanded, Ann', '2023-03-01', [
        { code: 'R05', status: 'accepted' },
        { code: 'E11.9', status: 'accepted' },
      ]);
      // R05.9 does not exist in FY2021: suggested for a 2021 visit, still to review.
      tooNew = await encounter('Early, Bo', '2021-03-01', [], ['R05.9', 'E11.9']);
      clean = await encounter('Clean, Cy', '2023-03-01', [{ code: 'E11.9', status: 'accepted' }]);
      // The engine's R05 was rejected and R05.9 added: nothing left to fix.
      handled = await encounter(
        'Handled, Di',
        '2023-03-01',
        [
          { code: 'R05', status: 'rejected' },
          { code: 'R05.9', status: 'added' },
        ],
        ['R05'],
      );
    });

    it('flags codes not reportable on the date of service, with what to use instead', async () => {
      const res = await get('/api/reports/code-transitions');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const report = res.json();
      expect(report.checked).toBe(4);
      expect(report.total).toBe(2);
      const ids = report.items.map((i: { id: number }) => i.id);
      expect(ids).toEqual([expanded, tooNew]);
      expect(ids).not.toContain(clean);
      expect(ids).not.toContain(handled);

      const [a, b] = report.items;
      expect(a.release).toMatchObject({ fiscalYear: 2023, reason: 'date', outsideWindow: false });
      expect(a.patient.displayName).toBe('Expanded, Ann');
      expect(a.problems).toHaveLength(1);
      expect(a.problems[0]).toMatchObject({ code: 'R05', source: 'coded', status: 'accepted' });
      expect(a.problems[0].problem.reason).toBe('header');
      expect(a.problems[0].problem.billableDescendants.map((c: { code: string }) => c.code)).toContain(
        'R05.9',
      );

      expect(b.release.fiscalYear).toBe(2021);
      expect(b.problems).toEqual([
        expect.objectContaining({ code: 'R05.9', source: 'suggested', status: null }),
      ]);
      expect(b.problems[0].problem.reason).toBe('not-in-release');
      expect(b.problems[0].problem.foundIn.map((r: { fiscalYear: number }) => r.fiscalYear)).toContain(2023);
    });

    it('filters by date of service and pages; billers may read it', async () => {
      const only2021 = (
        await get('/api/reports/code-transitions?from=2021-01-01&to=2021-12-31', biller)
      ).json();
      expect(only2021.items.map((i: { id: number }) => i.id)).toEqual([tooNew]);
      const second = (await get('/api/reports/code-transitions?limit=1&offset=1')).json();
      expect(second.total).toBe(2);
      expect(second.items.map((i: { id: number }) => i.id)).toEqual([tooNew]);
    });

    it('bad filters are 400 naming the field; no session is 401', async () => {
      const badDate = await get('/api/reports/code-transitions?from=2023-02-30');
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().error.field).toBe('from');
      const backwards = await get('/api/reports/code-transitions?from=2024-01-01&to=2023-01-01');
      expect(backwards.statusCode).toBe(400);
      expect((await get('/api/reports/code-transitions?state=lost')).statusCode).toBe(400);
      expect((await get('/api/reports/code-transitions?limit=0')).statusCode).toBe(400);
      expect((await get('/api/reports/code-transitions?from=yesterday')).statusCode).toBe(400);
      expect((await get('/api/reports/code-transitions', null)).statusCode).toBe(401);
    });
  });
});
