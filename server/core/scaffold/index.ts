// Case-study scaffolding, shared by "New Case Study", "Add Missing Files", the missing-file/section quick fixes
// and `design-notes new`. Pure planning (names, render, templates, plan) + careful writing (write) + loading
// through the core's FileSystem (templateLoader, templateLibraries). Names, render, write and writingPosition live in
// common/scaffold because the VS Code client runs them too; re-exported here for the core. The Node-only parts (the
// disk writer, git's author, the shipped templates folder) are in server/core/node/.
export * from '../../../common/scaffold/names';
export * from '../../../common/scaffold/render';
export * from './templates';
export * from './plan';
export * from '../../../common/scaffold/write';
export * from './templateLoader';
export * from './templateLibraries';
export * from './caseStudyRoot';
export * from './templatesSetting';
export * from '../../../common/scaffold/writingPosition';
