/**
 * What to do about checklist items not rehearsed because the target cannot do them: give the target what the reason
 * names, or take the items out of this rehearsal deliberately. `target` is the run's target (a name under targets/,
 * or the path of its folder); undefined when not known.
 */
export function targetGapHint(target: string | undefined, itemIds: readonly string[]): string {
  const folder = target === undefined ? 'targets/<name>' : /[\\/]/.test(target) ? target.replace(/[\\/]+$/, '') : `targets/${target}`;
  const them = itemIds.length === 1 ? 'it' : 'them';
  return (
    `To rehearse ${them}, implement what the reason names in ${folder}/ (a flow method in flows.ts; a plan or a ` +
    `capability in target.ts); or leave ${them} out of this rehearsal deliberately: ` +
    `checklist: { skip: [${itemIds.map((id) => `'${id}'`).join(', ')}] } in rehearsal.config.ts.`
  );
}
