import { nextAuthRoute } from "@/lib/server/auth-route";

export { nextAuthRoute as GET, nextAuthRoute as POST };
