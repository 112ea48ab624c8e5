/** What `rehearse init` accepts as a new target's name: lowercase kebab-case starting with a letter, at most 40 characters. */
export const NEW_TARGET_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const MAX_TARGET_NAME_LENGTH = 40;

/** The name in camelCase, for identifiers in the generated code: `my-shop` → `myShop`. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Why `name` cannot name a new target, or undefined when it can. */
export function targetNameProblem(name: string): string | undefined {
  if (name.length > MAX_TARGET_NAME_LENGTH) return `is longer than ${MAX_TARGET_NAME_LENGTH} characters`;
  if (!NEW_TARGET_NAME.test(name)) return 'is not lowercase kebab-case (letters, digits and single dashes, starting with a letter)';
  return undefined;
}
