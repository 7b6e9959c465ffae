import "server-only";
import { after } from "next/server";
import { sendMail, type Mail } from "./mailer";

// Mail about an account is sent after the response, so how long the SMTP server takes does not
// tell the requester whether the email has an account.

export const NO_RESET_MAIL =
  "Password reset by email is not set up on this server. Ask an owner of your organisation for a reset link, or the server's operator.";

export function sendAfterResponse(mail: Mail): void {
  after(async () => {
    await sendMail(mail);
  });
}

/** Decides what to send, and sends it, after the response: for work that depends on the email. */
export function composeAfterResponse(compose: () => Promise<Mail | null>): void {
  after(async () => {
    const mail = await compose();
    if (mail) await sendMail(mail);
  });
}

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export function passwordResetMail(to: string, link: string, expiresAt: Date): Mail {
  return {
    to,
    subject: "Reset your Assay password",
    text: [
      "Someone (hopefully you) asked to reset the password of your Assay account.",
      "",
      `Choose a new password: ${link}`,
      "",
      `The link works once, until ${dateTime.format(expiresAt)} UTC. Every device signed in to your account will be signed out.`,
      "If you did not ask for this, ignore this email: your password stays as it is.",
    ].join("\n"),
  };
}

export function finishSignUpMail(to: string, link: string): Mail {
  return {
    to,
    subject: "Finish creating your Assay account",
    text: [
      `Choose a password to finish creating your Assay account: ${link}`,
      "",
      "The link works for 24 hours. If you did not ask for an account, ignore this email.",
    ].join("\n"),
  };
}

export function accountExistsMail(to: string, origin: string): Mail {
  return {
    to,
    subject: "You already have an Assay account",
    text: [
      "Someone (hopefully you) tried to create an Assay account with this email address, but it already has one.",
      "",
      `Sign in: ${origin}/sign-in`,
      `Forgot your password? ${origin}/forgot-password`,
      "",
      "If this was not you, you can ignore this email.",
    ].join("\n"),
  };
}
