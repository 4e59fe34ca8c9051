// Language choice: zh-CN by default, the user's choice remembered in localStorage.
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, LOCALE_STORAGE_KEY, createAppI18n, loadLocale, setLocale } from "./index";

describe("locale persistence", () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = "zh-CN";
  });

  it("defaults to zh-CN when nothing is stored", () => {
    expect(DEFAULT_LOCALE).toBe("zh-CN");
    expect(loadLocale()).toBe("zh-CN");
    expect(createAppI18n().global.locale.value).toBe("zh-CN");
  });

  it("ignores an unknown stored value", () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, "fr");
    expect(loadLocale()).toBe("zh-CN");
  });

  it("remembers the choice for the next start and updates <html lang>", () => {
    const first = createAppI18n();
    setLocale(first.global, "en");
    expect(first.global.locale.value).toBe("en");
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe("en");
    expect(document.documentElement.lang).toBe("en");

    const next = createAppI18n(); // a new start reads the stored choice
    expect(next.global.locale.value).toBe("en");
    expect(next.global.t("menu.deputies")).toBe("Deputies");

    setLocale(next.global, "zh-CN");
    expect(createAppI18n().global.t("menu.deputies")).toBe("代表名册");
  });
});
