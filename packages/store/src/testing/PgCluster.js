/**
 * A throwaway PostgreSQL cluster for tests: Debian's server binaries, a fresh data directory,
 * a free loopback port, `fsync=off`; removed when stopped. Run as the `postgres` user when the
 * tests run as root, since `initdb` refuses root.
 * @module
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
/** The directory holding `initdb` and `pg_ctl`, or undefined when no server is installed. */
export const findPgBin = () => {
    const fromEnv = process.env.PG_BIN;
    if (fromEnv && existsSync(join(fromEnv, "initdb")))
        return fromEnv;
    const base = "/usr/lib/postgresql";
    if (!existsSync(base))
        return undefined;
    const versions = readdirSync(base)
        .filter((v) => existsSync(join(base, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a));
    return versions[0] ? join(base, versions[0], "bin") : undefined;
};
const freePort = () => new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        const port = typeof address === "object" && address ? address.port : 0;
        server.close(() => resolve(port));
    });
});
const isRoot = () => process.getuid?.() === 0;
const run = (bin, args) => {
    if (isRoot()) {
        const quoted = [bin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
        execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", quoted], { stdio: "pipe" });
    }
    else {
        execFileSync(bin, args, { stdio: "pipe" });
    }
};
/** Starts a new cluster; throws when the server is missing or does not start. */
export const startPgCluster = async () => {
    const bin = findPgBin();
    if (!bin)
        throw new Error("PostgreSQL server binaries not found (install Debian's postgresql)");
    const dir = mkdtempSync(join(tmpdir(), "coordina-pg-"));
    chmodSync(dir, 0o777);
    if (isRoot())
        spawnSync("chown", ["postgres", dir]);
    const data = join(dir, "data");
    const port = await freePort();
    run(join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    run(join(bin, "pg_ctl"), [
        "-D",
        data,
        "-l",
        join(dir, "log"),
        "-w",
        "-o",
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
        "start",
    ]);
    return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        stop: () => {
            try {
                run(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
            }
            finally {
                rmSync(dir, { recursive: true, force: true });
            }
        },
    };
};
//# sourceMappingURL=PgCluster.js.map