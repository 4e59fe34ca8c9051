// One way for every form that sends its values to Rust: check the el-form's own rules, mark the form as saving
// (buttons spin, fields lock, a second Enter or click is ignored), make the call, and when Rust refuses, turn the
// refusal into per-field messages (bind <el-form-item :error="errors.fields.xxx">) and a message for the whole
// form (an <el-alert v-if="errors.form">). Rust stays the judge; the form rules only catch typos early.
//
//   const { saving, errors, submit, clearErrors } = useRustForm(formRef);
//   const save = () => submit(async () => { await saveThing(input); emit("saved"); });
import { ref, type Ref } from "vue";
import type { FormInstance } from "element-plus";
import { NO_ERRORS, formErrorsOf, type FormErrors } from "./fieldErrors";

export interface RustForm {
  /** True while the call is in flight. */
  saving: Ref<boolean>;
  /** What the last refused call left to show; NO_ERRORS otherwise. */
  errors: Ref<FormErrors>;
  /**
   * Validates the form (when one was given), then runs `send`; what `send` does after the call (close, emit,
   * clear the fields) counts as part of the save, so a failure there is shown like Rust's refusal.
   * Resolves true when `send` finished, false when the form was invalid, a save was already running, or it failed.
   */
  submit: (send: () => Promise<unknown>) => Promise<boolean>;
  /** Forget the last refusal and the rule messages, e.g. when a dialog opens again. */
  clearErrors: () => void;
}

export function useRustForm(formRef?: Ref<FormInstance | undefined>): RustForm {
  const saving = ref(false);
  const errors = ref<FormErrors>(NO_ERRORS);

  async function submit(send: () => Promise<unknown>): Promise<boolean> {
    if (saving.value) return false;
    // Rust's last refusal was about the last attempt: it must not stand next to this attempt's rule messages.
    errors.value = NO_ERRORS;
    if (formRef) {
      // el-form's validate() rejects with the failed fields; the form shows them itself, so only "no" matters.
      const valid = await formRef.value?.validate().catch(() => false);
      if (!valid) return false;
    }
    saving.value = true;
    try {
      await send();
      return true;
    } catch (error) {
      errors.value = formErrorsOf(error);
      return false;
    } finally {
      saving.value = false;
    }
  }

  function clearErrors(): void {
    errors.value = NO_ERRORS;
    formRef?.value?.clearValidate();
  }

  return { saving, errors, submit, clearErrors };
}
