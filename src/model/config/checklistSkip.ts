/** Why an item of rehearsal.config.ts's `checklist.skip` was not rehearsed, as preflight and the sign-off say it. */
export const NOT_IN_CHECKLIST_REASON = "not in this rehearsal's checklist (rehearsal.config.ts)";
