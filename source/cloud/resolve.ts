import {builtInClouds, type Cloud} from './cloud.ts';

/** Placeholder signature; the implementation follows (built-ins, metadata URL, env, Azure CLI's active cloud). */
export function findBuiltInCloud(name: string): Cloud | undefined {
	return builtInClouds.find(cloud => cloud.name.toLowerCase() === name.toLowerCase());
}
