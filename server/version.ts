import pkg from '../package.json';

/** The product version, from the manifest (bundled at build time). */
export const VERSION: string = pkg.version;
