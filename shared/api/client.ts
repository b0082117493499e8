// The typed client the renderer uses, over whichever transport carries calls (Electron IPC or HTTP).
import type { InputOf, MethodName, OutputOf } from './contract';
import { ApiError, type ApiResult } from './errors';

export type Transport = (method: MethodName, input: unknown) => Promise<ApiResult<unknown>>;

export interface KithClient {
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
}

export function createClient(transport: Transport): KithClient {
  return {
    async call(method, input) {
      let result: ApiResult<unknown>;
      try {
        result = await transport(method, input);
      } catch (err) {
        throw new ApiError({ code: 'internal', message: `Kith could not be reached: ${(err as Error).message}` });
      }
      if (!result.ok) throw new ApiError(result.error);
      return result.value as never;
    },
  };
}
