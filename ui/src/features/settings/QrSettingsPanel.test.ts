// 设置 → 二维码 with a mocked ../../ipc: the example templates are flagged; an administrator saves the templates and
// Rust's refusal is shown; an office administrator makes the signing key after confirming, and the panel then says
// codes are signed; a clerk reads everything with no buttons.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import type { QrSettingsView, Role } from "../../ipc";
import { SETUP } from "../../test/fixtures";
import { $, confirmBox, inputOf, mountSignedIn, settle, signedIn, typeInto } from "../../test/dom";
import QrSettingsPanel from "./QrSettingsPanel.vue";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return { ...actual, qrSettingsView: vi.fn(), qrSetTemplates: vi.fn(), qrSetPublicKey: vi.fn(), qrGenerateOfficeKey: vi.fn() };
});
const rust = vi.mocked(ipc);

const EXAMPLE: QrSettingsView = {
  settings: {
    deputy_template: "https://rd.example.gov.cn/d/{deputy_code}",
    station_template: "https://rd.example.gov.cn/s/{station_code}",
    office_public_key: null,
    font_file: null,
  },
  is_example: true,
  signs_codes: false,
  office_mode: true,
};

describe("QrSettingsPanel", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    vi.clearAllMocks();
    rust.qrSettingsView.mockResolvedValue(EXAMPLE);
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = "";
  });

  async function mountAs(role: Role): Promise<void> {
    wrapper = mountSignedIn(QrSettingsPanel, signedIn({ ...SETUP, mode: "office", station_code: null }, role));
    await flushPromises();
  }

  it("flags the example templates and saves the administrator's, showing Rust's refusal", async () => {
    await mountAs("admin");
    expect($("qr-settings-example")).not.toBeNull();
    expect(inputOf("qr-settings-deputy").value).toBe(EXAMPLE.settings.deputy_template);
    await typeInto("qr-settings-deputy", "ftp://x/{deputy_code}");
    rust.qrSetTemplates.mockRejectedValueOnce(new ipc.IpcCallError("invalid", "二维码网址模板“ftp://x/{deputy_code}”无效：须以 https:// 或 http:// 开头"));
    $("qr-settings-save")!.click();
    expect(await confirmBox(async () => settle(3))).toContain("须以 https:// 或 http:// 开头");
    await settle(3);
    const saved = { ...EXAMPLE, is_example: false, settings: { ...EXAMPLE.settings, deputy_template: "https://rd.pds.gov.cn/d/{deputy_code}" } };
    rust.qrSetTemplates.mockResolvedValueOnce(saved);
    await typeInto("qr-settings-deputy", "https://rd.pds.gov.cn/d/{deputy_code}");
    $("qr-settings-save")!.click();
    await settle(3);
    expect(rust.qrSetTemplates).toHaveBeenLastCalledWith("https://rd.pds.gov.cn/d/{deputy_code}", EXAMPLE.settings.station_template);
    expect($("qr-settings-example")).toBeNull();
  });

  it("makes the office signing key only after the administrator confirms", async () => {
    await mountAs("admin");
    rust.qrGenerateOfficeKey.mockResolvedValueOnce({ ...EXAMPLE, signs_codes: true, settings: { ...EXAMPLE.settings, office_public_key: "k".repeat(43) } });
    $("qr-settings-generate")!.click();
    await confirmBox(async () => settle(3));
    await settle(3);
    expect(rust.qrGenerateOfficeKey).toHaveBeenCalledTimes(1);
    expect($("qr-settings-signs")).not.toBeNull();
    expect($("qr-settings-generate")).toBeNull();
  });

  it("shows a clerk the settings without any button", async () => {
    await mountAs("clerk");
    expect(inputOf("qr-settings-deputy").disabled).toBe(true);
    expect($("qr-settings-save")).toBeNull();
    expect($("qr-settings-generate")).toBeNull();
  });
});
