import type { GroupSource } from "../../auth/authz";
import type { Role } from "../../db/schema";

/** Treasury routes find their group in the `:groupId` path parameter. */
export const GROUP: GroupSource = { from: "param", name: "groupId" };
/** Who keeps the books. */
export const TREASURER: readonly Role[] = ["treasurer"];
/** Who may read the books and decide on expense claims (never their own). */
export const TREASURY_READERS: readonly Role[] = ["treasurer", "admin"];
/** Any service member may claim an expense. */
export const SERVICE_MEMBERS: readonly Role[] = ["secretary", "host", "treasurer", "admin"];

/** OpenAPI description of the header every money-affecting POST requires. */
export const IDEMPOTENCY_HEADER = {
  parameters: [
    {
      in: "header" as const,
      name: "Idempotency-Key",
      required: true,
      description: "8–128 characters; the same key and body replay the first response, another body → 422",
      schema: { type: "string" as const, pattern: "^[A-Za-z0-9._:-]{8,128}$" },
    },
  ],
};
