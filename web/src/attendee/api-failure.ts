import type { ErrorDetail } from "#shared/api-error";

/** Thrown for a non-2xx answer: the API's error body plus what the join form needs from the headers. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ErrorDetail,
    readonly retryAfter: string | null,
    /** After a wrong passcode: how many guesses remain before the gate asks to wait. */
    readonly attemptsLeft: number | null = null,
  ) {
    super(error.message);
  }
}
