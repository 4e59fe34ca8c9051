// vue-i18n set-up: zh-CN by default, English second; the user's choice is kept in localStorage.
// `setLocale` is the one way to switch: it updates vue-i18n, localStorage and <html lang> together
// (ECharts and screen readers read <html lang>). Element Plus's own locale follows in App.vue.
import { createI18n } from "vue-i18n";
import zhCN, { type MessageSchema } from "./zh-CN";
import en from "./en";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
/** localStorage key of the chosen language. */
export const LOCALE_STORAGE_KEY = "liaison-desk.locale";

export const messages: Record<Locale, MessageSchema> = { "zh-CN": zhCN, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // storage disabled: the choice just is not remembered
  }
}

/** The remembered language, or zh-CN when none (or an unknown one) is stored. */
export function loadLocale(): Locale {
  const stored = storage()?.getItem(LOCALE_STORAGE_KEY);
  return isLocale(stored) ? stored : DEFAULT_LOCALE;
}

export function createAppI18n(locale: Locale = loadLocale()) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages,
    missingWarn: true,
    fallbackWarn: false,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;

/** Anything with a writable `locale` ref: `i18n.global`, or the composer from `useI18n()`. */
export interface LocaleTarget {
  locale: { value: string };
}

/** Switches the language of `target`, remembers it and updates <html lang>. */
export function setLocale(target: LocaleTarget, locale: Locale): void {
  target.locale.value = locale;
  storage()?.setItem(LOCALE_STORAGE_KEY, locale);
  if (typeof document !== "undefined") {
    document.documentElement.lang = locale;
  }
}
