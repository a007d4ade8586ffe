/** The part of fs-native-extensions (no types of its own) the data-dir lock uses. */
declare module 'fs-native-extensions' {
	/** An exclusive open-file-description lock on the whole file; false when another holds it. */
	export function tryLock(fd: number): boolean;
}
