// The checks every operator-account form makes before asking Rust (first run, new operator, reset password, own
// password): the login's characters, the password policy and the match of a password typed twice. They mirror
// Rust (crates/liaison-core/src/operators/password.rs `check_policy`, account.rs login checks) only so the clerk
// hears about a typo before the round trip; Rust stays the authority. The wording is the caller's (the first-run
// screen and the settings forms each have their own message keys); the logic lives here once. Messages are passed
// as functions and translated only when a check fails: the current language then, and a message vue-i18n cannot
// compile (the login one contains "@", its linked-message sign) does not break the form while it is valid.
import type { FormItemRule } from "element-plus";

type Validator = NonNullable<FormItemRule["validator"]>;
/** The message of a failed check, e.g. () => t("settings.rules.passwordPolicy"). */
type Message = () => string;

/** Letters (any script, so 汉字 too), digits and . _ - @, as Rust allows in a login. */
const LOGIN_CHARS = /^[\p{L}\p{N}._\-@]+$/u;

/** A blur rule that refuses a login with other characters (surrounding spaces are trimmed on save). */
export function loginCharsRule(message: Message): FormItemRule {
  const validator: Validator = (_rule, value: string | undefined, callback) =>
    LOGIN_CHARS.test((value ?? "").trim()) ? callback() : callback(new Error(message()));
  return { validator, trigger: "blur" };
}

/** Same policy as Rust: 8..128 characters with at least one ASCII letter and one digit. */
export function meetsPasswordPolicy(value: string): boolean {
  return value.length >= 8 && value.length <= 128 && /[A-Za-z]/.test(value) && /\d/.test(value);
}

/** A blur rule that refuses a password outside the policy. */
export function passwordPolicyRule(message: Message): FormItemRule {
  const validator: Validator = (_rule, value: string | undefined, callback) =>
    meetsPasswordPolicy(value ?? "") ? callback() : callback(new Error(message()));
  return { validator, trigger: "blur" };
}

/** A blur rule for the confirmation: it must equal what `first()` returns (the password typed above it). */
export function sameAsRule(first: () => string, message: Message): FormItemRule {
  const validator: Validator = (_rule, value: string | undefined, callback) =>
    value === first() ? callback() : callback(new Error(message()));
  return { validator, trigger: "blur" };
}
