// Types for the generated validator (see scripts/gen-validators.mjs).
import type { ErrorObject } from 'ajv';
import type { ReferralRulesFile } from '../../referral/rules.js';

/** Validates data/referral-rules.yaml against schemas/referral-rules.schema.json; errors in `validate.errors`. */
declare const validate: ((data: unknown) => data is ReferralRulesFile) & { errors?: ErrorObject[] | null };
export default validate;
export { validate };
