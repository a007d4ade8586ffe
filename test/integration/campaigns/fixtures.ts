/** Shapes and date arithmetic shared by the campaign suites. */
export type Campaign = {
	id: string;
	name: string;
	status: string;
	startsOn: string;
	endsOn: string;
	budget: { budgetCents: number; reservedCents: number; spentCents: number; leftCents: number };
	giftIds: string[];
	maxSurprises: number | null;
	surprisesByStatus: Record<string, number>;
	surprisesTotal: number;
	overdue: {
		count: number;
		items: { reference: string; daysOverdue: number; dueOn: string; status: string }[];
	};
	decisions: {
		decision: string;
		comment: string;
		decidedBy: { id: string; name: string } | null;
	}[];
	createdBy: { id: string; name: string } | null;
	effectiveStatus: string;
	openForSurprises: boolean;
};

export const addDays = (date: string, days: number) =>
	new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
