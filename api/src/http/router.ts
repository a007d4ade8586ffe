import { OpenAPIHono } from '@hono/zod-openapi';
import { invalidInput } from './problem.ts';
import type { AppEnv } from './types.ts';

/** Every sub-router turns schema validation failures into the same problem+json 400. */
export function newRouter() {
	return new OpenAPIHono<AppEnv>({
		defaultHook: (result, c) => {
			if (!result.success) {
				return invalidInput(c, result.error);
			}
		}
	});
}
