/**
 * Text shortened without cutting a sentence: what a reason line keeps of a long error. A sentence ends at `.`, `!`
 * or `?` (a closing quote or bracket may follow) before whitespace and a word that does not start in lower case, so
 * the dot of a number (20.00), a URL (https://shop.example/a.b), an abbreviation (e.g. this) or markup
 * (`<!DOCTYPE html>.` inside a line) does not end one.
 */
export function clipToSentences(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const ends = sentenceEnds(text);
  const within = ends.filter((end) => end <= maxLength);
  if (within.length > 0) return text.slice(0, within.at(-1)).trimEnd();
  // The first sentence alone is longer: keep it whole when it is not absurdly long.
  const first = ends[0];
  if (first !== undefined && first <= maxLength * 2) return text.slice(0, first).trimEnd();
  return `${text.slice(0, maxLength - 1).trimEnd()}…`;
}

/** Where each sentence of `text` ends (the index just after its punctuation), the last one at the end of the text. */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  const punctuation = /[.!?]["'”’)\]]*/g;
  for (let match = punctuation.exec(text); match !== null; match = punctuation.exec(text)) {
    const end = match.index + match[0].length;
    const rest = text.slice(end);
    if (rest.trim() === '') {
      ends.push(end);
      break;
    }
    if (!/^\s/.test(rest)) continue; // 20.00, shop.example, a.b: no space after the dot
    const next = rest.trimStart().charAt(0);
    if (next !== next.toLowerCase() || /[\d"'“([<`]/.test(next)) ends.push(end);
  }
  return ends;
}
