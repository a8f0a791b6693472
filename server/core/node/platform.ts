// Loaded by every Node adapter: the core's paths become Node's own (win32 paths on Windows), as they were before
// the core stopped importing node:path. See server/core/path.ts.
import * as nodePath from 'node:path';
import { usePathFlavour } from '../../../common/path';

usePathFlavour(nodePath);
