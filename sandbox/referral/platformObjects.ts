import type { ReferralConversion, ReferralDelivery, ReferralPartner, ReferralProgram } from '../../contracts/referral';

/*
 * Objects as this platform keeps and sends them: the shapes of contracts/referral.ts with the fields another
 * platform may leave out (optional there) always set.
 */

export type PlatformProgram = ReferralProgram & Required<Pick<ReferralProgram, 'max_duration_months' | 'created'>>;

export type PlatformPartner = ReferralPartner & Required<Pick<ReferralPartner, 'name' | 'program' | 'status' | 'metadata' | 'created'>>;

export type PlatformConversion = ReferralConversion & Required<Pick<ReferralConversion, 'subscription'>>;

export type PlatformDelivery = ReferralDelivery & Required<Pick<ReferralDelivery, 'object_id' | 'error'>>;
