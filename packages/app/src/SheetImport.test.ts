import { SqlClient } from "@effect/sql"
import { AuditLog, PeopleRepository } from "@coordina/store"
import { testDatabases } from "@coordina/store/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Events } from "./Events.js"
import { People } from "./People.js"
import { SheetImport, type SheetTable } from "./SheetImport.js"
import { callers, eventOf, testApp, twoProjects } from "./testing/index.js"

const header = [
  "given_name",
  "family_name",
  "email",
  "gender",
  "institution_id",
  "institution_name",
  "role",
  "days",
]

describe.each(testDatabases())("SheetImport on $name", (db) => {
  it.effect.skipIf(!db.available)(
    "previews without storing, then imports with ids from the Ids service",
    () =>
      Effect.gen(function* () {
        const sheets = yield* SheetImport
        const { institutionId, mine } = yield* twoProjects
        const event = yield* eventOf(mine)
        const table: SheetTable = {
          header,
          rows: [
            ["Мария", "Петрова", "maria@ruse.bg", "female", institutionId, "", "participant", "all"],
            ["Ivan", "Ivanov", "", "male", "", "Община Русе", "", "2018-03-01"],
          ],
        }
        const coordinator = callers.coordinatorOf(mine)
        const upload = (dryRun: boolean) => ({ eventId: event.id, sheet: Effect.succeed(table), dryRun })
        const preview = yield* sheets.run(coordinator, upload(true))
        expect(preview).toMatchObject({ dryRun: true, peopleCreated: 2 })
        expect((yield* (yield* People).search(callers.admin, {})).items).toEqual([])
        const imported = yield* sheets.run(coordinator, upload(false))
        expect(imported).toMatchObject({ dryRun: false, peopleCreated: 2 })
        const people = (yield* (yield* People).search(callers.admin, {})).items
        expect(people.map((p) => p.id).every((id) => /^per_\d{6}$/.test(id))).toBe(true)
        const participations = yield* (yield* Events).participations(callers.admin, event.id, {})
        expect(participations.items.map((p) => p.id).every((id) => /^par_\d{6}$/.test(id))).toBe(true)
        const log = yield* (yield* AuditLog).list({ entity: `event:${event.id}` }, {})
        expect(log.items.map((e) => [e.action, e.actor])).toEqual([
          ["create", "usr_admin"],
          ["import_sign_in_sheet", "usr_coordinator"],
        ])
        // The same sheet again changes nothing.
        expect(yield* sheets.run(coordinator, upload(false))).toMatchObject({
          peopleCreated: 0,
          peopleMatched: 2,
        })
      }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)(
    "stores every row of a sheet cut into statements of several sizes, and all of it again changes nothing",
    () =>
      Effect.gen(function* () {
        const sheets = yield* SheetImport
        const sql = yield* SqlClient.SqlClient
        const { institutionId, mine } = yield* twoProjects
        const event = yield* eventOf(mine)
        // 1,301 rows: two statements of 512 rows, four of 64, two of 8 and five of 1 per table.
        const count = 1_301
        const table: SheetTable = {
          header,
          rows: Array.from({ length: count }, (_, k) => [
            `Name${k}`,
            `Family${k}`,
            k % 2 === 0 ? `p${k}@example.bg` : "",
            "",
            institutionId,
            "",
            "participant",
            "all",
          ]),
        }
        const upload = { eventId: event.id, sheet: Effect.succeed(table), dryRun: false }
        const coordinator = callers.coordinatorOf(mine)
        expect(yield* sheets.run(coordinator, upload)).toMatchObject({ peopleCreated: count })
        const counts = () =>
          Effect.all([
            sql`SELECT COUNT(*) AS n FROM people WHERE family_name LIKE 'Family%'`,
            sql`SELECT COUNT(*) AS n FROM participations WHERE event_id = ${event.id}`,
            sql`SELECT COUNT(*) AS n FROM attendance_days d JOIN participations p ON p.id = d.participation_id
                WHERE p.event_id = ${event.id}`,
            sql`SELECT COUNT(*) AS n FROM people WHERE email_key = ${"p1300@example.bg"} AND name_key IS NOT NULL`,
          ]).pipe(Effect.map((rs) => rs.map((r) => Number(r[0]!.n))))
        expect(yield* counts()).toEqual([count, count, count, 1])
        expect(yield* sheets.run(coordinator, upload)).toMatchObject({
          peopleCreated: 0,
          peopleMatched: count,
        })
        expect(yield* counts()).toEqual([count, count, count, 1])
      }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)("says in the preview which rows will not count toward reach, and why", () =>
    Effect.gen(function* () {
      const sheets = yield* SheetImport
      const { institutionId, mine } = yield* twoProjects
      const event = yield* eventOf(mine)
      const table: SheetTable = {
        header,
        rows: [
          ["Мария", "Петрова", "", "", institutionId, "", "participant", "all"],
          ["Ivan", "Ivanov", "", "", institutionId, "", "speaker", "all"],
          ["Olga", "Koleva", "", "", institutionId, "", "organiser", "all"],
        ],
      }
      const preview = yield* sheets.run(callers.coordinatorOf(mine), {
        eventId: event.id,
        sheet: Effect.succeed(table),
        dryRun: true,
      })
      expect(preview.people.map((p) => [p.row, p.notCounted])).toEqual([
        [2, undefined],
        [3, "role"],
        [4, "role"],
      ])
    }).pipe(Effect.provide(testApp(db))),
  )

  it.effect.skipIf(!db.available)(
    "refuses another project's event as a missing one, before reading the file",
    () =>
      Effect.gen(function* () {
        const sheets = yield* SheetImport
        const { mine, other } = yield* twoProjects
        const theirs = yield* eventOf(other)
        let parsed = 0
        const sheet = Effect.sync(() => {
          parsed++
          return { header, rows: [] } as SheetTable
        })
        const coordinator = callers.coordinatorOf(mine)
        const refused = yield* Effect.flip(
          sheets.run(coordinator, { eventId: theirs.id, sheet, dryRun: false }),
        )
        const missing = yield* Effect.flip(
          sheets.run(coordinator, { eventId: "evt_missing", sheet, dryRun: false }),
        )
        expect([refused._tag, missing._tag]).toEqual(["EventNotFound", "EventNotFound"])
        expect(parsed).toBe(0)
        expect((yield* (yield* PeopleRepository).list({})).items).toEqual([])
      }).pipe(Effect.provide(testApp(db))),
  )
})
