/**
 * Dissemination activities: publications, manuals, media, newsletters, multiplier sessions.
 * They reach people indirectly, some named and the rest counted or estimated.
 * @module
 */
import { idMaxLength } from "./Text.js"
import { Schema } from "effect"
import { PlausibleDate } from "./CalendarDate.js"
import { PersonId } from "./Person.js"
import { maxCount, NonNegativeInt, ProjectId } from "./Project.js"
import { pageOf } from "./Page.js"

/** Opaque identifier of a dissemination activity. */
export const DisseminationActivityId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(idMaxLength),
  Schema.brand("DisseminationActivityId"),
  Schema.annotations({ identifier: "DisseminationActivityId" }),
)
/** Opaque identifier of a dissemination activity. */
export type DisseminationActivityId = typeof DisseminationActivityId.Type

/** What kind of dissemination it is. */
export const DisseminationKind = Schema.Literal(
  "publication",
  "manual_distribution",
  "media",
  "newsletter",
  "website",
  "social_media",
  "multiplier_session",
  "other",
).annotations({ identifier: "DisseminationKind" })
/** What kind of dissemination it is. */
export type DisseminationKind = typeof DisseminationKind.Type

/** How the people reached but not named were numbered. */
export const CountMethod = Schema.Literal("counted", "estimated").annotations({ identifier: "CountMethod" })
/** How the people reached but not named were numbered. */
export type CountMethod = typeof CountMethod.Type

const fields = {
  projectId: ProjectId,
  kind: DisseminationKind,
  date: PlausibleDate,
  title: Schema.String.pipe(Schema.trimmed(), Schema.minLength(1), Schema.maxLength(500)),
  namedPersonIds: Schema.Array(PersonId).pipe(Schema.maxItems(10_000)),
  additionalCount: NonNegativeInt.pipe(Schema.lessThanOrEqualTo(maxCount)).annotations({
    description: "People reached who are not named",
  }),
  method: CountMethod,
}

/** What a client sends to record a dissemination activity. */
export class NewDisseminationActivity extends Schema.Class<NewDisseminationActivity>(
  "NewDisseminationActivity",
)(fields) {}

/** A dissemination activity as stored. */
export class DisseminationActivity extends Schema.Class<DisseminationActivity>("DisseminationActivity")({
  id: DisseminationActivityId,
  ...fields,
  version: Schema.Int.pipe(Schema.greaterThan(0)),
}) {}

/** No dissemination activity has the given id. */
export class DisseminationActivityNotFound extends Schema.TaggedError<DisseminationActivityNotFound>()(
  "DisseminationActivityNotFound",
  { activityId: Schema.String },
) {}

/** A page of dissemination activities as the API answers it. */
export const DisseminationActivityPage = pageOf(DisseminationActivity, "DisseminationActivityPage")
