/**
 * Who is asking: bearer tokens are resolved to a principal. Only hashes of tokens are kept,
 * and they are compared in constant time.
 * @module
 */
import { createHash, timingSafeEqual } from "node:crypto"
import type { MiddlewareHandler } from "hono"
import type { AppEnv } from "./AppEnv.js"
import { httpProblem, sendProblem } from "./Problem.js"

/** The roles a principal may hold. */
export type Role = "admin" | "coordinator" | "case_worker" | "institution_user" | "auditor" | "integrator"

/** An authenticated caller. */
export interface Principal {
  /** `admin-token` for `COORDINA_ADMIN_TOKEN`; other kinds arrive with users and API keys. */
  readonly kind: "admin-token"
  /** Stable id written to the audit log. */
  readonly id: string
  readonly roles: ReadonlyArray<Role>
}

/** The SHA-256 of a token, hex; what is kept instead of the token. */
export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex")

const sameHash = (a: string, b: string) => timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"))

/** The bearer token of a request, if it sent one. */
export const bearerToken = (header: string | undefined): string | undefined => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")
  return match?.[1]
}

/** Rejects requests without a valid token (401 problem); sets `principal` for the rest. */
export const authenticate =
  (adminTokenHash: string | undefined): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const token = bearerToken(c.req.header("Authorization"))
    if (token && adminTokenHash && sameHash(hashToken(token), adminTokenHash)) {
      c.set("principal", { kind: "admin-token", id: "admin-token", roles: ["admin"] })
      return next()
    }
    return sendProblem(
      c,
      httpProblem(401, token ? "The token is not valid." : "Send an Authorization: Bearer <token> header."),
      { "WWW-Authenticate": 'Bearer realm="coordina"' },
    )
  }
