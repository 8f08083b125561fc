import { describe, expect, it } from "@effect/vitest"
import { eventCalendar } from "./EventCalendar.js"

const event = {
  id: "evt_1",
  title: "Семинар; интеграция, Плевен",
  startDate: "2026-06-10",
  endDate: "2026-06-11",
  city: "Плевен",
} as Parameters<typeof eventCalendar>[0]

/** The unfolded content lines of an iCalendar text (RFC 5545 §3.1). */
const lines = (ics: string) => ics.replace(/\r\n[ \t]/g, "").split("\r\n")

describe("eventCalendar", () => {
  it("writes one all-day event whose end is the day after the last day", () => {
    const l = lines(eventCalendar(event, "bg"))
    expect(l[0]).toBe("BEGIN:VCALENDAR")
    expect(l.filter((x) => x === "BEGIN:VEVENT")).toHaveLength(1)
    expect(l).toContain("DTSTART;VALUE=DATE:20260610")
    expect(l).toContain("DTEND;VALUE=DATE:20260612")
    expect(l).toContain("UID:evt_1@coordina")
    expect(l).toContain("SUMMARY:Семинар\\; интеграция\\, Плевен")
    expect(l).toContain("X-WR-CALNAME:Coordina — събития")
  })
  it("names the calendar in the registrant's language, the event's UID the same", () => {
    const en = lines(eventCalendar(event, "en"))
    expect(en).toContain("X-WR-CALNAME:Coordina — events")
    expect(en).toContain("DESCRIPTION:Place: Плевен")
    expect(en).toContain("UID:evt_1@coordina")
  })
})
