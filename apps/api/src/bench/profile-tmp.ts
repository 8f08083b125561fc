import { candidateKeys, institutionReferences, planImport, readRows, summarisePlan } from "@coordina/domain"
import { SignInSheetsRepository, Store, newId, AuditLog } from "@coordina/store"
import { Effect, Either, ManagedRuntime } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { readSheetFile } from "../sheets/SheetFile.js"
import { generate, sizeAt, benchId, personName } from "./generate.js"

const url = `file:${join(mkdtempSync(join(tmpdir(), "prof-")), "p.db")}`
const rt = ManagedRuntime.make(Store.layer(url))
await rt.runPromise(generate(sizeAt(0.02), () => {}))
const rows = Array.from({ length: 10000 }, (_, k) => {
  const { givenName, familyName } = personName(10_000_000 + k)
  return `${givenName},${familyName}-s,${k % 2 === 0 ? `s${k}@example.bg` : ""},female,${benchId("ins", k % 20)},,participant,all`
})
const csv = ["given_name,family_name,email,gender,institution_id,institution_name,role,days", ...rows].join("\n")
const t = (label: string, t0: number) => console.log(label, (performance.now() - t0).toFixed(0), "ms")
let t0 = performance.now()
const table = await Effect.runPromise(readSheetFile(Buffer.from(csv), "text/csv"))
t("read file", t0)
await rt.runPromise(Effect.gen(function* () {
  const repo = yield* SignInSheetsRepository
  t0 = performance.now()
  const event = yield* repo.event(benchId("evt", 1))
  const institutions = yield* repo.institutions(institutionReferences(table))
  t("event+institutions", t0); t0 = performance.now()
  const r = readRows(table, { event, institutions })
  if (Either.isLeft(r)) throw new Error("rows")
  t("readRows", t0); t0 = performance.now()
  const known = yield* repo.known(event.id, candidateKeys(r.right))
  t("known", t0); t0 = performance.now()
  const ids = r.right.map(() => newId("per"))
  const plan = planImport(r.right, known, ids)
  if (Either.isLeft(plan)) throw new Error("plan")
  t("plan", t0); t0 = performance.now()
  summarisePlan(plan.right, false)
  t("summary", t0); t0 = performance.now()
  yield* repo.transaction(Effect.gen(function* () {
    yield* repo.apply(event, plan.right)
    t("apply", t0); t0 = performance.now()
    yield* (yield* AuditLog).record({ actor: "x", action: "import", entity: "event:x", after: { ids: plan.right.createPeople.map((p) => p.id) } })
    t("audit", t0); t0 = performance.now()
  }))
  t("commit", t0)
}))
await rt.dispose()
