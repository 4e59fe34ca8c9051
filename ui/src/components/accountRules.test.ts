// The shared account checks: the password policy Rust also applies, the confirmation match, and the login's
// characters; each reports the caller's message only when it fails.
import { describe, expect, it } from "vitest";
import type { FormItemRule } from "element-plus";
import { loginCharsRule, meetsPasswordPolicy, passwordPolicyRule, sameAsRule } from "./accountRules";

/** Runs a rule's validator and returns the message it reported, or null when it passed. */
function check(rule: FormItemRule, value: string): string | null {
  let result: string | null = null;
  rule.validator!(rule, value, (error?: string | Error) => {
    result = error instanceof Error ? error.message : (error ?? null);
  }, {}, {});
  return result;
}

describe("accountRules", () => {
  it("applies Rust's password policy: 8..128 characters with a letter and a digit", () => {
    expect(meetsPasswordPolicy("admin2026")).toBe(true);
    expect(meetsPasswordPolicy("abc123")).toBe(false);
    expect(meetsPasswordPolicy("abcdefgh")).toBe(false);
    expect(meetsPasswordPolicy("12345678")).toBe(false);
    expect(meetsPasswordPolicy(`a1${"x".repeat(127)}`)).toBe(false);
    expect(check(passwordPolicyRule(() => "太弱"), "12345678")).toBe("太弱");
    expect(check(passwordPolicyRule(() => "太弱"), "admin2026")).toBeNull();
  });

  it("wants the confirmation equal to the first entry as it is now", () => {
    let first = "admin2026";
    const rule = sameAsRule(() => first, () => "不一致");
    expect(check(rule, "admin2026")).toBeNull();
    first = "admin2027";
    expect(check(rule, "admin2026")).toBe("不一致");
  });

  it("allows letters of any script, digits and . _ - @ in a login", () => {
    const rule = loginCharsRule(() => "非法字符");
    expect(check(rule, " 王芳.wf_01-x@a ")).toBeNull();
    expect(check(rule, "wang fang")).toBe("非法字符");
  });

  it("translates the message only when the check fails", () => {
    let asked = 0;
    const rule = passwordPolicyRule(() => {
      asked++;
      return "太弱";
    });
    check(rule, "admin2026");
    expect(asked).toBe(0);
  });
});
