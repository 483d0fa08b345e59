/** Message catalogues (kk, ru, en) and the choice of language; see catalogue.ts. */
export * from './catalogue.js';
