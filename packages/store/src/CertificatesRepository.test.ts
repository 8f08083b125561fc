import { Certificate, type CertificateCode, type EventId, type PersonId } from "@coordina/domain"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { CertificatesRepository } from "./CertificatesRepository.js"
import { freshDatabaseLayer, testDatabases } from "./testing/index.js"

const cert = (code: string, personId: string) =>
  new Certificate({
    code: code as CertificateCode,
    eventId: "evt_1" as EventId,
    personId: personId as PersonId,
    issuedAt: "2026-12-02T12:00:00.000Z",
  })

describe.each(testDatabases())("CertificatesRepository on $name", (db) => {
  const layer = () => CertificatesRepository.layer.pipe(Layer.provide(freshDatabaseLayer(db)))

  it.effect.skipIf(!db.available)("keeps a person's first code when issued again and finds it by code", () =>
    Effect.gen(function* () {
      const certificates = yield* CertificatesRepository
      yield* certificates.issue([cert("AAAA-BBBB", "per_1")])
      yield* certificates.issue([cert("CCCC-DDDD", "per_1"), cert("EEEE-FFFF", "per_2")])
      const held = yield* certificates.forEvent("evt_1")
      expect(held.map((c) => [c.personId, c.code])).toEqual([
        ["per_1", "AAAA-BBBB"],
        ["per_2", "EEEE-FFFF"],
      ])
      expect((yield* certificates.byCode("AAAA-BBBB")).personId).toBe("per_1")
      expect((yield* Effect.flip(certificates.byCode("CCCC-DDDD")))._tag).toBe("CertificateNotFound")
    }).pipe(Effect.provide(layer())),
  )
})
