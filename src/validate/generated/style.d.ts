// Types for the generated validator (see scripts/gen-validators.mjs).
import type { ErrorObject } from 'ajv';

/** Validates a style profile or an override of part of it (every key optional); errors in `validate.errors`. */
declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
export { validate };
