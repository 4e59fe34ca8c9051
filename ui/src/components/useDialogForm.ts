// One way for every dialog that edits a small form and sends it to Rust (with RustFormDialog as its frame): the
// model starts from fresh values at each opening (ui-conventions §3: resetFields() would restore the first ones)
// with no message left from before; a save checks the form's rules and sends through useRustForm (Rust's refusals
// under the fields, or above the form), then closes the dialog and hands over what Rust answered.
//
//   const dialog = useDialogForm({ open, values: () => ({ name: "" }), send: (m) => saveThing(m), saved: () => emit("saved") });
//   <RustFormDialog v-slot="{ errors }" v-model="open" :form="dialog" :rules="rules" …>
import { reactive, ref, watch, type Ref } from "vue";
import type { FormInstance } from "element-plus";
import { useRustForm, type RustForm } from "./useRustForm";

/** What RustFormDialog binds: its el-form, the model, the saving state, Rust's refusals and the save. */
export interface DialogForm<M extends object> {
  formRef: Ref<FormInstance | undefined>;
  model: M;
  saving: RustForm["saving"];
  errors: RustForm["errors"];
  /** Resolves true when Rust took it (the dialog is then closed). */
  save: () => Promise<boolean>;
}

export function useDialogForm<M extends object, T = unknown>(options: {
  open: Ref<boolean>;
  /** The values the dialog opens with (read again at each opening, e.g. from its props). */
  values: () => M;
  send: (model: M) => Promise<T>;
  saved: (answer: T) => void;
  /** Reset whenever the dialog opens (the panel sets `open`); otherwise `start()` resets and opens. */
  resetOnOpen?: boolean;
}) {
  const { open, values, send, saved } = options;
  const formRef = ref<FormInstance>();
  const model = reactive(values()) as M;
  const { saving, errors, submit, clearErrors } = useRustForm(formRef);

  function reset(): void {
    Object.assign(model, values());
    clearErrors();
  }
  if (options.resetOnOpen) watch(open, (isOpen) => isOpen && reset());

  /** Opens the dialog on fresh values. */
  function start(): void {
    reset();
    open.value = true;
  }

  function save(): Promise<boolean> {
    return submit(async () => {
      const answer = await send(model);
      open.value = false;
      saved(answer);
    });
  }

  const fieldError = (name: string): string | undefined => errors.value.fields[name];
  const form: DialogForm<M> = { formRef, model, saving, errors, save };

  return { form, model, saving, errors, fieldError, start, save };
}
