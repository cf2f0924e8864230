export * from './layout';
export * from './safe-area';
export * from './state-layout';
