import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ImportError } from '../../../src/codesets/errors.js';

// Hand-written Tabular List and order-file fixtures for the tabular-*, order-* and billable tests.

let dir: string | undefined;

/** Writes a fixture file to a temporary folder and returns its path. */
export function writeFixture(name: string, content: string): string {
  dir ??= mkdtempSync(join(tmpdir(), 'medcoder-tabular-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A tabular document around the given chapters, laid out as the CMS files are. */
export function tabularXml(chapters: string, version = '2099'): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<ICD10CM.tabular>\n  <version>${version}</version>\n${chapters}</ICD10CM.tabular>\n`;
}

/**
 * A small but complete tabular: chapter and section notes, a 7th-character definition with a
 * note under one character, placeholder padding (S02.0 → S02.0XXA, T07 → T07.XXXA) and the S06
 * restriction note.
 */
export const MINI_TABULAR = tabularXml(`  <chapter>
    <name>19</name>
    <desc>Injury, poisoning and certain other consequences of external causes (S00-T88)</desc>
    <excludes2>
      <note>birth trauma (P10-P15)</note>
    </excludes2>
    <section id="S00-S09">
      <desc>Injuries to the head (S00-S09)</desc>
      <includes>
        <note>injuries of ear</note>
      </includes>
      <diag>
        <name>S02</name>
        <desc>Fracture of skull and facial bones</desc>
        <sevenChrNote>
          <note>The appropriate 7th character is to be added to each code from category S02</note>
        </sevenChrNote>
        <sevenChrDef>
          <extension char="A">initial encounter for closed fracture</extension>
          <extension char="B">initial encounter for open fracture</extension>
          <note>	initial encounter for open fracture NOS</note>
        </sevenChrDef>
        <diag>
          <name>S02.0</name>
          <desc>Fracture of vault of skull</desc>
          <inclusionTerm>
            <note>Fracture of frontal bone</note>
            <note>Fracture of parietal bone</note>
          </inclusionTerm>
        </diag>
      </diag>
      <diag>
        <name>S06</name>
        <desc>Intracranial injury</desc>
        <sevenChrDef>
          <extension char="A">initial encounter</extension>
          <extension char="D">subsequent encounter</extension>
          <extension char="S">sequela</extension>
        </sevenChrDef>
        <notes>
          <note>7th characters D and S do not apply to codes in category S06 with 6th character 7 - death due to brain injury prior to regaining consciousness, or 8 - death due to other cause prior to regaining consciousness.</note>
        </notes>
        <diag>
          <name>S06.0</name>
          <desc>Concussion</desc>
          <diag placeholder="true">
            <name>S06.0X</name>
            <desc>Concussion</desc>
            <diag>
              <name>S06.0X1</name>
              <desc>Concussion with loss of consciousness of 30 minutes or less</desc>
            </diag>
            <diag>
              <name>S06.0X7</name>
              <desc>Concussion with loss of consciousness with death due to brain injury</desc>
            </diag>
          </diag>
        </diag>
      </diag>
    </section>
    <section id="T07-T07">
      <desc>Injuries involving multiple body regions (T07)</desc>
      <diag>
        <name>T07</name>
        <desc>Unspecified multiple injuries</desc>
        <sevenChrDef>
          <extension char="A">initial encounter</extension>
          <extension char="S">sequela</extension>
        </sevenChrDef>
      </diag>
    </section>
  </chapter>
  <chapter>
    <name>21</name>
    <desc>Factors influencing health status and contact with health services (Z00-Z99)</desc>
    <section id="Z00-Z13">
      <desc>Persons encountering health services for examinations (Z00-Z13)</desc>
      <diag>
        <name>Z00</name>
        <desc>Encounter for general examination without complaint</desc>
        <diag>
          <name>Z00.0</name>
          <desc>Encounter for general adult medical examination</desc>
          <diag>
            <name>Z00.00</name>
            <desc>Encounter for general adult medical examination without abnormal findings</desc>
          </diag>
        </diag>
      </diag>
    </section>
  </chapter>
`);

/** Runs `action` and checks it fails with an ImportError naming the file and, when given, the line. */
export async function expectImportError(
  action: () => Promise<unknown>,
  file: string,
  line: number | undefined,
  reason: RegExp,
): Promise<ImportError> {
  const err = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  const ie = err as ImportError;
  expect(ie.file).toBe(file);
  if (line !== undefined) expect(ie.line).toBe(line);
  expect(ie.reason).toMatch(reason);
  return ie;
}
