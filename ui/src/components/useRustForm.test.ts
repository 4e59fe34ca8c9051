// useRustForm without a screen: an invalid form never reaches Rust, a second submit while saving is ignored, a
// refusal naming fields lands under those fields and one naming none above the form, the saving flag drops in
// every case, and a new attempt forgets the last refusal.
import { describe, expect, it, vi } from "vitest";
import { ref } from "vue";
import type { FormInstance } from "element-plus";
import { IpcCallError } from "../ipc";
import { NO_ERRORS } from "./fieldErrors";
import { useRustForm } from "./useRustForm";
import { deferred } from "../test/fixtures";

/** A stand-in el-form: validate() resolves true or rejects like Element Plus does for invalid fields. */
function fakeForm(valid: boolean) {
  const form = {
    validate: vi.fn(() => (valid ? Promise.resolve(true) : Promise.reject({ name: [{ message: "必填" }] }))),
    clearValidate: vi.fn(),
  };
  return { form, formRef: ref(form as unknown as FormInstance) };
}

describe("useRustForm", () => {
  it("does not call Rust when the form's own rules fail", async () => {
    const { formRef } = fakeForm(false);
    const { submit, saving } = useRustForm(formRef);
    const send = vi.fn(() => Promise.resolve());
    expect(await submit(send)).toBe(false);
    expect(send).not.toHaveBeenCalled();
    expect(saving.value).toBe(false);
  });

  it("is saving while the call runs and ignores a second submit meanwhile", async () => {
    const { formRef } = fakeForm(true);
    const { submit, saving, errors } = useRustForm(formRef);
    const answer = deferred<void>();
    const send = vi.fn(() => answer.promise);
    const first = submit(send);
    await vi.waitFor(() => expect(saving.value).toBe(true));
    expect(await submit(send)).toBe(false);
    answer.resolve();
    expect(await first).toBe(true);
    expect(send).toHaveBeenCalledTimes(1);
    expect(saving.value).toBe(false);
    expect(errors.value).toEqual(NO_ERRORS);
  });

  it("puts Rust's field messages under their fields", async () => {
    const { formRef } = fakeForm(true);
    const { submit, errors, saving } = useRustForm(formRef);
    const refusal = new IpcCallError("invalid", "输入有误", {
      fields: [{ field: "private_phone", message: "手机号码应为 11 位数字" }],
    });
    expect(await submit(() => Promise.reject(refusal))).toBe(false);
    expect(errors.value).toEqual({ fields: { private_phone: "手机号码应为 11 位数字" }, form: null });
    expect(saving.value).toBe(false);
  });

  it("shows a refusal naming no field for the whole form, and forgets it on the next attempt", async () => {
    const { formRef } = fakeForm(true);
    const { submit, errors } = useRustForm(formRef);
    await submit(() => Promise.reject(new IpcCallError("conflict", "用户名 wangfang 已被使用")));
    expect(errors.value).toEqual({ fields: {}, form: "用户名 wangfang 已被使用" });
    expect(await submit(() => Promise.resolve())).toBe(true);
    expect(errors.value).toEqual(NO_ERRORS);
  });

  it("works without a form (nothing to validate) and clears errors and rule messages on request", async () => {
    const plain = useRustForm();
    const send = vi.fn(() => Promise.reject(new Error("只有管理员可以修改角色")));
    expect(await plain.submit(send)).toBe(false);
    expect(send).toHaveBeenCalledTimes(1);
    expect(plain.errors.value.form).toBe("只有管理员可以修改角色");
    plain.clearErrors();
    expect(plain.errors.value).toEqual(NO_ERRORS);

    const { form, formRef } = fakeForm(true);
    useRustForm(formRef).clearErrors();
    expect(form.clearValidate).toHaveBeenCalled();
  });
});
