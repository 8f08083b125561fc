import { describe, expect, it } from "vitest"
import { Schema } from "effect"
import { isoDate } from "./CalendarDate.js"
import {
  EvidenceUploadFields,
  evidenceFileName,
  evidenceInPeriod,
  isEvidenceMediaType,
  maxEvidenceNameLength,
} from "./Evidence.js"
import { evidenceOfPeriod, type ReportEvidenceRecord } from "./ReportContent.js"
import type { Activity } from "./Activity.js"

const period = { start: isoDate("2018-01-01"), end: isoDate("2018-06-30") }

describe("evidence", () => {
  it("keeps only the allowed types as detected, never an unknown one", () => {
    expect(isEvidenceMediaType("application/pdf")).toBe(true)
    expect(isEvidenceMediaType("image/jpeg")).toBe(true)
    expect(isEvidenceMediaType("application/x-elf")).toBe(false)
    expect(isEvidenceMediaType("application/zip")).toBe(false)
    expect(isEvidenceMediaType(undefined)).toBe(false)
  })

  it("lists a file under its base name, without control characters, within the length limit", () => {
    expect(evidenceFileName("C:\\scans\\присъствен списък.pdf")).toBe("присъствен списък.pdf")
    expect(evidenceFileName("../../etc/passwd")).toBe("passwd")
    expect(evidenceFileName("a\u0000b\u001fc.png")).toBe("abc.png")
    expect(evidenceFileName("   ")).toBe("file")
    expect(evidenceFileName(undefined)).toBe("file")
    const long = evidenceFileName(`${"x".repeat(500)}.jpeg`)
    expect(long.length).toBe(maxEvidenceNameLength)
    expect(long.endsWith(".jpeg")).toBe(true)
  })

  it("takes `other` as the kind when none is sent, and refuses an unknown kind", () => {
    expect(Schema.decodeUnknownSync(EvidenceUploadFields)({})).toEqual({ kind: "other" })
    expect(Schema.decodeUnknownEither(EvidenceUploadFields)({ kind: "video" })._tag).toBe("Left")
  })

  it("places a file in a period by its event's start, or by its activity's dates meeting the period", () => {
    const starts: Record<string, string> = { e1: "2018-03-01", e2: "2018-07-01" }
    const spans: Record<string, { start: string; end: string }> = {
      a1: { start: "2017-10-01", end: "2018-01-01" },
      a2: { start: "2018-07-01", end: "2018-09-30" },
    }
    const inside = (type: "event" | "activity", id: string) =>
      evidenceInPeriod(
        { attachedTo: { type, id } },
        period,
        (e) => starts[e] as never,
        (a) => spans[a] as never,
      )
    expect(inside("event", "e1")).toBe(true)
    expect(inside("event", "e2")).toBe(false)
    expect(inside("event", "unknown")).toBe(false)
    expect(inside("activity", "a1")).toBe(true)
    expect(inside("activity", "a2")).toBe(false)
  })

  it("lists the period's files for a report, ordered by what they are attached to and name", () => {
    const file = (
      id: string,
      type: "event" | "activity",
      on: string,
      name: string,
    ): ReportEvidenceRecord => ({
      id,
      attachedTo: { type, id: on },
      kind: "photo",
      name,
      mediaType: "image/jpeg",
      size: 10,
      sha256: "ab",
    })
    const events = [
      {
        id: "e1",
        kind: "workshop",
        title: "W",
        startDate: isoDate("2018-03-01"),
        endDate: isoDate("2018-03-02"),
        city: "Sofia",
      },
      {
        id: "e2",
        kind: "workshop",
        title: "W",
        startDate: isoDate("2018-08-01"),
        endDate: isoDate("2018-08-01"),
        city: "Sofia",
      },
    ]
    const running = {
      id: "a1",
      plannedStart: isoDate("2017-01-01"),
      plannedEnd: isoDate("2018-01-31"),
      actualStart: isoDate("2017-02-01"),
    } as unknown as Activity
    const listed = evidenceOfPeriod(
      [
        file("f3", "event", "e2", "late.jpg"),
        file("f2", "event", "e1", "b.jpg"),
        file("f1", "event", "e1", "a.jpg"),
        file("f4", "activity", "a1", "x.jpg"),
      ],
      events,
      [running],
      period,
    )
    expect(listed.map((e) => [e.id, e.attachedTo, e.kind, e.fileName])).toEqual([
      ["f4", "activity:a1", "photo", "x.jpg"],
      ["f1", "event:e1", "photo", "a.jpg"],
      ["f2", "event:e1", "photo", "b.jpg"],
    ])
  })
})
