import "server-only";
import { enrolmentRequiredBy } from "@/lib/db/two-factor-policy";
import { AppError } from "@/lib/errors";

/**
 * Actions and routes of a member who must enrol in two-factor first (an organisation of theirs
 * requires it) answer FORBIDDEN saying so; pages send them to enrolment (requireOrgContext).
 */
export async function assertTwoFactorEnrolled(userId: string): Promise<void> {
  const organisation = await enrolmentRequiredBy(userId);
  if (organisation) {
    throw new AppError(
      "FORBIDDEN",
      `${organisation} requires two-factor sign-in. Turn it on under Account → Two-factor sign-in (/account/two-factor) first.`,
    );
  }
}
