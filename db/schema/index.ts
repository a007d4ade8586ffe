/** One barrel for drizzle: the whole domain's tables. */
export * from './accounts.ts';
export * from './customers.ts';
export * from './gifts.ts';
export * from './campaigns.ts';
export * from './surprises.ts';
export * from './reactions.ts';
export * from './operations.ts';
export * from './draws.ts';
export * from './jobs.ts';
export * from './brand.ts';
export * from './shipments.ts';
export * from './address-checks.ts';
export * from './wall.ts';
