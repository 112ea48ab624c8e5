import type Stripe from 'stripe';
import { formatMoney } from '../../base/formatMoney';
import {
  checkoutKey,
  type CheckoutStartedEntry,
  type CleanedAction,
  type CleanupJournal,
  type ObjectKind,
  type RunState,
} from './cleanupJournal';
import { idOf, sessionPaymentIntentIds } from '../provider/sessionPaymentIntents';

/** What cleanup did (or could not do) to one object of a run. */
export interface CleanupAction {
  runId: string;
  /** `checkout-started` is resolved, not journaled as an object of its own. */
  kind: ObjectKind | 'checkout-started';
  id: string;
  action: CleanedAction | 'expired' | 'failed';
  refundId?: string;
  /** Amount refunded, in minor units, with its currency. */
  amount?: number;
  currency?: string;
  /** For `failed`: the provider's one-line reason. */
  error?: string;
}

export interface CleanupSummary {
  runId: string;
  mode: string;
  apiBase: string;
  /** Nothing in the journal was unfinished for the run: no provider call was made. */
  nothingToDo: boolean;
  actions: CleanupAction[];
  refunded: number;
  canceled: number;
  /** Objects found already refunded / canceled / with nothing to undo. */
  alreadyClean: number;
  failed: number;
}

export interface CleanUpOptions {
  /** Called as each action is taken (the CLI prints one line per action). */
  onAction?: (action: CleanupAction) => void;
}

const TERMINAL_SUBSCRIPTION_STATUSES: ReadonlySet<string> = new Set(['canceled', 'incomplete_expired']);
const LIST_CAP = 1_000;
const RUN_CLOCK_MARGIN_S = 5 * 60;

/**
 * Undoes what one run left at the provider: resolves its `checkout-started` entries by listing the run's checkout
 * sessions (by the customer's email, created since), expires sessions still open, cancels every subscription not
 * already canceled, refunds every unrefunded charge (idempotency key `cleanup-refund-<charge>`), and journals a
 * `cleaned` entry for each. Only the run's unfinished entries are looked at, so a second call does nothing.
 */
export async function cleanUpRun(
  journal: CleanupJournal,
  runId: string,
  stripe: Stripe,
  options: CleanUpOptions = {},
): Promise<CleanupSummary> {
  const run = await journal.run(runId);
  const summary: CleanupSummary = {
    runId,
    mode: run?.mode ?? 'unknown',
    apiBase: run?.apiBase ?? 'unknown',
    nothingToDo: true,
    actions: [],
    refunded: 0,
    canceled: 0,
    alreadyClean: 0,
    failed: 0,
  };
  if (!run) return summary;
  const cleanup = new RunCleanup(journal, run, stripe, summary, options);
  await cleanup.perform();
  summary.nothingToDo = summary.actions.length === 0;
  return summary;
}

class RunCleanup {
  /** Objects to look at, by id, in the order found. */
  private readonly pending = new Map<string, ObjectKind>();
  /** Containers (payment intents, customers, checkout keys) whose contents were all found without an error. */
  private readonly resolved = new Map<string, { kind: CleanupAction['kind'] }>();
  private readonly expanded = new Set<string>();

  constructor(
    private readonly journal: CleanupJournal,
    private readonly run: RunState,
    private readonly stripe: Stripe,
    private readonly summary: CleanupSummary,
    private readonly options: CleanUpOptions,
  ) {}

  async perform(): Promise<void> {
    for (const [id, kind] of this.run.objects) if (!this.run.cleaned.has(id)) this.pending.set(id, kind);
    const checkouts = this.run.checkouts.filter((c) => !this.run.cleaned.has(checkoutKey(c)));
    if (this.pending.size === 0 && checkouts.length === 0) return;

    for (const checkout of checkouts) await this.resolveCheckout(checkout);
    // Expanding a container may find more containers (a subscription names its customer): until nothing new.
    for (let round = 0; round < 5; round++) {
      const containers = [...this.pending].filter(([id, kind]) => kind !== 'charge' && !this.expanded.has(id));
      if (containers.length === 0) break;
      for (const [id, kind] of containers) {
        this.expanded.add(id);
        await this.expand(id, kind);
      }
    }
    // Cancel first, so no renewal charges after the refunds; then refund.
    for (const [id, kind] of this.pending) if (kind === 'subscription') await this.cancelSubscription(id);
    for (const [id, kind] of this.pending) if (kind === 'charge') await this.refundCharge(id);
    for (const [id, { kind }] of this.resolved) {
      if (kind === 'charge' || kind === 'subscription') continue;
      await this.record({ kind, id, action: 'nothing-to-do' }, { silent: true });
    }
  }

  /** Lists the run's checkout sessions and customers by email, created since the entry's `since`. */
  private async resolveCheckout(entry: CheckoutStartedEntry): Promise<void> {
    const key = checkoutKey(entry);
    const email = entry.email;
    if (email === undefined) return; // only checkouts journaled with an email are looked up by it
    try {
      const sessions = await this.stripe.checkout.sessions
        .list({ customer_details: { email }, created: { gte: entry.since }, limit: 100 })
        .autoPagingToArray({ limit: LIST_CAP });
      for (const session of sessions) await this.learnSession(session);
      const customers = await this.stripe.customers
        .list({ email, created: { gte: entry.since }, limit: 100 })
        .autoPagingToArray({ limit: LIST_CAP });
      for (const customer of customers) await this.learn('customer', customer.id);
      this.resolved.set(key, { kind: 'checkout-started' });
    } catch (error) {
      await this.fail({ kind: 'checkout-started', id: key }, error);
    }
  }

  private async learnSession(session: Stripe.Checkout.Session): Promise<void> {
    if (session.status === 'open') await this.expireSession(session.id);
    // A subscription session's payment is its first invoice's (its own payment_intent is null at Stripe).
    for (const id of await sessionPaymentIntentIds(this.stripe, session).catch(ifMissing([] as string[])))
      await this.learn('payment_intent', id);
    await this.learn('subscription', idOf(session.subscription));
    await this.learn('customer', idOf(session.customer));
  }

  /** An open session could still be paid (a browser left on the payment page): expire it. */
  private async expireSession(id: string): Promise<void> {
    try {
      await this.stripe.checkout.sessions.expire(id);
      this.report({ kind: 'checkout_session', id, action: 'expired' });
    } catch (error) {
      // Paid or expired meanwhile: what it produced is found through its payment intent or subscription.
      const session = await this.stripe.checkout.sessions.retrieve(id).catch(() => undefined);
      if (session?.status !== 'open') return;
      await this.fail({ kind: 'checkout_session', id }, error);
    }
  }

  private async expand(id: string, kind: ObjectKind): Promise<void> {
    try {
      if (kind === 'checkout_session') {
        const session = await this.stripe.checkout.sessions.retrieve(id).catch(ifMissing(undefined));
        if (session) await this.learnSession(session);
      } else if (kind === 'payment_intent') {
        const intent = await this.stripe.paymentIntents.retrieve(id).catch(ifMissing(undefined));
        // Its customer holds what else the payment started (a Payment Element subscription's first invoice).
        if (intent) await this.learn('customer', idOf(intent.customer));
        const charges = await this.stripe.charges.list({ payment_intent: id, limit: 100 }).autoPagingToArray({ limit: LIST_CAP });
        for (const charge of charges) await this.learn('charge', charge.id);
      } else if (kind === 'customer') {
        // Only what was created since the run began: a customer the merchant reuses must not lose older payments.
        const created = { gte: this.runSince() };
        const [subscriptions, charges, sessions] = await Promise.all([
          this.stripe.subscriptions.list({ customer: id, status: 'all', created, limit: 100 }).autoPagingToArray({ limit: LIST_CAP }),
          this.stripe.charges.list({ customer: id, created, limit: 100 }).autoPagingToArray({ limit: LIST_CAP }),
          this.stripe.checkout.sessions.list({ customer: id, status: 'open', created, limit: 100 }).autoPagingToArray({ limit: LIST_CAP }),
        ]);
        for (const session of sessions) await this.learnSession(session);
        for (const subscription of subscriptions) await this.learn('subscription', subscription.id);
        for (const charge of charges) await this.learn('charge', charge.id);
      } else if (kind === 'subscription') {
        const subscription = await this.stripe.subscriptions.retrieve(id).catch(ifMissing(undefined));
        if (subscription) await this.learn('customer', idOf(subscription.customer));
        return; // a subscription is acted on, not resolved
      }
      if (kind !== 'charge') this.resolved.set(id, { kind });
    } catch (error) {
      if (isMissing(error)) {
        this.resolved.set(id, { kind });
        return;
      }
      await this.fail({ kind, id }, error);
    }
  }

  /**
   * Unix seconds before which nothing can be the run's: its first journal entry, or its earliest checkout's `since`,
   * less five minutes for a provider clock that disagrees with this machine's.
   */
  private runSince(): number {
    const first = Math.floor(Date.parse(this.run.firstAt) / 1000);
    return Math.min(first, ...this.run.checkouts.map((c) => c.since)) - RUN_CLOCK_MARGIN_S;
  }

  /** Journals a newly found object at once (so a crash during cleanup does not lose it) and queues it. */
  private async learn(kind: ObjectKind, id: string | undefined): Promise<void> {
    if (!id || this.pending.has(id) || this.run.cleaned.has(id)) return;
    if (!this.run.objects.has(id)) {
      await this.journal.append({ runId: this.run.runId, mode: this.run.mode, apiBase: this.run.apiBase, kind, id });
      this.run.objects.set(id, kind);
    }
    this.pending.set(id, kind);
  }

  private async cancelSubscription(id: string): Promise<void> {
    try {
      const subscription = await this.stripe.subscriptions.retrieve(id).catch(ifMissing(undefined));
      if (!subscription || TERMINAL_SUBSCRIPTION_STATUSES.has(subscription.status)) {
        await this.record({ kind: 'subscription', id, action: 'already-canceled' });
        return;
      }
      try {
        await this.stripe.subscriptions.cancel(id);
      } catch (error) {
        if (!isMissing(error)) throw error;
        await this.record({ kind: 'subscription', id, action: 'already-canceled' }); // canceled meanwhile
        return;
      }
      await this.record({ kind: 'subscription', id, action: 'canceled' });
    } catch (error) {
      await this.fail({ kind: 'subscription', id }, error);
    }
  }

  private async refundCharge(id: string): Promise<void> {
    try {
      const charge = await this.stripe.charges.retrieve(id);
      if (charge.refunded || charge.amount_refunded >= charge.amount) {
        await this.record({ kind: 'charge', id, action: 'already-refunded', amount: charge.amount_refunded, currency: charge.currency });
        return;
      }
      if (charge.status !== 'succeeded' || !charge.paid) {
        await this.record({ kind: 'charge', id, action: 'nothing-to-do' }); // a declined or failed charge moved no money
        return;
      }
      let refund: Stripe.Refund;
      try {
        refund = await this.stripe.refunds.create(
          { charge: id, metadata: { run_id: this.run.runId, reason: 'rehearsal cleanup' } },
          { idempotencyKey: `cleanup-refund-${id}` },
        );
      } catch (error) {
        if (errorCode(error) !== 'charge_already_refunded') throw error;
        await this.record({ kind: 'charge', id, action: 'already-refunded' });
        return;
      }
      await this.record({ kind: 'charge', id, action: 'refunded', refundId: refund.id, amount: refund.amount, currency: refund.currency });
    } catch (error) {
      await this.fail({ kind: 'charge', id }, error);
    }
  }

  private async record(
    action: Omit<CleanupAction, 'runId' | 'action'> & { action: CleanedAction },
    options: { silent?: boolean } = {},
  ): Promise<void> {
    const { runId, mode, apiBase } = this.run;
    await this.journal.append({
      runId,
      mode,
      apiBase,
      kind: 'cleaned',
      id: action.id,
      action: action.action,
      ...(action.refundId ? { refundId: action.refundId } : {}),
    });
    if (!options.silent) this.report(action);
  }

  private async fail(what: { kind: CleanupAction['kind']; id: string }, error: unknown): Promise<void> {
    this.report({ ...what, action: 'failed', error: oneLine(error) });
  }

  private report(action: Omit<CleanupAction, 'runId'>): void {
    const full: CleanupAction = { runId: this.run.runId, ...action };
    this.summary.actions.push(full);
    if (full.action === 'refunded') this.summary.refunded++;
    else if (full.action === 'canceled' || full.action === 'expired') this.summary.canceled++;
    else if (full.action === 'failed') this.summary.failed++;
    else this.summary.alreadyClean++;
    this.options.onAction?.(full);
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | undefined)?.code;
}

function isMissing(error: unknown): boolean {
  return errorCode(error) === 'resource_missing' || (error as { statusCode?: number } | undefined)?.statusCode === 404;
}

function ifMissing<T>(value: T): (error: unknown) => T {
  return (error) => {
    if (isMissing(error)) return value;
    throw error;
  };
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/** One line per action, as `rehearse cleanup` prints it. */
export function describeAction(action: CleanupAction): string {
  const money = action.amount !== undefined && action.currency ? ` ${formatMoney(action.amount, action.currency)}` : '';
  switch (action.action) {
    case 'refunded':
      return `  ✓ refunded charge ${action.id}${money} (refund ${action.refundId}) [run ${action.runId}]`;
    case 'canceled':
      return `  ✓ canceled ${action.kind.replace('_', ' ')} ${action.id} [run ${action.runId}]`;
    case 'expired':
      return `  ✓ expired open checkout session ${action.id} [run ${action.runId}]`;
    case 'already-refunded':
      return `  · charge ${action.id} was already refunded [run ${action.runId}]`;
    case 'already-canceled':
      return `  · subscription ${action.id} was already canceled [run ${action.runId}]`;
    case 'nothing-to-do':
      return `  · ${action.kind.replace('_', ' ')} ${action.id}: nothing to undo [run ${action.runId}]`;
    case 'forgotten':
      return `  · ${action.kind.replace('_', ' ')} ${action.id}: no longer tracked, nothing undone [run ${action.runId}]`;
    case 'failed':
      return `  ✗ could not clean up ${action.kind.replace('_', ' ')} ${action.id}: ${action.error} [run ${action.runId}]`;
  }
}
