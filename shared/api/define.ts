// How a method of the contract is declared: its kind, its input schema (checked at runtime in the
// main process) and its output type (checked by the compiler on both sides).
import type { z } from 'zod';

export type MethodKind = 'query' | 'command';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  kind: MethodKind;
  input: I;
  /** never set: carries the output type */
  readonly __output?: O;
}

/** A read: changes nothing. */
export const query =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ kind: 'query', input });

/** A write: after it succeeds, listeners (renderer stores, the reminder scheduler) are told. */
export const command =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ kind: 'command', input });
