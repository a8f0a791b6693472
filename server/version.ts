import { version } from '../package.json';

/** The product version, from the manifest (bundled at build time: the named import keeps the rest of it out). */
export const VERSION: string = version;
