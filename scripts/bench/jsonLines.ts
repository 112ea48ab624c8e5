import { readFile } from 'node:fs/promises';

/** The records of a JSON-lines file that have the expected shape, and how many lines did not. */
export interface JsonLines<T> {
  records: T[];
  malformed: number;
}

/** Parses one JSON value per line; blank lines are skipped, lines that are not JSON or not `is` count as malformed. */
export function parseJsonLines<T>(text: string, is: (value: unknown) => value is T): JsonLines<T> {
  const records: T[] = [];
  let malformed = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      malformed += 1;
      continue;
    }
    if (is(value)) records.push(value);
    else malformed += 1;
  }
  return { records, malformed };
}

/** The file's records, or undefined when the file does not exist (the harness under test wrote no log). */
export async function readJsonLines<T>(file: string, is: (value: unknown) => value is T): Promise<JsonLines<T> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseJsonLines(text, is);
}
