// The scripts stop at once, with the fix, when started on a Node older than the root
// package.json's `engines` (better-sqlite3 13 would fail later and less clearly). Through
// `pnpm start|test|bench` they run on the Node 24 that `pnpm install` put in node_modules/.bin.
import { readFileSync } from "node:fs"
import { join } from "node:path"

const engines = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")).engines.node

/** Exits the process with a message when the running Node does not meet `engines.node`. */
export const requireEnginesNode = () => {
  const [wantMajor, wantMinor] = engines.replace(">=", "").split(".").map(Number)
  const [major, minor] = process.versions.node.split(".").map(Number)
  if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) return
  console.error(
    `Coordina runs on Node ${engines}, this is ${process.versions.node}. Run it through pnpm ` +
      "(pnpm start, pnpm test, pnpm bench), which uses the Node that pnpm install put in node_modules/.bin.",
  )
  process.exit(1)
}
