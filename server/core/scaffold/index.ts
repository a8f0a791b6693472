// Case-study scaffolding, shared by "New Case Study", "Add Missing Files", the missing-file/section quick fixes
// and `design-notes new`. Pure planning (names, render, templates, plan) + careful writing (write) + Node-only
// helpers (templateLoader, author, nodeFileSystem, caseStudyRoot).
export * from './names';
export * from './render';
export * from './templates';
export * from './plan';
export * from './write';
export * from './templateLoader';
export * from './author';
export * from './nodeFileSystem';
export * from './caseStudyRoot';
export * from './templatesSetting';
export * from './writingPosition';
