export { AmountCapError, expectWithinAmountCap, withAmountCap } from './amountCap';
export { embeddedAccountPrefix, keyBody, keyMode, type KeyMode } from './keys';
export { liveCardProblems, livePaymentCard, parseExpiry, TEST_PAYMENT_CARD, type PaymentCard } from './liveCard';
export {
  cataloguePrices,
  checkLiveGuard,
  DEFAULT_PROBES,
  evaluateLiveGuard,
  type GuardPrice,
  type LiveGuardInput,
  type LiveGuardObservations,
  type LiveGuardProbes,
} from './liveGuard';
export { readMerchantSnippetKey, readProviderAccount, snippetKeyIn, type ProviderAccount } from './probes';
export { liveKeyVariables, liveVariablesInTestModeFailure, unusedVariableWarnings } from './environmentVariables';
