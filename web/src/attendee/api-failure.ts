import type { ApiError } from "../api";

/** Thrown for a non-2xx answer: the API's error body plus what the join form needs from the headers. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError["error"],
    readonly retryAfter: string | null,
  ) {
    super(error.message);
  }
}
