//
export * from './models';
