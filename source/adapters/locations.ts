import os from 'node:os';
import path from 'node:path';

/** The Azure CLI's config folder: AZURE_CONFIG_DIR or ~/.azure (the CLI's own convention). */
export function azureConfigDirectoryOf(env: Readonly<Record<string, string | undefined>>, home = os.homedir()): string {
	return env.AZURE_CONFIG_DIR && env.AZURE_CONFIG_DIR !== '' ? env.AZURE_CONFIG_DIR : path.join(home, '.azure');
}

/** authfix's own data (as `sessions` has it): AUTHFIX_DATA_DIR, AUTHFIX_HOME, $XDG_DATA_HOME/authfix, ~/.local/share/authfix. */
export function authfixDataDirectoryOf(
	env: Readonly<Record<string, string | undefined>>,
	home: string = os.homedir(),
): string {
	if (env.AUTHFIX_DATA_DIR) return env.AUTHFIX_DATA_DIR;
	if (env.AUTHFIX_HOME) return env.AUTHFIX_HOME;
	return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'authfix');
}

/** authfix's data folder for an environment (its HOME, else the user's home). */
export function dataDirectoryOf(env: Readonly<Record<string, string | undefined>>): string {
	return authfixDataDirectoryOf(env, env.HOME || undefined);
}
