/**
 * The application over a fresh test database: every use case, a clock stopped at a given
 * instant and ids in order, on SQLite or PostgreSQL.
 * @module
 */
import { NewEvent, NewInstitution, NewPerson, NewProject, type Principal } from "@coordina/domain"
import { freshStoreLayer, type TestDatabase } from "@coordina/store/testing"
import { Effect, Layer, Schema } from "effect"
import * as App from "../AppLayer.js"
import { Events } from "../Events.js"
import { Ids } from "../Ids.js"
import { Institutions } from "../Institutions.js"
import { People } from "../People.js"
import { Projects } from "../Projects.js"
import { Today } from "../Today.js"

/** Every use case over a fresh, migrated database, with the clock at `now` (Sofia) and sequential ids. */
export const testApp = (db: TestDatabase, now = "2026-06-15T09:00:00Z") =>
  App.over(Layer.mergeAll(Today.fixed(now), Ids.sequential).pipe(Layer.provideMerge(freshStoreLayer(db))))

/** Callers of the use cases, as the access policy sees them. */
export const callers = {
  admin: { kind: "session", id: "usr_admin", grants: [{ role: "admin" }], scopes: [] } satisfies Principal,
  auditor: {
    kind: "session",
    id: "usr_auditor",
    grants: [{ role: "auditor" }],
    scopes: [],
  } satisfies Principal,
  coordinatorOf: (...projectIds: ReadonlyArray<string>): Principal => ({
    kind: "session",
    id: "usr_coordinator",
    grants: [{ role: "coordinator", projectIds: [...projectIds] }],
    scopes: [],
  }),
}

/** What the fixtures below created. */
export interface Fixture {
  readonly institutionId: string
  readonly mine: string
  readonly other: string
}

/** An institution and two projects (`mine` for the coordinator, `other` outside their scope), made as admin. */
export const twoProjects = Effect.gen(function* () {
  const projects = yield* Projects
  const project = (code: string) =>
    projects.create(
      callers.admin,
      Schema.decodeUnknownSync(NewProject)({
        code,
        title: code,
        startDate: "2018-01-01",
        durationMonths: 24,
        targets: [{ indicator: "direct", value: 10 }],
      }),
    )
  const institution = yield* (yield* Institutions).create(
    callers.admin,
    Schema.decodeUnknownSync(NewInstitution)({
      name: "Община Русе",
      kind: "municipality",
      level: "local",
      country: "BG",
    }),
  )
  return {
    institutionId: institution.id,
    mine: (yield* project("MINE")).id,
    other: (yield* project("OTHER")).id,
  } satisfies Fixture
})

/** A one-day event of a project on `day`, made as admin. */
export const eventOf = (projectId: string, day = "2018-03-01") =>
  Effect.flatMap(Events, (events) =>
    events.create(
      callers.admin,
      Schema.decodeUnknownSync(NewEvent)({
        projectId,
        kind: "regional_workshop",
        title: "Workshop",
        startDate: day,
        endDate: day,
        city: "Русе",
      }),
    ),
  )

/** A person of an institution, made as admin. */
export const personAt = (institutionId: string, givenName: string, familyName: string) =>
  Effect.flatMap(People, (people) =>
    people.create(
      callers.admin,
      Schema.decodeUnknownSync(NewPerson)({ givenName, familyName, institutionId }),
    ),
  )
