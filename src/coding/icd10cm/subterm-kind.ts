/**
 * What an Index term's title says about how the matcher may read it: whether it names a
 * condition at all, connects a cause, classes a cause, or is the default type heading. These
 * depend on the title alone, so each term works them out once (IndexNode.kind) instead of the
 * matcher testing titles with regular expressions for every subterm of every walk.
 */
import { type TermWords, termWords } from './terms.js';

export interface SubtermKind {
  /** "specified disease NEC": its words are generic, so it names no condition. */
  generic: boolean;
  /** A connecting subterm with a plain title ("due to", "in", "following"), words none. */
  connecting: boolean;
  /** A connecting subterm that states causation: read only where the note states a cause. */
  causalConnector: boolean;
  /** "due to food": a cause given by its class, whose members sit below it. */
  causeClass: boolean;
  /** The type a condition has when no cause is stated ("Gout, idiopathic"), with subterms below. */
  defaultType: boolean;
  /** "localized" beside "generalized": a note says where instead ("axillary lymphadenopathy"). */
  localized: boolean;
  /** "not specified as recurrent": the words a statement must not say for this default. */
  notSpecifiedAs: TermWords | null;
}

const NOT_SPECIFIED_AS = /^not specified as (.+)$/i;

const GENERIC = new Set(['diseas', 'disord', 'condit', 'disease', 'disorder', 'condition', 'specifi']);
const CAUSAL_CONNECTOR = /^(due to|secondary to|caused by|resulting from|induced by)$/i;

export function subtermKind(title: string, words: TermWords, hasChildren: boolean): SubtermKind {
  const none = words.required.length === 0;
  return {
    generic: !none && words.required.every((w) => GENERIC.has(w)),
    connecting: none && hasChildren && /^[a-z ,]+$/i.test(title),
    causalConnector: CAUSAL_CONNECTOR.test(title),
    causeClass: /^due to\b/i.test(title),
    defaultType: hasChildren && /^(?:idiopathic|primary)$/i.test(title.replace(/\([^)]*\)/g, '').trim()),
    localized: /^localized$/i.test(title.replace(/\([^)]*\)/g, '').trim()),
    notSpecifiedAs: notSpecifiedAs(title),
  };
}

function notSpecifiedAs(title: string): TermWords | null {
  const unsaid = NOT_SPECIFIED_AS.exec(title);
  return unsaid ? termWords(unsaid[1]!) : null;
}
