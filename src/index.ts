// The library API: `import { ... } from 'medcoder'`. Each module adds its public functions here.
export * from './store/index.js';
export { ImportError } from './codesets/errors.js';
export * from './terminology/index.js';
