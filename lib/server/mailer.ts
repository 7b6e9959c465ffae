import "server-only";
import nodemailer from "nodemailer";

/** A plain-text mail, with an HTML alternative when `html` is given. */
export type Mail = { to: string; subject: string; text: string; html?: string };

/** Whether mail can be sent at all (SMTP_URL set). */
export function mailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL?.trim());
}

/**
 * Sends mail when SMTP_URL is configured (e.g. smtps://user:pass@mail.example.com:465).
 * Returns whether it was sent; without SMTP, or when the server refuses, the caller shows the
 * link on screen instead and nothing else breaks.
 */
export async function sendMail(mail: Mail): Promise<boolean> {
  const url = process.env.SMTP_URL?.trim();
  if (!url) return false;
  try {
    const transport = nodemailer.createTransport(url);
    await transport.sendMail({
      from: process.env.MAIL_FROM ?? "Assay <no-reply@localhost>",
      ...mail,
    });
    return true;
  } catch (error) {
    console.error("[mail] could not send:", error instanceof Error ? error.message : error);
    return false;
  }
}
