export * from './card-number.ts';
export * from './contract.ts';
export * from './customer-answer.ts';
export * from './errors.ts';
export * from './ids.ts';
export * from './omise.ts';
