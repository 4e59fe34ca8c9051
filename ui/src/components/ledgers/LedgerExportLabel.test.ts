// 导出台账's optional label and test-id prefix: 意见建议 shows a second one, 导出公开清单 (kind "publication"), beside
// 导出台账, each opening its own dialog; without the props the button and its ids stay as they were.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { defineComponent, h, reactive } from "vue";
import * as ipc from "../../ipc";
import { createAppI18n } from "../../i18n";
import { SESSION_FLOW, type FlowState, type SessionFlow } from "../../session/flow";
import { ADMIN, SETUP } from "../../test/fixtures";
import LedgerExport from "./LedgerExport.vue";
import { defaultPeriod, periodString } from "./period";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return { ...actual, chooseLedgerFile: vi.fn(), exportLedger: vi.fn(), platformList: vi.fn() };
});
const rust = vi.mocked(ipc);

const $ = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);

const Both = defineComponent({
  setup: () => () =>
    h("div", [
      h(LedgerExport, { kind: "matters" }),
      h(LedgerExport, { kind: "publication", label: "导出公开清单", testPrefix: "publication" }),
    ]),
});

describe("导出台账 label", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.chooseLedgerFile.mockResolvedValue("/home/wf/公开清单.xlsx");
    rust.exportLedger.mockResolvedValue({ path: "/home/wf/公开清单.xlsx", rows: 5 });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  it("keeps 导出台账 and exports the publication list from the labelled one", async () => {
    const state = reactive<FlowState>({
      phase: "signed-in",
      setup: SETUP,
      session: { ...ADMIN },
      error: null,
      lockedByIdle: false,
      lastLogin: ADMIN.login,
    });
    wrapper = mount(Both, {
      global: {
        plugins: [createAppI18n("zh-CN")],
        provide: { [SESSION_FLOW as symbol]: { state } as unknown as SessionFlow },
        stubs: { transition: false },
      },
      attachTo: document.body,
    });
    await flushPromises();
    expect($("ledger-export-open")?.textContent?.trim()).toBe("导出台账");
    expect($("publication-export-open")?.textContent?.trim()).toBe("导出公开清单");
    $("publication-export-open")!.click();
    await flushPromises();
    expect($("publication-export-dialog")?.textContent).toContain("导出意见建议办理结果公开清单");
    // The publication list has no personal data: no unmasked version is offered.
    expect($("publication-reveal")).toBeNull();
    $("publication-export-save")!.click();
    await flushPromises();
    const period = periodString(defaultPeriod());
    expect(rust.chooseLedgerFile).toHaveBeenCalledWith("publication", period);
    expect(rust.exportLedger).toHaveBeenCalledWith("publication", "XH-09", period, "/home/wf/公开清单.xlsx", null);
    expect($("publication-export-result")?.textContent).toContain("/home/wf/公开清单.xlsx");
    expect($("ledger-export-result")).toBeNull();
  });
});
