export type { CustomersRouterOptions, RouterPublicConfig, ServerCustomerFields } from './options.ts';
export { type CustomersRouter, createCustomersRouter } from './router.ts';
