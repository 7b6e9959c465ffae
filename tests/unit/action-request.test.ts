import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { actionRequestRefusal, MAX_ACTION_BODY_BYTES } from "@/lib/server/action-request";

// The bodies a React client sends for our forms, and the malformed ones Next would answer 500 to.

const ACTION = "7f17d992998bbd54cb7ca63083530c98e0dafb859b";
const HOST = "assay.test";

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(`http://${HOST}/sign-up`, {
    method: "POST",
    body,
    headers: { host: HOST, origin: `http://${HOST}`, "next-action": ACTION, ...headers },
  });
}

function reply(fields: Record<string, string>): { body: string; contentType: string } {
  const boundary = "----formboundaryAbC123";
  const parts = Object.entries(fields).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    body: `${parts.join("")}--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function refusal(request: Request, appUrl?: string) {
  const error = await actionRequestRefusal(request, appUrl);
  return error && { code: error.code, message: error.message };
}

const SIGN_UP = {
  "1_name": "Ada",
  "1_email": "ada@example.com",
  "1_password": "correct horse battery",
  "0": '["$undefined","$K1"]',
};

describe("actionRequestRefusal", () => {
  it("lets a form's own reply through, with an earlier result as the previous state", async () => {
    const first = reply(SIGN_UP);
    expect(await refusal(post(first.body, { "content-type": first.contentType }))).toBeNull();
    const previous = JSON.stringify([
      {
        ok: false,
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { name: ["$$ is not a name"] },
        at: "$D2026-01-01T00:00:00.000Z",
      },
      "$K1",
    ]);
    const second = reply({ ...SIGN_UP, "0": previous });
    expect(await refusal(post(second.body, { "content-type": second.contentType }))).toBeNull();
    expect(
      await refusal(
        post('["$undefined",{"orgSlug":"acme"}]', { "content-type": "text/plain;charset=UTF-8" }),
      ),
    ).toBeNull();
  });

  it("refuses cross-origin calls, an unreadable Origin and a cross-site fetch without one", async () => {
    const forbidden = { code: "FORBIDDEN", message: "Cross-origin requests are not allowed." };
    expect(
      await refusal(post("[]", { "content-type": "text/plain", origin: "https://evil.example" })),
    ).toEqual(forbidden);
    expect(await refusal(post("[]", { "content-type": "text/plain", origin: "null" }))).toEqual(
      forbidden,
    );
    expect(
      await refusal(post("[]", { "content-type": "text/plain", origin: "not a url" })),
    ).toEqual(forbidden);
    const noOrigin = new Request(`http://${HOST}/sign-up`, {
      method: "POST",
      body: "[]",
      headers: {
        host: HOST,
        "next-action": ACTION,
        "content-type": "text/plain",
        "sec-fetch-site": "cross-site",
      },
    });
    expect(await refusal(noOrigin)).toEqual(forbidden);
    // Cross-origin is refused even for a POST that is not an action at all.
    expect(
      await refusal(
        new Request(`http://${HOST}/`, {
          method: "POST",
          body: "x",
          headers: { host: HOST, origin: "https://evil.example" },
        }),
      ),
    ).toEqual(forbidden);
  });

  it("accepts the forwarded host and APP_URL's host as the same origin", async () => {
    expect(
      await refusal(
        post("[]", {
          "content-type": "text/plain",
          origin: "https://assay.example.com",
          "x-forwarded-host": "assay.example.com",
        }),
      ),
    ).toBeNull();
    expect(
      await refusal(
        post("[]", { "content-type": "text/plain", origin: "https://assay.example.com" }),
        "https://assay.example.com",
      ),
    ).toBeNull();
    expect(
      await refusal(
        post("[]", { "content-type": "text/plain", origin: "https://other.example.com" }),
        "https://assay.example.com",
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses content types Next would misread, and leaves non-action posts to Next", async () => {
    expect(await refusal(post("{}", { "content-type": "application/json" }))).toEqual({
      code: "VALIDATION",
      message: "Send the form as multipart/form-data.",
    });
    // Bytes, not a string: a string body would be given text/plain.
    expect(await refusal(post(new TextEncoder().encode("{}"), {}))).toMatchObject({
      code: "VALIDATION",
    });
    expect(
      await refusal(post("a=1", { "content-type": "application/x-www-form-urlencoded" })),
    ).toBeNull();
    const plainPost = new Request(`http://${HOST}/sign-up`, {
      method: "POST",
      body: "{",
      headers: { host: HOST, origin: `http://${HOST}`, "content-type": "application/json" },
    });
    expect(await refusal(plainPost)).toBeNull();
  });

  it("refuses bodies over the limit, declared or not", async () => {
    const tooLarge = { code: "TOO_LARGE", message: "The form is too large to send." };
    expect(
      await refusal(
        post("[]", {
          "content-type": "text/plain",
          "content-length": String(MAX_ACTION_BODY_BYTES + 1),
        }),
      ),
    ).toEqual(tooLarge);
    expect(
      await refusal(
        post(`"${"x".repeat(MAX_ACTION_BODY_BYTES)}"`, { "content-type": "text/plain" }),
      ),
    ).toEqual(tooLarge);
  });

  it("refuses broken multipart bodies", async () => {
    const unreadable = {
      code: "VALIDATION",
      message: "The form could not be read. Reload the page and try again.",
    };
    const { body, contentType } = reply(SIGN_UP);
    expect(
      await refusal(post(body.slice(0, body.length - 20), { "content-type": contentType })),
    ).toEqual(unreadable);
    expect(await refusal(post(body, { "content-type": "multipart/form-data" }))).toEqual(
      unreadable,
    );
    expect(
      await refusal(post(body, { "content-type": "multipart/form-data; boundary=other" })),
    ).toEqual(unreadable);
    expect(await refusal(post("garbage", { "content-type": contentType }))).toEqual(unreadable);
    // Found by fuzzing: a part header line Next's multipart parser (busboy) refuses, Request.formData() does not.
    const badHeader = body.replace('name="0"', 'name="0"\u0085\n');
    expect(
      await refusal(post(Buffer.from(badHeader, "latin1"), { "content-type": contentType })),
    ).toEqual(unreadable);
  });

  it("refuses replies that are not JSON, nest deeply, hold huge arrays or refer to what they do not carry", async () => {
    const bad = [
      "[1,",
      "",
      '"x"',
      "1",
      "null",
      "{}",
      '"$undefined"',
      `[${"0,".repeat(16)}0]`,
      "[".repeat(100) + "]".repeat(100),
      `[${"0,".repeat(150_000)}0]`,
      '["$1"]',
      '["$@1"]',
      '["$h1"]',
      '["$T"]',
      '["$Q1"]',
      '["$B1"]',
      '["$"]',
      '["$n' + "9".repeat(301) + '"]',
    ];
    for (const text of bad) {
      expect(
        await refusal(post(text, { "content-type": "text/plain;charset=UTF-8" })),
        text.slice(0, 40),
      ).toMatchObject({ code: "VALIDATION" });
    }
    const withoutRoot = reply({ "1_name": "Ada" });
    expect(
      await refusal(post(withoutRoot.body, { "content-type": withoutRoot.contentType })),
    ).toMatchObject({ code: "VALIDATION" });
    const deepPart = reply({ "0": '["$@1"]', "1": "[".repeat(100) + "]".repeat(100) });
    expect(
      await refusal(post(deepPart.body, { "content-type": deepPart.contentType })),
    ).toMatchObject({ code: "VALIDATION" });
    const goodPart = reply({ "0": '["$@1"]', "1": '{"a":[1,2]}' });
    expect(await refusal(post(goodPart.body, { "content-type": goodPart.contentType }))).toBeNull();
  });

  it("checks the JSON of a form posted without JavaScript", async () => {
    const mpa = (descriptor: string) =>
      reply({
        $ACTION_REF_1: "",
        "$ACTION_1:0": descriptor,
        "$ACTION_1:1": '["$undefined"]',
        $ACTION_KEY: "k0",
        name: "Ada",
      });
    const ok = mpa(`{"id":"${ACTION}","bound":"$@1"}`);
    const noAction = new Request(`http://${HOST}/sign-up`, {
      method: "POST",
      body: ok.body,
      headers: { host: HOST, origin: `http://${HOST}`, "content-type": ok.contentType },
    });
    expect(await refusal(noAction)).toBeNull();
    const broken = mpa(`{"id":"${ACTION}","bound":`);
    const brokenRequest = new Request(`http://${HOST}/sign-up`, {
      method: "POST",
      body: broken.body,
      headers: { host: HOST, origin: `http://${HOST}`, "content-type": broken.contentType },
    });
    expect(await refusal(brokenRequest)).toMatchObject({ code: "VALIDATION" });
  });

  it("uses the limit next.config.js gives Next", () => {
    const config = createRequire(import.meta.url)("../../next.config.js") as {
      experimental: { serverActions: { bodySizeLimit: string } };
    };
    expect(config.experimental.serverActions.bodySizeLimit).toBe(
      `${MAX_ACTION_BODY_BYTES / 1024 / 1024}mb`,
    );
  });
});
