import type { Db } from '../client.ts';

export const DEMO_PASSWORD = 'hoppatee-demo';
export async function seedDemo(_db: Db) {
  return { customers: 0, surprises: 0, reactions: 0, logins: [] as { email: string; role: string }[] };
}
