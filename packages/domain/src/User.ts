/**
 * Staff accounts: who they are, the roles they hold and the records each role is scoped to.
 * Passwords are never part of a user; only the API hashes them, and only the store keeps the hash.
 * @module
 */
import { idMaxLength } from "./Text.js"
import { Schema } from "effect"

/** Opaque identifier of a user account. */
export const UserId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("UserId"),
  Schema.annotations({ identifier: "UserId" }),
)
/** Opaque identifier of a user account. */
export type UserId = typeof UserId.Type

/** An email address as a sign-in name: trimmed and lower-cased, so one person has one account. */
export const SignInEmail = Schema.Trim.pipe(
  Schema.compose(Schema.Lowercase),
  Schema.maxLength(254),
  Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, {
    message: () => "an email address such as name@example.org",
  }),
  Schema.annotations({
    identifier: "SignInEmail",
    description: "Sign-in email; compared case-insensitively",
  }),
)

/** The shortest password accepted (OWASP ASVS 2.1.1). */
export const minPasswordLength = 12
/** The longest password accepted: long passphrases yes, megabyte hashing work no. */
export const maxPasswordLength = 256

/**
 * A password as a user chooses it: 12 to 256 characters, any characters, no composition rules
 * (ASVS 2.1.9). It is hashed on arrival and never stored or shown.
 */
export const Password = Schema.String.pipe(
  Schema.minLength(minPasswordLength, { message: () => `at least ${minPasswordLength} characters` }),
  Schema.maxLength(maxPasswordLength, { message: () => `at most ${maxPasswordLength} characters` }),
  Schema.annotations({ identifier: "Password", description: "12 to 256 characters", format: "password" }),
)

const Id = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(100))
const Ids = Schema.Array(Id).pipe(Schema.minItems(1), Schema.maxItems(500))

/** Full rights, including users, API keys, erasure and retention. */
export const AdminRole = Schema.Struct({ role: Schema.Literal("admin") }).annotations({
  identifier: "AdminRole",
})
/** Works on the named projects: their events, people, dissemination, reach and reports. */
export const CoordinatorRole = Schema.Struct({
  role: Schema.Literal("coordinator"),
  projectIds: Ids,
}).annotations({ identifier: "CoordinatorRole" })
/** Handles the agreements of the named municipalities (institution ids of municipalities). */
export const CaseWorkerRole = Schema.Struct({
  role: Schema.Literal("case_worker"),
  municipalityIds: Ids,
}).annotations({ identifier: "CaseWorkerRole" })
/** Sees and answers the coordination tasks addressed to one institution. */
export const InstitutionUserRole = Schema.Struct({
  role: Schema.Literal("institution_user"),
  institutionId: Id,
}).annotations({ identifier: "InstitutionUserRole" })
/** Reads everything, changes nothing. */
export const AuditorRole = Schema.Struct({ role: Schema.Literal("auditor") }).annotations({
  identifier: "AuditorRole",
})

/** One role a user holds, with the records it is scoped to. */
export const RoleGrant = Schema.Union(
  AdminRole,
  CoordinatorRole,
  CaseWorkerRole,
  InstitutionUserRole,
  AuditorRole,
).annotations({ identifier: "RoleGrant" })
/** One role a user holds, with the records it is scoped to. */
export type RoleGrant = typeof RoleGrant.Type

/** The name of a staff role. */
export type StaffRole = RoleGrant["role"]

/** A user's roles: at most one grant per role name, so scopes are never split across grants. */
export const RoleGrants = Schema.Array(RoleGrant).pipe(
  Schema.maxItems(5),
  Schema.filter(
    (grants) =>
      new Set(grants.map((g) => g.role)).size === grants.length ||
      "each role at most once; list every scope in it",
  ),
)

const DisplayName = Schema.Trim.pipe(Schema.minLength(1), Schema.maxLength(200))

/** A staff account as the API shows it; never with a password or its hash. */
export class User extends Schema.Class<User>("User")({
  id: UserId,
  email: SignInEmail,
  displayName: DisplayName,
  roles: RoleGrants,
  disabled: Schema.Boolean,
  version: Schema.Int.pipe(Schema.greaterThan(0)),
}) {}

/** A page of users, as `GET /v1/users` answers it. */
export const UserPage = Schema.Struct({
  items: Schema.Array(User),
  nextCursor: Schema.NullOr(Schema.String),
}).annotations({ identifier: "UserPage" })
/** A page of users. */
export type UserPage = typeof UserPage.Type

/** What an admin sends to create a user: the password is chosen now, there is no default. */
export class NewUser extends Schema.Class<NewUser>("NewUser")({
  email: SignInEmail,
  displayName: DisplayName,
  password: Password,
  roles: RoleGrants,
}) {}

/** A change to a user: new roles (replacing all), disabling or enabling, a new display name. */
export class UserChange extends Schema.Class<UserChange>("UserChange")({
  roles: Schema.optional(RoleGrants),
  disabled: Schema.optional(Schema.Boolean),
  displayName: Schema.optional(DisplayName),
}) {}

/** A password reset by an admin. */
export class PasswordReset extends Schema.Class<PasswordReset>("PasswordReset")({
  password: Password,
}) {}

/** Sign-in credentials. Not validated beyond size: a wrong shape is just wrong credentials. */
export class Credentials extends Schema.Class<Credentials>("Credentials")({
  email: Schema.String.pipe(Schema.maxLength(254)),
  password: Schema.String.pipe(Schema.maxLength(maxPasswordLength)),
  transport: Schema.optional(
    Schema.Literal("cookie", "bearer").annotations({
      description:
        "`cookie` (default, for the web app): the session travels in an HttpOnly cookie. `bearer`: the answer carries the session `token` for an Authorization header and no cookie is set.",
    }),
  ),
}) {}

/** One failing field of a request, named by its path, with why it fails. */
const FieldProblem = Schema.Struct({ path: Schema.String, message: Schema.String })

/**
 * A password too easy to guess: a common or breached password, a simple pattern, or one built
 * from the user's own name or email. `errors` names the `password` field.
 */
export class PasswordTooWeak extends Schema.TaggedError<PasswordTooWeak>()("PasswordTooWeak", {
  errors: Schema.Array(FieldProblem),
  message: Schema.String,
}) {}

/** No user has the given id. */
export class UserNotFound extends Schema.TaggedError<UserNotFound>()("UserNotFound", {
  userId: Schema.String,
}) {}

/** Another user already signs in with the email. */
export class UserEmailTaken extends Schema.TaggedError<UserEmailTaken>()("UserEmailTaken", {
  email: Schema.String,
  existingId: Schema.String,
}) {}

/** The user changed since the version the client read (If-Match). */
export class UserVersionStale extends Schema.TaggedError<UserVersionStale>()("UserVersionStale", {
  userId: Schema.String,
  expectedVersion: Schema.Int,
  currentVersion: Schema.Int,
}) {}

/** The names of the roles a user holds. */
export const roleNames = (grants: ReadonlyArray<RoleGrant>): ReadonlyArray<StaffRole> =>
  grants.map((g) => g.role)
