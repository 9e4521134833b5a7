import type { AlphabeticIndex } from './alphabetic-index.js';
import type { CodeSet } from './code-set.js';
import { TerminologyError } from './errors.js';
import { lookupDrug, lookupIndex, lookupNeoplasm } from './index-lookup.js';
import { browseCodes, lookupCode } from './lookup.js';
import type { NoteBook } from './notes.js';
import { chooseCodesRelease } from './release-selection.js';
import { buildSearchIndex, searchCodes } from './search.js';
import type { SearchIndex } from './search-index.js';
import type {
  BrowseResult,
  CodeDetails,
  CodeValidation,
  DrugCodes,
  Icd10cmTerminology,
  IndexLookupResult,
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
  /** Code sets of every release with a tabular or order file (the selected one among them). */
  codeSets: readonly CodeSet[];
  /** Notes of the selected codes release. */
  notes: NoteBook;
  indexes: {
    disease: AlphabeticIndex | null;
    eindex: AlphabeticIndex | null;
    drug: AlphabeticIndex | null;
    neoplasm: AlphabeticIndex | null;
  };
}

/** The in-memory service. Built by `loadTerminology`; holds no database handle. */
export class Terminology implements Icd10cmTerminology {
  readonly selection: ReleaseSelection;
  readonly releases: readonly ReleaseInfo[];
  private readonly codes: CodeSet;
  private readonly codeSetsById: ReadonlyMap<number, CodeSet>;
  private readonly searchIndex: SearchIndex;

  constructor(private readonly parts: TerminologyParts) {
    this.selection = parts.selection;
    this.releases = parts.releases;
    this.codeSetsById = new Map(parts.codeSets.map((s) => [s.release.id, s]));
    const codes = this.codeSetsById.get(parts.selection.codes.release.id);
    if (!codes)
      throw new TerminologyError(parts.selection.codes.release.label, 'its code set was not loaded');
    this.codes = codes;
    this.searchIndex = buildSearchIndex(codes, parts.notes, parts.indexes.disease);
    Object.freeze(this);
  }

  /** Number of searchable documents (titles, inclusion terms, Index paths). */
  get searchDocuments(): number {
    return this.searchIndex.size;
  }

  lookup(code: string): CodeDetails | null {
    return lookupCode(this.codes, this.parts.notes, code);
  }

  browse(target?: string | number): BrowseResult | null {
    return browseCodes(this.codes, target);
  }

  validate(codes: readonly string[], options: ValidateOptions = {}): CodeValidation[] {
    let choice: ReleaseChoice = this.selection.codes;
    let set = this.codes;
    if (options.date !== undefined) {
      choice = chooseCodesRelease(this.releases, options.date);
      set = this.codeSetsById.get(choice.release.id) ?? this.codes;
    }
    const others = this.parts.codeSets.filter((s) => s !== set);
    return codes.map((c) => validateCode(c, choice, set, others));
  }

  search(text: string, options?: SearchOptions): SearchHit[] {
    return searchCodes(this.searchIndex, this.codes, text, options);
  }

  indexLookup(path: string): IndexLookupResult {
    const index = this.parts.indexes.disease;
    const choice = this.selection.index;
    if (!index || !choice)
      throw new TerminologyError('Alphabetic Index', 'no imported release has the index file');
    return lookupIndex(index, this.codes, path, releaseTag(choice.release));
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
