import type { PlatformPartner, PlatformProgram } from './platformObjects';

/** The demo program and its partners every platform starts with (docs/architecture.md, "Seed data"). */
export function seedProgram(now: number): PlatformProgram {
  return {
    id: 'prog_demo',
    object: 'program',
    name: 'Demo partner program',
    rule: { type: 'percentage', percentage: 20 },
    currency: 'usd',
    hold_days: 30,
    cookie_window_days: 90,
    attribution: 'last_click',
    max_duration_months: null,
    created: now,
  };
}

export function seedPartners(now: number): PlatformPartner[] {
  return [
    {
      id: 'ptn_alice',
      object: 'partner',
      key: 'alice',
      name: 'Alice',
      program: 'prog_demo',
      status: 'approved',
      metadata: {},
      created: now,
    },
    { id: 'ptn_bob', object: 'partner', key: 'bob', name: 'Bob', program: 'prog_demo', status: 'approved', metadata: {}, created: now },
  ];
}
