import type { BudgetRequest, BudgetSlot } from './budgetServer';

/**
 * Asks the run's budget server (budgetServer.ts) for a slot and waits for it. Throws when the server cannot be reached,
 * answers other than 2xx or without a slot. (Node's fetch gives up on an answer after 5 minutes: a slot that far away
 * counts as unreachable.)
 */
export async function takeFromBudgetServer(serverUrl: string, request: BudgetRequest): Promise<BudgetSlot> {
  let response: Response;
  try {
    response = await fetch(new URL('/take', serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch (error) {
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    throw new Error(`no answer${typeof code === 'string' ? `: ${code}` : ''}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`it answered ${response.status}`);
  }
  const slot = (await response.json()) as Partial<BudgetSlot> | null;
  if (typeof slot?.at !== 'number' || typeof slot.waitedMs !== 'number') throw new Error('it answered without a slot');
  return { at: slot.at, waitedMs: slot.waitedMs };
}
