import type { RunApiUsage, RunZoneUsage } from '../../run/rateBudget/runApiUsage';
import { RATE_ZONES, type RateZone } from '../../run/rateBudget/zones';
import { plural } from './text';

/** Each zone as the sign-off names it. */
export const ZONE_LABEL: Record<RateZone, string> = {
  provider: 'provider',
  referralClicks: 'referral clicks',
  referralConversions: 'referral conversions',
  referralGeneral: 'referral general',
};

/** "/s" or "/min": the zone's window as a rate unit. */
export function perWindow(window: RunZoneUsage['window']): string {
  return window === '1s' ? '/s' : '/min';
}

/** A number with at most one decimal ("12.5", "60"). */
function short(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * One line for the console: "API calls: provider 265 (peak 12/s of 25), referral conversions 56 (peak 30/min of 120)
 * — no 429"; zones without calls are left out.
 */
export function apiUsageLine(usage: RunApiUsage): string {
  const used = RATE_ZONES.filter((zone) => usage.zones[zone].calls > 0);
  const zones = used.map((zone) => {
    const { calls, peakRate, window, limit } = usage.zones[zone];
    return `${ZONE_LABEL[zone]} ${calls} (peak ${peakRate}${perWindow(window)} of ${short(limit)})`;
  });
  const total429 = RATE_ZONES.reduce((sum, zone) => sum + usage.zones[zone].status429, 0);
  const unreadable = usage.badLines > 0 ? `; ${plural(usage.badLines, 'unreadable line')} skipped` : '';
  return `API calls: ${zones.length ? zones.join(', ') : 'none'} — ${total429 === 0 ? 'no 429' : `${total429} × 429`}${unreadable}`;
}

/**
 * One warning per zone whose peak went over the run's budget (its fraction of the limit) and per zone answered with
 * 429s. Warnings only: the verdict does not depend on them.
 */
export function apiUsageWarnings(usage: RunApiUsage): string[] {
  const warnings: string[] = [];
  for (const zone of RATE_ZONES) {
    const { peakRate, window, limit, budgetFraction, status429, overBudget } = usage.zones[zone];
    const unit = perWindow(window);
    if (overBudget) {
      warnings.push(
        `API calls: ${ZONE_LABEL[zone]} peaked at ${peakRate}${unit}, over the run's budget of ${short(budgetFraction * limit)}${unit} ` +
          `(${short(budgetFraction * 100)} % of the limit ${short(limit)}${unit})`,
      );
    }
    if (status429 > 0) warnings.push(`API calls: ${ZONE_LABEL[zone]} answered ${plural(status429, 'time')} with 429 (too many requests)`);
  }
  return warnings;
}
