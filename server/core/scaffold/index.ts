// Case-study scaffolding, shared by "New Case Study", "Add Missing Files", the missing-file/section quick fixes
// and `design-notes new`. Pure planning (names, render, templates, plan) + careful writing (write) + Node-only
// helpers (templateLoader, author, nodeFileSystem, caseStudyRoot). Names, render, write and writingPosition live in
// common/scaffold because the VS Code client runs them too; re-exported here for the core.
export * from '../../../common/scaffold/names';
export * from '../../../common/scaffold/render';
export * from './templates';
export * from './plan';
export * from '../../../common/scaffold/write';
export * from './templateLoader';
export * from './author';
export * from './nodeFileSystem';
export * from './caseStudyRoot';
export * from './templatesSetting';
export * from '../../../common/scaffold/writingPosition';
