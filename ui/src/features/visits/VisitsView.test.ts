// The 接待登记 screen around the form: after a registration it shows the matter codes Rust gave, 继续登记 brings
// back an empty form, and 查看事项 opens the matters screen.
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import { createAppI18n } from "../../i18n";
import { createAppRouter } from "../../router";
import VisitsView from "./VisitsView.vue";
import VisitForm from "./VisitForm.vue";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return { ...actual, registerVisit: vi.fn(), searchRoster: vi.fn(), deadlinePreview: vi.fn(), rulesView: vi.fn().mockRejectedValue(new Error("no rules in this test")), clockNow: vi.fn().mockRejectedValue(new Error("no clock in this test")) };
});

describe("VisitsView", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  it("shows the registered matter codes, then a fresh form or the matters screen", async () => {
    const router = createAppRouter("memory");
    const push = vi.spyOn(router, "push");
    wrapper = mount(VisitsView, { global: { plugins: [createAppI18n("zh-CN"), router] }, attachTo: document.body });
    await flushPromises();
    // 导出台账 (the shared ledgers dialog) sits in the page head.
    expect(document.body.querySelector('[data-testid="ledger-export-open"]')?.textContent).toContain("导出台账");
    const typed = document.body.querySelector<HTMLInputElement>('[data-testid="visit-matter-title-0"]')!;
    typed.value = "小区路灯不亮";
    typed.dispatchEvent(new Event("input"));

    const visit: ipc.RegisteredVisit = {
      visit_id: "v1",
      matters: [
        { id: "m1", code: "XH-09-20260302-01" },
        { id: "m2", code: "XH-09-20260302-02" },
      ],
    };
    wrapper.findComponent(VisitForm).vm.$emit("registered", visit, {} as ipc.VisitInput);
    await flushPromises();
    const result = document.body.querySelector('[data-testid="visit-registered"]');
    expect(result?.textContent).toContain("XH-09-20260302-01、XH-09-20260302-02");
    expect(document.body.querySelector('[data-testid="visit-form"]')).toBeNull();

    document.body.querySelector<HTMLElement>('[data-testid="visit-view-matters"]')!.click();
    await flushPromises();
    expect(push).toHaveBeenCalledWith("/matters");

    document.body.querySelector<HTMLElement>('[data-testid="visit-again"]')!.click();
    await flushPromises();
    expect(document.body.querySelector('[data-testid="visit-registered"]')).toBeNull();
    expect(document.body.querySelector<HTMLInputElement>('[data-testid="visit-matter-title-0"]')!.value).toBe("");
  });
});
