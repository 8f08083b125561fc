// Every package's test run starts with this file: the project runs on the Node its root
// package.json names (better-sqlite3 13 loads only there), both in this test process and for
// the children that tests, the worker and the scripts start by the name `node`.
import { execFile, execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "../..")
const engines = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).engines.node
const [wantMajor, wantMinor] = engines.replace(">=", "").split(".").map(Number)

/** Whether `version` ("24.21.0") is at least the root's `engines.node` (">=24.21"). */
const satisfies = (version) => {
  const [major, minor] = version.split(".").map(Number)
  return major > wantMajor || (major === wantMajor && minor >= wantMinor)
}

describe(`the Node runtime (engines ${engines})`, () => {
  it("runs this test process", () => {
    expect(satisfies(process.versions.node), `running on Node ${process.versions.node}`).toBe(true)
  })

  it("is the `node` that child processes find on PATH", () => {
    const version = execFileSync("node", ["-p", "process.versions.node"], { encoding: "utf8" }).trim()
    expect(satisfies(version), `\`node\` on PATH is ${version}`).toBe(true)
  })

  it("is started by the name `node` with no shell in between, so signals reach it", async () => {
    // A shell shim would run Node as its own child: the pid that spawn sees would be the shell's.
    const printed = await new Promise((resolve, reject) => {
      const child = execFile("node", ["-p", "process.pid"], (error, stdout) =>
        error ? reject(error) : resolve({ spawned: child.pid, own: Number(stdout.trim()) }),
      )
    })
    expect(printed.own).toBe(printed.spawned)
  })

  it("is what process.execPath starts", () => {
    const version = execFileSync(process.execPath, ["-p", "process.versions.node"], {
      encoding: "utf8",
    }).trim()
    expect(version).toBe(process.versions.node)
  })
})
