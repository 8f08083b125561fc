import { type Agreement, AgreementNotFound, type IsoDate } from "@coordina/domain"
import { AgreementsRepository } from "@coordina/store"
import { DateTime, Effect } from "effect"
import type { Context } from "hono"
import type { AppEnv } from "../http/AppEnv.js"
import { canSeeAgreement } from "../http/Policy.js"

/** Today's date in UTC. */
export const today = DateTime.now.pipe(Effect.map((now) => DateTime.formatIsoDate(now) as IsoDate))

/** The current instant, ISO 8601 UTC. */
export const nowIso = DateTime.now.pipe(Effect.map(DateTime.formatIso))

/** An agreement the caller may learn of; another municipality's is not found. */
export const visibleAgreement = (c: Context<AppEnv>, id: string) =>
  Effect.gen(function* () {
    const a: Agreement = yield* (yield* AgreementsRepository).get(id)
    if (!canSeeAgreement(c.var.principal, a)) return yield* new AgreementNotFound({ agreementId: id })
    return a
  })
