// User settings for a calm, predictable VS Code window: no welcome page, tips, chat or AI entries (chat.disableAIFeatures
// also removes the AI actions from quick-fix menus), no update prompts. The e2e harness and `npm run demo` both
// start code-server with them, so the first look is about Design Notes.
export const CALM_WORKBENCH_SETTINGS = Object.freeze({
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'window.restoreWindows': 'none',
  'files.autoSave': 'off',
});

/** `npm run demo`: the same calm window, with the Case Studies view shown expanded at start. */
export function demoUserSettings() {
  return { ...CALM_WORKBENCH_SETTINGS, 'designNotes.caseStudies.revealOnStartup': true };
}
