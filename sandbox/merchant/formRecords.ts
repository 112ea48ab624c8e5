import { randomBytes } from 'node:crypto';

/**
 * A merchant's records made from form submits (orders, sign-ups), in memory: each is found by its id, or by the
 * hidden token of the rendered form it was made from, so a second submit of the same form finds the first one's
 * record. A book of one kind extends it with how a record is made and found.
 */
export class FormRecords<T extends { id: string; token: string }> {
  private readonly byId = new Map<string, T>();
  private readonly idByToken = new Map<string, string>();

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  findByToken(token: string): T | undefined {
    const id = this.idByToken.get(token);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Keeps a new record, found from now on by its id and its form token. */
  protected add(record: T): T {
    this.byId.set(record.id, record);
    this.idByToken.set(record.token, record.id);
    return record;
  }

  /** Every record, oldest first. */
  protected all(): T[] {
    return [...this.byId.values()];
  }
}

/** A new record's id: the prefix (`ord`, `sgn`), an underscore and 16 random hex digits. */
export function newRecordId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

/** The time now in Unix seconds, as the merchant's records keep it. */
export function unixSecondsNow(): number {
  return Math.floor(Date.now() / 1000);
}
