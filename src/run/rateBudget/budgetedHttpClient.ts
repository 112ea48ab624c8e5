import type Stripe from 'stripe';
import type { RateBudgets } from './rateBudgets';
import { providerLimitName } from './zones';

/**
 * A stripe-node HTTP client that takes a slot of the provider zone's budget before every request it sends (retries
 * included) and counts the 429s it gets.
 */
export function createBudgetedHttpClient(inner: Stripe.HttpClient, budgets: RateBudgets, secretKey: string): Stripe.HttpClient {
  const limitName = providerLimitName(secretKey);
  return {
    getClientName: () => inner.getClientName(),
    async makeRequest(host, port, path, method, headers, requestData, protocol, timeout) {
      const at = await budgets.take('provider', secretKey, limitName);
      try {
        const response = await inner.makeRequest(host, port, path, method, headers, requestData, protocol, timeout);
        budgets.answered('provider', at, response.getStatusCode());
        return response;
      } catch (error) {
        budgets.answered('provider', at, null);
        throw error;
      }
    },
  };
}
