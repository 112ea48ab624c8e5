/**
 * Refunds an order in full through Kissa's merchant API (`POST /api/orders/:id/refund`, `Authorization: Bearer
 * <API key>`) and resolves with the status the shop then reports. The key is a secret: it goes in the header only,
 * never into a message (Node's fetch, not Playwright's request context, whose call log lists request headers).
 */
export async function refundThroughMerchantApi(merchantBaseUrl: string, apiKey: string, orderId: string): Promise<{ status: string }> {
  const url = new URL(`/api/orders/${encodeURIComponent(orderId)}/refund`, merchantBaseUrl);
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' },
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json().catch(() => null)) as { status?: unknown; error?: { message?: unknown } } | null;
  if (!response.ok || typeof body?.status !== 'string') {
    const reason = typeof body?.error?.message === 'string' ? body.error.message : 'no order status in the answer';
    throw new Error(`Kissa's refund API (POST ${url.pathname}) answered ${response.status}: ${reason}`);
  }
  return { status: body.status.replace(/_/g, ' ') };
}
