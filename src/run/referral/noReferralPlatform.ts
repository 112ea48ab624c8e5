import type { ReferralPlatform } from '../../model/target/referralPlatform';

/**
 * The referral platform of a payment-only merchant (`capabilities.referralProgramme: false`): there is none, so
 * every call throws, saying which step should have been skipped. Scenarios and preflight skip every referral step
 * for such a target; this only makes a step that forgot to skip fail with a reason instead of a TypeError.
 */
export function noReferralPlatform(targetName: string): ReferralPlatform {
  const refuse = (method: string) => async (): Promise<never> => {
    throw new Error(
      `The target "${targetName}" runs no referral programme (capabilities.referralProgramme: false), yet a step called the referral platform (${method}): ` +
        'skip that step with the reason (fixtures/journey/referralProgramme.ts referralStep).',
    );
  };
  return {
    listClicks: refuse('listClicks'),
    retrieveClick: refuse('retrieveClick'),
    listConversions: refuse('listConversions'),
    retrieveConversion: refuse('retrieveConversion'),
    listCommissions: refuse('listCommissions'),
    retrieveCommission: refuse('retrieveCommission'),
    retrieveProgram: refuse('retrieveProgram'),
    listPartners: refuse('listPartners'),
    createWebhookEndpoint: refuse('createWebhookEndpoint'),
    deleteWebhookEndpoint: refuse('deleteWebhookEndpoint'),
    listWebhookEndpoints: refuse('listWebhookEndpoints'),
    pingWebhookEndpoint: refuse('pingWebhookEndpoint'),
    listDeliveries: refuse('listDeliveries'),
  };
}
