/**
 * A real SMTP server on a free loopback port that keeps every message it receives, parsed:
 * the e-mail tests send through nodemailer to it and read back what a mail client would see.
 * @module
 */
import type { AddressInfo } from "node:net"
import { type ParsedMail, simpleParser } from "mailparser"
import { SMTPServer } from "smtp-server"

/** A running capture server. */
export interface SmtpCapture {
  /** `smtp://user:secret@127.0.0.1:<port>`. */
  readonly url: string
  /** Every message received so far, in order, with its envelope recipients. */
  readonly received: Array<{ readonly recipients: ReadonlyArray<string>; readonly mail: ParsedMail }>
  readonly close: () => Promise<void>
}

/** Starts the server; it accepts only `user`/`secret`, so a test also proves the credentials travel. */
export const startSmtpCapture = async (): Promise<SmtpCapture> => {
  const received: SmtpCapture["received"] = []
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS, so nodemailer does not try the server's self-signed cert.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, callback) =>
      auth.username === "user" && auth.password === "secret"
        ? callback(null, { user: auth.username })
        : callback(new Error("Invalid username or password")),
    onData: (stream, session, callback) => {
      simpleParser(stream)
        .then((mail) => {
          received.push({ recipients: session.envelope.rcptTo.map((r) => r.address), mail })
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://user:secret@127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
