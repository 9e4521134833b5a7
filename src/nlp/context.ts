/**
 * Context of a concept mention, in the manner of NegEx / ConText: trigger phrases open a scope
 * forward (pre) or backward (post) that ends at a terminator ("but", "however", ";") or after a
 * fixed number of words. A mention can be negated ("denies chest pain"), uncertain ("probable
 * pneumonia", "consistent with" — the guideline's own list of uncertain terms), historical
 * ("history of"), about a family member ("mother had breast cancer") or hypothetical
 * ("return if fever develops"). The coder's rules decide what each flag means for coding.
 */
import { isPunct, type Token } from './tokens.js';

export type ContextKind = 'negated' | 'uncertain' | 'historical' | 'family' | 'hypothetical';

export interface ContextFlags {
  negated: boolean;
  uncertain: boolean;
  historical: boolean;
  family: boolean;
  hypothetical: boolean;
}

interface Trigger {
  words: string[];
  kind: ContextKind;
  direction: 'pre' | 'post';
}

const MAX_SCOPE: Record<ContextKind, number> = {
  negated: 12,
  uncertain: 8,
  historical: 6,
  family: 40,
  hypothetical: 12,
};

/**
 * What a test looks for is not yet found: "serology for HIV and hepatitis", "tested for HIV" (pre),
 * "HIV test pending" (post, about the words just before). I.C.1.a: only confirmed HIV is coded; a
 * statement that gives the result ("positive test for influenza A") is read on its own.
 */
const TEST_PRE = [
  'serology for',
  'serologies for',
  'serology of',
  'serologies of',
  'testing for',
  'test for',
  'tested for',
  'tests for',
];
const TEST_POST = ['test pending', 'testing pending', 'serology pending', 'test ordered', 'test requested'];

const PRE: Record<ContextKind, string[]> = {
  negated: [
    'no',
    'not',
    'denies',
    'denied',
    'deny',
    'denying',
    'without',
    'negative for',
    'neg for',
    'free of',
    'absence of',
    'no evidence of',
    'no signs of',
    'no sign of',
    'never had',
    'no longer',
    'ruled out for',
    'rules out',
    'declines',
    'not have',
    'nor',
    // A treatment stated as not taken: "not on insulin" (the "on" would otherwise end the scope,
    // since a treatment named after a condition is affirmed).
    'not on',
    'not currently on',
    'not taking',
    'not currently taking',
    'no longer on',
    'no longer taking',
    'never on',
  ],
  uncertain: [
    'possible',
    'possibly',
    'probable',
    'probably',
    'likely',
    'suspected',
    'suspect',
    'suspicious for',
    'suspicion of',
    'concern for',
    'concerning for',
    'question of',
    'questionable',
    'rule out',
    'to rule out',
    'evaluate for',
    'evaluation for',
    'consistent with',
    'compatible with',
    'cannot exclude',
    'cannot rule out',
    'may have',
    'might have',
    'differential',
    'differential diagnosis',
    'versus',
    'vs',
    'presumed',
    'presumptive',
    'working diagnosis',
    // A finding offered as a sign of a condition ("acanthosis nigricans, marker of insulin
    // resistance") does not establish the condition (IV.H: uncertain until confirmed).
    'marker of',
    'markers of',
    'suggestive of',
    'indicative of',
  ],
  historical: [
    'history of',
    'personal history of',
    'past history of',
    'status post',
    // "past" before a condition ("past suicide attempt"), not the time span ("over the past
    // week", "past 3 days"): see isTimeSpanPast.
    'past',
    'previous',
    'previously',
    'prior',
    'remote',
    'former',
    'treated for',
    'was treated for',
    'recovered from',
    'resolved',
    'resolution of',
  ],
  family: [
    'family history',
    'family',
    'mother',
    'father',
    'sister',
    'brother',
    'sibling',
    'siblings',
    'aunt',
    'uncle',
    'grandmother',
    'grandfather',
    'cousin',
    'parents',
    'parent',
    'maternal',
    'paternal',
    'mom',
    'dad',
  ],
  hypothetical: [
    'if',
    'return if',
    'call if',
    'in case',
    'in case of',
    'should',
    'watch for',
    'monitor for',
    // "precautions" follows what it is about ("fall precautions"): a POST trigger only.
    'risk of',
    'risk for',
    'at risk',
    'to prevent',
    'prevention of',
    'prophylaxis',
    'screening for',
    'screen for',
    ...TEST_PRE,
    'unless',
    'return for',
    'signs of',
  ],
};

const POST: Record<ContextKind, string[]> = {
  negated: [
    'ruled out',
    'is ruled out',
    'was ruled out',
    'has been ruled out',
    'been ruled out',
    'is negative',
    'was negative',
    // Serologies listed together: "HIV, HBV and HCV were negative", "... were also negative".
    'were negative',
    'are negative',
    'were all negative',
    'all negative',
    'was also negative',
    'were also negative',
    // A lab line: "Serology of hepatitis B, C and HIV: negative".
    ': negative',
    'not seen',
    // A finding looked for and not there: "inguinal lymphadenopathy was not observed". ("Not found"
    // and "not identified" are left out: "organism not identified" qualifies the infection.)
    'not observed',
    'not evident',
    'not appreciated',
    'not visualized',
    'absent',
    'denied',
    // "neuropathy - none so far": the condition named as a risk being watched, not present.
    'none so far',
    'none yet',
    'none to date',
    'none at present',
    'none currently',
    // "Rubella immune", "varicella nonimmune": a serologic status, not the infection.
    'immune',
    'nonimmune',
    'non immune',
  ],
  uncertain: [
    'is suspected',
    'suspected',
    'is likely',
    'likely',
    'is possible',
    'possible',
    'is probable',
    'questionable',
    '?',
    'vs',
    'versus',
    'not excluded',
  ],
  historical: ['in the past', 'years ago', 'previously', 'in remission', 'resolved', 'has resolved'],
  family: [
    'in mother',
    'in father',
    'in sister',
    'in brother',
    'in her mother',
    'in his mother',
    'in her father',
    'in his father',
    'in family',
  ],
  hypothetical: [
    'develops',
    'develop',
    'worsens',
    'occurs',
    'recurs',
    'precautions',
    'prevention',
    ...TEST_POST,
  ],
};

/** Triggers about the one or two words next to them ("rubella immune"), not a whole clause. */
const SHORT_SCOPE: Readonly<Record<string, number>> = {
  immune: 2,
  nonimmune: 2,
  'non immune': 2,
  // Four tokens: "HIV" reads as the three words it stands for.
  ...Object.fromEntries(TEST_POST.map((t) => [t, 4])),
};

const TERMINATORS = new Set([
  'but',
  'however',
  'although',
  'though',
  'except',
  'aside',
  'yet',
  'nevertheless',
  'which',
  'who',
  'presents',
  'presented',
  'presenting',
  'reports',
  'endorses',
  'complains',
  'admits',
  'has',
  'now',
  // The treatment after a condition is affirmed even when the condition's modifiers are
  // negated ("diabetes without complications, on metformin").
  'on',
  'taking',
  'managed',
  ';',
  '.',
  ':',
  'because',
  'since',
  'secondary',
  'diagnosed',
]);

function buildTriggers(): Map<string, Trigger[]> {
  const map = new Map<string, Trigger[]>();
  const add = (direction: 'pre' | 'post', table: Record<ContextKind, string[]>) => {
    for (const kind of Object.keys(table) as ContextKind[]) {
      for (const phrase of table[kind]) {
        const words = phrase.split(' ');
        const list = map.get(words[0]!) ?? [];
        list.push({ words, kind, direction });
        list.sort((a, b) => b.words.length - a.words.length);
        map.set(words[0]!, list);
      }
    }
  };
  add('pre', PRE);
  add('post', POST);
  return map;
}

const TRIGGERS = buildTriggers();

/** A statement that gives a test's result says what was found: the test triggers do not apply. */
const TEST_TRIGGERS: ReadonlySet<string> = new Set([...TEST_PRE, ...TEST_POST]);
const RESULT_WORDS: ReadonlySet<string> = new Set(['positive', 'detected', 'confirmed', 'reactive']);

/**
 * Per-token context flags for one sentence: flags[i] tells the context of tokens[i]. Triggers
 * whose phrase is in `ignore` are not applied (a caller that knows the phrase names the
 * condition's state rather than its context: "in remission" where the Index codes remission).
 */
export function contextScopes(tokens: Token[], ignore?: ReadonlySet<string>): ContextFlags[] {
  const flags: ContextFlags[] = tokens.map(() => ({
    negated: false,
    uncertain: false,
    historical: false,
    family: false,
    hypothetical: false,
  }));
  const statesAResult = tokens.some((t) => RESULT_WORDS.has(t.norm));
  for (let i = 0; i < tokens.length; i++) {
    const trigger = triggerAt(tokens, i);
    if (!trigger) continue;
    if (ignore?.has(trigger.words.join(' '))) {
      i += trigger.words.length - 1;
      continue;
    }
    // "Positive test for influenza A": the test's result is stated, and it is the finding.
    if (!(statesAResult && TEST_TRIGGERS.has(trigger.words.join(' '))))
      applyTrigger(tokens, flags, i, trigger);
    i += trigger.words.length - 1;
  }
  return flags;
}

/** Whether contextScopes applies the trigger `phrase` ("in remission") anywhere in the tokens. */
export function appliesTrigger(tokens: Token[], phrase: string): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const trigger = triggerAt(tokens, i);
    if (!trigger) continue;
    if (trigger.words.join(' ') === phrase) return true;
    i += trigger.words.length - 1;
  }
  return false;
}

function applyTrigger(tokens: Token[], flags: ContextFlags[], i: number, trigger: Trigger): void {
  const len = trigger.words.length;
  const short = SHORT_SCOPE[trigger.words.join(' ')];
  const limit = short ?? MAX_SCOPE[trigger.kind];
  let words = 0;
  if (trigger.direction === 'pre') {
    for (let j = i + len; j < tokens.length && words < limit; j++) {
      const t = tokens[j]!;
      if (TERMINATORS.has(t.norm) && !(trigger.kind === 'family' && t.norm === 'has')) break;
      // "without" qualifies the phrase it starts, the way the Index writes it ("migraine without
      // aura, intractable"): a comma or a "with" ends it.
      if (trigger.words[0] === 'without' && (t.norm === ',' || t.norm === 'with')) break;
      flags[j]![trigger.kind] = true;
      if (!isPunct(t)) words++;
    }
  } else {
    for (let j = i - 1; j >= 0 && words < limit; j--) {
      const t = tokens[j]!;
      if (TERMINATORS.has(t.norm)) break;
      // A short-scope trigger is about the words right before it, never across punctuation.
      if (short !== undefined && isPunct(t)) break;
      flags[j]![trigger.kind] = true;
      if (!isPunct(t)) words++;
    }
  }
}

// Words that make "past" part of a time span rather than a qualifier of the next condition.
const SPAN_BEFORE_PAST = new Set(['the', 'over', 'in', 'for', 'within', 'during', 'this', 'last']);
const SPAN_AFTER_PAST = new Set([
  'few',
  'several',
  'couple',
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'year',
  'years',
  'hour',
  'hours',
  'night',
  'weekend',
]);

function isTimeSpanPast(tokens: Token[], i: number): boolean {
  const before = tokens[i - 1]?.norm;
  const after = tokens[i + 1]?.norm;
  if (before !== undefined && SPAN_BEFORE_PAST.has(before)) return true;
  return after === undefined || /^[0-9]/.test(after) || SPAN_AFTER_PAST.has(after);
}

const NOT_YET = new Set(['not', 'never', 'nor']);
const WATCH_VERBS = new Set([
  'monitor',
  'monitoring',
  'monitored',
  'watch',
  'watching',
  'observe',
  'surveillance',
]);
const WATCHED_FOR: Trigger = { words: ['for'], kind: 'hypothetical', direction: 'pre' };

/** "for" after a monitoring verb earlier in the same clause ("monitor BP and for AF"). */
function watchedFor(tokens: Token[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 6; j--) {
    const w = tokens[j]!.norm;
    if (TERMINATORS.has(w) || w === ',') return false;
    if (WATCH_VERBS.has(w)) return true;
  }
  return false;
}

function triggerAt(tokens: Token[], i: number): Trigger | undefined {
  const first = tokens[i]!.norm;
  if (first === 'past' && isTimeSpanPast(tokens, i)) return undefined;
  // "monitor the blood pressure and for atrial fibrillation": what is watched for is not present.
  if (first === 'for' && watchedFor(tokens, i)) return WATCHED_FOR;
  // "not in remission" is a current disease (C91.10 "not having achieved remission"), not history.
  if (first === 'in' && NOT_YET.has(tokens[i - 1]?.norm ?? '')) return undefined;
  for (const t of TRIGGERS.get(first) ?? []) {
    let ok = true;
    for (let k = 1; k < t.words.length; k++) {
      if (tokens[i + k]?.norm !== t.words[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return t;
  }
  return undefined;
}

/** The context of the concept spanning tokens[from, to): the union of its tokens' flags. */
export function contextOf(flags: ContextFlags[], from: number, to: number): ContextFlags {
  const out: ContextFlags = {
    negated: false,
    uncertain: false,
    historical: false,
    family: false,
    hypothetical: false,
  };
  for (let i = from; i < to; i++) {
    const f = flags[i];
    if (!f) continue;
    out.negated ||= f.negated;
    out.uncertain ||= f.uncertain;
    out.historical ||= f.historical;
    out.family ||= f.family;
    out.hypothetical ||= f.hypothetical;
  }
  return out;
}
