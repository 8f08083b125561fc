/**
 * Random requests for every operation of the OpenAPI document, derived from the operation's own
 * JSON schemas: mostly values the schema allows (so requests reach the business rules), mixed
 * with what a hostile or careless client sends (wrong types, unknown fields, U+0000, lone
 * surrogates, very long strings, huge numbers, malformed bodies, ids of other records).
 * @module
 */
import fc from "fast-check"

/** A JSON Schema as the OpenAPI document has it (the subset the API's schemas use). */
export interface JsonSchema {
  readonly $ref?: string
  readonly type?: string | ReadonlyArray<string>
  readonly enum?: ReadonlyArray<unknown>
  readonly const?: unknown
  readonly anyOf?: ReadonlyArray<JsonSchema>
  readonly oneOf?: ReadonlyArray<JsonSchema>
  readonly allOf?: ReadonlyArray<JsonSchema>
  readonly properties?: Readonly<Record<string, JsonSchema>>
  readonly required?: ReadonlyArray<string>
  readonly additionalProperties?: boolean | JsonSchema
  readonly items?: JsonSchema
  readonly minItems?: number
  readonly maxItems?: number
  readonly minLength?: number
  readonly maxLength?: number
  readonly pattern?: string
  readonly format?: string
  readonly minimum?: number
  readonly maximum?: number
  readonly exclusiveMinimum?: number
  readonly exclusiveMaximum?: number
}

interface Parameter {
  readonly name: string
  readonly in: "path" | "query" | "header" | "cookie"
  readonly required?: boolean
  readonly schema?: JsonSchema
}

/** One operation of the document. */
export interface Operation {
  readonly method: string
  readonly path: string
  readonly parameters: ReadonlyArray<Parameter>
  readonly body?:
    | { readonly contentTypes: ReadonlyArray<string>; readonly schema?: JsonSchema | undefined }
    | undefined
}

/** A request to send: its path with parameters filled in, headers and body text. */
export interface FuzzRequest {
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string | Uint8Array | undefined
}

interface Document {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OperationObject>>>>
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>> }
}

interface OperationObject {
  readonly parameters?: ReadonlyArray<Parameter>
  readonly requestBody?: { readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema }>> }
}

/** Every operation of an OpenAPI document. */
export const operationsOf = (doc: Document): ReadonlyArray<Operation> =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const content = op.requestBody?.content
      return {
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: content
          ? { contentTypes: Object.keys(content), schema: content["application/json"]?.schema }
          : undefined,
      }
    }),
  )

/** Strings a careless or hostile client sends. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\uD800",
    "x\uDFFFy",
    "\uFEFF",
    "'; DROP TABLE people; --",
    "../../etc/passwd",
    "%00",
    "null",
    "2019-02-30",
    "9999-12-31",
    "0000-00-00",
    "1e309",
    "-1",
    "😀".repeat(30),
    "Стоянова",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 200, max: 20_000 }).map((n) => "x".repeat(n)),
)

const hostileNumber: fc.Arbitrary<number> = fc.constantFrom(
  0,
  -1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 1,
  Number.MAX_VALUE,
  1e-300,
  0.5,
  -0,
)

/** Any JSON value, of a type the schema probably does not want. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  hostileNumber,
  hostileString,
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 2 }),
)

const datesBetween = (from: string, to: string) =>
  fc
    .date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10))

// Mostly within the demo data's years, so two dates of one request are often in order and close.
const isoDates = fc.oneof(
  { arbitrary: datesBetween("2017-06-01", "2019-06-30"), weight: 3 },
  { arbitrary: datesBetween("1990-01-01", "2035-12-31"), weight: 1 },
)

/** Values for fields whose name says what they hold, where a random string would never pass. */
const byFieldName: Readonly<Record<string, fc.Arbitrary<string>>> = {
  email: fc.oneof(
    { arbitrary: fc.emailAddress(), weight: 4 },
    { arbitrary: fc.constantFrom("a@b", "not an email", "x@example.org "), weight: 1 },
  ),
  password: fc.oneof(
    {
      arbitrary: fc.constantFrom("a long and unusual passphrase 4711", "Correct-Horse-Battery-Staple-93"),
      weight: 4,
    },
    { arbitrary: fc.constantFrom("password1234", "aaaaaaaaaaaa", "            "), weight: 1 },
  ),
}

const instants = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString())

/** Ids of existing records by kind (`projects`, `people`, …, as in the API's paths). */
export class KnownIds {
  constructor(private readonly byKind: Readonly<Record<string, ReadonlyArray<string>>>) {}

  private pick(kinds: ReadonlyArray<string>): fc.Arbitrary<string> | undefined {
    const ids = [...new Set(kinds.flatMap((k) => this.byKind[k] ?? []))]
    return ids.length > 0 ? fc.constantFrom(...ids) : undefined
  }

  /** Ids of any kind: a record of another kind is a request a client can make too. */
  any(): fc.Arbitrary<string> {
    return this.pick(Object.keys(this.byKind)) ?? fc.constant("none")
  }

  /** Ids for a path such as `/v1/projects/{id}`: of its resource, sometimes of another. */
  forPath(path: string, param: string): fc.Arbitrary<string> {
    const resource = path.split("/")[2] ?? ""
    const own = this.pick([param === "personId" ? "people" : resource]) ?? this.any()
    return fc.oneof({ arbitrary: own, weight: 8 }, { arbitrary: this.any(), weight: 1 })
  }

  /** Ids for a body or query field named like an id (`projectId`, `intoPersonId`, `ids`, …). */
  forField(name: string): fc.Arbitrary<string> | undefined {
    const field = name.toLowerCase()
    if (!/(^id$|id$|ids$)/.test(field)) return undefined
    const kinds = Object.keys(this.byKind).filter((k) => field.includes(kindStem(k)))
    if (field.includes("municipality")) kinds.push("institutions")
    return this.pick(kinds) ?? this.any()
  }
}

const kindStem = (kind: string) =>
  ({
    people: "person",
    "municipal-offers": "offer",
    "dissemination-activities": "activit",
    "api-keys": "key",
  })[kind] ?? kind.replace(/ies$/, "y").replace(/s$/, "")

/** Turns a document's JSON Schema into a generator of values, honest or hostile. */
export class SchemaArbitraries {
  private readonly cache = new Map<string, fc.Arbitrary<unknown>>()

  constructor(
    private readonly components: Readonly<Record<string, JsonSchema>>,
    /** Ids of records that exist, for fields named like ids, so requests get past "not found". */
    readonly ids: KnownIds,
  ) {}

  /** Values of `schema`; with `hostile`, now and then a value it forbids. */
  of(schema: JsonSchema | undefined, hostile = true, depth = 0, name = ""): fc.Arbitrary<unknown> {
    const honest = this.honest(schema ?? {}, depth, name)
    return hostile ? fc.oneof({ arbitrary: honest, weight: 24 }, { arbitrary: anyJson, weight: 1 }) : honest
  }

  private resolve(schema: JsonSchema): JsonSchema {
    let s = schema
    for (let i = 0; s.$ref && i < 20; i++) s = this.components[s.$ref.split("/").pop()!] ?? {}
    return s
  }

  private honest(schema: JsonSchema, depth: number, name: string): fc.Arbitrary<unknown> {
    const key = schema.$ref
    if (key && this.cache.has(`${key}:${depth > 3}`)) return this.cache.get(`${key}:${depth > 3}`)!
    const arb = this.build(this.resolve(schema), depth, name)
    if (key) this.cache.set(`${key}:${depth > 3}`, arb)
    return arb
  }

  private build(s: JsonSchema, depth: number, name: string): fc.Arbitrary<unknown> {
    if (s.const !== undefined) return fc.constant(s.const)
    if (s.enum) return fc.constantFrom(...s.enum)
    const alternatives = s.anyOf ?? s.oneOf
    if (alternatives) return fc.oneof(...alternatives.map((a) => this.of(a, false, depth + 1, name)))
    if (s.allOf?.length) return this.of(s.allOf[0], false, depth + 1, name)
    const type = Array.isArray(s.type) ? s.type[0] : s.type
    switch (type) {
      case "string":
        return this.string(s, name)
      case "integer":
        return fc.integer({ min: Math.ceil(lower(s) ?? -1000), max: Math.floor(upper(s) ?? 100_000) })
      case "number":
        return fc.double({
          min: lower(s) ?? -1e6,
          max: upper(s) ?? 1e6,
          noNaN: true,
          noDefaultInfinity: true,
        })
      case "boolean":
        return fc.boolean()
      case "null":
        return fc.constant(null)
      case "array":
        return depth > 4
          ? fc.constant([])
          : fc.array(this.of(s.items, true, depth + 1, name), {
              minLength: s.minItems ?? 0,
              maxLength: Math.min(s.maxItems ?? 4, 4),
            })
      case "object":
        return this.object(s, depth)
      default:
        return anyJson
    }
  }

  private string(s: JsonSchema, name: string): fc.Arbitrary<string> {
    const named = byFieldName[name]
    if (named) return named
    if (s.format === "date") return isoDates
    if (s.format === "date-time") return instants
    const shaped = s.pattern ? matching(s.pattern, s.maxLength) : undefined
    const plain = fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 60) })
    const known = this.ids.forField(name)
    return known
      ? fc.oneof({ arbitrary: known, weight: 6 }, { arbitrary: shaped ?? plain, weight: 1 })
      : (shaped ?? plain)
  }

  private object(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    const props = s.properties ?? {}
    if (Object.keys(props).length === 0) {
      return typeof s.additionalProperties === "object"
        ? fc.dictionary(fc.string({ maxLength: 8 }), this.of(s.additionalProperties, true, depth + 1), {
            maxKeys: 3,
          })
        : fc.constant({})
    }
    const model = Object.fromEntries(
      Object.entries(props).map(([k, v]) => [k, this.of(v, true, depth + 1, k)]),
    )
    const record = fc.record(model, { requiredKeys: (s.required ?? []) as Array<string> })
    // Now and then an unknown field, or a required one left out.
    return fc.oneof(
      { arbitrary: record, weight: 18 },
      { arbitrary: record.map((r) => ({ ...r, unexpected: "field" })), weight: 1 },
      {
        arbitrary: record.map((r) => {
          const copy: Record<string, unknown> = { ...r }
          delete copy[s.required?.[0] ?? ""]
          return copy
        }),
        weight: 1,
      },
    )
  }
}

const lower = (s: JsonSchema) =>
  s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + Number.EPSILON * 4 : s.minimum
const upper = (s: JsonSchema) =>
  s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - Number.EPSILON * 4 : s.maximum

const matching = (pattern: string, maxLength: number | undefined): fc.Arbitrary<string> | undefined => {
  try {
    const arb = fc.stringMatching(new RegExp(pattern))
    return maxLength === undefined ? arb : arb.filter((v) => v.length <= maxLength)
  } catch {
    return undefined
  }
}

const sheetColumns = "given_name,family_name,email,gender,institution_id,institution_name,role,days"
const csvCell = (c: string) => (/[",\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)

/** Mostly `usual`, one time in ten `unusual`. */
const mostly = <A>(usual: fc.Arbitrary<A>, unusual: fc.Arbitrary<A>) =>
  fc.oneof({ arbitrary: usual, weight: 9 }, { arbitrary: unusual, weight: 1 })

/** A sign-in sheet with the template's header and rows that name existing institutions. */
const sheetText = (ids: KnownIds) =>
  fc
    .array(
      fc.tuple(
        mostly(fc.constantFrom("Мария", "Ivan", "Георги"), fc.string({ maxLength: 12 })),
        mostly(fc.constantFrom("Петрова", "Ivanov", "Димитров"), fc.string({ maxLength: 12 })),
        mostly(fc.constantFrom("", "maria@example.bg"), fc.constant("not-an-email")),
        mostly(fc.constantFrom("", "female", "male"), fc.constant("x")),
        ids.forField("institutionId") ?? fc.constant(""),
        fc.constant(""),
        mostly(fc.constantFrom("participant", "speaker"), fc.constant("boss")),
        mostly(fc.constant("all"), fc.constantFrom("2018-03-01", "2019-02-30", "")),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((rows) => [sheetColumns, ...rows.map((r) => r.map(csvCell).join(","))].join("\n"))

/** CSV text with a header of the wrong shape, or no shape at all. */
const shapelessSheet = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("givenName;familyName;institution;email", "Име,Фамилия,Институция", "a;b", ""),
      fc.array(fc.array(fc.oneof(fc.string({ maxLength: 20 }), hostileString), { maxLength: 5 }), {
        maxLength: 8,
      }),
    )
    .map(([header, rows]) => [header, ...rows.map((r) => r.join(";"))].join("\n")),
  fc.string({ unit: "binary", maxLength: 300 }),
)

/** Versions as clients send them: mostly a small version, now and then something else. */
const ifMatch = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 4 }).map(String), weight: 8 },
  { arbitrary: fc.constantFrom('"1"', "W/1", "-1", "0", "99999999999999999999"), weight: 1 },
  { arbitrary: hostileString, weight: 1 },
)

/** Requests for one operation; `ids` are ids of existing records, for path parameters. */
export const requestsFor = (op: Operation, schemas: SchemaArbitraries, ids: KnownIds) => {
  const param = (p: Parameter): fc.Arbitrary<string | undefined> => {
    const value =
      p.in === "path"
        ? fc.oneof(
            { arbitrary: ids.forPath(op.path, p.name), weight: 12 },
            { arbitrary: hostileString, weight: 1 },
          )
        : p.name === "If-Match"
          ? ifMatch
          : schemas.of(p.schema, true, 0, p.name).map(asParameterText)
    return p.in === "path" || p.required ? value : fc.option(value, { nil: undefined, freq: 3 })
  }
  const params = fc.tuple(...op.parameters.map(param))
  const body = bodyFor(op, schemas)
  // Writes to a record may need If-Match even where the document does not list it.
  const listsIfMatch = op.parameters.some((p) => p.name === "If-Match")
  const extraIfMatch =
    op.method !== "GET" && op.path.includes("{") && !listsIfMatch
      ? fc.option(ifMatch, { nil: undefined, freq: 2 })
      : fc.constant(undefined)
  return fc.tuple(params, body, extraIfMatch).map(([values, b, version]): FuzzRequest => {
    let path = op.path
    const query = new URLSearchParams()
    const headers: Record<string, string> = {}
    op.parameters.forEach((p, i) => {
      const v = values[i]
      if (v === undefined) return
      if (p.in === "path") path = path.replace(`{${p.name}}`, encodePathSegment(v))
      else if (p.in === "query") query.append(p.name, v)
      else if (p.in === "header") headers[p.name] = headerSafe(v)
    })
    const search = query.toString()
    return {
      method: op.method,
      path: search ? `${path}?${search}` : path,
      headers: {
        ...headers,
        ...(version === undefined ? {} : { "If-Match": headerSafe(version) }),
        ...(b ? { "Content-Type": b.contentType } : {}),
      },
      body: b?.body,
    }
  })
}

/** Percent-encodes a path segment; a lone surrogate goes out as the invalid UTF-8 it would be. */
const encodePathSegment = (v: string): string =>
  v.replace(/[\s\S]/gu, (ch) => {
    const code = ch.codePointAt(0)!
    if (code < 0xd800 || code > 0xdfff) return encodeURIComponent(ch)
    return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
      .map((b) => `%${b.toString(16).toUpperCase()}`)
      .join("")
  })

const asParameterText = (v: unknown): string =>
  typeof v === "string" ? v : Array.isArray(v) ? v.map(String).join(",") : JSON.stringify(v)

// Fetch refuses header values with control characters or non-Latin-1 text before sending.
const headerSafe = (v: string) => v.replace(/[^\x20-\x7e]/g, "?")

const bodyFor = (
  op: Operation,
  schemas: SchemaArbitraries,
): fc.Arbitrary<{ contentType: string; body: string | Uint8Array } | undefined> => {
  if (!op.body) return fc.constant(undefined)
  const types = op.body.contentTypes
  if (types.includes("application/json")) {
    const json = schemas.of(op.body.schema, true).map((v) => JSON.stringify(v))
    const broken = fc.constantFrom("{", "", "[]", "null", '{"a":', "\u0000", '{"__proto__":{"x":1}}')
    return fc
      .oneof({ arbitrary: json, weight: 12 }, { arbitrary: broken, weight: 1 })
      .map((body) => ({ contentType: "application/json", body }))
  }
  return fc.oneof(
    { arbitrary: sheetText(schemas.ids).map((body) => ({ contentType: "text/csv", body })), weight: 3 },
    { arbitrary: shapelessSheet.map((body) => ({ contentType: "text/csv", body })), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...types), fc.uint8Array({ maxLength: 400 }))
        .map(([contentType, body]) => ({ contentType, body })),
      weight: 1,
    },
  )
}
