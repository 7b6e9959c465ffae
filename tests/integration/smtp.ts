import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server on loopback: the app's mailer (nodemailer over SMTP_URL) delivers to it,
// and the test reads what arrived.

export type Received = { to: string; subject: string; text: string; html: string };

/** `refuse`: recipients the server turns away (as a full mailbox would), while it returns true. */
export async function startSmtpServer(
  options: { refuse?: (recipient: string) => boolean } = {},
): Promise<{
  url: string;
  inbox: Received[];
  stop: () => Promise<void>;
}> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) callback(new Error("Mailbox unavailable"));
      else callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = [mail.to ?? []]
            .flat()
            .flatMap((address) => address.value.map((entry) => entry.address ?? ""));
          inbox.push({
            to: to.join(", "),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message that starts with `prefix`. */
export function linkIn(message: Received | undefined, prefix: string): string {
  const link = message?.text
    .match(/https?:\/\/\S+/g)
    ?.find((candidate) => candidate.includes(prefix));
  if (!link) throw new Error(`no ${prefix} link in ${JSON.stringify(message)}`);
  return link;
}
