import { buildFunctions } from '../../scripts/build-functions';

/** Tests call the built bundles, exactly what is deployed to CloudBase. */
export default function globalSetup(): void {
  buildFunctions();
}
