// Types for the generated validator (see scripts/gen-validators.mjs).
import type { ErrorObject } from 'ajv';

/** Validates the `layout:` section of hattama.yaml (every key optional); errors in `validate.errors`. */
declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
export { validate };
