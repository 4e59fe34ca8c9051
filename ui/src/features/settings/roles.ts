// The operator roles in the order the role select lists them (least to most rights). Their names are the shared
// i18n keys roles.* (the header uses the same words), never the English identifiers Rust sends.
import type { Role } from "../../ipc";

export const ROLES: readonly Role[] = ["clerk", "station_head", "office_staff", "admin"];

/** Roles that may change the workflow rules and the holiday calendar (Rust refuses the others as well). */
export const RULE_EDITORS: readonly Role[] = ["office_staff", "admin"];

export function mayEditRules(role: Role | null | undefined): boolean {
  return !!role && RULE_EDITORS.includes(role);
}
