import type { DubLink, DubPartner, DubProgram } from './objects';

/** The partner key the demo shop's referral links carry (targets/demo/target.ts: `partner: { key: 'alice' }`). */
export const DEMO_PARTNER_KEY = 'alice';

/**
 * The seeded program: a 20 % sale reward for the customer's lifetime (maxDuration null), as the demo's agreed
 * commission (targets/demo: 400 on a 2000 sale). Its id is the demo's `prog_demo` (Dub's own are `prog_<ULID>`).
 * guess: the domain is a made-up program short-link domain (Dub requires one: click-tracking.mdx).
 */
export function seedProgram(): DubProgram {
  return {
    id: 'prog_demo',
    name: 'Demo partner program',
    domain: 'refer.rehearsal.test',
    defaultGroupId: 'grp_demo_default',
    saleReward: { id: 'rw_demo_sale', event: 'sale', type: 'percentage', amountInPercentage: 20, amountInCents: null, maxDuration: null },
  };
}

/** The demo partner, enrolled and approved, with one link whose key is the demo partner key. */
export function seedPartner(program: DubProgram, siteUrl: string, now: string): { partner: DubPartner; link: DubLink } {
  const partner: DubPartner = {
    id: 'pn_demo_alice',
    name: 'Alice',
    email: 'alice@partners.rehearsal.test',
    image: null,
    country: 'US',
    tenantId: null,
    programId: program.id,
    groupId: program.defaultGroupId,
    status: 'approved',
    createdAt: now,
  };
  const link: DubLink = {
    id: 'link_demo_alice',
    domain: program.domain,
    key: DEMO_PARTNER_KEY,
    url: siteUrl,
    shortLink: `https://${program.domain}/${DEMO_PARTNER_KEY}`,
    programId: program.id,
    partnerId: partner.id,
    tenantId: null,
    externalId: null,
    createdAt: now,
  };
  return { partner, link };
}
