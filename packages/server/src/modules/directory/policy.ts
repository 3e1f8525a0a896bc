import { definePolicy } from '../../policy.js';

/** The unit directory: everyone signed in reads it; coordinators and administrators curate it. */
export const directoryPolicy = definePolicy({
  'unit.read': { authenticated: true },
  'unit.create': { anyUnit: ['coordinator', 'admin'] },
  'unit.update': { anyUnit: ['coordinator', 'admin'] },
  'unit.confirm': { anyUnit: ['coordinator', 'admin'] },
  'unit.map': { anyUnit: ['coordinator', 'admin'] },
});
