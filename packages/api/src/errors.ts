import { type DomainError, ERROR_CAUSES } from '@stockpulse/shared';
import { type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';

export { DomainError, type ErrorCause, type ErrorDetails } from '@stockpulse/shared';

// Each cause's code must be one tRPC knows; checked here, where tRPC is in reach.
const CODES: Record<keyof typeof ERROR_CAUSES, TRPC_ERROR_CODE_KEY> = ERROR_CAUSES;

export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: CODES[error.code], message: error.message, cause: error });
}
