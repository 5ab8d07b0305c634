import { join } from 'node:path';

/** Where each e2e step leaves its screenshots (git-ignored). */
export const SHOTS_DIR = join(__dirname, '..', '..', 'test-results', 'e2e');
