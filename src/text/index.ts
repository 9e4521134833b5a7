/**
 * The text normaliser shared by the NLP, the coding engine and terminology search: one stemmer,
 * one word splitter, one stopword list. A leaf module: it imports nothing of medcoder's.
 */
export { startsLikeHead } from './head-form.js';
export { stem } from './stem.js';
export { normalizeTitle, ROMAN_NUMERALS, STOPWORDS, splitParenthesised, stems, words } from './words.js';
