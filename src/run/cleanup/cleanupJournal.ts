import { constants } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PaymentReference } from '../../model/target/contract';

/** The mode a run was rehearsed in; cleanup refuses a provider key of the other mode. */
export type JournalMode = 'test' | 'live';

/** The provider objects a run can leave behind, journaled as soon as the harness learns of them. */
export type ObjectKind = 'checkout_session' | 'payment_intent' | 'charge' | 'subscription' | 'customer';

/** `forgotten`: the operator closed the run by hand (`rehearse cleanup --forget`): nothing was undone. */
export type CleanedAction = 'refunded' | 'canceled' | 'already-refunded' | 'already-canceled' | 'nothing-to-do' | 'forgotten';

/** Every entry carries the run it belongs to and where its objects live. */
interface EntryBase {
  /** ISO-8601, when the entry was written. */
  at: string;
  runId: string;
  mode: JournalMode;
  /** The provider API the run talked to, e.g. https://api.stripe.com or the sandbox's http://127.0.0.1:12111. */
  apiBase: string;
  /**
   * The provider was the embedded sandbox, started inside the rehearsal and stopped with it: nothing the run made
   * there outlives the run, so a later `rehearse cleanup` closes such a run without calling anything.
   */
  embeddedSandbox?: true;
}

/**
 * Written (and fsynced) just before a payment page is submitted, so a crash mid-payment is still found: by the
 * payment the page shows (a hosted checkout session, or the payment intent a Payment Element confirms) and, as one
 * more way, by the customer's email.
 */
export interface CheckoutStartedEntry extends EntryBase {
  kind: 'checkout-started';
  /** The run customer's email, when the merchant collects one: the run's sessions and customers are listed by it. */
  email?: string;
  /** The payment the filled page will confirm, when the page shows it. */
  payment?: PaymentReference;
  /** Unix seconds: the run's checkout sessions were created at or after this. */
  since: number;
}

/**
 * Written right after the payment page was submitted and the merchant's page came back: the payment the merchant's
 * page names (its success page's session or payment intent), when it names one.
 */
export interface PaymentSubmittedEntry extends EntryBase {
  kind: 'payment-submitted';
  payment?: PaymentReference;
}

export interface ObjectEntry extends EntryBase {
  kind: ObjectKind;
  id: string;
}

export interface CleanedEntry extends EntryBase {
  kind: 'cleaned';
  /** An object id, or a `checkout-started` entry's key (`checkoutKey`) once it has been resolved. */
  id: string;
  action: CleanedAction;
  refundId?: string;
}

export type JournalEntry = CheckoutStartedEntry | PaymentSubmittedEntry | ObjectEntry | CleanedEntry;
export type NewJournalEntry =
  Omit<CheckoutStartedEntry, 'at'> | Omit<PaymentSubmittedEntry, 'at'> | Omit<ObjectEntry, 'at'> | Omit<CleanedEntry, 'at'>;

/** What every entry kind is called in the journal, for whoever watches it (the kill tests stop a run at each). */
export type JournalEntryKind = JournalEntry['kind'];

const OBJECT_KINDS: readonly string[] = ['checkout_session', 'payment_intent', 'charge', 'subscription', 'customer'];
const PAYMENT_KINDS: readonly string[] = ['checkout_session', 'payment_intent'];

/** The id under which a `checkout-started` entry's email lookup is marked resolved. */
export function checkoutKey(entry: { email?: string; since: number }): string {
  return `checkout-started:${entry.email ?? ''}:${entry.since}`;
}

/** One run's state, folded from the journal. */
export interface RunState {
  runId: string;
  mode: JournalMode;
  apiBase: string;
  /** When the run's first entry was written. */
  firstAt: string;
  /** Its provider was the embedded sandbox, gone with the run (see `EntryBase.embeddedSandbox`). */
  embeddedSandbox: boolean;
  /** The checkouts to look up by email (those journaled with one). */
  checkouts: CheckoutStartedEntry[];
  /** Every object the run is known to have created, by id. */
  objects: Map<string, ObjectKind>;
  /** What cleanup did, by object id (or checkout key); the last entry wins. */
  cleaned: Map<string, CleanedEntry>;
}

/** The ids (objects and checkout keys) of a run not yet marked cleaned. */
export function unfinishedIds(run: RunState): string[] {
  const ids = [...run.checkouts.map(checkoutKey), ...run.objects.keys()];
  return [...new Set(ids)].filter((id) => !run.cleaned.has(id));
}

export function isUnfinished(run: RunState): boolean {
  return unfinishedIds(run).length > 0;
}

/** The project folder: the default state directory `.rehearsal/` is there, wherever a command runs from. */
const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * `<REHEARSAL_STATE_DIR>/cleanup-journal.jsonl`, default `.rehearsal/`; a relative directory is taken from the project
 * folder (as the CLI and Playwright's workers both run there), so every process of a rehearsal finds the same file.
 */
export function journalPath(env: NodeJS.ProcessEnv = process.env): string {
  const stateDir = env.REHEARSAL_STATE_DIR?.trim() || '.rehearsal';
  return path.resolve(PROJECT_ROOT, stateDir, 'cleanup-journal.jsonl');
}

/**
 * The cleanup journal: JSON lines appended to one file shared by every worker and process of the rehearsal.
 * Each `append` resolves only once the line is on disk (fsync), so whatever the harness journaled before a
 * crash or a SIGKILL is found by `rehearse cleanup`. Lines are written with one `write` on an O_APPEND handle
 * each, so concurrent writers do not interleave; a torn last line (power loss) is skipped when read.
 */
export class CleanupJournal {
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): CleanupJournal {
    return new CleanupJournal(journalPath(env));
  }

  async append(entry: NewJournalEntry): Promise<JournalEntry> {
    const written = { at: new Date().toISOString(), ...entry } as JournalEntry;
    const line = `${JSON.stringify(written)}\n`;
    const dir = path.dirname(this.file);
    await mkdir(dir, { recursive: true });
    const handle = await open(this.file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
    try {
      const created = (await handle.stat()).size === 0;
      await handle.write(line);
      await handle.sync();
      if (created) await syncDirectory(dir);
    } finally {
      await handle.close();
    }
    return written;
  }

  /** Every well-formed entry, in the order written (a missing file is an empty journal). */
  async entries(): Promise<JournalEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return parseJournal(text);
  }

  /** The journal's size in bytes now: `runsSince(offset)` later finds the runs that started after. */
  async size(): Promise<number> {
    try {
      const handle = await open(this.file, 'r');
      try {
        return (await handle.stat()).size;
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
  }

  /** Ids of the runs with an entry written after byte `offset` (see `size`). */
  async runIdsSince(offset: number): Promise<string[]> {
    let text: string;
    try {
      text = (await readFile(this.file)).subarray(offset).toString('utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return [...new Set(parseJournal(text).map((entry) => entry.runId))];
  }

  /** Every run in the journal, folded into its state, in the order the runs first appeared. */
  async runs(): Promise<RunState[]> {
    return foldJournal(await this.entries());
  }

  async run(runId: string): Promise<RunState | undefined> {
    return (await this.runs()).find((run) => run.runId === runId);
  }
}

export function parseJournal(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue; // a torn line: the write that made it never completed
    }
    if (isEntry(value)) entries.push(value);
  }
  return entries;
}

function isEntry(value: unknown): value is JournalEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  if (typeof entry.runId !== 'string' || typeof entry.apiBase !== 'string' || typeof entry.kind !== 'string') return false;
  if (entry.mode !== 'test' && entry.mode !== 'live') return false;
  if (entry.kind === 'checkout-started') {
    return (
      (entry.email === undefined || typeof entry.email === 'string') && typeof entry.since === 'number' && isPaymentOrAbsent(entry.payment)
    );
  }
  if (entry.kind === 'payment-submitted') return isPaymentOrAbsent(entry.payment);
  if (entry.kind === 'cleaned') return typeof entry.id === 'string' && typeof entry.action === 'string';
  return OBJECT_KINDS.includes(entry.kind) && typeof entry.id === 'string';
}

function isPaymentOrAbsent(value: unknown): boolean {
  if (value === undefined) return true;
  const payment = value as Record<string, unknown> | null;
  return (
    typeof payment === 'object' && payment !== null && PAYMENT_KINDS.includes(payment.kind as string) && typeof payment.id === 'string'
  );
}

export function foldJournal(entries: JournalEntry[]): RunState[] {
  const runs = new Map<string, RunState>();
  for (const entry of entries) {
    let run = runs.get(entry.runId);
    if (!run) {
      run = {
        runId: entry.runId,
        mode: entry.mode,
        apiBase: entry.apiBase,
        firstAt: entry.at,
        embeddedSandbox: false,
        checkouts: [],
        objects: new Map(),
        cleaned: new Map(),
      };
      runs.set(entry.runId, run);
    }
    if (entry.embeddedSandbox) run.embeddedSandbox = true;
    if (entry.kind === 'checkout-started') {
      if (entry.email !== undefined && !run.checkouts.some((c) => checkoutKey(c) === checkoutKey(entry))) run.checkouts.push(entry);
      if (entry.payment) learnObject(run, entry.payment.kind, entry.payment.id);
    } else if (entry.kind === 'payment-submitted') {
      if (entry.payment) learnObject(run, entry.payment.kind, entry.payment.id);
    } else if (entry.kind === 'cleaned') {
      run.cleaned.set(entry.id, entry);
    } else {
      learnObject(run, entry.kind, entry.id);
    }
  }
  return [...runs.values()];
}

function learnObject(run: RunState, kind: ObjectKind, id: string): void {
  if (!run.objects.has(id)) run.objects.set(id, kind);
}

/** Makes a newly created file's directory entry durable too (best effort: not every platform allows it). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // e.g. Windows cannot open a directory; the file's own fsync still happened
  }
}
