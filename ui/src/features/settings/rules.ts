// Form rules shared by the settings forms (new operator, reset password, own password, setup). They mirror what
// Rust checks (crates/liaison-core/src/operators/password.rs `check_policy`, account.rs login checks) only so the
// clerk hears about a typo before the round trip; Rust stays the authority and its refusals are shown as sent.
import type { FormItemRule } from "element-plus";
import type { ComposerTranslation } from "vue-i18n";

type Validator = NonNullable<FormItemRule["validator"]>;

/** Same policy as Rust: 8..128 characters with at least one ASCII letter and one digit. */
export function meetsPasswordPolicy(value: string): boolean {
  return value.length >= 8 && value.length <= 128 && /[A-Za-z]/.test(value) && /\d/.test(value);
}

const LOGIN_CHARS = /^[\p{L}\p{N}._\-@]+$/u;

export function makeRules(t: ComposerTranslation) {
  const required = (labelKey: string, trigger: "blur" | "change" = "blur"): FormItemRule => ({
    required: true,
    whitespace: true,
    message: t("settings.rules.required", { label: t(labelKey) }),
    trigger,
  });

  const policy: Validator = (_rule, value: string, callback) =>
    meetsPasswordPolicy(value ?? "") ? callback() : callback(new Error(t("settings.rules.passwordPolicy")));

  /** The confirmation must equal what `first()` returns (the password typed above it). */
  const sameAs = (first: () => string): Validator => (_rule, value: string, callback) =>
    value === first() ? callback() : callback(new Error(t("settings.rules.passwordMismatch")));

  const loginChars: Validator = (_rule, value: string, callback) =>
    LOGIN_CHARS.test((value ?? "").trim()) ? callback() : callback(new Error(t("settings.rules.loginChars")));

  return {
    required,
    /** A new password: required and the policy. */
    newPassword: (labelKey: string): FormItemRule[] => [required(labelKey), { validator: policy, trigger: "blur" }],
    /** Its confirmation: required and equal to the first entry. */
    confirmation: (labelKey: string, first: () => string): FormItemRule[] => [
      required(labelKey),
      { validator: sameAs(first), trigger: "blur" },
    ],
    login: (labelKey: string): FormItemRule[] => [
      required(labelKey),
      { min: 2, max: 32, message: t("settings.rules.loginLength"), trigger: "blur" },
      { validator: loginChars, trigger: "blur" },
    ],
  };
}
