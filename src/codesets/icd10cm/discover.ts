import { basename } from 'node:path';
import type { Icd10cmFileKind } from '../../store/schema.js';
import { ImportError } from '../errors.js';
import { listFiles } from '../list-files.js';
import { fiscalYearFromName, type ReleaseKey, releaseKeyFor } from './release-key.js';
import { fiscalYearOf, sniffIcd10cmFile } from './sniff.js';

export interface DiscoveredFile {
  path: string;
  kind: Icd10cmFileKind;
  fiscalYear: number;
}

export interface DiscoveredRelease {
  key: ReleaseKey;
  files: DiscoveredFile[];
}

/**
 * Finds the official ICD-10-CM files under a folder (any depth), recognises each by its content
 * (not its name: CMS and CDC name the same file differently), and groups them into releases by
 * fiscal year. Files that are not ICD-10-CM release files are ignored.
 */
export async function discoverIcd10cm(dir: string, effectiveOverride?: string): Promise<DiscoveredRelease[]> {
  const files: DiscoveredFile[] = [];
  for (const path of await listFiles(dir)) {
    if (!/\.(xml|txt)(\.gz)?$/i.test(path)) continue;
    const kind = await sniffIcd10cmFile(path);
    if (!kind) continue;
    const fiscalYear =
      (TEXT_KINDS.has(kind) ? undefined : await fiscalYearOf(path)) ?? fiscalYearFromName(basename(path));
    if (!fiscalYear)
      throw new ImportError(basename(path), undefined, 'cannot tell which fiscal year this file is');
    files.push({ path, kind, fiscalYear });
  }
  const byYear = new Map<number, DiscoveredFile[]>();
  for (const f of files) byYear.set(f.fiscalYear, [...(byYear.get(f.fiscalYear) ?? []), f]);
  const releases: DiscoveredRelease[] = [];
  for (const [fiscalYear, group] of [...byYear].sort((a, b) => a[0] - b[0])) {
    const seen = new Map<Icd10cmFileKind, string>();
    for (const f of group) {
      const other = seen.get(f.kind);
      if (other) {
        throw new ImportError(
          basename(f.path),
          undefined,
          `two ${f.kind} files for FY${fiscalYear} (${basename(other)} and ${basename(f.path)}); import each update separately with --effective YYYY-MM-DD`,
        );
      }
      seen.set(f.kind, f.path);
    }
    const key = releaseKeyFor(
      fiscalYear,
      group.map((f) => basename(f.path)),
      effectiveOverride,
    );
    releases.push({
      key,
      files: group.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)),
    });
  }
  return releases;
}

/** Import order within a release: the tabular first, so later steps can check against it. */
export const KIND_ORDER: Icd10cmFileKind[] = [
  'tabular',
  'order',
  'codes',
  'addenda',
  'index',
  'eindex',
  'drug',
  'neoplasm',
];

/** Plain-text files: no version inside, the fiscal year comes from the file name. */
const TEXT_KINDS: ReadonlySet<Icd10cmFileKind> = new Set(['order', 'codes', 'addenda']);
