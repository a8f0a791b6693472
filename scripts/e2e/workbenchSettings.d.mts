// Types for workbenchSettings.mjs, so the TypeScript e2e harness can import it under strict checking.
export declare const CALM_WORKBENCH_SETTINGS: Readonly<Record<string, unknown>>;
export declare function demoUserSettings(): Record<string, unknown>;
