import type { Messages } from "../../i18n/en.js"

/** The staff roles, in the order the forms list them. */
export const staffRoles = ["admin", "coordinator", "case_worker", "institution_user", "auditor"] as const

/** A staff role. */
export type StaffRoleName = (typeof staffRoles)[number]

const isKnown = (role: string): role is StaffRoleName | "integrator" =>
  (staffRoles as ReadonlyArray<string>).includes(role) || role === "integrator"

/** A role's name in the UI's language; an unknown role shows as it is. */
export const roleLabel = (t: Messages, role: string): string => (isKnown(role) ? t.access.roles[role] : role)
