// Keyboard convention of Chinese admin forms: Enter in a one-line field moves to the next field, as Tab does; Enter
// in the last field calls the directive's value (usually the form's save), so a clerk can fill a form without the
// mouse. Text areas keep Enter for line breaks; buttons, selects and date pickers keep their own Enter.
//   <el-form v-enter-next="save"> … </el-form>
import type { Directive } from "vue";

/** The fields Enter moves between, in document order. */
const FIELD_SELECTOR = "input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([disabled]):not([readonly])";

type Submit = (() => void) | undefined;

const handlers = new WeakMap<HTMLElement, (event: KeyboardEvent) => void>();
const submits = new WeakMap<HTMLElement, Submit>();

/** Whether Enter on this element should move on (a plain one-line text field, not a composing IME). */
function movesOn(event: KeyboardEvent): event is KeyboardEvent & { target: HTMLInputElement } {
  // WebKit sends the Enter that commits a pinyin candidate after compositionend, with keyCode 229 (WebKit bug
  // 165004): that Enter belongs to the input method, not to the form.
  const imeCommit = event.isComposing || event.keyCode === 229;
  if (event.key !== "Enter" || imeCommit || event.ctrlKey || event.altKey || event.metaKey) return false;
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || !target.matches(FIELD_SELECTOR)) return false;
  // Element Plus selects and pickers use a readonly or role'd input: their own Enter opens or picks.
  return !target.closest(".el-select, .el-cascader, .el-date-editor, .el-autocomplete");
}

/** The next field after `current` inside `form`, or undefined at the last one. */
export function nextField(form: HTMLElement, current: HTMLElement): HTMLInputElement | undefined {
  const fields = Array.from(form.querySelectorAll<HTMLInputElement>(FIELD_SELECTOR)).filter(
    (el) => !el.closest(".el-select, .el-cascader, .el-date-editor, .el-autocomplete") && isShown(el),
  );
  const index = fields.indexOf(current as HTMLInputElement);
  return index >= 0 ? fields[index + 1] : undefined;
}

/** False for a field hidden with v-show (display: none on it or a parent): Enter must not stop there. */
function isShown(el: HTMLElement): boolean {
  for (let node: HTMLElement | null = el; node; node = node.parentElement) {
    if (node.style.display === "none") return false;
  }
  return true;
}

export const vEnterNext: Directive<HTMLElement, Submit> = {
  mounted(form, binding) {
    submits.set(form, binding.value);
    const onKeydown = (event: KeyboardEvent) => {
      if (!movesOn(event)) return;
      event.preventDefault();
      const next = nextField(form, event.target);
      if (next) {
        next.focus();
        next.select();
      } else {
        submits.get(form)?.();
      }
    };
    handlers.set(form, onKeydown);
    form.addEventListener("keydown", onKeydown);
  },
  updated(form, binding) {
    submits.set(form, binding.value);
  },
  beforeUnmount(form) {
    const onKeydown = handlers.get(form);
    if (onKeydown) form.removeEventListener("keydown", onKeydown);
    handlers.delete(form);
    submits.delete(form);
  },
};
