import { newRouter } from '../http/router.ts';

export const customersRoutes = newRouter();
