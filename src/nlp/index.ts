// Clinical text analysis: sections, sentences, tokens, abbreviations, context. No data needed.

export { stem } from '../text/index.js';
export { ABBREVIATIONS, expandAbbreviations } from './abbreviations.js';
export { type AnalyzeOptions, analyzeNote, type NoteAnalysis, type Sentence } from './analyze.js';
export { type ContextFlags, type ContextKind, contextOf, contextScopes } from './context.js';
export { findSections, isDiagnosticSection, type Section, type SectionKind, sectionAt } from './sections.js';
export { type Span, splitSentences } from './sentences.js';
export { isPunct, type Token, tokenize } from './tokens.js';
