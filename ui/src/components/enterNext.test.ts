// The v-enter-next directive on a small form: Enter in a one-line field moves the focus to the next one (and
// selects its text), Enter in the last one calls the bound submit; text areas, selects (native and Element
// Plus's) and a composing input method keep their Enter; disabled/readonly fields are skipped; the submit is the
// latest bound value; unmounting removes the listener.
import { afterEach, describe, expect, it, vi } from "vitest";
import { mount, type VueWrapper } from "@vue/test-utils";
import { defineComponent, h, withDirectives, type PropType } from "vue";
import { nextField, vEnterNext } from "./enterNext";

// A render function, not a template string: the test build of Vue has no runtime template compiler.
const Form = defineComponent({
  props: { submit: { type: Function as PropType<() => void>, required: false, default: undefined } },
  setup(props) {
    const field = (testid: string, attrs: Record<string, unknown> = {}) => h("input", { "data-testid": testid, ...attrs });
    return () =>
      withDirectives(
        h("form", [
          field("first", { value: "one" }),
          field("disabled", { disabled: true }),
          field("readonly", { readonly: true }),
          field("check", { type: "checkbox" }),
          h("textarea", { "data-testid": "notes" }),
          h("select", { "data-testid": "native-select" }, [h("option", "甲")]),
          h("div", { class: "el-select" }, [field("el-select")]),
          field("second", { value: "two" }),
          field("last", { type: "password" }),
        ]),
        [[vEnterNext, props.submit]],
      );
  },
});

/** Dispatches a keydown on `el` and tells whether a listener prevented the default (e.g. form submission). */
function press(el: Element, init: KeyboardEventInit = {}): boolean {
  const event = new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true, ...init });
  el.dispatchEvent(event);
  return event.defaultPrevented;
}

describe("v-enter-next", () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
  });

  function mountForm(submit?: () => void): VueWrapper {
    wrapper = mount(Form, { props: { submit }, attachTo: document.body });
    return wrapper;
  }
  const el = (id: string) => wrapper!.get(`[data-testid="${id}"]`).element as HTMLElement;

  it("moves the focus to the next one-line field, skipping disabled, readonly, checkbox and select fields", () => {
    const submit = vi.fn();
    mountForm(submit);
    el("first").focus();
    expect(press(el("first"))).toBe(true); // the browser's implicit form submission is stopped
    expect(document.activeElement).toBe(el("second"));
    const second = el("second") as HTMLInputElement;
    expect([second.selectionStart, second.selectionEnd]).toEqual([0, 3]); // its text is selected to type over
    expect(submit).not.toHaveBeenCalled();

    press(el("second"));
    expect(document.activeElement).toBe(el("last"));
    expect(submit).not.toHaveBeenCalled();
  });

  it("calls the submit on Enter in the last field, once", () => {
    const submit = vi.fn();
    mountForm(submit);
    el("last").focus();
    expect(press(el("last"))).toBe(true);
    expect(submit).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(el("last"));
  });

  it("leaves Enter alone in a textarea, a native select and an Element Plus select", () => {
    const submit = vi.fn();
    mountForm(submit);
    for (const id of ["notes", "native-select", "el-select"]) {
      el(id).focus();
      expect(press(el(id)), id).toBe(false);
      expect(document.activeElement, id).toBe(el(id));
    }
    expect(submit).not.toHaveBeenCalled();
  });

  it("ignores Enter while an input method is composing, and Enter with Ctrl/Alt/Meta, and other keys", () => {
    const submit = vi.fn();
    mountForm(submit);
    el("last").focus();
    expect(press(el("last"), { isComposing: true })).toBe(false);
    expect(press(el("last"), { ctrlKey: true })).toBe(false);
    expect(press(el("last"), { altKey: true })).toBe(false);
    expect(press(el("last"), { metaKey: true })).toBe(false);
    expect(press(el("last"), { key: "Tab" })).toBe(false);
    el("first").focus();
    press(el("first"), { isComposing: true });
    expect(document.activeElement).toBe(el("first"));
    expect(submit).not.toHaveBeenCalled();
  });

  // WebKit (WKWebView on macOS, WebKitGTK on Linux — the Tauri webviews) fires compositionend *before* the keydown
  // of the Enter that commits a Chinese IME candidate, so that keydown has isComposing = false and keyCode 229
  // (WebKit bug 165004). Checking isComposing alone would let committing a pinyin candidate in the last field
  // submit the form.
  it("ignores the IME-commit Enter WebKit sends after compositionend (keyCode 229)", () => {
    const submit = vi.fn();
    mountForm(submit);
    el("last").focus();
    expect(press(el("last"), { isComposing: false, keyCode: 229 })).toBe(false);
    expect(submit).not.toHaveBeenCalled();
  });

  it("calls the submit bound at the time of the keypress (the directive's updated hook)", async () => {
    const before = vi.fn();
    const after = vi.fn();
    mountForm(before);
    await wrapper!.setProps({ submit: after });
    press(el("last"));
    expect(before).not.toHaveBeenCalled();
    expect(after).toHaveBeenCalledTimes(1);
  });

  it("does nothing at the last field without a submit, and stops listening once unmounted", () => {
    mountForm(undefined);
    expect(() => press(el("last"))).not.toThrow();

    const submit = vi.fn();
    wrapper!.unmount();
    wrapper = mountForm(submit);
    const form = wrapper.element as HTMLElement;
    const last = el("last");
    wrapper.unmount();
    wrapper = undefined;
    form.appendChild(last); // still dispatchable, but the form's listener is gone
    expect(press(last)).toBe(false);
    expect(submit).not.toHaveBeenCalled();
  });

  it("nextField: the following field in document order, undefined after the last and for foreign elements", () => {
    mountForm();
    const form = wrapper!.element as HTMLElement;
    expect(nextField(form, el("first"))).toBe(el("second"));
    expect(nextField(form, el("second"))).toBe(el("last"));
    expect(nextField(form, el("last"))).toBeUndefined();
    expect(nextField(form, el("notes"))).toBeUndefined();
  });
});
