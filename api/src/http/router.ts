import { OpenAPIHono } from '@hono/zod-openapi';
import { problem, zodFields } from './problem.ts';
import type { AppEnv } from './types.ts';

/** Every sub-router turns schema validation failures into the same problem+json 400. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return problem(c, 400, 'Some fields are not valid.', { code: 'validation', errors: zodFields(result.error) });
      }
    },
  });
}
