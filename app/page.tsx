import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { listMyOrganizations } from "@/lib/db/organizations";

// Home: the first organisation the user belongs to, or the page to create one.
export default async function HomePage() {
  const user = await requireUser();
  const [first] = await listMyOrganizations(user);
  redirect(first ? `/o/${first.slug}` : "/orgs/new");
}
