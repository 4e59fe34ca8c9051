// The app's translate function for tests of plain formatting helpers, which take `t` as the components pass it
// from useI18n(); shared so every such test builds it the same way.
import type { ComposerTranslation } from "vue-i18n";
import { createAppI18n } from "../i18n";

/** The app's translate function in `locale`, as the components get it from useI18n(). */
export const translator = (locale: "zh-CN" | "en") => createAppI18n(locale).global.t as unknown as ComposerTranslation;
