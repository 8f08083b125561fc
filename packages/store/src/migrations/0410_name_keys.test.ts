import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { freshDatabaseLayer, testDatabases } from "../testing/index.js"
import { recomputeNameKeys } from "./0410_name_keys.js"

const at = "2026-01-01T00:00:00.000Z"

describe.each(testDatabases())("migration 410 (name keys) on $name", (db) => {
  it.effect.skipIf(!db.available)(
    "works keys stored under the old normalisation out again, and leaves erased people alone",
    () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        // Keys as the old normalisation stored them: the Latin C of "Cтолична" kept as "c".
        yield* sql`INSERT INTO institutions (id, name, name_key, kind, level, country, version, created_at, updated_at)
          VALUES ('ins_1', 'Cтолична община', 'ctolichna obshtina', 'municipality', 'local', 'BG', 1, ${at}, ${at})`
        const person = (id: string, given: string, family: string, key: string, erasedAt: string | null) =>
          sql`INSERT INTO people (id, given_name, family_name, name_key, institution_id, survivor_id, version,
              created_at, updated_at, erased_at)
            VALUES (${id}, ${given}, ${family}, ${key}, 'ins_1', ${id}, 1, ${at}, ${at}, ${erasedAt})`
        yield* person("per_1", "Тoдоpов\u200b", "Петров,", "todopov\u200b petrov,", null)
        yield* person("per_2", "Erased", "ERK-123", "erk-123", at)
        yield* recomputeNameKeys
        const keys = yield* sql<{ id: string; nameKey: string }>`
          SELECT id, name_key FROM people UNION ALL SELECT id, name_key FROM institutions ORDER BY id`
        expect(keys).toEqual([
          { id: "ins_1", nameKey: "stolichna obshtina" },
          { id: "per_1", nameKey: "todorov petrov" },
          { id: "per_2", nameKey: "erk-123" },
        ])
      }).pipe(Effect.provide(freshDatabaseLayer(db))),
  )
})
