import { rmSync } from 'node:fs';
import { buildFunctions } from '../../scripts/build-functions';
import { SHOTS_DIR } from './paths';

/** The built function bundles, as for every test; and this run's screenshots only. */
export default function globalSetup(): void {
  buildFunctions();
  rmSync(SHOTS_DIR, { recursive: true, force: true });
}
