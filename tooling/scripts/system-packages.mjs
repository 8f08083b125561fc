// What the tests and benches need from the machine beyond node_modules: Debian's chromium
// (browser tests) and postgresql (a throwaway cluster per run). Found where the tests look
// for them (CHROMIUM_PATH, PG_BIN, /usr/lib/postgresql/*/bin); when one is missing it is
// installed with apt-get when running as root, else the run stops with the one command that
// installs it. Nothing is ever skipped for want of them.
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"

const chromiumPath = () => process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

const pgBin = () => {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, "initdb")) ? process.env.PG_BIN : undefined
  const base = "/usr/lib/postgresql"
  if (!existsSync(base)) return undefined
  const found = readdirSync(base).find((v) => existsSync(join(base, v, "bin", "initdb")))
  return found && join(base, found, "bin")
}

const checks = {
  chromium: () => existsSync(chromiumPath()),
  postgresql: () => pgBin() !== undefined,
}

/** Makes sure the named Debian packages are there; exits the process when they cannot be. */
export const ensureSystemPackages = (names) => {
  const missing = names.filter((name) => !checks[name]())
  if (missing.length === 0) return
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(" ")}`
  const isRoot = process.getuid?.() === 0
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0
  if (!isRoot || !hasApt) {
    console.error(`Missing: ${missing.join(", ")}. Install ${missing.length > 1 ? "them" : "it"} with:\n  sudo sh -c '${command}'`)
    process.exit(1)
  }
  console.log(`Installing from Debian: ${missing.join(" ")}`)
  const install = spawnSync("sh", ["-c", command], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  })
  const still = missing.filter((name) => !checks[name]())
  if (install.status !== 0 || still.length > 0) {
    console.error(`Could not install ${still.join(", ") || missing.join(", ")}; run:\n  sudo sh -c '${command}'`)
    process.exit(1)
  }
}
