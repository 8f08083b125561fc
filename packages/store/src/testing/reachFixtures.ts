/**
 * Stores generated reach records through the repositories, for tests that compare the store
 * with the domain's in-memory rules (the same steps as ReachRepository.test.ts).
 * @module
 */
import {
  NewDisseminationActivity,
  NewEvent,
  NewInstitution,
  NewParticipation,
  NewPerson,
  NewProject,
  type ReachProject,
  type ReachRecords,
  Target,
} from "@coordina/domain"
import { arbitraryProject } from "@coordina/domain/testing"
import { Effect } from "effect"
import { DisseminationRepository } from "../DisseminationRepository.js"
import { EventsRepository } from "../EventsRepository.js"
import { InstitutionsRepository } from "../InstitutionsRepository.js"
import { ParticipationsRepository } from "../ParticipationsRepository.js"
import { PeopleRepository } from "../PeopleRepository.js"
import { ProjectsRepository } from "../ProjectsRepository.js"

let codes = 0

/**
 * Stores generated records through the repositories (merges applied with `merge`, newest
 * first, so each goes into a record not yet merged) and returns the same records under the
 * store's ids, for the pure rules to read.
 */
export const storeReachRecords = (
  records: ReachRecords,
  targets: ReadonlyArray<Target> = arbitraryProject.targets.map(
    (t) => new Target({ indicator: t.indicator, value: t.value }),
  ),
) =>
  Effect.gen(function* () {
    const projects = yield* ProjectsRepository
    const institutions = yield* InstitutionsRepository
    const people = yield* PeopleRepository
    const events = yield* EventsRepository
    const participations = yield* ParticipationsRepository
    const dissemination = yield* DisseminationRepository
    const ids = new Map<string, string>()
    const id = (x: string) => ids.get(x)!
    const newProject = (code: string) =>
      projects.create(
        new NewProject({
          code,
          title: "Generated",
          startDate: arbitraryProject.startDate,
          durationMonths: arbitraryProject.durationMonths,
          targets,
        }),
      )
    const a = yield* newProject(`GEN-${codes++}`)
    const b = yield* newProject(`GEN-${codes++}`)
    ids.set(arbitraryProject.id, a.id)
    ids.set("prj_b", b.id)
    for (const i of records.institutions) {
      const created = yield* institutions.create(
        new NewInstitution({
          name: `Institution ${i.id}`,
          kind: i.kind,
          level: i.level,
          country: i.country,
          ...(i.planningRegion ? { planningRegion: i.planningRegion as "BG41" } : {}),
        }),
      )
      ids.set(i.id, created.id)
    }
    for (const p of records.people) {
      const created = yield* people.create(
        new NewPerson({
          givenName: "Given",
          familyName: p.id,
          ...(p.gender ? { gender: p.gender } : {}),
          institutionId: id(p.institutionId) as never,
        }),
      )
      ids.set(p.id, created.id)
    }
    for (const p of [...records.people].reverse())
      if (p.mergedInto !== undefined) yield* people.merge(id(p.id), id(p.mergedInto))
    for (const e of records.events) {
      const created = yield* events.create(
        new NewEvent({
          projectId: id(e.projectId) as never,
          kind: e.kind,
          title: e.id,
          startDate: e.startDate,
          endDate: e.endDate,
          city: "София",
        }),
      )
      ids.set(e.id, created.id)
    }
    for (const p of records.participations) {
      yield* participations.register(
        id(p.eventId),
        new NewParticipation({
          personId: id(p.personId) as never,
          role: p.role,
          status: "registered",
          institutionId: id(p.institutionId) as never,
        }),
      )
      if (p.attendedDays.length > 0)
        yield* participations.setAttendance(id(p.eventId), id(p.personId), p.attendedDays)
    }
    for (const act of records.activities) {
      const created = yield* dissemination.create(
        new NewDisseminationActivity({
          projectId: id(act.projectId) as never,
          kind: "publication",
          date: act.date,
          title: act.id,
          namedPersonIds: act.namedPersonIds.map((x) => id(x) as never),
          additionalCount: act.additionalCount,
          method: act.method,
        }),
      )
      ids.set(act.id, created.id)
    }
    const mapped: ReachRecords = {
      institutions: records.institutions.map((i) => ({ ...i, id: id(i.id) })),
      people: records.people.map((p) => ({
        ...p,
        id: id(p.id),
        institutionId: id(p.institutionId),
        mergedInto: p.mergedInto === undefined ? undefined : id(p.mergedInto),
      })),
      events: records.events.map((e) => ({ ...e, id: id(e.id), projectId: id(e.projectId) })),
      participations: records.participations.map((p) => ({
        ...p,
        eventId: id(p.eventId),
        personId: id(p.personId),
        institutionId: id(p.institutionId),
      })),
      activities: records.activities.map((x) => ({
        ...x,
        id: id(x.id),
        projectId: id(x.projectId),
        namedPersonIds: x.namedPersonIds.map(id),
      })),
    }
    const project: ReachProject = { ...arbitraryProject, id: a.id, targets }
    return { project, mapped, ids }
  })
