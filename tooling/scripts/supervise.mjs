// Keeps a service running: starts it, and when it stops without being asked to, says so and
// starts it again after a back-off that doubles (1 s, 2 s, 4 s, … up to 30 s) and returns to
// 1 s once a run has lasted a minute. `stop()` ends it for good.
import { spawn } from "node:child_process"

const firstDelayMs = 1_000
const maxDelayMs = 30_000
const steadyAfterMs = 60_000

/**
 * @param {{ name: string, command: string, args: ReadonlyArray<string>, cwd?: string,
 *   env?: NodeJS.ProcessEnv, stdio?: import("node:child_process").StdioOptions,
 *   log?: (line: string) => void, onStart?: (child: import("node:child_process").ChildProcess) => void }} service
 */
export const supervise = (service) => {
  const log = service.log ?? ((line) => console.error(line))
  let delay = firstDelayMs
  let stopping = false
  let timer
  /** @type {import("node:child_process").ChildProcess | undefined} */
  let child
  const start = () => {
    const startedAt = Date.now()
    child = spawn(service.command, [...service.args], {
      cwd: service.cwd,
      env: service.env ?? process.env,
      stdio: service.stdio ?? "inherit",
    })
    service.onStart?.(child)
    child.on("exit", (code, signal) => {
      if (stopping) return
      if (Date.now() - startedAt >= steadyAfterMs) delay = firstDelayMs
      log(
        `${service.name} stopped (${signal ? `signal ${signal}` : `exit code ${code}`}); restarting in ${delay / 1000} s`,
      )
      timer = setTimeout(start, delay)
      delay = Math.min(maxDelayMs, delay * 2)
    })
  }
  start()
  return {
    /** The running child, if any. */
    child: () => child,
    /** Stops the service (with `signal`) and does not start it again; resolves when it has exited. */
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        stopping = true
        clearTimeout(timer)
        if (!child || child.exitCode !== null || child.signalCode !== null) return resolve(undefined)
        child.once("exit", () => resolve(undefined))
        child.kill(signal)
      }),
  }
}
