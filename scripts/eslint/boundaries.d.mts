// Types for boundaries.mjs, so the TypeScript tests can import its table under strict checking.
import type { ESLint, Rule } from 'eslint';

export interface Zone {
  name: string;
  folder: string;
  what: string;
  may: string[];
  typesFrom?: string[];
  packages: 'any' | string[] | { deny: string[] };
  builtins: boolean | string[];
  typeOnly?: string[];
}
export declare const ZONES: Zone[];
export declare const boundariesRule: Rule.RuleModule;
export declare const boundariesPlugin: ESLint.Plugin;
