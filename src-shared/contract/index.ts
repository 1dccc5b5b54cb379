export * from './channels';
export * from './errors';
