/**
 * The Alphabetic Index lists a main term's other forms after a comma: "Diabetes, diabetic",
 * "Pharynx, pharyngeal", "Leukemia, leukemic". A part is read as a form of the head word when it
 * starts with the head's first five letters (all four of a four-letter head; a shorter head has
 * no forms this way). The coding engine reads such parts as synonyms of the main term
 * (coding/icd10cm/terms.ts), and code search as one word family (terminology/search-families.ts).
 */
export function startsLikeHead(head: string, part: string): boolean {
  const prefix = head.slice(0, HEAD_PREFIX).toLowerCase();
  return prefix.length >= MIN_PREFIX && part.toLowerCase().startsWith(prefix);
}

const HEAD_PREFIX = 5;
const MIN_PREFIX = 4;
