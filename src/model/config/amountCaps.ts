import { parseMaxAmount, type LiveSettings } from './liveSettings';

/** The most one payment in one currency may charge, and the setting it came from (for messages). */
export interface AmountCap {
  /** Minor units of that currency. */
  amount: number;
  /** Where it was set, with its value: `REHEARSAL_MAX_AMOUNT=5000` or `amountCap.jpy=5000 (rehearsal.config.ts)`. */
  label: string;
}

/** The settings that cap payments: REHEARSAL_MAX_AMOUNT as typed (every currency), and rehearsal.config.ts's amountCap. */
export type AmountCapSettings = Pick<LiveSettings, 'maxAmount' | 'amountCap'>;

/**
 * The cap on one payment in `currency`: REHEARSAL_MAX_AMOUNT when it is set (it caps every currency), else
 * rehearsal.config.ts's `amountCap[currency]`. Undefined when neither caps it, or REHEARSAL_MAX_AMOUNT is not a
 * positive whole number (the live guard reports that).
 */
export function amountCapFor(settings: AmountCapSettings, currency: string): AmountCap | undefined {
  if (settings.maxAmount !== undefined) {
    const amount = parseMaxAmount(settings.maxAmount);
    return amount === undefined ? undefined : { amount, label: `REHEARSAL_MAX_AMOUNT=${amount}` };
  }
  const code = currency.toLowerCase();
  const amount = settings.amountCap?.[code];
  return amount === undefined ? undefined : { amount, label: `amountCap.${code}=${amount} (rehearsal.config.ts)` };
}

/** True when any cap is configured (REHEARSAL_MAX_AMOUNT, or an amountCap entry): then payments are checked in test mode too. */
export function hasAmountCap(settings: AmountCapSettings): boolean {
  return settings.maxAmount !== undefined || Object.keys(settings.amountCap ?? {}).length > 0;
}
