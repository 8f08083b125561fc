/**
 * Rows for agreement tests and the benchmark: institutions inserted straight into the table.
 * @module
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

/** Inserts an institution row (a municipality unless `kind` says otherwise). */
export const insertInstitution = (
  id: string,
  options: { kind?: string; planningRegion?: string; province?: string; name?: string } = {},
) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const at = "2019-01-01T00:00:00.000Z"
    yield* sql`INSERT INTO institutions ${sql.insert({
      id,
      name: options.name ?? id,
      nameKey: (options.name ?? id).toLowerCase(),
      kind: options.kind ?? "municipality",
      level: options.kind === undefined || options.kind === "municipality" ? "local" : "central",
      country: "BG",
      planningRegion: options.planningRegion ?? null,
      province: options.province ?? null,
      municipality: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    })}`
  }).pipe(Effect.orDie)
