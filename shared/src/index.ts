export * from './card-number.ts';
export * from './contract.ts';
export * from './errors.ts';
export * from './omise.ts';
