import type { StaffCan, UserView } from '#api/client';

declare global {
	namespace App {
		interface Locals {
			/** The logged-in staff member, resolved through GET /api/v1/auth/me; null when anonymous. */
			user: UserView | null;
			/** What the API lets this user do beyond reading (menu entries, new/edit pages); null when anonymous. */
			can: StaffCan | null;
		}
		interface Error {
			status: number;
			message: string;
			/** The API's request id, when the error came from it: helps find the log line. */
			requestId?: string;
		}
	}
}

export {};
