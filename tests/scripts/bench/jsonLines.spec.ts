import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseJsonLines, readJsonLines } from '../../../scripts/bench/jsonLines';

const isNumbered = (value: unknown): value is { n: number } => typeof (value as { n?: unknown } | null)?.n === 'number';

test('keeps the records of the expected shape and counts the other lines as malformed', () => {
  const text = '{"n":1}\n\n{"n":2}\nnot json\n{"m":3}\n{"n":4}';
  expect(parseJsonLines(text, isNumbered)).toEqual({ records: [{ n: 1 }, { n: 2 }, { n: 4 }], malformed: 2 });
});

test('reads a file, and answers undefined when there is no file (the harness wrote no log)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-lines-'));
  try {
    await writeFile(join(dir, 'log.jsonl'), '{"n":7}\n');
    expect(await readJsonLines(join(dir, 'log.jsonl'), isNumbered)).toEqual({ records: [{ n: 7 }], malformed: 0 });
    expect(await readJsonLines(join(dir, 'absent.jsonl'), isNumbered)).toBeUndefined();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
