/** The first value of a form or query field (shared by the sandbox's merchants). */
export { formValue } from '../../merchant/formValue';
