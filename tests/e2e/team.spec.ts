import {
  allowOn,
  assertNoConsoleErrors,
  expect,
  newPerson,
  signUp,
  test,
  uniqueEmail,
} from "./fixtures";

test("an owner builds a team; a viewer sees no admin controls and is refused; a stranger gets 404", async ({
  page,
  browser,
}) => {
  // The owner signs up and creates an organisation.
  const ownerEmail = uniqueEmail("owner");
  await signUp(page, "Olivia Owner", ownerEmail);
  await expect(page).toHaveURL(/\/orgs\/new$/);
  await page.getByLabel("Organisation name").fill("Acme Payments");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/acme-payments(-\d+)?$/);
  const orgPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: "Acme Payments" })).toBeVisible();

  // Bad input gets a message next to the field and nothing is lost.
  await page
    .getByRole("navigation", { name: "Organisation" })
    .getByRole("link", { name: "Members" })
    .click();
  await page.getByLabel("Email address").fill("not-an-email");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue("not-an-email");

  // The owner invites a viewer and gets the single-use link on screen.
  const viewerEmail = uniqueEmail("viewer");
  await page.getByLabel("Email address").fill(viewerEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = await page.getByLabel("Invitation link (shown only now)").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
  await expect(
    page.getByRole("table", { name: "Pending invitations" }).getByText(viewerEmail),
  ).toBeVisible();

  // The viewer opens the link in another browser, signs up with that email and joins.
  const viewer = await newPerson(browser);
  await viewer.goto(link);
  await expect(viewer.getByText("You have been invited to join")).toBeVisible();
  await viewer.getByRole("link", { name: "Create an account to accept" }).click();
  await expect(viewer.getByLabel("Email")).toHaveValue(viewerEmail);
  await viewer.getByLabel("Name").fill("Victor Viewer");
  await viewer.getByLabel("Password").fill("correct horse battery staple");
  await viewer.getByRole("button", { name: "Create account" }).click();
  await expect(viewer).toHaveURL(/\/invite\//);
  await viewer.getByRole("button", { name: /^Join Acme Payments/ }).click();
  await expect(viewer).toHaveURL(new RegExp(`${orgPath}$`));
  await expect(viewer.getByText("You are a viewer of this organisation.")).toBeVisible();

  // The link cannot be used twice.
  await viewer.goto(link);
  await expect(viewer.getByText("This invitation has already been used.")).toBeVisible();

  // The viewer sees the team but none of the admin controls.
  await viewer.goto(`${orgPath}/members`);
  await expect(
    viewer
      .getByRole("table", { name: "Members" })
      .getByRole("cell", { name: "Olivia Owner", exact: true }),
  ).toBeVisible();
  await expect(viewer.getByText("Invite a teammate")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "Activity" })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "Settings" })).toHaveCount(0);

  // Posting the invitation anyway, with the viewer's own session, is refused clearly.
  const refused = await viewer.request.post(`/api/orgs${orgPath.replace(/^\/o/, "")}/invitations`, {
    data: { email: uniqueEmail("sneaky"), role: "admin" },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({
    error: { code: "FORBIDDEN", message: "You do not have permission to do that." },
  });
  assertNoConsoleErrors(viewer);

  // The owner sees the new member and every change in the activity log.
  await page.goto(`${orgPath}/members`);
  await expect(
    page
      .getByRole("table", { name: "Members" })
      .getByRole("cell", { name: "Victor Viewer", exact: true }),
  ).toBeVisible();

  // The owner promotes the viewer to editor.
  const roleOfVictor = page.getByRole("combobox", { name: "Role of Victor Viewer" });
  await roleOfVictor.selectOption("editor");
  await page.getByRole("button", { name: "Save role of Victor Viewer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await page.reload();
  await expect(roleOfVictor).toHaveValue("editor");

  // Revoking a pending invitation asks first, then the link stops working.
  const extraEmail = uniqueEmail("extra");
  await page.getByLabel("Email address").fill(extraEmail);
  await page.getByRole("button", { name: "Send invitation" }).click();
  const extraLink = await page.getByLabel("Invitation link (shown only now)").inputValue();
  await page.getByRole("button", { name: `Revoke invitation for ${extraEmail}` }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke this invitation?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Revoke invitation" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Pending invitations" })).toHaveCount(0);
  await viewer.goto(extraLink);
  await expect(viewer.getByText("This invitation was revoked.")).toBeVisible();
  await page
    .getByRole("navigation", { name: "Organisation" })
    .getByRole("link", { name: "Activity" })
    .click();
  await expect(page.getByText(/Integrity check passed/)).toBeVisible();
  const log = page.getByRole("table", { name: "Activity log" });
  // The log reads as sentences, not stored action names.
  const said = (sentence: RegExp) => log.getByRole("cell", { name: sentence });
  await expect(said(/accepted the invitation sent to /)).toBeVisible();
  await expect(said(/ added .+ as /)).toHaveCount(2);
  await expect(said(/created the organisation /)).toBeVisible();
  await expect(said(/'s role from viewer to editor/)).toBeVisible();
  await expect(said(/revoked the invitation of /)).toBeVisible();
  await expect(log.getByText("member.role_changed")).toHaveCount(0);

  // A stranger who is signed in gets "not found", never "forbidden".
  const stranger = await newPerson(browser);
  allowOn(stranger, /status of 404/);
  await signUp(stranger, "Sam Stranger", uniqueEmail("stranger"));
  await expect(stranger).toHaveURL(/\/orgs\/new$/);
  const response = await stranger.goto(orgPath);
  expect(response?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const apiResponse = await stranger.request.post(
    `/api/orgs${orgPath.replace(/^\/o/, "")}/invitations`,
    {
      data: { email: uniqueEmail("x"), role: "viewer" },
    },
  );
  expect(apiResponse.status()).toBe(404);
  assertNoConsoleErrors(stranger);
});
