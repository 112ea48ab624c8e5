import { test, expect } from '@playwright/test';
import { applyCommissionRule, commissionAfterRefund } from '../../../../src/run/referral/commissionRules';

test('a percentage rule pays the rounded share of the sale', () => {
  expect(applyCommissionRule({ type: 'percentage', percentage: 20 }, 2000)).toBe(400);
  expect(applyCommissionRule({ type: 'percentage', percentage: 15 }, 1005)).toBe(151); // 150.75
  expect(applyCommissionRule({ type: 'percentage', percentage: 12.5 }, 1004)).toBe(126); // 125.5 rounds up
  expect(applyCommissionRule({ type: 'percentage', percentage: 20 }, 0)).toBe(0);
});

test('a flat rule pays its amount per unit, whatever the sale', () => {
  expect(applyCommissionRule({ type: 'flat', amount: 500 }, 2000)).toBe(500);
  expect(applyCommissionRule({ type: 'flat', amount: 500 }, 99_999, 3)).toBe(1500);
});

test('refuses amounts that are not minor units', () => {
  expect(() => applyCommissionRule({ type: 'percentage', percentage: 20 }, 19.99)).toThrow(/minor units/);
  expect(() => applyCommissionRule({ type: 'percentage', percentage: 120 }, 2000)).toThrow(/0–100/);
  expect(() => applyCommissionRule({ type: 'flat', amount: 500 }, 2000, 0)).toThrow(/quantity/);
});

test('a full refund leaves nothing and a partial refund scales the commission', () => {
  expect(commissionAfterRefund(400, 2000, 2000)).toBe(0);
  expect(commissionAfterRefund(400, 2000, 500)).toBe(300);
  expect(commissionAfterRefund(400, 2000, 0)).toBe(400);
  expect(commissionAfterRefund(333, 1000, 500)).toBe(167); // 166.5
  expect(() => commissionAfterRefund(400, 2000, 2001)).toThrow(/cannot exceed/);
});
