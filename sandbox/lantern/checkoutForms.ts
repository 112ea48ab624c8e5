import { randomBytes } from 'node:crypto';

export type FormKind = 'order' | 'membership';

/**
 * One form the shop served ("Buy now" or "Subscribe"), known by the one-time token in its hidden field. Submitting
 * the same form again (a double click, the back button) finds the same record, so it leads to the same Checkout
 * Session, or to the thanks page once that one is paid: one form never pays twice.
 */
export interface CheckoutForm {
  token: string;
  kind: FormKind;
  issuedAt: number;
  /** The app's own reference: the order id (LC-…) or the membership id (M-…), fixed at the first submit. */
  reference: string | null;
  /** The latest Checkout Session created for this form. */
  sessionId: string | null;
  /** How many sessions were created for the form (an expired one is replaced): part of the idempotency key. */
  sessions: number;
  /** Membership forms on a test clock: the customer created on that clock for this form. */
  customerId: string | null;
}

const FORM_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The forms served in the last 24 hours (and every one that led to a session), and one lock per form so a double submit runs one at a time. */
export class CheckoutForms {
  private readonly forms = new Map<string, CheckoutForm>();
  private readonly locks = new Map<string, Promise<unknown>>();

  issue(kind: FormKind): string {
    this.forgetOld();
    const token = randomBytes(18).toString('base64url');
    this.forms.set(token, { token, kind, issuedAt: Date.now(), reference: null, sessionId: null, sessions: 0, customerId: null });
    return token;
  }

  /** The form with this token and kind, or undefined for a token the shop never served (or served too long ago). */
  find(token: string | null, kind: FormKind): CheckoutForm | undefined {
    const form = token ? this.forms.get(token) : undefined;
    if (!form || form.kind !== kind) return undefined;
    return form.sessionId !== null || Date.now() - form.issuedAt < FORM_LIFETIME_MS ? form : undefined;
  }

  /** Runs `work` once every earlier submit of the same form has finished. */
  async exclusively<T>(form: CheckoutForm, work: () => Promise<T>): Promise<T> {
    const before = this.locks.get(form.token) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(work);
    const settled = run.catch(() => undefined);
    this.locks.set(form.token, settled);
    void settled.then(() => {
      if (this.locks.get(form.token) === settled) this.locks.delete(form.token);
    });
    return run;
  }

  private lastSweep = 0;

  private forgetOld(): void {
    const now = Date.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [token, form] of this.forms) {
      // Forms that led to a session stay: their token must keep finding it (the back button after paying).
      if (now - form.issuedAt >= FORM_LIFETIME_MS && form.sessionId === null) this.forms.delete(token);
    }
  }
}
