/**
 * The package as another team receives it: built, packed with `pnpm pack`, installed from the
 * tarball into a new project outside the repository, and used from plain Node ESM and from
 * TypeScript under each module resolution. The code is the README's worked example, and what
 * it prints must be what the README says it prints.
 *
 * Offline: `effect` and `@types/node` are linked from this workspace's installed copies, so no
 * registry is asked.
 */
import { execFile, execFileSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { delimiter, dirname, join } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const packageDir = join(import.meta.dirname, "..")
const require = createRequire(join(packageDir, "package.json"))
const tsc = join(dirname(require.resolve("typescript/package.json")), "bin", "tsc")
const installed = (name: string) => dirname(require.resolve(`${name}/package.json`))

/** The fenced blocks of the README marked `<!-- consumer: NAME -->` or `<!-- consumer-output: NAME -->`. */
const readmeBlocks = (readme: string, marker: "consumer" | "consumer-output"): Map<string, string> => {
  const blocks = new Map<string, string>()
  const pattern = new RegExp(`<!-- ${marker}: (\\S+) -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``, "g")
  for (const [, name, body] of readme.matchAll(pattern)) blocks.set(name!, `${body}\n`)
  return blocks
}

const exec = promisify(execFile)

/** Runs a command to its end without blocking the test runner; a failure carries both outputs. */
const run = async (command: string, args: ReadonlyArray<string>, cwd: string): Promise<string> => {
  try {
    return (await exec(command, args, { cwd, encoding: "utf8", timeout: 240_000, maxBuffer: 1 << 26 })).stdout
  } catch (e) {
    const { stdout = "", stderr = "" } = e as { stdout?: string; stderr?: string }
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout}${stderr}`)
  }
}

/**
 * A Node older than the one the monorepo runs on (which is 24) that still meets the package's
 * `engines` (>=20.19), found outside any node_modules: the machine's own Node, where it has one.
 */
const olderNode = (): { path: string; version: string } | undefined => {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter((d) => d && !d.includes("node_modules"))
  for (const path of [...dirs.map((d) => join(d, "node")), "/usr/bin/node", "/usr/local/bin/node"]) {
    if (!existsSync(path)) continue
    const version = execFileSync(path, ["-p", "process.versions.node"], { encoding: "utf8" }).trim()
    const [major = 0, minor = 0] = version.split(".").map(Number)
    if (major < 24 && (major > 20 || (major === 20 && minor >= 19))) return { path, version }
  }
  return undefined
}
const older = olderNode()

// The machines are shared: a type-check of effect's declarations may take a while.
const slow = 240_000

const resolutions = {
  nodenext: { module: "nodenext", moduleResolution: "nodenext" },
  node16: { module: "node16", moduleResolution: "node16" },
  bundler: { module: "preserve", moduleResolution: "bundler" },
} as const

describe("the packed package in a project of its own", () => {
  let work: string
  let consumer: string
  let tarball: string
  let examples: Map<string, string>
  let outputs: Map<string, string>

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "coordina-domain-consumer-"))
    rmSync(join(packageDir, "dist"), { recursive: true, force: true })
    await run(process.execPath, [tsc, "-p", "tsconfig.build.json"], packageDir)
    await run("pnpm", ["pack", "--pack-destination", work], packageDir)
    tarball = join(work, readdirSync(work).find((f) => f.endsWith(".tgz"))!)

    consumer = join(work, "consumer")
    mkdirSync(consumer)
    const readme = await run("tar", ["-xzOf", tarball, "package/README.md"], work)
    examples = readmeBlocks(readme, "consumer")
    outputs = readmeBlocks(readme, "consumer-output")
    for (const [name, code] of examples) writeFileSync(join(consumer, name), code)
    writeFileSync(
      join(consumer, "package.json"),
      JSON.stringify({
        name: "consumer",
        private: true,
        type: "module",
        dependencies: {
          "@coordina/domain": `file:${tarball}`,
          effect: `link:${installed("effect")}`,
          "@types/node": `link:${installed("@types/node")}`,
        },
      }),
    )
    await run(
      "pnpm",
      [
        "install",
        "--offline",
        "--ignore-workspace",
        "--no-frozen-lockfile",
        "--config.confirmModulesPurge=false",
      ],
      consumer,
    )
  }, 2 * slow)

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it("ships its README, licence, changelog and package.json, and no tests", async () => {
    const files = (await run("tar", ["-tzf", tarball], work)).split("\n")
    expect(files).toEqual(
      expect.arrayContaining([
        "package/README.md",
        "package/LICENSE",
        "package/CHANGELOG.md",
        "package/package.json",
        "package/dist/index.js",
        "package/dist/index.d.ts",
        "package/dist/testing.js",
      ]),
    )
    expect(files.filter((f) => f.endsWith(".test.ts") || f.endsWith(".test.js"))).toEqual([])
    expect(await run("tar", ["-xzOf", tarball, "package/LICENSE"], work)).toContain(
      "EUROPEAN UNION PUBLIC LICENCE v. 1.2",
    )
  })

  it("has the README's examples to run", () => {
    expect([...examples.keys()].sort()).toEqual(["example.mjs", "example.ts"])
    expect([...outputs.keys()].sort()).toEqual(["example.mjs", "example.ts"])
  })

  it("runs from plain Node ESM and prints what the README says", async () => {
    expect(await run(process.execPath, ["example.mjs"], consumer)).toBe(outputs.get("example.mjs"))
  })

  it.skipIf(older === undefined)(
    `runs from plain Node ESM on the machine's older Node (${older?.version ?? "none found"})`,
    async () => {
      expect(await run(older!.path, ["example.mjs"], consumer)).toBe(outputs.get("example.mjs"))
    },
  )

  it("exports its package.json and says which Node it needs", async () => {
    const script = `import pkg from "@coordina/domain/package.json" with { type: "json" }
console.log(JSON.stringify({ name: pkg.name, engines: pkg.engines, license: pkg.license }))`
    writeFileSync(join(consumer, "package-json.mjs"), script)
    expect(JSON.parse(await run(process.execPath, ["package-json.mjs"], consumer))).toEqual({
      name: "@coordina/domain",
      engines: { node: ">=20.19" },
      license: "EUPL-1.2",
    })
  })

  for (const [name, options] of Object.entries(resolutions)) {
    it(
      `type-checks the TypeScript example with ${name} resolution`,
      async () => {
        // One resolution also checks every declaration file (the package's and effect's) under
        // strict settings; the others check resolution and use, which is what differs between them.
        const full = name === "nodenext"
        const config = {
          compilerOptions: {
            ...options,
            strict: true,
            target: "ES2022",
            types: ["node"],
            skipLibCheck: !full,
            ...(full ? { outDir: "out" } : { noEmit: true }),
          },
          files: ["example.ts"],
        }
        writeFileSync(join(consumer, `tsconfig.${name}.json`), JSON.stringify(config))
        await run(process.execPath, [tsc, "-p", `tsconfig.${name}.json`], consumer)
        if (full)
          expect(await run(process.execPath, ["out/example.js"], consumer)).toBe(outputs.get("example.ts"))
      },
      slow,
    )
  }

  it(
    "is refused by TypeScript where the example misuses it, so the checks can fail",
    async () => {
      writeFileSync(
        join(consumer, "wrong.ts"),
        `import { projectEndDate } from "@coordina/domain"\nprojectEndDate({ startDate: "2020-01-01" })\n`,
      )
      writeFileSync(
        join(consumer, "tsconfig.wrong.json"),
        JSON.stringify({
          compilerOptions: {
            ...resolutions.nodenext,
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: ["wrong.ts"],
        }),
      )
      await expect(run(process.execPath, [tsc, "-p", "tsconfig.wrong.json"], consumer)).rejects.toThrow(
        /wrong\.ts\(2,\d+\): error TS2322/,
      )
    },
    slow,
  )
})
