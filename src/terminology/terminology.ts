import type { AlphabeticIndex } from './alphabetic-index.js';
import type { CodeSet } from './code-set.js';
import { TerminologyError } from './errors.js';
import { lookupDrug, lookupIndex, lookupNeoplasm } from './index-lookup.js';
import { browseCodes, lookupCode } from './lookup.js';
import type { NoteBook } from './notes.js';
import type { ReleaseCodes } from './release-codes.js';
import { diffReleases, type ReleaseDiff } from './release-diff.js';
import { chooseCodesRelease } from './release-selection.js';
import { buildSearchIndex, type CodeSearch, searchCodes } from './search.js';
import type {
  BrowseResult,
  CodeDetails,
  CodeValidation,
  DrugCodes,
  Icd10cmTerminology,
  IndexLookupOptions,
  IndexLookupResult,
  LoadTimings,
  NeoplasmCodes,
  ReleaseChoice,
  ReleaseInfo,
  ReleaseSelection,
  SearchHit,
  SearchOptions,
  TableLookupResult,
  ValidateOptions,
} from './types.js';
import { validateCode } from './validate.js';

export interface TerminologyParts {
  releases: readonly ReleaseInfo[];
  selection: ReleaseSelection;
  /** The selected codes release in full. */
  codes: CodeSet;
  /** Code lists of every release with a tabular or order file (the selected one among them). */
  releaseCodes: readonly ReleaseCodes[];
  /** Notes of the selected codes release. */
  notes: NoteBook;
  indexes: {
    disease: AlphabeticIndex | null;
    eindex: AlphabeticIndex | null;
    drug: AlphabeticIndex | null;
    neoplasm: AlphabeticIndex | null;
  };
  /** The search index, or null to build it on the first search. */
  search: CodeSearch | null;
  timings?: LoadTimings;
}

/** The in-memory service. Built by `loadTerminology`; holds no database handle. */
export class Terminology implements Icd10cmTerminology {
  readonly selection: ReleaseSelection;
  readonly releases: readonly ReleaseInfo[];
  readonly loadTimings?: LoadTimings;
  private readonly codes: CodeSet;
  private readonly releaseCodesById: ReadonlyMap<number, ReleaseCodes>;
  private readonly primaryCodes: ReleaseCodes;
  // The one piece built after construction (on the first search when loading deferred it);
  // a holder object because the service itself is frozen.
  private readonly lazy: { search: CodeSearch | null };
  /** Code lists of releases newer than the Tabular in memory, newest first (for code search). */
  private readonly newerCodes: readonly ReleaseCodes[];

  constructor(private readonly parts: TerminologyParts) {
    this.selection = parts.selection;
    this.releases = parts.releases;
    if (parts.timings) this.loadTimings = parts.timings;
    this.codes = parts.codes;
    this.releaseCodesById = new Map(parts.releaseCodes.map((s) => [s.release.id, s]));
    const primary = this.releaseCodesById.get(parts.selection.codes.release.id);
    if (!primary || parts.codes.release.id !== primary.release.id)
      throw new TerminologyError(parts.selection.codes.release.label, 'its code set was not loaded');
    this.primaryCodes = primary;
    this.lazy = { search: parts.search };
    const from = parts.codes.release.effectiveFrom;
    this.newerCodes = parts.releaseCodes
      .filter((s) => s.release.effectiveFrom > from)
      .sort((a, b) => b.release.effectiveFrom.localeCompare(a.release.effectiveFrom));
    Object.freeze(this);
  }

  /** Number of searchable documents (titles, inclusion terms, Index paths). */
  get searchDocuments(): number {
    return this.searchIndex().index.size;
  }

  private searchIndex(): CodeSearch {
    this.lazy.search ??= buildSearchIndex(this.codes, this.parts.notes, this.parts.indexes.disease);
    return this.lazy.search;
  }

  lookup(code: string): CodeDetails | null {
    return lookupCode(this.codes, this.parts.notes, code);
  }

  browse(target?: string | number): BrowseResult | null {
    return browseCodes(this.codes, target);
  }

  validate(codes: readonly string[], options: ValidateOptions = {}): CodeValidation[] {
    let choice: ReleaseChoice = this.selection.codes;
    let set = this.primaryCodes;
    if (options.date !== undefined) {
      choice = chooseCodesRelease(this.releases, options.date, { validity: true });
      set = this.releaseCodesById.get(choice.release.id) ?? this.primaryCodes;
    }
    const others = this.parts.releaseCodes.filter((s) => s !== set);
    return codes.map((c) => validateCode(c, choice, set, others));
  }

  diff(fromFiscalYear: number, toFiscalYear: number): ReleaseDiff {
    return diffReleases(this.codesOfYear(fromFiscalYear), this.codesOfYear(toFiscalYear));
  }

  /** The code list of a fiscal year's latest imported release that lists codes. */
  private codesOfYear(fiscalYear: number): ReleaseCodes {
    const sets = this.parts.releaseCodes
      .filter((s) => s.release.fiscalYear === fiscalYear)
      .sort((a, b) => b.release.effectiveFrom.localeCompare(a.release.effectiveFrom));
    const found = sets[0];
    if (!found) {
      const have = [...new Set(this.parts.releaseCodes.map((s) => `FY${s.release.fiscalYear}`))].join(', ');
      throw new TerminologyError(
        `FY${fiscalYear}`,
        `no imported release of that year lists codes (have: ${have})`,
      );
    }
    return found;
  }

  codesOn(date: string): { choice: ReleaseChoice; codes: ReleaseCodes } {
    const choice = chooseCodesRelease(this.releases, date, { validity: true });
    return { choice, codes: this.releaseCodesById.get(choice.release.id) ?? this.primaryCodes };
  }

  search(text: string, options?: SearchOptions): SearchHit[] {
    return searchCodes(this.searchIndex(), this.codes, text, options, this.newerCodes);
  }

  alphabeticIndex(kind: 'disease' | 'eindex'): AlphabeticIndex | null {
    return this.parts.indexes[kind];
  }

  indexLookup(path: string, options: IndexLookupOptions = {}): IndexLookupResult {
    const kind = options.kind ?? 'disease';
    if (kind !== 'disease' && kind !== 'eindex') {
      throw new TerminologyError('index kind', `"${String(kind)}" is not one of disease, eindex`);
    }
    const index = this.parts.indexes[kind];
    const choice = kind === 'disease' ? this.selection.index : this.selection.eindex;
    if (!index || !choice) {
      const name = kind === 'disease' ? 'Alphabetic Index' : 'External Cause Index';
      throw new TerminologyError(
        name,
        `no imported release has the ${kind === 'disease' ? 'index' : 'eindex'} file`,
      );
    }
    return { ...lookupIndex(index, this.codes, path, releaseTag(choice.release)), kind };
  }

  eindexLookup(path: string): IndexLookupResult {
    return this.indexLookup(path, { kind: 'eindex' });
  }

  neoplasmLookup(site: string): TableLookupResult<NeoplasmCodes> | null {
    const index = this.parts.indexes.neoplasm;
    const choice = this.selection.neoplasm;
    if (!index || !choice)
      throw new TerminologyError('Neoplasm Table', 'no imported release has the neoplasm file');
    return lookupNeoplasm(index, site, releaseTag(choice.release));
  }

  drugLookup(substance: string): TableLookupResult<DrugCodes> | null {
    const index = this.parts.indexes.drug;
    const choice = this.selection.drug;
    if (!index || !choice)
      throw new TerminologyError('Table of Drugs and Chemicals', 'no imported release has the drug file');
    return lookupDrug(index, substance, releaseTag(choice.release));
  }
}

function releaseTag(r: ReleaseInfo): { fiscalYear: number; label: string } {
  return { fiscalYear: r.fiscalYear, label: r.label };
}
