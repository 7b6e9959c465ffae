import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth v4 reads params synchronously; Next 16 hands them over as a promise.
async function handler(request: NextRequest, context: Context): Promise<Response> {
  return NextAuth(request, { params: await context.params }, getAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
