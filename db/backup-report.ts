/** The backup and restore commands' arguments and their one-paragraph reports. */
import { BackupError, type BackupResult, type RestoreResult, type TableSum } from './backup.ts';

export function parseArgs(
	argv: string[],
	known: string[]
): { file: string | undefined; flags: Set<string> } {
	const flags = new Set<string>();
	let file: string | undefined;
	for (const arg of argv) {
		if (arg.startsWith('--')) {
			const flag = arg.slice(2);
			if (!known.includes(flag))
				throw new BackupError(
					`Unknown option ${arg} (known: ${known.map((k) => `--${k}`).join(', ')}).`
				);
			flags.add(flag);
		} else if (file) throw new BackupError(`One file only (got ${file} and ${arg}).`);
		else file = arg;
	}
	return { file, flags };
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
	if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
	return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

const rows = (tables: TableSum[]) =>
	`${tables.length} tables, ${tables.reduce((n, t) => n + t.rows, 0).toLocaleString('en')} rows`;

export function describeBackup(result: BackupResult, where: string): string {
	const via =
		result.via === 'app'
			? ' (served by the running app)'
			: result.via === 'directory'
				? ' (no app running: read from the directory)'
				: '';
	return `Backed up ${where}${via} to ${result.file}: ${formatBytes(result.bytes)} in ${(result.ms / 1000).toFixed(1)} s, ${rows(result.tables)}.`;
}

export function describeRestore(result: RestoreResult, file: string, where: string): string {
	const aside = result.setAside ? ` What was there is now in ${result.setAside}.` : '';
	return `Restored ${file} into ${where} in ${(result.ms / 1000).toFixed(1)} s: ${rows(result.tables)}.${aside} The next start migrates it to this version.`;
}
