/**
 * The package root: the same functional API as `ipfs_accelerate_js/ovms`. The facade lives in
 * `ipfs_accelerate_js/api_backends` and the fp-ts views in `ipfs_accelerate_js/ovms/fp`; neither
 * is reachable from here, so importing the root never pulls them into a bundle.
 */
export * from './ovms.js';
