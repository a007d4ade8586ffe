import { z } from 'zod';
import { roles, tokenScopes } from './roles.ts';
import { zodIssue, zodText } from '../../messages/zod.ts';
import { DEMO_PASSWORD, passwordProblem } from './password-policy.ts';

export const Email = z
	.string()
	.trim()
	.toLowerCase()
	.pipe(
		z.email({ pattern: z.regexes.unicodeEmail, ...zodText('enter_valid_email_address') }).max(254)
	);
export const Password = z
	.string()
	.min(12, zodText('use_at_least_12_characters'))
	.max(256)
	.superRefine((password, ctx) => {
		if (password.length < 12 || password.length > 256) return; // said by min/max
		const problem = passwordProblem(password);
		if (problem) ctx.addIssue({ code: 'custom', ...zodIssue(problem) });
	});
export const PersonName = z
	.string()
	.transform((s) => s.normalize('NFC').trim())
	.pipe(z.string().min(1, zodText('enter_name')).max(200));

export const LogInInput = z.object({
	email: z.string().trim().toLowerCase().max(254),
	password: z.string().max(256)
});
export type LogInInput = z.infer<typeof LogInInput>;

export const ChangePasswordInput = z.object({
	currentPassword: z.string().max(256),
	newPassword: Password
});
export const ForgotPasswordInput = z.object({ email: Email });
export const ResetPasswordInput = z.object({
	token: z.string().min(1).max(200),
	password: Password
});

export const CreateUserInput = z.object({
	email: Email,
	name: PersonName,
	role: z.enum(roles),
	password: Password,
	locale: z.enum(['nl', 'en']).default('nl')
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;
/** The seed's demo staff: the published demo password, which CreateUserInput refuses. */
export const DemoUserInput = CreateUserInput.extend({ password: z.literal(DEMO_PASSWORD) });

export const UpdateUserInput = z.object({
	name: PersonName.optional(),
	role: z.enum(roles).optional(),
	active: z.boolean().optional(),
	locale: z.enum(['nl', 'en']).optional(),
	digest: z.boolean().optional()
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const CreateApiTokenInput = z.object({
	name: z
		.string()
		.transform((s) => s.normalize('NFC').trim())
		.pipe(z.string().min(1, zodText('give_token_name')).max(100)),
	scopes: z.array(z.enum(tokenScopes)).min(1, zodText('choose_at_least_one_scope'))
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>;
