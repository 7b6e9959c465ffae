"use server";

import { revalidatePath } from "next/cache";
import { createEngagementsFromRecommendation } from "@/lib/db/engagements";
import { engagementName } from "@/lib/domain/engagements";
import { CreateRecommendedInput } from "@/lib/schemas/engagement";
import { orgAction } from "@/lib/server/action";

export const createRecommendedEngagementsAction = orgAction(
  CreateRecommendedInput,
  async (ctx, input) => {
    const engagements = input.recommendations.map((recommendation) => {
      const dates =
        recommendation.type === "TYPE_I"
          ? { type: "TYPE_I" as const, asOfDate: input.asOfDate ?? "" }
          : {
              type: "TYPE_II" as const,
              periodStart: input.periodStart ?? "",
              periodEnd: input.periodEnd ?? "",
            };
      return {
        name: engagementName(recommendation.family, recommendation.type, dates),
        family: recommendation.family,
        type: recommendation.type,
        asOfDate: input.asOfDate,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        categories: recommendation.categories,
        objectiveIds: [],
        cuecs: [],
        userResponsibilities: [],
        subservices: [],
      };
    });
    const result = await createEngagementsFromRecommendation(ctx, engagements);
    revalidatePath(`/o/${ctx.orgSlug}/engagements`);
    return result;
  },
);
