/** A partner's commission as the shop last heard of it from the referral platform's webhooks. */
export interface LedgerCommission {
  id: string;
  partner: string;
  conversion: string;
  amount: number;
  currency: string;
  status: string;
  /** The message this state came from, and when the platform stamped it. */
  messageId: string;
  timestamp: string;
}

/** A message received and verified at `/webhooks/referral`. */
export interface ReceivedReferralMessage {
  id: string;
  type: string;
  /** The message's `data.id` (a conversion or commission), null for a ping. */
  objectId: string | null;
  receivedAt: number;
}

interface Message {
  id: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * What the shop learnt from the referral platform's webhooks, in memory: every message once (deliveries are at least
 * once, so a repeated message id changes nothing), and each commission's latest state (a message stamped earlier than
 * the one already applied does not overwrite it).
 */
export class ReferralLedger {
  private readonly received = new Map<string, ReceivedReferralMessage>();
  private readonly commissionsById = new Map<string, LedgerCommission>();

  /** Records a verified message; false when its id was received before. */
  record(message: Message): boolean {
    if (this.received.has(message.id)) return false;
    const objectId = typeof message.data.id === 'string' ? message.data.id : null;
    this.received.set(message.id, { id: message.id, type: message.type, objectId, receivedAt: Date.now() });
    if (message.type.startsWith('commission.') && objectId) this.applyCommission(objectId, message);
    return true;
  }

  messages(): ReceivedReferralMessage[] {
    return [...this.received.values()];
  }

  commissions(): LedgerCommission[] {
    return [...this.commissionsById.values()];
  }

  private applyCommission(id: string, message: Message): void {
    const known = this.commissionsById.get(id);
    if (known && known.timestamp > message.timestamp) return;
    const { data } = message;
    this.commissionsById.set(id, {
      id,
      partner: String(data.partner ?? ''),
      conversion: String(data.conversion ?? ''),
      amount: typeof data.amount === 'number' ? data.amount : 0,
      currency: String(data.currency ?? ''),
      status: String(data.status ?? ''),
      messageId: message.id,
      timestamp: message.timestamp,
    });
  }
}
