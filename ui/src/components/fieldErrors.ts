// Turns a rejected save into what a form shows: the Chinese message of each field Rust refused, keyed by the
// input's field name (bind each <el-form-item :error="errors.private_phone">), and the message for the whole form
// when the refusal names no field (a conflict, a permission, a storage failure).
import { IpcCallError } from "../ipc";

export interface FormErrors {
  /** Field name (as in the Rust input type) → Chinese message. */
  fields: Record<string, string>;
  /** A message for the whole form, or null when every problem belongs to a field. */
  form: string | null;
}

export const NO_ERRORS: Readonly<FormErrors> = Object.freeze({ fields: {}, form: null });

export function formErrorsOf(error: unknown): FormErrors {
  if (error instanceof IpcCallError && error.fields.length > 0) {
    const fields: Record<string, string> = {};
    for (const issue of error.fields) fields[issue.field] ??= issue.message;
    return { fields, form: null };
  }
  return { fields: {}, form: error instanceof Error ? error.message : String(error) };
}
