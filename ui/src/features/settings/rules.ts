// Form rules of the settings forms (new operator, reset password, own password), worded with the settings
// messages. The checks themselves live in components/accountRules.ts (shared with the first-run screen); they only
// let the clerk hear about a typo before the round trip; Rust stays the authority and its refusals are shown as sent.
import type { FormItemRule } from "element-plus";
import type { ComposerTranslation } from "vue-i18n";
import { loginCharsRule, passwordPolicyRule, sameAsRule } from "../../components/accountRules";

export function makeRules(t: ComposerTranslation) {
  const required = (labelKey: string, trigger: "blur" | "change" = "blur"): FormItemRule => ({
    required: true,
    whitespace: true,
    message: t("settings.rules.required", { label: t(labelKey) }),
    trigger,
  });

  return {
    required,
    /** A new password: required and the policy. */
    newPassword: (labelKey: string): FormItemRule[] => [
      required(labelKey),
      passwordPolicyRule(() => t("settings.rules.passwordPolicy")),
    ],
    /** Its confirmation: required and equal to the first entry. */
    confirmation: (labelKey: string, first: () => string): FormItemRule[] => [
      required(labelKey),
      sameAsRule(first, () => t("settings.rules.passwordMismatch")),
    ],
    login: (labelKey: string): FormItemRule[] => [
      required(labelKey),
      { min: 2, max: 32, message: t("settings.rules.loginLength"), trigger: "blur" },
      loginCharsRule(() => t("settings.rules.loginChars")),
    ],
  };
}
